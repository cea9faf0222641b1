// The change workflow table, checked for every state × every action × every type × requester or
// not (and, after implementation, approved or not for emergency changes).
import { describe, expect, it } from "vitest";
import {
  CHANGE_ACTIONS,
  CHANGE_STATUSES,
  CHANGE_TYPES,
  decide,
  isApproved,
  type ChangeAction,
  type ChangeStatus,
  type ChangeType,
  type WorkflowSubject,
} from "@/lib/changes/workflow";

/** The approval states a change can really be in. */
function approvalsPossible(status: ChangeStatus, type: ChangeType): boolean[] {
  if (status === "DRAFT" || status === "SUBMITTED" || status === "REJECTED") return [false];
  if (status === "APPROVED") return [true];
  // Implemented, verified or closed: an emergency change may have been implemented unapproved.
  return type === "EMERGENCY" ? [true, false] : [true];
}

interface Case {
  subject: WorkflowSubject;
  action: ChangeAction;
  isRequester: boolean;
}

const ALL: Case[] = CHANGE_STATUSES.flatMap((status) =>
  CHANGE_TYPES.flatMap((type) =>
    approvalsPossible(status, type).flatMap((approved) =>
      CHANGE_ACTIONS.flatMap((action) => [true, false].map((isRequester) => ({ subject: { status, type, approved }, action, isRequester }))),
    ),
  ),
);

/** The specification: exactly these combinations are allowed, to these states. */
function expectedAllowed({ subject: { status, type, approved }, action, isRequester }: Case): { to: ChangeStatus; retroactive: boolean } | null {
  switch (action) {
    case "edit":
      return status === "DRAFT" && isRequester ? { to: "DRAFT", retroactive: false } : null;
    case "submit":
      return status === "DRAFT" && isRequester ? { to: type === "STANDARD" ? "APPROVED" : "SUBMITTED", retroactive: false } : null;
    case "approve":
      if (type === "STANDARD" || isRequester) return null;
      if (status === "SUBMITTED") return { to: "APPROVED", retroactive: false };
      if (type === "EMERGENCY" && !approved && (status === "IMPLEMENTED" || status === "VERIFIED")) return { to: status, retroactive: true };
      return null;
    case "reject":
      return type !== "STANDARD" && !isRequester && status === "SUBMITTED" ? { to: "REJECTED", retroactive: false } : null;
    case "implement":
      return status === "APPROVED" || (status === "SUBMITTED" && type === "EMERGENCY") ? { to: "IMPLEMENTED", retroactive: false } : null;
    case "verify":
      return status === "IMPLEMENTED" ? { to: "VERIFIED", retroactive: false } : null;
    case "close":
      return status === "VERIFIED" && approved ? { to: "CLOSED", retroactive: false } : null;
  }
}

/** The exact refusal for a normal change, asked by someone who did not request it. */
const NORMAL_REFUSALS: Record<ChangeStatus, Partial<Record<ChangeAction, string>>> = {
  DRAFT: {
    edit: "Only the person who requested this change can edit its draft.",
    submit: "Only the person who requested this change can submit it.",
    approve: "This change is still a draft; its requester must submit it before a manager can decide on it.",
    reject: "This change is still a draft; its requester must submit it before a manager can decide on it.",
    implement: "Submit this change and have it approved before implementing it.",
    verify: "Mark this change implemented before verifying it.",
    close: "A change is closed only after it has been implemented and verified.",
  },
  SUBMITTED: {
    edit: "Only a draft can be edited; this change is awaiting approval.",
    submit: "This change is already submitted and awaiting approval.",
    implement: "This change is awaiting approval; it can be implemented once a manager approves it.",
    verify: "Mark this change implemented before verifying it.",
    close: "A change is closed only after it has been implemented and verified.",
  },
  APPROVED: {
    edit: "Only a draft can be edited; this change is approved.",
    submit: "Only a draft can be submitted; this change is approved.",
    approve: "This change is already approved.",
    reject: "This change is already approved; it can no longer be rejected.",
    verify: "Mark this change implemented before verifying it.",
    close: "A change is closed only after it has been implemented and verified.",
  },
  REJECTED: {
    edit: "Only a draft can be edited; this change is rejected.",
    submit: "Only a draft can be submitted; this change is rejected.",
    approve: "This change was rejected; a rejected change cannot be approved.",
    reject: "This change is already rejected.",
    implement: "This change was rejected; it must not be implemented.",
    verify: "This change was rejected; there is nothing to verify.",
    close: "This change was rejected; there is nothing to close.",
  },
  IMPLEMENTED: {
    edit: "Only a draft can be edited; this change is implemented.",
    submit: "Only a draft can be submitted; this change is implemented.",
    approve: "This change is already approved.",
    reject: "This change is already implemented, so it can no longer be rejected. To undo it, follow its back-out plan and record that as a new change.",
    implement: "This change is already implemented.",
    close: "A change is closed only after its verification runs have completed without exceptions.",
  },
  VERIFIED: {
    edit: "Only a draft can be edited; this change is verified.",
    submit: "Only a draft can be submitted; this change is verified.",
    approve: "This change is already approved.",
    reject: "This change is already implemented, so it can no longer be rejected. To undo it, follow its back-out plan and record that as a new change.",
    implement: "This change is already implemented.",
    verify: "This change is already verified.",
  },
  CLOSED: {
    edit: "This change is closed; nothing more can be done with it.",
    submit: "This change is closed; nothing more can be done with it.",
    approve: "This change is closed; nothing more can be done with it.",
    reject: "This change is closed; nothing more can be done with it.",
    implement: "This change is closed; nothing more can be done with it.",
    verify: "This change is closed; nothing more can be done with it.",
    close: "This change is already closed.",
  },
};

const label = (c: Case) => `${c.subject.type} ${c.subject.status}${c.subject.approved ? " (approved)" : ""} · ${c.action} · ${c.isRequester ? "requester" : "someone else"}`;

describe("the change workflow table", () => {
  it("covers every combination", () => {
    // 7 states × 3 types × 7 actions × 2 actors, plus the unapproved emergency variants of 3 states.
    expect(ALL).toHaveLength((7 * 3 + 3) * 7 * 2);
  });

  it("allows exactly the specified transitions and refuses everything else with a message", () => {
    for (const c of ALL) {
      const decision = decide(c.subject, c.action, { isRequester: c.isRequester });
      const expected = expectedAllowed(c);
      if (expected) {
        expect(decision, label(c)).toEqual({ allowed: true, ...expected });
      } else {
        expect(decision.allowed, label(c)).toBe(false);
        if (!decision.allowed) expect(decision.message.length, label(c)).toBeGreaterThan(10);
      }
    }
  });

  it("gives the exact refusal for every state and action of a normal change", () => {
    for (const status of CHANGE_STATUSES) {
      for (const action of CHANGE_ACTIONS) {
        const c: Case = { subject: { status, type: "NORMAL", approved: approvalsPossible(status, "NORMAL")[0]! }, action, isRequester: false };
        const decision = decide(c.subject, action, { isRequester: false });
        const message = NORMAL_REFUSALS[status][action];
        if (message === undefined) expect(decision.allowed, label(c)).toBe(true);
        else expect(decision, label(c)).toEqual({ allowed: false, message, who: expect.any(Boolean) });
      }
    }
  });

  it("never lets the requester decide on their own change, and says so", () => {
    for (const c of ALL.filter((x) => x.isRequester && (x.action === "approve" || x.action === "reject"))) {
      const decision = decide(c.subject, c.action, { isRequester: true });
      expect(decision.allowed, label(c)).toBe(false);
    }
    expect(decide({ status: "SUBMITTED", type: "NORMAL", approved: false }, "approve", { isRequester: true })).toEqual({
      allowed: false,
      who: true,
      message: "You requested this change, so another manager must approve it.",
    });
    expect(decide({ status: "IMPLEMENTED", type: "EMERGENCY", approved: false }, "approve", { isRequester: true })).toEqual({
      allowed: false,
      who: true,
      message: "You requested this change, so another manager must approve it.",
    });
    expect(decide({ status: "SUBMITTED", type: "EMERGENCY", approved: false }, "reject", { isRequester: true })).toEqual({
      allowed: false,
      who: true,
      message: "You requested this change, so another manager must decide on it.",
    });
  });

  it("marks only refusals about the person as such", () => {
    for (const c of ALL) {
      const decision = decide(c.subject, c.action, { isRequester: c.isRequester });
      if (decision.allowed) continue;
      const asOther = decide(c.subject, c.action, { isRequester: !c.isRequester });
      // A refusal about who is asking goes away when someone else asks.
      if (decision.who) expect(asOther.allowed, label(c)).toBe(true);
    }
  });

  it("handles standard and emergency changes in their own way", () => {
    const standard = (status: ChangeStatus, approved: boolean): WorkflowSubject => ({ status, type: "STANDARD", approved });
    expect(decide(standard("DRAFT", false), "submit", { isRequester: true })).toEqual({ allowed: true, to: "APPROVED", retroactive: false });
    expect(decide(standard("APPROVED", true), "approve", { isRequester: false })).toEqual({
      allowed: false,
      who: false,
      message: "Standard changes are pre-approved when submitted; there is no approval to give.",
    });
    expect(decide(standard("APPROVED", true), "reject", { isRequester: false })).toMatchObject({ message: "Standard changes are pre-approved when submitted; they cannot be rejected." });

    const emergency = (status: ChangeStatus, approved: boolean): WorkflowSubject => ({ status, type: "EMERGENCY", approved });
    expect(decide(emergency("DRAFT", false), "implement", { isRequester: true })).toMatchObject({
      message: "Submit this emergency change before implementing it; a manager can approve it afterwards.",
    });
    expect(decide(emergency("SUBMITTED", false), "implement", { isRequester: true })).toEqual({ allowed: true, to: "IMPLEMENTED", retroactive: false });
    expect(decide(emergency("VERIFIED", false), "approve", { isRequester: false })).toEqual({ allowed: true, to: "VERIFIED", retroactive: true });
    expect(decide(emergency("VERIFIED", false), "close", { isRequester: false })).toMatchObject({ message: "This emergency change must be approved after the fact before it is closed." });
    expect(decide(emergency("VERIFIED", true), "close", { isRequester: true })).toEqual({ allowed: true, to: "CLOSED", retroactive: false });
    expect(decide(emergency("CLOSED", false), "approve", { isRequester: false })).toMatchObject({ message: "This change is closed; nothing more can be done with it." });
  });

  it("derives approval from the stored record", () => {
    expect(isApproved({ type: "NORMAL", status: "SUBMITTED", approverId: null })).toBe(false);
    expect(isApproved({ type: "NORMAL", status: "APPROVED", approverId: "u1" })).toBe(true);
    expect(isApproved({ type: "NORMAL", status: "REJECTED", approverId: "u1" })).toBe(false);
    expect(isApproved({ type: "STANDARD", status: "DRAFT", approverId: null })).toBe(false);
    expect(isApproved({ type: "STANDARD", status: "APPROVED", approverId: null })).toBe(true);
    expect(isApproved({ type: "EMERGENCY", status: "IMPLEMENTED", approverId: null })).toBe(false);
    expect(isApproved({ type: "EMERGENCY", status: "IMPLEMENTED", approverId: "u2" })).toBe(true);
  });
});
