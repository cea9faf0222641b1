import "server-only";
import { Temporal } from "@js-temporal/polyfill";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session";
import { parseStringArray } from "@/lib/json";
import type { Cadence } from "@/lib/procedures/vocabulary";
import { ensureRunsGenerated } from "@/lib/scheduling/generation";
import { runState, runTimesFromRaw, STATE_PRIORITY, type RawRunTimes, type RunState } from "@/lib/scheduling/run-state";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { TODAY_RUNS_SQL } from "@/lib/sql";
import { addDays, localDateOf } from "@/lib/time/dates";
import { duePhrase, formatShortDay, summarizeRuns, type RunSummary } from "./run-summary";
import { matchesTodayFilter, ORGANISATION_WIDE, type TodayFilter } from "./today-filter";

export interface TodayRun {
  id: string;
  title: string;
  slug: string;
  cadence: Cadence;
  localDate: string;
  serverName: string | null;
  dueAt: Date;
  graceEndsAt: Date;
  state: RunState;
  /** "open, due at 10:00", "missed, due Tue 8 Dec" … (run-summary.ts duePhrase). */
  due: string;
  requiredTotal: number;
  requiredDone: number;
  hasExceptions: boolean;
  failedItems: number;
  naItems: number;
  completedByName: string | null;
  assignee: string;
  assigneeUserId: string | null;
  assigneeRole: string | null;
  /**
   * The server's Exchange roles, or for a run with no server the roles its procedure is about;
   * read only when the filter names a role (empty otherwise).
   */
  roles: string[];
  /** The named assignee, when someone else completed the run for them (decision 025). */
  coveredFor: string | null;
}

export interface TodayOption {
  value: string;
  label: string;
}

export interface TodayView {
  timeZone: string;
  today: string;
  weekStart: string;
  weekEnd: string;
  monthStart: string;
  monthEnd: string;
  /** The filter applied: the one asked for, less any value that matched nothing on the list. */
  filter: TodayFilter;
  /** Why a value of the filter was dropped. */
  notices: string[];
  /** Runs on today's list before any filter. */
  listed: number;
  /** Counts of the runs the filter shows. */
  summary: RunSummary;
  attention: TodayRun[];
  daily: TodayRun[];
  weekly: TodayRun[];
  monthly: TodayRun[];
  /** Choices for the filters, from the runs on today's list. */
  options: { servers: TodayOption[]; people: TodayOption[]; myRole: string };
}

/** A row of TODAY_RUNS_SQL (counts as numbers). */
interface TodayRow extends RawRunTimes {
  id: string;
  cadence: string;
  localDate: string;
  assigneeRole: string | null;
  assigneeUserId: string | null;
  failedItems: number | bigint;
  naItems: number | bigint;
  title: string;
  slug: string;
  serverName: string | null;
  assigneeName: string | null;
  completedByName: string | null;
  roles: string | null;
  requiredTotal: number | bigint;
  requiredDone: number | bigint;
}

/** "Operators" for the role OPERATOR: how a run assigned to a role and nobody in particular reads. */
export function roleTeam(role: string): string {
  return `${role[0]}${role.slice(1).toLowerCase()}s`;
}

/**
 * The operator's work list: today's daily (and scheduled as-needed) runs, this week's weekly, this
 * month's monthly, and anything late or missed, narrowed by the filter. `query` is a filter, or
 * the older "mine" / "all". One statement reads everyone's list; the filter, the summary and the
 * filters' choices all come from those rows.
 */
export async function getToday(user: CurrentUser, query: "mine" | "all" | TodayFilter = "mine", now = new Date()): Promise<TodayView> {
  await ensureRunsGenerated(db, now);
  const settings = await getOrganisationSettings();
  const tz = settings.timeZone;
  const today = localDateOf(now, tz);
  const date = Temporal.PlainDate.from(today);
  const weekStart = date.subtract({ days: date.dayOfWeek - 1 }).toString();
  const weekEnd = addDays(weekStart, 6);
  const monthStart = date.with({ day: 1 }).toString();
  const monthEnd = date.with({ day: date.daysInMonth }).toString();
  const backlogFrom = addDays(today, -7);
  const todayLabel = formatShortDay(now, tz);

  const base: TodayFilter = query === "mine" || query === "all" ? { assignee: query } : query;
  // A run's Exchange roles are read only when the filter names one (lib/sql TODAY_RUNS_SQL).
  const withRoles = base.role === undefined ? 0 : 1;
  const raw = await db.$queryRawUnsafe<TodayRow[]>(TODAY_RUNS_SQL, withRoles, today, weekStart, weekEnd, monthStart, monthEnd, backlogFrom, today, now.toISOString());
  const rows: TodayRun[] = raw.map((r) => {
    const times = runTimesFromRaw(r);
    const state = runState(times, now);
    return {
      id: r.id,
      title: r.title,
      slug: r.slug,
      cadence: r.cadence as Cadence,
      localDate: r.localDate,
      serverName: r.serverName,
      dueAt: times.dueAt,
      graceEndsAt: times.graceEndsAt,
      state,
      due: duePhrase(state, times.dueAt, todayLabel, tz),
      requiredTotal: Number(r.requiredTotal),
      requiredDone: Number(r.requiredDone),
      hasExceptions: times.hasExceptions,
      failedItems: Number(r.failedItems),
      naItems: Number(r.naItems),
      completedByName: r.completedByName,
      assignee: r.assigneeName ?? (r.assigneeRole ? roleTeam(r.assigneeRole) : "Anyone"),
      assigneeUserId: r.assigneeUserId,
      assigneeRole: r.assigneeRole,
      roles: parseStringArray(r.roles ?? "[]"),
      coveredFor: r.completedByName && r.assigneeName && r.completedByName !== r.assigneeName ? r.assigneeName : null,
    };
  });

  // The filters' choices are what is on the list; a value naming nothing on it is dropped, said so.
  const servers = new Map<string, string>();
  const people = new Map<string, string>();
  for (const r of rows) {
    servers.set(r.serverName ?? ORGANISATION_WIDE, r.serverName ?? "Organisation-wide");
    if (r.assigneeUserId) people.set(r.assigneeUserId, r.assignee);
  }
  const filter: TodayFilter = { ...base };
  const notices: string[] = [];
  if (filter.server !== undefined && !servers.has(filter.server)) {
    notices.push(`No run on today's list is on server "${filter.server}": the server filter was ignored.`);
    delete filter.server;
  }
  if (typeof filter.assignee === "object" && !people.has(filter.assignee.person)) {
    notices.push("No run on today's list is assigned to that person: the assignee filter was ignored.");
    filter.assignee = "mine";
  }

  const shown = rows.filter((r) => matchesTodayFilter(r, filter, user));
  const order = (a: TodayRun, b: TodayRun) =>
    STATE_PRIORITY[a.state] - STATE_PRIORITY[b.state] ||
    a.dueAt.getTime() - b.dueAt.getTime() ||
    a.title.localeCompare(b.title) ||
    (a.serverName ?? "").localeCompare(b.serverName ?? "");
  const attention = shown.filter((r) => r.state === "LATE" || r.state === "MISSED").sort(order);
  const rest = shown.filter((r) => r.state !== "LATE" && r.state !== "MISSED");
  const byLabel = (a: TodayOption, b: TodayOption) => (a.value === ORGANISATION_WIDE ? -1 : b.value === ORGANISATION_WIDE ? 1 : a.label.localeCompare(b.label));
  return {
    timeZone: tz,
    today,
    weekStart,
    weekEnd,
    monthStart,
    monthEnd,
    filter,
    notices,
    listed: rows.length,
    summary: summarizeRuns(shown, now),
    attention,
    // An as-needed procedure that a manager scheduled is today's work on its day, like a daily one.
    daily: rest.filter((r) => r.cadence === "DAILY" || r.cadence === "AS_NEEDED").sort(order),
    weekly: rest.filter((r) => r.cadence === "WEEKLY").sort(order),
    monthly: rest.filter((r) => r.cadence === "MONTHLY").sort(order),
    options: {
      servers: [...servers].map(([value, label]) => ({ value, label })).sort(byLabel),
      people: [...people].map(([value, label]) => ({ value, label })).sort(byLabel),
      myRole: roleTeam(user.role),
    },
  };
}
