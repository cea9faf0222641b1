// Recurrence of schedules: pure functions, no I/O.
//
// A schedule's rule is an RFC 5545 RRULE evaluated on calendar dates: operations tasks recur on
// days, and the time of day is the schedule's due time. Dates are computed first, in a floating
// calendar (time-zone free, so no occurrence can fall into a DST gap or be doubled by a DST
// overlap), then each date gets its due instant in the schedule's time zone. A due time that does
// not exist on a DST-change day (02:30 when clocks jump from 02:00 to 03:00) moves forward by the
// gap (03:30); one that exists twice (01:30 when clocks fall back) takes the first.
import { RRuleTemporal } from "rrule-temporal";
import { addDays, isoWeekday, type LocalDate } from "@/lib/time/dates";

export const HOLIDAY_POLICIES = ["NONE", "SKIP", "PREVIOUS_BUSINESS_DAY"] as const;
export type HolidayPolicy = (typeof HOLIDAY_POLICIES)[number];

export interface WorkCalendar {
  /** ISO weekday numbers (1 = Monday … 7 = Sunday) the organisation works. */
  businessDays: readonly number[];
  /** Local dates that are holidays. */
  holidays: ReadonlySet<LocalDate>;
}

export const WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];
export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

const ALLOWED_FREQ = new Set(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"]);
const ALLOWED_PARTS = new Set(["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST", "COUNT", "UNTIL"]);

export class RuleError extends Error {}

/** Parses an RRULE value into its parts, refusing anything that is not a date-level rule. */
export function parseRRule(rrule: string): Map<string, string> {
  const text = rrule.trim().replace(/^RRULE:/i, "");
  if (text.length === 0 || text.length > 300) throw new RuleError("The recurrence rule is empty or too long.");
  const parts = new Map<string, string>();
  for (const part of text.split(";")) {
    const [key, value, extra] = part.split("=");
    if (!key || value === undefined || extra !== undefined || value === "") throw new RuleError(`"${part}" is not a rule part.`);
    const name = key.toUpperCase();
    if (!ALLOWED_PARTS.has(name)) {
      throw new RuleError(`${name} is not supported: schedules recur on whole days (no hours, minutes or seconds).`);
    }
    if (parts.has(name)) throw new RuleError(`${name} appears twice.`);
    parts.set(name, value.toUpperCase());
  }
  const freq = parts.get("FREQ");
  if (!freq) throw new RuleError("The rule needs a FREQ.");
  if (!ALLOWED_FREQ.has(freq)) throw new RuleError(`FREQ=${freq} is not supported: use DAILY, WEEKLY, MONTHLY or YEARLY.`);
  const interval = parts.get("INTERVAL");
  if (interval !== undefined && (!/^\d{1,3}$/.test(interval) || Number(interval) < 1 || Number(interval) > 520)) {
    throw new RuleError("INTERVAL must be a whole number from 1 to 520.");
  }
  return parts;
}

function toCompact(date: LocalDate): string {
  return date.replaceAll("-", "");
}

export function isBusinessDay(date: LocalDate, calendar: WorkCalendar): boolean {
  return calendar.businessDays.includes(isoWeekday(date)) && !calendar.holidays.has(date);
}

/** The dates the bare rule produces in [from, to], before holidays are applied. */
function ruleDates(rrule: string, anchor: LocalDate, from: LocalDate, to: LocalDate): LocalDate[] {
  parseRRule(rrule);
  const rule = new RRuleTemporal({
    rruleString: `DTSTART;TZID=UTC:${toCompact(anchor)}T120000\nRRULE:${rrule.trim().replace(/^RRULE:/i, "")}`,
    maxIterations: 100_000,
  });
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T23:59:59Z`);
  return rule.between(start, end, true).map((d) => d.toPlainDate().toString());
}

/**
 * The local dates a schedule falls on within [from, to] (inclusive), in order, each once.
 * SKIP drops holidays; PREVIOUS_BUSINESS_DAY moves a date that is not a business day back to the
 * nearest business day before it (as "last business day of the month" needs when that day is a
 * holiday).
 */
export function occurrenceDates(
  rrule: string,
  anchor: LocalDate,
  from: LocalDate,
  to: LocalDate,
  calendar: WorkCalendar,
  policy: HolidayPolicy,
): LocalDate[] {
  if (from > to) return [];
  if (policy === "NONE") return ruleDates(rrule, anchor, from, to).filter((d) => d >= anchor);
  if (policy === "SKIP") return ruleDates(rrule, anchor, from, to).filter((d) => d >= anchor && !calendar.holidays.has(d));
  if (calendar.businessDays.length === 0) throw new RuleError("The organisation has no business days.");
  // A date after `to` can move back into the window: look a little further ahead.
  const raw = ruleDates(rrule, anchor, from, addDays(to, 40));
  const out: LocalDate[] = [];
  for (const date of raw) {
    let moved = date;
    for (let i = 0; i < 60 && !isBusinessDay(moved, calendar); i++) moved = addDays(moved, -1);
    if (!isBusinessDay(moved, calendar)) continue;
    if (moved < from || moved > to || moved < anchor) continue;
    if (out.at(-1) !== moved) out.push(moved);
  }
  return out;
}

/** The next `count` occurrence dates on or after `from`, looking at most `horizonDays` ahead. */
export function nextOccurrences(
  rrule: string,
  anchor: LocalDate,
  from: LocalDate,
  count: number,
  calendar: WorkCalendar,
  policy: HolidayPolicy,
  horizonDays = 3 * 366,
): LocalDate[] {
  const out: LocalDate[] = [];
  let start = from;
  // Walk in slices so a frequent rule does not compute years of dates.
  for (let covered = 0; covered < horizonDays && out.length < count; covered += 120) {
    const end = addDays(start, 119);
    out.push(...occurrenceDates(rrule, anchor, start, end, calendar, policy));
    start = addDays(end, 1);
  }
  return out.slice(0, count);
}

/** Refuses rules that can never produce a run (within three years). */
export function assertProducesOccurrences(rrule: string, anchor: LocalDate, calendar: WorkCalendar, policy: HolidayPolicy): void {
  if (nextOccurrences(rrule, anchor, anchor, 1, calendar, policy).length === 0) {
    throw new RuleError("This rule produces no occurrence in the next three years.");
  }
}
