// Report figures for a period. Every count comes from a GROUP BY in the database (lib/sql); this
// module only names the groups and folds daily rows into the trend's periods.
import "server-only";
import { db } from "@/lib/db";
import { CADENCES, CADENCE_LABELS, type Cadence } from "@/lib/procedures/vocabulary";
import { REPORT_EXCEPTION_COUNT_SQL, REPORT_EXCEPTIONS_SQL, reportAggregateSql, type ReportGrouping } from "@/lib/sql";
import { RUN_TIMES_SELECT, runState } from "@/lib/scheduling/run-state";
import { runStateWhere } from "@/lib/runs/state-filter";
import { emptyFigures, addFigures, type Figures } from "./figures";
import { resolveReportPeriod, trendPeriods, type Period } from "./periods";
import { addDays, datesBetween, localDateOf } from "@/lib/time/dates";
import { MAX_GRACE_MINUTES } from "@/lib/scheduling/schemas";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { nextTurn } from "@/lib/turns";
import { recordedValue } from "@/lib/format/values";

type Row = Record<keyof Figures, bigint | number | null> & { key: string | null };

function toFigures(row: Row): Figures {
  const f = emptyFigures();
  for (const k of Object.keys(f) as (keyof Figures)[]) f[k] = Number(row[k] ?? 0);
  return f;
}

/**
 * Days per aggregate query. The SQLite driver answers synchronously, so one GROUP BY over a year
 * of runs held every other request for most of a second; a year is now asked for in slices of
 * this many days, with a turn of the event loop before each, and the counts (all additive, each
 * run belonging to one local date) are summed.
 */
export const AGGREGATE_SLICE_DAYS = 16;

/**
 * The date slices of [from, to], each at most AGGREGATE_SLICE_DAYS long, oldest first, with a turn
 * of the event loop before each is handed out: a query over one slice holds the loop for a bounded
 * time however long the range.
 */
async function* dateSlices(from: string, to: string): AsyncGenerator<{ from: string; to: string }> {
  for (let start = from; start <= to; start = addDays(start, AGGREGATE_SLICE_DAYS)) {
    const end = addDays(start, AGGREGATE_SLICE_DAYS - 1);
    await nextTurn();
    yield { from: start, to: end < to ? end : to };
  }
}

async function queryAggregate(grouping: ReportGrouping, from: string, to: string, now: Date): Promise<Map<string, Figures>> {
  const totals = new Map<string, Figures>();
  const sql = reportAggregateSql(grouping);
  for await (const slice of dateSlices(from, to)) {
    const rows = await db.$queryRawUnsafe<Row[]>(sql, now.toISOString(), slice.from, slice.to);
    for (const row of rows) {
      const key = row.key ?? "";
      const figures = toFigures(row);
      const sum = totals.get(key);
      totals.set(key, sum ? addFigures(sum, figures) : figures);
    }
  }
  return totals;
}

// Settled days (decision 014). A run's state depends on the clock only until its grace period
// ends: at most the longest grace period plus a day and the widest time-zone offset after its
// local date. Figures of days older than that change only through a write, and every write adds an
// audit event in the same transaction, so they are kept per process while the newest audit event
// stays the same. Over three years of history this turns the report's twelve-period trend from
// ~100 ms of SQL per request into a lookup.
export const SETTLE_DAYS = Math.ceil(MAX_GRACE_MINUTES / 1440) + 3;
const SETTLED_ENTRIES = 200;
const settled = new Map<string, Map<string, Figures>>();
let settledHead: number | null = null;

/** The first local date whose runs may still change state with time alone. */
export function settledBoundary(now: Date): string {
  return addDays(now.toISOString().slice(0, 10), -SETTLE_DAYS);
}

async function settledAggregate(grouping: ReportGrouping, from: string, to: string, now: Date): Promise<Map<string, Figures>> {
  // The head is read before the figures: a write landing in between leaves a newer head behind,
  // which empties the cache on the next request instead of keeping figures that miss the write.
  // (findFirst by descending seq reads one index entry; aggregate() would scan every event.)
  const head = (await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }))?.seq ?? 0;
  if (head !== settledHead) {
    settled.clear();
    settledHead = head;
  }
  const key = `${grouping}|${from}|${to}`;
  let figures = settled.get(key);
  if (!figures) {
    figures = await queryAggregate(grouping, from, to, now);
    if (settledHead === head) {
      if (settled.size >= SETTLED_ENTRIES) settled.delete(settled.keys().next().value!);
      settled.set(key, figures);
    }
  }
  return new Map(figures);
}

/** Run counts for [from, to] grouped by one column, as a map from the group's key ("" for none). */
export async function aggregateRuns(grouping: ReportGrouping, from: string, to: string, now: Date): Promise<Map<string, Figures>> {
  const boundary = settledBoundary(now);
  if (to < boundary) return settledAggregate(grouping, from, to, now);
  if (grouping === "day" && from < boundary) {
    const [old, recent] = await Promise.all([settledAggregate("day", from, addDays(boundary, -1), now), queryAggregate("day", boundary, to, now)]);
    for (const [day, figures] of recent) old.set(day, figures);
    return old;
  }
  return queryAggregate(grouping, from, to, now);
}

export interface BreakdownRow extends Figures {
  key: string;
  label: string;
  href?: string;
}

/** What made an item an exception: a failure, or a required item marked not applicable. */
export type ExceptionKind = "FAILURE" | "NOT_APPLICABLE";

export interface ExceptionRow {
  id: string;
  kind: ExceptionKind;
  runId: string;
  localDate: string;
  cadence: Cadence;
  procedure: string;
  server: string | null;
  item: string;
  unit: string | null;
  /** The value as every page shows it (lib/format/values.ts); the CSV writes the parts. */
  value: string;
  valueNumber: number | null;
  valueText: string | null;
  failureReason: string | null;
  /** The operator's note; for an N/A exception, the reason they gave. */
  note: string;
  revision: number;
  recordedBy: string;
  recordedAt: Date;
}

type RawException = Omit<ExceptionRow, "kind" | "value" | "recordedAt" | "revision" | "cadence"> & {
  outcome: string;
  cadence: string;
  revision: bigint | number;
  recordedAt: Date | string;
};

function toException(r: RawException): ExceptionRow {
  return {
    id: r.id,
    kind: r.outcome === "FAIL" ? "FAILURE" : "NOT_APPLICABLE",
    runId: r.runId,
    localDate: r.localDate,
    cadence: r.cadence as Cadence,
    procedure: r.procedure,
    server: r.server,
    item: r.item,
    unit: r.unit,
    value: recordedValue(r, r.unit),
    valueNumber: r.valueNumber,
    valueText: r.valueText,
    failureReason: r.failureReason,
    note: r.note,
    revision: Number(r.revision),
    recordedBy: r.recordedBy,
    recordedAt: new Date(r.recordedAt),
  };
}

/**
 * One page of exceptions (failed items and required items marked N/A), newest run date first. Asked for slice by slice from the newest date
 * back, so that a range with few failures is not scanned in one synchronous query.
 */
export async function listExceptions(from: string, to: string, limit: number, after?: { localDate: string; id: string }): Promise<ExceptionRow[]> {
  const rows: ExceptionRow[] = [];
  const newest = after && after.localDate < to ? after.localDate : to;
  for (let end = newest; end >= from && rows.length < limit; end = addDays(end, -AGGREGATE_SLICE_DAYS)) {
    const startCandidate = addDays(end, -(AGGREGATE_SLICE_DAYS - 1));
    const start = startCandidate > from ? startCandidate : from;
    await nextTurn();
    const afterDate = after && end === after.localDate ? after.localDate : `${end}~`;
    const afterId = after && end === after.localDate ? after.id : "";
    const page = await db.$queryRawUnsafe<RawException[]>(REPORT_EXCEPTIONS_SQL, start, end, afterDate, afterDate, afterId, limit - rows.length);
    for (const r of page) rows.push(toException(r));
  }
  return rows;
}

/** Every exception of the range, page by page, for exports that must not hold the range in memory. */
export async function* streamExceptions(from: string, to: string, pageSize = 500): AsyncGenerator<ExceptionRow[]> {
  let after: { localDate: string; id: string } | undefined;
  for (;;) {
    const page = await listExceptions(from, to, pageSize, after);
    if (page.length === 0) return;
    yield page;
    if (page.length < pageSize) return;
    const last = page.at(-1)!;
    after = { localDate: last.localDate, id: last.id };
  }
}

/** Exception items of a range: failed items and required items marked N/A, by current result. */
export interface ExceptionCounts {
  failed: number;
  notApplicable: number;
}

/** How many items of runs in [from, to] are exceptions, of each kind, counted slice by slice. */
export async function countExceptions(from: string, to: string): Promise<ExceptionCounts> {
  const counts: ExceptionCounts = { failed: 0, notApplicable: 0 };
  for await (const slice of dateSlices(from, to)) {
    const rows = await db.$queryRawUnsafe<{ failed: bigint | number | null; notApplicable: bigint | number | null }[]>(REPORT_EXCEPTION_COUNT_SQL, slice.from, slice.to);
    counts.failed += Number(rows[0]?.failed ?? 0);
    counts.notApplicable += Number(rows[0]?.notApplicable ?? 0);
  }
  return counts;
}

async function labelled(grouping: Exclude<ReportGrouping, "day">, figures: Map<string, Figures>): Promise<BreakdownRow[]> {
  const keys = [...figures.keys()].filter((k) => k !== "");
  let labels = new Map<string, string>();
  if (grouping === "procedure") {
    const procedures = await db.procedure.findMany({
      where: { id: { in: keys } },
      select: { id: true, slug: true, seedCode: true, currentVersion: { select: { title: true } } },
    });
    labels = new Map(procedures.map((p) => [p.id, `${p.seedCode ? `${p.seedCode} ` : ""}${p.currentVersion?.title ?? p.slug}`]));
  } else if (grouping === "server") {
    const servers = await db.server.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } });
    labels = new Map(servers.map((s) => [s.id, s.name]));
  } else if (grouping === "operator") {
    const users = await db.user.findMany({ where: { id: { in: keys } }, select: { id: true, name: true } });
    labels = new Map(users.map((u) => [u.id, u.name]));
  } else {
    labels = new Map(CADENCES.map((c) => [c, CADENCE_LABELS[c]]));
  }
  const rows: BreakdownRow[] = [];
  for (const [key, f] of figures) {
    if (grouping === "operator" && (key === "" || f.completed === 0)) continue;
    if (f.expected + f.skipped + f.suppressed === 0) continue;
    const label = key === "" ? "Organisation-wide" : (labels.get(key) ?? key);
    rows.push({ ...f, key, label });
  }
  if (grouping === "cadence") return rows.sort((a, b) => CADENCES.indexOf(a.key as Cadence) - CADENCES.indexOf(b.key as Cadence));
  return rows.sort((a, b) => (a.key === "" ? -1 : b.key === "" ? 1 : a.label.localeCompare(b.label, undefined, { numeric: true })));
}

export interface DayFigures extends Figures {
  date: string;
}

export interface TrendPoint extends Figures {
  period: Period;
}

export const EXCEPTIONS_SHOWN = 50;

/** The period's figures: per day, in total and broken down by procedure, server, cadence and operator. */
export async function getReportFigures(period: Period, now = new Date()) {
  const [daily, byProcedure, byServer, byCadence, byOperator] = await Promise.all([
    aggregateRuns("day", period.from, period.to, now),
    aggregateRuns("procedure", period.from, period.to, now),
    aggregateRuns("server", period.from, period.to, now),
    aggregateRuns("cadence", period.from, period.to, now),
    aggregateRuns("operator", period.from, period.to, now),
  ]);
  const days: DayFigures[] = datesBetween(period.from, period.to).map((date) => ({ date, ...(daily.get(date) ?? emptyFigures()) }));
  return {
    period,
    totals: days.reduce<Figures>((sum, d) => addFigures(sum, d), emptyFigures()),
    days,
    byCadence: await labelled("cadence", byCadence),
    byProcedure: await labelled("procedure", byProcedure),
    byServer: await labelled("server", byServer),
    byOperator: await labelled("operator", byOperator),
  };
}

/** Figures of each of the twelve trend periods ending with this one (one daily GROUP BY, folded). */
export async function getTrend(period: Period, now = new Date()): Promise<TrendPoint[]> {
  const trend = trendPeriods(period);
  const daily = await aggregateRuns("day", trend[0]!.from, trend.at(-1)!.to, now);
  return trend.map((p) => {
    let sum = emptyFigures();
    for (const [date, f] of daily) if (date >= p.from && date <= p.to) sum = addFigures(sum, f);
    return { period: p, ...sum };
  });
}

/** Everything the report page shows for one period. */
export async function getReport(period: Period, now = new Date()) {
  const [figures, trend, exceptionCounts, exceptions] = await Promise.all([
    getReportFigures(period, now),
    getTrend(period, now),
    countExceptions(period.from, period.to),
    listExceptions(period.from, period.to, EXCEPTIONS_SHOWN),
  ]);
  return { ...figures, trend, exceptionCounts, exceptionCount: exceptionCounts.failed + exceptionCounts.notApplicable, exceptions };
}

export type Report = Awaited<ReturnType<typeof getReport>>;

/** Missed runs of the period, for the printed review (at most `limit`). */
export async function listMissedRuns(period: Period, limit: number, now = new Date()) {
  const where = { AND: [{ localDate: { gte: period.from, lte: period.to } }, runStateWhere("MISSED", now)] };
  const [count, runs] = await Promise.all([
    db.run.count({ where }),
    db.run.findMany({
      where,
      orderBy: [{ dueAt: "desc" }, { id: "desc" }],
      take: limit,
      select: {
        id: true,
        localDate: true,
        cadence: true,
        assigneeRole: true,
        ...RUN_TIMES_SELECT,
        version: { select: { title: true } },
        server: { select: { name: true } },
        assigneeUser: { select: { name: true } },
      },
    }),
  ]);
  return { count, runs: runs.map((r) => ({ ...r, state: runState(r, now) })) };
}

/** The period a page's query string asks for (or the current month, with the reasons why not). */
export async function reportPeriodFromParams(params: Record<string, string | string[] | undefined>, now = new Date()) {
  const settings = await getOrganisationSettings();
  const today = localDateOf(now, settings.timeZone);
  return { ...resolveReportPeriod(params, today), today, settings };
}
