// Builds a database with years of plausible operations history, deterministically from a seed,
// for measurement scripts and the benchmark. Runs come from the real seed and run generation; the
// operators' work (results, completions, skips, corrections, and one audit event per change with
// an intact hash chain) is bulk-inserted in one SQLite transaction, which is minutes faster than
// going through the actions one by one. Never used by the application itself.
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { GENESIS_HASH, canonicalJson, eventHash } from "@/lib/audit/chain";
import { prng } from "./prng";

export interface HistoryOptions {
  /** SQLite file; DATABASE_URL must already point at it before this module's callers import lib/db. */
  file: string;
  days: number;
  seed?: number;
  now?: Date;
  operators?: number;
  /** Extra copies of each demo server (same roles and site), to scale the history up. */
  serverCopies?: number;
  log?: (line: string) => void;
}

export interface HistorySummary {
  runs: number;
  results: number;
  auditEvents: number;
  operatorIds: string[];
  managerId: string;
  seconds: number;
}


/** The text form Prisma uses for DateTime in SQLite; raw inserts must match it exactly. */
export function sqliteTime(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

interface Item {
  id: string;
  text: string;
  kind: string;
  required: number;
  unit: string | null;
  min: number | null;
  max: number | null;
  passChoices: string;
}

export async function buildHistory(options: HistoryOptions): Promise<HistorySummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const random = prng(options.seed ?? 20_261_124);
  const { applyMigrations } = await import("@/lib/maintenance/migrate");
  applyMigrations(`file:${options.file}`);
  const { db } = await import("@/lib/db");
  const { seedDatabase } = await import("@/lib/procedures/seed");
  const { generateRuns } = await import("@/lib/scheduling/generation");
  const { hashPassword } = await import("@/lib/auth/password");

  await seedDatabase(db);
  const passwordHash = await hashPassword("a-long-enough-password");
  const manager = await db.user.upsert({
    where: { email: "manager@history.test" },
    update: {},
    create: { email: "manager@history.test", name: "Morgan Manager", role: "MANAGER", passwordHash },
  });
  const operatorIds: string[] = [];
  for (let i = 1; i <= (options.operators ?? 6); i++) {
    const u = await db.user.upsert({
      where: { email: `operator${i}@history.test` },
      update: {},
      create: { email: `operator${i}@history.test`, name: `Operator ${i}`, role: "OPERATOR", passwordHash },
    });
    operatorIds.push(u.id);
  }

  const demo = await db.server.findMany({ select: { name: true, site: true, roles: { select: { role: true } } } });
  for (let copy = 1; copy <= (options.serverCopies ?? 0); copy++) {
    for (const server of demo) {
      const name = `${server.name}-${copy + 1}`;
      if (await db.server.findUnique({ where: { name }, select: { id: true } })) continue;
      await db.server.create({ data: { name, site: server.site, roles: { create: server.roles.map((r) => ({ role: r.role })) } } });
    }
  }

  const start = new Date(now.getTime() - options.days * 86_400_000);
  await db.schedule.updateMany({ data: { effectiveFrom: start, anchorDate: start.toISOString().slice(0, 10) } });
  let t = performance.now();
  const generated = await generateRuns(db, { now, daysBack: options.days });
  log(`generated ${generated.created} runs over ${options.days} days back and 35 ahead in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await db.$disconnect();

  t = performance.now();
  const raw = new Database(options.file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  const items = raw.prepare(`SELECT id, versionId, text, kind, required, unit, min, max, passChoices FROM "ChecklistItem" ORDER BY position`).all() as (Item & { versionId: string })[];
  const byVersion = new Map<string, Item[]>();
  for (const i of items) byVersion.set(i.versionId, [...(byVersion.get(i.versionId) ?? []), i]);
  const runs = raw
    .prepare(`SELECT id, versionId, opensAt, dueAt, graceEndsAt FROM "Run" WHERE opensAt < ? AND completedAt IS NULL AND skippedAt IS NULL AND suppressed = 0 ORDER BY dueAt, id`)
    .all(sqliteTime(now)) as { id: string; versionId: string; opensAt: string; dueAt: string; graceEndsAt: string }[];
  const tail = raw.prepare(`SELECT seq, hash FROM "AuditEvent" ORDER BY seq DESC LIMIT 1`).get() as { seq: number; hash: string } | undefined;

  const insertResult = raw.prepare(
    `INSERT INTO "Result" (id, runId, itemId, revision, supersedesId, outcome, valueNumber, valueText, failureReason, note, recordedById, recordedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`,
  );
  const completeRun = raw.prepare(`UPDATE "Run" SET completedAt = ?, completedById = ?, hasExceptions = ? WHERE id = ?`);
  const skipRun = raw.prepare(`UPDATE "Run" SET skippedAt = ?, skippedById = ?, skipReason = ? WHERE id = ?`);
  const insertEvent = raw.prepare(
    `INSERT INTO "AuditEvent" (seq, at, actorId, actorLabel, action, entityType, entityId, before, after, ip, userAgent, prevHash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const names = new Map(raw.prepare(`SELECT id, name FROM "User"`).all().map((u) => [(u as { id: string }).id, (u as { name: string }).name]));

  let seq = tail?.seq ?? 0;
  let prevHash = tail?.hash ?? GENESIS_HASH;
  let idCounter = 0;
  const newId = () => `h${(idCounter++).toString(36).padStart(9, "0")}${Math.floor(random() * 1e9).toString(36)}`;
  const audit = (at: Date, actorId: string, action: string, entityId: string, before: unknown, after: unknown) => {
    seq += 1;
    const content = {
      seq, at, actorId, actorLabel: names.get(actorId) ?? actorId, action, entityType: "Run", entityId,
      before: before === null ? null : canonicalJson(before), after: canonicalJson(after), ip: "10.0.0.20", userAgent: "history generator",
    };
    const hash = eventHash(prevHash, content);
    insertEvent.run(seq, sqliteTime(at), content.actorId, content.actorLabel, action, "Run", entityId, content.before, content.after, content.ip, content.userAgent, prevHash, hash);
    prevHash = hash;
  };

  let results = 0;
  raw.transaction(() => {
    for (const run of runs) {
      const opens = Date.parse(run.opensAt);
      const due = Date.parse(run.dueAt);
      const graceEnds = Date.parse(run.graceEndsAt);
      const roll = random();
      if (roll < 0.01) {
        const at = new Date(opens + 3_600_000);
        if (at >= now) continue;
        skipRun.run(sqliteTime(at), manager.id, "Server out of service for planned work", run.id);
        audit(at, manager.id, "run.skip", run.id, null, { skippedAt: at, reason: "Server out of service for planned work" });
        continue;
      }
      if (roll < 0.04) continue; // left undone: missed once its grace period has passed
      const late = roll > 0.94;
      const finish = late ? due + random() * (graceEnds - due + 6 * 3_600_000) : opens + random() * (due - opens);
      if (finish >= now.getTime()) continue;
      const operator = operatorIds[Math.floor(random() * operatorIds.length)]!;
      const list = byVersion.get(run.versionId) ?? [];
      const failIndex = random() < 0.05 ? Math.floor(random() * list.length) : -1;
      let hasExceptions = false;
      // As the real action does: the run completes with the save of its last required item.
      const lastRequired = list.reduce((last, item, index) => (item.required ? index : last), 0);
      const savedAt = (index: number) => new Date(finish - (list.length - index) * 20_000);
      list.forEach((item, index) => {
        const at = savedAt(index);
        let outcome = "PASS";
        let valueNumber: number | null = null;
        let valueText: string | null = null;
        let failureReason: string | null = null;
        if (item.kind === "NUMBER") {
          const lo = item.min ?? 0;
          const hi = item.max ?? lo + 100;
          valueNumber = Math.round((lo + random() * (hi - lo) * 0.8) * 10) / 10;
          if (index === failIndex && item.max !== null) {
            valueNumber = Math.round(item.max * 1.8 + 1);
            failureReason = `${item.text} ${valueNumber}${item.unit ? ` ${item.unit}` : ""} exceeds the maximum of ${item.max}${item.unit ? ` ${item.unit}` : ""}`;
            outcome = "FAIL";
          }
        } else if (item.kind === "CHOICE") {
          valueText = (JSON.parse(item.passChoices) as string[])[0] ?? "OK";
        } else if (item.kind === "TEXT") {
          valueText = "Nothing unusual";
        } else if (index === failIndex) {
          outcome = "FAIL";
        }
        const id = newId();
        insertResult.run(id, run.id, item.id, 1, null, outcome, valueNumber, valueText, failureReason, operator, sqliteTime(at));
        audit(at, operator, "result.record", run.id, null, { resultId: id, itemId: item.id, outcome, valueNumber, valueText, failureReason, note: "", revision: 1, recordedAt: at, runCompleted: index === lastRequired });
        results += 1;
        if (outcome === "FAIL" && random() < 0.2) {
          // Some failures turn out to be misreadings and are corrected a minute later.
          const correctedAt = new Date(at.getTime() + 60_000);
          const correctionId = newId();
          const value = item.kind === "NUMBER" ? (item.min ?? 0) : null;
          insertResult.run(correctionId, run.id, item.id, 2, id, "PASS", value, valueText, null, operator, sqliteTime(correctedAt));
          audit(correctedAt, operator, "result.correct", run.id, { resultId: id, outcome }, { resultId: correctionId, itemId: item.id, outcome: "PASS", valueNumber: value, valueText, failureReason: null, note: "", revision: 2, recordedAt: correctedAt, runCompleted: false });
          results += 1;
        } else if (outcome === "FAIL") {
          hasExceptions = true;
        }
      });
      if (list.length > 0) completeRun.run(sqliteTime(savedAt(lastRequired)), operator, hasExceptions ? 1 : 0, run.id);
    }
  })();
  const counts = raw.prepare(`SELECT (SELECT count(*) FROM "Run") AS runs, (SELECT count(*) FROM "AuditEvent") AS events`).get() as { runs: number; events: number };
  raw.pragma("synchronous = FULL");
  raw.pragma("wal_checkpoint(TRUNCATE)");
  raw.close();
  log(`recorded ${results} results on ${runs.length} runs in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return { runs: counts.runs, results, auditEvents: counts.events, operatorIds, managerId: manager.id, seconds: (performance.now() - started) / 1000 };
}

export { prng };
