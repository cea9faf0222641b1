import type { Metadata } from "next";
import Link from "next/link";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/badges";
import { PrintButton } from "@/components/procedures/print-button";
import { Field } from "@/components/ui/form-field";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { weeklyIncidentReport, type WeeklyRow } from "@/lib/incidents/queries";
import { formatDuration, SEVERITIES, SEVERITY_LABELS } from "@/lib/incidents/workflow";
import { incidentRef, problemRef } from "@/lib/incidents/naming";
import { DATE_INPUT_HINT, formatDateTime, formatLocalDate } from "@/lib/time/format";

export const metadata: Metadata = { title: "Weekly incident report" };

function Stat({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <div className={`${cardClass} p-4 print:border-slate-400 print:shadow-none`}>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      <dd className="mt-1 text-xs text-slate-600">{detail}</dd>
    </div>
  );
}

const minutes = (m: number | null) => (m === null ? "—" : formatDuration(m));

function IncidentTable({ caption, rows, timeZone, kind, current }: { caption: string; rows: WeeklyRow[]; timeZone: string; kind: "week" | "open"; current: boolean }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">None.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-2 py-2">No.</th>
            <th scope="col" className="px-2 py-2">Title</th>
            <th scope="col" className="px-2 py-2">Severity</th>
            <th scope="col" className="px-2 py-2">Status now</th>
            <th scope="col" className="px-2 py-2">Servers</th>
            <th scope="col" className="px-2 py-2">Opened</th>
            {kind === "week" ? (
              <>
                <th scope="col" className="px-2 py-2">Resolved</th>
                <th scope="col" className="px-2 py-2">Duration</th>
              </>
            ) : (
              <>
                <th scope="col" className="px-2 py-2">Assignee</th>
                <th scope="col" className="px-2 py-2">Open for</th>
                <th scope="col" className="px-2 py-2">Latest update</th>
              </>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {rows.map((r) => (
            <tr key={r.id} className="align-top" data-testid={kind === "week" ? "weekly-row" : "still-open-row"}>
              <td className="whitespace-nowrap px-2 py-2 tabular-nums">{incidentRef(r.id)}</td>
              <td className="px-2 py-2">
                <Link href={`/incidents/${r.id}`} className="font-medium text-brand-700 hover:underline">{r.title}</Link>
                {r.problemId && <span className="block text-xs text-slate-600">{problemRef(r.problemId)}</span>}
              </td>
              <td className="px-2 py-2"><SeverityBadge severity={r.severity} /></td>
              <td className="px-2 py-2"><IncidentStatusBadge status={r.status} /></td>
              <td className="px-2 py-2">{r.servers.join(", ") || "—"}</td>
              <td className="whitespace-nowrap px-2 py-2 text-xs">{formatDateTime(r.openedAt, timeZone)}</td>
              {kind === "week" ? (
                <>
                  <td className="whitespace-nowrap px-2 py-2 text-xs">
                    {r.resolvedAt ? formatDateTime(r.resolvedAt, timeZone) : "not yet"}
                    {r.resolvedAt && r.openAtEnd ? <span className="block text-slate-600">after the week</span> : null}
                  </td>
                  <td className="whitespace-nowrap px-2 py-2 text-xs">{r.openAtEnd ? `${formatDuration(r.minutes)} ${current ? "so far" : "by the week's end"}` : formatDuration(r.minutes)}</td>
                </>
              ) : (
                <>
                  <td className="px-2 py-2 text-xs">{r.assignee ?? "Nobody"}</td>
                  <td className="whitespace-nowrap px-2 py-2 text-xs">{formatDuration(r.minutes)}</td>
                  <td className="max-w-xs px-2 py-2 text-xs text-slate-700"><span className="line-clamp-3 whitespace-pre-line">{r.latestUpdate ?? "—"}</span></td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function WeeklyIncidentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("/incidents/weekly");
  const params = await searchParams;
  const report = await weeklyIncidentReport(params.week);
  const { period, durations } = report;
  const openWhen = report.isCurrent ? "now" : "at the end of the week";
  // The week's incidents: opened or resolved in it.
  const weekRows = report.rows.filter((r) => r.openedInWeek || r.resolvedInWeek);

  return (
    <div className="space-y-5">
      <nav aria-label="Breadcrumb" className="no-print text-sm text-slate-600">
        <Link href="/incidents" className="text-brand-700 underline">Incidents</Link> <span aria-hidden="true">›</span> Weekly report
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Incident report: {period.label}</h1>
          <p className="mt-1 text-sm text-slate-600">
            Incidents opened or resolved from {formatLocalDate(period.from)} to {formatLocalDate(period.to)}, and those still open {openWhen} ({report.timeZone}).
            For the weekly “Complete incident reports” task.
          </p>
        </div>
        <div className="no-print">
          <PrintButton />
        </div>
      </div>

      <form method="get" action="/incidents/weekly" aria-label="Choose the week" className={`no-print ${cardClass} flex flex-wrap items-end gap-3 p-4`}>
        <Field id="week" label="Week containing" name="week" type="date" defaultValue={period.from} hint={DATE_INPUT_HINT} />
        <button type="submit" className={buttonClass.primary}>Show</button>
        <nav aria-label="Weeks" className="ml-auto flex flex-wrap gap-2 text-sm">
          <Link href={`/incidents/weekly?week=${report.previous.from}`} className={buttonClass.small} rel="prev">← Previous week</Link>
          <Link href={`/incidents/weekly?week=${report.next.from}`} className={buttonClass.small} rel="next">Next week →</Link>
          <Link href="/incidents/weekly" className={buttonClass.small} aria-current={report.isCurrent ? "page" : undefined}>This week</Link>
        </nav>
      </form>
      {report.error && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">{report.error}</p>
      )}
      {report.isFuture && <p className="text-sm text-slate-600">This week has not started yet.</p>}
      {report.truncated && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          More incidents than one report lists; the oldest are shown. Use the incident list&apos;s filters for the rest.
        </p>
      )}

      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Summary">
        <Stat
          label="Opened"
          value={String(report.opened.length)}
          detail={SEVERITIES.map((s) => `${report.bySeverity[s]} ${SEVERITY_LABELS[s].toLowerCase()}`).join(" · ")}
        />
        <Stat label="Resolved" value={String(report.resolved.length)} detail="in the week, whenever opened" />
        <Stat label="Mean time to resolve" value={minutes(durations.mean)} detail={durations.count ? `median ${minutes(durations.median)} · longest ${minutes(durations.longest)}` : "nothing resolved in the week"} />
        <Stat label="Still open" value={String(report.stillOpen.length)} detail={`open or investigating ${openWhen}`} />
      </dl>

      <section aria-labelledby="week-incidents" className={`${cardClass} p-4 print:shadow-none`}>
        <h2 id="week-incidents" className="mb-3 text-lg font-semibold">The week&apos;s incidents</h2>
        <IncidentTable caption="Incidents opened or resolved this week, with their durations" rows={weekRows} timeZone={report.timeZone} kind="week" current={report.isCurrent} />
      </section>

      <section aria-labelledby="still-open" className={`${cardClass} p-4 print:shadow-none`}>
        <h2 id="still-open" className="mb-3 text-lg font-semibold">Still open {openWhen}</h2>
        <IncidentTable caption={`Incidents still open ${openWhen}`} rows={report.stillOpen} timeZone={report.timeZone} kind="open" current={report.isCurrent} />
      </section>
    </div>
  );
}
