import type { Metadata } from "next";
import Link from "next/link";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/badges";
import { buttonClass, cardClass, inputClass, labelClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";
import { listIncidents, listServersForFilter } from "@/lib/incidents/queries";
import { parseIncidentFilter } from "@/lib/incidents/schemas";
import { durationMinutes, formatDuration, INCIDENT_STATUSES, SEVERITIES, SEVERITY_LABELS, STATUS_LABELS } from "@/lib/incidents/workflow";
import { incidentRef, problemRef } from "@/lib/incidents/naming";
import { formatDateTime } from "@/lib/time/format";

export const metadata: Metadata = { title: "Incidents" };

const STATUS_OPTIONS: [string, string][] = [
  ["", "Open or investigating"],
  ["all", "Any status"],
  ...INCIDENT_STATUSES.map((s): [string, string] => [s, STATUS_LABELS[s]]),
];

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("/incidents");
  const params = await searchParams;
  const parsed = parseIncidentFilter(params);
  const filter = parsed.success ? parsed.data : {};
  const [list, servers] = await Promise.all([listIncidents(filter), listServersForFilter()]);
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  if (list.unknownServer) errors.push("Unknown server: nothing matches it.");
  const query = new URLSearchParams(Object.entries(filter).filter(([k, v]) => k !== "cursor" && v !== undefined).map(([k, v]) => [k, String(v)]));
  const now = new Date();
  const summary = INCIDENT_STATUSES.map((s) => `${list.counts[s] ?? 0} ${STATUS_LABELS[s].toLowerCase()}`).join(" · ");

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Incidents</h1>
          <p className="mt-1 text-sm text-slate-600">All incidents: {summary}.</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href="/incidents/weekly" className={buttonClass.secondary}>
            Weekly report
          </Link>
          {can(user.role, "incident:create") && (
            <Link href="/incidents/new" className={buttonClass.primary}>
              Open an incident
            </Link>
          )}
        </div>
      </div>

      <form method="get" action="/incidents" role="search" aria-label="Filter incidents" className={`${cardClass} grid gap-3 p-4 sm:grid-cols-2 lg:grid-cols-4`}>
        <div>
          <label htmlFor="status" className={labelClass}>Status</label>
          <select id="status" name="status" defaultValue={filter.status === "unresolved" ? "" : (filter.status ?? "")} className={inputClass}>
            {STATUS_OPTIONS.map(([value, label]) => (
              <option key={value} value={value}>{label}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="severity" className={labelClass}>Severity</label>
          <select id="severity" name="severity" defaultValue={filter.severity ? String(filter.severity) : ""} className={inputClass}>
            <option value="">Any</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>{s} — {SEVERITY_LABELS[s]}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="server" className={labelClass}>Server</label>
          <select id="server" name="server" defaultValue={filter.server ?? ""} className={inputClass}>
            <option value="">Any</option>
            {servers.map((s) => (
              <option key={s.id} value={s.id}>{s.name}</option>
            ))}
          </select>
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass.primary}>Filter</button>
          <Link href="/incidents" className={buttonClass.secondary}>Clear</Link>
        </div>
      </form>
      {errors.length > 0 && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">{errors.join(" ")}</p>
      )}

      <div className={`${cardClass} overflow-x-auto`}>
        {list.incidents.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">
            {list.status === "unresolved" && !filter.severity && !filter.server
              ? "No incident is open. Choose “Any status” to see resolved and closed ones."
              : "No incident matches."}
          </p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Incidents, newest first</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">No.</th>
                <th scope="col" className="px-3 py-2">Title</th>
                <th scope="col" className="px-3 py-2">Severity</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2">Servers</th>
                <th scope="col" className="px-3 py-2">Assignee</th>
                <th scope="col" className="px-3 py-2">Opened</th>
                <th scope="col" className="px-3 py-2">Time to resolve</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {list.incidents.map((incident) => (
                <tr key={incident.id} className="align-top" data-testid="incident-row">
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">{incidentRef(incident.id)}</td>
                  <td className="px-3 py-2">
                    <Link href={`/incidents/${incident.id}`} className="font-medium text-brand-700 hover:underline">{incident.title}</Link>
                    {incident.problemId && <span className="ml-2 text-xs text-slate-600">{problemRef(incident.problemId)}</span>}
                  </td>
                  <td className="px-3 py-2"><SeverityBadge severity={incident.severity} /></td>
                  <td className="px-3 py-2"><IncidentStatusBadge status={incident.status} /></td>
                  <td className="px-3 py-2">{incident.servers.join(", ") || "—"}</td>
                  <td className="px-3 py-2">{incident.assignee?.name ?? <span className="text-slate-600">Nobody</span>}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-700">{formatDateTime(incident.openedAt, list.timeZone)}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-700">
                    {incident.resolvedAt ? formatDuration(durationMinutes(incident.openedAt, incident.resolvedAt)) : `open for ${formatDuration(durationMinutes(incident.openedAt, now))}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {list.nextCursor && (
        <Link href={`/incidents?${query.toString()}${query.size ? "&" : ""}cursor=${list.nextCursor}`} className={buttonClass.secondary}>
          Older incidents →
        </Link>
      )}
    </div>
  );
}
