import { userWith } from "@/lib/auth/guard";
import { csvRow } from "@/lib/audit/csv";
import { completionRate, onTimeRate, type Figures } from "@/lib/reports/figures";
import { ReportFilterSchema, resolveReportPeriod } from "@/lib/reports/periods";
import { getReportFigures, streamExceptions } from "@/lib/reports/queries";
import { csvStreamResponse } from "@/lib/http/csv-stream";
import { localDateOf } from "@/lib/time/dates";
import { getOrganisationSettings } from "@/lib/settings/queries";

export const dynamic = "force-dynamic";

const FIGURES_HEADER = [
  "period_from", "period_to", "section", "key", "name", "expected", "completed", "on_time", "completed_late", "with_exceptions",
  "late_open", "missed", "skipped", "suppressed", "not_yet_due", "completion_rate", "on_time_rate",
];
const EXCEPTIONS_HEADER = [
  "date", "cadence", "procedure", "server", "item", "value", "unit", "failure_reason", "note", "recorded_by", "recorded_at_utc", "revision", "run_id",
];

const ratio = (r: number | null) => (r === null ? "" : r.toFixed(4));

function figureRow(from: string, to: string, section: string, key: string, name: string, f: Figures) {
  return csvRow([
    from, to, section, key, name, f.expected, f.completed, f.onTime, f.completed - f.onTime, f.withExceptions,
    f.late, f.missed, f.skipped, f.suppressed, f.pending, ratio(completionRate(f)), ratio(onTimeRate(f)),
  ]);
}

const isEmpty = (f: Figures) => f.expected + f.skipped + f.suppressed + f.pending === 0;

/**
 * The report as CSV: data=figures gives one row per total, cadence, procedure, server, operator and
 * day; data=exceptions streams every failed item of the period. An empty period gives the header only.
 */
export async function GET(request: Request) {
  if (!(await userWith("report:read"))) return new Response("Not found.", { status: 404 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const data = params.data ?? "figures";
  const parsed = ReportFilterSchema.safeParse(params);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`);
  if (data !== "figures" && data !== "exceptions") problems.push("data: Choose figures or exceptions.");
  if (problems.length) return Response.json({ error: "Invalid report period.", fieldErrors: problems }, { status: 400 });

  const { timeZone } = await getOrganisationSettings();
  const { period } = resolveReportPeriod(params, localDateOf(new Date(), timeZone));
  const filename = `opsbook-${data}-${period.from}-to-${period.to}.csv`;
  const headers = { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" };

  if (data === "figures") {
    const r = await getReportFigures(period);
    const { from, to } = period;
    let body = csvRow(FIGURES_HEADER);
    if (!isEmpty(r.totals)) body += figureRow(from, to, "total", "", "All runs", r.totals);
    for (const [section, rows] of [["cadence", r.byCadence], ["procedure", r.byProcedure], ["server", r.byServer], ["operator", r.byOperator]] as const) {
      for (const row of rows) body += figureRow(from, to, section, row.key, row.label, row);
    }
    for (const day of r.days) if (!isEmpty(day)) body += figureRow(from, to, "day", day.date, day.date, day);
    return new Response(body, { headers });
  }

  return csvStreamResponse({
    header: EXCEPTIONS_HEADER,
    pages: streamExceptions(period.from, period.to),
    // The value in a column of its own (a number stays a number in a spreadsheet), its unit beside it.
    row: (e) => [
      e.localDate, e.cadence, e.procedure, e.server ?? "", e.item, e.valueNumber ?? e.valueText ?? "", e.valueNumber !== null ? (e.unit ?? "") : "",
      e.failureReason ?? "", e.note, e.recordedBy, e.recordedAt, e.revision, e.runId,
    ],
    filename,
    label: "Report exceptions export",
  });
}
