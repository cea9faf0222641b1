// The change workflow as one pure table: for every state and every action, either the state the
// change moves to or the exact message that refuses it. No I/O; the actions ask it before writing,
// and the pages ask it to decide which buttons to show.
//
//   draft → submitted → approved | rejected → implemented → verified → closed
//
// Standard changes are pre-approved: submitting one approves it. Emergency changes may be
// implemented while still submitted and approved afterwards ("approved retroactively"). Whoever
// requested a change never decides on it. Role checks (who may approve at all) live in the policy
// table; this table adds what depends on the record.
import type { Permission } from "@/lib/auth/policy";

export const CHANGE_TYPES = ["STANDARD", "NORMAL", "EMERGENCY"] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];
export const CHANGE_TYPE_LABELS: Record<ChangeType, string> = { STANDARD: "Standard", NORMAL: "Normal", EMERGENCY: "Emergency" };
export const CHANGE_TYPE_HINTS: Record<ChangeType, string> = {
  STANDARD: "A routine, low-risk change done the documented way; pre-approved, so submitting it approves it.",
  NORMAL: "Needs a manager's approval before it is implemented.",
  EMERGENCY: "May be implemented at once; a manager approves it after the fact.",
};

export const CHANGE_STATUSES = ["DRAFT", "SUBMITTED", "APPROVED", "REJECTED", "IMPLEMENTED", "VERIFIED", "CLOSED"] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];
export const CHANGE_STATUS_LABELS: Record<ChangeStatus, string> = {
  DRAFT: "Draft",
  SUBMITTED: "Awaiting approval",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  IMPLEMENTED: "Implemented",
  VERIFIED: "Verified",
  CLOSED: "Closed",
};

export const CHANGE_RISKS = ["LOW", "MEDIUM", "HIGH"] as const;
export type ChangeRisk = (typeof CHANGE_RISKS)[number];
export const CHANGE_RISK_LABELS: Record<ChangeRisk, string> = { LOW: "Low", MEDIUM: "Medium", HIGH: "High" };

export const CHANGE_ACTIONS = ["edit", "submit", "approve", "reject", "implement", "verify", "close"] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** The permission each action needs (checked by the action wrapper before the table is asked). */
export const CHANGE_ACTION_PERMISSIONS: Record<ChangeAction, Permission> = {
  edit: "change:create",
  submit: "change:create",
  approve: "change:approve",
  reject: "change:approve",
  implement: "change:implement",
  verify: "change:implement",
  close: "change:approve",
};

export interface WorkflowSubject {
  status: ChangeStatus;
  type: ChangeType;
  /** A manager approved it, or it is a standard change that was submitted (pre-approved). */
  approved: boolean;
}

export type Decision =
  | { allowed: true; to: ChangeStatus; retroactive: boolean }
  /** `who`: refused because of who is asking (the requester), not because of the change's state. */
  | { allowed: false; message: string; who: boolean };

const allow = (to: ChangeStatus, retroactive = false): Decision => ({ allowed: true, to, retroactive });
const refuse = (message: string): Decision => ({ allowed: false, message, who: false });
const refuseWho = (message: string): Decision => ({ allowed: false, message, who: true });

export const WORKFLOW_MESSAGES = {
  closed: "This change is closed; nothing more can be done with it.",
  editNotDraft: (status: ChangeStatus) => `Only a draft can be edited; this change is ${CHANGE_STATUS_LABELS[status].toLowerCase()}.`,
  editNotRequester: "Only the person who requested this change can edit its draft.",
  submitNotRequester: "Only the person who requested this change can submit it.",
  alreadySubmitted: "This change is already submitted and awaiting approval.",
  submitNotDraft: (status: ChangeStatus) => `Only a draft can be submitted; this change is ${CHANGE_STATUS_LABELS[status].toLowerCase()}.`,
  standardNoApproval: "Standard changes are pre-approved when submitted; there is no approval to give.",
  standardNoRejection: "Standard changes are pre-approved when submitted; they cannot be rejected.",
  ownApproval: "You requested this change, so another manager must approve it.",
  ownRejection: "You requested this change, so another manager must decide on it.",
  decideDraft: "This change is still a draft; its requester must submit it before a manager can decide on it.",
  alreadyApproved: "This change is already approved.",
  approveRejected: "This change was rejected; a rejected change cannot be approved.",
  approveImplementedNormal: "Only emergency changes can be approved after they are implemented.",
  rejectApproved: "This change is already approved; it can no longer be rejected.",
  alreadyRejected: "This change is already rejected.",
  rejectImplemented:
    "This change is already implemented, so it can no longer be rejected. To undo it, follow its back-out plan and record that as a new change.",
  implementDraft: "Submit this change and have it approved before implementing it.",
  implementDraftEmergency: "Submit this emergency change before implementing it; a manager can approve it afterwards.",
  implementUnapproved: "This change is awaiting approval; it can be implemented once a manager approves it.",
  implementRejected: "This change was rejected; it must not be implemented.",
  alreadyImplemented: "This change is already implemented.",
  verifyNotImplemented: "Mark this change implemented before verifying it.",
  verifyRejected: "This change was rejected; there is nothing to verify.",
  alreadyVerified: "This change is already verified.",
  closeNotVerified: "A change is closed only after its verification runs have completed without exceptions.",
  closeUnapprovedEmergency: "This emergency change must be approved after the fact before it is closed.",
  closeNotImplemented: "A change is closed only after it has been implemented and verified.",
  closeRejected: "This change was rejected; there is nothing to close.",
} as const;

const M = WORKFLOW_MESSAGES;

/** What `action` does to `change` when done by someone who is (or is not) its requester. */
export function decide(change: WorkflowSubject, action: ChangeAction, actor: { isRequester: boolean }): Decision {
  const { status, type, approved } = change;
  if (status === "CLOSED") return refuse(action === "close" ? "This change is already closed." : M.closed);

  switch (action) {
    case "edit":
      if (status !== "DRAFT") return refuse(M.editNotDraft(status));
      return actor.isRequester ? allow("DRAFT") : refuseWho(M.editNotRequester);

    case "submit":
      if (status === "SUBMITTED") return refuse(M.alreadySubmitted);
      if (status !== "DRAFT") return refuse(M.submitNotDraft(status));
      if (!actor.isRequester) return refuseWho(M.submitNotRequester);
      return allow(type === "STANDARD" ? "APPROVED" : "SUBMITTED");

    case "approve":
      if (type === "STANDARD") return refuse(M.standardNoApproval);
      if (status === "DRAFT") return refuse(M.decideDraft);
      if (status === "REJECTED") return refuse(M.approveRejected);
      if (approved || status === "APPROVED") return refuse(M.alreadyApproved);
      if (status === "SUBMITTED") return actor.isRequester ? refuseWho(M.ownApproval) : allow("APPROVED");
      // IMPLEMENTED or VERIFIED without an approval: only an emergency change gets here.
      if (type !== "EMERGENCY") return refuse(M.approveImplementedNormal);
      return actor.isRequester ? refuseWho(M.ownApproval) : allow(status, true);

    case "reject":
      if (type === "STANDARD") return refuse(M.standardNoRejection);
      if (status === "DRAFT") return refuse(M.decideDraft);
      if (status === "REJECTED") return refuse(M.alreadyRejected);
      if (status === "APPROVED") return refuse(M.rejectApproved);
      if (status === "IMPLEMENTED" || status === "VERIFIED") return refuse(M.rejectImplemented);
      return actor.isRequester ? refuseWho(M.ownRejection) : allow("REJECTED");

    case "implement":
      if (status === "DRAFT") return refuse(type === "EMERGENCY" ? M.implementDraftEmergency : M.implementDraft);
      if (status === "SUBMITTED") return type === "EMERGENCY" ? allow("IMPLEMENTED") : refuse(M.implementUnapproved);
      if (status === "APPROVED") return allow("IMPLEMENTED");
      if (status === "REJECTED") return refuse(M.implementRejected);
      return refuse(M.alreadyImplemented);

    case "verify":
      if (status === "IMPLEMENTED") return allow("VERIFIED");
      if (status === "VERIFIED") return refuse(M.alreadyVerified);
      if (status === "REJECTED") return refuse(M.verifyRejected);
      return refuse(M.verifyNotImplemented);

    case "close":
      if (status === "VERIFIED") return type === "EMERGENCY" && !approved ? refuse(M.closeUnapprovedEmergency) : allow("CLOSED");
      if (status === "IMPLEMENTED") return refuse(M.closeNotVerified);
      if (status === "REJECTED") return refuse(M.closeRejected);
      return refuse(M.closeNotImplemented);
  }
}

/** Whether a stored change counts as approved (approverId records whoever decided, also a rejection). */
export function isApproved(change: { type: string; status: string; approverId: string | null }): boolean {
  if (change.status === "DRAFT" || change.status === "REJECTED") return false;
  return change.type === "STANDARD" || change.approverId !== null;
}

export function subjectOf(change: { type: string; status: string; approverId: string | null }): WorkflowSubject {
  return { status: change.status as ChangeStatus, type: change.type as ChangeType, approved: isApproved(change) };
}
