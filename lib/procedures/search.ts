// Keeps the full-text index in step with each procedure's current version, and queries it.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db";
import { SEARCH_COUNT_SQL, SEARCH_DELETE_SQL, SEARCH_INSERT_SQL, SEARCH_SQL, toFtsQuery } from "@/lib/sql";

type Client = Prisma.TransactionClient | Db;

/** Rewrites the index row of one procedure from its current version (or removes it when archived). */
export async function reindexProcedure(tx: Client, procedureId: string): Promise<void> {
  await tx.$executeRawUnsafe(SEARCH_DELETE_SQL, procedureId);
  const procedure = await tx.procedure.findUnique({
    where: { id: procedureId },
    select: {
      archivedAt: true,
      currentVersion: {
        select: {
          title: true,
          purpose: true,
          body: true,
          items: { select: { text: true, help: true, counter: true, unit: true }, orderBy: { position: "asc" } },
          tools: { select: { command: true, purpose: true, tool: { select: { name: true } } }, orderBy: { position: "asc" } },
        },
      },
    },
  });
  const version = procedure?.currentVersion;
  if (!procedure || procedure.archivedAt || !version) return;
  const itemsText = [
    ...version.items.map((i) => [i.text, i.help, i.counter ?? "", i.unit ?? ""].join(" ")),
    ...version.tools.map((t) => [t.tool.name, t.command, t.purpose].join(" ")),
  ].join("\n");
  await tx.$executeRawUnsafe(SEARCH_INSERT_SQL, procedureId, version.title, version.purpose, version.body, itemsText);
}

/** Rebuilds the index if it does not hold one row per live procedure (e.g. after a restore). */
export async function ensureSearchIndex(client: Db): Promise<void> {
  const rows = await client.$queryRawUnsafe<{ n: bigint | number }[]>(SEARCH_COUNT_SQL);
  const indexed = Number(rows[0]?.n ?? 0);
  const live = await client.procedure.findMany({ where: { archivedAt: null, currentVersionId: { not: null } }, select: { id: true } });
  if (indexed === live.length) return;
  await client.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`DELETE FROM "ProcedureSearch"`);
    for (const { id } of live) await reindexProcedure(tx, id);
  });
}

export interface SearchHit {
  procedureId: string;
  rank: number;
  snippet: string;
}

/** Procedures matching the text, best match first. */
export async function searchProcedures(client: Client, text: string): Promise<SearchHit[]> {
  const query = toFtsQuery(text);
  if (!query) return [];
  const rows = await client.$queryRawUnsafe<{ procedureId: string; rank: number; snippet: string }[]>(SEARCH_SQL, query);
  return rows.map((r) => ({ procedureId: r.procedureId, rank: Number(r.rank), snippet: String(r.snippet ?? "") }));
}
