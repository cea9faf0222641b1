"use client";

// A client component for the same reason as the breakdown tables: rows as data, rendered once.
import Link from "next/link";
import type { ExceptionRow } from "@/lib/reports/queries";
import { formatDateTime, formatLocalDate } from "@/lib/time/format";

const KIND = {
  FAILURE: { label: "Failed", className: "bg-red-100 text-red-900 ring-red-300", value: "text-red-800" },
  NOT_APPLICABLE: { label: "N/A", className: "bg-amber-100 text-amber-900 ring-amber-300", value: "text-slate-800" },
} as const;

/**
 * Exceptions: failed checklist items with the value and why they failed, and required items
 * marked N/A with the reason the operator gave; who recorded each, with a link to the run.
 */
export function ExceptionsTable({ rows, timeZone, links = true }: { rows: ExceptionRow[]; timeZone: string; links?: boolean }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No exceptions in this period: no item failed and no required item was marked N/A.</p>;
  return (
    // Focusable, so that a keyboard can scroll the table where it is wider than its card.
    <div className="overflow-x-auto" tabIndex={0} role="group" aria-label="Exceptions">
      <table className="w-full text-left text-sm" data-testid="exceptions">
        <caption className="sr-only">Exceptions: failed checklist items and required items marked N/A</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Date</th>
            <th scope="col" className="px-3 py-2">Procedure</th>
            <th scope="col" className="px-3 py-2">Server</th>
            <th scope="col" className="px-3 py-2">Item</th>
            <th scope="col" className="px-3 py-2">Exception</th>
            <th scope="col" className="px-3 py-2">Value</th>
            <th scope="col" className="px-3 py-2">Why</th>
            <th scope="col" className="px-3 py-2">Recorded by</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((r) => {
            const kind = KIND[r.kind];
            return (
              <tr key={r.id} className="align-top" data-exception={r.kind === "FAILURE" ? "failure" : "not-applicable"}>
                <td className="whitespace-nowrap px-3 py-2">
                  {links ? <Link href={`/runs/${r.runId}`} className="text-brand-700 hover:underline">{formatLocalDate(r.localDate)}</Link> : formatLocalDate(r.localDate)}
                </td>
                <td className="px-3 py-2">{r.procedure}</td>
                <td className="px-3 py-2">{r.server ?? "—"}</td>
                <td className="px-3 py-2">{r.item}</td>
                <td className="whitespace-nowrap px-3 py-2">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset print:ring-0 ${kind.className}`}>{kind.label}</span>
                </td>
                <td className={`whitespace-nowrap px-3 py-2 font-medium tabular-nums ${kind.value}`}>{r.value || "—"}</td>
                <td className="px-3 py-2">
                  {r.kind === "FAILURE" ? (
                    <>
                      {r.failureReason ?? "Marked as failed"}
                      {r.note && <span className="block text-xs text-slate-600">Note: {r.note}</span>}
                    </>
                  ) : (
                    <>
                      <span className="block text-xs text-slate-600">Required item marked N/A. Reason given:</span>
                      {r.note || "—"}
                    </>
                  )}
                </td>
                <td className="px-3 py-2 text-xs text-slate-700">
                  {r.recordedBy}, {formatDateTime(r.recordedAt, timeZone)}
                  {r.revision > 1 && <span className="block">correction {r.revision - 1}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
