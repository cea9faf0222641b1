// The one check behind `audit verify`, `db backup` and `db restore`: the schema against the
// migrations, the hash chain, an anchor noted earlier, the triggers that keep evidence append-only,
// and the evidence tables against the trail (docs/decisions/020-audit-verify-checks-evidence.md,
// 029-schema-check-at-restore-and-start.md).
import "server-only";
import type { Db } from "@/lib/db";
import { checkSchema, firstForeignKeyViolation, prismaReader, type SchemaFinding } from "@/lib/maintenance/schema-check";
import type { Prisma } from "@/lib/generated/prisma/client";
import { checkRunEvidence, EVIDENCE_ACTIONS, type EvidenceEvent, type EvidenceFinding, type EvidenceResult, type EvidenceRun } from "./evidence";
import { checkTriggers, migrationsDirectory, type TriggerFinding } from "./triggers";
import { auditHead, checkAnchor, verifyAuditChain, type AuditAnchor } from "./verify";

/** Runs per page; a page is read with its results and events in one transaction (one snapshot). */
export const EVIDENCE_RUN_PAGE = 500;

const RUN_SELECT = {
  id: true,
  skippedAt: true,
  skippedById: true,
  skipReason: true,
  completedAt: true,
  completedById: true,
  hasExceptions: true,
  failedItems: true,
  naItems: true,
} as const;

const RESULT_SELECT = {
  id: true,
  runId: true,
  itemId: true,
  revision: true,
  supersedesId: true,
  outcome: true,
  valueNumber: true,
  valueText: true,
  failureReason: true,
  limitMin: true,
  limitMax: true,
  note: true,
  recordedById: true,
  recordedAt: true,
  // Whether the item is required decides if "not applicable" is an exception (items are immutable).
  item: { select: { required: true } },
} as const;

const EVENT_SELECT = { seq: true, action: true, entityId: true, actorId: true, before: true, after: true } as const;
const EVENT_WHERE = { entityType: "Run", action: { in: [...EVIDENCE_ACTIONS] } } satisfies Prisma.AuditEventWhereInput;
// Both orders follow an index: Result (runId, itemId, revision), AuditEvent (entityType, entityId, seq).
const RESULT_ORDER: Prisma.ResultOrderByWithRelationInput[] = [{ runId: "asc" }, { itemId: "asc" }, { revision: "asc" }];
const EVENT_ORDER: Prisma.AuditEventOrderByWithRelationInput[] = [{ entityId: "asc" }, { seq: "asc" }];

export interface EvidenceCounts {
  runs: number;
  results: number;
  events: number;
}

export type EvidenceCheck =
  | ({ ok: true } & EvidenceCounts)
  | ({ ok: false; finding: EvidenceFinding; findings: EvidenceFinding[]; disagreeing: number } & EvidenceCounts);

/** Findings kept when the walk goes on past the first (the rest are only counted). */
const KEPT_FINDINGS = 20;

export interface EvidenceOptions {
  /** Keep walking until this many runs disagree (default 1: stop at the first); only the first few are kept. */
  maxFindings?: number;
  runsPerPage?: number;
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/**
 * Walks the Run table in keyset pages (by id) and, for each page, reads the results and evidence
 * events of the same id range, in one transaction so that a save committing meanwhile is seen
 * whole or not at all. Memory holds one page: its runs and their results and events. Rows that name
 * a run missing from the Run table are caught in the page whose range covers them, or after the
 * last run.
 */
export async function verifyEvidence(db: Db, options: EvidenceOptions = {}): Promise<EvidenceCheck> {
  const maxFindings = options.maxFindings ?? 1;
  const pageSize = options.runsPerPage ?? EVIDENCE_RUN_PAGE;
  const counts: EvidenceCounts = { runs: 0, results: 0, events: 0 };
  const findings: EvidenceFinding[] = [];
  let disagreeing = 0;
  const done = (): EvidenceCheck =>
    findings.length ? { ok: false, finding: findings[0]!, findings, disagreeing, ...counts } : { ok: true, ...counts };

  let after = "";
  for (;;) {
    const page = await db.$transaction(
      async (tx) => {
        const runs: EvidenceRun[] = await tx.run.findMany({ where: { id: { gt: after } }, orderBy: { id: "asc" }, take: pageSize, select: RUN_SELECT });
        const last = runs.at(-1)?.id;
        let results: EvidenceResult[] = [];
        let events: EvidenceEvent[] = [];
        if (last) {
          const range = { gt: after, lte: last };
          [results, events] = await Promise.all([
            tx.result.findMany({ where: { runId: range }, orderBy: RESULT_ORDER, select: RESULT_SELECT }),
            tx.auditEvent.findMany({ where: { ...EVENT_WHERE, entityId: range }, orderBy: EVENT_ORDER, select: EVENT_SELECT }),
          ]);
        }
        if (runs.length < pageSize) {
          // Past the last run, any row names a run that does not exist; the first one is enough.
          const beyond = { gt: last ?? after };
          const [result, event] = await Promise.all([
            tx.result.findFirst({ where: { runId: beyond }, orderBy: RESULT_ORDER, select: RESULT_SELECT }),
            tx.auditEvent.findFirst({ where: { ...EVENT_WHERE, entityId: beyond }, orderBy: EVENT_ORDER, select: EVENT_SELECT }),
          ]);
          if (result) results = [...results, result];
          if (event) events = [...events, event];
        }
        return { runs, results, events, last };
      },
      { maxWait: 15_000, timeout: 120_000 },
    );

    const resultsByRun = groupBy(page.results, (r) => r.runId);
    const eventsByRun = groupBy(page.events, (e) => e.entityId);
    const runsById = new Map(page.runs.map((r) => [r.id, r]));
    const ids = new Set<string>([...runsById.keys(), ...resultsByRun.keys(), ...eventsByRun.keys()]);
    // Findings come in id order, as the tables are read.
    for (const id of [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const finding = checkRunEvidence(id, runsById.get(id) ?? null, resultsByRun.get(id) ?? [], eventsByRun.get(id) ?? []);
      if (finding) {
        disagreeing += 1;
        if (findings.length < Math.min(maxFindings, KEPT_FINDINGS)) findings.push(finding);
        if (disagreeing >= maxFindings) {
          return { ok: false, finding: findings[0]!, findings, disagreeing, ...counts };
        }
      }
    }
    counts.runs += page.runs.length;
    counts.results += page.results.length;
    counts.events += page.events.length;
    if (page.runs.length < pageSize) return done();
    after = page.last!;
  }
}

export type AuditProblem =
  | { part: "chain"; badSeq: number; reason: string }
  | { part: "anchor"; problem: string }
  | { part: "triggers"; finding: TriggerFinding }
  | { part: "evidence"; finding: EvidenceFinding }
  | { part: "schema"; finding: SchemaFinding };

export type AuditCheck =
  | {
      ok: true;
      events: number;
      head: AuditAnchor | null;
      triggers: number;
      evidence: EvidenceCounts;
      /** Tables, indexes, views and triggers found exactly as the migrations make them. */
      schema: number;
    }
  | {
      ok: false;
      /** Events whose chain verified (all of them unless the first problem is the chain's). */
      verified: number;
      /** In the order checked: schema, chain or anchor, triggers, evidence, then a broken reference (part schema). */
      problems: [AuditProblem, ...AuditProblem[]];
      evidence: EvidenceCounts | null;
    };

/**
 * Everything `audit verify` proves: the schema is exactly what the migrations make, the chain is
 * intact (and reaches the anchor, when one is given), the protecting triggers are those the
 * migrations create, and every result, skip and completion in the tables is what the trail
 * recorded. A broken chain ends the check, since the trail can then vouch for nothing; otherwise
 * every part is checked, each reporting its first problem, so that a dropped guard and the row
 * changed behind it are both named.
 *
 * The schema part names the first table, column, index or view that differs (a trigger is the
 * triggers part's to name, with the migration that creates it). A row naming a missing parent is
 * reported by the schema part only when the evidence agrees with the trail: in Run and Result such
 * a row is an evidence finding already, and one row problem at a time is what an operator acts on.
 */
export async function checkAuditTrail(db: Db, options: { anchor?: AuditAnchor | null; migrations?: string } = {}): Promise<AuditCheck> {
  const problems: AuditProblem[] = [];
  const schema = await checkSchema(prismaReader(db), { dir: options.migrations, complete: true, foreignKeys: false });
  const structural = schema.ok ? undefined : schema.findings.find((f) => f.object?.type !== "trigger");
  if (structural) problems.push({ part: "schema", finding: structural });
  const chain = await verifyAuditChain(db);
  if (!chain.ok) {
    problems.push({ part: "chain", badSeq: chain.badSeq, reason: chain.reason });
    return { ok: false, verified: chain.verified, problems: problems as [AuditProblem, ...AuditProblem[]], evidence: null };
  }
  if (options.anchor) {
    const problem = await checkAnchor(db, options.anchor);
    if (problem) problems.push({ part: "anchor", problem });
  }
  const triggers = await checkTriggers(db, options.migrations ?? migrationsDirectory());
  if (!triggers.ok) problems.push({ part: "triggers", finding: triggers.finding });
  const evidence = await verifyEvidence(db);
  if (!evidence.ok) problems.push({ part: "evidence", finding: evidence.finding });
  else if (!structural) {
    const broken = await firstForeignKeyViolation(prismaReader(db));
    if (broken) problems.push({ part: "schema", finding: broken });
  }
  const counts = { runs: evidence.runs, results: evidence.results, events: evidence.events };
  const [first, ...more] = problems;
  if (first) return { ok: false, verified: chain.verified, problems: [first, ...more], evidence: counts };
  return { ok: true, events: chain.verified, head: await auditHead(db), triggers: triggers.ok ? triggers.checked : 0, evidence: counts, schema: schema.ok ? schema.objects : 0 };
}

/** One problem as a sentence for an operator (the CLI prints it; backup and restore prefix it). */
export function describeProblem(problem: AuditProblem, verified: number): string {
  switch (problem.part) {
    case "chain":
      return `Audit trail BROKEN at event #${problem.badSeq}: ${problem.reason}. ${verified} events before it verified.`;
    case "anchor":
      return `Audit trail BROKEN: ${problem.problem}. ${verified} events verified.`;
    case "triggers":
      return `Database guard ${problem.finding.kind.toUpperCase()}: ${problem.finding.sentence}`;
    case "evidence":
      return `Evidence does NOT match the audit trail: ${problem.finding.sentence}`;
    case "schema":
      return `Database schema DIFFERS from the migrations: ${problem.finding.sentence}`;
  }
}
