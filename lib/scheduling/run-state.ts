// The state of a run, computed in this one place from its timestamps and the current time.
//
// upcoming  — its day has not started yet (before opensAt)
// due       — its day has started and the due time has not passed (opensAt ≤ now ≤ dueAt); shown
//             as "Open" ("open, due at 10:00"): "due" alone read as overdue next to late and missed
// late      — past the due time, within the grace period (dueAt < now ≤ graceEndsAt)
// missed    — past the grace period and not completed (now > graceEndsAt)
// completed / completed late (completed after the due time) / completed with exceptions (an item
// failed, or a required item was marked not applicable) — once every required item has a result;
// a missed run completed later is completed late
// skipped   — a manager skipped it, with a reason
// suppressed — it falls inside a maintenance window; never counted as missed
//
// How runs in these states are counted and worded on Today, the dashboard, the calendar and
// history: lib/runs/run-summary.ts.

export const RUN_STATES = [
  "UPCOMING",
  "DUE",
  "LATE",
  "MISSED",
  "COMPLETED",
  "COMPLETED_LATE",
  "COMPLETED_WITH_EXCEPTIONS",
  "SKIPPED",
  "SUPPRESSED",
] as const;
export type RunState = (typeof RUN_STATES)[number];

export const RUN_STATE_LABELS: Record<RunState, string> = {
  UPCOMING: "Upcoming",
  DUE: "Open",
  LATE: "Late",
  MISSED: "Missed",
  COMPLETED: "Completed",
  COMPLETED_LATE: "Completed late",
  COMPLETED_WITH_EXCEPTIONS: "Completed with exceptions",
  SKIPPED: "Skipped",
  SUPPRESSED: "Suppressed (maintenance)",
};

export interface RunTimes {
  opensAt: Date;
  dueAt: Date;
  graceEndsAt: Date;
  completedAt: Date | null;
  hasExceptions: boolean;
  skippedAt: Date | null;
  suppressed: boolean;
}

export function runState(run: RunTimes, now: Date): RunState {
  if (run.suppressed) return "SUPPRESSED";
  if (run.skippedAt) return "SKIPPED";
  if (run.completedAt) {
    if (run.hasExceptions) return "COMPLETED_WITH_EXCEPTIONS";
    return run.completedAt.getTime() > run.dueAt.getTime() ? "COMPLETED_LATE" : "COMPLETED";
  }
  const t = now.getTime();
  if (t < run.opensAt.getTime()) return "UPCOMING";
  if (t <= run.dueAt.getTime()) return "DUE";
  if (t <= run.graceEndsAt.getTime()) return "LATE";
  return "MISSED";
}

/** Whether results may be recorded: not skipped or suppressed, and its day has started. */
export function acceptsResults(run: RunTimes, now: Date): boolean {
  const state = runState(run, now);
  return state !== "SKIPPED" && state !== "SUPPRESSED" && state !== "UPCOMING";
}

/** Sort order for work lists: what needs attention first. */
export const STATE_PRIORITY: Record<RunState, number> = {
  MISSED: 0,
  LATE: 1,
  DUE: 2,
  UPCOMING: 3,
  COMPLETED_WITH_EXCEPTIONS: 4,
  COMPLETED_LATE: 5,
  COMPLETED: 6,
  SKIPPED: 7,
  SUPPRESSED: 8,
};

/** The columns runState() needs, for Prisma selects. */
export const RUN_TIMES_SELECT = {
  opensAt: true,
  dueAt: true,
  graceEndsAt: true,
  completedAt: true,
  hasExceptions: true,
  skippedAt: true,
  suppressed: true,
} as const;

/** The columns runState() needs as raw SQL returns them: instants as ISO text, flags as numbers. */
export interface RawRunTimes {
  opensAt: string;
  dueAt: string;
  graceEndsAt: string;
  completedAt: string | null;
  hasExceptions: number | bigint | boolean;
  skippedAt: string | null;
  suppressed: number | bigint | boolean;
}

/** RunTimes from a raw SQL row (lib/sql RUN_COLUMNS). */
export function runTimesFromRaw(r: RawRunTimes): RunTimes {
  return {
    opensAt: new Date(r.opensAt),
    dueAt: new Date(r.dueAt),
    graceEndsAt: new Date(r.graceEndsAt),
    completedAt: r.completedAt === null ? null : new Date(r.completedAt),
    hasExceptions: Boolean(r.hasExceptions),
    skippedAt: r.skippedAt === null ? null : new Date(r.skippedAt),
    suppressed: Boolean(r.suppressed),
  };
}
