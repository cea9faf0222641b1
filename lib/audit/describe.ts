// The audit log as people read it: who (a name), what (a phrase), which record (by what it is) and
// which fields changed. Pure: the queries gather the names a page needs in one batch per kind of
// record (lib/audit/names.ts), and everything here turns stored events plus those names into text.
// Nothing here changes what is stored or exported; the raw event stays one click away.
import { can } from "@/lib/auth/policy";
import { ROLE_LABELS, isRole, type Role } from "@/lib/auth/roles";
import { changeRef } from "@/lib/changes/naming";
import { recordedNumber } from "@/lib/format/values";
import { incidentRef, problemRef } from "@/lib/incidents/naming";
import { formatDate, formatDateTime } from "@/lib/time/format";
import { ROLE_PLURAL } from "@/lib/training/reading-list";
import { actionLabel, entityKindLabel, isAutomaticActor, NAMED_ACTORS } from "./labels";

/** The columns of an event the page shows. */
export interface StoredEvent {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
  ip: string;
  userAgent: string;
}

/** Kinds of record whose names are looked up, one query per kind present on a page. */
export const NAMED_KINDS = [
  "Acknowledgement",
  "Change",
  "ChecklistItem",
  "Holiday",
  "Incident",
  "MaintenanceWindow",
  "Problem",
  "Procedure",
  "ProcedureDraft",
  "ProcedureVersion",
  "Run",
  "Schedule",
  "Server",
  "Tool",
  "User",
] as const;
export type NamedKind = (typeof NAMED_KINDS)[number];

export interface RecordName {
  label: string;
  href: string | null;
}

/** Names found, by kind and id. A missing id is a deleted or unknown record. */
export type Names = Partial<Record<NamedKind, Map<string, RecordName>>>;
export type WantedNames = Map<NamedKind, Set<string>>;

/** Kinds whose ids are numbers in the database (and sometimes in the JSON). */
export const NUMERIC_KINDS: ReadonlySet<NamedKind> = new Set(["Change", "Incident", "Problem"]);

// The known foreign keys inside before/after, and the kind of record each names. Other ids (a
// result's, an update's) stay as they are: they name nothing a reader would recognise.
const FIELD_KINDS: Record<string, NamedKind> = {
  acknowledgementId: "Acknowledgement",
  approvedById: "User",
  approverId: "User",
  assigneeId: "User",
  assigneeUserId: "User",
  authorId: "User",
  changeId: "Change",
  completedById: "User",
  createdById: "User",
  draftId: "ProcedureDraft",
  implementerId: "User",
  incidentId: "Incident",
  itemId: "ChecklistItem",
  lastRunId: "Run",
  openedById: "User",
  problemId: "Problem",
  procedureId: "Procedure",
  recordedById: "User",
  requesterId: "User",
  runId: "Run",
  scheduleId: "Schedule",
  serverId: "Server",
  skippedById: "User",
  sourceItemId: "ChecklistItem",
  sourceRunId: "Run",
  userId: "User",
  versionId: "ProcedureVersion",
};

// Lists of ids: named one by one while short, counted when long (a schedule change can withdraw
// hundreds of runs; the raw JSON keeps every id).
const LIST_KINDS: Record<string, { kind: NamedKind; noun: [string, string] }> = {
  runIds: { kind: "Run", noun: ["run", "runs"] },
  withdrawnRunIds: { kind: "Run", noun: ["run", "runs"] },
};
export const MAX_NAMED_IN_LIST = 5;

const FIELD_LABELS: Record<string, string> = {
  acknowledgementId: "Earlier acknowledgement",
  assigneeId: "Assignee",
  assigneeRole: "Assigned role",
  assigneeUserId: "Assigned person",
  dueAt: "Due",
  email: "E-mail",
  failedSignIns: "Failed sign-ins",
  fqdn: "FQDN",
  itemId: "Checklist item",
  lastRunId: "Run",
  localDate: "Date",
  problemId: "Problem",
  procedureId: "Procedure",
  resultId: "Result id",
  retryAfterSeconds: "Retry after (seconds)",
  rrule: "Recurrence rule",
  runIds: "Runs",
  scheduleId: "Schedule",
  schedulesReplanned: "Schedules replanned",
  serverId: "Server",
  smf: "SMF",
  sourceRunId: "Source run",
  userId: "User",
  valueNumber: "Value",
  valueText: "Text value",
  versionId: "Version",
  withdrawnRunIds: "Runs withdrawn",
};

// Fields that hold a code from a fixed list ("COMPLETED_WITH_EXCEPTIONS"): shown in words.
const CODE_FIELDS = new Set(["assigneeRole", "cadence", "entry", "holidayPolicy", "kind", "mode", "outcome", "role", "ruleKind", "runState", "scope", "smf", "source", "status", "type"]);

// The fields a reader looks for first; the rest follow in alphabetical order.
const FIRST_FIELDS = ["title", "name", "itemId", "outcome", "valueNumber", "valueText", "failureReason", "note", "status", "role", "reason"];

/** Longest value shown in full in a table cell; longer ones are cut, with the whole value beside. */
export const SHORT_VALUE = 120;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Stored JSON as an object of fields; a non-object value becomes one field, unreadable text stays text. */
export function parseFields(text: string | null): Record<string, Json> | null {
  if (text === null) return null;
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch {
    return { value: text };
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return value;
  return { value };
}

function addWanted(wanted: WantedNames, kind: NamedKind, id: unknown): void {
  if (typeof id === "number" && Number.isInteger(id)) id = String(id);
  if (typeof id !== "string" || id === "") return;
  if (NUMERIC_KINDS.has(kind) && !/^\d{1,15}$/.test(id)) return;
  let ids = wanted.get(kind);
  if (!ids) wanted.set(kind, (ids = new Set()));
  ids.add(id);
}

/** The records a page of events names: actors, the records acted on, and foreign keys in the fields. */
export function wantedNames(events: readonly Pick<StoredEvent, "actorId" | "entityType" | "entityId" | "before" | "after">[]): WantedNames {
  const wanted: WantedNames = new Map();
  for (const event of events) {
    if (event.actorId) addWanted(wanted, "User", event.actorId);
    if ((NAMED_KINDS as readonly string[]).includes(event.entityType)) addWanted(wanted, event.entityType as NamedKind, event.entityId);
    for (const fields of [parseFields(event.before), parseFields(event.after)]) {
      if (!fields) continue;
      for (const [key, value] of Object.entries(fields)) {
        const kind = Object.hasOwn(FIELD_KINDS, key) ? FIELD_KINDS[key] : undefined;
        if (kind) addWanted(wanted, kind, value);
        const list = Object.hasOwn(LIST_KINDS, key) ? LIST_KINDS[key] : undefined;
        if (list && Array.isArray(value) && value.length <= MAX_NAMED_IN_LIST) for (const id of value) addWanted(wanted, list.kind, id);
      }
    }
  }
  return wanted;
}

function nameOf(names: Names, kind: NamedKind, id: unknown): RecordName | undefined {
  const key = typeof id === "number" ? String(id) : id;
  return typeof key === "string" ? names[kind]?.get(key) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Names of records, from the columns the queries read. Links only where the reader may follow them.

/** A run as "Check backups — EXHUB01 · 9 Dec 2026" (no server part for organisation-wide runs). */
export function runName(run: { id: string; localDate: string; title: string; server: string | null }): RecordName {
  return { label: `${run.title}${run.server ? ` — ${run.server}` : ""} · ${localDateText(run.localDate)}`, href: `/runs/${run.id}` };
}

export function procedureName(procedure: { slug: string; title: string | null }): RecordName {
  return { label: procedure.title ?? procedure.slug, href: `/procedures/${procedure.slug}` };
}

export function versionName(version: { number: number; title: string; slug: string }): RecordName {
  return { label: `${version.title}, version ${version.number}`, href: `/procedures/${version.slug}/versions` };
}

export function draftName(draft: { slug: string; title: string | null }): RecordName {
  return { label: `Draft of ${draft.title ?? draft.slug}`, href: `/procedures/${draft.slug}` };
}

export function incidentName(incident: { id: number; title: string }): RecordName {
  return { label: `${incidentRef(incident.id)}: ${incident.title}`, href: `/incidents/${incident.id}` };
}

export function problemName(problem: { id: number; title: string }): RecordName {
  return { label: `${problemRef(problem.id)}: ${problem.title}`, href: null };
}

export function changeName(change: { id: number; title: string }): RecordName {
  return { label: `${changeRef(change.id)}: ${change.title}`, href: `/changes/${change.id}` };
}

export function userName(user: { name: string }, role: Role): RecordName {
  return { label: user.name, href: can(role, "user:manage") ? "/admin/users" : null };
}

export function serverName(server: { name: string }, role: Role): RecordName {
  return { label: server.name, href: can(role, "server:manage") ? "/admin/servers" : null };
}

/** A schedule by its procedure and, when it has one, its own name: "Check backups · weekdays". */
export function scheduleName(schedule: { name: string; procedure: string }, role: Role): RecordName {
  return { label: schedule.name ? `${schedule.procedure} · ${schedule.name}` : schedule.procedure, href: can(role, "schedule:manage") ? "/admin/schedules" : null };
}

export function maintenanceName(window: { name: string }, role: Role): RecordName {
  return { label: window.name, href: can(role, "schedule:manage") ? "/admin/schedules" : null };
}

export function holidayName(holiday: { name: string; date: string }, role: Role): RecordName {
  return { label: `${holiday.name} (${localDateText(holiday.date)})`, href: can(role, "settings:manage") ? "/admin/settings" : null };
}

export function toolName(tool: { name: string; slug: string }): RecordName {
  return { label: tool.name, href: `/tools#${tool.slug}` };
}

export function acknowledgementName(ack: { user: string; title: string; number: number; slug: string }): RecordName {
  return { label: `${ack.title}, version ${ack.number}, read by ${ack.user}`, href: `/procedures/${ack.slug}` };
}

export function checklistItemName(item: { text: string }): RecordName {
  return { label: item.text, href: null };
}

/** "2026-12-09" as "9 Dec 2026" (a calendar date: no time zone applies). */
export function localDateText(localDate: string): string {
  return LOCAL_DATE.test(localDate) ? formatDate(new Date(`${localDate}T12:00:00Z`), "UTC") : localDate;
}

// ---------------------------------------------------------------------------------------------
// One event, described.

export interface ActorView {
  name: string;
  /** What kind of actor, for automatic events and the command line ("run generation"). */
  detail: string | null;
  automatic: boolean;
}

export function describeActor(event: Pick<StoredEvent, "actorId" | "actorLabel">, names: Names): ActorView {
  if (isAutomaticActor(event.actorId, event.actorLabel)) {
    const detail = Object.hasOwn(NAMED_ACTORS, event.actorLabel) ? NAMED_ACTORS[event.actorLabel]! : event.actorLabel.slice("system:".length);
    return { name: "System", detail, automatic: true };
  }
  if (event.actorId) {
    const user = names.User?.get(event.actorId);
    return { name: user?.label ?? event.actorLabel, detail: null, automatic: false };
  }
  if (event.actorLabel === "cli") return { name: "Command line", detail: "someone at the server", automatic: false };
  // A sign-in attempt for an address with no account: the address typed is all there is.
  return { name: event.actorLabel, detail: null, automatic: false };
}

const FIXED_RECORDS: Record<string, (entityId: string, role: Role) => RecordName> = {
  OrganisationSettings: (_id, role) => ({ label: "Organisation settings", href: can(role, "settings:manage") ? "/admin/settings" : null }),
  ProcedureLibrary: () => ({ label: "Procedure library", href: "/procedures" }),
  // The demo servers as a group (entityId "demo"): retired together.
  ServerInventory: (_id, role) => ({ label: "Demo servers", href: can(role, "server:manage") ? "/admin/servers" : null }),
  ReadingList: (id, role) => ({
    label: `Reading list of ${isRole(id) ? ROLE_PLURAL[id] : id}`,
    href: can(role, "training:manage") ? "/training/matrix" : null,
  }),
};

export interface RecordView extends RecordName {
  /** True when the record was not found (deleted, or an id the portal never had): the label is the id. */
  unknown: boolean;
  /** Every event of this record, oldest first. */
  timelineHref: string;
}

export function describeRecord(event: Pick<StoredEvent, "entityType" | "entityId">, names: Names, role: Role): RecordView {
  const timelineHref = `/audit?${new URLSearchParams({ entityType: event.entityType, entityId: event.entityId })}`;
  if (Object.hasOwn(FIXED_RECORDS, event.entityType)) return { ...FIXED_RECORDS[event.entityType]!(event.entityId, role), unknown: false, timelineHref };
  const found = (NAMED_KINDS as readonly string[]).includes(event.entityType) ? nameOf(names, event.entityType as NamedKind, event.entityId) : undefined;
  if (found) return { ...found, unknown: false, timelineHref };
  return { label: `${entityKindLabel(event.entityType)} ${event.entityId}`, href: null, unknown: true, timelineHref };
}

// ---------------------------------------------------------------------------------------------
// Before → after, field by field.

export interface ShownValue {
  /** The value as shown in the table, cut to SHORT_VALUE characters. */
  text: string;
  /** The whole value when `text` was cut; null otherwise. */
  full: string | null;
}

export interface FieldRow {
  key: string;
  field: string;
  before: ShownValue | null;
  after: ShownValue | null;
}

export interface FieldChanges {
  /** "change": both sides recorded; "created": only after; "removed": only before; "none": neither. */
  mode: "change" | "created" | "removed" | "none";
  /** Fields that changed (for a creation: those holding something). */
  changed: FieldRow[];
  /** The remaining fields, shown on request. */
  unchanged: FieldRow[];
}

/** "failureReason" as "Failure reason"; known fields by their name in the app. */
export function fieldLabel(key: string): string {
  if (Object.hasOwn(FIELD_LABELS, key)) return FIELD_LABELS[key]!;
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function codeText(code: string): string {
  const words = code.replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function cut(text: string): ShownValue {
  const chars = [...text];
  return chars.length > SHORT_VALUE ? { text: `${chars.slice(0, SHORT_VALUE - 1).join("").trimEnd()}…`, full: text } : { text, full: null };
}

/** One field's value as a reader sees it: names for ids, words for codes, dates in the zone. */
export function showValue(key: string, value: Json | undefined, names: Names, timeZone: string): ShownValue {
  return cut(valueText(key, value, names, timeZone));
}

function valueText(key: string, value: Json | undefined, names: Names, timeZone: string): string {
  if (value === null || value === undefined) return "—";
  const kind = Object.hasOwn(FIELD_KINDS, key) ? FIELD_KINDS[key] : undefined;
  if (kind && (typeof value === "string" || typeof value === "number")) return nameOf(names, kind, value)?.label ?? String(value);
  const list = Object.hasOwn(LIST_KINDS, key) ? LIST_KINDS[key] : undefined;
  if (list && Array.isArray(value)) {
    if (value.length === 0) return "none";
    if (value.length > MAX_NAMED_IN_LIST) return `${value.length} ${list.noun[1]}`;
    return value.map((id) => nameOf(names, list.kind, id)?.label ?? String(id)).join("; ");
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return recordedNumber(value);
  if (typeof value === "string") {
    if (key === "role" && isRole(value)) return ROLE_LABELS[value];
    if (CODE_FIELDS.has(key) && /^[A-Z][A-Z_]*$/.test(value)) return codeText(value);
    if (ISO_INSTANT.test(value)) {
      const at = new Date(value);
      if (!Number.isNaN(at.getTime())) return formatDateTime(at, timeZone);
    }
    if (LOCAL_DATE.test(value)) return localDateText(value);
    return value === "" ? "(empty)" : value;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) return value.length === 0 ? "none" : value.join(", ");
  return JSON.stringify(value);
}

/** Nothing worth a line in a new record's table: empty, false, none. */
function isBlank(value: Json | undefined): boolean {
  return value === null || value === undefined || value === "" || value === false || (Array.isArray(value) && value.length === 0);
}

function fieldOrder(a: string, b: string): number {
  const ia = FIRST_FIELDS.indexOf(a);
  const ib = FIRST_FIELDS.indexOf(b);
  if (ia !== ib) return (ia === -1 ? FIRST_FIELDS.length : ia) - (ib === -1 ? FIRST_FIELDS.length : ib);
  return a.localeCompare(b);
}

/**
 * The fields of an event's before and after, split into those that changed and the rest. An "id"
 * that repeats the record's own id or another field ("resultId") is left out: it says nothing new.
 */
export function fieldChanges(event: Pick<StoredEvent, "before" | "after" | "entityId">, names: Names, timeZone: string): FieldChanges {
  const before = parseFields(event.before);
  const after = parseFields(event.after);
  const mode = before && after ? "change" : after ? "created" : before ? "removed" : "none";
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort(fieldOrder);
  const changed: FieldRow[] = [];
  const unchanged: FieldRow[] = [];
  for (const key of keys) {
    const b = before && Object.hasOwn(before, key) ? before[key] : undefined;
    const a = after && Object.hasOwn(after, key) ? after[key] : undefined;
    if (key === "id" && redundantId(a ?? b, event.entityId, before, after)) continue;
    const row: FieldRow = {
      key,
      field: fieldLabel(key),
      before: before ? showValue(key, b, names, timeZone) : null,
      after: after ? showValue(key, a, names, timeZone) : null,
    };
    let differs: boolean;
    if (mode === "change") {
      // A field only one side records, holding nothing there, is no change ("failureReason": null).
      differs = b === undefined ? !isBlank(a) : a === undefined ? !isBlank(b) : JSON.stringify(a) !== JSON.stringify(b);
    } else {
      differs = !isBlank(a ?? b);
    }
    (differs ? changed : unchanged).push(row);
  }
  return { mode, changed, unchanged };
}

function redundantId(id: Json | undefined, entityId: string, ...sides: (Record<string, Json> | null)[]): boolean {
  if (id === entityId) return true;
  return sides.some((side) => side !== null && Object.entries(side).some(([k, v]) => k !== "id" && k.endsWith("Id") && v === id));
}

// ---------------------------------------------------------------------------------------------

export interface EventView {
  seq: number;
  at: string;
  actor: ActorView;
  action: { code: string; label: string };
  record: RecordView;
  changes: FieldChanges;
  request: { ip: string; userAgent: string };
  raw: { before: string | null; after: string | null };
}

/** One stored event as the page shows it. */
export function describeEvent(event: StoredEvent, names: Names, role: Role, timeZone: string): EventView {
  return {
    seq: event.seq,
    at: formatDateTime(event.at, timeZone),
    actor: describeActor(event, names),
    action: { code: event.action, label: actionLabel(event.action) },
    record: describeRecord(event, names, role),
    changes: fieldChanges(event, names, timeZone),
    request: { ip: event.ip, userAgent: event.userAgent },
    raw: { before: prettyJson(event.before), after: prettyJson(event.after) },
  };
}

/** Stored JSON indented for reading; text that is not JSON is shown as stored. */
export function prettyJson(text: string | null): string | null {
  if (text === null) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
