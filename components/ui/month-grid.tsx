// A calendar of days: a seven-column grid (weekday header, today ringed, days of other months
// shaded) from the md breakpoint, where seven columns have room; below it, a list of the days that
// have something on them (and today), each headed by its full date, so a phone never scrolls
// sideways. One list of days in the markup serves both layouts.
import type { ReactNode } from "react";
import { formatLongDate } from "@/lib/time/format";
import { cardClass } from "./styles";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export interface GridDay {
  /** YYYY-MM-DD */
  date: string;
  /** False for the days of the previous and next months that fill the first and last weeks. */
  inMonth: boolean;
}

interface MonthGridProps<D extends GridDay> {
  /** Whole weeks, Monday first. */
  days: D[];
  /** Today's date (YYYY-MM-DD) in the organisation's time zone. */
  today: string;
  /** The list's accessible name, e.g. "December 2026". */
  label: string;
  /** Whether a day has anything to show; empty days are left out of the narrow list. */
  hasEntries: (day: D) => boolean;
  /** A day's content under its date heading. */
  renderDay: (day: D) => ReactNode;
  /** Shown in the narrow list when no day of the period has anything on it. */
  emptyMessage: string;
}

export function MonthGrid<D extends GridDay>({ days, today, label, hasEntries, renderDay, emptyMessage }: MonthGridProps<D>) {
  const anything = days.some((d) => d.inMonth && hasEntries(d));
  return (
    <div className={`${cardClass} overflow-hidden`}>
      <div className="hidden grid-cols-7 border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600 md:grid" aria-hidden="true">
        {WEEKDAYS.map((d) => (
          <div key={d} className="px-2 py-1.5">
            {d}
          </div>
        ))}
      </div>
      <ol className="-mb-px md:mb-0 md:grid md:grid-cols-7" aria-label={label}>
        {days.map((day) => {
          const isToday = day.date === today;
          // Narrow: only this period's days with entries, and today.
          const narrow = day.inMonth && (isToday || hasEntries(day)) ? "" : "max-md:hidden";
          return (
            <li
              key={day.date}
              aria-current={isToday ? "date" : undefined}
              className={`min-w-0 border-b border-slate-200 px-4 py-3 md:min-h-28 md:border-r md:p-1.5 ${narrow} ${day.inMonth ? "" : "md:bg-slate-50"} ${
                isToday ? "max-md:bg-brand-50 md:ring-2 md:ring-inset md:ring-brand-600" : ""
              }`}
            >
              <h2 className={`text-sm md:text-xs ${day.inMonth ? "font-semibold" : "font-normal text-slate-600"}`}>
                <span className="md:sr-only">{formatLongDate(day.date)}</span>
                <span aria-hidden="true" className="max-md:hidden">
                  {Number(day.date.slice(8))}
                </span>
                {isToday && <span className="ml-2 rounded-full bg-brand-700 px-2 py-0.5 text-xs font-medium text-white md:sr-only">Today</span>}
              </h2>
              {renderDay(day)}
            </li>
          );
        })}
      </ol>
      {!anything && <p className="px-4 py-3 text-sm text-slate-600 md:hidden">{emptyMessage}</p>}
    </div>
  );
}
