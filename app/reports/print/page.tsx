import type { Metadata } from "next";
import Link from "next/link";
import { PrintButton } from "@/components/procedures/print-button";
import { BreakdownTable } from "@/components/reports/breakdown-table";
import { ExceptionsTable } from "@/components/reports/exceptions-table";
import { HeatMap } from "@/components/reports/heat-map";
import { TrendTable } from "@/components/reports/trend-table";
import { buttonClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { currentAuditAnchor } from "@/lib/audit/queries";
import { COMPLETION_RATE_DEFINITION, completionRate, formatRate, onTimeRate } from "@/lib/reports/figures";
import { periodQuery } from "@/lib/reports/periods";
import { getReport, listExceptions, listMissedRuns, reportPeriodFromParams } from "@/lib/reports/queries";
import { CADENCE_LABELS } from "@/lib/procedures/vocabulary";
import { formatDateTime, formatLocalDate } from "@/lib/time/format";

export const metadata: Metadata = { title: "Operations review" };

const PRINTED_ROWS = 300;

function Heading({ children }: { children: React.ReactNode }) {
  return <h2 className="mt-6 break-after-avoid border-b border-black pb-1 text-lg font-bold">{children}</h2>;
}

/**
 * The monthly MOF operations review on paper: the period's service figures, what failed, what was
 * missed and the trend, with lines for the review meeting's attendees, decisions and sign-off.
 */
export default async function ReportPrintPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("/reports/print");
  const params = await searchParams;
  const { period, errors, settings } = await reportPeriodFromParams(params);
  const now = new Date();
  const [report, missed, exceptions, anchor] = await Promise.all([
    getReport(period, now),
    listMissedRuns(period, PRINTED_ROWS, now),
    listExceptions(period.from, period.to, PRINTED_ROWS),
    currentAuditAnchor(),
  ]);
  const t = report.totals;
  const items = report.exceptionCounts;

  return (
    <div className="mx-auto max-w-4xl bg-white p-6 text-black shadow-sm print:max-w-none print:p-0 print:shadow-none print:[print-color-adjust:exact] [&_table]:text-xs [&_td]:px-1.5 [&_th]:px-1.5">
      <div className="no-print mb-6 flex gap-2">
        <PrintButton />
        <Link href={`/reports?${periodQuery(period)}`} className={buttonClass.secondary}>Back to the report</Link>
      </div>
      {errors.length > 0 && <p role="alert" className="no-print mb-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">{errors.join(" ")}</p>}

      <header className="border-b-2 border-black pb-3">
        <p className="text-xs uppercase tracking-wide">{settings.name} · Exchange operations review (MOF Operating quadrant)</p>
        <h1 className="mt-1 text-2xl font-bold">Operations review: {period.label}</h1>
        <p className="mt-1 text-sm">
          Runs due from {formatLocalDate(period.from)} to {formatLocalDate(period.to)}. Prepared by {user.name} on {formatDateTime(now, settings.timeZone)}; figures as of that time.
        </p>
      </header>

      <Heading>1. Service figures</Heading>
      <table className="mt-2 w-full text-sm">
        <caption className="sr-only">Summary figures</caption>
        <tbody>
          {[
            ["Completion rate", `${formatRate(completionRate(t))} (${t.completed} of ${t.expected} expected runs)`],
            ["On-time rate", `${formatRate(onTimeRate(t))} (${t.onTime} completed by the due time)`],
            ["Missed runs", `${t.missed}`],
            ["Late runs still open", `${t.late}`],
            ["Clean completions", `${t.clean} (no failed item, no required item marked N/A)`],
            ["Completed with failures", `${t.withFailures}`],
            ["Completed with N/A exceptions only", `${t.withNaOnly} (no failed item)`],
            ["Failed checklist items", `${items.failed}`],
            ["Required items marked N/A", `${items.notApplicable}, each with the reason given (section 4)`],
            ["Skipped by a manager", `${t.skipped}`],
            ["Suppressed by maintenance windows", `${t.suppressed}`],
          ].map(([label, value]) => (
            <tr key={label} className="border-b border-slate-300">
              <th scope="row" className="w-72 py-1 text-left font-semibold">{label}</th>
              <td className="py-1">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 text-xs">
        {COMPLETION_RATE_DEFINITION} A run with both failures and N/A exceptions counts under failures.
      </p>

      <Heading>2. By cadence</Heading>
      <BreakdownTable caption="Runs by cadence" name="Cadence" rows={report.byCadence} totals={t} />

      <Heading>3. Daily completion</Heading>
      <div className="mt-2"><HeatMap days={report.days} withTable={false} /></div>

      <Heading>4. Exceptions ({report.exceptionCount})</Heading>
      <div className="mt-2"><ExceptionsTable rows={exceptions} timeZone={settings.timeZone} links={false} /></div>
      {report.exceptionCount > exceptions.length && <p className="mt-1 text-xs">The newest {exceptions.length} are listed; the CSV export holds all {report.exceptionCount}.</p>}

      <Heading>5. Missed runs ({missed.count})</Heading>
      {missed.runs.length === 0 ? (
        <p className="mt-2 text-sm">No run was missed.</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">Missed runs</caption>
          <thead className="border-b border-black text-xs uppercase">
            <tr>
              <th scope="col" className="py-1">Date</th>
              <th scope="col" className="py-1">Procedure</th>
              <th scope="col" className="py-1">Cadence</th>
              <th scope="col" className="py-1">Server</th>
              <th scope="col" className="py-1">Assigned to</th>
            </tr>
          </thead>
          <tbody>
            {missed.runs.map((r) => (
              <tr key={r.id} className="border-b border-slate-300">
                <td className="py-1">{formatLocalDate(r.localDate)}</td>
                <td className="py-1">{r.version.title}</td>
                <td className="py-1">{CADENCE_LABELS[r.cadence as keyof typeof CADENCE_LABELS] ?? r.cadence}</td>
                <td className="py-1">{r.server?.name ?? "—"}</td>
                <td className="py-1">{r.assigneeUser?.name ?? (r.assigneeRole ? `${r.assigneeRole.toLowerCase()}s` : "—")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {missed.count > missed.runs.length && <p className="mt-1 text-xs">The newest {missed.runs.length} of {missed.count} are listed; History lists all.</p>}

      <Heading>6. By procedure</Heading>
      <BreakdownTable caption="Runs by procedure" name="Procedure" rows={report.byProcedure} totals={t} />

      <Heading>7. By server</Heading>
      <BreakdownTable caption="Runs by server" name="Server" rows={report.byServer} totals={t} />

      <Heading>8. By operator</Heading>
      <BreakdownTable caption="Runs completed by each person" name="Completed by" variant="operator" rows={report.byOperator} />

      <Heading>9. Trend</Heading>
      <TrendTable caption="Figures per period" rows={report.trend.map((p) => ({ ...p, label: p.period.label }))} />

      <Heading>10. Review</Heading>
      <table className="mt-2 w-full text-sm" aria-label="Review record">
        <tbody>
          {["Attendees", "Problems raised (recurring exceptions, missed work)", "Changes to procedures or schedules agreed", "Actions, owners and dates"].map((label) => (
            <tr key={label}>
              <th scope="row" className="w-72 py-4 text-left align-bottom font-semibold">{label}</th>
              <td className="border-b border-black">&nbsp;</td>
            </tr>
          ))}
          <tr>
            <th scope="row" className="py-4 text-left align-bottom font-semibold">Reviewed by / date</th>
            <td className="border-b border-black">&nbsp;</td>
          </tr>
        </tbody>
      </table>
      {anchor && (
        <p className="mt-6 break-all text-[10px] text-slate-700">
          Audit trail anchor at printing: <span className="font-mono">{anchor}</span>. Keep this page: <code>npm run cli -- audit verify --anchor &quot;{anchor}&quot;</code> later proves that no event up to this one was changed or removed.
        </p>
      )}
    </div>
  );
}
