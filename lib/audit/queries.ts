import "server-only";
import { db } from "@/lib/db";
import { AUDIT_DISTINCT_ACTIONS_SQL, AUDIT_DISTINCT_ENTITY_TYPES_SQL } from "@/lib/sql";
import { auditHead, formatAnchor } from "./verify";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addDays, localInstant } from "@/lib/time/dates";
import type { AuditFilter } from "./filters";
import { nextTurn } from "@/lib/turns";

export const AUDIT_PAGE_SIZE = 50;

export function auditWhere(filter: AuditFilter, timeZone: string): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.actor) where.OR = [{ actorId: filter.actor }, { actorLabel: filter.actor.toLowerCase() }, { actorLabel: filter.actor }];
  if (filter.action) where.action = filter.action;
  if (filter.entityType) where.entityType = filter.entityType;
  if (filter.entityId) where.entityId = filter.entityId;
  if (filter.from || filter.to) {
    where.at = {
      ...(filter.from ? { gte: localInstant(filter.from, "00:00", timeZone) } : {}),
      ...(filter.to ? { lt: localInstant(addDays(filter.to, 1), "00:00", timeZone) } : {}),
    };
  }
  return where;
}

const EVENT_FIELDS = { seq: true, at: true, actorLabel: true, action: true, entityType: true, entityId: true, before: true, after: true, ip: true, userAgent: true } as const;

/**
 * Sequence numbers per query when the log is read (AUDIT_SEQ_WINDOW). A filter that matches
 * little, or a date range far from the newest (or oldest) event, would otherwise make one query
 * step over hundreds of thousands of events while every other request waits: the database driver
 * answers synchronously. A query now covers one window of sequence numbers, found by the primary
 * key, and the event loop gets a turn before each.
 */
export const AUDIT_SEQ_WINDOW = 10_000;

/** The newest event's sequence number (0 for an empty log). */
async function headSeq(): Promise<number> {
  return (await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } }))?.seq ?? 0;
}

/** Newest first, one page after the cursor (events with seq below `before`). */
export async function listAuditEvents(filter: AuditFilter, timeZone: string, window = AUDIT_SEQ_WINDOW) {
  const where = auditWhere(filter, timeZone);
  const events: Prisma.AuditEventGetPayload<{ select: typeof EVENT_FIELDS }>[] = [];
  const top = filter.before ? Math.min(filter.before - 1, await headSeq()) : await headSeq();
  for (let high = top; high >= 1 && events.length <= AUDIT_PAGE_SIZE; high -= window) {
    await nextTurn();
    const rows = await db.auditEvent.findMany({
      where: { AND: [where, { seq: { gte: Math.max(1, high - window + 1), lte: high } }] },
      orderBy: { seq: "desc" },
      take: AUDIT_PAGE_SIZE + 1 - events.length,
      select: EVENT_FIELDS,
    });
    events.push(...rows);
  }
  const more = events.length > AUDIT_PAGE_SIZE;
  const page = events.slice(0, AUDIT_PAGE_SIZE);
  return { events: page, nextBefore: more ? page.at(-1)!.seq : null };
}

/** Everything that happened to one record, oldest first. */
export function entityTimeline(entityType: string, entityId: string) {
  return db.auditEvent.findMany({ where: { entityType, entityId }, orderBy: { seq: "asc" }, take: 2000, select: EVENT_FIELDS });
}

export async function auditFilterOptions() {
  const [actors, actions, types] = await Promise.all([
    db.user.findMany({ select: { id: true, name: true, email: true }, orderBy: { name: "asc" } }),
    db.$queryRawUnsafe<{ value: string }[]>(AUDIT_DISTINCT_ACTIONS_SQL),
    db.$queryRawUnsafe<{ value: string }[]>(AUDIT_DISTINCT_ENTITY_TYPES_SQL),
  ]);
  return { actors, actions: actions.map((a) => a.value), entityTypes: types.map((t) => t.value) };
}

/**
 * Pages through every matching event in sequence order without holding them all in memory: chunks
 * of `chunk` events (the last may be shorter), read window by window (AUDIT_SEQ_WINDOW). Events
 * written after the export began are not in it; it ends at the newest event of its start.
 */
export async function* streamAuditEvents(filter: AuditFilter, timeZone: string, chunk = 1000, window = AUDIT_SEQ_WINDOW) {
  const where = auditWhere(filter, timeZone);
  const select = { ...EVENT_FIELDS, actorId: true, prevHash: true, hash: true } as const;
  const last = await headSeq();
  let rows: Prisma.AuditEventGetPayload<{ select: typeof select }>[] = [];
  for (let low = 1; low <= last; low += window) {
    const high = Math.min(last, low + window - 1);
    let from = low;
    for (;;) {
      await nextTurn();
      const found = await db.auditEvent.findMany({ where: { AND: [where, { seq: { gte: from, lte: high } }] }, orderBy: { seq: "asc" }, take: chunk - rows.length, select });
      rows.push(...found);
      if (rows.length < chunk) break; // this window is done
      yield rows;
      from = rows.at(-1)!.seq + 1;
      rows = [];
    }
  }
  if (rows.length > 0) yield rows;
}

/** The newest audit event as an anchor ("#seq:hash"), for printed records to carry. */
export async function currentAuditAnchor(): Promise<string | null> {
  const head = await auditHead(db);
  return head ? formatAnchor(head) : null;
}
