// One definition of open, late and missed: Today, the dashboard, the calendar and history classify
// the same runs the same way at the same instant. Runs in every state are built on Wednesday
// 9 December 2026 (UTC: each opens at 06:00, is due at 10:00, and its grace ends at 14:00), with a
// missed run of the day before and a weekly run of the Friday after. The day is replayed at five
// instants, each run's completion or skip taking effect at its own time, and each page's answer is
// checked against the table below, written by hand.
import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import { getDashboard } from "@/lib/dashboard/queries";
import { db } from "@/lib/db";
import { seedDatabase } from "@/lib/procedures/seed";
import { getCalendar } from "@/lib/runs/calendar";
import { listHistory } from "@/lib/runs/history";
import { getToday } from "@/lib/runs/today";
import type { RunState } from "@/lib/scheduling/run-state";
import { makeUser } from "../support/fixtures";

const DAY = "2026-12-09";
const at = (time: string, date = DAY) => new Date(`${date}T${time}Z`);
const INSTANTS = {
  beforeOpening: at("05:00:00"),
  openBeforeDue: at("09:00:00"),
  atDueTime: at("10:00:00"),
  inGrace: at("12:00:00"),
  afterGrace: at("15:00:00"),
} as const;
type Instant = keyof typeof INSTANTS;

interface Scenario {
  code: string;
  date?: string;
  cadence?: "DAILY" | "WEEKLY";
  onServer?: boolean;
  completedAt?: string;
  failedItems?: number;
  naItems?: number;
  skippedAt?: string;
  suppressed?: boolean;
  /** The state at each instant, in order: before opening … after grace. */
  expected: [RunState, RunState, RunState, RunState, RunState];
}

const U = "UPCOMING", O = "DUE", L = "LATE", M = "MISSED", C = "COMPLETED", CL = "COMPLETED_LATE", CX = "COMPLETED_WITH_EXCEPTIONS";
const SCENARIOS: Record<string, Scenario> = {
  untouched: { code: "D1", expected: [U, O, O, L, M] },
  doneEarly: { code: "D2", completedAt: "07:00:00", expected: [U, C, C, C, C] },
  doneInGrace: { code: "D3", completedAt: "11:00:00", expected: [U, O, O, CL, CL] },
  withFailures: { code: "D4", completedAt: "08:00:00", failedItems: 2, expected: [U, CX, CX, CX, CX] },
  withNaOnly: { code: "D5", completedAt: "08:30:00", naItems: 1, expected: [U, CX, CX, CX, CX] },
  withBoth: { code: "D6", completedAt: "08:45:00", failedItems: 1, naItems: 1, expected: [U, CX, CX, CX, CX] },
  skipped: { code: "D7", skippedAt: "07:30:00", expected: [U, "SKIPPED", "SKIPPED", "SKIPPED", "SKIPPED"] },
  suppressed: { code: "D8", suppressed: true, expected: ["SUPPRESSED", "SUPPRESSED", "SUPPRESSED", "SUPPRESSED", "SUPPRESSED"] },
  doneAfterGrace: { code: "D9", completedAt: "14:30:00", expected: [U, O, O, L, CL] },
  onServer: { code: "D10", onServer: true, expected: [U, O, O, L, M] },
  missedYesterday: { code: "D11", date: "2026-12-08", expected: [M, M, M, M, M] },
  weeklyFriday: { code: "W1", date: "2026-12-11", cadence: "WEEKLY", expected: [U, U, U, U, U] },
};
const NAMES = Object.keys(SCENARIOS);
const INSTANT_NAMES = Object.keys(INSTANTS) as Instant[];

/** The words of run-summary.ts, restated: what each state counts as. */
const BUCKET: Record<RunState, "upcoming" | "open" | "late" | "missed" | "done" | "skipped"> = {
  UPCOMING: "upcoming",
  DUE: "open",
  LATE: "late",
  MISSED: "missed",
  COMPLETED: "done",
  COMPLETED_LATE: "done",
  COMPLETED_WITH_EXCEPTIONS: "done",
  SKIPPED: "skipped",
  SUPPRESSED: "skipped",
};

let user: CurrentUser;
const ids = new Map<string, string>();
const titles = new Map<string, string>();

beforeAll(async () => {
  await seedDatabase(db, { demoServers: false, now: at("00:00:00", "2026-12-01") });
  // Only the runs built here: the seeded schedules would add their own.
  await db.schedule.updateMany({ data: { active: false } });
  user = await makeUser("OPERATOR");
  const server = await db.server.create({ data: { name: "EXAGREE01", site: "Test", roles: { create: [{ role: "MAILBOX" }] } }, select: { id: true } });
  for (const [name, s] of Object.entries(SCENARIOS)) {
    const procedure = await db.procedure.findUniqueOrThrow({ where: { seedCode: s.code }, select: { id: true, currentVersionId: true, currentVersion: { select: { title: true } } } });
    const date = s.date ?? DAY;
    const weekly = s.cadence === "WEEKLY";
    const run = await db.run.create({
      data: {
        procedureId: procedure.id,
        versionId: procedure.currentVersionId!,
        serverId: s.onServer ? server.id : null,
        periodKey: `agree-${name}`,
        scopeKey: s.onServer ? server.id : "-",
        cadence: s.cadence ?? "DAILY",
        localDate: date,
        opensAt: at(weekly ? "00:00:00" : "06:00:00", date),
        dueAt: at(weekly ? "16:00:00" : "10:00:00", date),
        graceEndsAt: weekly ? at("16:00:00", "2026-12-12") : at("14:00:00", date),
        assigneeRole: "OPERATOR",
        suppressed: s.suppressed ?? false,
      },
      select: { id: true },
    });
    ids.set(name, run.id);
    titles.set(name, procedure.currentVersion!.title);
  }
});

/** Completions and skips that have happened by `now`, and nothing that has not. */
async function replayUntil(now: Date) {
  for (const [name, s] of Object.entries(SCENARIOS)) {
    const completedAt = s.completedAt && at(s.completedAt) <= now ? at(s.completedAt) : null;
    const skippedAt = s.skippedAt && at(s.skippedAt) <= now ? at(s.skippedAt) : null;
    const failedItems = completedAt ? (s.failedItems ?? 0) : 0;
    const naItems = completedAt ? (s.naItems ?? 0) : 0;
    await db.run.update({
      where: { id: ids.get(name)! },
      data: { completedAt, completedById: completedAt ? user.id : null, failedItems, naItems, hasExceptions: failedItems + naItems > 0, skippedAt, skippedById: skippedAt ? user.id : null, skipReason: skippedAt ? "Server room closed" : null },
    });
  }
}

const idOf = (name: string) => ids.get(name)!;
const expectedAt = (instant: Instant) => new Map(NAMES.map((name) => [name, SCENARIOS[name]!.expected[INSTANT_NAMES.indexOf(instant)]!]));

function countBuckets(states: RunState[]) {
  const counts = { upcoming: 0, open: 0, late: 0, missed: 0, done: 0, skipped: 0 };
  for (const s of states) counts[BUCKET[s]]++;
  return counts;
}

describe.each(INSTANT_NAMES)("at the instant %s", (instant) => {
  const now = INSTANTS[instant];
  const expected = expectedAt(instant);
  const done = (name: string) => BUCKET[expected.get(name)!] === "done";

  it("Today lists every run in the state the table gives, in the right group, and sums them up the same way", async () => {
    await replayUntil(now);
    const view = await getToday(user, { assignee: "all" }, now);
    const groups = { attention: view.attention, daily: view.daily, weekly: view.weekly, monthly: view.monthly };
    for (const name of NAMES) {
      const state = expected.get(name)!;
      const found = Object.entries(groups).flatMap(([group, rows]) => rows.filter((r) => r.id === ids.get(name)).map((r) => ({ group, r })));
      expect(found, name).toHaveLength(1);
      const { group, r } = found[0]!;
      expect(r.state, name).toBe(state);
      expect(group, name).toBe(state === "LATE" || state === "MISSED" ? "attention" : name === "weeklyFriday" ? "weekly" : "daily");
      // The row's words lead with the state before the due time has settled the run.
      const lead = { UPCOMING: "upcoming, due ", DUE: "open, due at 10:00", LATE: "late, due ", MISSED: "missed, due " }[state as string];
      if (lead) expect(r.due, name).toContain(lead);
      else expect(r.due, name).toMatch(/^due /);
    }
    expect(view.summary).toMatchObject({ total: NAMES.length, ...countBuckets([...expected.values()]) });
    expect(view.summary.withFailures).toBe(["withFailures", "withBoth"].filter(done).length);
    expect(view.summary.withNaOnly).toBe(["withNaOnly"].filter(done).length);
    expect(view.summary.exceptions).toBe(["withFailures", "withBoth", "withNaOnly"].filter(done).length);
    // The state filter picks exactly the runs of its word.
    const late = await getToday(user, { assignee: "all", state: "late" }, now);
    expect([...late.attention, ...late.daily, ...late.weekly].map((r) => r.id).sort()).toEqual(NAMES.filter((n) => expected.get(n) === "LATE").map((n) => ids.get(n)).sort());
  });

  it("the dashboard counts today's runs the same way, and only those past their due time as due so far", async () => {
    await replayUntil(now);
    const d = await getDashboard(now);
    const todays = NAMES.filter((n) => (SCENARIOS[n]!.date ?? DAY) === DAY);
    expect(d.todaySummary).toMatchObject({ total: todays.length, ...countBuckets(todays.map((n) => expected.get(n)!)) });
    // Due so far: due at 10:00, so none before or at 10:00, even with runs done early (B10).
    const pastDue = now > at("10:00:00");
    const counted = todays.filter((n) => BUCKET[expected.get(n)!] !== "skipped");
    expect(d.todaySummary.dueSoFar).toBe(pastDue ? counted.length : 0);
    expect(d.todaySummary.doneOfDueSoFar).toBe(pastDue ? counted.filter(done).length : 0);
    expect(d.todaySummary.nextDueAt).toEqual(pastDue ? null : at("10:00:00"));
    expect({ clean: d.todaySummary.clean, withFailures: d.todaySummary.withFailures, withNaOnly: d.todaySummary.withNaOnly }).toEqual({
      clean: ["doneEarly", "doneInGrace", "doneAfterGrace"].filter(done).length,
      withFailures: ["withFailures", "withBoth"].filter(done).length,
      withNaOnly: ["withNaOnly"].filter(done).length,
    });
    // Late and missed work of the last week, each in the table's state.
    const attention = new Map(d.attention.map((r) => [r.id, r.state]));
    for (const name of NAMES) {
      const state = expected.get(name)!;
      expect(attention.get(ids.get(name)!), name).toBe(state === "LATE" || state === "MISSED" ? state : undefined);
    }
  });

  it("the calendar shows each run's entry in the same state, with the same counts", async () => {
    await replayUntil(now);
    const calendar = await getCalendar("week", DAY, now);
    for (const name of NAMES) {
      const s = SCENARIOS[name]!;
      const day = calendar.days.find((x) => x.date === (s.date ?? DAY))!;
      const entry = day.entries.find((e) => e.title === titles.get(name));
      expect(entry, name).toBeDefined();
      expect(entry!.count, name).toBe(1);
      expect(entry!.state, name).toBe(expected.get(name));
      expect(entry!.summary, name).toMatchObject(countBuckets([expected.get(name)!]));
      expect(entry!.progress, name).toBeNull();
    }
  });

  it("history shows every run that was due or done, in the same state, with its exceptions apart", async () => {
    await replayUntil(now);
    const history = await listHistory({ from: "2026-12-08", to: "2026-12-11" }, now);
    const shown = new Map(history.runs.map((r) => [r.id, r]));
    for (const name of NAMES) {
      const state = expected.get(name)!;
      const row = shown.get(ids.get(name)!);
      if (state === "UPCOMING" || state === "DUE") expect(row, name).toBeUndefined();
      else expect(row?.state, name).toBe(state);
      if (row) expect([row.failedItems, row.naItems], name).toEqual(done(name) ? [SCENARIOS[name]!.failedItems ?? 0, SCENARIOS[name]!.naItems ?? 0] : [0, 0]);
    }
    const pick = async (state: "WITH_FAILURES" | "WITH_NA" | "COMPLETED_WITH_EXCEPTIONS") =>
      (await listHistory({ from: "2026-12-08", to: "2026-12-11", state }, now)).runs.map((r) => r.id).sort();
    const named = (...names: string[]) => names.filter(done).map((n) => ids.get(n)!).sort();
    expect(await pick("WITH_FAILURES")).toEqual(named("withFailures", "withBoth"));
    expect(await pick("WITH_NA")).toEqual(named("withNaOnly", "withBoth"));
    expect(await pick("COMPLETED_WITH_EXCEPTIONS")).toEqual(named("withFailures", "withNaOnly", "withBoth"));
  });
});

describe("a group of runs on the calendar", () => {
  it("says how many are done, and takes the state that most needs attention (B11)", async () => {
    const now = INSTANTS.openBeforeDue;
    await replayUntil(now);
    // Seven runs of one procedure on one day, as per-server checks make them: one done.
    const procedure = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D12" }, select: { id: true, currentVersionId: true, currentVersion: { select: { title: true } } } });
    for (let i = 0; i < 7; i++) {
      await db.run.create({
        data: {
          procedureId: procedure.id,
          versionId: procedure.currentVersionId!,
          periodKey: `group-${i}`,
          scopeKey: `group-${i}`,
          cadence: "DAILY",
          localDate: DAY,
          opensAt: at("06:00:00"),
          dueAt: at("10:00:00"),
          graceEndsAt: at("14:00:00"),
          completedAt: i === 0 ? at("08:00:00") : null,
          completedById: i === 0 ? user.id : null,
        },
      });
    }
    const day = (await getCalendar("week", DAY, now)).days.find((d) => d.date === DAY)!;
    const entry = day.entries.find((e) => e.title === procedure.currentVersion!.title)!;
    expect(entry).toMatchObject({ count: 7, state: "DUE", progress: "1 of 7 done" });
    expect(entry.summary).toMatchObject({ open: 6, done: 1 });
    // Today says the same of the same runs.
    const today = await getToday(user, { assignee: "all" }, now);
    const rows = today.daily.filter((r) => r.title === procedure.currentVersion!.title);
    expect(rows.map((r) => r.state).sort()).toEqual(["COMPLETED", ...Array(6).fill("DUE")]);
  });
});

describe("Today's filters over the one statement", () => {
  it("reads a run's Exchange roles only when asked, from its server or, with none, its procedure", async () => {
    const now = INSTANTS.openBeforeDue;
    await replayUntil(now);
    const listed = (view: Awaited<ReturnType<typeof getToday>>) => [...view.attention, ...view.daily, ...view.weekly].map((r) => r.id);
    const mailbox = await getToday(user, { assignee: "all", role: "MAILBOX" }, now);
    expect(listed(mailbox)).toContain(idOf("onServer"));
    const procedureRoles = await db.procedureRole.findMany({ where: { version: { procedure: { seedCode: "D1" } } }, select: { role: true } });
    expect(listed(mailbox).includes(idOf("untouched"))).toBe(procedureRoles.some((r) => r.role === "MAILBOX"));
    expect(listed(await getToday(user, { assignee: "all", role: "CLIENT_ACCESS" }, now))).not.toContain(idOf("onServer"));
    // Without the role filter the roles are not read at all.
    expect((await getToday(user, { assignee: "all" }, now)).daily.every((r) => r.roles.length === 0)).toBe(true);
    // The server filter and the summary agree with the rows shown.
    const onServer = await getToday(user, { assignee: "all", server: "EXAGREE01" }, now);
    expect(listed(onServer)).toEqual([idOf("onServer")]);
    expect(onServer.summary).toMatchObject({ total: 1, open: 1 });
    expect(onServer.options.servers.map((s) => s.label)).toContain("EXAGREE01");
    const unknown = await getToday(user, { assignee: "all", server: "EXNOPE01" }, now);
    expect(unknown.notices).toEqual(['No run on today\'s list is on server "EXNOPE01": the server filter was ignored.']);
    expect(unknown.filter.server).toBeUndefined();
  });
});
