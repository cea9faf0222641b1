// Does the evidence in the tables say what the audit trail says? Pure comparison, one run at a
// time: the caller streams a run's row, its results and its evidence events (in sequence order).
//
// The trail is the reference. The actions write, in the same transaction as the change:
//   result.record / result.correct (entity: the run): after = the result as saved (resultId,
//     itemId, revision, outcome, valueNumber, valueText, failureReason, note, and recordedAt and
//     the limits a number was judged against, limitMin and limitMax, in events written since each
//     was added) and runCompleted;
//     a correction's before names the result it supersedes; the actor is the author.
//   run.skip (entity: the run): after = { skippedAt, reason }; the actor skipped it.
// A result row is immutable and has exactly one creating event. A run's skip is the latest skip
// event's; its completion is the event whose save completed it (completedAt is that save's instant,
// which the result row carries as recordedAt); hasExceptions, failedItems and naItems follow from
// the latest revision of each item once the run is complete (a failure, or "not applicable" on a
// required item, is an exception).

export const EVIDENCE_ACTIONS = ["result.record", "result.correct", "run.skip"] as const;

export interface EvidenceRun {
  id: string;
  skippedAt: Date | null;
  skippedById: string | null;
  skipReason: string | null;
  completedAt: Date | null;
  completedById: string | null;
  hasExceptions: boolean;
  failedItems: number;
  naItems: number;
}

export interface EvidenceResult {
  id: string;
  runId: string;
  itemId: string;
  revision: number;
  supersedesId: string | null;
  outcome: string;
  valueNumber: number | null;
  valueText: string | null;
  failureReason: string | null;
  /** The limits a number was judged against; null on results from before they were stored. */
  limitMin: number | null;
  limitMax: number | null;
  note: string;
  recordedById: string;
  recordedAt: Date;
  /** The checklist item, for whether it is required. */
  item: { required: boolean };
}

export interface EvidenceEvent {
  seq: number;
  action: string;
  entityId: string;
  actorId: string | null;
  before: string | null;
  after: string | null;
}

/** The first disagreement found, with a sentence that names it. */
export interface EvidenceFinding {
  /** The table whose row disagrees ("AuditEvent" when an event cannot vouch for anything). */
  table: "Result" | "Run" | "AuditEvent";
  /** The row's id, or "#seq" for an event. */
  id: string;
  /** The column that disagrees; null when the whole row is missing or unaccounted for. */
  field: string | null;
  /** What the trail says, as shown in the sentence ("empty" for null). */
  expected: string | null;
  /** What the table holds, as shown in the sentence. */
  found: string | null;
  sentence: string;
}

interface ExpectedResult {
  seq: number;
  action: string;
  resultId: string;
  itemId: string;
  revision: number;
  supersedesId: string | null;
  outcome: string;
  valueNumber: number | null;
  valueText: string | null;
  failureReason: string | null;
  note: string;
  recordedById: string;
  /** When the result was saved; null in events written before the trail carried it. */
  recordedAt: Date | null;
  /** The limits judged against; absent (undefined) in events written before the trail carried them. */
  limits: { limitMin: number | null; limitMax: number | null } | undefined;
  completesRun: boolean;
}

interface ExpectedSkip {
  seq: number;
  skippedAt: Date;
  skipReason: string;
  skippedById: string;
}

/** How a value is written in a finding. */
export function shown(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

const isString = (v: unknown): v is string => typeof v === "string";
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === "string";
const isNumberOrNull = (v: unknown): v is number | null => v === null || (typeof v === "number" && Number.isFinite(v));
const isRevision = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 1;
const isBoolean = (v: unknown): v is boolean => typeof v === "boolean";

function unreadable(event: EvidenceEvent, what: string): EvidenceFinding {
  return {
    table: "AuditEvent",
    id: `#${event.seq}`,
    field: what,
    expected: null,
    found: null,
    sentence: `Event #${event.seq} (${event.action}) for run ${event.entityId} does not record ${what}, so the rows it vouches for cannot be checked.`,
  };
}

function readResultEvent(event: EvidenceEvent): ExpectedResult | EvidenceFinding {
  const after = parseObject(event.after);
  if (!after) return unreadable(event, "the result it saved");
  const fields: [string, (v: unknown) => boolean][] = [
    ["resultId", isString],
    ["itemId", isString],
    ["revision", isRevision],
    ["outcome", isString],
    ["valueNumber", isNumberOrNull],
    ["valueText", isStringOrNull],
    ["failureReason", isStringOrNull],
    ["note", isString],
    ["runCompleted", isBoolean],
  ];
  for (const [field, valid] of fields) {
    if (!(field in after) || !valid(after[field])) return unreadable(event, `the ${field} of the result it saved`);
  }
  let supersedesId: string | null = null;
  if (event.action === "result.correct") {
    const before = parseObject(event.before);
    if (!before || !isString(before.resultId)) return unreadable(event, "which result it corrects");
    supersedesId = before.resultId;
  }
  if (!isString(event.actorId)) return unreadable(event, "who saved the result");
  let recordedAt: Date | null = null;
  if ("recordedAt" in after) {
    recordedAt = isString(after.recordedAt) ? new Date(after.recordedAt) : null;
    if (recordedAt === null || Number.isNaN(recordedAt.getTime())) return unreadable(event, "when the result was saved");
  }
  let limits: ExpectedResult["limits"];
  if ("limitMin" in after || "limitMax" in after) {
    if (!isNumberOrNull(after.limitMin) || !isNumberOrNull(after.limitMax)) return unreadable(event, "the limits the result was judged against");
    limits = { limitMin: after.limitMin, limitMax: after.limitMax };
  }
  return {
    seq: event.seq,
    action: event.action,
    resultId: after.resultId as string,
    itemId: after.itemId as string,
    revision: after.revision as number,
    supersedesId,
    outcome: after.outcome as string,
    valueNumber: after.valueNumber as number | null,
    valueText: after.valueText as string | null,
    failureReason: after.failureReason as string | null,
    note: after.note as string,
    recordedById: event.actorId,
    recordedAt,
    limits,
    completesRun: after.runCompleted as boolean,
  };
}

function readSkipEvent(event: EvidenceEvent): ExpectedSkip | EvidenceFinding {
  const after = parseObject(event.after);
  if (!after) return unreadable(event, "the skip");
  const at = isString(after.skippedAt) ? new Date(after.skippedAt) : null;
  if (!at || Number.isNaN(at.getTime())) return unreadable(event, "when the run was skipped");
  if (!isString(after.reason)) return unreadable(event, "why the run was skipped");
  if (!isString(event.actorId)) return unreadable(event, "who skipped the run");
  return { seq: event.seq, skippedAt: at, skipReason: after.reason, skippedById: event.actorId };
}

function disagreement(table: "Result" | "Run", id: string, context: string, field: string, found: unknown, expected: unknown, source: string): EvidenceFinding {
  return {
    table,
    id,
    field,
    expected: shown(expected),
    found: shown(found),
    sentence: `${table} ${id}${context} disagrees with the audit trail: its ${field} is ${shown(found)}, but ${source} ${shown(expected)}.`,
  };
}

function sameValue(found: unknown, expected: unknown): boolean {
  if (found instanceof Date || expected instanceof Date) {
    return found instanceof Date && expected instanceof Date && found.getTime() === expected.getTime();
  }
  return found === expected;
}

/**
 * Checks one run against its evidence events. `run` is null when results or events name a run
 * that is not in the Run table. `results` in (itemId, revision) order, `events` in sequence order,
 * only the EVIDENCE_ACTIONS. Returns the first disagreement, or null.
 */
export function checkRunEvidence(
  runId: string,
  run: EvidenceRun | null,
  results: readonly EvidenceResult[],
  events: readonly EvidenceEvent[],
): EvidenceFinding | null {
  // What the trail says, event by event.
  const expected = new Map<string, ExpectedResult>();
  let skip: ExpectedSkip | null = null;
  let completion: ExpectedResult | null = null;
  for (const event of events) {
    if (event.action === "run.skip") {
      const read = readSkipEvent(event);
      if ("sentence" in read) return read;
      skip = read;
      continue;
    }
    const read = readResultEvent(event);
    if ("sentence" in read) return read;
    const earlier = expected.get(read.resultId);
    if (earlier) {
      return {
        table: "Result",
        id: read.resultId,
        field: null,
        expected: `one creating event`,
        found: `events #${earlier.seq} and #${read.seq}`,
        sentence: `Result ${read.resultId} (run ${runId}) is claimed by two audit events, #${earlier.seq} and #${read.seq}; exactly one event creates each result.`,
      };
    }
    expected.set(read.resultId, read);
    if (read.completesRun && !completion) completion = read;
  }

  if (!run) {
    const orphan = results[0];
    if (orphan) {
      return {
        table: "Result",
        id: orphan.id,
        field: "runId",
        expected: "an existing run",
        found: shown(runId),
        sentence: `Result ${orphan.id} names run ${runId}, which is not in the Run table.`,
      };
    }
    const event = events[0]!;
    return {
      table: "Run",
      id: runId,
      field: null,
      expected: "a row",
      found: "none",
      sentence: `Event #${event.seq} (${event.action}) records work on run ${runId}, which is not in the Run table.`,
    };
  }

  // Every result row against the event that created it.
  const rows = new Map<string, EvidenceResult>();
  for (const row of results) {
    rows.set(row.id, row);
    const context = ` (run ${runId}, revision ${row.revision})`;
    const creating = expected.get(row.id);
    if (!creating) {
      return {
        table: "Result",
        id: row.id,
        field: null,
        expected: "a creating audit event",
        found: "none",
        sentence: `Result ${row.id}${context} has no audit event recording it: no result.record or result.correct event names it.`,
      };
    }
    const source = `event #${creating.seq} (${creating.action}) recorded`;
    const pairs: [string, unknown, unknown][] = [
      ["itemId", row.itemId, creating.itemId],
      ["revision", row.revision, creating.revision],
      ["supersedesId", row.supersedesId, creating.supersedesId],
      ["outcome", row.outcome, creating.outcome],
      ["valueNumber", row.valueNumber, creating.valueNumber],
      ["valueText", row.valueText, creating.valueText],
      ["failureReason", row.failureReason, creating.failureReason],
      ["note", row.note, creating.note],
      ["recordedById", row.recordedById, creating.recordedById],
      ...(creating.recordedAt ? [["recordedAt", row.recordedAt, creating.recordedAt] as [string, unknown, unknown]] : []),
      // Events from before the limits were stored say nothing of them; the row then holds none.
      ["limitMin", row.limitMin, creating.limits ? creating.limits.limitMin : null],
      ["limitMax", row.limitMax, creating.limits ? creating.limits.limitMax : null],
    ];
    for (const [field, found, want] of pairs) {
      if (!sameValue(found, want)) return disagreement("Result", row.id, context, field, found, want, source);
    }
  }
  // Every creating event names a row of this run.
  for (const creating of expected.values()) {
    if (!rows.has(creating.resultId)) {
      return {
        table: "Result",
        id: creating.resultId,
        field: null,
        expected: "a row",
        found: "none",
        sentence: `Event #${creating.seq} (${creating.action}) records result ${creating.resultId} in run ${runId}, but the Result table has no such result in that run.`,
      };
    }
  }

  // The run's skip and completion.
  const noSkip = "the audit trail records no skip of this run, so it should be";
  const skipSource = skip ? `event #${skip.seq} (run.skip) recorded` : noSkip;
  const completingRow = completion ? rows.get(completion.resultId)! : null;
  const noCompletion = "no audit event completed this run, so it should be";
  // The latest revision of each item, as the trail has it.
  const latest = new Map<string, ExpectedResult>();
  for (const r of expected.values()) {
    const seen = latest.get(r.itemId);
    if (!seen || seen.revision < r.revision) latest.set(r.itemId, r);
  }
  const requiredItems = new Set([...rows.values()].filter((r) => r.item.required).map((r) => r.itemId));
  const failures = [...latest.values()].filter((r) => r.outcome === "FAIL").length;
  const requiredNa = [...latest.values()].filter((r) => r.outcome === "NOT_APPLICABLE" && requiredItems.has(r.itemId)).length;
  const anyFailure = failures > 0 || requiredNa > 0;
  const counted = completion ? "the latest results in the audit trail give" : "the audit trail shows it not completed, so it should be";
  const runChecks: [string, unknown, unknown, string][] = [
    ["skippedAt", run.skippedAt, skip?.skippedAt ?? null, skipSource],
    ["skipReason", run.skipReason, skip?.skipReason ?? null, skipSource],
    ["skippedById", run.skippedById, skip?.skippedById ?? null, skipSource],
    [
      "completedAt",
      run.completedAt,
      completingRow ? completingRow.recordedAt : null,
      completion ? `event #${completion.seq} completed it by saving result ${completion.resultId}, which was recorded at` : noCompletion,
    ],
    ["completedById", run.completedById, completion?.recordedById ?? null, completion ? `event #${completion.seq} (${completion.action}) completed it as` : noCompletion],
    [
      "hasExceptions",
      run.hasExceptions,
      completion !== null && anyFailure,
      !completion
        ? "the audit trail shows it not completed, so it should be"
        : anyFailure
          ? "the latest results in the audit trail include a failure or a required item marked not applicable, so it should be"
          : "the latest results in the audit trail have no failure and no required item marked not applicable, so it should be",
    ],
    ["failedItems", run.failedItems, completion ? failures : 0, counted],
    ["naItems", run.naItems, completion ? requiredNa : 0, counted],
  ];
  for (const [field, found, want, source] of runChecks) {
    if (!sameValue(found, want)) return disagreement("Run", run.id, "", field, found, want, source);
  }
  return null;
}
