import { userWith } from "@/lib/auth/guard";
import { parseAuditFilter } from "@/lib/audit/filters";
import { streamAuditEvents } from "@/lib/audit/queries";
import { csvStreamResponse } from "@/lib/http/csv-stream";
import { getOrganisationSettings } from "@/lib/settings/queries";

export const dynamic = "force-dynamic";

const HEADER = ["seq", "at_utc", "actor", "actor_id", "action", "entity_type", "entity_id", "before", "after", "ip", "user_agent", "prev_hash", "hash"];

/** The filtered audit log as CSV, streamed page by page so a year of events never sits in memory. */
export async function GET(request: Request) {
  if (!(await userWith("audit:read"))) return new Response("Not found.", { status: 404 });
  const parsed = parseAuditFilter(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    return Response.json({ error: "Invalid filter.", fieldErrors: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) }, { status: 400 });
  }
  const { timeZone } = await getOrganisationSettings();
  const stamp = new Date().toISOString().slice(0, 10);
  return csvStreamResponse({
    header: HEADER,
    pages: streamAuditEvents(parsed.data, timeZone),
    row: (e) => [e.seq, e.at, e.actorLabel, e.actorId, e.action, e.entityType, e.entityId, e.before, e.after, e.ip, e.userAgent, e.prevHash, e.hash],
    filename: `opsbook-audit-${stamp}.csv`,
    label: "Audit log export",
  });
}
