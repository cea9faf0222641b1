// The report's two CSV exports. Columns only ever get added at the end, so a consumer that reads
// them by position keeps working; every cell goes through csvRow (formula-safe, decision 030).
import "server-only";
import { csvRow } from "@/lib/audit/csv";
import { csvStreamResponse } from "@/lib/http/csv-stream";
import { completionRate, onTimeRate, type Figures } from "./figures";
import type { Period } from "./periods";
import { getReportFigures, streamExceptions, type ExceptionRow } from "./queries";

export const FIGURES_CSV_HEADER = [
  "period_from", "period_to", "section", "key", "name", "expected", "completed", "on_time", "completed_late", "with_exceptions",
  "late_open", "missed", "skipped", "suppressed", "not_yet_due", "completion_rate", "on_time_rate",
  // Added with N/A exceptions: the three kinds of completed run (clean + with_failures +
  // with_na_only = completed; with_failures + with_na_only = with_exceptions).
  "clean", "with_failures", "with_na_only",
] as const;

export const EXCEPTIONS_CSV_HEADER = [
  "date", "cadence", "procedure", "server", "item", "value", "unit", "failure_reason", "note", "recorded_by", "recorded_at_utc", "revision", "run_id",
  // Added with N/A exceptions: "failure" or "not_applicable", and the reason given for an N/A
  // (the operator's note, repeated here so that each kind has its reason in a column of its own).
  "exception", "na_reason",
] as const;

const ratio = (r: number | null) => (r === null ? "" : r.toFixed(4));

function figureRow(from: string, to: string, section: string, key: string, name: string, f: Figures): string {
  return csvRow([
    from, to, section, key, name, f.expected, f.completed, f.onTime, f.completed - f.onTime, f.withExceptions,
    f.late, f.missed, f.skipped, f.suppressed, f.pending, ratio(completionRate(f)), ratio(onTimeRate(f)),
    f.clean, f.withFailures, f.withNaOnly,
  ]);
}

const isEmpty = (f: Figures) => f.expected + f.skipped + f.suppressed + f.pending === 0;

/**
 * The figures export: one row for the total, then per cadence, procedure, server, operator and
 * day. An empty period gives the header only.
 */
export async function figuresCsv(period: Period, now = new Date()): Promise<string> {
  const r = await getReportFigures(period, now);
  const { from, to } = period;
  let body = csvRow([...FIGURES_CSV_HEADER]);
  if (!isEmpty(r.totals)) body += figureRow(from, to, "total", "", "All runs", r.totals);
  for (const [section, rows] of [["cadence", r.byCadence], ["procedure", r.byProcedure], ["server", r.byServer], ["operator", r.byOperator]] as const) {
    for (const row of rows) body += figureRow(from, to, section, row.key, row.label, row);
  }
  for (const day of r.days) if (!isEmpty(day)) body += figureRow(from, to, "day", day.date, day.date, day);
  return body;
}

/** One exception as the cells of its CSV row, in the order of EXCEPTIONS_CSV_HEADER. */
export function exceptionCsvCells(e: ExceptionRow): unknown[] {
  const na = e.kind === "NOT_APPLICABLE";
  return [
    // The value in a column of its own (a number stays a number in a spreadsheet), its unit beside it.
    e.localDate, e.cadence, e.procedure, e.server ?? "", e.item, e.valueNumber ?? e.valueText ?? "", e.valueNumber !== null ? (e.unit ?? "") : "",
    e.failureReason ?? "", e.note, e.recordedBy, e.recordedAt, e.revision, e.runId,
    na ? "not_applicable" : "failure", na ? e.note : "",
  ];
}

/** The exceptions export, streamed page by page (every failure and N/A exception of the period). */
export function exceptionsCsvResponse(period: Period, filename: string): Response {
  return csvStreamResponse({
    header: EXCEPTIONS_CSV_HEADER,
    pages: streamExceptions(period.from, period.to),
    row: exceptionCsvCells,
    filename,
    label: "Report exceptions export",
  });
}
