import { SEVERITY_LABELS, STATUS_LABELS, type IncidentStatus, type Severity } from "@/lib/incidents/workflow";

const STATUS_STYLE: Record<IncidentStatus, string> = {
  OPEN: "bg-red-100 text-red-900 ring-red-300",
  INVESTIGATING: "bg-amber-100 text-amber-900 ring-amber-400",
  RESOLVED: "bg-green-100 text-green-900 ring-green-300",
  CLOSED: "bg-slate-100 text-slate-700 ring-slate-300",
};

const SEVERITY_STYLE: Record<Severity, string> = {
  1: "bg-red-700 text-white ring-red-800",
  2: "bg-orange-100 text-orange-900 ring-orange-400",
  3: "bg-yellow-50 text-yellow-900 ring-yellow-400",
  4: "bg-slate-100 text-slate-700 ring-slate-300",
};

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLE[status]}`}>
      {STATUS_LABELS[status]}
    </span>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${SEVERITY_STYLE[severity]}`}>
      Sev {severity} · {SEVERITY_LABELS[severity]}
    </span>
  );
}
