"use client";

// A client component on purpose: the page hands it compact rows (a few hundred bytes each, every
// phrase already worded on the server) instead of a rendered tree, so the React payload embedded
// in the page stays small on a busy day.
import Link from "next/link";
import { CadenceBadge } from "@/components/procedures/badges";
import type { Cadence } from "@/lib/procedures/vocabulary";
import type { RunState } from "@/lib/scheduling/run-state";
import { Progress, StateBadge } from "./state-badge";

export interface RunListRow {
  id: string;
  title: string;
  cadence: Cadence;
  serverName: string | null;
  state: RunState;
  /** "open, due at 10:00" (lib/runs/run-summary.ts duePhrase). */
  due: string;
  /** The assignee, or who completed the run. */
  who: string;
  /** "failed 2, N/A 1" on a run completed with exceptions. */
  exceptions: string | null;
  requiredTotal: number;
  requiredDone: number;
}

/**
 * Runs in the order given, one compact row each (title; then cadence, server, when due, who, and
 * the progress and state). With `groupByServer`, under a heading per server (organisation-wide
 * first) and without the server in the row. A row shows its cadence when `showCadence`, or when it
 * differs from the list's own `cadence`.
 */
export function RunList({
  runs,
  label,
  cadence,
  showCadence = false,
  groupByServer = false,
}: {
  runs: RunListRow[];
  label: string;
  cadence?: Cadence;
  showCadence?: boolean;
  groupByServer?: boolean;
}) {
  const badged = (run: RunListRow) => showCadence || (cadence !== undefined && run.cadence !== cadence);
  const row = (run: RunListRow) => (
    <li key={run.id} className="run-row" data-testid="run-row">
      {/* No prefetch: a busy day lists hundreds of runs and only one is opened at a time. */}
      <Link href={`/runs/${run.id}`} prefetch={false}>
        {run.title}
        {run.serverName ? <span className="sr-only">{` on ${run.serverName}`}</span> : null}
      </Link>
      <p>
        {badged(run) && <CadenceBadge cadence={run.cadence} />}
        {`${badged(run) ? " " : ""}${!groupByServer && run.serverName ? `${run.serverName} · ` : ""}${run.due} · ${run.who}${run.exceptions ? ` · ${run.exceptions}` : ""}`}
      </p>
      <div>
        <Progress done={run.requiredDone} total={run.requiredTotal} label={`Progress of ${run.title}${run.serverName ? ` on ${run.serverName}` : ""}`} />
        <StateBadge state={run.state} />
      </div>
    </li>
  );

  if (!groupByServer) {
    return (
      <ul aria-label={label} className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
        {runs.map(row)}
      </ul>
    );
  }
  const groups = new Map<string, RunListRow[]>();
  for (const run of runs) {
    const key = run.serverName ?? "";
    const group = groups.get(key);
    if (group) group.push(run);
    else groups.set(key, [run]);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)));
  return (
    <div className="space-y-3">
      {keys.map((key) => (
        <div key={key || "organisation"} className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
          <h3 className="border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-xs font-semibold uppercase tracking-wide text-slate-600 sm:px-4">
            {key || "Organisation-wide"}
          </h3>
          <ul aria-label={`${label}: ${key || "organisation-wide"}`} className="divide-y divide-slate-200">
            {groups.get(key)!.map(row)}
          </ul>
        </div>
      ))}
    </div>
  );
}
