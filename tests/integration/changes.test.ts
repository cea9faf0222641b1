// Changes against a real database: recording, the approval workflow, implementation with
// verification runs, verification through the real result action, and refusals that write nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/define";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { CurrentUser } from "@/lib/auth/session";
import { onVerificationRunCompleted, verificationTimes } from "@/lib/changes/verification";
import { changesDuringRun } from "@/lib/changes/queries";
import { db } from "@/lib/db";
import { seedDatabase } from "@/lib/procedures/seed";
import { actionDefinition, as, auditCount, makeUser } from "../support/fixtures";
import "@/lib/changes/actions";
import "@/lib/runs/actions";

const create = actionDefinition("change.create");
const update = actionDefinition("change.update");
const submit = actionDefinition("change.submit");
const approve = actionDefinition("change.approve");
const reject = actionDefinition("change.reject");
const implement = actionDefinition("change.implement");
const verify = actionDefinition("change.verify");
const close = actionDefinition("change.close");
const record = actionDefinition("result.record");


let operator: CurrentUser;
let operator2: CurrentUser;
let manager: CurrentUser;
let manager2: CurrentUser;
let viewer: CurrentUser;
let hub: { id: string; name: string };
let hub2: { id: string };
let mbx: { id: string };
let queues: string;
let paths: string;

beforeAll(async () => {
  await seedDatabase(db);
  await db.organisationSettings.update({ where: { id: 1 }, data: { timeZone: "Europe/London" } });
  operator = await makeUser("OPERATOR", { name: "Omar" });
  operator2 = await makeUser("OPERATOR", { name: "Olga" });
  manager = await makeUser("MANAGER", { name: "Maya" });
  manager2 = await makeUser("MANAGER", { name: "Mo" });
  viewer = await makeUser("VIEWER");
  hub = await db.server.findUniqueOrThrow({ where: { name: "EXHUB01" }, select: { id: true, name: true } });
  hub2 = await db.server.findUniqueOrThrow({ where: { name: "EXHUB02" }, select: { id: true } });
  mbx = await db.server.findUniqueOrThrow({ where: { name: "EXMBX01" }, select: { id: true } });
  queues = (await db.procedure.findUniqueOrThrow({ where: { slug: "examine-message-queues" } })).id;
  paths = (await db.procedure.findUniqueOrThrow({ where: { slug: "check-message-paths-and-mail-flow" } })).id;
});

async function counts() {
  return {
    changes: await db.change.count(),
    changeServers: await db.changeServer.count(),
    runs: await db.run.count(),
    results: await db.result.count(),
    events: await auditCount(),
    statuses: (await db.change.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, approverId: true, approvedRetroactively: true } })),
  };
}

const form = (overrides: Record<string, unknown> = {}) => ({
  title: "Raise the message size limit on the Hub Transport servers",
  type: "NORMAL",
  description: "Set-TransportConfig -MaxSendSize 20MB -MaxReceiveSize 20MB",
  reason: "Users cannot send the quarterly report (14 MB).",
  risk: "MEDIUM",
  backoutPlan: "Set-TransportConfig -MaxSendSize 10MB -MaxReceiveSize 10MB",
  plannedStart: "2026-07-01T20:00",
  plannedEnd: "2026-07-01T22:00",
  serverIds: [hub.id],
  ...overrides,
});

async function newChange(user: CurrentUser, overrides: Record<string, unknown> = {}): Promise<number> {
  const result = await runAction(create, form(overrides), as(user));
  expect(result).toMatchObject({ ok: true });
  return (result as { data: { id: number } }).data.id;
}

async function submitted(user: CurrentUser, overrides: Record<string, unknown> = {}): Promise<number> {
  const id = await newChange(user, overrides);
  expect(await runAction(submit, { changeId: String(id) }, as(user))).toMatchObject({ ok: true });
  return id;
}

/** Records every item of a run through the real result action; `fail` fails the first check item. */
async function completeRun(runId: string, user: CurrentUser, options: { fail?: boolean } = {}) {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { version: { select: { items: { orderBy: { position: "asc" }, select: { id: true, kind: true } } } } } });
  let failed = false;
  for (const item of run.version.items) {
    const fail = options.fail && !failed && item.kind === "CHECK";
    if (fail) failed = true;
    const result = await runAction(record, { runId, itemId: item.id, outcome: fail ? "FAIL" : "PASS", value: item.kind === "NUMBER" ? "0" : item.kind === "TEXT" ? "Fine" : "", note: "", expectedRevision: "0" }, as(user));
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  }
}

async function status(id: number) {
  return (await db.change.findUniqueOrThrow({ where: { id } })).status;
}

describe("recording a change", () => {
  it("saves a draft with its servers, the window converted from the organisation's time zone, and one audit event", async () => {
    const before = await auditCount();
    const id = await newChange(operator, { serverIds: [hub.id, mbx.id, hub.id] });
    const change = await db.change.findUniqueOrThrow({ where: { id }, include: { servers: true } });
    expect(change).toMatchObject({ status: "DRAFT", type: "NORMAL", risk: "MEDIUM", requesterId: operator.id });
    // 20:00 in London in July is 19:00 UTC.
    expect(change.plannedStart.toISOString()).toBe("2026-07-01T19:00:00.000Z");
    expect(change.plannedEnd.toISOString()).toBe("2026-07-01T21:00:00.000Z");
    expect(change.servers.map((s) => s.serverId).sort()).toEqual([hub.id, mbx.id].sort());
    const events = await db.auditEvent.findMany({ where: { seq: { gt: before } } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "change.create", entityType: "Change", entityId: String(id), actorId: operator.id });
  });

  it("refuses bad input with a clear message and writes nothing", async () => {
    const inactive = await db.server.create({ data: { name: "EXOLD01", site: "London", active: false } });
    const before = await counts();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ plannedEnd: "2026-07-01T19:00" }, "plannedEnd", "The planned window must end after it starts."],
      [{ plannedEnd: "2026-07-01T20:00" }, "plannedEnd", "The planned window must end after it starts."],
      [{ plannedStart: "2026-02-30T20:00" }, "plannedStart", "Enter the planned start as a valid date and time."],
      [{ plannedEnd: "" }, "plannedEnd", "Enter the planned end."],
      [{ serverIds: [] }, "serverIds", "Choose at least one affected server."],
      [{ serverIds: ["no-such-server"] }, "serverIds", "Choose the affected servers from the inventory."],
      [{ serverIds: [hub.id, "no-such-server"] }, "serverIds", "Choose the affected servers from the inventory."],
      [{ serverIds: [inactive.id] }, "serverIds", "EXOLD01 is no longer in service; choose servers that are."],
      [{ type: "URGENT" }, "type", "Choose standard, normal or emergency."],
      [{ risk: "" }, "risk", "Choose the risk: low, medium or high."],
      [{ title: "x" }, "title", "Enter a title of at least 3 characters."],
      [{ backoutPlan: "  " }, "backoutPlan", "Enter the back-out plan."],
      [{ plannedEnd: "2026-08-15T20:00" }, "plannedEnd", "A planned window lasts at most 31 days; split a longer piece of work into several changes."],
    ];
    for (const [patch, field, message] of cases) {
      const result = await runAction(create, form(patch), as(operator));
      expect(result, JSON.stringify(patch)).toMatchObject({ ok: false });
      if (!result.ok) expect(result.fieldErrors[field], JSON.stringify(patch)).toContain(message);
    }
    // 01:30 on the night the clocks go forward does not exist; 01:30–02:15 would end before it starts.
    const gap = await runAction(create, form({ plannedStart: "2027-03-28T01:30", plannedEnd: "2027-03-28T02:15" }), as(operator));
    expect(gap).toMatchObject({ ok: false, error: "The planned window must end after it starts." });
    expect(await runAction(create, form(), as(viewer))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await counts()).toEqual(before);
  });

  it("lets only the requester edit a draft, and only while it is a draft", async () => {
    const id = await newChange(operator);
    const edited = await runAction(update, { ...form({ title: "Raise the size limit to 25 MB", serverIds: [hub2.id] }), changeId: String(id) }, as(operator));
    expect(edited).toMatchObject({ ok: true, message: "Draft saved." });
    const change = await db.change.findUniqueOrThrow({ where: { id }, include: { servers: true } });
    expect(change.title).toBe("Raise the size limit to 25 MB");
    expect(change.servers.map((s) => s.serverId)).toEqual([hub2.id]);

    const before = await counts();
    expect(await runAction(update, { ...form(), changeId: String(id) }, as(operator2))).toMatchObject({ ok: false, error: "Only the person who requested this change can edit its draft." });
    expect(await runAction(update, { ...form({ serverIds: ["nope"] }), changeId: String(id) }, as(operator))).toMatchObject({ ok: false });
    expect(await runAction(update, { ...form(), changeId: "999999" }, as(operator))).toMatchObject({ ok: false, error: "That change does not exist." });
    expect(await counts()).toEqual(before);

    await runAction(submit, { changeId: String(id) }, as(operator));
    expect(await runAction(update, { ...form(), changeId: String(id) }, as(operator))).toMatchObject({ ok: false, error: "Only a draft can be edited; this change is awaiting approval." });
  });
});

describe("approval", () => {
  it("refuses approval by an operator and by the requester, allows another manager, writing nothing on refusal", async () => {
    const byOperator = await submitted(operator);
    const byManager = await submitted(manager);
    const before = await counts();
    expect(await runAction(approve, { changeId: String(byOperator), note: "" }, as(operator))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await runAction(approve, { changeId: String(byOperator), note: "" }, as(operator2))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await runAction(approve, { changeId: String(byManager), note: "" }, as(manager))).toMatchObject({ ok: false, error: "You requested this change, so another manager must approve it." });
    expect(await runAction(reject, { changeId: String(byManager), note: "Not like this" }, as(manager))).toMatchObject({ ok: false, error: "You requested this change, so another manager must decide on it." });
    expect(await runAction(implement, { changeId: String(byOperator), procedureIds: [queues] }, as(operator))).toMatchObject({
      ok: false,
      error: "This change is awaiting approval; it can be implemented once a manager approves it.",
    });
    expect(await runAction(approve, { changeId: "424242", note: "" }, as(manager))).toMatchObject({ ok: false, error: "That change does not exist." });
    expect(await counts()).toEqual(before);

    const approved = await runAction(approve, { changeId: String(byManager), note: "Go ahead after 20:00." }, as(manager2));
    expect(approved).toMatchObject({ ok: true, message: "Approved. It can now be implemented." });
    expect(await db.change.findUniqueOrThrow({ where: { id: byManager } })).toMatchObject({ status: "APPROVED", approverId: manager2.id, decisionNote: "Go ahead after 20:00.", approvedRetroactively: false });
    expect(await runAction(approve, { changeId: String(byManager), note: "" }, as(manager2))).toMatchObject({ ok: false, error: "This change is already approved." });
  });

  it("rejects with a note; a rejected change goes no further", async () => {
    const id = await submitted(operator);
    expect(await runAction(reject, { changeId: String(id), note: "" }, as(manager))).toMatchObject({ ok: false, fieldErrors: { note: ["Say why the change is rejected (at least 5 characters)."] } });
    expect(await runAction(reject, { changeId: String(id), note: "Wait for the Exchange 2007 SP3 rollup first." }, as(manager))).toMatchObject({ ok: true });
    expect(await db.change.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "REJECTED", approverId: manager.id, decisionNote: "Wait for the Exchange 2007 SP3 rollup first." });
    const before = await counts();
    expect(await runAction(implement, { changeId: String(id), procedureIds: [queues] }, as(operator))).toMatchObject({ ok: false, error: "This change was rejected; it must not be implemented." });
    expect(await runAction(approve, { changeId: String(id), note: "" }, as(manager2))).toMatchObject({ ok: false, error: "This change was rejected; a rejected change cannot be approved." });
    expect(await counts()).toEqual(before);
  });

  it("refuses skipped steps with the step that comes first", async () => {
    const draft = await newChange(operator);
    const before = await counts();
    expect(await runAction(approve, { changeId: String(draft), note: "" }, as(manager))).toMatchObject({ ok: false, error: "This change is still a draft; its requester must submit it before a manager can decide on it." });
    expect(await runAction(implement, { changeId: String(draft), procedureIds: [queues] }, as(operator))).toMatchObject({ ok: false, error: "Submit this change and have it approved before implementing it." });
    expect(await runAction(verify, { changeId: String(draft) }, as(operator))).toMatchObject({ ok: false, error: "Mark this change implemented before verifying it." });
    expect(await runAction(close, { changeId: String(draft) }, as(manager))).toMatchObject({ ok: false, error: "A change is closed only after it has been implemented and verified." });
    expect(await runAction(submit, { changeId: String(draft) }, as(operator2))).toMatchObject({ ok: false, error: "Only the person who requested this change can submit it." });
    expect(await runAction(close, { changeId: String(draft) }, as(operator))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await counts()).toEqual(before);
  });

  it("pre-approves a standard change when it is submitted", async () => {
    const id = await newChange(operator, { type: "STANDARD", title: "Add a mailbox database to EXMBX01", serverIds: [mbx.id] });
    expect(await runAction(submit, { changeId: String(id) }, as(operator))).toMatchObject({ ok: true, message: "Submitted. Standard changes are pre-approved, so it can be implemented now." });
    expect(await db.change.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "APPROVED", approverId: null, decisionNote: "Standard change: pre-approved." });
    expect(await runAction(approve, { changeId: String(id), note: "" }, as(manager))).toMatchObject({ ok: false, error: "Standard changes are pre-approved when submitted; there is no approval to give." });
  });
});

describe("implementation and verification", () => {
  it("runs the done-when flow: approve, implement with two procedures, verify by completing the runs, close", async () => {
    const id = await submitted(operator);
    expect(await runAction(approve, { changeId: String(id), note: "" }, as(manager))).toMatchObject({ ok: true });

    // A procedure that is not in the library is refused and nothing is written.
    let before = await counts();
    expect(await runAction(implement, { changeId: String(id), procedureIds: [queues, "no-such-procedure"] }, as(operator))).toMatchObject({
      ok: false,
      error: "Some of the chosen procedures are not in the library.",
    });
    expect(await runAction(implement, { changeId: String(id), procedureIds: [] }, as(operator))).toMatchObject({ ok: false, fieldErrors: { procedureIds: ["Choose at least one verification procedure."] } });
    expect(await runAction(implement, { changeId: String(id), procedureIds: [queues] }, as(viewer))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await counts()).toEqual(before);

    const runsBefore = await db.run.count();
    const eventsBefore = await auditCount();
    const implemented = await runAction(implement, { changeId: String(id), procedureIds: [queues, paths] }, as(operator));
    expect(implemented).toMatchObject({ ok: true, message: "Marked implemented. 2 verification runs were created and assigned to you; the change is verified when they all complete without exceptions." });
    expect(await db.run.count()).toBe(runsBefore + 2);
    expect(await auditCount()).toBe(eventsBefore + 1);
    const change = await db.change.findUniqueOrThrow({ where: { id } });
    expect(change).toMatchObject({ status: "IMPLEMENTED", implementerId: operator.id });
    const runs = await db.run.findMany({ where: { changeId: id }, include: { procedure: { select: { currentVersionId: true } } }, orderBy: { createdAt: "asc" } });
    expect(runs.map((r) => r.procedureId).sort()).toEqual([queues, paths].sort());
    // Timed from the instant the action marked the change implemented, as it stored it.
    const implementedAt = change.implementedAt!;
    const timeZone = (await db.organisationSettings.findUniqueOrThrow({ where: { id: 1 } })).timeZone;
    for (const run of runs) {
      expect(run).toMatchObject({ scheduleId: null, serverId: hub.id, scopeKey: hub.id, periodKey: `change-${id}`, cadence: "DAILY", assigneeUserId: operator.id, completedAt: null });
      expect(run.versionId).toBe(run.procedure.currentVersionId);
      expect(run).toMatchObject({ ...verificationTimes(implementedAt, timeZone), opensAt: implementedAt });
      expect(run.dueAt.getTime() - run.opensAt.getTime()).toBe(4 * 3_600_000);
      expect(run.graceEndsAt.getTime()).toBeGreaterThanOrEqual(run.dueAt.getTime());
    }

    // Verification is refused while a run is open…
    before = await counts();
    const open = await runAction(verify, { changeId: String(id) }, as(operator));
    expect(open).toMatchObject({ ok: false });
    expect(!open.ok && open.error).toMatch(/^The change cannot be verified yet: 2 verification runs .* are not complete\./);
    expect(await counts()).toEqual(before);

    // …stays implemented while one run is done and the other is open…
    const [first, second] = [runs.find((r) => r.procedureId === queues)!, runs.find((r) => r.procedureId === paths)!];
    await completeRun(first.id, operator);
    expect(await status(id)).toBe("IMPLEMENTED");
    // …is refused when a run completed with exceptions…
    await completeRun(second.id, operator2, { fail: true });
    expect(await status(id)).toBe("IMPLEMENTED");
    before = await counts();
    expect(await runAction(verify, { changeId: String(id) }, as(operator))).toMatchObject({
      ok: false,
      error:
        "The change cannot be verified: the verification run Check message paths and mail flow on EXHUB01 completed with exceptions. Put the problem right and correct the failed checks, or follow the back-out plan.",
    });
    expect(await counts()).toEqual(before);
    expect(await runAction(close, { changeId: String(id) }, as(manager))).toMatchObject({ ok: false, error: "A change is closed only after its verification runs have completed without exceptions." });

    // …and verified as soon as the failed check is corrected and every run is without exceptions.
    const failed = await db.result.findFirstOrThrow({ where: { runId: second.id, outcome: "FAIL" } });
    const corrected = await runAction(record, { runId: second.id, itemId: failed.itemId, outcome: "PASS", value: "", note: "Mail flows again after the connector restart", expectedRevision: "1" }, as(operator2));
    expect(corrected).toMatchObject({ ok: true });
    expect(await db.change.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "VERIFIED", verifiedAt: expect.any(Date) });
    const verified = await db.auditEvent.findFirstOrThrow({ where: { entityType: "Change", entityId: String(id), action: "change.verify" } });
    expect(verified.actorId).toBe(operator2.id);
    expect(JSON.parse(verified.after!)).toMatchObject({ status: "VERIFIED", automatic: true, lastRunId: second.id });
    expect(await runAction(verify, { changeId: String(id) }, as(operator))).toMatchObject({ ok: false, error: "This change is already verified." });

    expect(await runAction(close, { changeId: String(id) }, as(manager))).toMatchObject({ ok: true, message: "Closed. The change record is complete." });
    expect(await db.change.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "CLOSED", closedAt: expect.any(Date) });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("creates one run per procedure and server it applies to", async () => {
    const id = await submitted(operator, { serverIds: [hub.id, hub2.id, mbx.id] });
    await runAction(approve, { changeId: String(id), note: "" }, as(manager));
    const result = await runAction(implement, { changeId: String(id), procedureIds: [queues, paths] }, as(operator));
    expect(result).toMatchObject({ ok: true });
    const runs = await db.run.findMany({ where: { changeId: id }, select: { procedureId: true, serverId: true } });
    // Message queues on the two Hub Transport servers; message paths on those and the Mailbox server.
    expect(runs).toHaveLength(5);
    expect(runs.filter((r) => r.procedureId === queues).map((r) => r.serverId).sort()).toEqual([hub.id, hub2.id].sort());
    expect(runs.filter((r) => r.procedureId === paths).map((r) => r.serverId).sort()).toEqual([hub.id, hub2.id, mbx.id].sort());
  });

  it("verifies explicitly when the runs completed without the hook, and goes back to implemented when a correction fails a run", async () => {
    const id = await submitted(operator);
    await runAction(approve, { changeId: String(id), note: "" }, as(manager));
    await runAction(implement, { changeId: String(id), procedureIds: [queues] }, as(operator));
    const run = await db.run.findFirstOrThrow({ where: { changeId: id } });
    // Completed outside the result action (as by an older portal): only the explicit action verifies.
    await db.run.update({ where: { id: run.id }, data: { completedAt: new Date(), completedById: operator.id, hasExceptions: false } });
    expect(await status(id)).toBe("IMPLEMENTED");
    expect(await runAction(verify, { changeId: String(id) }, as(operator2))).toMatchObject({ ok: true, message: "Verified: every verification run completed without exceptions." });
    expect(await status(id)).toBe("VERIFIED");

    // A run that now has exceptions puts the change back to implemented, with its own audit event.
    const item = await db.checklistItem.findFirstOrThrow({ where: { versionId: run.versionId, kind: "CHECK" } });
    await db.$transaction(async (tx) => {
      await tx.result.create({ data: { runId: run.id, itemId: item.id, revision: 1, outcome: "FAIL", recordedById: operator.id } });
      await tx.run.update({ where: { id: run.id }, data: { hasExceptions: true } });
      expect(await onVerificationRunCompleted(tx, run.id)).toBe("IMPLEMENTED");
    });
    expect(await db.change.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "IMPLEMENTED", verifiedAt: null });
    expect(await db.auditEvent.count({ where: { entityType: "Change", entityId: String(id), action: "change.verification_reopened" } })).toBe(1);
    // A run of no change, or of a change in another state, changes nothing.
    const other = await db.run.create({ data: { ...run, id: undefined, changeId: null, periodKey: "no-change", createdAt: undefined, completedAt: null, completedById: null, hasExceptions: false } });
    expect(await db.$transaction((tx) => onVerificationRunCompleted(tx, other.id))).toBeNull();
  });

  it("lets an emergency change be implemented before approval and flags the approval as retroactive", async () => {
    const id = await submitted(operator, { type: "EMERGENCY", title: "Disable the failing send connector", risk: "HIGH" });
    const implemented = await runAction(implement, { changeId: String(id), procedureIds: [queues] }, as(operator));
    expect(implemented).toMatchObject({ ok: true });
    expect(implemented.ok && implemented.message).toMatch(/A manager must still approve this emergency change after the fact\.$/);
    const run = await db.run.findFirstOrThrow({ where: { changeId: id } });
    await completeRun(run.id, operator);
    expect(await status(id)).toBe("VERIFIED");

    const before = await counts();
    expect(await runAction(close, { changeId: String(id) }, as(manager))).toMatchObject({ ok: false, error: "This emergency change must be approved after the fact before it is closed." });
    expect(await runAction(reject, { changeId: String(id), note: "Should have asked" }, as(manager))).toMatchObject({ ok: false });
    expect(await runAction(approve, { changeId: String(id), note: "" }, as(operator))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await counts()).toEqual(before);

    expect(await runAction(approve, { changeId: String(id), note: "Right call during the outage." }, as(manager))).toMatchObject({
      ok: true,
      message: "Approved after the fact; the change is flagged as approved retroactively.",
    });
    expect(await db.change.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "VERIFIED", approverId: manager.id, approvedRetroactively: true });
    expect(await runAction(close, { changeId: String(id) }, as(manager))).toMatchObject({ ok: true });
  });
});

describe("changes on a run's record", () => {
  it("lists changes implemented on the run's server during its period", async () => {
    const id = await submitted(operator, { title: "Restart the transport service on EXHUB01" });
    await runAction(approve, { changeId: String(id), note: "" }, as(manager));
    await runAction(implement, { changeId: String(id), procedureIds: [queues] }, as(operator));
    const run = await db.run.findFirstOrThrow({ where: { changeId: id } });
    const view = await changesDuringRun(run.id);
    expect(view?.serverName).toBe("EXHUB01");
    expect(view?.verifiesChangeId).toBe(id);
    expect(view?.changes.map((c) => c.id)).toContain(id);

    // A run on another server that day does not list it.
    const elsewhere = await db.run.create({
      data: { ...run, id: undefined, serverId: mbx.id, scopeKey: mbx.id, changeId: null, periodKey: "elsewhere", createdAt: undefined },
    });
    expect((await changesDuringRun(elsewhere.id))?.changes.map((c) => c.id)).not.toContain(id);
    expect(await changesDuringRun("no-such-run")).toBeNull();
  });
});
