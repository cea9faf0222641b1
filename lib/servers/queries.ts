import "server-only";
import { db } from "@/lib/db";
import { parseStringArray } from "@/lib/json";
import type { VariableKind, VariableScope } from "@/lib/procedures/placeholders";
import type { ExchangeRole } from "@/lib/procedures/vocabulary";

export async function listServers() {
  const servers = await db.server.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: {
      id: true,
      name: true,
      fqdn: true,
      site: true,
      description: true,
      active: true,
      demo: true,
      storageGroups: true,
      roles: { select: { role: true } },
      variables: { select: { name: true, value: true } },
    },
  });
  return servers.map((s) => ({
    ...s,
    roles: s.roles.map((r) => r.role as ExchangeRole),
    storageGroups: parseStringArray(s.storageGroups),
    variables: Object.fromEntries(s.variables.map((v) => [v.name, v.value])) as Record<string, string>,
  }));
}

export type ServerRow = Awaited<ReturnType<typeof listServers>>[number];

/** Placeholder variables for the administration page: organisation ones with their value, per-server ones with how many servers have one. */
export async function listVariables() {
  const rows = await db.placeholderVariable.findMany({
    orderBy: [{ scope: "desc" }, { name: "asc" }],
    select: { name: true, scope: true, kind: true, description: true, value: true, _count: { select: { serverValues: true } } },
  });
  return rows.map(({ _count, ...v }) => ({ ...v, scope: v.scope as VariableScope, kind: v.kind as VariableKind, serversWithValue: _count.serverValues }));
}

export type VariableRow = Awaited<ReturnType<typeof listVariables>>[number];
