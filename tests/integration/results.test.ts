import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import { verifyAuditChain } from "@/lib/audit/verify";
import { seedDatabase } from "@/lib/procedures/seed";
import "@/lib/runs/actions";
import { getRun, getToday, type TodayView } from "@/lib/runs/queries";
import { localDateOf } from "@/lib/time/dates";
import type { CurrentUser } from "@/lib/auth/session";
import { actionDefinition, as, auditCount, makeUser } from "../support/fixtures";

const record = actionDefinition("result.record");
const skip = actionDefinition("run.skip");
const HOUR = 3_600_000;
// The instant the seed, the actions and the queries act at (the organisation is on UTC, the
// default). The Today test picks its own instants, either side of each boundary the list follows.
const NOW = new Date("2026-11-24T08:00:00Z");

let operator: CurrentUser;
let colleague: CurrentUser;
let viewer: CurrentUser;
let manager: CurrentUser;

/** An ad-hoc run of a seeded procedure, open since six hours before `now` and due `dueInHours` after it. */
async function makeRun(code: string, dueInHours = 2, extra: Record<string, unknown> = {}, now = NOW) {
  const procedure = await db.procedure.findUniqueOrThrow({ where: { seedCode: code }, include: { currentVersion: { include: { items: { orderBy: { position: "asc" } } } } } });
  const run = await db.run.create({
    data: {
      procedureId: procedure.id,
      versionId: procedure.currentVersionId!,
      periodKey: `adhoc-${Math.random()}`,
      scopeKey: "-",
      cadence: "DAILY",
      localDate: localDateOf(now, "UTC"),
      opensAt: new Date(now.getTime() - 6 * HOUR),
      dueAt: new Date(now.getTime() + dueInHours * HOUR),
      graceEndsAt: new Date(now.getTime() + (dueInHours + 2) * HOUR),
      ...extra,
    },
  });
  return { run, items: procedure.currentVersion!.items };
}

/** A daily run of `date` timed like the seeded ones (organisation on UTC): opens at midnight, due 10:00, grace until 14:00. */
function dayOf(date: string) {
  return { localDate: date, opensAt: new Date(`${date}T00:00:00Z`), dueAt: new Date(`${date}T10:00:00Z`), graceEndsAt: new Date(`${date}T14:00:00Z`) };
}

function item(items: { id: string; text: string }[], text: string) {
  return items.find((i) => i.text === text)!;
}

beforeAll(async () => {
  await seedDatabase(db, { now: NOW });
  operator = await makeUser("OPERATOR", { name: "Omar Operator" });
  colleague = await makeUser("OPERATOR", { name: "Cleo Colleague" });
  viewer = await makeUser("VIEWER");
  manager = await makeUser("MANAGER");
});

describe("recording results", () => {
  it("checks a number against the item's range: out of range fails with the reason, in range passes", async () => {
    const { run, items } = await makeRun("D5");
    const submission = item(items, "Submission Queue Length");
    const failed = await runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "180", expectedRevision: "0" }, as(operator, NOW));
    expect(failed).toMatchObject({ ok: true, message: "Saved as failed: Submission Queue Length 180 messages exceeds the maximum of 100 messages." });
    const stored = await db.result.findFirstOrThrow({ where: { runId: run.id, itemId: submission.id } });
    expect(stored).toMatchObject({ outcome: "FAIL", valueNumber: 180, revision: 1, recordedById: operator.id });

    const poison = item(items, "Poison Queue Length");
    expect(await runAction(record, { runId: run.id, itemId: poison.id, outcome: "PASS", value: "0", expectedRevision: "0" }, as(operator, NOW))).toMatchObject({ ok: true, message: "Saved." });
    expect(await db.result.findFirstOrThrow({ where: { runId: run.id, itemId: poison.id } })).toMatchObject({ outcome: "PASS", valueNumber: 0 });
  });

  it("refuses a value of the wrong type, an item from another version, and an unknown run, writing nothing", async () => {
    const { run, items } = await makeRun("D5");
    const other = await makeRun("D2");
    const before = { results: await db.result.count(), audit: await auditCount() };
    const submission = item(items, "Submission Queue Length");
    expect(await runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "lots", expectedRevision: "0" }, as(operator, NOW))).toMatchObject({
      ok: false,
      fieldErrors: { value: ['"lots" is not a number. Use digits, e.g. 120 or 12.5.'] },
    });
    expect(await runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "", expectedRevision: "0" }, as(operator, NOW))).toMatchObject({
      ok: false,
      fieldErrors: { value: ["Enter the measured value in messages."] },
    });
    expect(await runAction(record, { runId: run.id, itemId: other.items[0]!.id, outcome: "PASS", value: "", expectedRevision: "0" }, as(operator, NOW))).toMatchObject({
      ok: false,
      error: "That item is not part of the procedure version this run follows.",
    });
    expect(await runAction(record, { runId: "no-such-run", itemId: submission.id, outcome: "PASS", value: "1", expectedRevision: "0" }, as(operator, NOW))).toMatchObject({
      ok: false,
      error: "That run does not exist.",
    });
    expect(await runAction(record, { runId: run.id, itemId: submission.id, outcome: "MAYBE", value: "1", expectedRevision: "0" }, as(operator, NOW))).toMatchObject({ ok: false });
    expect({ results: await db.result.count(), audit: await auditCount() }).toEqual(before);
  });

  it("refuses results on a skipped run and on one whose day has not started, and takes them from the instant it starts", async () => {
    const skipped = await makeRun("D2", 2, { skippedAt: NOW, skipReason: "Backup window moved" });
    // Its day starts a second after the instant the action acts at.
    const upcoming = await makeRun("D2", 30, { opensAt: new Date(NOW.getTime() + 1000) });
    const opening = await makeRun("D2", 30, { opensAt: NOW });
    const itemId = skipped.items[0]!.id;
    expect(await runAction(record, { runId: skipped.run.id, itemId, outcome: "PASS", expectedRevision: "0" }, as(operator, NOW))).toMatchObject({
      ok: false,
      error: "This run was skipped; it takes no results.",
    });
    const result = await runAction(record, { runId: upcoming.run.id, itemId: upcoming.items[0]!.id, outcome: "PASS", expectedRevision: "0" }, as(operator, NOW));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^This run opens on .*; results can be recorded from then\.$/);
    // From the instant it opens, it takes results.
    expect(await runAction(record, { runId: opening.run.id, itemId: opening.items[0]!.id, outcome: "PASS", expectedRevision: "0" }, as(operator, NOW))).toMatchObject({ ok: true });
  });

  it("lets operators record (allow) and refuses viewers (deny)", async () => {
    const { run, items } = await makeRun("D2");
    const before = await db.result.count();
    expect(await runAction(record, { runId: run.id, itemId: items[0]!.id, outcome: "PASS", expectedRevision: "0" }, as(viewer, NOW))).toMatchObject({
      ok: false,
      error: "You do not have permission to do that.",
    });
    expect(await db.result.count()).toBe(before);
    expect(await runAction(record, { runId: run.id, itemId: items[0]!.id, outcome: "PASS", expectedRevision: "0" }, as(operator, NOW))).toMatchObject({ ok: true });
  });

  it("keeps corrections as new revisions and tells the second of two concurrent editors about the conflict", async () => {
    const { run, items } = await makeRun("D5");
    const submission = item(items, "Submission Queue Length");
    const first = runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "40", expectedRevision: "0" }, as(operator, NOW));
    const second = runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "45", expectedRevision: "0" }, as(colleague, NOW));
    const outcomes = await Promise.all([first, second]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const loser = outcomes.find((o) => !o.ok)!;
    expect(loser.ok).toBe(false);
    if (!loser.ok) expect(loser.error).toMatch(/saved this item at .* \(Pass, 4[05]\) while you were editing\. Your entry was not saved/);
    expect(await db.result.count({ where: { runId: run.id, itemId: submission.id } })).toBe(1);

    const correction = await runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "42", note: "Re-read after the retry", expectedRevision: "1" }, as(colleague, NOW));
    expect(correction).toMatchObject({ ok: true });
    const history = await db.result.findMany({ where: { runId: run.id, itemId: submission.id }, orderBy: { revision: "asc" } });
    expect(history.map((r) => [r.revision, r.valueNumber])).toEqual([
      [1, history[0]!.valueNumber],
      [2, 42],
    ]);
    expect(history[1]!.supersedesId).toBe(history[0]!.id);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "result.correct", entityType: "Run", entityId: run.id });
    expect(JSON.parse(event.before!).revision).toBe(1);
  });

  it("reads a run's record with each item's current result, its earlier revisions newest first, the names and the version's tools", async () => {
    const { run, items } = await makeRun("D5");
    const submission = item(items, "Submission Queue Length");
    await runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "180", expectedRevision: "0" }, as(operator, NOW));
    await runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "30", note: "Queue drained", expectedRevision: "1" }, as(colleague, NOW));
    const view = (await getRun(run.id, NOW))!;
    const version = await db.procedureVersion.findUniqueOrThrow({ where: { id: run.versionId }, include: { items: true, tools: { include: { tool: true }, orderBy: { position: "asc" } } } });
    expect(view.version).toMatchObject({ id: version.id, number: version.number, title: version.title, body: version.body });
    expect(view.version.tools.map((t) => [t.tool.name, t.command])).toEqual(version.tools.map((t) => [t.tool.name, t.command]));
    expect(view.items.map((i) => i.id)).toEqual([...version.items].sort((a, b) => a.position - b.position).map((i) => i.id));
    const shown = view.items.find((i) => i.id === submission.id)!;
    expect(shown.current).toMatchObject({ revision: 2, outcome: "PASS", valueNumber: 30, note: "Queue drained", recordedBy: { name: "Cleo Colleague" } });
    expect(shown.earlier.map((r) => [r.revision, r.outcome, r.valueNumber, r.recordedBy.name])).toEqual([[1, "FAIL", 180, "Omar Operator"]]);
    expect(shown.current!.recordedAt).toBeInstanceOf(Date);
    expect(view).toMatchObject({ state: "DUE", requiredDone: 1, newerVersionExists: false, completedBy: null, skippedBy: null, server: null });
    expect(view.requiredTotal).toBe(version.items.filter((i) => i.required).length);
    expect(await getRun("no-such-run")).toBeNull();
  });

  it("lists an operator's Today: their role's runs with progress, missed work of the last week, and not another role's runs", async () => {
    // Instants either side of the due time, the end of the grace period, the organisation's
    // midnight (UTC) and the end of the week and month: in 2025, 30 November is a Sunday.
    const day = "2025-11-25"; // a Tuesday
    const ago = "2025-11-22";
    const at = (date: string, time: string) => new Date(`${date}T${time}Z`);
    const listed = (view: TodayView) => [...view.attention, ...view.daily];
    const { run: mine, items } = await makeRun("D5", 0, { assigneeRole: "OPERATOR", ...dayOf(day) });
    const { run: managers } = await makeRun("D5", 0, { assigneeRole: "MANAGER", ...dayOf(day) });
    const { run: missed } = await makeRun("D5", 0, { assigneeRole: "OPERATOR", ...dayOf(ago) });
    await runAction(record, { runId: mine.id, itemId: item(items, "Submission Queue Length").id, outcome: "PASS", value: "12", expectedRevision: "0" }, as(operator, at(day, "08:00:00")));
    const required = items.filter((i) => i.required).length;

    // A second before the due time: due, in the daily list, with its progress.
    const beforeDue = await getToday(operator, "mine", at(day, "09:59:59"));
    expect(beforeDue).toMatchObject({ timeZone: "UTC", today: day, weekStart: "2025-11-24", weekEnd: "2025-11-30", monthStart: "2025-11-01", monthEnd: "2025-11-30" });
    const row = beforeDue.daily.find((r) => r.id === mine.id)!;
    expect(row).toMatchObject({ state: "DUE", requiredDone: 1, requiredTotal: required, localDate: day, assignee: "Operators", completedByName: null, slug: expect.any(String) });
    expect(row.dueAt).toEqual(at(day, "10:00:00"));
    expect(beforeDue.attention.find((r) => r.id === missed.id)).toMatchObject({ state: "MISSED", localDate: ago });
    expect(listed(beforeDue).some((r) => r.id === managers.id)).toBe(false);
    const everyone = await getToday(operator, "all", at(day, "09:59:59"));
    expect(listed(everyone).some((r) => r.id === managers.id)).toBe(true);

    // A second after it: late, needing attention, no longer in the daily list.
    const afterDue = await getToday(operator, "mine", at(day, "10:00:01"));
    expect(afterDue.attention.find((r) => r.id === mine.id)).toMatchObject({ state: "LATE", localDate: day, requiredDone: 1 });
    expect(afterDue.daily.some((r) => r.id === mine.id)).toBe(false);
    // The last second of the grace period, then the first after it: late, then missed.
    expect((await getToday(operator, "mine", at(day, "14:00:00"))).attention.find((r) => r.id === mine.id)).toMatchObject({ state: "LATE" });
    expect((await getToday(operator, "mine", at(day, "14:00:01"))).attention.find((r) => r.id === mine.id)).toMatchObject({ state: "MISSED" });

    // The last second of the day, then the first of the next: the day changes and the missed run
    // stays in attention, listed under its own date.
    const lastSecond = await getToday(operator, "mine", at(day, "23:59:59"));
    expect(lastSecond.today).toBe(day);
    expect(lastSecond.attention.find((r) => r.id === mine.id)).toMatchObject({ state: "MISSED", localDate: day });
    const nextDay = await getToday(operator, "mine", at("2025-11-26", "00:00:00"));
    expect(nextDay.today).toBe("2025-11-26");
    expect(nextDay.attention.find((r) => r.id === mine.id)).toMatchObject({ state: "MISSED", localDate: day });
    expect(nextDay.daily.some((r) => r.id === mine.id)).toBe(false);

    // Missed work is shown for a week: the run of the 22nd on the 29th, not on the 30th.
    expect((await getToday(operator, "mine", at("2025-11-29", "23:59:59"))).attention.some((r) => r.id === missed.id)).toBe(true);
    expect((await getToday(operator, "mine", at("2025-11-30", "00:00:00"))).attention.some((r) => r.id === missed.id)).toBe(false);

    // Sunday night to Monday morning, 30 November to 1 December: a new week and a new month.
    expect(await getToday(operator, "mine", at("2025-11-30", "23:59:59"))).toMatchObject({ today: "2025-11-30", weekStart: "2025-11-24", weekEnd: "2025-11-30", monthStart: "2025-11-01", monthEnd: "2025-11-30" });
    expect(await getToday(operator, "mine", at("2025-12-01", "00:00:00"))).toMatchObject({ today: "2025-12-01", weekStart: "2025-12-01", weekEnd: "2025-12-07", monthStart: "2025-12-01", monthEnd: "2025-12-31" });
  });

  it("completes the run when every required item has a result, with exceptions when one failed, and a correction can clear them", async () => {
    const { run, items } = await makeRun("D13", -1); // due an hour ago: completing now is late
    const required = items.filter((i) => i.required);
    for (const [i, it] of required.entries()) {
      const result = await runAction(record, { runId: run.id, itemId: it.id, outcome: i === 0 ? "FAIL" : "PASS", value: it.kind === "NUMBER" ? "0" : it.kind === "TEXT" ? "All running" : "", expectedRevision: "0" }, as(operator, NOW));
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
    const done = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(done.completedById).toBe(operator.id);
    expect(done.completedAt).toEqual(NOW);
    expect(done.hasExceptions).toBe(true);
    const fixed = await runAction(record, { runId: run.id, itemId: required[0]!.id, outcome: "PASS", value: required[0]!.kind === "NUMBER" ? "0" : "", expectedRevision: "1" }, as(colleague, NOW));
    expect(fixed).toMatchObject({ ok: true, data: { state: "COMPLETED_LATE" } });
    const after = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ hasExceptions: false, completedById: operator.id });
    expect(after.completedAt).toEqual(done.completedAt);
  });
});

describe("skipping a run", () => {
  it("is for managers (allow) and not operators (deny), needs a reason, and never applies to a completed run", async () => {
    const { run } = await makeRun("D1");
    expect(await runAction(skip, { runId: run.id, reason: "Server room inspection moved to Thursday" }, as(operator, NOW))).toMatchObject({
      ok: false,
      error: "You do not have permission to do that.",
    });
    expect(await runAction(skip, { runId: run.id, reason: "no" }, as(manager, NOW))).toMatchObject({
      ok: false,
      fieldErrors: { reason: ["Give a reason of at least 5 characters."] },
    });
    expect(await runAction(skip, { runId: run.id, reason: "Server room inspection moved to Thursday" }, as(manager, NOW))).toMatchObject({ ok: true });
    expect(await db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ skippedById: manager.id, skipReason: "Server room inspection moved to Thursday" });
    expect(await runAction(skip, { runId: run.id, reason: "Twice is too many" }, as(manager, NOW))).toMatchObject({ ok: false, error: "This run is already skipped." });

    const completed = await makeRun("D1", 2, { completedAt: NOW, completedById: operator.id });
    expect(await runAction(skip, { runId: completed.run.id, reason: "Too late for that" }, as(manager, NOW))).toMatchObject({ ok: false, error: "A completed run cannot be skipped." });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
