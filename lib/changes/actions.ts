"use server";
// Changes: record a change, edit its draft, submit it, approve or reject it, mark it implemented
// (creating its verification runs), verify it and close it. Each step asks the workflow table
// (workflow.ts) first and writes exactly one audit event (lib/actions/define.ts).
import { defineAction } from "@/lib/actions/define";
import { changeRef } from "./naming";
import { Conflict, Forbidden, Invalid, NotFound } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ApproveChangeSchema, ChangeRefSchema, CreateChangeSchema, ImplementChangeSchema, RejectChangeSchema, UpdateChangeSchema, type ChangeFields } from "./schemas";
import { createVerificationRuns, planVerificationRuns, verificationProblem, verificationRunsOf } from "./verification";
import { decide, subjectOf, type ChangeAction } from "./workflow";
import { readTimeZone } from "@/lib/settings/organisation";
import { plannedWindow } from "./planned-window";
import { applyToolChange } from "@/lib/tools/catalogue";
import { toolChangeTypeProblem } from "@/lib/tools/standard-set";

const CHANGE_SELECT = {
  id: true,
  title: true,
  type: true,
  status: true,
  requesterId: true,
  approverId: true,
  approvedRetroactively: true,
  implementedAt: true,
  plannedStart: true,
  plannedEnd: true,
  servers: { select: { serverId: true } },
} as const;

async function changeOrThrow(tx: Prisma.TransactionClient, changeId: number) {
  const change = await tx.change.findUnique({ where: { id: changeId }, select: CHANGE_SELECT });
  if (!change) throw new NotFound("That change does not exist.");
  return change;
}

/** Asks the workflow table; a refusal becomes the error the form shows. */
function transition(change: { type: string; status: string; approverId: string | null; requesterId: string }, action: ChangeAction, userId: string) {
  const decision = decide(subjectOf(change), action, { isRequester: change.requesterId === userId });
  if (!decision.allowed) throw decision.who ? new Forbidden(decision.message) : new Conflict(decision.message);
  return decision;
}

/** Moves the change only if nobody moved it since it was read; two racing steps cannot both win. */
async function moveFrom(tx: Prisma.TransactionClient, changeId: number, from: string, data: Prisma.ChangeUncheckedUpdateManyInput): Promise<void> {
  const moved = await tx.change.updateMany({ where: { id: changeId, status: from }, data });
  if (moved.count !== 1) throw new Conflict("Someone else changed this change at the same moment. Reload the page and try again.");
}

/** The planned window in UTC and the affected servers, checked against the database. */
async function checkedFields(tx: Prisma.TransactionClient, input: ChangeFields) {
  const { plannedStart, plannedEnd } = await plannedWindow(tx, input);
  const servers = await tx.server.findMany({ where: { id: { in: input.serverIds } }, select: { id: true, name: true, active: true } });
  if (servers.length !== input.serverIds.length) {
    throw new Invalid("Some of the affected servers are not in the inventory.", { serverIds: ["Choose the affected servers from the inventory."] });
  }
  const retired = servers.filter((s) => !s.active);
  if (retired.length > 0) {
    const message = `${retired.map((s) => s.name).join(", ")} ${retired.length === 1 ? "is" : "are"} no longer in service; choose servers that are.`;
    throw new Invalid(message, { serverIds: [message] });
  }
  const data = { title: input.title, type: input.type, description: input.description, reason: input.reason, risk: input.risk, backoutPlan: input.backoutPlan, plannedStart, plannedEnd };
  return { data, servers: servers.sort((a, b) => a.name.localeCompare(b.name)) };
}

const listPaths = ["/changes", "/changes/calendar"];
const changePaths = (id: number) => [...listPaths, `/changes/${id}`];

export const createChangeAction = defineAction({
  name: "change.create",
  permission: "change:create",
  schema: CreateChangeSchema,
  revalidate: listPaths,
  async handler(input, { tx, user }) {
    const { data, servers } = await checkedFields(tx, input);
    const change = await tx.change.create({
      data: { ...data, status: "DRAFT", requesterId: user.id, servers: { create: servers.map((s) => ({ serverId: s.id })) } },
      select: { id: true },
    });
    return {
      audit: { action: "change.create", entityType: "Change", entityId: String(change.id), after: { ...data, status: "DRAFT", servers: servers.map((s) => s.name) } },
      message: `${changeRef(change.id)} saved as a draft. Submit it when it is ready.`,
      data: { id: change.id },
    };
  },
});

export const updateChangeAction = defineAction({
  name: "change.update",
  permission: "change:create",
  schema: UpdateChangeSchema,
  revalidate: (input) => changePaths(input.changeId),
  async handler(input, { tx, user }) {
    const change = await changeOrThrow(tx, input.changeId);
    transition(change, "edit", user.id);
    // A change carrying a catalogue change of the standard tool set stays a Normal change.
    const typeProblem = (await tx.toolChange.count({ where: { changeId: change.id } })) > 0 ? toolChangeTypeProblem(input.type) : null;
    if (typeProblem) throw new Invalid(typeProblem, { type: [typeProblem] });
    const { data, servers } = await checkedFields(tx, input);
    const before = await tx.change.findUniqueOrThrow({
      where: { id: change.id },
      select: { title: true, type: true, description: true, reason: true, risk: true, backoutPlan: true, plannedStart: true, plannedEnd: true },
    });
    await moveFrom(tx, change.id, "DRAFT", data);
    await tx.changeServer.deleteMany({ where: { changeId: change.id } });
    await tx.changeServer.createMany({ data: servers.map((s) => ({ changeId: change.id, serverId: s.id })) });
    return {
      audit: {
        action: "change.update",
        entityType: "Change",
        entityId: String(change.id),
        before: { ...before, serverIds: change.servers.map((s) => s.serverId) },
        after: { ...data, servers: servers.map((s) => s.name) },
      },
      message: "Draft saved.",
      data: { id: change.id },
    };
  },
});

export const submitChangeAction = defineAction({
  name: "change.submit",
  permission: "change:create",
  schema: ChangeRefSchema,
  revalidate: (input) => changePaths(input.changeId),
  async handler(input, { tx, user, now }) {
    const change = await changeOrThrow(tx, input.changeId);
    const decision = transition(change, "submit", user.id);
    const preApproved = decision.to === "APPROVED";
    await moveFrom(tx, change.id, change.status, {
      status: decision.to,
      ...(preApproved ? { decidedAt: now, decisionNote: "Standard change: pre-approved." } : {}),
    });
    return {
      audit: { action: "change.submit", entityType: "Change", entityId: String(change.id), before: { status: change.status }, after: { status: decision.to, preApproved } },
      message: preApproved
        ? "Submitted. Standard changes are pre-approved, so it can be implemented now."
        : change.type === "EMERGENCY"
          ? "Submitted. As an emergency change it can be implemented now; a manager approves it after the fact."
          : "Submitted. A manager other than you can now approve or reject it.",
    };
  },
});

export const approveChangeAction = defineAction({
  name: "change.approve",
  permission: "change:approve",
  schema: ApproveChangeSchema,
  revalidate: (input) => changePaths(input.changeId),
  async handler(input, { tx, user, now }) {
    const change = await changeOrThrow(tx, input.changeId);
    const decision = transition(change, "approve", user.id);
    await moveFrom(tx, change.id, change.status, {
      status: decision.to,
      approverId: user.id,
      decidedAt: now,
      decisionNote: input.note,
      approvedRetroactively: decision.retroactive,
    });
    return {
      audit: {
        action: "change.approve",
        entityType: "Change",
        entityId: String(change.id),
        before: { status: change.status, approverId: null },
        after: { status: decision.to, approverId: user.id, decidedAt: now, note: input.note, approvedRetroactively: decision.retroactive },
      },
      message: decision.retroactive ? "Approved after the fact; the change is flagged as approved retroactively." : "Approved. It can now be implemented.",
    };
  },
});

export const rejectChangeAction = defineAction({
  name: "change.reject",
  permission: "change:approve",
  schema: RejectChangeSchema,
  revalidate: (input) => changePaths(input.changeId),
  async handler(input, { tx, user, now }) {
    const change = await changeOrThrow(tx, input.changeId);
    const decision = transition(change, "reject", user.id);
    await moveFrom(tx, change.id, change.status, { status: decision.to, approverId: user.id, decidedAt: now, decisionNote: input.note });
    return {
      audit: {
        action: "change.reject",
        entityType: "Change",
        entityId: String(change.id),
        before: { status: change.status },
        after: { status: decision.to, decidedById: user.id, decidedAt: now, note: input.note },
      },
      message: "Rejected. The requester sees your note on the change.",
    };
  },
});

export const implementChangeAction = defineAction({
  name: "change.implement",
  permission: "change:implement",
  schema: ImplementChangeSchema,
  revalidate: (input) => [...changePaths(input.changeId), "/today"],
  async handler(input, { tx, user, now }) {
    const change = await changeOrThrow(tx, input.changeId);
    const decision = transition(change, "implement", user.id);
    // A catalogue change of the standard tool set takes effect now, before the verification runs
    // are made, so that they follow the new version of "Verify the standard tool set".
    const toolChange = await applyToolChange(tx, change.id, { userId: user.id, now });

    const procedures = await tx.procedure.findMany({
      where: { id: { in: input.procedureIds }, archivedAt: null },
      select: { id: true, currentVersion: { select: { id: true, cadence: true, title: true, roles: { select: { role: true } } } } },
    });
    const usable = procedures.filter((p) => p.currentVersion !== null);
    if (usable.length !== input.procedureIds.length) {
      throw new Invalid("Some of the chosen procedures are not in the library.", { procedureIds: ["Choose verification procedures from the list."] });
    }
    const servers = await tx.server.findMany({
      where: { id: { in: change.servers.map((s) => s.serverId) } },
      select: { id: true, name: true, roles: { select: { role: true } } },
    });
    const pairs = planVerificationRuns(
      usable.map((p) => ({ id: p.id, roles: p.currentVersion!.roles.map((r) => r.role) })),
      servers.map((s) => ({ id: s.id, roles: s.roles.map((r) => r.role) })),
    );
    if (pairs.length === 0) throw new Conflict("This change has no affected servers to verify.");

    await moveFrom(tx, change.id, change.status, { status: decision.to, implementerId: user.id, implementedAt: now });
    const runs = await createVerificationRuns(tx, {
      changeId: change.id,
      pairs,
      versions: new Map(usable.map((p) => [p.id, p.currentVersion!])),
      implementerId: user.id,
      timeZone: await readTimeZone(tx),
      now,
    });
    const beforeApproval = change.type === "EMERGENCY" && change.approverId === null;
    return {
      audit: {
        action: "change.implement",
        entityType: "Change",
        entityId: String(change.id),
        before: { status: change.status },
        after: { status: decision.to, implementedAt: now, implementerId: user.id, beforeApproval, verificationProcedureIds: usable.map((p) => p.id), verificationRunIds: runs.map((r) => r.id), ...(toolChange ? { toolChange } : {}) },
      },
      message: `Marked implemented.${toolChange ? " The standard tool set is updated." : ""} ${runs.length} verification ${runs.length === 1 ? "run was" : "runs were"} created and assigned to you; the change is verified when ${runs.length === 1 ? "it completes" : "they all complete"} without exceptions.${beforeApproval ? " A manager must still approve this emergency change after the fact." : ""}`,
      data: { runIds: runs.map((r) => r.id) },
    };
  },
});

export const verifyChangeAction = defineAction({
  name: "change.verify",
  permission: "change:implement",
  schema: ChangeRefSchema,
  revalidate: (input) => changePaths(input.changeId),
  async handler(input, { tx, user, now }) {
    const change = await changeOrThrow(tx, input.changeId);
    const decision = transition(change, "verify", user.id);
    const runs = await verificationRunsOf(tx, change.id);
    const problem = verificationProblem(runs, now);
    if (problem) throw new Conflict(problem);
    await moveFrom(tx, change.id, change.status, { status: decision.to, verifiedAt: now });
    return {
      audit: { action: "change.verify", entityType: "Change", entityId: String(change.id), before: { status: change.status }, after: { status: decision.to, verifiedAt: now, automatic: false, runIds: runs.map((r) => r.id) } },
      message: "Verified: every verification run completed without exceptions.",
    };
  },
});

export const closeChangeAction = defineAction({
  name: "change.close",
  permission: "change:approve",
  schema: ChangeRefSchema,
  revalidate: (input) => changePaths(input.changeId),
  async handler(input, { tx, user, now }) {
    const change = await changeOrThrow(tx, input.changeId);
    const decision = transition(change, "close", user.id);
    await moveFrom(tx, change.id, change.status, { status: decision.to, closedAt: now });
    return {
      audit: { action: "change.close", entityType: "Change", entityId: String(change.id), before: { status: change.status }, after: { status: decision.to, closedAt: now } },
      message: "Closed. The change record is complete.",
    };
  },
});
