import type { Metadata } from "next";
import Link from "next/link";
import { CadenceBadge } from "@/components/procedures/badges";
import { StateBadge } from "@/components/runs/state-badge";
import { buttonClass, cardClass, inputClass, labelClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { CADENCES, CADENCE_LABELS } from "@/lib/procedures/vocabulary";
import { EXCEPTION_FILTER_LABELS, HISTORY_STATE_FILTERS, historyFilterOptions, listHistory, parseHistoryFilter } from "@/lib/runs/history";
import { RUN_STATE_LABELS } from "@/lib/scheduling/run-state";
import { formatDateTime, formatLocalDate } from "@/lib/time/format";

export const metadata: Metadata = { title: "History" };

export default async function HistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("/history");
  const params = await searchParams;
  const parsed = parseHistoryFilter(params);
  const filter = parsed.success ? parsed.data : {};
  const [history, options] = await Promise.all([listHistory(filter), historyFilterOptions()]);
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  if (history.unknown.length) errors.push(`Unknown ${history.unknown.join(", ")}: nothing matches it.`);
  const query = new URLSearchParams(Object.entries(filter).filter(([k, v]) => k !== "cursor" && v !== undefined).map(([k, v]) => [k, String(v)]));

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">History</h1>
        <p className="mt-1 text-sm text-slate-600">
          Runs that were due, from {formatLocalDate(history.from)} to {formatLocalDate(history.to)}, newest first. Open a run for its full record.
        </p>
      </div>
      <form method="get" action="/history" role="search" aria-label="Filter history" className={`${cardClass} grid gap-3 p-4 sm:grid-cols-3 lg:grid-cols-4`}>
        <div>
          <label htmlFor="from" className={labelClass}>From</label>
          <input id="from" name="from" type="date" defaultValue={filter.from ?? history.from} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className={labelClass}>To</label>
          <input id="to" name="to" type="date" defaultValue={filter.to ?? history.to} className={inputClass} />
        </div>
        <div>
          <label htmlFor="state" className={labelClass}>State</label>
          <select id="state" name="state" defaultValue={filter.state ?? ""} className={inputClass}>
            <option value="">Any</option>
            {HISTORY_STATE_FILTERS.map((s) => (
              <option key={s} value={s}>{s === "WITH_FAILURES" || s === "WITH_NA" ? EXCEPTION_FILTER_LABELS[s] : RUN_STATE_LABELS[s]}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="cadence" className={labelClass}>Cadence</label>
          <select id="cadence" name="cadence" defaultValue={filter.cadence ?? ""} className={inputClass}>
            <option value="">Any</option>
            {CADENCES.map((c) => (
              <option key={c} value={c}>{CADENCE_LABELS[c]}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="procedure" className={labelClass}>Procedure</label>
          <select id="procedure" name="procedure" defaultValue={filter.procedure ?? ""} className={inputClass}>
            <option value="">Any</option>
            {options.procedures.map((p) => (
              <option key={p.id} value={p.id}>{p.label}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="server" className={labelClass}>Server</label>
          <select id="server" name="server" defaultValue={filter.server ?? ""} className={inputClass}>
            <option value="">Any</option>
            {options.servers.map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="operator" className={labelClass}>Completed by</label>
          <select id="operator" name="operator" defaultValue={filter.operator ?? ""} className={inputClass}>
            <option value="">Anyone</option>
            {options.operators.map((o) => (
              <option key={o.id} value={o.id}>{o.name}</option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass.primary}>Filter</button>
          <Link href="/history" className={buttonClass.secondary}>Clear</Link>
        </div>
      </form>
      {errors.length > 0 && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">{errors.join(" ")}</p>
      )}
      <div className={`${cardClass} overflow-x-auto`}>
        {history.runs.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">No runs match.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Runs</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">Date</th>
                <th scope="col" className="px-3 py-2">Procedure</th>
                <th scope="col" className="px-3 py-2">Server</th>
                <th scope="col" className="px-3 py-2">State</th>
                <th scope="col" className="px-3 py-2">Exceptions</th>
                <th scope="col" className="px-3 py-2">By, when</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {history.runs.map((run) => (
                <tr key={run.id} className="align-top" data-testid="history-row">
                  <td className="whitespace-nowrap px-3 py-2">{formatLocalDate(run.localDate)}</td>
                  <td className="px-3 py-2">
                    <Link href={`/runs/${run.id}`} className="font-medium text-brand-700 hover:underline">{run.version.title}</Link>{" "}
                    <CadenceBadge cadence={run.cadence} />
                  </td>
                  <td className="px-3 py-2">{run.server?.name ?? "—"}</td>
                  <td className="px-3 py-2"><StateBadge state={run.state} /></td>
                  <td className="px-3 py-2">
                    {/* Failures and required items marked N/A, each counted apart (none on a clean run). */}
                    {run.state === "COMPLETED_WITH_EXCEPTIONS" && (
                      <span className="flex flex-wrap gap-1">
                        {run.failedItems > 0 && <span className="pill bg-red-50 text-red-900 ring-red-300">failed {run.failedItems}</span>}
                        {run.naItems > 0 && <span className="pill bg-amber-50 text-amber-900 ring-amber-400">N/A {run.naItems}</span>}
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-700">
                    {run.completedBy && run.completedAt ? `${run.completedBy.name}, ${formatDateTime(run.completedAt, history.timeZone)}` : null}
                    {run.skippedBy && run.skippedAt ? `Skipped by ${run.skippedBy.name}: ${run.skipReason ?? ""}` : null}
                    {!run.completedBy && !run.skippedBy ? `Due ${formatDateTime(run.dueAt, history.timeZone)}` : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {history.nextCursor && (
        <Link href={`/history?${query.toString()}${query.size ? "&" : ""}cursor=${encodeURIComponent(history.nextCursor)}`} className={buttonClass.secondary}>
          Older runs →
        </Link>
      )}
    </div>
  );
}
