import "server-only";
import { db } from "@/lib/db";
import { AUDIT_DISTINCT_ACTIONS_SQL, AUDIT_DISTINCT_ENTITY_TYPES_SQL } from "@/lib/sql";
import { auditHead, formatAnchor } from "./verify";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addDays, localInstant } from "@/lib/time/dates";
import type { AuditFilter } from "./filters";

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

/** Newest first, one page after the cursor (events with seq below `before`). */
export async function listAuditEvents(filter: AuditFilter, timeZone: string) {
  const where = auditWhere(filter, timeZone);
  const events = await db.auditEvent.findMany({
    where: { AND: [where, filter.before ? { seq: { lt: filter.before } } : {}] },
    orderBy: { seq: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
    select: EVENT_FIELDS,
  });
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

/** Pages through every matching event in sequence order without holding them all in memory. */
export async function* streamAuditEvents(filter: AuditFilter, timeZone: string, chunk = 1000) {
  const where = auditWhere(filter, timeZone);
  let after = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { AND: [where, { seq: { gt: after } }] }, orderBy: { seq: "asc" }, take: chunk, select: { ...EVENT_FIELDS, actorId: true, prevHash: true, hash: true } });
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.seq;
  }
}

/** The newest audit event as an anchor ("#seq:hash"), for printed records to carry. */
export async function currentAuditAnchor(): Promise<string | null> {
  const head = await auditHead(db);
  return head ? formatAnchor(head) : null;
}
