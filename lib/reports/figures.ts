// The counts a report shows for a set of runs, and the rates derived from them. These are the
// definitions every page that shows run figures uses (reports, print review, exports, dashboard).
//
// expected       — runs that had to be done by now: completed (in any way), late (past due, in
//                  grace) or missed. Upcoming and due runs are not expected yet; skipped runs were
//                  excused by a manager and suppressed runs fell in a maintenance window, so
//                  neither counts for or against anyone.
// completed      — every completed run: clean, late, or with exceptions
// onTime         — completed no later than the due time
// Each completed run is of exactly one of three kinds, so clean + withFailures + withNaOnly =
// completed:
// clean          — completed with no exception (on time or late)
// withFailures   — completed with at least one failed item (N/A exceptions beside them or not)
// withNaOnly     — completed with required items marked N/A, each with its reason, and no failure
// withExceptions — withFailures + withNaOnly: the runs "completed with exceptions"
// late / missed  — not completed, within / beyond the grace period
//
// A run with both failures and N/A exceptions counts once, under failures: the kinds add up to the
// completed runs and no run is counted twice. Its N/A items still appear, one by one, in the
// exceptions list and in the item count of N/A exceptions.
//
// THE completion rate (the one definition, reused by later work): completed ÷ expected. A run with
// exceptions, failures or N/A, is completed, but it is never clean: N/A exceptions count as
// exceptions. The on-time rate is onTime ÷ expected; the clean rate is clean ÷ expected.

export interface Figures {
  expected: number;
  completed: number;
  onTime: number;
  clean: number;
  withExceptions: number;
  withFailures: number;
  withNaOnly: number;
  late: number;
  missed: number;
  skipped: number;
  suppressed: number;
  pending: number;
}

/** The definition of the completion rate as the reports page states it. */
export const COMPLETION_RATE_DEFINITION =
  "Completion rate is completed ÷ expected. Completed runs include those completed late and those completed with exceptions; a run with a failed item or a required item marked N/A is completed, but never clean.";

export function emptyFigures(): Figures {
  return { expected: 0, completed: 0, onTime: 0, clean: 0, withExceptions: 0, withFailures: 0, withNaOnly: 0, late: 0, missed: 0, skipped: 0, suppressed: 0, pending: 0 };
}

export function addFigures(a: Figures, b: Figures): Figures {
  const sum = emptyFigures();
  for (const k of Object.keys(sum) as (keyof Figures)[]) sum[k] = a[k] + b[k];
  return sum;
}

/** A share of the expected runs, 0–1, or null when nothing was expected (no rate to speak of). */
export function rate(part: number, f: Pick<Figures, "expected">): number | null {
  return f.expected > 0 ? part / f.expected : null;
}

export function completionRate(f: Figures): number | null {
  return rate(f.completed, f);
}

export function onTimeRate(f: Figures): number | null {
  return rate(f.onTime, f);
}

/** Completed with no exception (no failure, no N/A exception) ÷ expected. */
export function cleanRate(f: Figures): number | null {
  return rate(f.clean, f);
}

/** "97.5%" with one decimal below 100, "100%", or "—" when there is no rate. */
export function formatRate(value: number | null): string {
  if (value === null) return "—";
  // Rounded down (99.96% must not read as 100%); the epsilon absorbs binary fractions like 0.29.
  const percent = Math.floor(value * 1000 + 1e-9) / 10;
  return percent === 100 ? "100%" : `${percent.toFixed(1)}%`;
}
