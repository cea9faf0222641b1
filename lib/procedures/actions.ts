"use server";
// Authoring: new procedures, drafts (save with conflict detection, submit, approve, discard),
// publishing a draft as a new immutable version, restoring an old version as a draft, and marking
// a procedure reviewed. Each action writes exactly one audit event (lib/actions/define.ts).
import { defineAction } from "@/lib/actions/define";
import { Conflict, Forbidden, Invalid, NotFound } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { versionContent } from "./content";
import { diffContent, summariseDiff } from "./diff";
import { approvalProblem, publishProblem, submitProblem } from "./approval";
import { createDraft, createProcedureWithDraft, parseDraftContent, type DraftStatus } from "./drafts";
import { publishVersion, repinUnstartedRuns } from "./publish";
import { ApproveDraftSchema, CreateProcedureSchema, DraftRefSchema, MarkReviewedSchema, PublishDraftSchema, RestoreVersionSchema, SaveDraftSchema } from "./authoring-schemas";
import { readSettings } from "@/lib/settings/organisation";
import { markdownLimitMessage } from "@/lib/markdown/limits";
import { contentPlaceholderProblems, placeholderFieldErrors } from "./content-placeholders";
import { knownPlaceholderNames } from "./placeholder-queries";
import type { ProcedureContent } from "./schemas";

/**
 * Refuses content whose placeholders name no known field or defined variable, each problem beside
 * its field (decision 033). Needs the database, so it runs in the handler, after the schema.
 */
async function assertPlaceholdersKnown(tx: Prisma.TransactionClient, content: ProcedureContent): Promise<void> {
  const problems = contentPlaceholderProblems(content, await knownPlaceholderNames(tx));
  if (problems.length === 0) return;
  throw new Invalid(
    problems.length === 1 ? "A placeholder names nothing Opsbook knows; see the marked field." : `${problems.length} placeholders name nothing Opsbook knows; see the marked fields.`,
    placeholderFieldErrors(problems),
  );
}

async function procedureOrThrow(tx: Prisma.TransactionClient, procedureId: string) {
  const procedure = await tx.procedure.findUnique({
    where: { id: procedureId },
    select: { id: true, slug: true, currentVersionId: true, archivedAt: true, drafts: { select: { id: true, revision: true, status: true, authorId: true, approvedById: true, content: true, baseVersionId: true, updatedAt: true, author: { select: { name: true } } } } },
  });
  if (!procedure) throw new NotFound("That procedure does not exist.");
  return { ...procedure, draft: procedure.drafts[0] ?? null };
}

async function lastEditor(tx: Prisma.TransactionClient, draftId: string): Promise<string> {
  const event = await tx.auditEvent.findFirst({ where: { entityType: "ProcedureDraft", entityId: draftId }, orderBy: { seq: "desc" }, select: { actorId: true, actorLabel: true, at: true } });
  if (!event) return "someone else";
  const actor = event.actorId ? await tx.user.findUnique({ where: { id: event.actorId }, select: { name: true } }) : null;
  return `${actor?.name ?? event.actorLabel} at ${event.at.toISOString().slice(11, 16)} UTC`;
}

function staleDraft(who: string): Conflict {
  return new Conflict(
    `This draft was saved by ${who} after you opened it. Nothing of yours was overwritten and your changes are still in this form: copy what you need, reload the page to see their version, and apply your changes again.`,
  );
}

const editPaths = (slug: string) => ["/procedures", `/procedures/${slug}`, `/procedures/${slug}/edit`, `/procedures/${slug}/versions`, "/procedures/review", "/training"];

export const createProcedureAction = defineAction({
  name: "procedure.create",
  permission: "procedure:edit",
  schema: CreateProcedureSchema,
  revalidate: ["/procedures"],
  async handler(input, { tx, user }) {
    await assertPlaceholdersKnown(tx, input.content);
    const { procedureId, draftId } = await createProcedureWithDraft(tx, { content: input.content, authorId: user.id });
    return {
      audit: { action: "procedure.create", entityType: "Procedure", entityId: procedureId, after: { draftId, content: input.content } },
      message: "Draft created. It is not visible to others until it is published.",
      data: { slug: input.content.slug, revision: 1 },
    };
  },
});

export const saveDraftAction = defineAction({
  name: "procedure.draft_save",
  permission: "procedure:edit",
  schema: SaveDraftSchema,
  revalidate: (input) => editPaths(input.content.slug),
  async handler(input, { tx, user }) {
    const procedure = await procedureOrThrow(tx, input.procedureId);
    if (procedure.archivedAt) throw new Conflict("This procedure is archived and cannot be edited.");
    await assertPlaceholdersKnown(tx, input.content);
    if (input.content.slug !== procedure.slug) {
      const taken = await tx.procedure.findUnique({ where: { slug: input.content.slug }, select: { id: true } });
      if (taken) throw new Conflict(`The slug "${input.content.slug}" is already used by another procedure.`, { "content.slug": ["This slug is already used by another procedure."] });
    }
    const draft = procedure.draft;
    if (!draft) {
      if (input.expectedRevision !== 0) throw staleDraft("another manager, who then published or discarded it");
      const created = await createDraft(tx, { procedureId: procedure.id, content: input.content, authorId: user.id, baseVersionId: procedure.currentVersionId });
      return {
        audit: { action: "procedure.draft_save", entityType: "ProcedureDraft", entityId: created.id, after: { procedureId: procedure.id, revision: 1, content: input.content } },
        message: "Draft saved. Publish it with a change note when it is ready.",
        data: { revision: created.revision },
      };
    }
    if (draft.revision !== input.expectedRevision) throw staleDraft(await lastEditor(tx, draft.id));
    // A count-checked update: two saves racing on the same revision cannot both succeed.
    const updated = await tx.procedureDraft.updateMany({
      where: { id: draft.id, revision: input.expectedRevision },
      data: { content: JSON.stringify(input.content), revision: { increment: 1 }, status: "EDITING", approvedById: null, approvedAt: null },
    });
    if (updated.count !== 1) throw staleDraft(await lastEditor(tx, draft.id));
    const changes = summariseDiff(diffContent(parseDraftContent(draft.content), input.content));
    return {
      audit: { action: "procedure.draft_save", entityType: "ProcedureDraft", entityId: draft.id, before: { revision: draft.revision, status: draft.status }, after: { procedureId: procedure.id, revision: draft.revision + 1, changes, content: input.content } },
      message: draft.status === "EDITING" ? "Draft saved." : "Draft saved. It was changed after being submitted, so it needs approval again.",
      data: { revision: draft.revision + 1 },
    };
  },
});

async function openDraft(tx: Prisma.TransactionClient, procedureId: string, expectedRevision: number) {
  const procedure = await procedureOrThrow(tx, procedureId);
  if (!procedure.draft) throw new Conflict("There is no open draft of this procedure (it was published or discarded).");
  if (procedure.draft.revision !== expectedRevision) throw staleDraft(await lastEditor(tx, procedure.draft.id));
  return { procedure, draft: procedure.draft };
}

export const submitDraftAction = defineAction({
  name: "procedure.draft_submit",
  permission: "procedure:edit",
  schema: DraftRefSchema,
  revalidate: ["/procedures"],
  async handler(input, { tx }) {
    const { procedure, draft } = await openDraft(tx, input.procedureId, input.expectedRevision);
    const problem = submitProblem(draft.status as DraftStatus);
    if (problem) throw new Conflict(problem);
    await tx.procedureDraft.update({ where: { id: draft.id }, data: { status: "AWAITING_APPROVAL" } });
    return {
      audit: { action: "procedure.draft_submit", entityType: "ProcedureDraft", entityId: draft.id, before: { status: draft.status }, after: { status: "AWAITING_APPROVAL", procedureId: procedure.id } },
      message: "Submitted. Another manager can now approve it.",
    };
  },
});

export const approveDraftAction = defineAction({
  name: "procedure.draft_approve",
  permission: "procedure:approve",
  schema: ApproveDraftSchema,
  revalidate: ["/procedures"],
  async handler(input, { tx, user, now }) {
    const { procedure, draft } = await openDraft(tx, input.procedureId, input.expectedRevision);
    const editors = await tx.auditEvent.findMany({ where: { entityType: "ProcedureDraft", entityId: draft.id, action: "procedure.draft_save" }, select: { actorId: true } });
    const problem = approvalProblem({ status: draft.status as DraftStatus, authorId: draft.authorId, editorIds: editors.flatMap((e) => (e.actorId ? [e.actorId] : [])), userId: user.id });
    if (problem) throw new Forbidden(problem);
    await tx.procedureDraft.update({ where: { id: draft.id }, data: { status: "APPROVED", approvedById: user.id, approvedAt: now } });
    return {
      audit: { action: "procedure.draft_approve", entityType: "ProcedureDraft", entityId: draft.id, before: { status: draft.status }, after: { status: "APPROVED", procedureId: procedure.id, revision: draft.revision } },
      message: "Approved. It can now be published.",
    };
  },
});

export const publishDraftAction = defineAction({
  name: "procedure.publish",
  permission: "procedure:publish",
  schema: PublishDraftSchema,
  revalidate: ["/procedures", "/today", "/procedures/review", "/training"],
  async handler(input, { tx, user, now }) {
    const { procedure, draft } = await openDraft(tx, input.procedureId, input.expectedRevision);
    const { requireSecondApproval } = await readSettings(tx);
    const problem = publishProblem({ status: draft.status as DraftStatus, requireSecondApproval });
    if (problem) throw new Invalid(problem);
    const content = parseDraftContent(draft.content);
    // A draft saved before the Markdown limits (decision 028) may be over them; it is published
    // only once edited, so that every new version's body can be formatted.
    const overLimit = markdownLimitMessage(content.body);
    if (overLimit) throw new Invalid(`Edit the draft before publishing it. ${overLimit}`);
    // A variable may have been removed since the draft was saved.
    const unknown = contentPlaceholderProblems(content, await knownPlaceholderNames(tx));
    // Each message without its list of valid placeholders: the editor shows that list.
    const withoutList = (message: string) => message.slice(0, message.indexOf(" Valid placeholders: ") >>> 0);
    if (unknown.length > 0) throw new Invalid(`Edit the draft before publishing it: ${unknown.map((p) => withoutList(p.message)).join(" ")}`);
    const before = procedure.currentVersionId ? await tx.procedureVersion.findUnique({ where: { id: procedure.currentVersionId }, select: { id: true, number: true } }) : null;
    if (procedure.currentVersionId) {
      const current = await versionContent(tx, procedure.currentVersionId);
      if (current && diffContent(current, content).same) throw new Invalid("The draft is the same as the current version; there is nothing to publish. Discard it instead.");
    }
    const version = await publishVersion(tx, procedure.id, content, { source: "EDITOR", changeNote: input.changeNote, authorId: draft.authorId, approvedById: draft.approvedById });
    await tx.procedureDraft.delete({ where: { id: draft.id } });
    await tx.procedure.update({ where: { id: procedure.id }, data: { lastReviewedAt: now } });
    const repinned = await repinUnstartedRuns(tx, procedure.id, version.id);
    return {
      audit: {
        action: "procedure.publish",
        entityType: "Procedure",
        entityId: procedure.id,
        before: before ? { versionId: before.id, number: before.number } : null,
        after: {
          versionId: version.id,
          number: version.number,
          changeNote: input.changeNote,
          author: draft.authorId,
          approvedBy: draft.approvedById,
          publishedBy: user.id,
          runsMovedToNewVersion: repinned,
          ...(version.renamedKeys.length ? { newSeriesKeys: version.renamedKeys } : {}),
        },
      },
      message: `Published as version ${version.number}.${repinned ? ` ${repinned} runs not yet started now follow it.` : ""}${newSeriesSentence(version.renamedKeys)}`,
      data: { number: version.number, slug: content.slug },
    };
  },
});

function newSeriesSentence(renamed: readonly { from: string; to: string; unit: string; previousUnit: string }[]): string {
  if (renamed.length === 0) return "";
  const each = renamed.map((r) => `${r.from} (now in ${r.unit}, was ${r.previousUnit || "no unit"}) is recorded as ${r.to}`);
  return ` Units changed, so new series of values start: ${each.join("; ")}.`;
}

export const discardDraftAction = defineAction({
  name: "procedure.draft_discard",
  permission: "procedure:edit",
  schema: DraftRefSchema,
  revalidate: ["/procedures"],
  async handler(input, { tx }) {
    const { procedure, draft } = await openDraft(tx, input.procedureId, input.expectedRevision);
    await tx.procedureDraft.delete({ where: { id: draft.id } });
    // A new procedure that was never published disappears with its only draft (its slug is freed).
    const removed = procedure.currentVersionId === null;
    if (removed) await tx.procedure.delete({ where: { id: procedure.id } });
    return {
      audit: { action: "procedure.draft_discard", entityType: "ProcedureDraft", entityId: draft.id, before: { procedureId: procedure.id, revision: draft.revision, content: parseDraftContent(draft.content) }, after: { procedureRemoved: removed } },
      message: removed ? "Draft discarded; the unpublished procedure was removed." : "Draft discarded. The published version is unchanged.",
      data: { removed },
    };
  },
});

export const restoreVersionAction = defineAction({
  name: "procedure.restore",
  permission: "procedure:edit",
  schema: RestoreVersionSchema,
  revalidate: ["/procedures"],
  async handler(input, { tx, user }) {
    const version = await tx.procedureVersion.findUnique({ where: { id: input.versionId }, select: { id: true, number: true, procedureId: true } });
    if (!version) throw new NotFound("That version does not exist.");
    const procedure = await procedureOrThrow(tx, version.procedureId);
    if (procedure.currentVersionId === version.id) throw new Invalid("This is already the current version.");
    const content = await versionContent(tx, version.id);
    if (!content) throw new NotFound("That version does not exist.");
    // Restoring keeps today's slug: links to the procedure do not move.
    const draft = await createDraft(tx, { procedureId: procedure.id, content: { ...content, slug: procedure.slug }, authorId: user.id, baseVersionId: procedure.currentVersionId });
    return {
      audit: { action: "procedure.restore", entityType: "ProcedureDraft", entityId: draft.id, after: { procedureId: procedure.id, restoredVersion: version.number } },
      message: `Version ${version.number} is now a draft. Review it and publish it with a change note.`,
      data: { slug: procedure.slug },
    };
  },
});

export const markReviewedAction = defineAction({
  name: "procedure.mark_reviewed",
  permission: "procedure:review",
  schema: MarkReviewedSchema,
  revalidate: ["/procedures", "/procedures/review"],
  async handler(input, { tx, user, now }) {
    const procedure = await procedureOrThrow(tx, input.procedureId);
    if (!procedure.currentVersionId) throw new Invalid("Publish the procedure before marking it reviewed.");
    const review = await tx.procedureReview.create({ data: { procedureId: procedure.id, reviewerId: user.id, versionId: procedure.currentVersionId, note: input.note, reviewedAt: now } });
    await tx.procedure.update({ where: { id: procedure.id }, data: { lastReviewedAt: now } });
    return {
      audit: { action: "procedure.mark_reviewed", entityType: "Procedure", entityId: procedure.id, after: { reviewId: review.id, versionId: procedure.currentVersionId, note: input.note } },
      message: "Marked as reviewed without changes. The next review is due after its review interval.",
    };
  },
});
