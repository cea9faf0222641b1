"use client";

// A client component for the same reason as the breakdown tables: rows as data, rendered once.
import Link from "next/link";
import type { ExceptionRow } from "@/lib/reports/queries";
import { formatDateTime } from "@/lib/time/format";

/** Failed checklist items with the value recorded, who recorded it and a link to the run. */
export function ExceptionsTable({ rows, timeZone, links = true }: { rows: ExceptionRow[]; timeZone: string; links?: boolean }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">No checklist item failed in this period.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="exceptions">
        <caption className="sr-only">Failed checklist items</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">Date</th>
            <th scope="col" className="px-3 py-2">Procedure</th>
            <th scope="col" className="px-3 py-2">Server</th>
            <th scope="col" className="px-3 py-2">Item</th>
            <th scope="col" className="px-3 py-2">Value</th>
            <th scope="col" className="px-3 py-2">Why it failed</th>
            <th scope="col" className="px-3 py-2">Recorded by</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((r) => (
            <tr key={r.id} className="align-top">
              <td className="whitespace-nowrap px-3 py-2">
                {links ? <Link href={`/runs/${r.runId}`} className="text-brand-700 hover:underline">{r.localDate}</Link> : r.localDate}
              </td>
              <td className="px-3 py-2">{r.procedure}</td>
              <td className="px-3 py-2">{r.server ?? "—"}</td>
              <td className="px-3 py-2">{r.item}</td>
              <td className="whitespace-nowrap px-3 py-2 font-medium tabular-nums text-red-800">{r.value || "—"}</td>
              <td className="px-3 py-2">
                {r.failureReason ?? "Marked as failed"}
                {r.note && <span className="block text-xs text-slate-600">Note: {r.note}</span>}
              </td>
              <td className="px-3 py-2 text-xs text-slate-700">
                {r.recordedBy}, {formatDateTime(r.recordedAt, timeZone)}
                {r.revision > 1 && <span className="block">correction {r.revision - 1}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
