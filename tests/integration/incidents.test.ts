import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/define";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listIncidents, listRunIncidents, prefillFromRun, weeklyIncidentReport } from "@/lib/incidents/queries";
import { seedDatabase } from "@/lib/procedures/seed";
import { localInstant } from "@/lib/time/dates";
import "@/lib/incidents/actions";
import "@/lib/runs/actions";
import { actionDefinition, as, auditCount, makeUser } from "../support/fixtures";

const open = actionDefinition("incident.open");
const changeStatus = actionDefinition("incident.change_status");
const addUpdate = actionDefinition("incident.add_update");
const update = actionDefinition("incident.update");
const linkProblem = actionDefinition("incident.link_problem");
const unlinkProblem = actionDefinition("incident.unlink_problem");
const createProblem = actionDefinition("problem.create");
const updateProblem = actionDefinition("problem.update");
const record = actionDefinition("result.record");
const HOUR = 3_600_000;

let operator: CurrentUser;
let colleague: CurrentUser;
let manager: CurrentUser;
let viewer: CurrentUser;
let hub1: string;
let hub2: string;

/** An ad-hoc run of "Examine message queues" on a server, open since this morning. */
async function queueRun(serverId: string) {
  const procedure = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D5" }, include: { currentVersion: { include: { items: { orderBy: { position: "asc" } } } } } });
  const now = Date.now();
  const run = await db.run.create({
    data: {
      procedureId: procedure.id,
      versionId: procedure.currentVersionId!,
      serverId,
      periodKey: `incident-test-${Math.random()}`,
      scopeKey: serverId,
      cadence: "DAILY",
      localDate: new Date(now).toISOString().slice(0, 10),
      opensAt: new Date(now - 6 * HOUR),
      dueAt: new Date(now + 2 * HOUR),
      graceEndsAt: new Date(now + 4 * HOUR),
    },
  });
  const submission = procedure.currentVersion!.items.find((i) => i.text === "Submission Queue Length")!;
  return { run, procedure, submission, items: procedure.currentVersion!.items };
}

/** Records the submission queue length (180 fails against the maximum of 100). */
async function recordQueue(runId: string, itemId: string, value: string, expectedRevision: number) {
  const result = await runAction(record, { runId, itemId, outcome: "PASS", value, note: "Backlog to the Internet", expectedRevision: String(expectedRevision) }, as(operator));
  expect(result.ok, JSON.stringify(result)).toBe(true);
  return db.result.findFirstOrThrow({ where: { runId, itemId }, orderBy: { revision: "desc" } });
}

/** Everything an incident action could write. */
async function snapshot() {
  return {
    incidents: await db.incident.findMany({ orderBy: { id: "asc" }, include: { servers: true } }),
    updates: await db.incidentUpdate.count(),
    problems: await db.problem.findMany({ orderBy: { id: "asc" } }),
    events: await auditCount(),
  };
}

async function expectRefused(definition: typeof open, input: Record<string, unknown>, user: CurrentUser, message: string, field?: string) {
  const before = await snapshot();
  const result = await runAction(definition, input, as(user));
  expect(result.ok, JSON.stringify(result)).toBe(false);
  if (!result.ok) {
    expect(result.error).toBe(field ? result.error : message);
    if (field) expect(result.fieldErrors[field], JSON.stringify(result)).toContain(message);
  }
  expect(await snapshot()).toEqual(before);
}

async function openIncident(input: Record<string, unknown>, user = operator): Promise<number> {
  const result = await runAction(open, { title: "Outbound mail delayed", severity: "3", description: "", ...input }, as(user));
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  return (result as { data: { id: number } }).data.id;
}

beforeAll(async () => {
  await seedDatabase(db);
  operator = await makeUser("OPERATOR", { name: "Omar Operator" });
  colleague = await makeUser("OPERATOR", { name: "Cleo Colleague" });
  manager = await makeUser("MANAGER", { name: "Maya Manager" });
  viewer = await makeUser("VIEWER", { name: "Vera Viewer" });
  hub1 = (await db.server.findUniqueOrThrow({ where: { name: "EXHUB01" } })).id;
  hub2 = (await db.server.findUniqueOrThrow({ where: { name: "EXHUB02" } })).id;
});

describe("opening an incident", () => {
  it("from a failed queue check: the form is prefilled, and the incident keeps the run, item, result, procedure and server", async () => {
    const { run, procedure, submission } = await queueRun(hub1);
    const result = await recordQueue(run.id, submission.id, "180", 0);

    const prefill = await prefillFromRun(run.id, submission.id);
    expect(prefill).toMatchObject({
      kind: "ok",
      runId: run.id,
      itemId: submission.id,
      resultId: result.id,
      procedureTitle: "Examine message queues",
      serverName: "EXHUB01",
      itemText: "Submission Queue Length",
      value: "180 messages",
      failureReason: "Submission Queue Length 180 messages exceeds the maximum of 100 messages",
      note: "Backlog to the Internet",
      recordedBy: "Omar Operator",
      title: "EXHUB01: Submission Queue Length 180 messages exceeds the maximum of 100 messages",
      serverIds: [hub1],
    });
    if (prefill.kind !== "ok") throw new Error("no prefill");
    expect(prefill.description).toContain("Submission Queue Length: 180 messages, recorded by Omar Operator");

    const events = await auditCount();
    const id = await openIncident({ title: prefill.title, description: prefill.description, severity: "2", serverIds: prefill.serverIds, runId: run.id, itemId: submission.id, resultId: result.id });
    expect(await auditCount()).toBe(events + 1);
    const incident = await db.incident.findUniqueOrThrow({ where: { id }, include: { servers: true, updates: true } });
    expect(incident).toMatchObject({
      status: "OPEN",
      severity: 2,
      openedById: operator.id,
      sourceRunId: run.id,
      sourceItemId: submission.id,
      sourceResultId: result.id,
      procedureId: procedure.id,
      resolvedAt: null,
    });
    expect(incident.servers.map((s) => s.serverId)).toEqual([hub1]);
    expect(incident.updates).toHaveLength(1);
    expect(incident.updates[0]).toMatchObject({ fromStatus: null, toStatus: "OPEN", authorId: operator.id });
    expect(incident.updates[0]!.body).toMatch(/^Opened from a failed check: “Submission Queue Length” \(180 messages\) in Examine message queues on EXHUB01/);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "incident.open", entityType: "Incident", entityId: String(id), actorId: operator.id });

    // The run shows the incidents raised from it.
    expect(await listRunIncidents(run.id)).toEqual([{ id, title: prefill.title, status: "OPEN", severity: 2, itemText: "Submission Queue Length" }]);
  });

  it("does not prefill from an item that passed, nor from an unknown run or item", async () => {
    const { run, submission, items } = await queueRun(hub2);
    expect(await prefillFromRun(run.id, submission.id)).toMatchObject({ kind: "notFailed", message: expect.stringContaining("Nothing has been recorded") });
    await recordQueue(run.id, submission.id, "12", 0);
    expect(await prefillFromRun(run.id, submission.id)).toMatchObject({ kind: "notFailed", message: expect.stringContaining("did not fail") });
    expect(await prefillFromRun("no-such-run", submission.id)).toEqual({ kind: "notFound" });
    const otherProcedureItem = await db.checklistItem.findFirstOrThrow({ where: { id: { notIn: items.map((i) => i.id) } } });
    expect(await prefillFromRun(run.id, otherProcedureItem.id)).toEqual({ kind: "notFound" });
  });

  it("refuses a result that is not (or no longer) the failed one shown, and changes nothing", async () => {
    const { run, submission } = await queueRun(hub2);
    const failed = await recordQueue(run.id, submission.id, "250", 0);
    const base = { title: "Queue backlog", severity: "3", serverIds: [hub2], runId: run.id, itemId: submission.id };
    // Corrected to a pass while the operator was writing.
    const corrected = await recordQueue(run.id, submission.id, "40", 1);
    await expectRefused(open, { ...base, resultId: failed.id }, operator, "This item's result was corrected while you were writing. Nothing was saved: reload the form to raise the incident from the current result.");
    await expectRefused(open, { ...base, resultId: corrected.id }, operator, "This item did not fail (its current result is Pass). Open the incident from scratch if something is still wrong.");
    await expectRefused(open, { ...base, resultId: corrected.id, runId: "no-such-run" }, operator, "That run does not exist.");
    await expectRefused(open, { ...base, resultId: undefined }, operator, "A failed check is named by its run, its item and its result; reopen the form from the run.", "runId");
  });

  it("from scratch, with servers, severity and an assignee", async () => {
    const id = await openIncident({ title: "OWA sign-in slow for London users", severity: "2", description: "Reported by the service desk.", serverIds: [hub2, hub1], assigneeId: colleague.id });
    const incident = await db.incident.findUniqueOrThrow({ where: { id }, include: { servers: true, updates: true } });
    expect(incident).toMatchObject({ title: "OWA sign-in slow for London users", severity: 2, assigneeId: colleague.id, sourceRunId: null, procedureId: null, status: "OPEN" });
    expect(incident.servers.map((s) => s.serverId).sort()).toEqual([hub1, hub2].sort());
    expect(incident.updates.map((u) => u.body)).toEqual(["Opened."]);
  });

  it("refuses unknown or retired servers, an assignee who cannot work incidents, and bad fields, writing nothing", async () => {
    await expectRefused(open, { title: "Mail stuck", severity: "3", serverIds: [hub1, "no-such-server"] }, operator, "Unknown server: choose the affected servers from the inventory.", "serverIds");
    const retired = await db.server.create({ data: { name: "EXOLD01", site: "London-HQ", active: false } });
    await expectRefused(open, { title: "Mail stuck", severity: "3", serverIds: [retired.id] }, operator, "EXOLD01 is out of service and cannot be added to an incident.", "serverIds");
    await expectRefused(open, { title: "Mail stuck", severity: "3", serverIds: [hub1, hub1] }, operator, "A server is chosen twice.", "serverIds");
    await expectRefused(open, { title: "Mail stuck", severity: "3", assigneeId: viewer.id }, operator, "Assign the incident to an active operator, manager or administrator.", "assigneeId");
    await expectRefused(open, { title: "Mail stuck", severity: "3", assigneeId: "nobody-like-this" }, operator, "Assign the incident to an active operator, manager or administrator.", "assigneeId");
    await expectRefused(open, { title: "Mail stuck", severity: "5" }, operator, "Choose a severity from 1 (critical) to 4 (low).", "severity");
    await expectRefused(open, { title: "  x ", severity: "1" }, operator, "Give a title of at least 3 characters.", "title");
  });

  it("refuses a viewer and allows an operator (paired)", async () => {
    const input = { title: "Public folder replication backlog", severity: "4", serverIds: [] };
    await expectRefused(open, input, viewer, "You do not have permission to do that.");
    await openIncident(input, operator);
  });
});

describe("the workflow through the actions", () => {
  it("refuses skipped steps and closing without a resolution; takes an incident through investigate, resolve and close", async () => {
    const id = await openIncident({ title: "Retry queue growing on EXHUB01", serverIds: [hub1] });

    await expectRefused(changeStatus, { incidentId: String(id), step: "close" }, manager, "Resolve the incident before closing it: it is still open and has no resolution yet.");
    await expectRefused(changeStatus, { incidentId: String(id), step: "reopen" }, manager, "This incident is still open; only a resolved incident can be reopened.");
    await expectRefused(changeStatus, { incidentId: String(id), step: "resolve", resolution: "   " }, manager, "Write the resolution: what was done to restore the service.", "resolution");
    await expectRefused(changeStatus, { incidentId: String(id), step: "escalate" }, manager, "Choose what to do.", "step");
    await expectRefused(changeStatus, { incidentId: String(id), step: "investigate" }, viewer, "You do not have permission to do that.");
    await expectRefused(changeStatus, { incidentId: "999999", step: "investigate" }, manager, "That incident does not exist.");

    // Starting the investigation takes the unassigned incident.
    expect(await runAction(changeStatus, { incidentId: String(id), step: "investigate", note: "Looking at the send connector." }, as(operator))).toMatchObject({ ok: true, message: `INC-${id} is being investigated.` });
    expect(await db.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "INVESTIGATING", assigneeId: operator.id });
    await expectRefused(changeStatus, { incidentId: String(id), step: "investigate" }, operator, "This incident is already being investigated.");
    await expectRefused(changeStatus, { incidentId: String(id), step: "close" }, manager, "Resolve the incident before closing it: it is still being investigated and has no resolution yet.");

    const resolved = await runAction(changeStatus, { incidentId: String(id), step: "resolve", resolution: "Smart host DNS record fixed; queue drained in 10 minutes.", rootCause: "Stale DNS record for the smart host." }, as(manager));
    expect(resolved).toMatchObject({ ok: true, message: `INC-${id} is resolved.` });
    const afterResolve = await db.incident.findUniqueOrThrow({ where: { id } });
    expect(afterResolve).toMatchObject({ status: "RESOLVED", resolution: "Smart host DNS record fixed; queue drained in 10 minutes.", rootCause: "Stale DNS record for the smart host.", closedAt: null });
    expect(afterResolve.resolvedAt).toBeInstanceOf(Date);
    await expectRefused(changeStatus, { incidentId: String(id), step: "resolve", resolution: "Again" }, manager, "This incident is already resolved.");
    await expectRefused(changeStatus, { incidentId: String(id), step: "investigate" }, manager, "This incident is resolved. Reopen it if the fault has come back.");
    // A resolved incident keeps its resolution.
    await expectRefused(update, { incidentId: String(id), title: afterResolve.title, severity: "3", serverIds: [hub1], assigneeId: operator.id, rootCause: afterResolve.rootCause, resolution: "" }, manager, "A resolved incident keeps its resolution; write what was done instead of removing it.", "resolution");

    expect(await runAction(changeStatus, { incidentId: String(id), step: "close" }, as(manager))).toMatchObject({ ok: true, message: `INC-${id} is closed.` });
    const closed = await db.incident.findUniqueOrThrow({ where: { id }, include: { updates: { orderBy: { at: "asc" } } } });
    expect(closed.status).toBe("CLOSED");
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect(closed.updates.map((u) => [u.fromStatus, u.toStatus])).toEqual([[null, "OPEN"], ["OPEN", "INVESTIGATING"], ["INVESTIGATING", "RESOLVED"], ["RESOLVED", "CLOSED"]]);
    expect(closed.updates[1]!.body).toBe("Investigation started.\n\nLooking at the send connector.");
    expect(closed.updates[2]!.body).toBe("Resolved: Smart host DNS record fixed; queue drained in 10 minutes.");

    // A closed incident is final.
    for (const step of ["investigate", "resolve", "reopen", "close"]) {
      const message = {
        investigate: "This incident is closed. If the fault has come back, open a new incident and link both to a problem.",
        resolve: "This incident is already closed.",
        reopen: "A closed incident cannot be reopened. Open a new incident and link both to a problem.",
        close: "This incident is already closed.",
      }[step]!;
      await expectRefused(changeStatus, { incidentId: String(id), step, resolution: "x" }, manager, message);
    }
    await expectRefused(addUpdate, { incidentId: String(id), body: "One more thing" }, manager, "This incident is closed; its record can no longer be changed.");
    await expectRefused(update, { incidentId: String(id), title: "Renamed", severity: "3", serverIds: [hub1] }, manager, "This incident is closed; its record can no longer be changed.");
  });

  it("reopens a resolved incident, clearing the resolution and keeping it in the timeline", async () => {
    const id = await openIncident({ title: "Edge sync failing" });
    await runAction(changeStatus, { incidentId: String(id), step: "resolve", resolution: "Re-subscribed the Edge server." }, as(operator));
    // Nobody had taken it: it is now the resolver's.
    expect(await db.incident.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "RESOLVED", assigneeId: operator.id });
    const reopened = await runAction(changeStatus, { incidentId: String(id), step: "reopen", note: "Failed again overnight." }, as(colleague));
    expect(reopened).toMatchObject({ ok: true, message: `INC-${id} is open again.` });
    const incident = await db.incident.findUniqueOrThrow({ where: { id }, include: { updates: { orderBy: { at: "desc" }, take: 1 } } });
    expect(incident).toMatchObject({ status: "OPEN", resolution: "", resolvedAt: null });
    expect(incident.updates[0]).toMatchObject({ fromStatus: "RESOLVED", toStatus: "OPEN", body: "Reopened. Previous resolution: Re-subscribed the Edge server.\n\nFailed again overnight." });
  });

  it("adds updates and edits details, noting each change in the timeline; refuses a save that changes nothing", async () => {
    const id = await openIncident({ title: "Certificate expiring on EXCAS01", serverIds: [hub1] });
    expect(await runAction(addUpdate, { incidentId: String(id), body: "Renewal requested from the PKI team." }, as(operator))).toMatchObject({ ok: true });
    await expectRefused(addUpdate, { incidentId: String(id), body: " " }, operator, "Write an update of at least 3 characters.", "body");
    await expectRefused(addUpdate, { incidentId: String(id), body: "Sneaky" }, viewer, "You do not have permission to do that.");

    const base = { incidentId: String(id), title: "Certificate expiring on EXCAS01", description: "", severity: "3", serverIds: [hub1], assigneeId: "", rootCause: "" };
    await expectRefused(update, base, operator, "Nothing to save: the details are as they were.");
    await expectRefused(update, { ...base, serverIds: ["no-such-server"] }, operator, "Unknown server: choose the affected servers from the inventory.", "serverIds");
    const events = await auditCount();
    const saved = await runAction(update, { ...base, severity: "2", assigneeId: colleague.id, serverIds: [hub1, hub2], rootCause: "Auto-renewal disabled." }, as(manager));
    expect(saved).toMatchObject({ ok: true, message: "Details saved." });
    expect(await auditCount()).toBe(events + 1);
    const incident = await db.incident.findUniqueOrThrow({ where: { id }, include: { servers: true, updates: { orderBy: { at: "asc" } } } });
    expect(incident).toMatchObject({ severity: 2, assigneeId: colleague.id, rootCause: "Auto-renewal disabled." });
    expect(incident.servers.map((s) => s.serverId).sort()).toEqual([hub1, hub2].sort());
    expect(incident.updates.at(-1)!.body).toBe(
      ["Severity 3 (Medium) → 2 (High).", "Assignee: nobody → Cleo Colleague.", "Affected servers: EXHUB01 → EXHUB01, EXHUB02.", "Root cause: Auto-renewal disabled."].join("\n"),
    );
    expect(incident.updates.map((u) => u.body)).toContain("Renewal requested from the PKI team.");
  });
});

describe("problems", () => {
  it("creates a problem from an incident, links a recurring one, lists both, and unlinks", async () => {
    const first = await openIncident({ title: "Submission queue backs up at 02:00", serverIds: [hub1] });
    const second = await openIncident({ title: "Submission queue backs up again at 02:00", serverIds: [hub1] });

    await expectRefused(createProblem, { incidentId: String(first), title: "Queue", description: "" }, viewer, "You do not have permission to do that.");
    await expectRefused(createProblem, { incidentId: String(first), title: "Q" }, operator, "Give a title of at least 3 characters.", "title");
    const created = await runAction(createProblem, { incidentId: String(first), title: "Nightly backup saturates transport", description: "Queue grows while the backup runs.", rootCause: "" }, as(operator));
    expect(created).toMatchObject({ ok: true });
    const problemId = (created as { data: { id: number } }).data.id;
    expect(await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } })).toMatchObject({ action: "problem.create", entityType: "Problem", entityId: String(problemId) });
    await expectRefused(createProblem, { incidentId: String(first), title: "Another problem" }, operator, `This incident is already linked to PRB-${problemId}. Unlink it first to start a new problem.`);

    await expectRefused(linkProblem, { incidentId: String(second), problemId: "999999" }, operator, "That problem does not exist.", "problemId");
    await expectRefused(linkProblem, { incidentId: String(second), problemId: "" }, operator, "Choose a problem.", "problemId");
    // Recurrences are often recognised after closing: a closed incident can still be linked.
    await runAction(changeStatus, { incidentId: String(second), step: "resolve", resolution: "Backup rescheduled to 04:00." }, as(operator));
    await runAction(changeStatus, { incidentId: String(second), step: "close" }, as(operator));
    expect(await runAction(linkProblem, { incidentId: String(second), problemId: String(problemId) }, as(operator))).toMatchObject({ ok: true, message: `Linked to PRB-${problemId}.` });
    await expectRefused(linkProblem, { incidentId: String(second), problemId: String(problemId) }, operator, `This incident is already linked to PRB-${problemId}.`);

    const problem = await db.problem.findUniqueOrThrow({ where: { id: problemId }, include: { incidents: { orderBy: { id: "asc" } } } });
    expect(problem.incidents.map((i) => i.id)).toEqual([first, second]);

    await expectRefused(updateProblem, { problemId: String(problemId), title: problem.title, description: problem.description, rootCause: "" }, operator, "Nothing to save: the problem is as it was.");
    expect(await runAction(updateProblem, { problemId: String(problemId), title: problem.title, description: problem.description, rootCause: "Backup and transport share one disk." }, as(operator))).toMatchObject({ ok: true });
    expect((await db.problem.findUniqueOrThrow({ where: { id: problemId } })).rootCause).toBe("Backup and transport share one disk.");

    expect(await runAction(unlinkProblem, { incidentId: String(first) }, as(operator))).toMatchObject({ ok: true });
    await expectRefused(unlinkProblem, { incidentId: String(first) }, operator, "This incident is not linked to a problem.");
    expect((await db.incident.findUniqueOrThrow({ where: { id: first } })).problemId).toBeNull();
  });
});

describe("the list and the weekly report", () => {
  it("lists open incidents by default and filters by status, severity and server", async () => {
    const unresolved = await listIncidents({});
    expect(unresolved.incidents.length).toBeGreaterThan(0);
    expect(unresolved.incidents.every((i) => i.status === "OPEN" || i.status === "INVESTIGATING")).toBe(true);
    const closed = await listIncidents({ status: "CLOSED" });
    expect(closed.incidents.length).toBeGreaterThan(0);
    expect(closed.incidents.every((i) => i.status === "CLOSED")).toBe(true);
    const onHub2 = await listIncidents({ status: "all", server: hub2 });
    expect(onHub2.incidents.map((i) => i.title)).toContain("OWA sign-in slow for London users");
    expect(onHub2.incidents.every((i) => i.servers.includes("EXHUB02"))).toBe(true);
    expect((await listIncidents({ status: "all", severity: 4 })).incidents.every((i) => i.severity === 4)).toBe(true);
    expect((await listIncidents({ server: "no-such-server" })).unknownServer).toBe(true);
  });

  it("reports a week's incidents: opened, resolved, durations and what is still open", async () => {
    const { timeZone } = await db.organisationSettings.findUniqueOrThrow({ where: { id: 1 } }).catch(() => ({ timeZone: "UTC" }));
    // The week of Monday 10 March 2025, in the organisation's time zone.
    const at = (date: string, time: string) => localInstant(date, time, timeZone);
    const make = (title: string, openedAt: Date, resolvedAt: Date | null, status = resolvedAt ? "RESOLVED" : "OPEN") =>
      db.incident.create({ data: { title, severity: 3, status, openedById: operator.id, openedAt, resolvedAt, servers: { create: [{ serverId: hub1 }] } } });
    const before = await make("Opened the week before, resolved in it", at("2025-03-07", "10:00"), at("2025-03-10", "10:00")); // 3 days
    const quick = await make("Opened and resolved on Tuesday", at("2025-03-11", "09:00"), at("2025-03-11", "09:45")); // 45 min
    const longer = await make("Opened Wednesday, resolved Thursday", at("2025-03-12", "08:00"), at("2025-03-13", "10:30")); // 26 h 30
    const open = await make("Opened Friday, still open", at("2025-03-14", "16:00"), null);
    const later = await make("Opened Sunday, resolved the week after", at("2025-03-16", "23:00"), at("2025-03-17", "01:00"));
    const carried = await make("Opened long before, still open", at("2025-02-01", "12:00"), null);
    await make("Opened and resolved the week before", at("2025-03-03", "12:00"), at("2025-03-04", "12:00"));
    await make("Opened the week after", at("2025-03-17", "09:00"), null);

    const report = await weeklyIncidentReport("2025-03-12", new Date("2026-01-01T00:00:00Z"));
    expect(report.period).toMatchObject({ from: "2025-03-10", to: "2025-03-16" });
    expect(report.isCurrent).toBe(false);
    expect(report.opened.map((r) => r.id)).toEqual([quick.id, longer.id, open.id, later.id]);
    expect(report.resolved.map((r) => r.id)).toEqual([before.id, quick.id, longer.id]);
    expect(report.stillOpen.map((r) => r.id)).toEqual([carried.id, open.id, later.id]);
    expect(report.resolved.map((r) => r.minutes)).toEqual([3 * 1440, 45, 26 * 60 + 30]);
    expect(report.durations).toEqual({ count: 3, mean: Math.round((3 * 1440 + 45 + 26 * 60 + 30) / 3), median: 26 * 60 + 30, longest: 3 * 1440 });
    expect(report.bySeverity).toEqual({ 1: 0, 2: 0, 3: 4, 4: 0 });
    // Still open at the end of the week: counted up to the week's end, not to today.
    const weekEnd = at("2025-03-17", "00:00");
    expect(report.stillOpen.find((r) => r.id === open.id)!.minutes).toBe((weekEnd.getTime() - at("2025-03-14", "16:00").getTime()) / 60_000);
    expect(report.stillOpen.find((r) => r.id === later.id)!.resolvedAt).not.toBeNull();

    // A bad week falls back to the current one with a message: the week holding `now` in the
    // organisation's zone, on either side of the night from Sunday to Monday.
    const sundayNight = await weeklyIncidentReport("2025-02-30", at("2025-03-16", "23:59"));
    expect(sundayNight.error).toBe("Enter a day of the week as YYYY-MM-DD. Showing this week instead.");
    expect(sundayNight).toMatchObject({ isCurrent: true, today: "2025-03-16", period: { from: "2025-03-10", to: "2025-03-16" } });
    const mondayMorning = await weeklyIncidentReport("2025-02-30", at("2025-03-17", "00:00"));
    expect(mondayMorning).toMatchObject({ isCurrent: true, today: "2025-03-17", period: { from: "2025-03-17", to: "2025-03-23" } });
  });

  it("kept the audit chain intact through all of it", async () => {
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
