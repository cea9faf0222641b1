// Report periods: a week (Monday to Sunday), a calendar month, a calendar quarter or a custom
// range of local dates, and the twelve periods a trend chart shows. Pure date arithmetic on
// YYYY-MM-DD strings in the organisation's calendar; no time zones are involved here.
import { Temporal } from "@js-temporal/polyfill";
import { z } from "zod";
import { firstValues, localDateParam, optionalParam } from "@/lib/filters";
import { addDays, isDateInRange, isoWeekday } from "@/lib/time/dates";
import { localDateField } from "@/lib/time/local";

export const PERIOD_KINDS = ["week", "month", "quarter", "custom"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { week: "Week", month: "Month", quarter: "Quarter", custom: "Custom range" };

/** The longest custom range a report covers; longer spans are refused with a message. */
export const MAX_REPORT_DAYS = 366;
export const TREND_PERIODS = 12;

export interface Period {
  kind: PeriodKind;
  from: string;
  to: string;
  label: string;
  /** A few characters for chart axes, e.g. "W47", "Nov 26", "Q3 26". */
  short: string;
}

export const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function plain(date: string) {
  return Temporal.PlainDate.from(date);
}

export function daysBetween(from: string, to: string): number {
  return plain(from).until(plain(to), { largestUnit: "days" }).days;
}

function shortDate(date: string, withYear: boolean): string {
  const d = plain(date);
  return `${d.day} ${MONTHS[d.month - 1]!.slice(0, 3)}${withYear ? ` ${d.year}` : ""}`;
}

/** The period of the given kind that contains the date. */
export function periodContaining(kind: Exclude<PeriodKind, "custom">, date: string): Period {
  const d = plain(date);
  switch (kind) {
    case "week": {
      const from = addDays(date, 1 - isoWeekday(date));
      const to = addDays(from, 6);
      const monday = plain(from);
      return { kind, from, to, label: `Week ${monday.weekOfYear} of ${monday.yearOfWeek} (${shortDate(from, false)} – ${shortDate(to, true)})`, short: `W${monday.weekOfYear}` };
    }
    case "month": {
      const first = d.with({ day: 1 });
      return { kind, from: first.toString(), to: first.with({ day: first.daysInMonth }).toString(), label: `${MONTHS[d.month - 1]} ${d.year}`, short: `${MONTHS[d.month - 1]!.slice(0, 3)} ${String(d.year).slice(-2)}` };
    }
    case "quarter": {
      const quarter = Math.floor((d.month - 1) / 3);
      const first = Temporal.PlainDate.from({ year: d.year, month: quarter * 3 + 1, day: 1 });
      const last = first.add({ months: 2 });
      return { kind, from: first.toString(), to: last.with({ day: last.daysInMonth }).toString(), label: `Q${quarter + 1} ${d.year}`, short: `Q${quarter + 1} ${String(d.year).slice(-2)}` };
    }
  }
}

export function customPeriod(from: string, to: string): Period {
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  return { kind: "custom", from, to, label: `${shortDate(from, !sameYear)} – ${shortDate(to, true)}`, short: shortDate(from, false) };
}

/** The period just before (-1) or after (+1) this one; a custom range moves by its own length. */
export function shiftPeriod(period: Period, direction: -1 | 1): Period {
  if (period.kind === "custom") {
    const length = daysBetween(period.from, period.to) + 1;
    return customPeriod(addDays(period.from, direction * length), addDays(period.to, direction * length));
  }
  return periodContaining(period.kind, direction < 0 ? addDays(period.from, -1) : addDays(period.to, 1));
}

/**
 * The periods a trend chart shows, oldest first, ending with the given period: twelve of the same
 * kind, or for a custom range the twelve months up to the one holding its end date.
 */
export function trendPeriods(period: Period): Period[] {
  let current = period.kind === "custom" ? periodContaining("month", period.to) : period;
  const periods = [current];
  while (periods.length < TREND_PERIODS) {
    current = shiftPeriod(current, -1);
    periods.unshift(current);
  }
  return periods;
}

const dateOnly = localDateField("the date");

export const ReportFilterSchema = z
  .object({
    period: optionalParam(z.enum(PERIOD_KINDS, { error: "Choose a week, month, quarter or custom range." })),
    date: optionalParam(dateOnly),
    from: localDateParam("start"),
    to: localDateParam("end"),
  })
  .superRefine((v, ctx) => {
    if (v.period !== "custom") return;
    if (!v.from || !v.to) {
      ctx.addIssue({ code: "custom", path: [v.from ? "to" : "from"], message: "A custom range needs a start date and an end date." });
      return;
    }
    // The field checks report malformed dates; zod still runs this refinement, so skip them here.
    if (!isDateInRange(v.from) || !isDateInRange(v.to)) return;
    if (v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
    else if (daysBetween(v.from, v.to) + 1 > MAX_REPORT_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `Choose a range of at most ${MAX_REPORT_DAYS} days; use quarters or months for longer views.` });
    }
  });

export type ReportFilter = z.output<typeof ReportFilterSchema>;

/**
 * Reads the report's query string. Anything invalid yields the messages and the default period
 * (the current month), so the page still shows something sensible beside the error.
 */
export function resolveReportPeriod(params: Record<string, string | string[] | undefined>, today: string): { period: Period; errors: string[] } {
  const parsed = ReportFilterSchema.safeParse(firstValues(params, ["period", "date", "from", "to"]));
  if (!parsed.success) return { period: periodContaining("month", today), errors: parsed.error.issues.map((i) => i.message) };
  const f = parsed.data;
  if (f.period === "custom") return { period: customPeriod(f.from!, f.to!), errors: [] };
  return { period: periodContaining(f.period ?? "month", f.date ?? today), errors: [] };
}

/** The query string that selects a period. */
export function periodQuery(period: Period): string {
  const q: Record<string, string> = period.kind === "custom" ? { period: "custom", from: period.from, to: period.to } : { period: period.kind, date: period.from };
  return new URLSearchParams(q).toString();
}
