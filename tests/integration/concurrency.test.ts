// Many operators recording and correcting results on the same runs at once, each in a process of
// its own, while run generation races them from two more processes, all on one database file.
// Nothing accepted may be lost or duplicated, nothing refused may leave a trace, every accepted
// write has its one audit event, and the trail and the file stay intact.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify";
import { seedDatabase } from "@/lib/procedures/seed";
import { generateRuns, type GenerationReport } from "@/lib/scheduling/generation";
import { INTEGRITY_CHECK_SQL } from "@/lib/sql";
import type { CurrentUser } from "@/lib/auth/session";
import { makeUser } from "../support/fixtures";
import type { Attempt, Plan, Target } from "../support/concurrency-worker";
import { lastLine, startWorker as startOne } from "../support/workers";

const OPERATORS = 6;
const SESSIONS = 2; // browser tabs per operator, each a stream of saves within the process
const ATTEMPTS = 100; // per session
const SECONDS = 20; // at most, per session: fewer attempts on a machine busy with other work
const GENERATORS = 2;
const CONFLICT = /^.+ saved this item at .+ \(.+\) while you were editing\. Your entry was not saved; the current result is shown\. Save again if yours is still right\.$/;
const BUSY = "The server is busy. Try again in a moment.";

const startWorker = (plan: Plan) => startOne("tests/support/concurrency-worker.ts", plan);

let operators: CurrentUser[];
let targets: Target[];
let targetRuns: string[];

beforeAll(async () => {
  // One reading of the clock for the seed, the runs and the choice among them; the operators'
  // saves read it again later, and a run open now is still open then.
  const now = new Date();
  await seedDatabase(db, { now });
  await generateRuns(db, { now });
  operators = [];
  for (let i = 0; i < OPERATORS; i++) operators.push(await makeUser("OPERATOR"));
  // Three of today's runs (open since midnight), with every item of their checklists as targets,
  // so runs complete (and their completion races) while corrections go on.
  const runs = await db.run.findMany({
    // Organisation-wide runs take every item of their checklist (no item is left out for a server's roles).
    where: { opensAt: { lte: now }, suppressed: false, skippedAt: null, serverId: null },
    select: { id: true, version: { select: { items: { select: { id: true, kind: true, choices: true } } } } },
    orderBy: { id: "asc" },
  });
  const chosen = runs.filter((r) => r.version.items.length >= 3).slice(0, 3);
  targetRuns = chosen.map((r) => r.id);
  targets = chosen.flatMap((r) =>
    r.version.items.map((i) => ({ runId: r.id, itemId: i.id, kind: i.kind, choices: JSON.parse(i.choices) as string[] })),
  );
}, 60_000);

describe("concurrent operators and run generation on one database", () => {
  it("loses, duplicates and leaks nothing, audits every accepted write once and keeps the trail and the file intact", async () => {
    expect(targetRuns).toHaveLength(3);
    const start = new Date();
    const plans: Plan[] = [
      ...operators.map((user, i): Plan => ({ kind: "operator", label: `op${i + 1}`, user, sessions: SESSIONS, attempts: ATTEMPTS, seconds: SECONDS, seed: i + 1, targets })),
      // Both generators move the window forward by the same days, so they race each other too.
      ...Array.from({ length: GENERATORS }, (_, i): Plan => ({ kind: "generator", label: `gen${i + 1}`, start: start.toISOString(), maxPasses: 100 })),
    ];
    const spawned = Date.now();
    const workers = plans.map(startWorker);
    await Promise.all(workers.map((w) => w.ready));
    const readySeconds = (Date.now() - spawned) / 1000;

    const before = {
      audit: await db.auditEvent.count(),
      runs: await db.run.count(),
      maxSeq: (await db.auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0,
    };
    const started = Date.now();
    for (const w of workers) w.child.stdin.write("go\n");
    const operatorOutputs = await Promise.all(workers.slice(0, OPERATORS).map((w) => w.done));
    for (const w of workers.slice(OPERATORS)) w.child.stdin.write("stop\n");
    const generatorOutputs = await Promise.all(workers.slice(OPERATORS).map((w) => w.done));
    const seconds = (Date.now() - started) / 1000;
    for (const r of [...operatorOutputs, ...generatorOutputs]) expect(r.code, r.err).toBe(0);

    const attempts = operatorOutputs.flatMap((r) => lastLine<Attempt[]>(r.out));
    const reports = generatorOutputs.map((r) => lastLine<GenerationReport[]>(r.out));
    const generated = reports.flat().reduce((sum, r) => sum + r.created, 0);
    const accepted = attempts.filter((a) => a.ok);
    const refused = attempts.filter((a) => !a.ok);
    // In the order the trail recorded them: how often generation and operators took turns.
    const events = await db.auditEvent.findMany({ where: { seq: { gt: before.maxSeq } }, orderBy: { seq: "asc" }, select: { action: true, entityId: true, after: true } });
    const turns = events.filter((e, i) => i > 0 && (e.action === "run.generate") !== (events[i - 1]!.action === "run.generate")).length;
    const conflicts = refused.filter((a) => CONFLICT.test(a.error!));
    const busy = refused.filter((a) => a.error === BUSY);
    console.log(
      `concurrency: ${OPERATORS} operator processes × ${SESSIONS} sessions + ${GENERATORS} generator processes (${reports.map((r) => r.length).join(" and ")} passes), ` +
        `${attempts.length.toLocaleString("en")} attempts${attempts.length < OPERATORS * SESSIONS * ATTEMPTS ? ` (time limit reached before all ${OPERATORS * SESSIONS * ATTEMPTS})` : ""} on ${targets.length} items of ${targetRuns.length} runs, ${accepted.length.toLocaleString("en")} accepted, ` +
        `${refused.length.toLocaleString("en")} refused (conflict ${conflicts.length}, busy ${busy.length}), ${generated} runs generated in ${turns} turns with the operators; ${seconds.toFixed(1)} s (processes ready in ${readySeconds.toFixed(1)} s)`,
    );

    // Attempts enough for a real race, each reported once; every refusal says why in words the
    // operator can act on.
    expect(attempts.length).toBeGreaterThanOrEqual(OPERATORS * SESSIONS * 10);
    expect(new Set(attempts.map((a) => a.note)).size).toBe(attempts.length);
    expect(refused.filter((a) => !CONFLICT.test(a.error!) && a.error !== BUSY).map((a) => a.error)).toEqual([]);
    // The race was real: saves collided, and most still got through.
    expect(conflicts.length).toBeGreaterThan(0);
    expect(accepted.length).toBeGreaterThan(targets.length);
    expect(turns).toBeGreaterThan(2);

    // Every accepted write is stored once, as reported; no refused one left anything behind.
    const stored = await db.result.findMany({
      where: { runId: { in: targetRuns } },
      select: { id: true, runId: true, itemId: true, revision: true, supersedesId: true, note: true, outcome: true, valueNumber: true, valueText: true, recordedById: true },
    });
    expect(stored).toHaveLength(accepted.length);
    const byNote = new Map(stored.map((r) => [r.note, r]));
    const userOf = new Map(operators.map((u, i) => [`op${i + 1}`, u.id]));
    for (const a of accepted) {
      const row = byNote.get(a.note);
      expect(row, a.note).toMatchObject({ runId: a.runId, itemId: a.itemId, revision: a.revision, outcome: a.outcome, recordedById: userOf.get(a.note.split(".")[0]!) });
      const kind = targets.find((t) => t.itemId === a.itemId)!.kind;
      if (kind === "NUMBER") expect(row!.valueNumber).toBe(Number(a.value));
      if (kind === "CHOICE" || kind === "TEXT") expect(row!.valueText).toBe(a.value);
      // Accepted only against the revision it had read: the new one comes straight after it.
      expect(a.revision).toBe(a.expectedRevision + 1);
    }
    for (const a of refused) expect(byNote.has(a.note), a.note).toBe(false);

    // Each item's revisions run 1..n, each correcting the one before: exactly one current result.
    const history = new Map<string, typeof stored>();
    for (const r of stored) history.set(`${r.runId}|${r.itemId}`, [...(history.get(`${r.runId}|${r.itemId}`) ?? []), r]);
    for (const [key, rows] of history) {
      rows.sort((a, b) => a.revision - b.revision);
      expect(rows.map((r) => r.revision), key).toEqual(rows.map((_, i) => i + 1));
      expect(rows.map((r) => r.supersedesId), key).toEqual([null, ...rows.slice(0, -1).map((r) => r.id)]);
    }

    // The audit trail grew by exactly the accepted writes and the generated runs, one event each.
    expect(events).toHaveLength(accepted.length + generated);
    expect(await db.auditEvent.count()).toBe(before.audit + accepted.length + generated);
    const resultEvents = events.filter((e) => e.action === "result.record" || e.action === "result.correct");
    expect(resultEvents).toHaveLength(accepted.length);
    const audited = resultEvents.map((e) => JSON.parse(e.after!) as { resultId: string; revision: number; runCompleted: boolean });
    expect(new Set(audited.map((a) => a.resultId))).toEqual(new Set(stored.map((r) => r.id)));
    const storedById = new Map(stored.map((r) => [r.id, r]));
    resultEvents.forEach((e, i) => {
      const row = storedById.get(audited[i]!.resultId)!;
      expect([e.entityId, audited[i]!.revision, e.action]).toEqual([row.runId, row.revision, row.revision === 1 ? "result.record" : "result.correct"]);
    });
    expect(events.filter((e) => e.action === "run.generate")).toHaveLength(generated);

    // A run completes once, by the write that gave its last required item a result, and its
    // exceptions flag follows the current results through later corrections.
    for (const runId of targetRuns) {
      const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { completedAt: true, hasExceptions: true, version: { select: { items: { select: { id: true, required: true } } } } } });
      const current = [...history.entries()].filter(([key]) => key.startsWith(`${runId}|`)).map(([, rows]) => rows.at(-1)!);
      const allRequired = run.version.items.filter((i) => i.required).every((i) => current.some((r) => r.itemId === i.id));
      const completions = audited.filter((a, i) => a.runCompleted && resultEvents[i]!.entityId === runId);
      expect(completions, runId).toHaveLength(allRequired ? 1 : 0);
      expect(run.completedAt !== null, runId).toBe(allRequired);
      if (allRequired) expect(run.hasExceptions, runId).toBe(current.some((r) => r.outcome === "FAIL"));
    }

    // Generation: no run twice, the reports add up, and nothing is left to create.
    expect(await db.run.count()).toBe(before.runs + generated);
    const duplicates = await db.run.groupBy({ by: ["scheduleId", "periodKey", "scopeKey"], _count: { _all: true }, having: { id: { _count: { gt: 1 } } } });
    expect(duplicates).toEqual([]);
    expect(generated).toBeGreaterThan(0);
    const furthest = Math.max(...reports.map((r) => r.length));
    expect((await generateRuns(db, { now: new Date(start.getTime() + furthest * 86_400_000) })).created).toBe(0);

    const chain = await verifyAuditChain(db);
    expect(chain).toMatchObject({ ok: true, verified: before.audit + accepted.length + generated });
    expect(await db.$queryRawUnsafe(INTEGRITY_CHECK_SQL)).toEqual([{ integrity_check: "ok" }]);
  }, 360_000); // fixed work (about 1,200 attempts); a loaded 2-core machine needs several times the usual 60 s
});
