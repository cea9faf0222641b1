// The database side of placeholders (lib/procedures/placeholders.ts): the values a server and the
// organisation supply, the variable names that may be used, and other servers a text names.
import "server-only";
import { db, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseStringArray } from "@/lib/json";
import { otherServersIn } from "@/lib/runs/placeholder-values";
import type { PlaceholderContext } from "./placeholders";

type Client = Db | Prisma.TransactionClient;

/** Organisation values that are set (an empty value counts as not set). */
async function orgValues(client: Client): Promise<Record<string, string>> {
  const rows = await client.placeholderVariable.findMany({ where: { scope: "ORGANISATION", value: { not: "" } }, select: { name: true, value: true } });
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}

/**
 * The values for commands of a run on this server (or of a reading without one: only the
 * organisation's). An unknown server id reads as no server.
 */
export async function placeholderContextForServer(serverId: string | null, client: Client = db): Promise<PlaceholderContext> {
  const [org, server] = await Promise.all([
    orgValues(client),
    serverId
      ? client.server.findUnique({
          where: { id: serverId },
          select: { name: true, fqdn: true, site: true, storageGroups: true, variables: { where: { value: { not: "" }, variable: { scope: "SERVER" } }, select: { name: true, value: true } } },
        })
      : null,
  ]);
  return {
    server: server
      ? {
          name: server.name,
          fqdn: server.fqdn,
          site: server.site,
          storageGroups: parseStringArray(server.storageGroups),
          vars: Object.fromEntries(server.variables.map((v) => [v.name, v.value])),
        }
      : null,
    org,
  };
}

/** The variable names a procedure may use, per scope, in name order. */
export async function knownPlaceholderNames(client: Client = db): Promise<{ serverVars: string[]; orgVars: string[] }> {
  const rows = await client.placeholderVariable.findMany({ orderBy: { name: "asc" }, select: { name: true, scope: true } });
  return { serverVars: rows.filter((r) => r.scope === "SERVER").map((r) => r.name), orgVars: rows.filter((r) => r.scope === "ORGANISATION").map((r) => r.name) };
}

/** The defined variables with their descriptions, for the editor's reference panel. */
export async function listPlaceholderVariables(client: Client = db) {
  return client.placeholderVariable.findMany({ orderBy: [{ scope: "desc" }, { name: "asc" }], select: { name: true, scope: true, kind: true, description: true } });
}

/**
 * Other servers of the inventory (active or retired) that the texts name as a whole word, any
 * case: "this command names EXHUB01 but the run is for EXEDGE01". In order by name.
 */
export async function otherServersNamed(texts: string[], serverName: string, client: Client = db): Promise<string[]> {
  const servers = await client.server.findMany({ select: { name: true } });
  return otherServersIn(texts, servers.map((s) => ({ kind: "serverName", name: s.name, value: "" })), serverName);
}
