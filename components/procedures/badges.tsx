import {
  CADENCE_LABELS,
  EXCHANGE_ROLE_LABELS,
  EXCHANGE_ROLE_SHORT,
  type Cadence,
  type ExchangeRole,
} from "@/lib/procedures/vocabulary";

const CADENCE_STYLE: Record<Cadence, string> = {
  DAILY: "bg-sky-100 text-sky-900 ring-sky-300",
  WEEKLY: "bg-violet-100 text-violet-900 ring-violet-300",
  MONTHLY: "bg-amber-100 text-amber-900 ring-amber-300",
  AS_NEEDED: "bg-slate-100 text-slate-800 ring-slate-300",
};

export function CadenceBadge({ cadence }: { cadence: Cadence }) {
  return (
    <span className={`pill ${CADENCE_STYLE[cadence]}`}>
      {CADENCE_LABELS[cadence]}
    </span>
  );
}

export function RoleBadges({ roles }: { roles: ExchangeRole[] }) {
  if (roles.length === 0) return <span className="text-xs text-slate-600">Organisation-wide</span>;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {roles.map((role) => (
        <abbr
          key={role}
          title={EXCHANGE_ROLE_LABELS[role]}
          className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700 no-underline ring-1 ring-inset ring-slate-300"
        >
          {EXCHANGE_ROLE_SHORT[role]}
        </abbr>
      ))}
    </span>
  );
}
