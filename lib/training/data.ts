// Rows the reading-list rules need, read with either the client or a transaction, so pages and
// actions decide membership from the same data and the same pure functions.
import "server-only";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CADENCES, type Cadence } from "@/lib/procedures/vocabulary";
import type { ReadingListData } from "./reading-list";

type Client = Db | Prisma.TransactionClient;

/** Everything that decides reading lists; optionally only for one procedure. */
export async function loadReadingListData(client: Client, procedureId?: string): Promise<ReadingListData> {
  const only = procedureId ? { id: procedureId } : {};
  // One query after another: inside a transaction the client runs them in turn anyway.
  const procedures = await client.procedure.findMany({ where: { ...only, archivedAt: null, currentVersionId: { not: null } }, select: { id: true } });
  const schedules = await client.schedule.findMany({
    where: { active: true, ...(procedureId ? { procedureId } : {}) },
    select: { procedureId: true, assigneeRole: true, assigneeUserId: true, active: true },
  });
  const entries = await client.readingListEntry.findMany({ where: procedureId ? { procedureId } : {}, select: { role: true, procedureId: true, mode: true } });
  return { live: new Set(procedures.map((p) => p.id)), schedules, entries };
}

export interface AcknowledgedVersion {
  number: number;
  at: Date;
}

/**
 * The highest version each person acknowledged of each procedure: userId → procedureId → version.
 * Bounded by people × published versions, which stays small for a team.
 */
export async function highestAcknowledgements(client: Client, where: { userIds?: string[]; procedureId?: string } = {}): Promise<Map<string, Map<string, AcknowledgedVersion>>> {
  const rows = await client.acknowledgement.findMany({
    where: {
      ...(where.userIds ? { userId: { in: where.userIds } } : {}),
      ...(where.procedureId ? { version: { procedureId: where.procedureId } } : {}),
    },
    select: { userId: true, at: true, version: { select: { procedureId: true, number: true } } },
  });
  const out = new Map<string, Map<string, AcknowledgedVersion>>();
  for (const row of rows) {
    const byProcedure = out.get(row.userId) ?? new Map<string, AcknowledgedVersion>();
    const seen = byProcedure.get(row.version.procedureId);
    if (!seen || seen.number < row.version.number) byProcedure.set(row.version.procedureId, { number: row.version.number, at: row.at });
    out.set(row.userId, byProcedure);
  }
  return out;
}

export interface LiveProcedure {
  id: string;
  slug: string;
  code: string | null;
  title: string;
  cadence: Cadence;
  number: number;
  versionId: string;
}

/** Published, unarchived procedures in library order (cadence, then code, then title). */
export async function liveProcedures(client: Client, ids?: Iterable<string>): Promise<LiveProcedure[]> {
  const rows = await client.procedure.findMany({
    where: { archivedAt: null, currentVersionId: { not: null }, ...(ids ? { id: { in: [...ids] } } : {}) },
    select: { id: true, slug: true, seedCode: true, currentVersion: { select: { id: true, number: true, title: true, cadence: true } } },
  });
  return rows
    .map((p) => ({
      id: p.id,
      slug: p.slug,
      code: p.seedCode,
      title: p.currentVersion!.title,
      cadence: p.currentVersion!.cadence as Cadence,
      number: p.currentVersion!.number,
      versionId: p.currentVersion!.id,
    }))
    .sort(libraryOrder);
}

function codeOrder(code: string | null): number {
  const n = code ? Number(code.slice(1)) : NaN;
  return Number.isFinite(n) ? n : 1000;
}

export function libraryOrder(a: { cadence: Cadence; code: string | null; title: string }, b: { cadence: Cadence; code: string | null; title: string }): number {
  return CADENCES.indexOf(a.cadence) - CADENCES.indexOf(b.cadence) || codeOrder(a.code) - codeOrder(b.code) || a.title.localeCompare(b.title);
}
