import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/badges";
import { AddUpdateForm, DetailsForm, StatusForm } from "@/components/incidents/incident-controls";
import { CreateProblemForm, EditProblemForm, LinkProblemForm, UnlinkProblemButton } from "@/components/incidents/problem-forms";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";
import {
  addUpdateAction,
  changeStatusAction,
  createProblemAction,
  linkProblemAction,
  unlinkProblemAction,
  updateIncidentAction,
  updateProblemAction,
} from "@/lib/incidents/actions";
import { getIncident, incidentFormOptions, listProblems, parseIncidentId } from "@/lib/incidents/queries";
import { availableSteps, decide, formatDuration, STATUS_LABELS } from "@/lib/incidents/workflow";
import { OUTCOME_LABELS, type Outcome } from "@/lib/runs/evaluate";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { incidentRef, problemRef } from "@/lib/incidents/naming";
import { formatDateTime, formatLocalDate } from "@/lib/time/format";

type Params = { params: Promise<{ id: string }> };

// Static, like the run page: a title computed per request is streamed, and is briefly missing while
// the page refreshes after a change.
export const metadata: Metadata = { title: "Incident" };

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className={`${cardClass} p-5`}>
      <h2 id={id} className="text-lg font-semibold">{title}</h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

export default async function IncidentPage({ params }: Params) {
  const { id } = await params;
  const user = await requirePage("/incidents/[id]", `/incidents/${id}`);
  const incidentId = parseIncidentId(id);
  if (incidentId === null) notFound();
  const [incident, settings] = await Promise.all([getIncident(incidentId), getOrganisationSettings()]);
  if (!incident) notFound();
  const tz = settings.timeZone;
  const mayUpdate = can(user.role, "incident:update");
  const [options, problems] = mayUpdate ? await Promise.all([incidentFormOptions(), incident.problem ? Promise.resolve([]) : listProblems()]) : [null, []];
  const closed = incident.status === "CLOSED";
  const mayEdit = mayUpdate && decide(incident.status, "edit", { resolution: incident.resolution }).ok;
  const mayLink = mayUpdate && decide(incident.status, "link_problem", { resolution: incident.resolution }).ok;
  // Servers already affected stay choosable even when out of service since.
  const serverChoices = options
    ? [...options.servers, ...incident.servers.filter((s) => !s.active).map((s) => ({ id: s.id, name: `${s.name} (out of service)` }))].sort((a, b) => a.name.localeCompare(b.name))
    : [];
  const run = incident.sourceRun;
  const result = incident.sourceResult;

  return (
    <div className="space-y-5">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/incidents" className="text-brand-700 underline">Incidents</Link> <span aria-hidden="true">›</span> {incidentRef(incident.id)}
      </nav>
      <header>
        <div className="flex flex-wrap items-center gap-2">
          <IncidentStatusBadge status={incident.status} />
          <SeverityBadge severity={incident.severity} />
          {incident.problem && (
            <a href="#problem" className="text-xs text-brand-700 underline">{problemRef(incident.problem.id)}</a>
          )}
        </div>
        <h1 className="mt-1 text-2xl font-semibold">
          <span className="text-slate-600">{incidentRef(incident.id)}:</span> {incident.title}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Opened by {incident.openedBy.name} on {formatDateTime(incident.openedAt, tz)} · {incident.assignee ? `assigned to ${incident.assignee.name}` : "not assigned"}
          {incident.resolvedAt && ` · resolved ${formatDateTime(incident.resolvedAt, tz)}, after ${formatDuration(incident.durationMinutes ?? 0)}`}
          {incident.closedAt && ` · closed ${formatDateTime(incident.closedAt, tz)}`}
          {can(user.role, "audit:read") && (
            <>
              {" · "}
              <Link href={`/audit?entityType=Incident&entityId=${incident.id}`} className="text-brand-700 underline">audit timeline</Link>
            </>
          )}
        </p>
      </header>

      {run && incident.sourceItem && (
        <section aria-labelledby="source" className={`${cardClass} border-red-200 p-4`}>
          <h2 id="source" className="text-sm font-semibold uppercase tracking-wide text-slate-600">Raised from a failed check</h2>
          <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
            <div className="flex flex-wrap gap-x-2">
              <dt className="font-semibold">Procedure</dt>
              <dd>
                {incident.procedure ? (
                  <Link href={`/procedures/${incident.procedure.slug}`} className="text-brand-700 underline">{run.version.title}</Link>
                ) : (
                  run.version.title
                )}
              </dd>
            </div>
            <div className="flex flex-wrap gap-x-2">
              <dt className="font-semibold">Run</dt>
              <dd>
                <Link href={`/runs/${run.id}`} className="text-brand-700 underline">
                  {formatLocalDate(run.localDate)}{run.server ? ` on ${run.server.name}` : ""}
                </Link>
              </dd>
            </div>
            <div className="flex flex-wrap gap-x-2">
              <dt className="font-semibold">Checklist item</dt>
              <dd>{incident.sourceItem.text}</dd>
            </div>
            <div className="flex flex-wrap gap-x-2">
              <dt className="font-semibold">Recorded</dt>
              <dd>
                {result ? `${incident.sourceValue || OUTCOME_LABELS[result.outcome as Outcome]}, by ${result.recordedBy.name} at ${formatDateTime(result.recordedAt, tz)}` : "—"}
                {result?.supersededBy && <span className="text-slate-600"> (corrected later on the run)</span>}
              </dd>
            </div>
            {result?.failureReason && (
              <div className="flex flex-wrap gap-x-2 sm:col-span-2">
                <dt className="font-semibold">Why it failed</dt>
                <dd className="text-red-900">{result.failureReason}</dd>
              </div>
            )}
          </dl>
        </section>
      )}

      <div className="grid gap-5 lg:grid-cols-3">
        <div className="min-w-0 space-y-5 lg:col-span-2">
          <Section id="description" title="Description">
            {incident.description ? <p className="whitespace-pre-line text-sm">{incident.description}</p> : <p className="text-sm text-slate-600">No description yet.</p>}
            <p className="mt-3 text-sm">
              <span className="font-semibold">Affected servers:</span> {incident.servers.length ? incident.servers.map((s) => s.name).join(", ") : "none recorded"}
            </p>
          </Section>

          {(incident.resolution || incident.rootCause) && (
            <Section id="resolution" title="Resolution and root cause">
              <dl className="space-y-3 text-sm">
                <div>
                  <dt className="font-semibold">Resolution</dt>
                  <dd className="whitespace-pre-line">{incident.resolution || <span className="text-slate-600">Not resolved yet.</span>}</dd>
                </div>
                <div>
                  <dt className="font-semibold">Root cause</dt>
                  <dd className="whitespace-pre-line">{incident.rootCause || <span className="text-slate-600">Not known yet.</span>}</dd>
                </div>
              </dl>
            </Section>
          )}

          <Section id="timeline" title="Timeline">
            <ol className="space-y-4 border-l-2 border-slate-200 pl-4" aria-label="Updates, oldest first">
              {incident.updates.map((u) => (
                <li key={u.id} className="relative" data-testid="timeline-entry">
                  <span aria-hidden="true" className="absolute -left-[1.4rem] top-1.5 h-2.5 w-2.5 rounded-full bg-slate-400" />
                  <p className="text-xs text-slate-600">
                    {formatDateTime(u.at, tz)} · {u.author.name}
                    {u.toStatus && (
                      <>
                        {" · "}
                        <span className="font-medium text-slate-800">
                          {u.fromStatus ? `${STATUS_LABELS[u.fromStatus]} → ${STATUS_LABELS[u.toStatus]}` : STATUS_LABELS[u.toStatus]}
                        </span>
                      </>
                    )}
                  </p>
                  <p className="mt-0.5 whitespace-pre-line text-sm">{u.body}</p>
                </li>
              ))}
            </ol>
            {mayEdit && (
              <div className="mt-5 border-t border-slate-200 pt-4">
                <AddUpdateForm action={addUpdateAction} incidentId={incident.id} />
              </div>
            )}
          </Section>
        </div>

        <aside className="min-w-0 space-y-5">
          <Section id="workflow" title="Status">
            {closed ? (
              <p className="text-sm text-slate-600">
                Closed: this record is final. If the fault comes back, open a new incident and link both to a problem.
              </p>
            ) : mayUpdate ? (
              <StatusForm action={changeStatusAction} incidentId={incident.id} status={incident.status} steps={availableSteps(incident.status)} rootCause={incident.rootCause} />
            ) : (
              <p className="text-sm">{STATUS_LABELS[incident.status]}</p>
            )}
          </Section>

          {mayEdit && options && (
            <section aria-labelledby="edit-details" className={`${cardClass} p-5`}>
              <details>
                <summary className="cursor-pointer">
                  <h2 id="edit-details" className="inline text-lg font-semibold">Edit details</h2>
                </summary>
                <p className="mt-1 text-sm text-slate-600">Severity, assignee, affected servers, description and root cause. Every change is noted in the timeline.</p>
                <div className="mt-3">
                  <DetailsForm
                    action={updateIncidentAction}
                    incidentId={incident.id}
                    servers={serverChoices}
                    assignees={options.assignees}
                    values={{
                      title: incident.title,
                      description: incident.description,
                      severity: incident.severity,
                      assigneeId: incident.assignee?.id ?? null,
                      serverIds: incident.servers.map((s) => s.id),
                      rootCause: incident.rootCause,
                      resolution: incident.status === "RESOLVED" ? incident.resolution : null,
                    }}
                  />
                </div>
              </details>
            </section>
          )}

          <section id="problem" aria-labelledby="problem-heading" className={`${cardClass} p-5`}>
            <h2 id="problem-heading" className="text-lg font-semibold">Problem</h2>
            {incident.problem ? (
              <div className="mt-3 space-y-3 text-sm">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <p className="font-medium">
                    {problemRef(incident.problem.id)} {incident.problem.title}
                  </p>
                  {mayLink && <UnlinkProblemButton action={unlinkProblemAction} incidentId={incident.id} problemId={incident.problem.id} />}
                </div>
                {incident.problem.description && <p className="whitespace-pre-line">{incident.problem.description}</p>}
                <p>
                  <span className="font-semibold">Root cause:</span> {incident.problem.rootCause || <span className="text-slate-600">not known yet</span>}
                </p>
                <table className="w-full text-left text-sm">
                  <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                    Incidents of this problem ({incident.problem.incidents.length})
                  </caption>
                  <thead className="sr-only">
                    <tr>
                      <th scope="col">Incident</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-200">
                    {incident.problem.incidents.map((i) => (
                      <tr key={i.id} className="align-top">
                        <td className="py-1 pr-2">
                          {i.id === incident.id ? (
                            <span aria-current="page">{incidentRef(i.id)} {i.title} <span className="text-slate-600">(this one)</span></span>
                          ) : (
                            <Link href={`/incidents/${i.id}`} className="text-brand-700 hover:underline">{incidentRef(i.id)} {i.title}</Link>
                          )}
                          <span className="block text-xs text-slate-600">opened {formatDateTime(i.openedAt, tz)}</span>
                        </td>
                        <td className="py-1 text-right"><IncidentStatusBadge status={i.status} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {mayUpdate && (
                  <details>
                    <summary className="cursor-pointer text-brand-700">Edit the problem</summary>
                    <div className="mt-2">
                      <EditProblemForm action={updateProblemAction} problem={incident.problem} />
                    </div>
                  </details>
                )}
              </div>
            ) : mayLink ? (
              <div className="mt-3 space-y-4">
                <p className="text-sm text-slate-600">Recurring incidents with one cause are linked as one problem, so the cause is fixed once.</p>
                <LinkProblemForm action={linkProblemAction} incidentId={incident.id} problems={problems} />
                <details>
                  <summary className="cursor-pointer text-sm text-brand-700">Start a new problem from this incident</summary>
                  <div className="mt-2">
                    <CreateProblemForm action={createProblemAction} incidentId={incident.id} defaults={{ title: incident.title, rootCause: incident.rootCause }} />
                  </div>
                </details>
              </div>
            ) : (
              <p className="mt-3 text-sm text-slate-600">Not linked to a problem.</p>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}
