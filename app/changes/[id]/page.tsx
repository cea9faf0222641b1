import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChangeStatusBadge, ChangeTypeBadge, RetroactiveBadge, RiskBadge } from "@/components/changes/badges";
import { ChangeForm } from "@/components/changes/change-form";
import { WorkflowControls, type WorkflowSteps } from "@/components/changes/workflow-controls";
import { RoleBadges } from "@/components/procedures/badges";
import { StateBadge } from "@/components/runs/state-badge";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";
import {
  approveChangeAction,
  closeChangeAction,
  implementChangeAction,
  rejectChangeAction,
  submitChangeAction,
  updateChangeAction,
  verifyChangeAction,
} from "@/lib/changes/actions";
import { toLocalInput } from "@/lib/time/local";
import { getChange, listServerChoices, type ChangeDetail } from "@/lib/changes/queries";
import { CHANGE_ACTION_PERMISSIONS, decide, subjectOf, type ChangeAction } from "@/lib/changes/workflow";
import { formatDateTime } from "@/lib/time/format";
import { changeRef } from "@/lib/changes/naming";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  return { title: /^\d{1,9}$/.test(id) ? changeRef(Number(id)) : "Change" };
}

/** One sentence on where the change stands and who acts next. */
function whereItStands(change: ChangeDetail, isRequester: boolean): string {
  const tz = change.timeZone;
  const requester = isRequester ? "you" : change.requester.name;
  switch (change.status) {
    case "DRAFT":
      return isRequester ? "Draft: you can still edit it; submit it when it is ready." : `Draft: ${change.requester.name} can still edit it, then submits it.`;
    case "SUBMITTED":
      return change.type === "EMERGENCY"
        ? `Submitted as an emergency: it may be implemented now, and a manager other than ${requester} approves it, before or after.`
        : `Waiting for a manager other than ${requester} to approve or reject it.`;
    case "APPROVED":
      return `Approved; to be implemented in the planned window, from ${formatDateTime(change.plannedStart, tz)}.`;
    case "REJECTED":
      return `Rejected by ${change.approver?.name ?? "a manager"}; it must not be implemented.`;
    case "IMPLEMENTED": {
      const approval = change.type === "EMERGENCY" && !change.approverId ? " A manager must also approve this emergency change after the fact." : "";
      return `${change.verificationProblem ?? "Implemented; its verification runs have all completed without exceptions."}${approval}`;
    }
    case "VERIFIED":
      return change.type === "EMERGENCY" && !change.approverId
        ? "Verified, but not yet approved: a manager must approve this emergency change after the fact before it is closed."
        : "Verified: every verification run completed without exceptions. A manager closes it after the post-implementation review.";
    case "CLOSED":
      return "Closed. The record is complete.";
  }
}

function Paragraphs({ text }: { text: string }) {
  return <p className="whitespace-pre-wrap break-words text-sm text-slate-800">{text}</p>;
}

export default async function ChangePage({ params }: Params) {
  const { id } = await params;
  const user = await requirePage("/changes/[id]", `/changes/${id}`);
  if (!/^\d{1,9}$/.test(id)) notFound();
  const change = await getChange(Number(id));
  if (!change) notFound();
  const tz = change.timeZone;

  const subject = subjectOf(change);
  const isRequester = change.requesterId === user.id;
  const decision = (action: ChangeAction) => (can(user.role, CHANGE_ACTION_PERMISSIONS[action]) ? decide(subject, action, { isRequester }) : null);
  const may = (action: ChangeAction) => decision(action)?.allowed === true;
  const approval = decision("approve");
  const steps: WorkflowSteps = {
    submit: may("submit") ? { preApproved: change.type === "STANDARD", emergency: change.type === "EMERGENCY" } : undefined,
    decide: approval?.allowed ? { retroactive: approval.retroactive } : undefined,
    implement: may("implement") && change.choices ? { ...change.choices, beforeApproval: !subject.approved } : undefined,
    verify: may("verify") && change.runs.length > 0 && change.verificationProblem === null ? true : undefined,
    close: may("close") ? true : undefined,
  };
  const servers = may("edit") ? await listServerChoices() : [];
  const awaitingRetro = change.type === "EMERGENCY" && !change.approverId && (change.status === "IMPLEMENTED" || change.status === "VERIFIED");

  return (
    <div className="space-y-5">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/changes" className="text-brand-700 underline">
          Changes
        </Link>{" "}
        <span aria-hidden="true">›</span> {changeRef(change.id)}
      </nav>
      <header>
        <div className="flex flex-wrap items-center gap-2">
          <ChangeStatusBadge status={change.status} />
          <ChangeTypeBadge type={change.type} />
          <RiskBadge risk={change.risk} />
          {(awaitingRetro || change.approvedRetroactively) && <RetroactiveBadge awaiting={awaitingRetro} />}
        </div>
        <h1 className="mt-1 text-2xl font-semibold">
          <span className="text-slate-600">{changeRef(change.id)}:</span> {change.title}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Requested by {change.requester.name} on {formatDateTime(change.createdAt, tz)}
          {can(user.role, "audit:read") && (
            <>
              {" · "}
              <Link href={`/audit?entityType=Change&entityId=${change.id}`} className="text-brand-700 underline">
                audit timeline
              </Link>
            </>
          )}
        </p>
      </header>

      <div className="grid gap-5 lg:grid-cols-3">
        <div className="min-w-0 space-y-5 lg:col-span-2">
          <section aria-labelledby="details" className={`${cardClass} space-y-4 p-5`}>
            <h2 id="details" className="text-lg font-semibold">
              Details
            </h2>
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="font-semibold">Planned window</dt>
                <dd>
                  {formatDateTime(change.plannedStart, tz)} to {formatDateTime(change.plannedEnd, tz)}
                </dd>
              </div>
              <div>
                <dt className="font-semibold">Affected servers</dt>
                <dd>
                  <ul className="space-y-0.5">
                    {change.servers.map((s) => (
                      <li key={s.id} className="flex flex-wrap items-center gap-1">
                        {s.name} <RoleBadges roles={s.roles} />
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
              {change.toolChange && (
                <div className="sm:col-span-2" data-testid="tool-change">
                  <dt className="font-semibold">Change to the standard tool set</dt>
                  <dd>
                    {change.toolChange.summary}.{" "}
                    {change.toolChange.appliedAt ? `The catalogue changed when the change was implemented (${formatDateTime(change.toolChange.appliedAt, tz)}).` : "The catalogue changes when the change is implemented."}
                  </dd>
                </div>
              )}
              <div className="sm:col-span-2">
                <dt className="font-semibold">Description</dt>
                <dd>
                  <Paragraphs text={change.description} />
                </dd>
              </div>
              <div className="sm:col-span-2">
                <dt className="font-semibold">Reason</dt>
                <dd>
                  <Paragraphs text={change.reason} />
                </dd>
              </div>
              <div className="sm:col-span-2">
                <dt className="font-semibold">Back-out plan</dt>
                <dd>
                  <Paragraphs text={change.backoutPlan} />
                </dd>
              </div>
            </dl>
          </section>

          {may("edit") && (
            <details className={`${cardClass} p-5`}>
              <summary className="cursor-pointer text-sm font-medium text-brand-700">Edit this draft</summary>
              <div className="mt-4">
                <ChangeForm
                  action={updateChangeAction}
                  changeId={change.id}
                  servers={servers}
                  timeZone={tz}
                  values={{
                    title: change.title,
                    type: change.type,
                    description: change.description,
                    reason: change.reason,
                    risk: change.risk,
                    backoutPlan: change.backoutPlan,
                    plannedStart: toLocalInput(change.plannedStart, tz),
                    plannedEnd: toLocalInput(change.plannedEnd, tz),
                    serverIds: change.servers.map((s) => s.id),
                  }}
                />
              </div>
            </details>
          )}

          <section aria-labelledby="verification" className={`${cardClass} p-5`}>
            <h2 id="verification" className="text-lg font-semibold">
              Verification runs
            </h2>
            {change.runs.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600">
                None yet. When the change is marked implemented, the implementer chooses the verification procedures and each gets a run on the affected servers.
              </p>
            ) : (
              <div className="mt-2 overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">Verification runs of this change</caption>
                  <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
                    <tr>
                      <th scope="col" className="py-2 pr-3">
                        Procedure
                      </th>
                      <th scope="col" className="py-2 pr-3">
                        Server
                      </th>
                      <th scope="col" className="py-2 pr-3">
                        State
                      </th>
                      <th scope="col" className="py-2">
                        Due, done
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-200">
                    {change.runs.map((run) => (
                      <tr key={run.id} data-testid="verification-run">
                        <td className="py-2 pr-3">
                          <Link href={`/runs/${run.id}`} className="font-medium text-brand-700 hover:underline">
                            {run.title}
                            {run.serverName && <span className="sr-only"> on {run.serverName}</span>}
                          </Link>
                        </td>
                        <td className="py-2 pr-3">{run.serverName ?? "—"}</td>
                        <td className="py-2 pr-3">
                          <StateBadge state={run.state} />
                        </td>
                        <td className="py-2 text-xs text-slate-700">
                          Due {formatDateTime(run.dueAt, tz)}
                          {run.completedAt && (
                            <span className="block">
                              Done {formatDateTime(run.completedAt, tz)}
                              {run.completedByName ? ` by ${run.completedByName}` : ""}
                            </span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>

        <aside className="min-w-0 space-y-5">
          <section aria-labelledby="workflow" className={`${cardClass} space-y-3 p-5`}>
            <h2 id="workflow" className="text-lg font-semibold">
              Workflow
            </h2>
            <p className="text-sm text-slate-800" data-testid="change-stands">
              {whereItStands(change, isRequester)}
            </p>
            <WorkflowControls
              changeId={change.id}
              steps={steps}
              actions={{
                submit: submitChangeAction,
                approve: approveChangeAction,
                reject: rejectChangeAction,
                implement: implementChangeAction,
                verify: verifyChangeAction,
                close: closeChangeAction,
              }}
            />
          </section>

          <section aria-labelledby="record" className={`${cardClass} p-5`}>
            <h2 id="record" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
              Record
            </h2>
            <dl className="mt-2 space-y-2 text-sm">
              <div>
                <dt className="font-semibold">Requested</dt>
                <dd>
                  {change.requester.name}, {formatDateTime(change.createdAt, tz)}
                </dd>
              </div>
              {change.decidedAt && (
                <div>
                  <dt className="font-semibold">{change.status === "REJECTED" ? "Rejected" : change.approvedRetroactively ? "Approved after the fact" : "Approved"}</dt>
                  <dd>
                    {change.approver?.name ?? "Pre-approved (standard change)"}, {formatDateTime(change.decidedAt, tz)}
                    {change.decisionNote && change.approver && <span className="mt-0.5 block whitespace-pre-wrap text-slate-700">“{change.decisionNote}”</span>}
                  </dd>
                </div>
              )}
              {change.implementedAt && (
                <div>
                  <dt className="font-semibold">Implemented</dt>
                  <dd>
                    {change.implementer?.name ?? "—"}, {formatDateTime(change.implementedAt, tz)}
                  </dd>
                </div>
              )}
              {change.verifiedAt && (
                <div>
                  <dt className="font-semibold">Verified</dt>
                  <dd>{formatDateTime(change.verifiedAt, tz)}</dd>
                </div>
              )}
              {change.closedAt && (
                <div>
                  <dt className="font-semibold">Closed</dt>
                  <dd>{formatDateTime(change.closedAt, tz)}</dd>
                </div>
              )}
            </dl>
          </section>
        </aside>
      </div>
    </div>
  );
}
