// Run generation against changes that commit while a pass is planning. A pass reads the schedules,
// the calendar, the servers and the maintenance windows first and writes each schedule's runs
// later; whatever commits in between (a pause, an edit, a holiday, new business days, a window)
// must win. Each race is lined up deterministically through generateRuns' `beforeWrite` seam, then
// raced for real by several processes on one database file. Every step runs at a pinned instant.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runAction } from "@/lib/actions/define";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify";
import { seedDatabase } from "@/lib/procedures/seed";
import { generateRuns, MAX_PLANNING_ATTEMPTS, WINDOW_DAYS_AHEAD, WINDOW_DAYS_BACK } from "@/lib/scheduling/generation";
import { occurrenceDates, type HolidayPolicy } from "@/lib/scheduling/recurrence";
import { readCalendar } from "@/lib/settings/organisation";
import { addDays, isoWeekday, localDateOf, localInstant } from "@/lib/time/dates";
import { parseStringArray } from "@/lib/json";
import "@/lib/scheduling/actions";
import "@/lib/settings/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { actionDefinition, as, makeUser } from "../support/fixtures";
import type { ChangeLog, GeneratorLog, WorkerPlan } from "./generation-race-worker";
import { lastLine, startWorker as startOne } from "../support/workers";

const root = path.resolve(import.meta.dirname, "../..");

// Wednesday 9 December 2026, 07:00:30 UTC (the organisation's zone): no due time falls on it.
const NOW = new Date("2026-12-09T07:00:30Z");
// The day before: the schedules under test are made then and generate their runs up to 12 January.
const DAY_BEFORE = new Date("2026-12-08T07:00:30Z");
const TODAY = "2026-12-09";
// The day that enters the generation window at NOW: every pass at NOW wants to add it.
const NEW_DAY = addDays(TODAY, WINDOW_DAYS_AHEAD);

let manager: CurrentUser;
let admin: CurrentUser;
let procedureId: string;

/**
 * The action with its own follow-up pass left out. The race under test is: the pass has read its
 * inputs, the change commits, the pass writes. A change's follow-up pass (after its commit) may
 * run before or after the racing pass writes; left in, it would run first here and hide the race
 * for an edit. Each test runs the follow-up itself afterwards.
 */
function commitOnly(name: string) {
  return { ...actionDefinition(name), afterCommit: undefined };
}

async function act(name: string, input: Record<string, unknown>, user: CurrentUser, options: { followUp?: boolean } = {}) {
  const result = await runAction(options.followUp ? actionDefinition(name) : commitOnly(name), input, as(user, NOW));
  expect(result, `${name} ${JSON.stringify(input)}`).toMatchObject({ ok: true });
  return result as { ok: true; data?: Record<string, unknown> };
}

function scheduleForm(rule: Record<string, string>, dueTime = "09:00") {
  return {
    procedureId,
    name: "",
    anchorDate: "2026-12-01",
    dueTime,
    graceMinutes: "60",
    timeZone: "UTC",
    assignee: "role:OPERATOR",
    scope: "ORGANISATION",
    active: "on",
    ...rule,
  };
}

/** A schedule made the day before, with the runs its own follow-up pass generated then. */
async function scheduleMadeTheDayBefore(rule: Record<string, string> = { kind: "DAILY" }, dueTime = "09:00"): Promise<string> {
  const made = await runAction(actionDefinition("schedule.create"), scheduleForm(rule, dueTime), as(manager, DAY_BEFORE));
  expect(made).toMatchObject({ ok: true });
  const id = (made as { data: { scheduleId: string } }).data.scheduleId;
  expect(await db.run.count({ where: { scheduleId: id, localDate: addDays(NEW_DAY, -1) } })).toBe(1);
  return id;
}

/** A pass at NOW over one schedule that lets `change` commit after it read its inputs and before it writes. */
async function passRacing(scheduleId: string, change: () => Promise<void>) {
  let changes = 0;
  const report = await generateRuns(db, {
    now: NOW,
    scheduleIds: [scheduleId],
    beforeWrite: async (id, attempt) => {
      if (id !== scheduleId || attempt !== 1) return;
      changes += 1;
      await change();
    },
  });
  expect(changes, "the change was made while the pass was under way").toBe(1);
  return report;
}

function futureRuns(scheduleId: string) {
  return db.run.findMany({ where: { scheduleId, dueAt: { gt: NOW } }, orderBy: { localDate: "asc" } });
}

// ---------------------------------------------------------------------------------------------
// What the latest state says, recomputed from the database as it is now. The recurrence itself is
// proven against independent oracles in tests/unit/recurrence.test.ts; here it only has to be the
// latest rule, calendar, servers and windows that every untouched future run agrees with.

interface ExpectedRun {
  dueAt: Date;
  opensAt: Date;
  graceEndsAt: Date;
  versionId: string;
  assigneeRole: string | null;
  assigneeUserId: string | null;
  suppressed: boolean;
}

async function latestPlan(now: Date): Promise<Map<string, ExpectedRun>> {
  const calendar = await readCalendar(db);
  const today = localDateOf(now, calendar.timeZone);
  const from = addDays(today, -WINDOW_DAYS_BACK);
  const to = addDays(today, WINDOW_DAYS_AHEAD);
  const [schedules, servers, windows] = await Promise.all([
    db.schedule.findMany({ include: { procedure: { select: { archivedAt: true, currentVersionId: true } } } }),
    db.server.findMany({ where: { active: true }, include: { roles: true } }),
    db.maintenanceWindow.findMany(),
  ]);
  const plan = new Map<string, ExpectedRun>();
  for (const s of schedules) {
    if (!s.active || s.procedure.archivedAt || !s.procedure.currentVersionId) continue;
    const roles = parseStringArray(s.scopeRoles);
    const targets = s.scope === "PER_SERVER" ? servers.filter((v) => v.roles.some((r) => roles.includes(r.role))).map((v) => v.id) : [null];
    for (const date of occurrenceDates(s.rrule, s.anchorDate, from, to, calendar, s.holidayPolicy as HolidayPolicy)) {
      const dueAt = localInstant(date, s.dueTime, s.timeZone);
      if (dueAt <= now || dueAt < s.effectiveFrom) continue;
      for (const serverId of targets) {
        plan.set(`${s.id}|${date}|${serverId ?? "-"}`, {
          dueAt,
          opensAt: localInstant(date, "00:00", s.timeZone),
          graceEndsAt: new Date(dueAt.getTime() + s.graceMinutes * 60_000),
          versionId: s.procedure.currentVersionId,
          assigneeRole: s.assigneeRole,
          assigneeUserId: s.assigneeUserId,
          suppressed: windows.some((w) => (w.serverId === null || w.serverId === serverId) && w.startsAt <= dueAt && dueAt <= w.endsAt),
        });
      }
    }
  }
  return plan;
}

/** Scheduled runs still ahead of `now` that nobody has touched, by schedule, date and scope. */
async function untouchedFutureRuns(now: Date) {
  const runs = await db.run.findMany({
    where: { scheduleId: { not: null }, dueAt: { gt: now }, completedAt: null, skippedAt: null, results: { none: {} }, incidents: { none: {} } },
  });
  return new Map(runs.map((r) => [`${r.scheduleId}|${r.periodKey}|${r.scopeKey}`, r]));
}

/** Every untouched future run that the latest state would not have made as it is, with the reason. */
async function contradictions(now: Date): Promise<string[]> {
  const plan = await latestPlan(now);
  const found: string[] = [];
  for (const [key, run] of await untouchedFutureRuns(now)) {
    const expected = plan.get(key);
    if (!expected) {
      found.push(`${key}: should not exist`);
      continue;
    }
    for (const field of ["dueAt", "opensAt", "graceEndsAt"] as const) {
      if (run[field].getTime() !== expected[field].getTime()) found.push(`${key}: ${field} ${run[field].toISOString()}, latest ${expected[field].toISOString()}`);
    }
    for (const field of ["versionId", "assigneeRole", "assigneeUserId", "suppressed"] as const) {
      if (run[field] !== expected[field]) found.push(`${key}: ${field} ${String(run[field])}, latest ${String(expected[field])}`);
    }
  }
  return found;
}

/** Runs the latest state gives that do not exist (yet). */
async function missing(now: Date): Promise<string[]> {
  const have = await untouchedFutureRuns(now);
  return [...(await latestPlan(now)).keys()].filter((key) => !have.has(key));
}

beforeAll(async () => {
  await seedDatabase(db, { now: DAY_BEFORE });
  // A few of the seeded schedules keep running beside the ones the tests make: daily organisation-
  // wide and per-server checks, a weekly task and the last business day of the month.
  await db.schedule.updateMany({ where: { seedKey: { notIn: ["D1", "D5", "W2", "M2"] } }, data: { active: false } });
  await generateRuns(db, { now: DAY_BEFORE });
  manager = await makeUser("MANAGER");
  admin = await makeUser("ADMIN");
  procedureId = (await db.procedure.findUniqueOrThrow({ where: { seedCode: "A1" } })).id;
}, 60_000);

describe("a pass whose inputs change after it read them and before it writes", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes nothing for a schedule paused in between", async () => {
    const id = await scheduleMadeTheDayBefore();
    const past = await db.run.count({ where: { scheduleId: id, dueAt: { lte: NOW } } });
    const report = await passRacing(id, async () => {
      await act("schedule.set_active", { scheduleId: id, active: "false" }, manager);
    });
    // The pause withdrew the future runs; the pass must not bring them back.
    expect((await futureRuns(id)).map((r) => r.localDate)).toEqual([]);
    expect(await db.run.count({ where: { scheduleId: id, dueAt: { lte: NOW } } })).toBe(past);
    expect(await contradictions(NOW)).toEqual([]);
    expect(report).toMatchObject({ created: 0, replanned: 1, deferred: [] });
  });

  it("writes the new due time of a schedule edited in between, never the old one", async () => {
    const id = await scheduleMadeTheDayBefore();
    const report = await passRacing(id, async () => {
      await act("schedule.update", { ...scheduleForm({ kind: "DAILY" }, "11:30"), scheduleId: id }, manager);
    });
    const runs = await futureRuns(id);
    expect(runs.map((r) => r.dueAt.toISOString().slice(11, 16))).toEqual(runs.map(() => "11:30"));
    expect(await contradictions(NOW)).toEqual([]);
    // The pass planned again from the edited schedule and wrote every day from today on.
    expect(runs.map((r) => r.localDate)).toEqual(Array.from({ length: WINDOW_DAYS_AHEAD + 1 }, (_, i) => addDays(TODAY, i)));
    expect(report).toMatchObject({ created: WINDOW_DAYS_AHEAD + 1, replanned: 1, deferred: [] });
  });

  it("suppresses the runs inside a maintenance window added in between", async () => {
    const id = await scheduleMadeTheDayBefore({ kind: "DAILY" }, "09:00");
    const report = await passRacing(id, async () => {
      // From the day before the new day to just after its due time: one run existed, one is new.
      await act("maintenance.create", { name: "Race window", startsAt: `${addDays(NEW_DAY, -1)}T08:30`, endsAt: `${NEW_DAY}T09:30` }, manager);
    });
    const runs = await futureRuns(id);
    expect(runs.filter((r) => r.suppressed).map((r) => r.localDate)).toEqual([addDays(NEW_DAY, -1), NEW_DAY]);
    expect(await contradictions(NOW)).toEqual([]);
    expect(report).toMatchObject({ created: 1, replanned: 1 });
  });

  it("does not suppress runs by a maintenance window removed in between", async () => {
    const id = await scheduleMadeTheDayBefore({ kind: "DAILY" }, "15:00");
    await act("maintenance.create", { name: "Removed window", startsAt: `${NEW_DAY}T14:30`, endsAt: `${NEW_DAY}T15:30` }, manager);
    const window = await db.maintenanceWindow.findFirstOrThrow({ where: { name: "Removed window" } });
    const report = await passRacing(id, async () => {
      await act("maintenance.remove", { windowId: window.id }, manager);
    });
    const run = await db.run.findFirstOrThrow({ where: { scheduleId: id, localDate: NEW_DAY } });
    expect(run.suppressed).toBe(false);
    expect(await contradictions(NOW)).toEqual([]);
    expect(report).toMatchObject({ created: 1, replanned: 1 });
  });

  it("leaves out a holiday declared in between, for a schedule that skips holidays", async () => {
    const id = await scheduleMadeTheDayBefore({ kind: "BUSINESS_DAYS" });
    const holiday = "2026-12-24"; // a Thursday with a run before the holiday exists
    expect(await db.run.count({ where: { scheduleId: id, localDate: holiday } })).toBe(1);
    const report = await passRacing(id, async () => {
      await act("settings.add_holiday", { date: holiday, name: "Christmas Eve" }, admin);
    });
    expect(await db.run.count({ where: { scheduleId: id, localDate: holiday } })).toBe(0);
    expect(await contradictions(NOW)).toEqual([]);
    expect(report).toMatchObject({ replanned: 1, deferred: [] });
    await generateRuns(db, { now: NOW }); // the change's own follow-up
    expect(await db.run.count({ where: { scheduleId: id, localDate: holiday } })).toBe(0);
    expect(await missing(NOW)).toEqual([]);
  });

  it("follows business days changed in between: no Friday runs, Sunday runs from the re-plan", async () => {
    const id = await scheduleMadeTheDayBefore({ kind: "BUSINESS_DAYS" });
    expect((await futureRuns(id)).some((r) => isoWeekday(r.localDate) === 5)).toBe(true);
    const report = await passRacing(id, async () => {
      await act("settings.update", { name: "Opsbook", timeZone: "UTC", businessDays: ["7", "1", "2", "3", "4"] }, admin);
    });
    const weekdays = new Set((await futureRuns(id)).map((r) => isoWeekday(r.localDate)));
    expect(weekdays.has(5)).toBe(false);
    expect(weekdays.has(6)).toBe(false);
    expect(weekdays.has(7)).toBe(true);
    expect(await contradictions(NOW)).toEqual([]);
    expect(report).toMatchObject({ replanned: 1, deferred: [] });
    await generateRuns(db, { now: NOW });
    expect(await contradictions(NOW)).toEqual([]);
    expect(await missing(NOW)).toEqual([]);
  });

  it(`gives up on a schedule that changes every time it is planned, after ${MAX_PLANNING_ATTEMPTS} tries, and says so`, async () => {
    const id = await scheduleMadeTheDayBefore();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const dueTimes = ["10:00", "10:15", "10:30", "10:45", "11:00"];
    let attempts = 0;
    const report = await generateRuns(db, {
      now: NOW,
      scheduleIds: [id],
      beforeWrite: async (scheduleId, attempt) => {
        if (scheduleId !== id) return;
        attempts = attempt;
        await act("schedule.update", { ...scheduleForm({ kind: "DAILY" }, dueTimes[attempt]!), scheduleId: id }, manager);
      },
    });
    expect(attempts).toBe(MAX_PLANNING_ATTEMPTS);
    expect(report).toMatchObject({ created: 0, replanned: MAX_PLANNING_ATTEMPTS, deferred: [id] });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain(`schedule ${id}`);
    // Nothing written on stale plans; the next pass plans from the latest edit.
    expect(await futureRuns(id)).toEqual([]);
    expect(await contradictions(NOW)).toEqual([]);
    await generateRuns(db, { now: NOW, scheduleIds: [id] });
    const runs = await futureRuns(id);
    expect(runs).toHaveLength(WINDOW_DAYS_AHEAD + 1);
    expect(new Set(runs.map((r) => r.dueAt.toISOString().slice(11, 16)))).toEqual(new Set([dueTimes[MAX_PLANNING_ATTEMPTS]]));
  });

  it("writes as before when nothing changed, planning each schedule once", async () => {
    const id = await scheduleMadeTheDayBefore();
    const report = await generateRuns(db, { now: NOW });
    expect(report.created).toBeGreaterThan(0);
    expect(report).toMatchObject({ replanned: 0, deferred: [] });
    expect(await db.run.count({ where: { scheduleId: id, localDate: NEW_DAY } })).toBe(1);
    expect(await contradictions(NOW)).toEqual([]);
    expect(await missing(NOW)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// The same races for real: generator processes pass after pass while another process pauses and
// resumes schedules, edits due times, adds and removes windows and holidays and changes the
// business days, all on one database file at the same pinned instant.

const GENERATORS = 3;
const CHANGES = 60; // at most
const SECONDS = 15; // at most after the opening (one change of each kind), so a busy machine makes fewer

const startWorker = (plan: WorkerPlan) => startOne("tests/integration/generation-race-worker.ts", plan);

describe("generator processes racing a process that changes schedules, calendar and windows", () => {
  it("leaves every untouched future run as the latest state says, with no duplicates and the audit trail intact", async () => {
    // Only the schedules this race is about stay active, so that passes are short and many.
    for (const s of await db.schedule.findMany({ where: { active: true, seedKey: null }, select: { id: true } })) {
      await act("schedule.set_active", { scheduleId: s.id, active: "false" }, manager);
    }
    // Schedules the changes act on, made the day before, so that each has runs to withdraw.
    const targets: Extract<WorkerPlan, { kind: "changer" }>["targets"] = [];
    for (const [rule, dueTime] of [
      [{ kind: "DAILY" }, "09:00"],
      [{ kind: "DAILY" }, "13:00"],
      [{ kind: "BUSINESS_DAYS" }, "08:00"],
      [{ kind: "LAST_BUSINESS_DAY" }, "16:00"],
      [{ kind: "WEEKLY", weekdays: "5", interval: "1" }, "11:00"],
    ] as const) {
      const form = scheduleForm(rule as Record<string, string>, dueTime);
      const made = await runAction(actionDefinition("schedule.create"), form, as(manager, DAY_BEFORE));
      expect(made).toMatchObject({ ok: true });
      targets.push({ scheduleId: (made as { data: { scheduleId: string } }).data.scheduleId, form });
    }
    // The seeded per-server and organisation-wide checks are paused and resumed too.
    for (const seedKey of ["D1", "D5"]) {
      const s = await db.schedule.findUniqueOrThrow({ where: { seedKey } });
      targets.push({ scheduleId: s.id, form: null });
    }
    await generateRuns(db, { now: NOW });
    expect(await contradictions(NOW)).toEqual([]);
    const servers = (await db.server.findMany({ where: { active: true }, select: { id: true } })).map((s) => s.id);
    const eventsBefore = (await db.auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0;

    const workers = [
      ...Array.from({ length: GENERATORS }, (_, i) => startWorker({ kind: "generator", label: `gen${i + 1}`, now: NOW.toISOString(), seed: i + 1 })),
      startWorker({
        kind: "changer",
        label: "changer",
        now: NOW.toISOString(),
        seed: 42,
        changes: CHANGES,
        seconds: SECONDS,
        manager,
        admin,
        targets,
        servers,
        today: TODAY,
        holidays: ["2026-12-14", "2026-12-24", "2026-12-25", "2026-12-31", "2027-01-01", "2027-01-04", "2027-01-11"],
      }),
    ];
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.stdin.write("go\n");
    const changerOutput = await workers.at(-1)!.done;
    for (const w of workers.slice(0, GENERATORS)) w.child.stdin.write("stop\n");
    const generatorOutputs = await Promise.all(workers.slice(0, GENERATORS).map((w) => w.done));
    for (const r of [changerOutput, ...generatorOutputs]) expect(r.code, r.err).toBe(0);

    const changes = lastLine<ChangeLog>(changerOutput.out);
    const generators = generatorOutputs.map((r) => lastLine<GeneratorLog>(r.out));
    const total = (key: "passes" | "created" | "replanned" | "deferred") => generators.reduce((n, g) => n + g[key], 0);
    console.log(
      `generation race: ${GENERATORS} generator processes (${generators.map((g) => g.passes).join(", ")} passes of ${generators.map((g) => Math.round(g.milliseconds / g.passes)).join(", ")} ms on average; ${total("created")} runs created, ` +
        `${total("replanned")} schedules planned again, ${total("deferred")} left to a later pass) against one process making ${changes.made.length} changes ` +
        `(${Object.entries(countBy(changes.made.map((c) => c.kind))).map(([k, n]) => `${k} ${n}`).join(", ")}; ${changes.refused.length} refused)`,
    );

    // The race was run: changes of every kind were made while the generators passed.
    expect(changes.refused).toEqual([]);
    expect(new Set(changes.made.map((c) => c.kind))).toEqual(new Set(["pause", "resume", "due time", "window added", "window removed", "holiday added", "holiday removed", "business days"]));
    expect(generators.every((g) => g.passes >= 2)).toBe(true);

    // Before anything else runs: no untouched future run contradicts the latest state.
    expect(await contradictions(NOW)).toEqual([]);
    // One more pass fills in whatever the races left to it, and then the runs are exactly those.
    await generateRuns(db, { now: NOW });
    expect(await contradictions(NOW)).toEqual([]);
    expect(await missing(NOW)).toEqual([]);

    const duplicates = await db.run.groupBy({ by: ["scheduleId", "periodKey", "scopeKey"], _count: { _all: true }, having: { id: { _count: { gt: 1 } } } });
    expect(duplicates).toEqual([]);
    // Every run has its one creation event; the trail is intact, by the library and by the CLI.
    const generated = await db.auditEvent.findMany({ where: { action: "run.generate", seq: { gt: eventsBefore } }, select: { entityId: true } });
    expect(new Set(generated.map((e) => e.entityId)).size).toBe(generated.length);
    const scheduled = await db.run.findMany({ where: { scheduleId: { not: null } }, select: { id: true } });
    const everGenerated = new Set((await db.auditEvent.findMany({ where: { action: "run.generate" }, select: { entityId: true } })).map((e) => e.entityId));
    expect(scheduled.filter((r) => !everGenerated.has(r.id))).toEqual([]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const cli = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", "audit", "verify"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env },
      timeout: 60_000,
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain("Audit trail intact");
  }, 240_000);
});

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
