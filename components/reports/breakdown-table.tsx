"use client";

// A client component so the page carries each row's figures once as data instead of a rendered
// tree; a month's breakdowns were the largest part of the report's payload.
import Link from "next/link";
import { completionRate, formatRate, onTimeRate, type Figures } from "@/lib/reports/figures";
import type { BreakdownRow } from "@/lib/reports/queries";

interface Props {
  caption: string;
  /** Heading of the first column, e.g. "Procedure". */
  name: string;
  rows: BreakdownRow[];
  /** Operators are measured on what they completed; runs nobody did have no operator. */
  variant?: "runs" | "operator";
  /** Links figures to the matching runs in /history: the period's query and the filter a row's
   *  key goes in (rows without a key, such as organisation-wide runs, are not linked). The kinds
   *  of completed run are not linked: History filters by state, and its one "completed with
   *  exceptions" state holds both failures and N/A exceptions. */
  history?: { query: string; param: "cadence" | "procedure" | "server" | "operator" };
  totals?: Figures;
}

const num = "px-3 py-2 text-right tabular-nums";

export function BreakdownTable({ caption, name, rows, variant = "runs", history, totals }: Props) {
  if (rows.length === 0) return <p className="px-4 py-3 text-sm text-slate-600">No runs in this period.</p>;
  const link = (row: BreakdownRow, value: number, state?: string) => {
    const query = history && row.key ? `${history.query}&${history.param}=${encodeURIComponent(row.key)}` : null;
    if (!query || value === 0) return value;
    return (
      <Link href={`/history?${query}${state ? `&state=${state}` : ""}`} className="text-brand-700 hover:underline">
        {value}
      </Link>
    );
  };
  return (
    // Focusable, so that a keyboard can scroll the table where it is wider than its card.
    <div className="overflow-x-auto" tabIndex={0} role="group" aria-label={caption}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">{name}</th>
            {variant === "runs" ? (
              <>
                <th scope="col" className={num}>Expected</th>
                <th scope="col" className={num}>Completed</th>
                <th scope="col" className={num}>On time</th>
                <th scope="col" className={num}>Missed</th>
                <th scope="col" className={num}>Late, open</th>
                <th scope="col" className={num}>Skipped</th>
                <th scope="col" className={num}>Clean</th>
                <th scope="col" className={num}>With failures</th>
                <th scope="col" className={num}>With N/A only</th>
                <th scope="col" className={num}>Completion</th>
                <th scope="col" className={num}>On-time rate</th>
              </>
            ) : (
              <>
                <th scope="col" className={num}>Completed</th>
                <th scope="col" className={num}>By the due time</th>
                <th scope="col" className={num}>After the due time</th>
                <th scope="col" className={num}>Clean</th>
                <th scope="col" className={num}>With failures</th>
                <th scope="col" className={num}>With N/A only</th>
              </>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((row) => (
            <tr key={row.key || "-"}>
              <th scope="row" className="px-3 py-2 font-medium">{row.label}</th>
              {variant === "runs" ? (
                <>
                  <td className={num}>{row.expected}</td>
                  <td className={num}>{row.completed}</td>
                  <td className={num}>{row.onTime}</td>
                  <td className={`${num} ${row.missed ? "font-semibold text-red-700" : ""}`}>{link(row, row.missed, "MISSED")}</td>
                  <td className={num}>{link(row, row.late, "LATE")}</td>
                  <td className={num}>{link(row, row.skipped, "SKIPPED")}</td>
                  <td className={num}>{row.clean}</td>
                  <td className={`${num} ${row.withFailures ? "text-red-700" : ""}`}>{row.withFailures}</td>
                  <td className={`${num} ${row.withNaOnly ? "text-amber-800" : ""}`}>{row.withNaOnly}</td>
                  <td className={num}>{formatRate(completionRate(row))}</td>
                  <td className={num}>{formatRate(onTimeRate(row))}</td>
                </>
              ) : (
                <>
                  <td className={num}>{link(row, row.completed)}</td>
                  <td className={num}>{row.onTime}</td>
                  <td className={num}>{row.completed - row.onTime}</td>
                  <td className={num}>{row.clean}</td>
                  <td className={`${num} ${row.withFailures ? "text-red-700" : ""}`}>{row.withFailures}</td>
                  <td className={`${num} ${row.withNaOnly ? "text-amber-800" : ""}`}>{row.withNaOnly}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
        {totals && variant === "runs" && (
          <tfoot className="border-t-2 border-slate-300 font-semibold">
            <tr>
              <th scope="row" className="px-3 py-2">All</th>
              <td className={num}>{totals.expected}</td>
              <td className={num}>{totals.completed}</td>
              <td className={num}>{totals.onTime}</td>
              <td className={num}>{totals.missed}</td>
              <td className={num}>{totals.late}</td>
              <td className={num}>{totals.skipped}</td>
              <td className={num}>{totals.clean}</td>
              <td className={num}>{totals.withFailures}</td>
              <td className={num}>{totals.withNaOnly}</td>
              <td className={num}>{formatRate(completionRate(totals))}</td>
              <td className={num}>{formatRate(onTimeRate(totals))}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
