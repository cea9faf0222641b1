// Calendar arithmetic for changes: the month grid of the change calendar, the local days an
// instant range touches, the period a run covers, and local date-time text for forms. Pure.
import { Temporal } from "@js-temporal/polyfill";
import { addDays, EARLIEST_DATE, LATEST_DATE, localDateOf, localInstant, weekGrid, type LocalDate } from "@/lib/time/dates";
import { formatMonth } from "@/lib/time/format";

export type Month = string; // YYYY-MM

export const MONTH_RANGE_TEXT = `from ${EARLIEST_DATE.slice(0, 7)} to ${LATEST_DATE.slice(0, 7)}`;

/** A YYYY-MM month inside the portal's date range. */
export function isMonth(value: unknown): value is Month {
  if (typeof value !== "string" || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return false;
  return value >= EARLIEST_DATE.slice(0, 7) && value <= LATEST_DATE.slice(0, 7);
}

export function monthOf(date: LocalDate): Month {
  return date.slice(0, 7);
}

export function shiftMonth(month: Month, by: number): Month {
  return Temporal.PlainYearMonth.from(month).add({ months: by }).toString();
}

export function monthTitle(month: Month): string {
  return formatMonth(`${month}-15`);
}

/** The first and last day of a month, and the Monday-to-Sunday grid that shows it. */
export function monthGrid(month: Month): { first: LocalDate; last: LocalDate; gridStart: LocalDate; gridEnd: LocalDate; days: LocalDate[] } {
  const ym = Temporal.PlainYearMonth.from(month);
  const first = ym.toPlainDate({ day: 1 }).toString();
  const last = ym.toPlainDate({ day: ym.daysInMonth }).toString();
  return { first, last, ...weekGrid(first, last) };
}

/** The start of a local day as an instant. */
export function dayStart(date: LocalDate, timeZone: string): Date {
  return localInstant(date, "00:00", timeZone);
}

/** The local days an instant range [start, end) touches, clipped to [from, to]. */
export function daysTouched(start: Date, end: Date, timeZone: string, from: LocalDate, to: LocalDate): LocalDate[] {
  const first = localDateOf(start, timeZone);
  // An end exactly at midnight does not reach into that day.
  const lastInstant = new Date(Math.max(start.getTime(), end.getTime() - 1));
  const last = localDateOf(lastInstant, timeZone);
  const out: LocalDate[] = [];
  for (let d = first < from ? from : first; d <= last && d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/**
 * The stretch of time a run's record covers, for listing the changes made during it: the cadence
 * interval that ends with the run's day (its day for daily and ad-hoc runs, the seven days up to it
 * for weekly runs, the month up to it for monthly runs), until the end of its day or its grace
 * period, whichever is later.
 */
export function runPeriod(run: { localDate: LocalDate; cadence: string; graceEndsAt: Date }, timeZone: string): { from: Date; to: Date; fromDate: LocalDate } {
  const day = Temporal.PlainDate.from(run.localDate);
  const fromDate =
    run.cadence === "WEEKLY" ? day.subtract({ days: 6 }) : run.cadence === "MONTHLY" ? day.subtract({ months: 1 }).add({ days: 1 }) : day;
  const from = dayStart(fromDate.toString(), timeZone);
  const endOfDay = dayStart(addDays(run.localDate, 1), timeZone);
  const to = new Date(Math.max(endOfDay.getTime(), run.graceEndsAt.getTime()));
  return { from, to, fromDate: fromDate.toString() };
}
