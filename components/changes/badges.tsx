import {
  CHANGE_RISK_LABELS,
  CHANGE_STATUS_LABELS,
  CHANGE_TYPE_LABELS,
  type ChangeRisk,
  type ChangeStatus,
  type ChangeType,
} from "@/lib/changes/workflow";

const pill = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

const STATUS_STYLE: Record<ChangeStatus, string> = {
  DRAFT: "bg-slate-100 text-slate-700 ring-slate-300",
  SUBMITTED: "bg-amber-100 text-amber-900 ring-amber-400",
  APPROVED: "bg-sky-100 text-sky-900 ring-sky-300",
  REJECTED: "bg-red-100 text-red-900 ring-red-300",
  IMPLEMENTED: "bg-violet-100 text-violet-900 ring-violet-300",
  VERIFIED: "bg-green-100 text-green-900 ring-green-300",
  CLOSED: "bg-slate-200 text-slate-800 ring-slate-400",
};

const TYPE_STYLE: Record<ChangeType, string> = {
  STANDARD: "bg-white text-slate-700 ring-slate-300",
  NORMAL: "bg-white text-slate-800 ring-slate-400",
  EMERGENCY: "bg-red-50 text-red-800 ring-red-300",
};

const RISK_STYLE: Record<ChangeRisk, string> = {
  LOW: "bg-white text-slate-700 ring-slate-300",
  MEDIUM: "bg-amber-50 text-amber-900 ring-amber-300",
  HIGH: "bg-red-50 text-red-800 ring-red-300",
};

export function ChangeStatusBadge({ status }: { status: ChangeStatus }) {
  return <span className={`${pill} ${STATUS_STYLE[status]}`}>{CHANGE_STATUS_LABELS[status]}</span>;
}

export function ChangeTypeBadge({ type }: { type: ChangeType }) {
  return <span className={`${pill} ${TYPE_STYLE[type]}`}>{CHANGE_TYPE_LABELS[type]}</span>;
}

export function RiskBadge({ risk }: { risk: ChangeRisk }) {
  return <span className={`${pill} ${RISK_STYLE[risk]}`}>{CHANGE_RISK_LABELS[risk]} risk</span>;
}

/** For emergency changes implemented before approval, and those approved afterwards. */
export function RetroactiveBadge({ awaiting }: { awaiting: boolean }) {
  return awaiting ? (
    <span className={`${pill} bg-orange-100 text-orange-900 ring-orange-400`}>Needs approval after the fact</span>
  ) : (
    <span className={`${pill} bg-orange-50 text-orange-900 ring-orange-300`}>Approved retroactively</span>
  );
}
