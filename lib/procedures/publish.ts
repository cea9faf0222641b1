// Publishing: turns validated content into a new immutable version and makes it current.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Invalid } from "@/lib/actions/errors";
import type { ProcedureContent } from "./schemas";
import { serialiseLimitsByMailboxUsers } from "@/lib/runs/limits";
import { reindexProcedure } from "./search";
import { assignSeriesKeys, type RenamedKey } from "./series";

export type VersionSource = "SEED" | "EDITOR" | "IMPORT" | "RESTORE";

export interface PublishMeta {
  source: VersionSource;
  changeNote: string;
  authorId: string | null;
  approvedById?: string | null;
  seedHash?: string | null;
}

export async function publishVersion(
  tx: Prisma.TransactionClient,
  procedureId: string,
  content: ProcedureContent,
  meta: PublishMeta,
): Promise<{ id: string; number: number; renamedKeys: RenamedKey[] }> {
  const toolSlugs = [...new Set(content.tools.map((t) => t.tool))];
  const tools = await tx.tool.findMany({ where: { slug: { in: toolSlugs } }, select: { id: true, slug: true } });
  const toolId = new Map(tools.map((t) => [t.slug, t.id]));
  const missing = toolSlugs.filter((slug) => !toolId.has(slug));
  if (missing.length > 0) throw new Invalid(`Unknown tool: ${missing.join(", ")}.`, { tools: [`Unknown tool: ${missing.join(", ")}`] });

  const last = await tx.procedureVersion.findFirst({
    where: { procedureId },
    orderBy: { number: "desc" },
    select: { number: true },
  });
  const number = (last?.number ?? 0) + 1;
  // Every way a version is made (seed, editor, import, restore) comes through here, so this is
  // where a number item whose unit changed starts a new series (series.ts).
  const earlier = await tx.checklistItem.findMany({ where: { kind: "NUMBER", version: { procedureId } }, select: { key: true, unit: true, version: { select: { number: true } } } });
  const { items, renamed } = assignSeriesKeys(
    content.items,
    earlier.map((e) => ({ key: e.key, unit: e.unit, versionNumber: e.version.number })),
  );
  const version = await tx.procedureVersion.create({
    data: {
      procedureId,
      number,
      title: content.title,
      purpose: content.purpose,
      body: content.body,
      cadence: content.cadence,
      smf: content.smf,
      relatedSmfs: JSON.stringify(content.relatedSmfs),
      references: JSON.stringify(content.references),
      managementReview: content.managementReview,
      changeNote: meta.changeNote,
      source: meta.source,
      seedHash: meta.seedHash ?? null,
      authorId: meta.authorId,
      approvedById: meta.approvedById ?? null,
      roles: { create: content.roles.map((role) => ({ role })) },
      items: {
        create: items.map((item, position) => ({
          key: item.key,
          position,
          kind: item.kind,
          text: item.text,
          help: item.help,
          required: item.required,
          unit: item.kind === "NUMBER" ? (item.unit ?? null) : null,
          min: item.min ?? null,
          max: item.max ?? null,
          limitsByMailboxUsers: item.kind === "NUMBER" ? serialiseLimitsByMailboxUsers(item.limitsByMailboxUsers) : "",
          counter: item.counter || null,
          choices: JSON.stringify(item.choices),
          passChoices: JSON.stringify(item.passChoices),
          roles: { create: item.roles.map((role) => ({ role })) },
        })),
      },
      tools: {
        create: content.tools.map((use, position) => ({
          toolId: toolId.get(use.tool)!,
          position,
          command: use.command,
          purpose: use.purpose,
        })),
      },
    },
    select: { id: true, number: true },
  });
  await tx.procedure.update({ where: { id: procedureId }, data: { currentVersionId: version.id, slug: content.slug, reviewIntervalMonths: content.reviewIntervalMonths } });
  await reindexProcedure(tx, procedureId);
  return { ...version, renamedKeys: renamed };
}

/**
 * Runs not yet performed (no result, not completed or skipped) move to the new version, so work
 * done from now on follows the new instructions; runs with any result stay on the version they
 * were performed against. Publishing from the editor and a library release both use it.
 */
export async function repinUnstartedRuns(tx: Prisma.TransactionClient, procedureId: string, versionId: string): Promise<number> {
  const moved = await tx.run.updateMany({
    where: { procedureId, versionId: { not: versionId }, completedAt: null, skippedAt: null, results: { none: {} } },
    data: { versionId },
  });
  return moved.count;
}
