// Daily completion as a calendar: one small month grid per month of the period, each day coloured
// by the share of its expected runs that were completed. Every cell also carries its figures as
// text, so the grid reads without colour, and the legend names each band.
import { completionRate, formatRate } from "@/lib/reports/figures";
import { formatLocalDate } from "@/lib/time/format";
import { MONTHS } from "@/lib/reports/periods";
import type { DayFigures } from "@/lib/reports/queries";
import { isoWeekday } from "@/lib/time/dates";

const WEEKDAYS = [
  ["M", "Monday"],
  ["T", "Tuesday"],
  ["W", "Wednesday"],
  ["T", "Thursday"],
  ["F", "Friday"],
  ["S", "Saturday"],
  ["S", "Sunday"],
] as const;

export const HEAT_BANDS = [
  { min: 1, label: "All done", className: "bg-emerald-700 text-white" },
  { min: 0.95, label: "95% or more", className: "bg-emerald-300 text-emerald-950" },
  { min: 0.8, label: "80–95%", className: "bg-amber-200 text-amber-950" },
  { min: 0.5, label: "50–80%", className: "bg-orange-400 text-orange-950" },
  { min: 0, label: "Under 50%", className: "bg-red-700 text-white" },
] as const;

const NONE = { label: "Nothing due", className: "bg-slate-100 text-slate-600" };
const PENDING = { label: "Not due yet", className: "border border-dashed border-slate-400 bg-white text-slate-600" };

function band(day: DayFigures) {
  const r = completionRate(day);
  if (r === null) return day.pending > 0 ? PENDING : NONE;
  return HEAT_BANDS.find((b) => r >= b.min - 1e-9)!;
}

function describe(day: DayFigures): string {
  if (day.expected === 0) return day.pending > 0 ? `${day.pending} runs not due yet` : "no runs due";
  const parts = [`${day.completed} of ${day.expected} runs completed (${formatRate(completionRate(day))})`];
  if (day.missed) parts.push(`${day.missed} missed`);
  if (day.late) parts.push(`${day.late} late`);
  if (day.withFailures) parts.push(`${day.withFailures} with failures`);
  if (day.withNaOnly) parts.push(`${day.withNaOnly} with N/A exceptions only`);
  return parts.join(", ");
}

export function HeatMap({ days, withTable = true }: { days: DayFigures[]; withTable?: boolean }) {
  const months = new Map<string, DayFigures[]>();
  for (const d of days) months.set(d.date.slice(0, 7), [...(months.get(d.date.slice(0, 7)) ?? []), d]);
  return (
    <figure aria-labelledby="heat-map-title" data-testid="heat-map">
      <figcaption id="heat-map-title" className="text-sm text-slate-700">
        Share of each day&apos;s expected runs that were completed (with or without exceptions).
        {withTable && " Hover a day for its figures; the same figures are in the daily table below."}
      </figcaption>
      <div className="mt-3 flex flex-wrap gap-6">
        {[...months].map(([month, monthDays]) => {
          const [year, m] = month.split("-").map(Number) as [number, number];
          const blanks = isoWeekday(monthDays[0]!.date) - 1;
          const cells: (DayFigures | null)[] = [...Array<null>(blanks).fill(null), ...monthDays];
          while (cells.length % 7) cells.push(null);
          const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
          return (
            <table key={month} className="border-separate border-spacing-1 text-xs">
              <caption className="pb-1 text-left text-sm font-medium text-slate-800">
                {MONTHS[m - 1]} {year}
              </caption>
              <thead>
                <tr>
                  {WEEKDAYS.map(([short, long]) => (
                    <th key={long} scope="col" className="w-9 font-normal text-slate-500">
                      <abbr title={long} className="no-underline">{short}</abbr>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {weeks.map((week, i) => (
                  <tr key={i}>
                    {week.map((day, j) =>
                      day ? (
                        <td key={day.date} title={`${formatLocalDate(day.date)}: ${describe(day)}`} className={`h-9 w-9 rounded text-center align-middle font-medium tabular-nums ${band(day).className}`} data-date={day.date}>
                          <span aria-hidden="true">{Number(day.date.slice(8))}</span>
                          <span className="sr-only">
                            {Number(day.date.slice(8))} {MONTHS[m - 1]}: {describe(day)}
                          </span>
                        </td>
                      ) : (
                        <td key={`blank-${j}`} aria-hidden="true" />
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        })}
      </div>
      <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Legend">
        {[...HEAT_BANDS, NONE, PENDING].map((b) => (
          <li key={b.label} className="flex items-center gap-1.5">
            <span aria-hidden="true" className={`inline-block h-3.5 w-3.5 rounded-sm ${b.className}`} />
            {b.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
