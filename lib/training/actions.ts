"use server";
import { defineAction } from "@/lib/actions/define";
import { Conflict, NotFound } from "@/lib/actions/errors";
import type { Role } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatDate } from "@/lib/time/format";
import { liveProcedures, loadReadingListData } from "./data";
import { entryFor, ROLE_PLURAL, roleListState, type ReadingListMode } from "./reading-list";
import { AcknowledgeSchema, ReadingListAddManySchema, ReadingListChangeSchema } from "./schemas";
import { readTimeZone } from "@/lib/settings/organisation";

const TRAINING_PATHS = ["/training", "/training/matrix", "/procedures"];

export const acknowledgeAction = defineAction({
  name: "training.acknowledge",
  permission: "procedure:acknowledge",
  revalidate: TRAINING_PATHS,
  schema: AcknowledgeSchema,
  async handler(input, { tx, user }) {
    const version = await tx.procedureVersion.findUnique({
      where: { id: input.versionId },
      select: {
        id: true,
        number: true,
        title: true,
        procedure: { select: { id: true, slug: true, archivedAt: true, currentVersionId: true, currentVersion: { select: { number: true } } } },
      },
    });
    if (!version || version.procedure.archivedAt) throw new NotFound("That procedure version does not exist.");
    const current = version.procedure.currentVersion?.number;
    if (version.procedure.currentVersionId !== version.id) {
      throw new Conflict(
        `Version ${version.number} of ${version.title} is no longer current${current ? `: version ${current} replaced it. Read version ${current} and acknowledge that one` : ""}.`,
      );
    }
    const existing = await tx.acknowledgement.findUnique({ where: { userId_versionId: { userId: user.id, versionId: version.id } }, select: { at: true } });
    if (existing) {
      throw new Conflict(`You already acknowledged version ${version.number} of ${version.title} on ${formatDate(existing.at, await readTimeZone(tx))}.`);
    }
    const previous = await tx.acknowledgement.findFirst({
      where: { userId: user.id, version: { procedureId: version.procedure.id } },
      orderBy: { version: { number: "desc" } },
      select: { id: true, at: true, version: { select: { id: true, number: true } } },
    });
    const acknowledgement = await tx.acknowledgement.create({ data: { userId: user.id, versionId: version.id }, select: { id: true, at: true } });
    return {
      audit: {
        action: "training.acknowledge",
        entityType: "Acknowledgement",
        entityId: acknowledgement.id,
        before: previous ? { acknowledgementId: previous.id, versionId: previous.version.id, versionNumber: previous.version.number, at: previous.at } : undefined,
        after: { userId: user.id, procedureId: version.procedure.id, slug: version.procedure.slug, versionId: version.id, versionNumber: version.number, title: version.title, at: acknowledgement.at },
      },
      message: `Recorded: you have read and understood version ${version.number} of ${version.title}.`,
    };
  },
});

/** Puts a procedure on a role's list or takes it off, recording the smallest change to the default. */
async function changeReadingList(tx: Prisma.TransactionClient, role: Role, procedureId: string, wantOnList: boolean) {
  const procedure = await tx.procedure.findUnique({
    where: { id: procedureId },
    select: { id: true, archivedAt: true, currentVersion: { select: { title: true } } },
  });
  if (!procedure || procedure.archivedAt || !procedure.currentVersion) throw new NotFound("That procedure does not exist.");
  const title = procedure.currentVersion.title;
  const data = await loadReadingListData(tx, procedure.id);
  const entry = await tx.readingListEntry.findUnique({ where: { role_procedureId: { role, procedureId } }, select: { id: true, mode: true } });
  const before = roleListState(role, procedureId, data.schedules, (entry?.mode as ReadingListMode | undefined) ?? null);
  if (before.onList === wantOnList) {
    throw new Conflict(wantOnList ? `${title} is already on the ${ROLE_PLURAL[role]}' reading list.` : `${title} is not on the ${ROLE_PLURAL[role]}' reading list.`);
  }
  const mode = entryFor(wantOnList, before.byDefault);
  if (mode === null) await tx.readingListEntry.delete({ where: { id: entry!.id } });
  else await tx.readingListEntry.upsert({ where: { role_procedureId: { role, procedureId } }, create: { role, procedureId, mode }, update: { mode } });
  return {
    audit: {
      entityType: "ReadingList",
      entityId: role,
      before: { procedureId, title, onList: before.onList, byDefault: before.byDefault, entry: before.entry },
      after: { procedureId, title, onList: wantOnList, byDefault: before.byDefault, entry: mode },
    },
    title,
  };
}

export const addToReadingListAction = defineAction({
  name: "training.reading_list_add",
  permission: "training:manage",
  revalidate: TRAINING_PATHS,
  schema: ReadingListChangeSchema,
  async handler(input, { tx }) {
    const { audit, title } = await changeReadingList(tx, input.role, input.procedureId, true);
    return {
      audit: { action: "training.reading_list_add", ...audit },
      message: `${title} added to the ${ROLE_PLURAL[input.role]}' reading list.`,
    };
  },
});

export const removeFromReadingListAction = defineAction({
  name: "training.reading_list_remove",
  permission: "training:manage",
  revalidate: TRAINING_PATHS,
  schema: ReadingListChangeSchema,
  async handler(input, { tx }) {
    const { audit, title } = await changeReadingList(tx, input.role, input.procedureId, false);
    return {
      audit: { action: "training.reading_list_remove", ...audit },
      message: `${title} removed from the ${ROLE_PLURAL[input.role]}' reading list.`,
    };
  },
});

/** "A, B and C" with at most `shown` names, then how many more. */
function nameList(titles: string[], shown = 5): string {
  const head = titles.slice(0, shown);
  const rest = titles.length - head.length;
  if (rest > 0) return `${head.join(", ")} and ${rest} more`;
  return head.length > 1 ? `${head.slice(0, -1).join(", ")} and ${head.at(-1)}` : (head[0] ?? "");
}

/**
 * Several procedures put on a role's list in one go, each with the smallest entry (as a single add
 * records it). One decision, so one audit event naming every procedure added; procedures already on
 * the list are named apart and left as they are. An unknown or archived procedure refuses the whole
 * request: nothing is added.
 */
export const addManyToReadingListAction = defineAction({
  name: "training.reading_list_add_many",
  permission: "training:manage",
  revalidate: TRAINING_PATHS,
  schema: ReadingListAddManySchema,
  async handler(input, { tx }) {
    const ids = [...new Set(input.procedureIds)];
    const procedures = await liveProcedures(tx, ids);
    const missing = ids.length - procedures.length;
    if (missing > 0) {
      throw new NotFound(`${missing === 1 ? "One of the chosen procedures does not" : `${missing} of the chosen procedures do not`} exist or ${missing === 1 ? "is" : "are"} archived. Nothing was added; reload the page and choose again.`);
    }
    const data = await loadReadingListData(tx);
    const entries = new Map(data.entries.filter((e) => e.role === input.role).map((e) => [e.procedureId, e.mode as ReadingListMode]));
    const added: { procedureId: string; code: string | null; title: string; byDefault: boolean; entry: ReadingListMode | null }[] = [];
    const already: { procedureId: string; title: string }[] = [];
    for (const p of procedures) {
      const state = roleListState(input.role, p.id, data.schedules, entries.get(p.id) ?? null);
      if (state.onList) {
        already.push({ procedureId: p.id, title: p.title });
        continue;
      }
      const mode = entryFor(true, state.byDefault);
      if (mode === null) await tx.readingListEntry.delete({ where: { role_procedureId: { role: input.role, procedureId: p.id } } });
      else await tx.readingListEntry.upsert({ where: { role_procedureId: { role: input.role, procedureId: p.id } }, create: { role: input.role, procedureId: p.id, mode }, update: { mode } });
      added.push({ procedureId: p.id, code: p.code, title: p.title, byDefault: state.byDefault, entry: mode });
    }
    const list = `the ${ROLE_PLURAL[input.role]}' reading list`;
    if (added.length === 0) {
      throw new Conflict(already.length === 1 ? `${already[0]!.title} is already on ${list}.` : `All ${already.length} chosen procedures are already on ${list}.`);
    }
    const skipped = already.length === 0 ? "" : ` ${already.length} ${already.length === 1 ? "was" : "were"} already on it: ${nameList(already.map((a) => a.title))}.`;
    return {
      audit: {
        action: "training.reading_list_add_many",
        entityType: "ReadingList",
        entityId: input.role,
        after: { added, alreadyOnList: already.map((a) => a.procedureId) },
      },
      message: `${added.length} ${added.length === 1 ? "procedure" : "procedures"} added to ${list}: ${nameList(added.map((a) => a.title))}.${skipped}`,
    };
  },
});
