import "server-only";
import { Temporal } from "@js-temporal/polyfill";
import { db } from "@/lib/db";
import { ensureRunsGenerated, WINDOW_DAYS_AHEAD } from "@/lib/scheduling/generation";
import { addDays, isDateInRange, localDateOf, weekGrid } from "@/lib/time/dates";
import { RUN_TIMES_SELECT, runState, STATE_PRIORITY, type RunState } from "@/lib/scheduling/run-state";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { dateFormatter } from "@/lib/time/format";
import { groupProgress, summarizeRuns, type ClassifiedRun, type RunSummary } from "./run-summary";

export interface CalendarEntry {
  title: string;
  cadence: string;
  count: number;
  /** The state that most needs attention among the runs of this procedure on this day. */
  state: RunState;
  runId: string;
  /** The group's runs counted as Today counts them (lib/runs/run-summary.ts). */
  summary: RunSummary;
  /** "3 of 7 done" for a group of runs; null for a single run. */
  progress: string | null;
}

const RARITY = ["MONTHLY", "AS_NEEDED", "WEEKLY", "DAILY"];

export interface CalendarView {
  view: "week" | "month";
  anchor: string;
  today: string;
  days: { date: string; inMonth: boolean; entries: CalendarEntry[] }[];
  previous: string;
  next: string;
  title: string;
  plannedUntil: string;
  timeZone: string;
}

/** Runs by day for a week or a month (weeks start on Monday), in the organisation's time zone. */
export async function getCalendar(view: "week" | "month", anchorInput: string | undefined, now = new Date()): Promise<CalendarView> {
  await ensureRunsGenerated(db, now);
  const { timeZone } = await getOrganisationSettings();
  const today = localDateOf(now, timeZone);
  const anchor = Temporal.PlainDate.from(anchorInput && isDateInRange(anchorInput) ? anchorInput : today);
  const first = view === "week" ? anchor.subtract({ days: anchor.dayOfWeek - 1 }) : anchor.with({ day: 1 });
  const last = view === "week" ? first.add({ days: 6 }) : anchor.with({ day: anchor.daysInMonth });
  const grid = weekGrid(first.toString(), last.toString());

  const runs = await db.run.findMany({
    where: { localDate: { gte: grid.gridStart, lte: grid.gridEnd } },
    select: {
      id: true,
      localDate: true,
      ...RUN_TIMES_SELECT,
      failedItems: true,
      naItems: true,
      cadence: true,
      version: { select: { title: true } },
    },
    orderBy: [{ dueAt: "asc" }],
  });
  // The runs of one procedure on one day make one entry ("Check disk usage ×7"): its state is the
  // one that most needs attention, and its progress says how many are done.
  const byDay = new Map<string, Map<string, CalendarEntry>>();
  const members = new Map<CalendarEntry, ClassifiedRun[]>();
  for (const run of runs) {
    const day = byDay.get(run.localDate) ?? new Map<string, CalendarEntry>();
    const state = runState(run, now);
    const classified: ClassifiedRun = { state, dueAt: run.dueAt, hasExceptions: run.hasExceptions, failedItems: run.failedItems, naItems: run.naItems };
    const entry = day.get(run.version.title);
    if (!entry) {
      const created: CalendarEntry = { title: run.version.title, cadence: run.cadence, count: 1, state, runId: run.id, summary: summarizeRuns([], now), progress: null };
      day.set(run.version.title, created);
      members.set(created, [classified]);
    } else {
      entry.count += 1;
      members.get(entry)!.push(classified);
      if (STATE_PRIORITY[state] < STATE_PRIORITY[entry.state]) {
        entry.state = state;
        entry.runId = run.id;
      }
    }
    byDay.set(run.localDate, day);
  }
  for (const [entry, group] of members) {
    entry.summary = summarizeRuns(group, now);
    entry.progress = groupProgress(entry.summary);
  }
  const days: CalendarView["days"] = grid.days.map((date) => ({
      date,
      inMonth: view === "week" || date.slice(0, 7) === anchor.toString().slice(0, 7),
      // The rarer work first: a month view is read for its weekly and monthly tasks.
      entries: [...(byDay.get(date)?.values() ?? [])].sort(
        (a, b) => RARITY.indexOf(a.cadence) - RARITY.indexOf(b.cadence) || STATE_PRIORITY[a.state] - STATE_PRIORITY[b.state] || a.title.localeCompare(b.title),
      ),
  }));
  const fmt = (options: Intl.DateTimeFormatOptions, date: Temporal.PlainDate) =>
    dateFormatter("UTC", options).format(new Date(`${date.toString()}T12:00:00Z`));
  return {
    view,
    anchor: anchor.toString(),
    today,
    days,
    previous: (view === "week" ? anchor.subtract({ weeks: 1 }) : anchor.with({ day: 1 }).subtract({ months: 1 })).toString(),
    next: (view === "week" ? anchor.add({ weeks: 1 }) : anchor.with({ day: 1 }).add({ months: 1 })).toString(),
    title: view === "week" ? `Week of ${fmt({ day: "numeric", month: "long", year: "numeric" }, first)}` : fmt({ month: "long", year: "numeric" }, anchor),
    plannedUntil: addDays(today, WINDOW_DAYS_AHEAD),
    timeZone,
  };
}
