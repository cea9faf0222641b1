// Measures the daily work on a database with a year of history: the data behind /today, the run
// checklist, and recording a result through the real action path (validation, authorization,
// transaction, audit). Prints figures; asserts nothing. Run: npm run measure:today
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const dir = mkdtempSync(path.join(tmpdir(), "opsbook-measure-"));
const file = path.join(dir, "measure.db");
process.env.DATABASE_URL = `file:${file}`;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `n=${samples.length} p50=${at(0.5).toFixed(1)} ms p95=${at(0.95).toFixed(1)} ms max=${sorted.at(-1)!.toFixed(1)} ms`;
}

async function main() {
  const { applyMigrations } = await import("@/lib/maintenance/migrate");
  applyMigrations(process.env.DATABASE_URL!);
  const { db } = await import("@/lib/db");
  const { seedDatabase } = await import("@/lib/procedures/seed");
  const { generateRuns } = await import("@/lib/scheduling/generation");
  const { getToday, getRun } = await import("@/lib/runs/queries");
  const { actionRegistry, runAction } = await import("@/lib/actions/define");
  await import("@/lib/runs/actions");
  const Database = (await import("better-sqlite3")).default;

  await seedDatabase(db);
  const yearAgo = new Date(Date.now() - 366 * 86_400_000);
  await db.schedule.updateMany({ data: { effectiveFrom: yearAgo, anchorDate: yearAgo.toISOString().slice(0, 10) } });
  let t = performance.now();
  const generated = await generateRuns(db, { daysBack: 366 });
  console.log(`Generated ${generated.created} runs (one year back, 35 days ahead) in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  // Results for every past run, in bulk (a year of operators' work).
  t = performance.now();
  const raw = new Database(file);
  const operatorId = randomUUID();
  raw.prepare(`INSERT INTO "User" (id, email, name, role, passwordHash, updatedAt) VALUES (?, 'op@measure.test', 'Measure Operator', 'OPERATOR', 'x', ?)`).run(operatorId, new Date().toISOString());
  const items = raw.prepare(`SELECT id, versionId, kind FROM "ChecklistItem"`).all() as { id: string; versionId: string; kind: string }[];
  const byVersion = new Map<string, { id: string; kind: string }[]>();
  for (const i of items) byVersion.set(i.versionId, [...(byVersion.get(i.versionId) ?? []), i]);
  const past = raw.prepare(`SELECT id, versionId, dueAt FROM "Run" WHERE graceEndsAt < ?`).all(new Date().toISOString()) as { id: string; versionId: string; dueAt: string }[];
  const insertResult = raw.prepare(
    `INSERT INTO "Result" (id, runId, itemId, revision, outcome, valueNumber, note, recordedById, recordedAt) VALUES (?, ?, ?, 1, 'PASS', ?, '', ?, ?)`,
  );
  const complete = raw.prepare(`UPDATE "Run" SET completedAt = ?, completedById = ? WHERE id = ?`);
  let results = 0;
  raw.transaction(() => {
    for (const run of past) {
      for (const item of byVersion.get(run.versionId) ?? []) {
        insertResult.run(randomUUID(), run.id, item.id, item.kind === "NUMBER" ? 1 : null, operatorId, run.dueAt);
        results += 1;
      }
      complete.run(run.dueAt, operatorId, run.id);
    }
  })();
  raw.close();
  console.log(`Recorded ${results} results on ${past.length} past runs in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const user = { id: operatorId, email: "op@measure.test", name: "Measure Operator", role: "OPERATOR" as const };
  const samples = { today: [] as number[], run: [] as number[], record: [] as number[] };
  for (let i = 0; i < 30; i++) {
    t = performance.now();
    const view = await getToday(user, "all");
    samples.today.push(performance.now() - t);
    if (i === 0) console.log(`/today lists ${view.attention.length + view.daily.length + view.weekly.length + view.monthly.length} runs`);
  }
  const todayRuns = await db.run.findMany({ where: { localDate: new Date().toISOString().slice(0, 10), completedAt: null }, select: { id: true, versionId: true }, take: 40 });
  for (const run of todayRuns.slice(0, 30)) {
    t = performance.now();
    await getRun(run.id);
    samples.run.push(performance.now() - t);
  }
  const record = actionRegistry.get("result.record")!.definition!;
  for (const run of todayRuns) {
    const item = (byVersion.get(run.versionId) ?? []).find((i) => i.kind === "CHECK");
    if (!item) continue;
    t = performance.now();
    const outcome = await runAction(record, { runId: run.id, itemId: item.id, outcome: "PASS", value: "", note: "", expectedRevision: "0" }, { user, request: { ip: "127.0.0.1", userAgent: "measure" } });
    samples.record.push(performance.now() - t);
    if (!outcome.ok) throw new Error(`Recording failed: ${outcome.error}`);
  }
  console.log(`Database: ${await db.run.count()} runs, ${await db.result.count()} results, ${await db.auditEvent.count()} audit events`);
  console.log(`/today data (getToday):      ${stats(samples.today)}`);
  console.log(`/runs/[id] data (getRun):    ${stats(samples.run)}`);
  console.log(`record a result (action):    ${stats(samples.record)}`);
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
