// The incidents raised from a run, for the run's page. A server component: it reads them itself, so
// the run page only places it. Shows nothing to roles that may not read incidents.
import Link from "next/link";
import { cardClass } from "@/components/ui/styles";
import { can } from "@/lib/auth/policy";
import type { Role } from "@/lib/auth/roles";
import { incidentRef } from "@/lib/incidents/naming";
import { listRunIncidents } from "@/lib/incidents/queries";
import { IncidentStatusBadge, SeverityBadge } from "./badges";

export async function RunIncidents({ runId, role }: { runId: string; role: Role }) {
  if (!can(role, "incident:read")) return null;
  const incidents = await listRunIncidents(runId);
  return (
    <section aria-labelledby="run-incidents" className={`${cardClass} p-5`}>
      <h2 id="run-incidents" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
        Incidents
      </h2>
      {incidents.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">
          No incident has been raised from this run.
          {can(role, "incident:create") ? " Use “Raise an incident” on a failed item to open one, prefilled." : ""}
        </p>
      ) : (
        <ul className="mt-2 space-y-3" aria-label="Incidents raised from this run">
          {incidents.map((incident) => (
            <li key={incident.id} className="text-sm">
              <Link href={`/incidents/${incident.id}`} className="font-medium text-brand-700 hover:underline">
                {incidentRef(incident.id)} {incident.title}
              </Link>
              <div className="mt-1 flex flex-wrap gap-1">
                <IncidentStatusBadge status={incident.status} />
                <SeverityBadge severity={incident.severity} />
              </div>
              {incident.itemText && <p className="mt-1 text-xs text-slate-600">From: {incident.itemText}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
