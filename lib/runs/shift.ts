// Shifts: pure arithmetic over the organisation's shift start times (local "HH:MM" in its time
// zone). A shift runs from one start to the next; the last start of the day runs past midnight to
// the first start of the next day. On a daylight-saving change day a start is placed as
// lib/time/dates localInstant places any local time (a time in the gap moves forward by the gap, a
// repeated time takes its first occurrence), so a night shift is an hour shorter or longer.
import { addDays, localDateOf, localInstant, type LocalDate } from "@/lib/time/dates";
import { STATE_PRIORITY, type RunState } from "@/lib/scheduling/run-state";

export const DEFAULT_SHIFT_STARTS: readonly string[] = Object.freeze(["07:00", "15:00", "23:00"]);
export const MAX_SHIFTS = 6;
/** "HH:MM", 00:00 to 23:59. */
export const SHIFT_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "7:00" or " 07:00 " as "07:00"; anything that is not a time of day as null. */
export function normaliseShiftTime(text: string): string | null {
  const match = /^\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!match) return null;
  const time = `${match[1]!.padStart(2, "0")}:${match[2]}`;
  return SHIFT_TIME.test(time) ? time : null;
}

/** Why a list of shift starts cannot be used, as a sentence, or null when it can. */
export function shiftStartsProblem(times: readonly string[]): string | null {
  if (times.length === 0) return "Enter at least one shift start time.";
  if (times.length > MAX_SHIFTS) return `Enter at most ${MAX_SHIFTS} shift start times.`;
  const bad = times.find((t) => normaliseShiftTime(t) === null);
  if (bad !== undefined) return `"${bad.slice(0, 20)}" is not a time of day. Write times as HH:MM, e.g. 07:00.`;
  const normal = times.map((t) => normaliseShiftTime(t)!);
  const twice = normal.find((t, i) => normal.indexOf(t) !== i);
  if (twice !== undefined) return `${twice} is given twice. Each shift starts at a different time.`;
  return null;
}

/** Valid shift starts, normalised and in the order of the day. */
export function sortShiftStarts(times: readonly string[]): string[] {
  return times.map((t) => normaliseShiftTime(t)!).sort();
}

/** The stored JSON array read as sorted "HH:MM" times; the default when it is not a usable list. */
export function parseShiftStarts(text: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [...DEFAULT_SHIFT_STARTS];
  }
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === "string") || shiftStartsProblem(value) !== null) return [...DEFAULT_SHIFT_STARTS];
  return sortShiftStarts(value);
}

export function serialiseShiftStarts(times: readonly string[]): string {
  return JSON.stringify(sortShiftStarts(times));
}

export interface Shift {
  /** The instant the shift starts (inclusive). */
  start: Date;
  /** The instant the next shift starts (exclusive). */
  end: Date;
  /** Local start and end times as configured, e.g. "23:00" and "07:00". */
  startTime: string;
  endTime: string;
  /** The local date the shift starts on. */
  startDate: LocalDate;
}

/** The shift `now` falls in, for sorted `starts` (from parseShiftStarts) in `timeZone`. */
export function currentShift(now: Date, timeZone: string, starts: readonly string[]): Shift {
  const times = starts.length > 0 ? starts : DEFAULT_SHIFT_STARTS;
  const today = localDateOf(now, timeZone);
  // Every start from the day before to the day after, as instants, in order. Two local times that
  // land on the same instant (both inside a skipped hour) make one start, never an empty shift.
  const candidates: { at: Date; time: string; date: LocalDate }[] = [];
  for (const date of [addDays(today, -1), today, addDays(today, 1)]) {
    for (const time of times) {
      const at = localInstant(date, time, timeZone);
      if (!candidates.some((c) => c.at.getTime() === at.getTime())) candidates.push({ at, time, date });
    }
  }
  candidates.sort((a, b) => a.at.getTime() - b.at.getTime());
  let i = candidates.length - 1;
  while (i > 0 && candidates[i]!.at.getTime() > now.getTime()) i--;
  const start = candidates[i]!;
  const end = candidates[i + 1]!;
  return { start: start.at, end: end.at, startTime: start.time, endTime: end.time, startDate: start.date };
}

/** How long a shift lasts, in minutes (480 for 07:00-15:00; 420 or 540 across a clock change). */
export function shiftMinutes(shift: Pick<Shift, "start" | "end">): number {
  return Math.round((shift.end.getTime() - shift.start.getTime()) / 60_000);
}

/** A run as the shift list needs it. */
export interface ShiftRunCandidate {
  id: string;
  title: string;
  serverName: string | null;
  opensAt: Date;
  dueAt: Date;
  graceEndsAt: Date;
  state: RunState;
}

/**
 * Whether an open run (not completed, skipped or suppressed) belongs to the shift at `now`: it has
 * opened, and either it is due in the shift, or it went late or missed during the shift (due before
 * the shift, its grace period running or ended since the shift started). Runs missed in an earlier
 * shift stay on Today's list, not on this one.
 */
export function belongsToShift(run: Pick<ShiftRunCandidate, "opensAt" | "dueAt" | "graceEndsAt">, shift: Pick<Shift, "start" | "end">, now: Date): boolean {
  if (run.opensAt.getTime() > now.getTime()) return false;
  const due = run.dueAt.getTime();
  if (due >= shift.end.getTime()) return false;
  return due >= shift.start.getTime() || run.graceEndsAt.getTime() >= shift.start.getTime();
}

/** Today's order: what needs attention first, then by due time, title and server. */
export function compareShiftRuns(a: ShiftRunCandidate, b: ShiftRunCandidate): number {
  return (
    STATE_PRIORITY[a.state] - STATE_PRIORITY[b.state] ||
    a.dueAt.getTime() - b.dueAt.getTime() ||
    a.title.localeCompare(b.title) ||
    (a.serverName ?? "").localeCompare(b.serverName ?? "")
  );
}

/** The runs of the shift in Today's order, the run being viewed left out. */
export function shiftQueue<T extends ShiftRunCandidate>(runs: readonly T[], shift: Pick<Shift, "start" | "end">, now: Date, currentRunId: string | null = null): T[] {
  return runs.filter((r) => r.id !== currentRunId && belongsToShift(r, shift, now)).sort(compareShiftRuns);
}

/** "07:00–15:00" (with the end's date when it is another day: "23:00–07:00 (next day)"). */
export function describeShift(shift: Pick<Shift, "startTime" | "endTime" | "start" | "end">, timeZone: string): string {
  const nextDay = localDateOf(shift.start, timeZone) !== localDateOf(shift.end, timeZone);
  return `${shift.startTime}–${shift.endTime}${nextDay ? " (next day)" : ""}`;
}

/**
 * The local dates worth reading for a shift's runs (runs are found by their indexed local date):
 * from a week before the shift starts (a late run's grace period) to the day after it ends (a
 * schedule in another zone than the organisation's may date its runs a day apart).
 */
export function shiftLocalDateRange(shift: Pick<Shift, "start" | "end">, timeZone: string): { from: LocalDate; to: LocalDate } {
  return { from: addDays(localDateOf(shift.start, timeZone), -8), to: addDays(localDateOf(shift.end, timeZone), 1) };
}
