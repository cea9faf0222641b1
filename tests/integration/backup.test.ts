// `db backup` and `db restore`, run as separate processes as an administrator would, while this
// process goes on recording results through the real action, as the portal would.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, db } from "@/lib/db";
import { databaseFile } from "@/lib/env";
import { runAction } from "@/lib/actions/define";
import { checkAnchor, parseAnchor, verifyAuditChain, type AuditAnchor } from "@/lib/audit/verify";
import { writeAuditEvent } from "@/lib/audit/write";
import { seedDatabase } from "@/lib/procedures/seed";
import { generateRuns } from "@/lib/scheduling/generation";
import "@/lib/runs/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { itemApplies } from "@/lib/runs/completion";
import { actionDefinition, as, makeUser } from "../support/fixtures";

const root = path.resolve(import.meta.dirname, "../..");
const work = mkdtempSync(path.join(tmpdir(), "opsbook-backup-test-"));
const record = actionDefinition("result.record");
const SECOND_MIGRATION = "20261124000100_sqlite_guards_and_search";
const FUTURE_MIGRATION = "29991231000000_from_the_future";

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

interface Contents {
  runs: number;
  results: number;
  auditEvents: number;
}

/** The counts and anchor a backup or restore printed. */
function printed(stdout: string): Contents & { anchor: AuditAnchor } {
  const counts = /holds (\d+) runs, (\d+) results, (\d+) audit events\./.exec(stdout);
  const anchor = /Anchor[^:]*: (#\d+:[0-9a-f]{64})/.exec(stdout);
  if (!counts || !anchor) throw new Error(`Unexpected output:\n${stdout}`);
  return { runs: Number(counts[1]), results: Number(counts[2]), auditEvents: Number(counts[3]), anchor: parseAnchor(anchor[1]!)! };
}

async function contentsOf(file: string): Promise<Contents & { chainOk: boolean }> {
  const client = createClient(file);
  try {
    const chain = await verifyAuditChain(client);
    return { runs: await client.run.count(), results: await client.result.count(), auditEvents: await client.auditEvent.count(), chainOk: chain.ok };
  } finally {
    await client.$disconnect();
  }
}

let operator: CurrentUser;
/** Items of open runs that have no result yet, to record one each. */
let targets: { runId: string; itemId: string }[] = [];
/** The backup the restore tests start from, with what `db backup` printed about it. */
let backup: { file: string } & Contents & { anchor: AuditAnchor };

async function recordNext(): Promise<void> {
  const target = targets.shift();
  if (!target) throw new Error("The test ran out of open checklist items to record.");
  const outcome = await runAction(record, { ...target, outcome: "NOT_APPLICABLE", value: "", note: "Not in use on this server", expectedRevision: "0" }, as(operator));
  if (!outcome.ok) throw new Error(`Recording failed: ${JSON.stringify(outcome)}`);
}

beforeAll(async () => {
  // Runs that opened before `now` take results whenever the actions read the clock afterwards.
  const now = new Date();
  await seedDatabase(db, { now });
  operator = await makeUser("OPERATOR", { name: "Bea Backup" });
  // Two weeks of runs, so the database is more than the seed.
  const start = new Date(now.getTime() - 14 * 86_400_000);
  await db.schedule.updateMany({ data: { effectiveFrom: start, anchorDate: start.toISOString().slice(0, 10) } });
  await generateRuns(db, { now, daysBack: 14 });
  const runs = await db.run.findMany({
    where: { opensAt: { lt: now }, skippedAt: null, suppressed: false, completedAt: null },
    select: { id: true, server: { select: { roles: { select: { role: true } } } }, version: { select: { items: { select: { id: true, roles: { select: { role: true } } } } } } },
    orderBy: { opensAt: "asc" },
  });
  // Only the items each run's server takes (items for other Exchange roles are refused).
  targets = runs.flatMap((run) =>
    run.version.items
      .filter((item) => itemApplies(item.roles.map((r) => r.role), run.server ? run.server.roles.map((r) => r.role) : null))
      .map((item) => ({ runId: run.id, itemId: item.id })),
  );
  for (let i = 0; i < 40; i++) await recordNext();
  console.log(`Set up: ${await db.run.count()} runs, ${await db.result.count()} results, ${await db.auditEvent.count()} audit events; ${targets.length} open items left to record.`);
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("db backup", () => {
  it("copies the database while results keep being recorded: the copy is sound, verifies, and is one consistent moment", async () => {
    const file = path.join(work, "opsbook-backup.db");
    const headBefore = (await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } })).seq;

    // Record results continuously until the backup process has exited.
    let stop = false;
    let failure: unknown = null;
    const latencies: number[] = [];
    const writer = (async () => {
      try {
        while (!stop) {
          const started = performance.now();
          await recordNext();
          latencies.push(performance.now() - started);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      } catch (error) {
        failure = error;
      }
    })();
    while (latencies.length < 3 && failure === null) await new Promise((resolve) => setTimeout(resolve, 5));
    const committedBefore = new Set((await db.result.findMany({ select: { id: true } })).map((r) => r.id));
    const writesBefore = latencies.length;
    const result = await cli(["db", "backup", file]);
    const writesDuring = latencies.length - writesBefore;
    stop = true;
    await writer;
    expect(failure).toBeNull();

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Backed up ${databaseFile()} to ${file} (`);
    expect(result.stdout).toContain("Copy checked: integrity ok; audit trail intact:");
    const report = printed(result.stdout);
    expect(readdirSync(work)).toEqual(["opsbook-backup.db"]);

    // Inspect a copy of the backup, so that the backup file itself stays as the command left it.
    const inspect = path.join(work, "inspect.db");
    copyFileSync(file, inspect);
    const raw = new Database(inspect, { readonly: true });
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
    const copiedResults = new Set((raw.prepare(`SELECT id FROM "Result"`).all() as { id: string }[]).map((r) => r.id));
    raw.close();
    const contents = await contentsOf(inspect);
    rmSync(inspect);
    expect(contents).toEqual({ runs: report.runs, results: report.results, auditEvents: report.auditEvents, chainOk: true });

    // Everything committed before the backup started is in it.
    for (const id of committedBefore) expect(copiedResults.has(id)).toBe(true);
    // The copy is the database at one commit: its newest audit event is unchanged in the live trail,
    // and a result written meanwhile is in the copy exactly when its audit event is.
    expect(await checkAnchor(db, report.anchor)).toBeNull();
    expect(report.auditEvents).toBe(report.anchor.seq);
    const recorded = await db.auditEvent.findMany({ where: { action: "result.record", seq: { gt: headBefore } }, select: { seq: true, after: true } });
    for (const event of recorded) {
      const { resultId } = JSON.parse(event.after!) as { resultId: string };
      expect(copiedResults.has(resultId), `result of event #${event.seq}`).toBe(event.seq <= report.anchor.seq);
    }
    const liveAudit = await db.auditEvent.count();
    console.log(
      `Backup while writing: ${writesDuring} results recorded while the backup process ran (slowest write ${Math.round(Math.max(...latencies))} ms); ` +
        `copy holds ${report.results} results and ${report.auditEvents} audit events (anchor #${report.anchor.seq}), ` +
        `${committedBefore.size} results were committed before it started, the live database now has ${liveAudit} audit events.`,
    );
    expect(writesDuring).toBeGreaterThan(0);
    backup = { file, ...report };
  }, 180_000);

  it("refuses to overwrite an existing file or the database itself, replaces a backup with --force, and explains its usage", async () => {
    const before = sha256(backup.file);
    const refused = await cli(["db", "backup", backup.file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`No backup made: ${backup.file} already exists. Choose another name, or add --force to replace it.`);
    expect(sha256(backup.file)).toBe(before);

    const itself = await cli(["db", "backup", databaseFile()]);
    expect(itself.code).toBe(1);
    expect(itself.stderr).toContain("is the database itself");

    const usage = await cli(["db", "backup"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Usage: db backup FILE [--force]");

    await recordNext();
    const replaced = await cli(["db", "backup", backup.file, "--force"]);
    expect(replaced.stderr).toBe("");
    expect(replaced.code).toBe(0);
    const report = printed(replaced.stdout);
    expect(report.auditEvents).toBe(await db.auditEvent.count());
    expect(report.results).toBe(await db.result.count());
    expect(sha256(backup.file)).not.toBe(before);
    expect(readdirSync(work)).toEqual(["opsbook-backup.db"]);
    console.log(`Overwrite refused without --force; with --force the backup now holds ${report.results} results, anchor #${report.anchor.seq}.`);
    backup = { file: backup.file, ...report };
  }, 180_000);
});

describe("db restore", () => {
  const fresh = path.join(work, "fresh", "opsbook.db");
  const atFresh = { DATABASE_URL: `file:${fresh}` };

  it("refuses a missing, non-SQLite, damaged, foreign or tampered file with exit 1 and changes nothing", async () => {
    const damaged = path.join(work, "damaged.db");
    copyFileSync(backup.file, damaged);
    const raw = new Database(damaged, { readonly: true });
    const pageSize = raw.pragma("page_size", { simple: true }) as number;
    const rootPage = (raw.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'AuditEvent'`).get() as { rootpage: number }).rootpage;
    raw.close();
    const fd = openSync(damaged, "r+");
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootPage - 1) * pageSize);
    closeSync(fd);

    const foreign = path.join(work, "foreign.db");
    const other = new Database(foreign);
    other.exec(`CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES ('hello');`);
    other.close();

    const tampered = path.join(work, "tampered.db");
    copyFileSync(backup.file, tampered);
    const edit = new Database(tampered);
    // The guard put back afterwards: a missing guard is the schema check's to name, and the chain is what shows the edit.
    const auditGuard = (edit.prepare(`SELECT sql FROM sqlite_master WHERE name = 'AuditEvent_no_update'`).get() as { sql: string }).sql;
    edit.exec(`DROP TRIGGER "AuditEvent_no_update"; UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE "seq" = 5;`);
    edit.exec(auditGuard);
    edit.close();

    // Changed behind a guard that was put back: the chain is intact, the evidence is not.
    const rewritten = path.join(work, "rewritten.db");
    copyFileSync(backup.file, rewritten);
    const forger = new Database(rewritten);
    const victim = forger.prepare(`SELECT "id", "runId", "revision", "note" FROM "Result" ORDER BY "id" LIMIT 1`).get() as { id: string; runId: string; revision: number; note: string };
    const victimEvent = forger.prepare(`SELECT "seq", "action" FROM "AuditEvent" WHERE "action" IN ('result.record', 'result.correct') AND json_extract("after", '$.resultId') = ?`).get(victim.id) as { seq: number; action: string };
    const guard = (forger.prepare(`SELECT sql FROM sqlite_master WHERE name = 'Result_no_update'`).get() as { sql: string }).sql;
    forger.exec(`DROP TRIGGER "Result_no_update"`);
    forger.prepare(`UPDATE "Result" SET "note" = 'checked twice' WHERE "id" = ?`).run(victim.id);
    forger.exec(guard);
    forger.close();

    const unguarded = path.join(work, "unguarded.db");
    copyFileSync(backup.file, unguarded);
    const dropper = new Database(unguarded);
    dropper.exec(`DROP TRIGGER "Result_no_delete"`);
    dropper.close();

    const newer = path.join(work, "newer.db");
    copyFileSync(backup.file, newer);
    const future = new Database(newer);
    future
      .prepare(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ('future', 'x', ?, CURRENT_TIMESTAMP, 1)`)
      .run(FUTURE_MIGRATION);
    future.close();

    // A trigger slipped in, of the kind that turned a viewer into an administrator at sign-in.
    const promoting = path.join(work, "promoting.db");
    copyFileSync(backup.file, promoting);
    const slipper = new Database(promoting);
    slipper.exec(`CREATE TRIGGER "User_promote" AFTER UPDATE OF "lastSignInAt" ON "User" BEGIN UPDATE "User" SET "role" = 'ADMIN' WHERE "id" = NEW."id"; END;`);
    slipper.close();

    const text = path.join(work, "notes.txt");
    copyFileSync(path.join(root, "package.json"), text);

    const cases = [
      { file: path.join(work, "missing.db"), message: `There is no file at ${path.join(work, "missing.db")}.` },
      { file: text, message: `${text} is not a SQLite database.` },
      { file: damaged, message: "The backup fails the integrity check:" },
      { file: foreign, message: "The backup has no _prisma_migrations table: it is not an Opsbook database." },
      { file: tampered, message: "The backup has a broken audit trail at event #5: content does not match its hash (altered)." },
      {
        file: rewritten,
        message: `The backup does not match its audit trail: Result ${victim.id} (run ${victim.runId}, revision ${victim.revision}) disagrees with the audit trail: its note is "checked twice", but event #${victimEvent.seq} (${victimEvent.action}) recorded ${JSON.stringify(victim.note)}.`,
      },
      {
        file: unguarded,
        message: `The backup fails the schema check: The trigger "Result_no_delete" on table "Result" is missing; migration ${SECOND_MIGRATION} creates it.`,
      },
      {
        file: promoting,
        message: `The backup fails the schema check: The trigger "User_promote" on table "User" is not one the migrations create; a trigger runs with every write to its table and can change or copy rows.`,
      },
      { file: newer, message: `The backup was made by a newer version of Opsbook (migration ${FUTURE_MIGRATION} is unknown here). Update this installation first.` },
    ];
    for (const { file, message } of cases) {
      const before = existsSync(file) ? sha256(file) : null;
      const result = await cli(["db", "restore", file], atFresh);
      console.log(`restore ${path.basename(file)}: exit ${result.code}: ${result.stderr.trim()}`);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Nothing restored: ${message}`);
      // No file appears at the target. (The folder itself may: loading lib/db creates the folder of
      // DATABASE_URL, as it does for every command.)
      expect(existsSync(path.dirname(fresh)) ? readdirSync(path.dirname(fresh)) : []).toEqual([]);
      expect(existsSync(file) ? sha256(file) : null).toBe(before);
    }
    expect(readdirSync(work).filter((name) => name !== "fresh").sort()).toEqual([
      "damaged.db",
      "foreign.db",
      "newer.db",
      "notes.txt",
      "opsbook-backup.db",
      "promoting.db",
      "rewritten.db",
      "tampered.db",
      "unguarded.db",
    ]);
    for (const file of [damaged, foreign, tampered, rewritten, unguarded, promoting, newer, text]) rmSync(file);
  }, 180_000);

  it("restores into a fresh location: the audit trail verifies against the backup's anchor and the counts match", async () => {
    const before = sha256(backup.file);
    const result = await cli(["db", "restore", backup.file], atFresh);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Restored ${fresh} from ${backup.file}`);
    expect(result.stdout).toContain("The backup's schema was already up to date.");
    expect(result.stdout).toContain("npm start");
    const report = printed(result.stdout);
    expect(report).toEqual({ runs: backup.runs, results: backup.results, auditEvents: backup.auditEvents, anchor: backup.anchor });
    expect(sha256(backup.file)).toBe(before);
    expect(readdirSync(path.dirname(fresh))).toEqual(["opsbook.db"]);

    const verify = await cli(["audit", "verify", "--anchor", `#${backup.anchor.seq}:${backup.anchor.hash}`], atFresh);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(`Audit trail intact: ${backup.auditEvents} events verified. Anchor #${backup.anchor.seq} matches.`);
    expect(await contentsOf(fresh)).toEqual({ runs: backup.runs, results: backup.results, auditEvents: backup.auditEvents, chainOk: true });
    console.log(`Restored into a fresh location: ${report.runs} runs, ${report.results} results, ${report.auditEvents} audit events; audit verify --anchor #${backup.anchor.seq} passed.`);
  }, 180_000);

  it("refuses to replace an existing database without --force or while it is open; with --force keeps the old one aside", async () => {
    // Make the database at the target differ from the backup: one more user, audited.
    const existing = createClient(fresh);
    await existing.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: "later@example.test", name: "Added Later", role: "VIEWER", passwordHash: "x" } });
      await writeAuditEvent(tx, { id: null, label: "test" }, { ip: "local", userAgent: "vitest" }, { action: "user.create", entityType: "User", entityId: user.id, after: user });
    });
    await existing.$disconnect();
    const oldHash = sha256(fresh);

    const refused = await cli(["db", "restore", backup.file], atFresh);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Nothing restored: ${fresh} already holds a database. Stop the portal and add --force to replace it;`);
    expect(sha256(fresh)).toBe(oldHash);
    expect(readdirSync(path.dirname(fresh))).toEqual(["opsbook.db"]);

    // A connection kept open, as a running portal keeps one, stops even a forced restore.
    const portal = createClient(fresh);
    await portal.user.count();
    const busy = await cli(["db", "restore", backup.file, "--force"], atFresh);
    await portal.$disconnect();
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain(`Nothing restored: ${fresh} is open in another process (is the portal running?). Stop it first.`);
    expect(sha256(fresh)).toBe(oldHash);
    expect(readdirSync(path.dirname(fresh))).toEqual(["opsbook.db"]);

    const forced = await cli(["db", "restore", backup.file, "--force"], atFresh);
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    const keptAs = /is kept as (.+); delete it once the portal works\./.exec(forced.stdout)?.[1];
    expect(keptAs).toMatch(new RegExp(`^${fresh.replaceAll(".", "\\.")}\\.before-restore-\\d{8}T\\d{6}Z$`));
    expect(readdirSync(path.dirname(fresh)).sort()).toEqual(["opsbook.db", path.basename(keptAs!)]);
    // The old database is intact under its new name, with the user added to it.
    expect(await contentsOf(keptAs!)).toEqual({ runs: backup.runs, results: backup.results, auditEvents: backup.auditEvents + 1, chainOk: true });
    const kept = createClient(keptAs!);
    expect(await kept.user.findUnique({ where: { email: "later@example.test" }, select: { name: true } })).toEqual({ name: "Added Later" });
    await kept.$disconnect();
    expect(readdirSync(path.dirname(fresh)).sort()).toEqual(["opsbook.db", path.basename(keptAs!)]);
    expect(await contentsOf(fresh)).toEqual({ runs: backup.runs, results: backup.results, auditEvents: backup.auditEvents, chainOk: true });
    const restored = createClient(fresh);
    expect(await restored.user.findUnique({ where: { email: "later@example.test" } })).toBeNull();
    await restored.$disconnect();
    console.log(`Existing database refused without --force and while open elsewhere; with --force restored and the old one kept as ${path.basename(keptAs!)}.`);
  }, 180_000);

  it("brings an older backup up to the current schema", async () => {
    const older = path.join(work, "older-backup.db");
    copyFileSync(backup.file, older);
    const raw = new Database(older);
    for (const trigger of ["AuditEvent_no_update", "AuditEvent_no_delete", "Result_no_update", "Result_no_delete", "ProcedureVersion_no_update", "ChecklistItem_no_update", "ProcedureTool_no_update"]) {
      raw.exec(`DROP TRIGGER "${trigger}"`);
    }
    raw.exec(`DROP TABLE "ProcedureSearch"`);
    raw.prepare(`DELETE FROM "_prisma_migrations" WHERE migration_name = ?`).run(SECOND_MIGRATION);
    raw.close();

    const target = path.join(work, "older", "opsbook.db");
    const result = await cli(["db", "restore", older], { DATABASE_URL: `file:${target}` });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Applied 1 migration(s) the backup lacked: ${SECOND_MIGRATION}.`);
    const check = new Database(target, { readonly: true });
    const triggers = check.prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name = 'AuditEvent_no_update'`).all();
    const migrations = check.prepare(`SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`).get() as { n: number };
    check.close();
    expect(triggers).toHaveLength(1);
    expect(migrations.n).toBe(readdirSync(path.resolve("prisma/migrations"), { withFileTypes: true }).filter((e) => e.isDirectory()).length);
    expect(await contentsOf(target)).toEqual({ runs: backup.runs, results: backup.results, auditEvents: backup.auditEvents, chainOk: true });
    console.log(`Older backup (without ${SECOND_MIGRATION}) restored and migrated; ${migrations.n} migrations applied in total.`);
  }, 180_000);
});

describe("db backup of a database whose evidence was changed behind its guard", () => {
  it("fails with exit 1, names the run, and leaves neither the file nor a partial copy", async () => {
    // A run skipped after the fact: the Run table has no guard trigger, only the trail shows it.
    const run = await db.run.findFirstOrThrow({ where: { skippedAt: null, completedAt: null }, orderBy: { id: "asc" }, select: { id: true } });
    await db.run.update({ where: { id: run.id }, data: { skippedAt: new Date(), skipReason: "Quietly skipped" } });
    const file = path.join(work, "from-rewritten.db");
    const before = readdirSync(work).sort();
    const result = await cli(["db", "backup", file]);
    console.log(`backup of a database with a run skipped behind the trail's back: exit ${result.code}: ${result.stderr.trim()}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`No backup made: The copy does not match its audit trail: Run ${run.id} disagrees with the audit trail: its skippedAt is `);
    expect(result.stderr).toContain("but the audit trail records no skip of this run, so it should be empty.");
    expect(readdirSync(work).sort()).toEqual(before);
    await db.run.update({ where: { id: run.id }, data: { skippedAt: null, skipReason: null } });
  }, 180_000);
});

describe("db backup of a database whose audit trail was altered", () => {
  it("fails with exit 1 and leaves neither the file nor a partial copy", async () => {
    const target = await db.auditEvent.findFirstOrThrow({ where: { seq: 7 } });
    // Only a test may get past the append-only trigger, and only by removing it.
    const guard = (await db.$queryRawUnsafe<{ sql: string }[]>(`SELECT sql FROM sqlite_master WHERE name = 'AuditEvent_no_update'`))[0]!.sql;
    await db.$executeRawUnsafe(`DROP TRIGGER "AuditEvent_no_update"`);
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = 'something.else' WHERE "seq" = ?`, target.seq);
    // Put back, so that the chain is what shows the edit (a missing guard is the schema check's to name).
    await db.$executeRawUnsafe(guard);
    const file = path.join(work, "from-altered.db");
    const before = readdirSync(work).sort();
    const result = await cli(["db", "backup", file]);
    console.log(`backup of an altered database: exit ${result.code}: ${result.stderr.trim()}`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("No backup made: The copy has a broken audit trail at event #7: content does not match its hash (altered).");
    expect(readdirSync(work).sort()).toEqual(before);
  }, 180_000);
});
