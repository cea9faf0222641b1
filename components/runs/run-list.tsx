import Link from "next/link";
import type { TodayRun } from "@/lib/runs/queries";
import { CadenceBadge } from "@/components/procedures/badges";
import { formatTime } from "@/lib/time/format";
import { Progress, StateBadge } from "./state-badge";

/** Runs grouped by server (organisation-wide first), in the order given. */
export function RunList({ runs, timeZone, label, showCadence = false, showDate = false }: { runs: TodayRun[]; timeZone: string; label: string; showCadence?: boolean; showDate?: boolean }) {
  const groups = new Map<string, TodayRun[]>();
  for (const run of runs) {
    const key = run.serverName ?? "";
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)));
  return (
    <div className="space-y-3">
      {keys.map((key) => (
        <div key={key || "organisation"} className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
          <h3 className="border-b border-slate-200 bg-slate-50 px-4 py-1.5 text-xs font-semibold uppercase tracking-wide text-slate-600">
            {key || "Organisation-wide"}
          </h3>
          <ul aria-label={`${label}: ${key || "organisation-wide"}`} className="divide-y divide-slate-200">
            {groups.get(key)!.map((run) => (
              <li key={run.id} className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-2.5" data-testid="run-row">
                <div className="min-w-0 flex-1">
                  <Link href={`/runs/${run.id}`} className="font-medium text-brand-700 hover:underline">
                    {run.title}
                    {run.serverName ? <span className="sr-only"> on {run.serverName}</span> : null}
                  </Link>
                  <p className="text-xs text-slate-600">
                    {showCadence && <CadenceBadge cadence={run.cadence} />} {showDate ? `${run.localDate}, ` : ""}due {formatTime(run.dueAt, timeZone)}
                    {run.completedByName ? ` · completed by ${run.completedByName}` : ` · ${run.assignee}`}
                  </p>
                </div>
                <Progress done={run.requiredDone} total={run.requiredTotal} label={`Progress of ${run.title}${run.serverName ? ` on ${run.serverName}` : ""}`} />
                <StateBadge state={run.state} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}
