import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session";
import { runState } from "@/lib/scheduling/run-state";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { SHIFT_RUNS_SQL } from "@/lib/sql";
import { currentShift, describeShift, shiftLocalDateRange, shiftQueue, type ShiftRunCandidate } from "./shift";

interface ShiftRunRow {
  id: string;
  title: string;
  serverName: string | null;
  opensAt: string;
  dueAt: string;
  graceEndsAt: string;
  completedAt: string | null;
  hasExceptions: number | bigint | boolean;
  skippedAt: string | null;
  suppressed: number | bigint | boolean;
}

export interface ShiftView {
  /** "07:00–15:00", in the organisation's zone. */
  label: string;
  /** This shift's open runs for the user, in Today's order, without the run being viewed. */
  runs: ShiftRunCandidate[];
}

/**
 * "This shift's runs" for a user (lib/runs/shift.ts belongsToShift), in one statement: the open
 * runs due in the current shift, or late or missed since it started, assigned to the user or to
 * the user's role, in Today's order. `exceptRunId` leaves out the run the user is looking at.
 */
export async function getShiftRuns(user: Pick<CurrentUser, "id" | "role">, exceptRunId: string | null, now = new Date()): Promise<ShiftView> {
  const settings = await getOrganisationSettings();
  const shift = currentShift(now, settings.timeZone, settings.shiftStarts);
  const { from, to } = shiftLocalDateRange(shift, settings.timeZone);
  const start = shift.start.toISOString();
  const rows = await db.$queryRawUnsafe<ShiftRunRow[]>(SHIFT_RUNS_SQL, from, to, user.id, user.role, now.toISOString(), shift.end.toISOString(), start, start);
  const candidates = rows.map((r) => {
    const times = {
      opensAt: new Date(r.opensAt),
      dueAt: new Date(r.dueAt),
      graceEndsAt: new Date(r.graceEndsAt),
      completedAt: r.completedAt === null ? null : new Date(r.completedAt),
      hasExceptions: Boolean(r.hasExceptions),
      skippedAt: r.skippedAt === null ? null : new Date(r.skippedAt),
      suppressed: Boolean(r.suppressed),
    };
    return { id: r.id, title: r.title, serverName: r.serverName, opensAt: times.opensAt, dueAt: times.dueAt, graceEndsAt: times.graceEndsAt, state: runState(times, now) };
  });
  return { label: describeShift(shift, settings.timeZone), runs: shiftQueue(candidates, shift, now, exceptRunId) };
}
