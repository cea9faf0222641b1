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
