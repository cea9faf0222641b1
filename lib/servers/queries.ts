import "server-only";
import { db } from "@/lib/db";
import type { ExchangeRole } from "@/lib/procedures/vocabulary";

export async function listServers() {
  const servers = await db.server.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, name: true, fqdn: true, site: true, description: true, active: true, demo: true, roles: { select: { role: true } } },
  });
  return servers.map((s) => ({ ...s, roles: s.roles.map((r) => r.role as ExchangeRole) }));
}

export type ServerRow = Awaited<ReturnType<typeof listServers>>[number];
