// One of Today's groups (late and missed, daily, this week, this month): a disclosure that
// collapses without any script, its runs still to do first, and the ones that need nothing more
// (done, skipped or suppressed) folded into "N done" at its end.
import { RunList, type RunListRow } from "@/components/runs/run-list";
import type { Cadence } from "@/lib/procedures/vocabulary";
import { isSettled } from "@/lib/runs/run-summary";
import type { TodayRun } from "@/lib/runs/today";

/** Only the fields a row shows (what crosses to the browser), worded here on the server. */
export function toRunListRow(run: TodayRun): RunListRow {
  const exceptions =
    run.state === "COMPLETED_WITH_EXCEPTIONS"
      ? [run.failedItems ? `failed ${run.failedItems}` : null, run.naItems ? `N/A ${run.naItems}` : null].filter(Boolean).join(", ") || null
      : null;
  return {
    id: run.id,
    title: run.title,
    cadence: run.cadence,
    serverName: run.serverName,
    state: run.state,
    due: run.due,
    who: run.completedByName ? `completed by ${run.completedByName}${run.coveredFor ? ` for ${run.coveredFor}` : ""}` : run.assignee,
    exceptions,
    requiredTotal: run.requiredTotal,
    requiredDone: run.requiredDone,
  };
}

export function TodayGroup({
  id,
  title,
  period,
  runs,
  attention = false,
  cadence,
  showCadence = false,
  groupByServer = false,
  doneOpen = false,
}: {
  id: string;
  title: string;
  /** "(7 to 13 Dec)" after the count, for the week and the month. */
  period?: string;
  runs: TodayRun[];
  attention?: boolean;
  cadence?: Cadence;
  showCadence?: boolean;
  groupByServer?: boolean;
  /** Show the folded runs unfolded (when the filter asks for them). */
  doneOpen?: boolean;
}) {
  const todo = runs.filter((r) => !isSettled(r.state));
  const settled = runs.filter((r) => isSettled(r.state));
  const done = settled.filter((r) => r.state.startsWith("COMPLETED")).length;
  const foldLabel = done === settled.length ? `${settled.length} done` : done === 0 ? `${settled.length} skipped` : `${settled.length} done or skipped`;
  const list = (rows: TodayRun[], label: string) => (
    <RunList runs={rows.map(toRunListRow)} label={label} cadence={cadence} showCadence={showCadence} groupByServer={groupByServer} />
  );
  return (
    <section aria-labelledby={id} data-testid={`today-group-${id}`}>
      <details open className="space-y-2">
        <summary className="cursor-pointer rounded-md py-1 hover:bg-slate-100">
          <h2 id={id} className={`inline text-lg font-semibold ${attention ? "text-red-800" : ""}`}>
            {title} <span className="text-sm font-normal text-slate-600">({runs.length})</span>
          </h2>
          <span className="ml-2 text-sm text-slate-600">
            {period ? `${period} · ` : ""}
            {`${todo.length} to do${settled.length ? `, ${foldLabel}` : ""}`}
          </span>
        </summary>
        {todo.length > 0 ? list(todo, title) : <p className="px-1 text-sm text-slate-600">Nothing left to do here.</p>}
        {settled.length > 0 && (
          <details open={doneOpen} className="mt-2">
            <summary className="cursor-pointer rounded-md px-1 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100">{foldLabel}</summary>
            <div className="mt-2">{list(settled, `${title}: ${foldLabel}`)}</div>
          </details>
        )}
      </details>
    </section>
  );
}
