// How runs are counted and described wherever they are summed up: Today's summary strip and its
// rows, the dashboard's tiles, the calendar's grouped entries and history's exception columns.
// Pure: each caller computes a run's state with runState() (lib/scheduling/run-state.ts) and hands
// it here, so the four pages cannot drift apart (tests/integration/run-state-agreement.test.ts).
//
// The words, before and after a run's due time:
//   open    — its day has started and its due time has not passed: "open, due at 10:00"
//   late    — past its due time, within its grace period
//   missed  — past its grace period and not completed
//   done    — completed (on time, late or with exceptions)
//   upcoming, skipped (a manager excused it) and suppressed (a maintenance window) stand apart.
// "Due so far" means due time passed: a run completed at 09:00 that is due at 10:00 is done, but
// it is not yet one of the runs due so far.
import type { RunState } from "@/lib/scheduling/run-state";
import { dateFormatter, formatTime } from "@/lib/time/format";

export const RUN_BUCKETS = ["open", "late", "missed", "done", "upcoming", "skipped"] as const;
export type RunBucket = (typeof RUN_BUCKETS)[number];

export const RUN_BUCKET_LABELS: Record<RunBucket, string> = {
  open: "Open",
  late: "Late",
  missed: "Missed",
  done: "Done",
  upcoming: "Upcoming",
  skipped: "Skipped",
};

const BUCKET_OF: Record<RunState, RunBucket> = {
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

export function bucketOf(state: RunState): RunBucket {
  return BUCKET_OF[state];
}

/** Whether a run needs no more work: done, skipped or suppressed. */
export function isSettled(state: RunState): boolean {
  const bucket = BUCKET_OF[state];
  return bucket === "done" || bucket === "skipped";
}

export interface ExceptionCounts {
  hasExceptions: boolean;
  /** Items whose current result is a failure. */
  failedItems: number;
  /** Required items marked not applicable, each with a reason. */
  naItems: number;
}

/**
 * The kinds of exception a completed run carries. Runs completed before N/A exceptions were
 * counted apart carry the flag without counts: their exceptions were failures.
 */
export function exceptionsOf(run: ExceptionCounts): { failures: boolean; na: boolean } {
  if (!run.hasExceptions) return { failures: false, na: false };
  return { failures: run.failedItems > 0 || run.naItems === 0, na: run.naItems > 0 };
}

/**
 * Which of three kinds a completed run is, as reports count them (lib/reports/figures.ts): clean,
 * with failures (N/A exceptions beside them or not), or with N/A exceptions only. Each completed
 * run is of exactly one kind, so the three add up to the runs done.
 */
export type CompletionKind = "clean" | "withFailures" | "withNaOnly";

export function completionKind(run: ExceptionCounts): CompletionKind {
  const kinds = exceptionsOf(run);
  return kinds.failures ? "withFailures" : kinds.na ? "withNaOnly" : "clean";
}

export interface ClassifiedRun extends ExceptionCounts {
  state: RunState;
  dueAt: Date;
}

export interface RunSummary {
  total: number;
  open: number;
  late: number;
  missed: number;
  done: number;
  upcoming: number;
  /** Skipped or suppressed: excused, counted neither for nor against anyone. */
  skipped: number;
  /** Done, by kind (completionKind): clean + withFailures + withNaOnly = done. */
  clean: number;
  withFailures: number;
  withNaOnly: number;
  /** Done with exceptions of either kind: withFailures + withNaOnly. */
  exceptions: number;
  /** Runs whose due time has passed, excused ones left out. */
  dueSoFar: number;
  /** Of those, the ones done. */
  doneOfDueSoFar: number;
  /** The earliest due time still ahead among open and upcoming runs. */
  nextDueAt: Date | null;
}

export function emptySummary(): RunSummary {
  return { total: 0, open: 0, late: 0, missed: 0, done: 0, upcoming: 0, skipped: 0, clean: 0, withFailures: 0, withNaOnly: 0, exceptions: 0, dueSoFar: 0, doneOfDueSoFar: 0, nextDueAt: null };
}

/** Adds `n` runs of one state and kind to `s`; `pastDue`: their due time has passed. */
function tally(s: RunSummary, run: ExceptionCounts & { state: RunState }, pastDue: boolean, n: number): void {
  s.total += n;
  const bucket = BUCKET_OF[run.state];
  s[bucket] += n;
  if (bucket === "skipped") return;
  if (pastDue) {
    s.dueSoFar += n;
    if (bucket === "done") s.doneOfDueSoFar += n;
  }
  if (bucket === "done") {
    const kind = completionKind(run);
    s[kind] += n;
    if (kind !== "clean") s.exceptions += n;
  }
}

export function summarizeRuns(runs: Iterable<ClassifiedRun>, now: Date): RunSummary {
  const s = emptySummary();
  const t = now.getTime();
  for (const run of runs) {
    const due = run.dueAt.getTime();
    tally(s, run, due < t, 1);
    const bucket = BUCKET_OF[run.state];
    if (due >= t && (bucket === "open" || bucket === "upcoming") && (s.nextDueAt === null || due < s.nextDueAt.getTime())) {
      s.nextDueAt = run.dueAt;
    }
  }
  return s;
}

/** Runs of one state and kind of exception, counted in the database (lib/sql MOF_RUN_COUNTS_SQL). */
export interface RunStateCount extends ExceptionCounts {
  state: RunState;
  count: number;
}

/**
 * The summary of runs whose due time has passed, from counts per state and kind instead of one row
 * per run: the same buckets and kinds as summarizeRuns, so a rate over a past window (the MOF map's
 * last 30 days) means what "due so far" means on Today and the dashboard.
 */
export function summarizePastDueCounts(counts: Iterable<RunStateCount>): RunSummary {
  const s = emptySummary();
  for (const c of counts) tally(s, c, true, c.count);
  return s;
}

/** Share of the runs due so far that are done, 0–1, or null when none is due yet. */
export function dueSoFarRate(s: Pick<RunSummary, "dueSoFar" | "doneOfDueSoFar">): number | null {
  return s.dueSoFar > 0 ? s.doneOfDueSoFar / s.dueSoFar : null;
}

/** "3 of 7 done" for a group of runs (", 1 skipped" when some were excused); null for a single run. */
export function groupProgress(s: Pick<RunSummary, "total" | "done" | "skipped">): string | null {
  if (s.total < 2) return null;
  return `${s.done} of ${s.total} done${s.skipped ? `, ${s.skipped} skipped` : ""}`;
}

const SHORT_DAY = { weekday: "short", day: "numeric", month: "short" } as const;

/** "Thu 10 Dec" in the zone: a day near today, which needs no year. */
export function formatShortDay(instant: Date, timeZone: string): string {
  return dateFormatter(timeZone, SHORT_DAY).format(instant);
}

const LEAD: Partial<Record<RunState, string>> = { UPCOMING: "upcoming", DUE: "open", LATE: "late", MISSED: "missed" };

/**
 * When a run is due, as a list shows it: "open, due at 10:00" on the day it is shown, "open, due
 * Thu 10 Dec" on another day; "late, …" and "missed, …" past the due time, "upcoming, …" before
 * the run's day opens. A settled run gets only "due …": its state says the rest.
 * `todayLabel` is formatShortDay(now, timeZone), computed once per list.
 */
export function duePhrase(state: RunState, dueAt: Date, todayLabel: string, timeZone: string): string {
  const day = formatShortDay(dueAt, timeZone);
  const when = day === todayLabel ? `at ${formatTime(dueAt, timeZone)}` : day;
  const lead = LEAD[state];
  return lead ? `${lead}, due ${when}` : `due ${when}`;
}
