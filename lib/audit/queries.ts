import "server-only";
import { db } from "@/lib/db";
import { AUDIT_DISTINCT_ACTIONS_SQL, AUDIT_DISTINCT_ENTITY_TYPES_SQL } from "@/lib/sql";
import { auditHead, formatAnchor } from "./verify";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addDays, localInstant } from "@/lib/time/dates";
import type { AuditFilter } from "./filters";
import { nextTurn } from "@/lib/turns";
import type { Db } from "@/lib/db";
import type { Role } from "@/lib/auth/roles";
import type { SearchParams } from "@/lib/filters";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { describeEvent, describeRecord, wantedNames, type EventView, type RecordView, type StoredEvent } from "./describe";
import { groupActions, entityKindLabel, SYSTEM_ACTOR_PREFIX, type ActionGroup } from "./labels";
import { resolveNames } from "./names";
import { parseAuditFilter } from "./filters";

export const AUDIT_PAGE_SIZE = 50;

/**
 * What "people only" keeps: everything not written by the portal itself. System actors have no
 * id and a "system:" label; a person signed in has an id, and someone at the command line ("cli")
 * or a sign-in attempt for an unknown address has neither but is still a person. The log is read
 * in windows of sequence numbers found by the primary key, so this costs a check per event of a
 * window (about 2 ms per 10,000 events), whatever the share of automatic events; the index on
 * (actorId, seq) could not give "actorId IS NOT NULL" in seq order anyway.
 */
export const PEOPLE_ONLY: Prisma.AuditEventWhereInput = { OR: [{ actorId: { not: null } }, { NOT: { actorLabel: { startsWith: SYSTEM_ACTOR_PREFIX } } }] };

export function auditWhere(filter: AuditFilter, timeZone: string): Prisma.AuditEventWhereInput {
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.actor) where.OR = [{ actorId: filter.actor }, { actorLabel: filter.actor.toLowerCase() }, { actorLabel: filter.actor }];
  if (filter.who === "people") where.AND = [PEOPLE_ONLY];
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

const EVENT_FIELDS = { seq: true, at: true, actorId: true, actorLabel: true, action: true, entityType: true, entityId: true, before: true, after: true, ip: true, userAgent: true } as const;

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

/** A page of stored events as the log shows them: names looked up in one batch per kind of record. */
export async function describeAuditEvents(events: readonly StoredEvent[], role: Role, timeZone: string, client: Db = db): Promise<EventView[]> {
  const names = await resolveNames(wantedNames(events), role, client);
  return events.map((event) => describeEvent(event, names, role, timeZone));
}

export interface AuditLogView {
  timeZone: string;
  filter: AuditFilter;
  /** Messages for filter values that could not be read; no events are shown then. */
  errors: string[];
  /** Why a readable filter matches nothing (a code no event has, people only with a system actor). */
  notices: string[];
  /** Set when the page shows one record's whole history (oldest first) rather than the log. */
  timeline: RecordView | null;
  events: EventView[];
  nextBefore: number | null;
  options: { actors: { id: string; name: string }[]; actions: ActionGroup[]; entityTypes: { value: string; label: string }[] };
}

/** Everything the audit page shows, from its query string. */
export async function auditLogView(params: SearchParams, role: Role): Promise<AuditLogView> {
  const parsed = parseAuditFilter(params);
  const [{ timeZone }, options] = await Promise.all([getOrganisationSettings(), auditFilterOptions()]);
  const filter = parsed.success ? parsed.data : {};
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  // A record's timeline is every event of it, unpaged; any other filter narrows it into a page.
  const isTimeline = Boolean(parsed.success && filter.entityType && filter.entityId && !filter.action && !filter.actor && filter.who !== "people");
  let stored: StoredEvent[] = [];
  let nextBefore: number | null = null;
  if (parsed.success && isTimeline) stored = await entityTimeline(filter.entityType!, filter.entityId!);
  else if (parsed.success) ({ events: stored, nextBefore } = await listAuditEvents(filter, timeZone));
  const events = await describeAuditEvents(stored, role, timeZone);
  const notices: string[] = [];
  if (parsed.success && filter.action && !options.actions.includes(filter.action)) notices.push(`No event has the action ${filter.action}.`);
  if (parsed.success && filter.entityType && !options.entityTypes.includes(filter.entityType)) notices.push(`No event is about a record of kind ${filter.entityType}.`);
  if (parsed.success && filter.who === "people" && filter.actor?.startsWith(SYSTEM_ACTOR_PREFIX)) {
    notices.push("People only leaves out what the portal did by itself: choose Everything to see this actor's events.");
  }
  let timeline: RecordView | null = null;
  if (isTimeline) {
    const record = { entityType: filter.entityType!, entityId: filter.entityId! };
    timeline = events[0]?.record ?? describeRecord(record, await resolveNames(wantedNames([{ ...record, actorId: null, before: null, after: null }]), role), role);
  }
  return {
    timeZone,
    filter,
    errors,
    notices,
    timeline,
    events,
    nextBefore,
    options: {
      actors: options.actors.map((a) => ({ id: a.id, name: a.name })),
      actions: groupActions(options.actions),
      entityTypes: options.entityTypes.map((value) => ({ value, label: entityKindLabel(value) })).sort((a, b) => a.label.localeCompare(b.label)),
    },
  };
}
