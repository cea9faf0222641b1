import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Markdown } from "@/components/markdown";
import { expectation } from "@/components/procedures/checklist-table";
import { CommandBlock } from "@/components/procedures/command-block";
import { AutoRefresh } from "@/components/runs/auto-refresh";
import { ItemRecorder } from "@/components/runs/item-recorder";
import { toRecorderResult } from "@/components/runs/recorder-result";
import { SkipRunForm } from "@/components/runs/skip-form";
import { Progress, StateBadge } from "@/components/runs/state-badge";
import { cardClass } from "@/components/ui/styles";
import { can } from "@/lib/auth/policy";
import { RunChanges } from "@/components/changes/run-changes";
import { RunIncidents } from "@/components/incidents/run-incidents";
import { requirePage } from "@/lib/auth/guard";
import { acknowledgementNeededForRun } from "@/lib/training/queries";
import { recordResultAction, skipRunAction } from "@/lib/runs/actions";
import { getRun } from "@/lib/runs/queries";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { formatDateTime, formatLongDate } from "@/lib/time/format";

type Params = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Run" };

export default async function RunPage({ params }: Params) {
  const { id } = await params;
  const user = await requirePage("/runs/[id]", `/runs/${id}`);
  const [run, settings, acknowledgement] = await Promise.all([getRun(id), getOrganisationSettings(), acknowledgementNeededForRun(user, id)]);
  if (!run) notFound();
  const tz = settings.timeZone;
  const canRecord = can(user.role, "run:record");
  const disabledReason = !canRecord
    ? "Your role can read this run but not record results."
    : run.state === "SKIPPED"
      ? "This run was skipped."
      : run.state === "SUPPRESSED"
        ? "This run falls in a maintenance window."
        : run.state === "UPCOMING"
          ? `This run opens on ${formatDateTime(run.opensAt, tz)}.`
          : null;

  return (
    <div className="space-y-5">
      <AutoRefresh seconds={20} />
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/today" className="text-brand-700 underline">
          Today
        </Link>{" "}
        <span aria-hidden="true">›</span> {run.version.title}
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex flex-wrap items-center gap-2">
            <StateBadge state={run.state} />
            <Progress done={run.requiredDone} total={run.requiredTotal} label="Required items recorded" />
          </div>
          <h1 className="mt-1 text-2xl font-semibold">
            {run.version.title}
            {run.server ? <span className="text-slate-600"> — {run.server.name}</span> : null}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {formatLongDate(run.localDate)} · due {formatDateTime(run.dueAt, tz)} · late after {formatDateTime(run.graceEndsAt, tz)} · version {run.version.number}{" "}
            of the{" "}
            <Link href={`/procedures/${run.procedure.slug}`} className="text-brand-700 underline">
              procedure
            </Link>
            {run.newerVersionExists ? " (a newer version exists; this run keeps the version it was performed against)" : ""}
            {can(user.role, "audit:read") && (
              <>
                {" · "}
                <Link href={`/audit?entityType=Run&entityId=${run.id}`} className="text-brand-700 underline">
                  audit timeline
                </Link>
              </>
            )}
          </p>
        </div>
      </header>

      {acknowledgement && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {acknowledgement.message}{" "}
          <Link href={`/procedures/${acknowledgement.slug}`} className="font-medium underline">
            Read version {acknowledgement.number} and mark it read and understood
          </Link>
          .
        </p>
      )}

      <dl className={`${cardClass} grid gap-x-6 gap-y-1 p-4 text-sm sm:grid-cols-2`} aria-label="Completion">
        <div className="flex gap-2">
          <dt className="font-semibold">Prepared by</dt>
          <dd>{run.completedBy?.name ?? run.skippedBy?.name ?? "—"}</dd>
        </div>
        <div className="flex gap-2">
          <dt className="font-semibold">Date</dt>
          <dd>{run.completedAt ? formatDateTime(run.completedAt, tz) : run.skippedAt ? formatDateTime(run.skippedAt, tz) : "—"}</dd>
        </div>
        {run.skipReason && (
          <div className="flex gap-2 sm:col-span-2">
            <dt className="font-semibold">Skipped because</dt>
            <dd>{run.skipReason}</dd>
          </div>
        )}
      </dl>

      <div className="grid gap-5 lg:grid-cols-3">
        <section aria-labelledby="checklist" className="min-w-0 space-y-3 lg:col-span-2">
          <h2 id="checklist" className="text-lg font-semibold">
            Checklist
          </h2>
          <ol className="space-y-3">
            {run.items.map((item, i) => (
              <ItemRecorder
                key={item.id}
                action={recordResultAction}
                runId={run.id}
                index={i + 1}
                item={{ ...item, expectation: expectation(item) }}
                current={item.current ? toRecorderResult(item.current, tz) : null}
                earlier={item.earlier.map((r) => toRecorderResult(r, tz))}
                disabledReason={disabledReason}
                canRaiseIncident={can(user.role, "incident:create")}
              />
            ))}
          </ol>
          {can(user.role, "run:skip") && !run.completedAt && !run.skippedAt && <SkipRunForm action={skipRunAction} runId={run.id} />}
        </section>
        <aside className="min-w-0 space-y-5">
          <RunIncidents runId={run.id} role={user.role} />
          <section aria-labelledby="guidance" className={`${cardClass} p-5`}>
            <h2 id="guidance" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
              Guidance
            </h2>
            <p className="mt-2 text-sm">{run.version.purpose}</p>
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-brand-700">How to do it</summary>
              <Markdown source={run.version.body} />
            </details>
          </section>
          <section aria-labelledby="commands" className={`${cardClass} p-5`}>
            <h2 id="commands" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
              Tools and commands
            </h2>
            <ul className="mt-2 space-y-3">
              {run.version.tools.map((use) => (
                <li key={use.id}>
                  <p className="text-sm font-medium">{use.tool.name}</p>
                  {use.purpose && <p className="text-xs text-slate-600">{use.purpose}</p>}
                  {use.command && <CommandBlock command={use.command} />}
                </li>
              ))}
            </ul>
          </section>
          <RunChanges runId={run.id} />
        </aside>
      </div>
    </div>
  );
}
