import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDatabase } from "@/lib/procedures/seed";
import { customPeriod, periodContaining } from "@/lib/reports/periods";
import { countExceptions, getReport, getReportFigures, listExceptions, streamExceptions } from "@/lib/reports/queries";
import { listHistory, parseHistoryFilter } from "@/lib/runs/history";
import { runStateWhere } from "@/lib/runs/state-filter";
import { RUN_STATES, runState, type RunState } from "@/lib/scheduling/run-state";
import { makeUser } from "../support/fixtures";

// A November with known answers, looked at from 10 December (everything is past):
//  A  D1, organisation-wide: completed on time by op1, except days 10, 20, 30 (missed)
//  B  D2 on server X: day 15 skipped; even days on time by op1, odd days late by op2;
//     days 7, 14, 21, 28 completed with a failed item
//  C  D3 on server Y: days 1–5 suppressed by maintenance, the rest on time by op2
// Outside the month: a missed run on 31 October, a completed run with a failure on 1 December.
// Day 3 of A also has a failure that was corrected, which is no longer an exception.
const NOW = new Date("2026-12-10T12:00:00Z");
const HOUR = 3_600_000;
const NOVEMBER = periodContaining("month", "2026-11-15");

let op1: string;
let op2: string;
const ids: Record<string, string> = {};

function day(d: number, month = 11) {
  return `2026-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

beforeAll(async () => {
  await seedDatabase(db);
  op1 = (await makeUser("OPERATOR", { name: "Op One" })).id;
  op2 = (await makeUser("OPERATOR", { name: "Op Two" })).id;
  const manager = await makeUser("MANAGER");
  const x = await db.server.create({ data: { name: "REPORT-X", site: "HQ", roles: { create: [{ role: "HUB" }] } } });
  const y = await db.server.create({ data: { name: "REPORT-Y", site: "HQ", roles: { create: [{ role: "MAILBOX" }] } } });
  ids.x = x.id;
  ids.y = y.id;
  const procedures = await db.procedure.findMany({ where: { seedCode: { in: ["D1", "D2", "D3"] } }, include: { currentVersion: { include: { items: { orderBy: { position: "asc" } } } } } });
  const byCode = Object.fromEntries(procedures.map((p) => [p.seedCode!, p]));
  for (const code of ["D1", "D2", "D3"]) ids[code] = byCode[code]!.id;

  let n = 0;
  async function run(code: string, date: string, serverId: string | null, state: { completedBy?: string; late?: boolean; skipped?: boolean; suppressed?: boolean; fail?: boolean; correctedFail?: boolean }) {
    const p = byCode[code]!;
    const dueAt = new Date(`${date}T10:00:00Z`);
    const completedAt = state.completedBy ? new Date(dueAt.getTime() + (state.late ? 2 : -1) * HOUR) : null;
    const created = await db.run.create({
      data: {
        procedureId: p.id,
        versionId: p.currentVersionId!,
        serverId,
        periodKey: `report-${(n += 1)}`,
        scopeKey: serverId ?? "-",
        cadence: "DAILY",
        localDate: date,
        opensAt: new Date(`${date}T00:00:00Z`),
        dueAt,
        graceEndsAt: new Date(dueAt.getTime() + 4 * HOUR),
        completedAt,
        completedById: state.completedBy ?? null,
        hasExceptions: Boolean(state.fail),
        skippedAt: state.skipped ? dueAt : null,
        skippedById: state.skipped ? manager.id : null,
        skipReason: state.skipped ? "Server rebuilt" : null,
        suppressed: Boolean(state.suppressed),
      },
    });
    const item = p.currentVersion!.items[0]!;
    if (state.fail || state.correctedFail) {
      const failed = await db.result.create({
        data: { runId: created.id, itemId: item.id, revision: 1, outcome: "FAIL", valueNumber: 180, failureReason: `${item.text} 180 is too high`, recordedById: state.completedBy ?? op1, recordedAt: dueAt },
      });
      if (state.correctedFail) {
        await db.result.create({ data: { runId: created.id, itemId: item.id, revision: 2, supersedesId: failed.id, outcome: "PASS", valueNumber: 10, recordedById: op1, recordedAt: dueAt } });
      }
    }
  }

  for (let d = 1; d <= 30; d++) {
    const date = day(d);
    await run("D1", date, null, d % 10 === 0 ? {} : { completedBy: op1, correctedFail: d === 3 });
    if (d === 15) await run("D2", date, x.id, { skipped: true });
    else await run("D2", date, x.id, { completedBy: d % 2 === 0 ? op1 : op2, late: d % 2 === 1, fail: d % 7 === 0 });
    await run("D3", date, y.id, d <= 5 ? { suppressed: true } : { completedBy: op2 });
  }
  await run("D1", day(31, 10), null, {});
  await run("D2", day(1, 12), x.id, { completedBy: op1, fail: true });
});

describe("report figures on a month with known answers", () => {
  it("counts expected, completed, on time, missed, skipped, suppressed and exceptions", async () => {
    const r = await getReport(NOVEMBER, NOW);
    // Runs written with hasExceptions and no counts of their own are taken as failed (as they were).
    expect(r.totals).toEqual({ expected: 84, completed: 81, onTime: 67, clean: 77, withExceptions: 4, withFailures: 4, withNaOnly: 0, late: 0, missed: 3, skipped: 1, suppressed: 5, pending: 0 });
    expect(r.exceptionCount).toBe(4);
    expect(r.exceptionCounts).toEqual({ failed: 4, notApplicable: 0 });
    expect(r.exceptions.every((e) => e.kind === "FAILURE")).toBe(true);
    expect(r.exceptions.map((e) => e.localDate)).toEqual(["2026-11-28", "2026-11-21", "2026-11-14", "2026-11-07"]);
    expect(r.exceptions[0]).toMatchObject({ server: "REPORT-X", value: expect.stringContaining("180"), recordedBy: "Op One" });
  });

  it("breaks the month down by procedure, server, cadence and operator", async () => {
    const r = await getReportFigures(NOVEMBER, NOW);
    const byKey = <T extends { key: string }>(rows: T[]) => Object.fromEntries(rows.map((row) => [row.key, row]));
    const procedure = byKey(r.byProcedure);
    expect(procedure[ids.D1!]).toMatchObject({ expected: 30, completed: 27, onTime: 27, missed: 3 });
    expect(procedure[ids.D2!]).toMatchObject({ expected: 29, completed: 29, onTime: 15, skipped: 1, withExceptions: 4 });
    expect(procedure[ids.D3!]).toMatchObject({ expected: 25, completed: 25, onTime: 25, suppressed: 5 });
    const server = byKey(r.byServer);
    expect(server[""]).toMatchObject({ label: "Organisation-wide", expected: 30 });
    expect(server[ids.x!]).toMatchObject({ label: "REPORT-X", expected: 29 });
    expect(server[ids.y!]).toMatchObject({ label: "REPORT-Y", expected: 25, suppressed: 5 });
    expect(r.byCadence).toHaveLength(1);
    expect(r.byCadence[0]).toMatchObject({ key: "DAILY", label: "Daily", expected: 84 });
    const operator = byKey(r.byOperator);
    expect(operator[op1]).toMatchObject({ label: "Op One", completed: 42, onTime: 42, withExceptions: 2 });
    expect(operator[op2]).toMatchObject({ label: "Op Two", completed: 39, onTime: 25, withExceptions: 2 });
    expect(r.byOperator).toHaveLength(2);
  });

  it("gives each day its own figures for the heat map", async () => {
    const r = await getReportFigures(NOVEMBER, NOW);
    expect(r.days).toHaveLength(30);
    const d = (n: number) => r.days[n - 1]!;
    expect(d(3)).toMatchObject({ expected: 2, completed: 2, suppressed: 1 });
    expect(d(10)).toMatchObject({ expected: 3, completed: 2, missed: 1 });
    expect(d(15)).toMatchObject({ expected: 2, completed: 2, skipped: 1 });
    expect(d(14)).toMatchObject({ expected: 3, completed: 3, onTime: 3, withExceptions: 1 });
  });

  it("puts the month last in a twelve-month trend, with October's one missed run before it", async () => {
    const r = await getReport(NOVEMBER, NOW);
    expect(r.trend).toHaveLength(12);
    expect(r.trend.at(-1)).toMatchObject({ period: { from: "2026-11-01" }, expected: 84, completed: 81 });
    expect(r.trend.at(-2)).toMatchObject({ period: { from: "2026-10-01" }, expected: 1, missed: 1, completed: 0 });
    expect(r.trend.slice(0, 10).every((p) => p.expected === 0)).toBe(true);
  });

  it("counts a run by what it was at the moment asked: before the grace period ends a missed run is late, before its day it is not expected", async () => {
    const at = new Date("2026-11-20T12:00:00Z"); // day 20's D1 run is past due (10:00) but within grace (14:00)
    const r = await getReportFigures(NOVEMBER, at);
    expect(r.days[19]).toMatchObject({ late: 1, missed: 0 });
    expect(r.totals.missed).toBe(1); // day 10
    // Days 21–30 open later than this moment; their completions (dated in the future) still count as completed.
    expect(r.days[24]).toMatchObject({ pending: 0, completed: 3 });
    expect(r.days[29]).toMatchObject({ pending: 1 }); // day 30's D1 run, never done, not yet open
  });

  it("streams every exception page by page, and an empty range has none", async () => {
    const pages: string[][] = [];
    for await (const page of streamExceptions(NOVEMBER.from, NOVEMBER.to, 3)) pages.push(page.map((e) => e.localDate));
    expect(pages).toEqual([["2026-11-28", "2026-11-21", "2026-11-14"], ["2026-11-07"]]);
    // Over two years the range is read in many date slices, newest first; one row per page puts
    // the cursor on every slice boundary in turn.
    const truth = await db.result.findMany({
      where: { outcome: "FAIL", supersededBy: null, run: { localDate: { gte: "2025-06-01", lte: "2027-05-31" } } },
      select: { id: true, run: { select: { localDate: true } } },
    });
    const newestFirst = truth.map((r) => `${r.run.localDate} ${r.id}`).sort().reverse();
    const wide: string[] = [];
    for await (const page of streamExceptions("2025-06-01", "2027-05-31", 1)) wide.push(...page.map((e) => `${e.localDate} ${e.id}`));
    expect(wide).toEqual(newestFirst);
    expect(await countExceptions("2025-06-01", "2027-05-31")).toEqual({ failed: truth.length, notApplicable: 0 });
    expect(await countExceptions("2001-01-01", "2001-12-31")).toEqual({ failed: 0, notApplicable: 0 });
    expect(await listExceptions("2001-01-01", "2001-12-31", 10)).toEqual([]);
    const empty = await getReportFigures(customPeriod("2001-01-01", "2001-01-31"), NOW);
    expect(empty.totals.expected + empty.totals.skipped + empty.totals.suppressed).toBe(0);
    expect(empty.byProcedure).toEqual([]);
  });
});

async function historyCount(params: Record<string, string>, now: Date): Promise<number> {
  const parsed = parseHistoryFilter(params);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  let total = 0;
  let cursor: string | undefined;
  do {
    const page = await listHistory({ ...parsed.data, cursor }, now);
    total += page.runs.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return total;
}

const STATE_FIGURE: [RunState, (f: Awaited<ReturnType<typeof getReportFigures>>["totals"]) => number][] = [
  ["MISSED", (f) => f.missed],
  ["LATE", (f) => f.late],
  ["SKIPPED", (f) => f.skipped],
  ["SUPPRESSED", (f) => f.suppressed],
  ["COMPLETED_WITH_EXCEPTIONS", (f) => f.withExceptions],
];

describe("report figures reconcile with History and with direct counts", () => {
  it("for the whole month and for each procedure and server, state by state", async () => {
    const range = { from: NOVEMBER.from, to: NOVEMBER.to };
    const r = await getReportFigures(NOVEMBER, NOW);
    for (const [state, figure] of STATE_FIGURE) {
      expect(await historyCount({ ...range, state }, NOW), state).toBe(figure(r.totals));
      expect(await db.run.count({ where: { AND: [{ localDate: { gte: range.from, lte: range.to } }, runStateWhere(state, NOW)] } }), state).toBe(figure(r.totals));
    }
    const completedStates = ["COMPLETED", "COMPLETED_LATE", "COMPLETED_WITH_EXCEPTIONS"] as const;
    let completed = 0;
    for (const state of completedStates) completed += await historyCount({ ...range, state }, NOW);
    expect(completed).toBe(r.totals.completed);
    expect(await historyCount(range, NOW)).toBe(r.totals.expected + r.totals.skipped + r.totals.suppressed);
    for (const row of r.byProcedure) {
      expect(await historyCount({ ...range, procedure: row.key }, NOW)).toBe(row.expected + row.skipped + row.suppressed);
      expect(await historyCount({ ...range, procedure: row.key, state: "MISSED" }, NOW)).toBe(row.missed);
    }
    for (const row of r.byServer.filter((s) => s.key)) {
      expect(await historyCount({ ...range, server: row.key }, NOW)).toBe(row.expected + row.skipped + row.suppressed);
    }
    for (const row of r.byOperator) expect(await historyCount({ ...range, operator: row.key }, NOW)).toBe(row.completed);
    const failedNow = await db.result.count({ where: { outcome: "FAIL", supersededBy: null, run: { localDate: { gte: range.from, lte: range.to } } } });
    expect((await countExceptions(range.from, range.to)).failed).toBe(failedNow);
  });

  it("for random runs at random moments: the database's states equal runState() for every run", async () => {
    const procedure = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D4" } });
    const base = new Date("2027-03-10T00:00:00Z").getTime();
    const runs = fc.sample(
      fc.record({
        day: fc.integer({ min: 0, max: 4 }),
        open: fc.integer({ min: 0, max: 23 }),
        due: fc.integer({ min: 0, max: 30 }),
        grace: fc.integer({ min: 0, max: 30 }),
        completed: fc.option(fc.integer({ min: -30, max: 60 }), { freq: 2 }),
        exceptions: fc.boolean(),
        // The stored counts of a run with exceptions; none at all is a run written before them.
        failedItems: fc.integer({ min: 0, max: 2 }),
        naItems: fc.integer({ min: 0, max: 2 }),
        skipped: fc.integer({ min: 0, max: 9 }),
        suppressed: fc.integer({ min: 0, max: 9 }),
      }),
      { numRuns: 300, seed: 99 },
    );
    await db.run.createMany({
      data: runs.map((r, i) => {
        const opensAt = new Date(base + (r.day * 24 + r.open) * HOUR);
        const dueAt = new Date(opensAt.getTime() + r.due * HOUR);
        return {
          procedureId: procedure.id,
          versionId: procedure.currentVersionId!,
          periodKey: `random-${i}`,
          scopeKey: "-",
          cadence: i % 3 === 0 ? "WEEKLY" : "DAILY",
          localDate: new Date(base + r.day * 24 * HOUR).toISOString().slice(0, 10),
          opensAt,
          dueAt,
          graceEndsAt: new Date(dueAt.getTime() + r.grace * HOUR),
          completedAt: r.completed === null ? null : new Date(dueAt.getTime() + r.completed * HOUR),
          completedById: r.completed === null ? null : op1,
          hasExceptions: r.completed !== null && r.exceptions,
          failedItems: r.completed !== null && r.exceptions ? r.failedItems : 0,
          naItems: r.completed !== null && r.exceptions ? r.naItems : 0,
          skippedAt: r.skipped === 0 ? opensAt : null,
          suppressed: r.suppressed === 0,
        };
      }),
    });
    const period = customPeriod("2027-03-10", "2027-03-14");
    const all = await db.run.findMany({ where: { localDate: { gte: period.from, lte: period.to } } });
    expect(all).toHaveLength(300);
    // Each kind of completed run is among them, including the legacy one with no counts.
    expect(all.some((r) => r.hasExceptions && r.naItems > 0 && r.failedItems === 0)).toBe(true);
    expect(all.some((r) => r.hasExceptions && r.naItems > 0 && r.failedItems > 0)).toBe(true);
    expect(all.some((r) => r.hasExceptions && r.naItems === 0 && r.failedItems === 0)).toBe(true);
    // Moments before, inside and after the runs, including each run's exact boundaries.
    const moments = [base - HOUR, base + 30 * HOUR, base + 60 * HOUR, base + 100 * HOUR, base + 400 * HOUR, all[5]!.dueAt.getTime(), all[7]!.graceEndsAt.getTime(), all[9]!.opensAt.getTime()];
    for (const t of moments) {
      const now = new Date(t);
      const figures = (await getReportFigures(period, now)).totals;
      const states = all.map((run) => runState(run, now));
      const count = (...s: RunState[]) => states.filter((x) => s.includes(x)).length;
      const naOnly = all.filter((run, i) => states[i] === "COMPLETED_WITH_EXCEPTIONS" && run.naItems > 0 && run.failedItems === 0).length;
      expect(figures, now.toISOString()).toEqual({
        expected: count("COMPLETED", "COMPLETED_LATE", "COMPLETED_WITH_EXCEPTIONS", "LATE", "MISSED"),
        completed: count("COMPLETED", "COMPLETED_LATE", "COMPLETED_WITH_EXCEPTIONS"),
        onTime: all.filter((run, i) => ["COMPLETED", "COMPLETED_LATE", "COMPLETED_WITH_EXCEPTIONS"].includes(states[i]!) && run.completedAt! <= run.dueAt).length,
        clean: count("COMPLETED", "COMPLETED_LATE"),
        withExceptions: count("COMPLETED_WITH_EXCEPTIONS"),
        withFailures: count("COMPLETED_WITH_EXCEPTIONS") - naOnly,
        withNaOnly: naOnly,
        late: count("LATE"),
        missed: count("MISSED"),
        skipped: count("SKIPPED"),
        suppressed: count("SUPPRESSED"),
        pending: count("UPCOMING", "DUE"),
      });
      expect(RUN_STATES.reduce((sum, s) => sum + count(s), 0)).toBe(300);
      expect(figures.clean + figures.withFailures + figures.withNaOnly).toBe(figures.completed);
    }
  });
});
