import { STATUS_LABELS, type AcknowledgementStatus } from "@/lib/training/reading-list";

const STYLE: Record<AcknowledgementStatus, string> = {
  CURRENT: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  OUTDATED: "bg-amber-50 text-amber-900 ring-amber-300",
  MISSING: "bg-red-50 text-red-900 ring-red-300",
};

const QUIET = "bg-slate-50 text-slate-700 ring-slate-300";

/**
 * Where someone stands on a procedure: the status in words (never by colour alone). `quiet` shows it
 * without alarm colours, for a person's own list where unread is the normal starting point.
 */
export function AcknowledgementBadge({ status, quiet = false, children }: { status: AcknowledgementStatus; quiet?: boolean; children?: React.ReactNode }) {
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${quiet ? QUIET : STYLE[status]}`}>
      {children ?? STATUS_LABELS[status]}
    </span>
  );
}

/** A labelled bar; the figures are in the text beside it, the bar only repeats them. */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
    >
      <div className="h-full rounded-full bg-emerald-600" style={{ width: `${value}%` }} />
    </div>
  );
}
