"use client";

// A client component on purpose: the page hands it compact rows (a few hundred bytes each) instead
// of a rendered tree, so the React payload embedded in the page stays small on a busy day.
import Link from "next/link";
import type { TodayRun } from "@/lib/runs/queries";
import { CadenceBadge } from "@/components/procedures/badges";
import type { Cadence } from "@/lib/procedures/vocabulary";
import { formatTime } from "@/lib/time/format";
import { Progress, StateBadge } from "./state-badge";

export type RunListRow = Pick<TodayRun, "id" | "title" | "cadence" | "localDate" | "serverName" | "dueAt" | "state" | "requiredTotal" | "requiredDone" | "completedByName" | "assignee" | "coveredFor">;

/**
 * Runs grouped by server (organisation-wide first), in the order given. Each row shows its cadence
 * when `showCadence`, or when it differs from the section's own `cadence`.
 */
export function RunList({
  runs,
  timeZone,
  label,
  cadence,
  showCadence = false,
  showDate = false,
}: {
  runs: RunListRow[];
  timeZone: string;
  label: string;
  cadence?: Cadence;
  showCadence?: boolean;
  showDate?: boolean;
}) {
  const groups = new Map<string, RunListRow[]>();
  for (const run of runs) {
    const key = run.serverName ?? "";
    const group = groups.get(key);
    if (group) group.push(run);
    else groups.set(key, [run]);
  }
  const badged = (run: RunListRow) => showCadence || (cadence !== undefined && run.cadence !== cadence);
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
              <li key={run.id} className="run-row" data-testid="run-row">
                <div>
                  {/* No prefetch: a busy day lists hundreds of runs and only one is opened at a time. */}
                  <Link href={`/runs/${run.id}`} prefetch={false}>
                    {run.title}
                    {run.serverName ? <span className="sr-only">{` on ${run.serverName}`}</span> : null}
                  </Link>
                  <p>
                    {badged(run) && <CadenceBadge cadence={run.cadence} />}
                    {`${badged(run) ? " " : ""}${showDate ? `${run.localDate}, ` : ""}due ${formatTime(run.dueAt, timeZone)} · ${run.completedByName ? `completed by ${run.completedByName}${run.coveredFor ? ` for ${run.coveredFor}` : ""}` : run.assignee}`}
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
