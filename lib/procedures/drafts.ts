// Drafts: the editable copy of a procedure. A procedure has at most one open draft, shared by the
// managers who edit it; every save names the revision it started from, so a second tab or a second
// manager is told of the conflict instead of overwriting. Drafts always hold valid content: a save
// that does not validate is refused and writes nothing.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Conflict } from "@/lib/actions/errors";
import { ProcedureContentSchema, type ProcedureContent } from "./schemas";

export const DRAFT_STATUSES = ["EDITING", "AWAITING_APPROVAL", "APPROVED"] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

export function parseDraftContent(json: string): ProcedureContent {
  return ProcedureContentSchema.parse(JSON.parse(json));
}

/**
 * Opens a draft of an existing procedure with the given content (from the editor, a restored
 * version or an imported file). Refused when the procedure already has an open draft.
 */
export async function createDraft(
  tx: Prisma.TransactionClient,
  input: { procedureId: string; content: ProcedureContent; authorId: string; baseVersionId: string | null },
): Promise<{ id: string; revision: number }> {
  const open = await tx.procedureDraft.findFirst({ where: { procedureId: input.procedureId }, select: { id: true, author: { select: { name: true } } } });
  if (open) throw new Conflict(`This procedure already has an open draft (started by ${open.author.name}). Publish or discard it first.`);
  return tx.procedureDraft.create({
    data: { procedureId: input.procedureId, baseVersionId: input.baseVersionId, content: JSON.stringify(input.content), authorId: input.authorId },
    select: { id: true, revision: true },
  });
}

/** Creates a new, unpublished procedure holding only a draft; its slug is reserved at once. */
export async function createProcedureWithDraft(
  tx: Prisma.TransactionClient,
  input: { content: ProcedureContent; authorId: string },
): Promise<{ procedureId: string; draftId: string }> {
  const taken = await tx.procedure.findUnique({ where: { slug: input.content.slug }, select: { id: true } });
  if (taken) throw new Conflict(`The slug "${input.content.slug}" is already used by another procedure.`, { slug: ["This slug is already used by another procedure."] });
  const procedure = await tx.procedure.create({ data: { slug: input.content.slug, reviewIntervalMonths: input.content.reviewIntervalMonths }, select: { id: true } });
  const draft = await createDraft(tx, { procedureId: procedure.id, content: input.content, authorId: input.authorId, baseVersionId: null });
  return { procedureId: procedure.id, draftId: draft.id };
}
