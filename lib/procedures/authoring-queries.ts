// Reads for the editor, the versions page and the review list.
import "server-only";
import { Temporal } from "@js-temporal/polyfill";
import { db } from "@/lib/db";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { versionContent } from "./content";
import { diffContent } from "./diff";
import { parseDraftContent, type DraftStatus } from "./drafts";
import type { ProcedureContent } from "./schemas";
import { listPlaceholderVariables } from "./placeholder-queries";

export async function getEditorData(slug: string) {
  const procedure = await db.procedure.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      seedCode: true,
      archivedAt: true,
      currentVersion: { select: { id: true, number: true, title: true, publishedAt: true } },
      drafts: {
        select: { id: true, revision: true, status: true, content: true, authorId: true, updatedAt: true, approvedAt: true, approvedById: true, author: { select: { name: true } } },
      },
    },
  });
  if (!procedure) return null;
  const draftRow = procedure.drafts[0] ?? null;
  const [tools, variables, settings, editors, approvedBy] = await Promise.all([
    listToolChoices(),
    listPlaceholderVariables(),
    getOrganisationSettings(),
    draftRow ? db.auditEvent.findMany({ where: { entityType: "ProcedureDraft", entityId: draftRow.id, action: "procedure.draft_save" }, select: { actorId: true }, distinct: ["actorId"] }) : [],
    draftRow?.approvedById ? db.user.findUnique({ where: { id: draftRow.approvedById }, select: { name: true } }) : null,
  ]);
  let content: ProcedureContent | null = draftRow ? parseDraftContent(draftRow.content) : null;
  if (!content && procedure.currentVersion) content = await versionContent(db, procedure.currentVersion.id);
  return {
    procedure: { id: procedure.id, slug: procedure.slug, code: procedure.seedCode, archived: procedure.archivedAt !== null, currentVersion: procedure.currentVersion },
    content,
    draft: draftRow
      ? {
          id: draftRow.id,
          revision: draftRow.revision,
          status: draftRow.status as DraftStatus,
          authorId: draftRow.authorId,
          authorName: draftRow.author.name,
          updatedAt: draftRow.updatedAt,
          approvedByName: approvedBy?.name ?? null,
          editorIds: [draftRow.authorId, ...editors.map((e) => e.actorId).filter((x): x is string => x !== null)],
        }
      : null,
    tools,
    variables,
    requireSecondApproval: settings.requireSecondApproval,
    timeZone: settings.timeZone,
  };
}

export type EditorData = NonNullable<Awaited<ReturnType<typeof getEditorData>>>;

export async function listVersions(slug: string) {
  const procedure = await db.procedure.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      currentVersionId: true,
      currentVersion: { select: { title: true } },
      versions: {
        orderBy: { number: "desc" },
        select: { id: true, number: true, title: true, changeNote: true, source: true, publishedAt: true, author: { select: { name: true } }, approvedBy: { select: { name: true } } },
      },
      drafts: { select: { id: true } },
    },
  });
  if (!procedure || !procedure.currentVersionId) return null;
  return { ...procedure, hasDraft: procedure.drafts.length > 0 };
}

/** The differences between two versions of one procedure, by version number. */
export async function compareVersions(procedureId: string, from: number, to: number) {
  const versions = await db.procedureVersion.findMany({ where: { procedureId, number: { in: [from, to] } }, select: { id: true, number: true } });
  const a = versions.find((v) => v.number === from);
  const b = versions.find((v) => v.number === to);
  if (!a || !b) return null;
  const [before, after] = await Promise.all([versionContent(db, a.id), versionContent(db, b.id)]);
  if (!before || !after) return null;
  return diffContent(before, after);
}

/** When a procedure is next due for review: its last review (or publication) plus its interval. */
export function reviewDueDate(lastReviewed: Date, intervalMonths: number): Date {
  const instant = Temporal.Instant.fromEpochMilliseconds(lastReviewed.getTime()).toZonedDateTimeISO("UTC");
  return new Date(instant.add({ months: intervalMonths }).epochMilliseconds);
}

export const REVIEW_SOON_DAYS = 30;

/** Published procedures whose review is overdue or due within 30 days, most overdue first. */
export async function listReviewsDue(now = new Date()) {
  const procedures = await db.procedure.findMany({
    where: { currentVersionId: { not: null }, archivedAt: null },
    select: {
      id: true,
      slug: true,
      seedCode: true,
      reviewIntervalMonths: true,
      lastReviewedAt: true,
      currentVersion: { select: { title: true, number: true, publishedAt: true } },
      reviews: { orderBy: { reviewedAt: "desc" }, take: 1, select: { reviewedAt: true, reviewer: { select: { name: true } } } },
    },
  });
  const soon = now.getTime() + REVIEW_SOON_DAYS * 86_400_000;
  return procedures
    .map((p) => {
      const last = p.lastReviewedAt ?? p.currentVersion!.publishedAt;
      const due = reviewDueDate(last, p.reviewIntervalMonths);
      return { ...p, last, due, overdue: due.getTime() < now.getTime() };
    })
    .filter((p) => p.due.getTime() <= soon)
    .sort((a, b) => a.due.getTime() - b.due.getTime());
}

export function listToolChoices() {
  return db.tool.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } });
}

/** Open drafts with their procedure, for the managers' view of the library. */
export async function listOpenDrafts() {
  const drafts = await db.procedureDraft.findMany({
    orderBy: { updatedAt: "desc" },
    select: { id: true, status: true, content: true, updatedAt: true, author: { select: { name: true } }, procedure: { select: { slug: true, currentVersionId: true } } },
  });
  return drafts.map((d) => ({
    id: d.id,
    status: d.status as DraftStatus,
    title: parseDraftContent(d.content).title,
    slug: d.procedure.slug,
    isNew: d.procedure.currentVersionId === null,
    updatedAt: d.updatedAt,
    authorName: d.author.name,
  }));
}
