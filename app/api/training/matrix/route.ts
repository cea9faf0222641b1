import { userWith } from "@/lib/auth/guard";
import { csvRow } from "@/lib/audit/csv";
import { isRole } from "@/lib/auth/roles";
import { trainingMatrixRows } from "@/lib/training/queries";
import { parseMatrixFilter } from "@/lib/training/schemas";

export const dynamic = "force-dynamic";

const HEADER = [
  "user", "email", "role", "procedure_code", "procedure", "current_version", "on_reading_list", "reason", "status", "acknowledged_version", "acknowledged_at_utc",
];

/**
 * The training matrix as CSV, one row per person and procedure (on their list, or acknowledged
 * anyway). ?role=OPERATOR limits it to one role, like the page.
 */
export async function GET(request: Request) {
  if (!(await userWith("training:manage"))) return new Response("Not found.", { status: 404 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  if (params.role && !isRole(params.role)) {
    return Response.json({ error: "Invalid filter.", fieldErrors: ["role: Choose VIEWER, OPERATOR, MANAGER or ADMIN."] }, { status: 400 });
  }
  const filter = parseMatrixFilter(params);
  const rows = await trainingMatrixRows(filter);
  let body = csvRow(HEADER);
  for (const r of rows) {
    body += csvRow([r.user, r.email, r.role, r.code, r.procedure, r.currentVersion, r.onReadingList, r.reason, r.status, r.acknowledgedVersion, r.acknowledgedAt]);
  }
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="opsbook-training-${filter.role ? `${filter.role.toLowerCase()}-` : ""}${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
