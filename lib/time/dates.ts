// Calendar dates and instants: pure helpers shared by every area (scheduling, runs, reports,
// changes, incidents, audit). A local date is a YYYY-MM-DD calendar day with no time zone; an
// instant is a Date (UTC). Converting between them always names the time zone.
import { Temporal } from "@js-temporal/polyfill";

export type LocalDate = string; // YYYY-MM-DD

export function isLocalDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  try {
    return Temporal.PlainDate.from(value, { overflow: "reject" }).toString() === value;
  } catch {
    return false;
  }
}

/**
 * The dates the portal works with. Nothing an operations team records or plans lies outside them,
 * and keeping every date inside keeps every loop over dates short and every year four digits.
 */
export const EARLIEST_DATE: LocalDate = "2000-01-01";
export const LATEST_DATE: LocalDate = "2100-12-31";
export const DATE_RANGE_TEXT = `from ${EARLIEST_DATE} to ${LATEST_DATE}`;
/** The most dates one loop may walk: a custom report (366 days) on its weekly grid, with room. */
export const MAX_DATES_PER_LOOP = 1_000;

/** A valid YYYY-MM-DD date inside the portal's range. */
export function isDateInRange(value: string): boolean {
  return isLocalDate(value) && value >= EARLIEST_DATE && value <= LATEST_DATE;
}

/** Why `value` is not a usable date, as a sentence naming the field ("the start date"), or null. */
export function dateProblem(value: string, label: string): string | null {
  if (value.length > 10 || !isLocalDate(value)) return `Enter ${label} as YYYY-MM-DD.`;
  if (!isDateInRange(value)) return `Enter ${label} ${DATE_RANGE_TEXT}.`;
  return null;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/**
 * Every date from `from` to `to`, both included, in order. Dates are compared as dates, not as
 * text: past year 9999 Temporal writes years with a sign (+010000-01-01), which sorts before them.
 */
export function datesBetween(from: LocalDate, to: LocalDate): LocalDate[] {
  const first = Temporal.PlainDate.from(from);
  const last = Temporal.PlainDate.from(to);
  const count = Temporal.PlainDate.compare(first, last) > 0 ? 0 : first.until(last, { largestUnit: "days" }).days + 1;
  // Inputs are checked against the date range long before this; a span this long is a bug, and
  // refusing it costs one subtraction where walking it would fill the heap.
  if (count > MAX_DATES_PER_LOOP) throw new RangeError(`datesBetween: ${count} dates from ${from} to ${to} is more than ${MAX_DATES_PER_LOOP}`);
  const dates: LocalDate[] = [];
  for (let i = 0, d = first; i < count; i++, d = d.add({ days: 1 })) dates.push(d.toString());
  return dates;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
  return Temporal.PlainDate.from(date).dayOfWeek;
}

/** The Monday-to-Sunday calendar grid that shows the days from `first` to `last`. */
export function weekGrid(first: LocalDate, last: LocalDate): { gridStart: LocalDate; gridEnd: LocalDate; days: LocalDate[] } {
  const gridStart = addDays(first, 1 - isoWeekday(first));
  const gridEnd = addDays(last, 7 - isoWeekday(last));
  return { gridStart, gridEnd, days: datesBetween(gridStart, gridEnd) };
}

/**
 * The UTC instant of a local date and time of day (HH:MM) in a time zone. A time that does not
 * exist on a DST-change day (02:30 when clocks jump from 02:00 to 03:00) moves forward by the gap
 * (03:30); one that exists twice (01:30 when clocks fall back) takes the first.
 */
export function localInstant(date: LocalDate, time: string, timeZone: string): Date {
  const [hour, minute] = time.split(":").map(Number);
  const zoned = Temporal.PlainDate.from(date)
    .toPlainDateTime({ hour: hour ?? 0, minute: minute ?? 0 })
    .toZonedDateTime(timeZone, { disambiguation: "compatible" });
  return new Date(zoned.epochMilliseconds);
}

/** The local calendar date of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone: string): LocalDate {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}
