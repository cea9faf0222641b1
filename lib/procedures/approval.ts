// The approval rules for drafts, as pure functions: who may approve, and when a draft may be
// published. The actions call these; the unit tests cover every combination.
import type { DraftStatus } from "./drafts";

export interface ApprovalCase {
  status: DraftStatus;
  authorId: string;
  /** Everyone who saved the draft, the author included. */
  editorIds: string[];
  userId: string;
}

/** Why this user may not approve this draft, or null when they may. */
export function approvalProblem(c: ApprovalCase): string | null {
  if (c.authorId === c.userId) return "You started this draft, so you cannot approve it. Another manager must.";
  if (c.editorIds.includes(c.userId)) return "You edited this draft, so you cannot approve it. A manager who did not edit it must.";
  if (c.status === "APPROVED") return "This draft is already approved.";
  if (c.status !== "AWAITING_APPROVAL") return "Submit the draft for approval first.";
  return null;
}

/** Why this draft may not be published yet, or null when it may. */
export function publishProblem(c: { status: DraftStatus; requireSecondApproval: boolean }): string | null {
  if (c.requireSecondApproval && c.status !== "APPROVED") {
    return "This organisation requires a second manager to approve a draft before it is published. Submit it for approval first.";
  }
  return null;
}

/** Why this draft may not be submitted for approval, or null when it may. */
export function submitProblem(status: DraftStatus): string | null {
  return status === "EDITING" ? null : "This draft is already awaiting approval or approved.";
}
