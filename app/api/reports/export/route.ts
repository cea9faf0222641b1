import { userWith } from "@/lib/auth/guard";
import { exceptionsCsvResponse, figuresCsv } from "@/lib/reports/csv";
import { ReportFilterSchema, resolveReportPeriod } from "@/lib/reports/periods";
import { localDateOf } from "@/lib/time/dates";
import { getOrganisationSettings } from "@/lib/settings/queries";

export const dynamic = "force-dynamic";

/**
 * The report as CSV: data=figures gives one row per total, cadence, procedure, server, operator and
 * day; data=exceptions streams every failed item and every required item marked N/A of the period.
 * An empty period gives the header only. The columns are in lib/reports/csv.ts.
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
  if (data === "exceptions") return exceptionsCsvResponse(period, filename);
  const headers = { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" };
  return new Response(await figuresCsv(period), { headers });
}
