// Dates are stored in UTC and always shown in the organisation's time zone.
//
// Building an Intl.DateTimeFormat is far dearer than formatting with one (a page listing two
// hundred runs spent a seventh of its time constructing them), so each combination of zone and
// options is built once per process and reused.

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A shared en-GB formatter for the zone and options (the cache key is their JSON). */
export function dateFormatter(timeZone: string, options: Omit<Intl.DateTimeFormatOptions, "timeZone">): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", { timeZone, ...options });
    formatters.set(key, formatter);
  }
  return formatter;
}

const DATE = { day: "numeric", month: "short", year: "numeric" } as const;
const DATE_TIME = { ...DATE, hour: "2-digit", minute: "2-digit", timeZoneName: "short" } as const;
const TIME = { hour: "2-digit", minute: "2-digit" } as const;
const LONG_DATE = { weekday: "long", day: "numeric", month: "long", year: "numeric" } as const;
const MONTH = { month: "long", year: "numeric" } as const;

export function formatDate(date: Date, timeZone: string): string {
  return dateFormatter(timeZone, DATE).format(date);
}

export function formatDateTime(date: Date, timeZone: string): string {
  return dateFormatter(timeZone, DATE_TIME).format(date);
}

export function formatTime(date: Date, timeZone: string): string {
  return dateFormatter(timeZone, TIME).format(date);
}

/** A calendar date (YYYY-MM-DD) as "Tuesday 24 November 2026". */
export function formatLongDate(localDate: string): string {
  return dateFormatter("UTC", LONG_DATE).format(new Date(`${localDate}T12:00:00Z`));
}

/** A calendar date's month as "November 2026". */
export function formatMonth(localDate: string): string {
  return dateFormatter("UTC", MONTH).format(new Date(`${localDate.slice(0, 10)}T12:00:00Z`));
}

// One way of writing a date for people (decision in docs/decisions, "one date format"): "9 Dec 2026"
// for a day, "9 Dec 2026, 10:00 UTC" for an instant, in the organisation's zone; a day heading may
// spell it out ("Wednesday 9 December 2026"). ISO dates (2026-12-09) appear only in URLs, CSV files
// and form values, never as text a person reads.

/** A calendar date (YYYY-MM-DD, already in the organisation's zone) as "9 Dec 2026". */
export function formatLocalDate(localDate: string): string {
  return dateFormatter("UTC", DATE).format(new Date(`${localDate.slice(0, 10)}T12:00:00Z`));
}

/**
 * The hint beside a date picker. Browsers show <input type="date"> in their own locale's order
 * (11/07/2026 in one, 07/11/2026 in another), which the portal cannot change; the hint says so and
 * how the date will read everywhere else.
 */
export const DATE_INPUT_HINT = "Your browser shows the date in its own order; Opsbook writes it as 9 Dec 2026.";
