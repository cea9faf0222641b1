// The demo servers: the example inventory the seed adds to an empty portal (SEED_DEMO_SERVERS).
// They are labelled "demo" in administration until retired, and can be retired in one step.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Conflict, NotFound } from "@/lib/actions/errors";
import { writeAuditEvent, type RequestInfo } from "@/lib/audit/write";
import { withdrawServerRuns } from "@/lib/scheduling/service";

const SEED_ACTOR = { id: null, label: "system:seed" };
const SEED_REQUEST: RequestInfo = { ip: "local", userAgent: "opsbook seed" };

/**
 * Marks as demo the servers an earlier seed created before the flag existed. A server counts only
 * when all three hold, so a real server is never labelled by accident:
 * - its name is a seeded demo name;
 * - its host name is still the seeded one (compared without case, as DNS does), so a demo entry
 *   an administrator turned into a real server by giving it its real FQDN stays unmarked;
 * - the audit trail shows the seed itself created it (a `server.create` by system:seed), so a
 *   server an administrator added under the same name is not touched.
 * Idempotent: a server already marked is not read again. Each marking is audited as the seed's.
 */
export async function markSeededDemoServers(tx: Prisma.TransactionClient, seeds: readonly { name: string; fqdn: string }[]): Promise<string[]> {
  const byName = new Map(seeds.map((s) => [s.name, s.fqdn.toLowerCase()]));
  const candidates = await tx.server.findMany({ where: { demo: false, name: { in: [...byName.keys()] } }, select: { id: true, name: true, fqdn: true } });
  const marked: string[] = [];
  for (const server of candidates) {
    if (server.fqdn.toLowerCase() !== byName.get(server.name)) continue;
    const seeded = await tx.auditEvent.findFirst({
      where: { entityType: "Server", entityId: server.id, action: "server.create", actorId: null, actorLabel: SEED_ACTOR.label },
      select: { seq: true },
    });
    if (!seeded) continue;
    await tx.server.update({ where: { id: server.id }, data: { demo: true } });
    await writeAuditEvent(tx, SEED_ACTOR, SEED_REQUEST, { action: "server.mark_demo", entityType: "Server", entityId: server.id, before: { demo: false }, after: { demo: true, name: server.name, fqdn: server.fqdn } });
    marked.push(server.name);
  }
  return marked;
}

export interface RetiredDemoServer {
  id: string;
  name: string;
  withdrawnRunIds: string[];
}

/**
 * Retires the given demo servers: each is set inactive and its untouched future runs are withdrawn,
 * exactly as retiring one server does (withdrawServerRuns): runs with a result, a completion, a
 * skip or an incident stay, and so do runs already due. Every id must be a demo server in service;
 * otherwise nothing changes (the page was out of date, or the servers were retired meanwhile).
 */
export async function retireDemoServers(tx: Prisma.TransactionClient, serverIds: readonly string[], now: Date): Promise<RetiredDemoServer[]> {
  const ids = [...new Set(serverIds)];
  const servers = await tx.server.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, demo: true, active: true }, orderBy: { name: "asc" } });
  if (servers.length !== ids.length) throw new NotFound("One of those servers does not exist. Reload the page and try again.");
  const notDemo = servers.filter((s) => !s.demo).map((s) => s.name);
  if (notDemo.length) throw new Conflict(`${notDemo.join(", ")} ${notDemo.length === 1 ? "is not a demo server" : "are not demo servers"}; only demo servers are retired here.`);
  const retired = servers.filter((s) => !s.active).map((s) => s.name);
  if (retired.length === servers.length) throw new Conflict(servers.length === 1 ? `${retired[0]} is already retired.` : "Those demo servers are already retired.");
  if (retired.length) throw new Conflict(`${retired.join(", ")} ${retired.length === 1 ? "is" : "are"} already retired. Reload the page and try again.`);
  const out: RetiredDemoServer[] = [];
  for (const server of servers) {
    await tx.server.update({ where: { id: server.id }, data: { active: false } });
    out.push({ id: server.id, name: server.name, withdrawnRunIds: await withdrawServerRuns(tx, server.id, null, now) });
  }
  return out;
}
