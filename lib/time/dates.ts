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

export function addDays(date: LocalDate, days: number): LocalDate {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

/**
 * Every date from `from` to `to`, both included, in order. Dates are compared as dates, not as
 * text: past year 9999 Temporal writes years with a sign (+010000-01-01), which sorts before them.
 */
export function datesBetween(from: LocalDate, to: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  const last = Temporal.PlainDate.from(to);
  for (let d = Temporal.PlainDate.from(from); Temporal.PlainDate.compare(d, last) <= 0; d = d.add({ days: 1 })) dates.push(d.toString());
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
