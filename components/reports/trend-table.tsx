import { completionRate, formatRate, onTimeRate, type Figures } from "@/lib/reports/figures";

const num = "px-3 py-1.5 text-right tabular-nums";

/** Figures per day or per period: the text form of the heat map and the trend chart. */
export function TrendTable({ caption, rows }: { caption: string; rows: (Figures & { label: string })[] }) {
  if (rows.length === 0) return <p className="mt-2 text-sm text-slate-600">No runs in this period.</p>;
  return (
    // Focusable, so that a keyboard can scroll the table where it is wider than its card.
    <div className="mt-2 overflow-x-auto" tabIndex={0} role="group" aria-label={caption}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-1.5">Period</th>
            <th scope="col" className={num}>Expected</th>
            <th scope="col" className={num}>Completed</th>
            <th scope="col" className={num}>On time</th>
            <th scope="col" className={num}>Missed</th>
            <th scope="col" className={num}>Clean</th>
            <th scope="col" className={num}>With failures</th>
            <th scope="col" className={num}>With N/A only</th>
            <th scope="col" className={num}>Completion</th>
            <th scope="col" className={num}>On-time rate</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row" className="px-3 py-1.5 font-normal">{r.label}</th>
              <td className={num}>{r.expected}</td>
              <td className={num}>{r.completed}</td>
              <td className={num}>{r.onTime}</td>
              <td className={num}>{r.missed}</td>
              <td className={num}>{r.clean}</td>
              <td className={num}>{r.withFailures}</td>
              <td className={num}>{r.withNaOnly}</td>
              <td className={num}>{formatRate(completionRate(r))}</td>
              <td className={num}>{formatRate(onTimeRate(r))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
