// The counts a report shows for a set of runs, and the rates derived from them.
//
// expected       — runs that had to be done by now: completed (in any way), late (past due, in
//                  grace) or missed. Upcoming and due runs are not expected yet; skipped runs were
//                  excused by a manager and suppressed runs fell in a maintenance window, so
//                  neither counts for or against anyone.
// completed      — completed, completed late or completed with exceptions
// onTime         — completed no later than the due time
// withExceptions — completed with at least one failed item
// late / missed  — not completed, within / beyond the grace period
// completion rate = completed / expected; on-time rate = onTime / expected.

export interface Figures {
  expected: number;
  completed: number;
  onTime: number;
  withExceptions: number;
  late: number;
  missed: number;
  skipped: number;
  suppressed: number;
  pending: number;
}

export function emptyFigures(): Figures {
  return { expected: 0, completed: 0, onTime: 0, withExceptions: 0, late: 0, missed: 0, skipped: 0, suppressed: 0, pending: 0 };
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

/** "97.5%" with one decimal below 100, "100%", or "—" when there is no rate. */
export function formatRate(value: number | null): string {
  if (value === null) return "—";
  // Rounded down (99.96% must not read as 100%); the epsilon absorbs binary fractions like 0.29.
  const percent = Math.floor(value * 1000 + 1e-9) / 10;
  return percent === 100 ? "100%" : `${percent.toFixed(1)}%`;
}
