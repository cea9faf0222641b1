import type { Metadata } from "next";
import Link from "next/link";
import { BreakdownTable } from "@/components/reports/breakdown-table";
import { ExceptionsTable } from "@/components/reports/exceptions-table";
import { HeatMap } from "@/components/reports/heat-map";
import { TrendTable } from "@/components/reports/trend-table";
import { TrendChart } from "@/components/reports/trend-chart";
import { Alert } from "@/components/ui/alert";
import { buttonClass, cardClass, inputClass, labelClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { COMPLETION_RATE_DEFINITION, cleanRate, completionRate, formatRate, onTimeRate } from "@/lib/reports/figures";
import { PERIOD_KINDS, PERIOD_KIND_LABELS, periodContaining, periodQuery, shiftPeriod, type Period } from "@/lib/reports/periods";
import { getReport, reportPeriodFromParams } from "@/lib/reports/queries";
import { addDays } from "@/lib/time/dates";
import { formatLocalDate } from "@/lib/time/format";

export const metadata: Metadata = { title: "Reports" };

const TONES = { plain: "text-slate-900", bad: "text-red-700", warn: "text-amber-800" } as const;

function Stat({ label, value, detail, tone = "plain" }: { label: string; value: string; detail: string; tone?: keyof typeof TONES }) {
  return (
    <div className={`${cardClass} p-4`}>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className={`mt-1 text-3xl font-semibold tabular-nums ${TONES[tone]}`}>{value}</dd>
      <dd className="mt-1 text-xs text-slate-600">{detail}</dd>
    </div>
  );
}

function Section({ title, id, children, actions }: { title: string; id: string; children: React.ReactNode; actions?: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className={`${cardClass} min-w-0`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <h2 id={id} className="text-lg font-semibold">{title}</h2>
        {actions}
      </div>
      <div className="p-4">{children}</div>
    </section>
  );
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("/reports");
  const params = await searchParams;
  const { period, errors, today, settings } = await reportPeriodFromParams(params);
  const report = await getReport(period);
  const t = report.totals;
  const items = report.exceptionCounts;
  const query = periodQuery(period);
  const range = `from=${period.from}&to=${period.to}`;
  const quick: [string, Period][] = [
    ["This week", periodContaining("week", today)],
    ["This month", periodContaining("month", today)],
    ["Last month", periodContaining("month", addDays(periodContaining("month", today).from, -1))],
    ["This quarter", periodContaining("quarter", today)],
  ];

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Operations report: {period.label}</h1>
          <p className="mt-1 text-sm text-slate-600">
            Runs due from {formatLocalDate(period.from)} to {formatLocalDate(period.to)} ({settings.timeZone}). Figures as of now; runs not yet due are not counted.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <a href={`/api/reports/export?${query}&data=figures`} className={buttonClass.secondary} download>Export figures (CSV)</a>
          <a href={`/api/reports/export?${query}&data=exceptions`} className={buttonClass.secondary} download>Export exceptions (CSV)</a>
          <Link href={`/reports/print?${query}`} className={buttonClass.secondary}>Print review</Link>
        </div>
      </div>

      <form method="get" action="/reports" className={`${cardClass} flex flex-wrap items-end gap-3 p-4`} aria-label="Choose the period">
        <div>
          <label htmlFor="period" className={labelClass}>Period</label>
          <select id="period" name="period" defaultValue={period.kind} className={inputClass}>
            {PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>{PERIOD_KIND_LABELS[k]}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="date" className={labelClass}>Week, month or quarter of</label>
          <input id="date" name="date" type="date" defaultValue={period.from} className={inputClass} />
        </div>
        <fieldset className="flex gap-2">
          <legend className="sr-only">Custom range</legend>
          <div>
            <label htmlFor="from" className={labelClass}>Custom from</label>
            <input id="from" name="from" type="date" defaultValue={period.kind === "custom" ? period.from : ""} className={inputClass} />
          </div>
          <div>
            <label htmlFor="to" className={labelClass}>to</label>
            <input id="to" name="to" type="date" defaultValue={period.kind === "custom" ? period.to : ""} className={inputClass} />
          </div>
        </fieldset>
        <button type="submit" className={buttonClass.primary}>Show</button>
        <nav aria-label="Periods" className="ml-auto flex flex-wrap gap-2 text-sm">
          <Link href={`/reports?${periodQuery(shiftPeriod(period, -1))}`} className={buttonClass.small} rel="prev">← Previous</Link>
          <Link href={`/reports?${periodQuery(shiftPeriod(period, 1))}`} className={buttonClass.small} rel="next">Next →</Link>
          {quick.map(([label, p]) => (
            <Link key={label} href={`/reports?${periodQuery(p)}`} className={buttonClass.small} aria-current={p.from === period.from && p.to === period.to ? "page" : undefined}>
              {label}
            </Link>
          ))}
        </nav>
      </form>
      {errors.length > 0 && (
        <Alert tone="error">
          {errors.join(" ")} Showing {period.label} instead.
        </Alert>
      )}

      {/* The completed runs in three kinds that add up to them (lib/reports/figures.ts). */}
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Summary">
        <Stat label="Completion rate" value={formatRate(completionRate(t))} detail={`${t.completed} of ${t.expected} expected runs completed, with or without exceptions`} />
        <Stat label="On-time rate" value={formatRate(onTimeRate(t))} detail={`${t.onTime} completed by the due time`} />
        <Stat label="Missed runs" value={String(t.missed)} tone={t.missed ? "bad" : "plain"} detail={`${t.late} late but within grace · ${t.skipped} skipped · ${t.suppressed} in maintenance`} />
        <Stat label="Clean completions" value={String(t.clean)} detail={`${formatRate(cleanRate(t))} of expected runs: no failed item, no required item marked N/A`} />
        <Stat label="Completed with failures" value={String(t.withFailures)} tone={t.withFailures ? "bad" : "plain"} detail={`${items.failed} failed ${items.failed === 1 ? "item" : "items"} in the period`} />
        <Stat
          label="Completed with N/A exceptions only"
          value={String(t.withNaOnly)}
          tone={t.withNaOnly ? "warn" : "plain"}
          detail={`no failed item · ${items.notApplicable} required ${items.notApplicable === 1 ? "item" : "items"} marked N/A, with a reason, in the period`}
        />
      </dl>

      {/* A week's or month's calendar fits a narrow column, which leaves the trend chart the rest
          of the width on wide screens; longer periods put the two one above the other. */}
      <div className={`grid grid-cols-[minmax(0,1fr)] gap-5 ${period.kind === "week" || period.kind === "month" ? "xl:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]" : ""}`}>
        <Section title="Daily completion" id="heat-map-heading">
          <HeatMap days={report.days} />
          <details className="mt-4">
            <summary className="cursor-pointer text-sm text-brand-700">Daily figures as a table</summary>
            <TrendTable caption="Daily figures" rows={report.days.filter((d) => d.expected + d.skipped + d.suppressed + d.pending > 0).map((d) => ({ ...d, label: d.date }))} />
          </details>
        </Section>

        <Section title={`Trend: the last ${report.trend.length} ${period.kind === "custom" ? "months" : `${period.kind}s`}`} id="trend-heading">
          <TrendChart points={report.trend} />
          <details className="mt-4">
            <summary className="cursor-pointer text-sm text-brand-700">Trend figures as a table</summary>
            <TrendTable caption="Figures per period" rows={report.trend.map((p) => ({ ...p, label: p.period.label }))} />
          </details>
        </Section>
      </div>

      <Section title="By cadence" id="cadence-heading">
        <BreakdownTable caption="Runs by cadence" name="Cadence" rows={report.byCadence} totals={t} history={{ query: range, param: "cadence" }} />
      </Section>
      <Section
        title={`Exceptions (${report.exceptionCount})`}
        id="exceptions-heading"
        actions={
          <span className="text-sm text-slate-600">
            {items.failed} failed · {items.notApplicable} N/A
            {report.exceptionCount > report.exceptions.length && ` · newest ${report.exceptions.length} shown; the CSV export has all.`}
          </span>
        }
      >
        <ExceptionsTable rows={report.exceptions} timeZone={settings.timeZone} />
      </Section>

      <Section title="By procedure" id="procedure-heading">
        <BreakdownTable caption="Runs by procedure" name="Procedure" rows={report.byProcedure} totals={t} history={{ query: range, param: "procedure" }} />
      </Section>
      <Section title="By server" id="server-heading">
        <BreakdownTable caption="Runs by server" name="Server" rows={report.byServer} totals={t} history={{ query: range, param: "server" }} />
      </Section>
      <Section title="By operator" id="operator-heading">
        <BreakdownTable caption="Runs completed by each person" name="Completed by" variant="operator" rows={report.byOperator} history={{ query: range, param: "operator" }} />
      </Section>

      <details className={`${cardClass} p-4 text-sm text-slate-700`}>
        <summary className="cursor-pointer font-medium text-slate-900">How these figures are counted</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>A run belongs to the day it was scheduled for, in the organisation&apos;s time zone.</li>
          <li><strong>Expected</strong> runs are those completed, late (past the due time, within grace) or missed (past the grace period). Runs not yet due are not counted.</li>
          <li>Skipped runs (excused by a manager, with a reason) and runs inside a maintenance window are shown but count neither for nor against the rates.</li>
          <li>{COMPLETION_RATE_DEFINITION} <strong>On-time rate</strong> is completed by the due time ÷ expected. A run completed after its grace period counts as completed, not on time.</li>
          <li><strong>Exceptions</strong> are checklist items whose current result is a failure, or a required item marked N/A (which needs a reason, shown beside it); a corrected result replaces the one it corrects.</li>
          <li>Each completed run is of one kind: <strong>clean</strong> (no exception), <strong>with failures</strong> (at least one failed item) or <strong>with N/A only</strong> (required items marked N/A and no failure). A run with both counts under failures, so the three add up to the completed runs; its N/A items are still listed among the exceptions and counted with them.</li>
          <li>Each number links to the matching runs in History, which lists them one by one.</li>
        </ul>
      </details>
    </div>
  );
}
