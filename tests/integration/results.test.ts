import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import { verifyAuditChain } from "@/lib/audit/verify";
import { seedDatabase } from "@/lib/procedures/seed";
import "@/lib/runs/actions";
import { getRun, getToday } from "@/lib/runs/queries";
import type { CurrentUser } from "@/lib/auth/session";
import { actionDefinition, as, auditCount, makeUser } from "../support/fixtures";

const record = actionDefinition("result.record");
const skip = actionDefinition("run.skip");
const HOUR = 3_600_000;

let operator: CurrentUser;
let colleague: CurrentUser;
let viewer: CurrentUser;
let manager: CurrentUser;

/** An ad-hoc run of a seeded procedure whose day has started; due in `dueInHours`. */
async function makeRun(code: string, dueInHours = 2, extra: Record<string, unknown> = {}) {
  const procedure = await db.procedure.findUniqueOrThrow({ where: { seedCode: code }, include: { currentVersion: { include: { items: { orderBy: { position: "asc" } } } } } });
  const now = Date.now();
  const run = await db.run.create({
    data: {
      procedureId: procedure.id,
      versionId: procedure.currentVersionId!,
      periodKey: `adhoc-${Math.random()}`,
      scopeKey: "-",
      cadence: "DAILY",
      localDate: new Date(now).toISOString().slice(0, 10),
      opensAt: new Date(now - 6 * HOUR),
      dueAt: new Date(now + dueInHours * HOUR),
      graceEndsAt: new Date(now + (dueInHours + 2) * HOUR),
      ...extra,
    },
  });
  return { run, items: procedure.currentVersion!.items };
}

function item(items: { id: string; text: string }[], text: string) {
  return items.find((i) => i.text === text)!;
}

beforeAll(async () => {
  await seedDatabase(db);
  operator = await makeUser("OPERATOR", { name: "Omar Operator" });
  colleague = await makeUser("OPERATOR", { name: "Cleo Colleague" });
  viewer = await makeUser("VIEWER");
  manager = await makeUser("MANAGER");
});

describe("recording results", () => {
  it("checks a number against the item's range: out of range fails with the reason, in range passes", async () => {
    const { run, items } = await makeRun("D5");
    const submission = item(items, "Submission Queue Length");
    const failed = await runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "180", expectedRevision: "0" }, as(operator));
    expect(failed).toMatchObject({ ok: true, message: "Saved as failed: Submission Queue Length 180 messages exceeds the maximum of 100 messages." });
    const stored = await db.result.findFirstOrThrow({ where: { runId: run.id, itemId: submission.id } });
    expect(stored).toMatchObject({ outcome: "FAIL", valueNumber: 180, revision: 1, recordedById: operator.id });

    const poison = item(items, "Poison Queue Length");
    expect(await runAction(record, { runId: run.id, itemId: poison.id, outcome: "PASS", value: "0", expectedRevision: "0" }, as(operator))).toMatchObject({ ok: true, message: "Saved." });
    expect(await db.result.findFirstOrThrow({ where: { runId: run.id, itemId: poison.id } })).toMatchObject({ outcome: "PASS", valueNumber: 0 });
  });

  it("refuses a value of the wrong type, an item from another version, and an unknown run, writing nothing", async () => {
    const { run, items } = await makeRun("D5");
    const other = await makeRun("D2");
    const before = { results: await db.result.count(), audit: await auditCount() };
    const submission = item(items, "Submission Queue Length");
    expect(await runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "lots", expectedRevision: "0" }, as(operator))).toMatchObject({
      ok: false,
      fieldErrors: { value: ['"lots" is not a number. Use digits, e.g. 120 or 12.5.'] },
    });
    expect(await runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "", expectedRevision: "0" }, as(operator))).toMatchObject({
      ok: false,
      fieldErrors: { value: ["Enter the measured value in messages."] },
    });
    expect(await runAction(record, { runId: run.id, itemId: other.items[0]!.id, outcome: "PASS", value: "", expectedRevision: "0" }, as(operator))).toMatchObject({
      ok: false,
      error: "That item is not part of the procedure version this run follows.",
    });
    expect(await runAction(record, { runId: "no-such-run", itemId: submission.id, outcome: "PASS", value: "1", expectedRevision: "0" }, as(operator))).toMatchObject({
      ok: false,
      error: "That run does not exist.",
    });
    expect(await runAction(record, { runId: run.id, itemId: submission.id, outcome: "MAYBE", value: "1", expectedRevision: "0" }, as(operator))).toMatchObject({ ok: false });
    expect({ results: await db.result.count(), audit: await auditCount() }).toEqual(before);
  });

  it("refuses results on a skipped run and on one whose day has not started", async () => {
    const skipped = await makeRun("D2", 2, { skippedAt: new Date(), skipReason: "Backup window moved" });
    const upcoming = await makeRun("D2", 30, { opensAt: new Date(Date.now() + 24 * HOUR) });
    const itemId = skipped.items[0]!.id;
    expect(await runAction(record, { runId: skipped.run.id, itemId, outcome: "PASS", expectedRevision: "0" }, as(operator))).toMatchObject({
      ok: false,
      error: "This run was skipped; it takes no results.",
    });
    const result = await runAction(record, { runId: upcoming.run.id, itemId: upcoming.items[0]!.id, outcome: "PASS", expectedRevision: "0" }, as(operator));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/^This run opens on .*; results can be recorded from then\.$/);
  });

  it("lets operators record (allow) and refuses viewers (deny)", async () => {
    const { run, items } = await makeRun("D2");
    const before = await db.result.count();
    expect(await runAction(record, { runId: run.id, itemId: items[0]!.id, outcome: "PASS", expectedRevision: "0" }, as(viewer))).toMatchObject({
      ok: false,
      error: "You do not have permission to do that.",
    });
    expect(await db.result.count()).toBe(before);
    expect(await runAction(record, { runId: run.id, itemId: items[0]!.id, outcome: "PASS", expectedRevision: "0" }, as(operator))).toMatchObject({ ok: true });
  });

  it("keeps corrections as new revisions and tells the second of two concurrent editors about the conflict", async () => {
    const { run, items } = await makeRun("D5");
    const submission = item(items, "Submission Queue Length");
    const first = runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "40", expectedRevision: "0" }, as(operator));
    const second = runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "45", expectedRevision: "0" }, as(colleague));
    const outcomes = await Promise.all([first, second]);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const loser = outcomes.find((o) => !o.ok)!;
    expect(loser.ok).toBe(false);
    if (!loser.ok) expect(loser.error).toMatch(/saved this item at .* \(Pass, 4[05]\) while you were editing\. Your entry was not saved/);
    expect(await db.result.count({ where: { runId: run.id, itemId: submission.id } })).toBe(1);

    const correction = await runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "42", note: "Re-read after the retry", expectedRevision: "1" }, as(colleague));
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
    await runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "180", expectedRevision: "0" }, as(operator));
    await runAction(record, { runId: run.id, itemId: submission.id, outcome: "PASS", value: "30", note: "Queue drained", expectedRevision: "1" }, as(colleague));
    const view = (await getRun(run.id))!;
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
    const today = new Date().toISOString().slice(0, 10);
    const ago = new Date(Date.now() - 3 * 24 * HOUR).toISOString().slice(0, 10);
    const { run: mine, items } = await makeRun("D5", 2, { assigneeRole: "OPERATOR" });
    const { run: managers } = await makeRun("D5", 2, { assigneeRole: "MANAGER" });
    const { run: missed } = await makeRun("D5", 0, {
      assigneeRole: "OPERATOR",
      localDate: ago,
      opensAt: new Date(`${ago}T00:00:00Z`),
      dueAt: new Date(`${ago}T10:00:00Z`),
      graceEndsAt: new Date(`${ago}T12:00:00Z`),
    });
    await runAction(record, { runId: mine.id, itemId: item(items, "Submission Queue Length").id, outcome: "PASS", value: "12", expectedRevision: "0" }, as(operator));
    const view = await getToday(operator, "mine");
    const listed = [...view.attention, ...view.daily];
    const row = listed.find((r) => r.id === mine.id)!;
    const required = items.filter((i) => i.required).length;
    expect(row).toMatchObject({ state: "DUE", requiredDone: 1, requiredTotal: required, localDate: today, assignee: "Operators", completedByName: null, slug: expect.any(String) });
    expect(row.dueAt).toBeInstanceOf(Date);
    expect(view.attention.find((r) => r.id === missed.id)).toMatchObject({ state: "MISSED", localDate: ago });
    expect(listed.some((r) => r.id === managers.id)).toBe(false);
    const everyone = await getToday(operator, "all");
    expect([...everyone.attention, ...everyone.daily].some((r) => r.id === managers.id)).toBe(true);
  });

  it("completes the run when every required item has a result, with exceptions when one failed, and a correction can clear them", async () => {
    const { run, items } = await makeRun("D13", -1); // due an hour ago: completing now is late
    const required = items.filter((i) => i.required);
    for (const [i, it] of required.entries()) {
      const result = await runAction(record, { runId: run.id, itemId: it.id, outcome: i === 0 ? "FAIL" : "PASS", value: it.kind === "NUMBER" ? "0" : it.kind === "TEXT" ? "All running" : "", expectedRevision: "0" }, as(operator));
      expect(result.ok, JSON.stringify(result)).toBe(true);
    }
    const done = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(done.completedById).toBe(operator.id);
    expect(done.completedAt).not.toBeNull();
    expect(done.hasExceptions).toBe(true);
    const fixed = await runAction(record, { runId: run.id, itemId: required[0]!.id, outcome: "PASS", value: required[0]!.kind === "NUMBER" ? "0" : "", expectedRevision: "1" }, as(colleague));
    expect(fixed).toMatchObject({ ok: true, data: { state: "COMPLETED_LATE" } });
    const after = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(after).toMatchObject({ hasExceptions: false, completedById: operator.id });
    expect(after.completedAt).toEqual(done.completedAt);
  });
});

describe("skipping a run", () => {
  it("is for managers (allow) and not operators (deny), needs a reason, and never applies to a completed run", async () => {
    const { run } = await makeRun("D1");
    expect(await runAction(skip, { runId: run.id, reason: "Server room inspection moved to Thursday" }, as(operator))).toMatchObject({
      ok: false,
      error: "You do not have permission to do that.",
    });
    expect(await runAction(skip, { runId: run.id, reason: "no" }, as(manager))).toMatchObject({
      ok: false,
      fieldErrors: { reason: ["Give a reason of at least 5 characters."] },
    });
    expect(await runAction(skip, { runId: run.id, reason: "Server room inspection moved to Thursday" }, as(manager))).toMatchObject({ ok: true });
    expect(await db.run.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ skippedById: manager.id, skipReason: "Server room inspection moved to Thursday" });
    expect(await runAction(skip, { runId: run.id, reason: "Twice is too many" }, as(manager))).toMatchObject({ ok: false, error: "This run is already skipped." });

    const completed = await makeRun("D1", 2, { completedAt: new Date(), completedById: operator.id });
    expect(await runAction(skip, { runId: completed.run.id, reason: "Too late for that" }, as(manager))).toMatchObject({ ok: false, error: "A completed run cannot be skipped." });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
