// On a run's record: the changes implemented on its server during its period, so whoever reads a
// failed or odd result sees what was changed around it. A self-contained server component.
import Link from "next/link";
import { ChangeStatusBadge, ChangeTypeBadge } from "@/components/changes/badges";
import { cardClass } from "@/components/ui/styles";
import { can } from "@/lib/auth/policy";
import { getCurrentUser } from "@/lib/auth/session";
import { changesDuringRun } from "@/lib/changes/queries";
import { formatDateTime, formatLocalDate } from "@/lib/time/format";
import { changeRef } from "@/lib/changes/naming";

export async function RunChanges({ runId }: { runId: string }) {
  const user = await getCurrentUser();
  if (!user || !can(user.role, "change:read")) return null;
  const view = await changesDuringRun(runId);
  if (!view) return null;
  const { timeZone, period, periodEnd } = view;
  const span = period.fromDate === periodEnd ? formatLocalDate(periodEnd) : `${formatLocalDate(period.fromDate)} to ${formatLocalDate(periodEnd)}`;
  return (
    <section aria-labelledby="run-changes" className={`${cardClass} p-5`}>
      <h2 id="run-changes" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
        Changes in this period
      </h2>
      <p className="mt-1 text-xs text-slate-600">
        Implemented {view.serverName ? `on ${view.serverName}` : "on any server"}, {span}.
      </p>
      {view.changes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">None.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {view.changes.map((c) => (
            <li key={c.id} className="text-sm">
              <Link href={`/changes/${c.id}`} className="font-medium text-brand-700 underline">
                {changeRef(c.id)} {c.title}
              </Link>
              <span className="mt-0.5 flex flex-wrap items-center gap-1">
                <ChangeTypeBadge type={c.type} />
                <ChangeStatusBadge status={c.status} />
              </span>
              <span className="block text-xs text-slate-600">
                Implemented {formatDateTime(c.implementedAt, timeZone)} by {c.implementerName}
                {view.verifiesChangeId === c.id ? " · this run verifies it" : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
