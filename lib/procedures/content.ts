// A stored procedure version turned back into the content shape every writer uses (editor drafts,
// file export, comparisons), so what was published can be edited, exported or compared as data.
import "server-only";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseStringArray } from "@/lib/json";
import { ProcedureContentSchema, type ProcedureContent } from "./schemas";
import { parseLimitsByMailboxUsers } from "@/lib/runs/limits";

const VERSION_CONTENT_SELECT = {
  title: true,
  purpose: true,
  body: true,
  cadence: true,
  smf: true,
  relatedSmfs: true,
  references: true,
  managementReview: true,
  procedure: { select: { slug: true, reviewIntervalMonths: true } },
  roles: { select: { role: true } },
  items: { orderBy: { position: "asc" }, select: { key: true, kind: true, text: true, help: true, required: true, unit: true, min: true, max: true, limitsByMailboxUsers: true, counter: true, choices: true, passChoices: true, roles: { select: { role: true } } } },
  tools: { orderBy: { position: "asc" }, select: { command: true, purpose: true, tool: { select: { slug: true } } } },
} satisfies Prisma.ProcedureVersionSelect;

type VersionRow = Prisma.ProcedureVersionGetPayload<{ select: typeof VERSION_CONTENT_SELECT }>;

function toContent(v: VersionRow): ProcedureContent {
  const references = (() => {
    try {
      const parsed: unknown = JSON.parse(v.references);
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      return [];
    }
  })();
  // Parsing also applies the same normalisation as the editor (trimming, defaults).
  return ProcedureContentSchema.parse({
    slug: v.procedure.slug,
    title: v.title,
    cadence: v.cadence,
    roles: v.roles.map((r) => r.role).sort(),
    smf: v.smf,
    relatedSmfs: parseStringArray(v.relatedSmfs),
    purpose: v.purpose,
    body: v.body,
    items: v.items.map((i) => ({
      key: i.key,
      kind: i.kind,
      text: i.text,
      help: i.help,
      required: i.required,
      unit: i.unit ?? undefined,
      min: i.min ?? undefined,
      max: i.max ?? undefined,
      limitsByMailboxUsers: parseLimitsByMailboxUsers(i.limitsByMailboxUsers) ?? undefined,
      counter: i.counter ?? undefined,
      choices: parseStringArray(i.choices),
      passChoices: parseStringArray(i.passChoices),
      roles: i.roles.map((r) => r.role),
    })),
    tools: v.tools.map((t) => ({ tool: t.tool.slug, command: t.command, purpose: t.purpose })),
    references,
    managementReview: v.managementReview,
    reviewIntervalMonths: v.procedure.reviewIntervalMonths,
  });
}

/** The content of one version, or null when there is no such version. */
export async function versionContent(db: Db | Prisma.TransactionClient, versionId: string): Promise<ProcedureContent | null> {
  const v = await db.procedureVersion.findUnique({ where: { id: versionId }, select: VERSION_CONTENT_SELECT });
  return v ? toContent(v) : null;
}

/** The current content of every published procedure, ordered by slug (for exports). */
export async function allCurrentContent(db: Db): Promise<{ procedureId: string; seedCode: string | null; versionNumber: number; content: ProcedureContent }[]> {
  const procedures = await db.procedure.findMany({
    where: { currentVersionId: { not: null }, archivedAt: null },
    orderBy: { slug: "asc" },
    select: { id: true, seedCode: true, currentVersion: { select: { number: true, ...VERSION_CONTENT_SELECT } } },
  });
  return procedures.map((p) => ({ procedureId: p.id, seedCode: p.seedCode, versionNumber: p.currentVersion!.number, content: toContent(p.currentVersion!) }));
}
