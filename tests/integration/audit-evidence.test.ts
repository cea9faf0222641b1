// `audit verify` checks the evidence, not only the hash chain. Real work is recorded through the
// actions (results, a correction, a failure that stays, a skip, a completion), the database is
// copied, and each copy is tampered with the way someone holding the file would: a guard trigger
// dropped, one row changed, the trigger put back. Every case leaves the hash chain intact (the
// chain-only check passes it, as the old `audit verify` did); the full check must fail and name
// the row or trigger.
import { randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, db } from "@/lib/db";
import { databaseFile } from "@/lib/env";
import { closeAsSingleFile, copyDatabaseOnline } from "@/lib/sql";
import { runAction } from "@/lib/actions/define";
import { checkAuditTrail, describeProblem, verifyEvidence, type AuditCheck } from "@/lib/audit/check";
import { triggersFromMigrations, readMigrationScripts } from "@/lib/audit/triggers";
import { verifyAuditChain } from "@/lib/audit/verify";
import { seedDatabase } from "@/lib/procedures/seed";
import { localDateOf } from "@/lib/time/dates";
import "@/lib/runs/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { actionDefinition, as, makeUser } from "../support/fixtures";

const record = actionDefinition("result.record");
const skip = actionDefinition("run.skip");
const HOUR = 3_600_000;
// Runs open six hours before and are due two hours after the instant the actions act at.
const NOW = new Date("2026-11-24T08:00:00Z");
const work = mkdtempSync(path.join(tmpdir(), "opsbook-evidence-test-"));
const pristine = path.join(work, "pristine.db");

/** How Prisma stores a DateTime in SQLite; raw writes must use the same text. */
const sqliteTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

const GUARDS = ["AuditEvent_no_update", "AuditEvent_no_delete", "Result_no_update", "Result_no_delete", "ProcedureVersion_no_update", "ChecklistItem_no_update", "ProcedureTool_no_update", "ChecklistItemRole_no_update"];

interface Item {
  id: string;
  kind: string;
  text: string;
  min: number | null;
  max: number | null;
  choices: string;
  passChoices: string;
}

let operator: CurrentUser;
let colleague: CurrentUser;
let manager: CurrentUser;
/** The ids the cases tamper with. */
const w = {
  /** Completed through the actions, one failure left standing (hasExceptions), one correction. */
  completed: "",
  /** Some items recorded, not complete. */
  partial: "",
  skipped: "",
  /** No work on it at all. */
  untouched: "",
  /** Revision 1 of the corrected item (Submission Queue Length 180, failed). */
  misread: "",
  /** Revision 2 (42, with a note), a result.correct event. */
  correction: "",
  correctionSeq: 0,
  /** Retry queue 150 over a maximum of 100: failed and never corrected. */
  standingFailure: "",
  /** A TEXT item's result on the partial run. */
  textResult: "",
  textResultSeq: 0,
  /** An item of the partial run with no result yet. */
  partialFreeItem: "",
  /** The result whose save completed the completed run. */
  completing: "",
};

async function makeRun(procedureId: string, versionId: string) {
  return db.run.create({
    data: {
      procedureId,
      versionId,
      periodKey: `evidence-${randomUUID()}`,
      scopeKey: "-",
      cadence: "DAILY",
      localDate: localDateOf(NOW, "UTC"),
      opensAt: new Date(NOW.getTime() - 6 * HOUR),
      dueAt: new Date(NOW.getTime() + 2 * HOUR),
      graceEndsAt: new Date(NOW.getTime() + 4 * HOUR),
    },
  });
}

/** A value the item accepts as a pass. */
function passingValue(item: Item): string {
  switch (item.kind) {
    case "NUMBER":
      return String(item.min ?? 0);
    case "TEXT":
      return "Nothing unusual";
    case "CHOICE":
      return (JSON.parse(item.passChoices) as string[])[0] ?? (JSON.parse(item.choices) as string[])[0]!;
    default:
      return "";
  }
}

async function save(user: CurrentUser, runId: string, itemId: string, value: string, expectedRevision = 0, note = "") {
  const outcome = await runAction(record, { runId, itemId, outcome: "PASS", value, note, expectedRevision: String(expectedRevision) }, as(user, NOW));
  expect(outcome, `saving ${value} on ${itemId}`).toMatchObject({ ok: true });
}

async function lastEventSeq(): Promise<number> {
  return (await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" }, select: { seq: true } })).seq;
}

beforeAll(async () => {
  await seedDatabase(db, { now: NOW });
  operator = await makeUser("OPERATOR", { name: "Edda Evidence" });
  colleague = await makeUser("OPERATOR", { name: "Colm Colleague" });
  manager = await makeUser("MANAGER", { name: "Mara Manager" });

  const queues = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D5" }, include: { currentVersion: { include: { items: { orderBy: { position: "asc" } } } } } });
  const queueItems = queues.currentVersion!.items;
  const byText = (text: string) => queueItems.find((i) => i.text === text)!;

  // The completed run: every item, one misreading corrected, one failure left standing.
  const completed = await makeRun(queues.id, queues.currentVersionId!);
  w.completed = completed.id;
  const submission = byText("Submission Queue Length");
  const retry = byText("Retry Mailbox Delivery Queue Length");
  await save(operator, completed.id, submission.id, "180");
  await save(colleague, completed.id, submission.id, "42", 1, "Re-read after the retry");
  w.correctionSeq = await lastEventSeq();
  await save(operator, completed.id, retry.id, "150");
  for (const item of queueItems.filter((i) => i.id !== submission.id && i.id !== retry.id)) await save(operator, completed.id, item.id, passingValue(item));
  const completedRow = await db.run.findUniqueOrThrow({ where: { id: completed.id } });
  expect(completedRow).toMatchObject({ completedById: operator.id, hasExceptions: true });
  expect(completedRow.completedAt).not.toBeNull();
  w.misread = (await db.result.findFirstOrThrow({ where: { runId: completed.id, itemId: submission.id, revision: 1 } })).id;
  w.correction = (await db.result.findFirstOrThrow({ where: { runId: completed.id, itemId: submission.id, revision: 2 } })).id;
  w.standingFailure = (await db.result.findFirstOrThrow({ where: { runId: completed.id, itemId: retry.id } })).id;
  const completion = await db.auditEvent.findFirstOrThrow({ where: { entityId: completed.id, after: { contains: '"runCompleted":true' } } });
  w.completing = (JSON.parse(completion.after!) as { resultId: string }).resultId;

  // The partial run follows a procedure with a free-text item, so a result carries valueText.
  const textItem = await db.checklistItem.findFirstOrThrow({ where: { kind: "TEXT", version: { currentOf: { isNot: null } } }, include: { version: { include: { items: { orderBy: { position: "asc" } } } } } });
  const partial = await makeRun(textItem.version.procedureId, textItem.versionId);
  w.partial = partial.id;
  await save(operator, partial.id, textItem.id, "Two warnings, both explained", 0, "See the change log");
  w.textResultSeq = await lastEventSeq();
  w.textResult = (await db.result.findFirstOrThrow({ where: { runId: partial.id, itemId: textItem.id } })).id;
  const other = textItem.version.items.find((i) => i.id !== textItem.id)!;
  await save(operator, partial.id, other.id, passingValue(other));
  w.partialFreeItem = textItem.version.items.find((i) => i.id !== textItem.id && i.id !== other.id)!.id;

  const skipped = await makeRun(queues.id, queues.currentVersionId!);
  w.skipped = skipped.id;
  expect(await runAction(skip, { runId: skipped.id, reason: "Server out of service for planned work" }, as(manager, NOW))).toMatchObject({ ok: true });
  w.untouched = (await makeRun(queues.id, queues.currentVersionId!)).id;

  await copyDatabaseOnline(databaseFile(), pristine);
  closeAsSingleFile(pristine);
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

type Raw = Database.Database;

/** Changes a guarded table as its owner could: drop the trigger, write, put the trigger back. */
function behindGuard(raw: Raw, trigger: string, sql: string, ...params: unknown[]): void {
  const { sql: create } = raw.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`).get(trigger) as { sql: string };
  raw.exec(`DROP TRIGGER "${trigger}"`);
  raw.prepare(sql).run(...params);
  raw.exec(create);
}

/** Runs `inspect` on a copy of the recorded database changed by `tamper`. */
async function withCopy<T>(tamper: (raw: Raw) => void, inspect: (client: ReturnType<typeof createClient>) => Promise<T>): Promise<T> {
  const file = path.join(work, `${randomUUID()}.db`);
  copyFileSync(pristine, file);
  const raw = new Database(file);
  raw.pragma("foreign_keys = OFF");
  tamper(raw);
  raw.close();
  const client = createClient(file);
  try {
    return await inspect(client);
  } finally {
    await client.$disconnect();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${file}${suffix}`, { force: true });
  }
}

/** The copy checked in full and by the chain alone. */
function checkCopy(tamper: (raw: Raw) => void): Promise<{ check: AuditCheck; chainOk: boolean }> {
  return withCopy(tamper, async (client) => ({ check: await checkAuditTrail(client), chainOk: (await verifyAuditChain(client)).ok }));
}

/** The one problem a case must produce, with the sentence an operator reads. */
function onlyProblem(check: AuditCheck) {
  expect(check.ok).toBe(false);
  if (check.ok) throw new Error("unreachable");
  expect(check.problems, check.problems.map((p) => describeProblem(p, check.verified)).join("\n")).toHaveLength(1);
  return { problem: check.problems[0], sentence: describeProblem(check.problems[0], check.verified) };
}

describe("the untampered database", () => {
  it("passes the full check, which covers every result, run and evidence event", async () => {
    const client = createClient(pristine);
    try {
      const check = await checkAuditTrail(client);
      expect(check).toMatchObject({ ok: true, triggers: GUARDS.length });
      if (!check.ok) return;
      const results = await client.result.count();
      const runs = await client.run.count();
      const evidenceEvents = await client.auditEvent.count({ where: { action: { in: ["result.record", "result.correct", "run.skip"] } } });
      expect(check.evidence).toEqual({ results, runs, events: evidenceEvents });
      expect(results).toBeGreaterThan(10);
      // Small pages give the same answer: nothing depends on a run's rows sharing a page with another's.
      expect(await verifyEvidence(client, { runsPerPage: 1 })).toEqual({ ok: true, ...check.evidence });
      expect(await verifyEvidence(client, { runsPerPage: 2 })).toEqual({ ok: true, ...check.evidence });
    } finally {
      await client.$disconnect();
    }
  });
});

interface Case {
  name: string;
  tamper: (raw: Raw) => void;
  /** The finding: table, row id, field, and a piece of the sentence. */
  expected: () => { table: string; id: string; field: string | null; sentence: string };
}

const RESULT = `UPDATE "Result" SET`;
const resultCases: Case[] = [
  {
    name: "when a result was saved (recordedAt)",
    tamper: (raw) => behindGuard(raw, "Result_no_update", `${RESULT} "recordedAt" = ? WHERE "id" = ?`, sqliteTime(new Date(NOW.getTime() - HOUR)), w.standingFailure),
    expected: () => ({ table: "Result", id: w.standingFailure, field: "recordedAt", sentence: `its recordedAt is ${new Date(NOW.getTime() - HOUR).toISOString()}, but event #` }),
  },
  {
    name: "a completion backdated: the completing result and the run moved an hour earlier together",
    tamper: (raw) => {
      const earlier = sqliteTime(new Date(NOW.getTime() - HOUR));
      behindGuard(raw, "Result_no_update", `${RESULT} "recordedAt" = ? WHERE "id" = ?`, earlier, w.completing);
      raw.prepare(`UPDATE "Run" SET "completedAt" = ? WHERE "id" = ?`).run(earlier, w.completed);
    },
    expected: () => ({ table: "Result", id: w.completing, field: "recordedAt", sentence: `its recordedAt is ${new Date(NOW.getTime() - HOUR).toISOString()}, but event #` }),
  },
  {
    name: "a result's value (valueNumber)",
    tamper: (raw) => behindGuard(raw, "Result_no_update", `${RESULT} "valueNumber" = 24 WHERE "id" = ?`, w.correction),
    expected: () => ({ table: "Result", id: w.correction, field: "valueNumber", sentence: `its valueNumber is 24, but event #${w.correctionSeq} (result.correct) recorded 42.` }),
  },
  {
    name: "a result's value (valueText)",
    tamper: (raw) => behindGuard(raw, "Result_no_update", `${RESULT} "valueText" = 'All clear' WHERE "id" = ?`, w.textResult),
    expected: () => ({ table: "Result", id: w.textResult, field: "valueText", sentence: `its valueText is "All clear", but event #${w.textResultSeq} (result.record) recorded "Two warnings, both explained".` }),
  },
  {
    name: "a result's outcome",
    tamper: (raw) => behindGuard(raw, "Result_no_update", `${RESULT} "outcome" = 'PASS' WHERE "id" = ?`, w.standingFailure),
    expected: () => ({ table: "Result", id: w.standingFailure, field: "outcome", sentence: `its outcome is "PASS", but event #` }),
  },
  {
    name: "a result's failure reason",
    tamper: (raw) => behindGuard(raw, "Result_no_update", `${RESULT} "failureReason" = NULL WHERE "id" = ?`, w.standingFailure),
    expected: () => ({ table: "Result", id: w.standingFailure, field: "failureReason", sentence: `its failureReason is empty, but event #` }),
  },
  {
    name: "a result's note",
    tamper: (raw) => behindGuard(raw, "Result_no_update", `${RESULT} "note" = 'Value confirmed' WHERE "id" = ?`, w.correction),
    expected: () => ({ table: "Result", id: w.correction, field: "note", sentence: `its note is "Value confirmed", but event #${w.correctionSeq} (result.correct) recorded "Re-read after the retry".` }),
  },
  {
    name: "a result's author (recordedById)",
    tamper: (raw) => behindGuard(raw, "Result_no_update", `${RESULT} "recordedById" = ? WHERE "id" = ?`, manager.id, w.correction),
    expected: () => ({ table: "Result", id: w.correction, field: "recordedById", sentence: `its recordedById is "${manager.id}", but event #${w.correctionSeq} (result.correct) recorded "${colleague.id}".` }),
  },
  {
    name: "a result's revision",
    tamper: (raw) => behindGuard(raw, "Result_no_update", `${RESULT} "revision" = 3 WHERE "id" = ?`, w.correction),
    expected: () => ({ table: "Result", id: w.correction, field: "revision", sentence: `its revision is 3, but event #${w.correctionSeq} (result.correct) recorded 2.` }),
  },
  {
    name: "the result a correction supersedes",
    tamper: (raw) => behindGuard(raw, "Result_no_update", `${RESULT} "supersedesId" = NULL WHERE "id" = ?`, w.correction),
    expected: () => ({ table: "Result", id: w.correction, field: "supersedesId", sentence: `its supersedesId is empty, but event #${w.correctionSeq} (result.correct) recorded "${w.misread}".` }),
  },
  {
    name: "the item a result is for",
    tamper: (raw) => behindGuard(raw, "Result_no_update", `${RESULT} "itemId" = ? WHERE "id" = ?`, w.partialFreeItem, w.textResult),
    expected: () => ({ table: "Result", id: w.textResult, field: "itemId", sentence: `its itemId is "${w.partialFreeItem}", but event #${w.textResultSeq} (result.record) recorded` }),
  },
  {
    name: "a result inserted with no audit event",
    tamper: (raw) =>
      raw
        .prepare(`INSERT INTO "Result" (id, runId, itemId, revision, outcome, note, recordedById, recordedAt) SELECT 'forged-result', ?, "itemId", 1, 'PASS', '', ?, ? FROM "Result" WHERE "id" = ?`)
        .run(w.untouched, operator.id, sqliteTime(NOW), w.misread),
    expected: () => ({ table: "Result", id: "forged-result", field: null, sentence: `Result forged-result (run ${w.untouched}, revision 1) has no audit event recording it` }),
  },
  {
    name: "an event-backed result deleted",
    tamper: (raw) => behindGuard(raw, "Result_no_delete", `DELETE FROM "Result" WHERE "id" = ?`, w.textResult),
    expected: () => ({
      table: "Result",
      id: w.textResult,
      field: null,
      sentence: `Event #${w.textResultSeq} (result.record) records result ${w.textResult} in run ${w.partial}, but the Result table has no such result in that run.`,
    }),
  },
  {
    name: "a result moved to a run that does not exist",
    tamper: (raw) => behindGuard(raw, "Result_no_update", `${RESULT} "runId" = 'zz-no-such-run' WHERE "id" = ?`, w.textResult),
    // The partial run's id sorts before the made-up one, so its missing result is named first.
    expected: () => ({ table: "Result", id: w.textResult, field: null, sentence: `records result ${w.textResult} in run ${w.partial}, but the Result table has no such result in that run.` }),
  },
];

const RUN = `UPDATE "Run" SET`;
const runCases: Case[] = [
  {
    name: "a run marked skipped after the fact",
    tamper: (raw) => raw.prepare(`${RUN} "skippedAt" = ?, "skippedById" = ?, "skipReason" = 'Not needed' WHERE "id" = ?`).run(sqliteTime(NOW), manager.id, w.untouched),
    expected: () => ({ table: "Run", id: w.untouched, field: "skippedAt", sentence: `its skippedAt is ${NOW.toISOString()}, but the audit trail records no skip of this run, so it should be empty.` }),
  },
  {
    name: "a skip taken back (skipped flag cleared)",
    tamper: (raw) => raw.prepare(`${RUN} "skippedAt" = NULL, "skippedById" = NULL, "skipReason" = NULL WHERE "id" = ?`).run(w.skipped),
    expected: () => ({ table: "Run", id: w.skipped, field: "skippedAt", sentence: `its skippedAt is empty, but event #` }),
  },
  {
    name: "a skip reason",
    tamper: (raw) => raw.prepare(`${RUN} "skipReason" = 'Holiday' WHERE "id" = ?`).run(w.skipped),
    expected: () => ({ table: "Run", id: w.skipped, field: "skipReason", sentence: `its skipReason is "Holiday", but event #` }),
  },
  {
    name: "who skipped a run",
    tamper: (raw) => raw.prepare(`${RUN} "skippedById" = ? WHERE "id" = ?`).run(operator.id, w.skipped),
    expected: () => ({ table: "Run", id: w.skipped, field: "skippedById", sentence: `its skippedById is "${operator.id}", but event #` }),
  },
  {
    name: "when a run was completed",
    tamper: (raw) => raw.prepare(`${RUN} "completedAt" = ? WHERE "id" = ?`).run(sqliteTime(new Date(NOW.getTime() - HOUR)), w.completed),
    expected: () => ({
      table: "Run",
      id: w.completed,
      field: "completedAt",
      sentence: `its completedAt is ${new Date(NOW.getTime() - HOUR).toISOString()}, but event #`,
    }),
  },
  {
    name: "a completion taken back",
    tamper: (raw) => raw.prepare(`${RUN} "completedAt" = NULL, "completedById" = NULL WHERE "id" = ?`).run(w.completed),
    expected: () => ({ table: "Run", id: w.completed, field: "completedAt", sentence: `its completedAt is empty, but event #` }),
  },
  {
    name: "who completed a run",
    tamper: (raw) => raw.prepare(`${RUN} "completedById" = ? WHERE "id" = ?`).run(colleague.id, w.completed),
    expected: () => ({ table: "Run", id: w.completed, field: "completedById", sentence: `its completedById is "${colleague.id}", but event #` }),
  },
  {
    name: "a run marked completed with no completing save",
    tamper: (raw) => raw.prepare(`${RUN} "completedAt" = ?, "completedById" = ? WHERE "id" = ?`).run(sqliteTime(NOW), operator.id, w.partial),
    expected: () => ({ table: "Run", id: w.partial, field: "completedAt", sentence: `but no audit event completed this run, so it should be empty.` }),
  },
  {
    name: "a skipped run deleted",
    tamper: (raw) => raw.prepare(`DELETE FROM "Run" WHERE "id" = ?`).run(w.skipped),
    expected: () => ({ table: "Run", id: w.skipped, field: null, sentence: `(run.skip) records work on run ${w.skipped}, which is not in the Run table.` }),
  },
  {
    name: "a run's exceptions flag (run state)",
    tamper: (raw) => raw.prepare(`${RUN} "hasExceptions" = 0 WHERE "id" = ?`).run(w.completed),
    expected: () => ({ table: "Run", id: w.completed, field: "hasExceptions", sentence: `its hasExceptions is false, but the latest results in the audit trail include a failure or a required item marked not applicable, so it should be true.` }),
  },
];

describe("a changed evidence row fails the check and is named, while the hash chain alone passes it", () => {
  it.each([...resultCases, ...runCases])("$name", async ({ tamper, expected }) => {
    const { check, chainOk } = await checkCopy(tamper);
    expect(chainOk, "the chain-only check (the old audit verify) passes this case").toBe(true);
    const { problem, sentence } = onlyProblem(check);
    const want = expected();
    expect(problem.part).toBe("evidence");
    if (problem.part !== "evidence") return;
    expect({ table: problem.finding.table, id: problem.finding.id, field: problem.finding.field }).toEqual({ table: want.table, id: want.id, field: want.field });
    expect(sentence).toContain(want.sentence);
    expect(sentence).toMatch(/^Evidence does NOT match the audit trail: /);
  });
});

describe("walking on past the first disagreement", () => {
  it("counts every run that disagrees and keeps their findings in table order", async () => {
    const evidence = await withCopy(
      (raw) => {
        raw.prepare(`${RUN} "skipReason" = 'Holiday' WHERE "id" = ?`).run(w.skipped);
        raw.prepare(`${RUN} "hasExceptions" = 0 WHERE "id" = ?`).run(w.completed);
      },
      (client) => verifyEvidence(client, { maxFindings: 100, runsPerPage: 1 }),
    );
    expect(evidence).toMatchObject({ ok: false, disagreeing: 2 });
    if (evidence.ok) return;
    const named = [w.skipped, w.completed].sort();
    expect(evidence.findings.map((f) => f.id)).toEqual(named);
    expect(evidence.finding.id).toBe(named[0]);
  });
});

describe("the guard triggers", () => {
  it.each(GUARDS)("a dropped %s is named, with the migration that creates it", async (trigger) => {
    const { check, chainOk } = await checkCopy((raw) => raw.exec(`DROP TRIGGER "${trigger}"`));
    expect(chainOk).toBe(true);
    const { problem, sentence } = onlyProblem(check);
    const migration = trigger === "ChecklistItemRole_no_update" ? "20261208000000_operator_shift" : "20261124000100_sqlite_guards_and_search";
    expect(problem).toMatchObject({ part: "triggers", finding: { kind: "missing", trigger, migration } });
    expect(sentence).toMatch(new RegExp(`^Database guard MISSING: The trigger "${trigger}" on table "\\w+" is missing; migration ${migration} creates it`));
  });

  it("names a guard replaced by one that never fires, and a trigger no migration created", async () => {
    const disarmed = await checkCopy((raw) =>
      raw.exec(`DROP TRIGGER "Result_no_update"; CREATE TRIGGER "Result_no_update" BEFORE UPDATE ON "Result" WHEN 0 BEGIN SELECT RAISE(ABORT, 'results are append-only'); END;`),
    );
    expect(disarmed.chainOk).toBe(true);
    expect(onlyProblem(disarmed.check).problem).toMatchObject({ part: "triggers", finding: { kind: "changed", trigger: "Result_no_update" } });

    const extra = await checkCopy((raw) => raw.exec(`CREATE TRIGGER "Result_clear_flag" AFTER INSERT ON "Result" BEGIN UPDATE "Run" SET "hasExceptions" = 0 WHERE "id" = NEW."runId"; END;`));
    const { problem, sentence } = onlyProblem(extra.check);
    expect(problem).toMatchObject({ part: "triggers", finding: { kind: "unexpected", trigger: "Result_clear_flag" } });
    expect(sentence).toBe(`Database guard UNEXPECTED: The trigger "Result_clear_flag" on table "Result" was not created by any migration; a trigger can change rows as they are written.`);
  });

  it("names both the dropped guard and the row changed behind it", async () => {
    const { check, chainOk } = await checkCopy((raw) => {
      raw.exec(`DROP TRIGGER "Result_no_update"`);
      raw.prepare(`${RESULT} "valueNumber" = 24 WHERE "id" = ?`).run(w.correction);
    });
    expect(chainOk).toBe(true);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems.map((p) => p.part)).toEqual(["triggers", "evidence"]);
    expect(check.problems[1]).toMatchObject({ finding: { table: "Result", id: w.correction, field: "valueNumber" } });
  });

  it("follows the migrations: a trigger a later migration drops is no longer expected", () => {
    const expected = triggersFromMigrations([
      ...readMigrationScripts(),
      { name: "29990101000000_later", sql: `-- DROP TRIGGER "ProcedureTool_no_update"; (a comment, not a statement)\nDROP TRIGGER IF EXISTS "ChecklistItem_no_update";\n` },
    ]);
    expect([...expected.keys()].sort()).toEqual(GUARDS.filter((g) => g !== "ChecklistItem_no_update").sort());
  });
});
