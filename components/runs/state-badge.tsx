import { RUN_STATE_LABELS, type RunState } from "@/lib/scheduling/run-state";

const STYLE: Record<RunState, string> = {
  UPCOMING: "bg-slate-100 text-slate-700 ring-slate-300",
  DUE: "bg-sky-100 text-sky-900 ring-sky-300",
  LATE: "bg-amber-100 text-amber-900 ring-amber-400",
  MISSED: "bg-red-100 text-red-900 ring-red-300",
  COMPLETED: "bg-green-100 text-green-900 ring-green-300",
  COMPLETED_LATE: "bg-lime-100 text-lime-900 ring-lime-400",
  COMPLETED_WITH_EXCEPTIONS: "bg-orange-100 text-orange-900 ring-orange-400",
  SKIPPED: "bg-slate-100 text-slate-700 ring-slate-300",
  SUPPRESSED: "bg-violet-100 text-violet-900 ring-violet-300",
};

export function StateBadge({ state }: { state: RunState }) {
  return (
    <span className={`pill ${STYLE[state]}`}>
      {RUN_STATE_LABELS[state]}
    </span>
  );
}

export function Progress({ done, total, label }: { done: number; total: number; label: string }) {
  const complete = done >= total;
  return (
    <div className="flex items-center gap-2">
      <progress aria-label={label} value={done} max={Math.max(total, 1)} className={complete ? "progress-bar done" : "progress-bar"} />
      <span className="whitespace-nowrap text-xs text-slate-600">
        {`${done}/${total}`}
      </span>
    </div>
  );
}
