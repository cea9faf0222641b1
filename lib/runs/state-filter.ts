// The database form of runState(): a where clause selecting exactly the runs in a given state at
// a given moment. Kept beside the queries that use it and tested against runState() itself.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RunState } from "@/lib/scheduling/run-state";

/**
 * The runs completed with exceptions of one kind, as lib/runs/run-summary.ts exceptionsOf()
 * tells them: with a failure (or the flag alone, from before N/A exceptions were counted), or with
 * a required item marked N/A. A run with both is in both.
 */
export const EXCEPTION_FILTERS = ["WITH_FAILURES", "WITH_NA"] as const;
export type ExceptionFilter = (typeof EXCEPTION_FILTERS)[number];

export function exceptionWhere(kind: ExceptionFilter, now: Date): Prisma.RunWhereInput {
  const completedWithExceptions = runStateWhere("COMPLETED_WITH_EXCEPTIONS", now);
  return kind === "WITH_NA"
    ? { AND: [completedWithExceptions, { naItems: { gt: 0 } }] }
    : { AND: [completedWithExceptions, { OR: [{ failedItems: { gt: 0 } }, { naItems: 0 }] }] };
}

export function runStateWhere(state: RunState, now: Date): Prisma.RunWhereInput {
  const open = { suppressed: false, skippedAt: null, completedAt: null } satisfies Prisma.RunWhereInput;
  switch (state) {
    case "SUPPRESSED":
      return { suppressed: true };
    case "SKIPPED":
      return { suppressed: false, skippedAt: { not: null } };
    case "COMPLETED_WITH_EXCEPTIONS":
      return { suppressed: false, skippedAt: null, completedAt: { not: null }, hasExceptions: true };
    case "COMPLETED":
      return { suppressed: false, skippedAt: null, hasExceptions: false, completedAt: { not: null, lte: db.run.fields.dueAt } };
    case "COMPLETED_LATE":
      return { suppressed: false, skippedAt: null, hasExceptions: false, completedAt: { gt: db.run.fields.dueAt } };
    case "UPCOMING":
      return { ...open, opensAt: { gt: now } };
    case "DUE":
      return { ...open, opensAt: { lte: now }, dueAt: { gte: now } };
    case "LATE":
      return { ...open, dueAt: { lt: now }, graceEndsAt: { gte: now } };
    case "MISSED":
      return { ...open, graceEndsAt: { lt: now } };
  }
}
