import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Markdown } from "@/components/markdown";
import { CommandBlock } from "@/components/procedures/command-block";
import { AutoRefresh } from "@/components/runs/auto-refresh";
import { ItemDetails } from "@/components/runs/item-details";
import { ItemRecord } from "@/components/runs/item-record";
import { ItemRecorder } from "@/components/runs/item-recorder";
import { toRecorderResult } from "@/components/runs/recorder-result";
import { RunKeyboard } from "@/components/runs/run-keyboard";
import { LeftOutItems, NextRunLink, RunBanner, RunProgress } from "@/components/runs/run-status";
import { SkipRunForm } from "@/components/runs/skip-form";
import { StateBadge } from "@/components/runs/state-badge";
import { cardClass } from "@/components/ui/styles";
import { can } from "@/lib/auth/policy";
import { RunChanges } from "@/components/changes/run-changes";
import { RunIncidents } from "@/components/incidents/run-incidents";
import { requirePage } from "@/lib/auth/guard";
import { acknowledgementNeededForRun } from "@/lib/training/queries";
import { recordResultAction, skipRunAction } from "@/lib/runs/actions";
import { getRun } from "@/lib/runs/queries";
import { getShiftRuns } from "@/lib/runs/shift-queries";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { substituteText } from "@/lib/procedures/placeholders";
import { PlaceholderText } from "@/components/procedures/placeholder-text";
import { ServerMismatchWarning } from "@/components/procedures/server-mismatch-warning";
import { formatDateTime, formatLongDate } from "@/lib/time/format";
import { RunToolWarning } from "@/components/tools/run-tool-warning";
import { toolsLackingForRun } from "@/lib/tools/queries";

type Params = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Run" };

const LIST_ID = "checklist-items";

export default async function RunPage({ params }: Params) {
  const { id } = await params;
  const user = await requirePage("/runs/[id]", `/runs/${id}`);
  const [run, settings, acknowledgement, toolGaps] = await Promise.all([getRun(id), getOrganisationSettings(), acknowledgementNeededForRun(user, id), toolsLackingForRun(id)]);
  if (!run) notFound();
  const tz = settings.timeZone;
  const canRecord = can(user.role, "run:record");
  const takesResults = run.state !== "SKIPPED" && run.state !== "SUPPRESSED" && run.state !== "UPCOMING";
  const recording = canRecord && takesResults;
  const complete = run.completedAt !== null || run.requiredDone >= run.requiredTotal;
  // The shift's next run is looked up only once it is wanted: after the last required item.
  const shift = complete && canRecord && takesResults ? await getShiftRuns(user, run.id) : null;
  const { placeholders, otherServers } = run;
  // Item texts, counters and help name volumes and servers through placeholders too: filled in for
  // this server (a value not set reads ‹name›).
  const fill = (text: string) => (text.includes("{{") ? substituteText(text, placeholders) : text);
  const canRaiseIncident = can(user.role, "incident:create");

  return (
    <div className="space-y-4">
      <AutoRefresh seconds={20} />
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/today" className="text-brand-700 underline">
          Today
        </Link>{" "}
        <span aria-hidden="true">›</span> {run.version.title}
      </nav>
      <header>
        <h1 className="break-words text-2xl font-semibold">
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
          {" · "}
          <Link href={`/procedures/${run.procedure.slug}/print?run=${encodeURIComponent(run.id)}`} className="text-brand-700 underline">
            print{run.server ? ` for ${run.server.name}` : ""}
          </Link>
          {can(user.role, "audit:read") && (
            <>
              {" · "}
              <Link href={`/audit?entityType=Run&entityId=${run.id}`} className="text-brand-700 underline">
                audit timeline
              </Link>
            </>
          )}
        </p>
      </header>

      <RunProgress requiredDone={run.requiredDone} requiredTotal={run.requiredTotal} failedItems={run.failedItems} naItems={run.naItems} badge={<StateBadge state={run.state} />}>
        {recording && <RunKeyboard listId={LIST_ID} />}
      </RunProgress>

      {acknowledgement && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {acknowledgement.message}{" "}
          <Link href={`/procedures/${acknowledgement.slug}`} className="font-medium underline">
            Read version {acknowledgement.number} and mark it read and understood
          </Link>
          .
        </p>
      )}

      {run.server && <RunToolWarning serverName={run.server.name} lacking={toolGaps.lacking} timeZone={tz} />}

      <RunBanner
        state={run.state}
        complete={complete}
        failedItems={run.failedItems}
        naItems={run.naItems}
        opensOn={formatDateTime(run.opensAt, tz)}
        skipped={{ by: run.skippedBy?.name ?? null, at: run.skippedAt ? formatDateTime(run.skippedAt, tz) : null, reason: run.skipReason }}
        readOnly={!canRecord}
        next={shift && <NextRunLink next={shift.runs[0] ?? null} remaining={shift.runs.length} shift={shift.label} />}
      />

      {(run.completedAt || run.skippedAt) && (
        <dl className={`${cardClass} grid gap-x-6 gap-y-1 px-4 py-2 text-sm sm:grid-cols-2`} aria-label="Completion">
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
              <dd className="min-w-0 break-words">{run.skipReason}</dd>
            </div>
          )}
        </dl>
      )}

      <div className="grid gap-5 lg:grid-cols-3">
        <section aria-labelledby="checklist" className="min-w-0 space-y-3 lg:col-span-2">
          <h2 id="checklist" className="text-lg font-semibold">
            Checklist
          </h2>
          {run.server && <LeftOutItems items={run.leftOut.map((i) => ({ ...i, text: fill(i.text) }))} server={run.server} />}
          <ol id={LIST_ID} className="space-y-2">
            {run.items.map((item, i) => {
              const result = (r: NonNullable<typeof item.current>) => {
                const shown = toRecorderResult(r, tz, item.unit, run.localDate);
                return { ...shown, failureReason: shown.failureReason && fill(shown.failureReason) };
              };
              const current = item.current ? result(item.current) : null;
              const text = fill(item.text);
              return (
                <ItemRecorder
                  key={item.id}
                  action={recordResultAction}
                  runId={run.id}
                  index={i + 1}
                  item={{ id: item.id, kind: item.kind, text, required: item.required, unit: item.unit, choices: item.choices }}
                  current={current}
                  canRecord={recording}
                  details={<ItemDetails item={{ ...item, counter: item.counter && fill(item.counter) }} placeholders={placeholders} mailboxUsers={run.mailboxUsers} />}
                  record={current && <ItemRecord runId={run.id} itemId={item.id} current={current} earlier={item.earlier.map(result)} canRaiseIncident={canRaiseIncident} />}
                />
              );
            })}
          </ol>
          {can(user.role, "run:skip") && !run.completedAt && !run.skippedAt && <SkipRunForm action={skipRunAction} runId={run.id} />}
        </section>
        <aside className="min-w-0 space-y-5">
          {/* Above the guidance and the commands: a server named outright that is not this run's. */}
          {run.server && <ServerMismatchWarning names={otherServers} serverName={run.server.name} />}
          <RunIncidents runId={run.id} role={user.role} />
          <section aria-labelledby="guidance" className={`${cardClass} p-5`}>
            <h2 id="guidance" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
              Guidance
            </h2>
            <p className="mt-2 text-sm">
              <PlaceholderText text={run.version.purpose} context={placeholders} />
            </p>
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-brand-700">How to do it</summary>
              <Markdown source={run.version.body} placeholders={placeholders} />
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
                  {use.command && <CommandBlock command={use.command} context={placeholders} />}
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
