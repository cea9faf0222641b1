// The schema check (decision 029) on real files: a database migrated and seeded here, with real
// work recorded through the actions, backed up with `backupDatabase`, then altered with
// better-sqlite3 the way someone holding the file would. `restoreDatabase` must refuse each
// altered copy before anything is put in place, naming the difference; `checkAuditTrail` names
// the difference on a live copy; and a property test applies random small schema changes.
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient, db } from "@/lib/db";
import { databaseFile } from "@/lib/env";
import { runAction } from "@/lib/actions/define";
import { checkAuditTrail, describeProblem } from "@/lib/audit/check";
import { backupDatabase, BackupError, restoreDatabase } from "@/lib/maintenance/backup";
import { checkDatabaseFileSchema, checkSchema, sqliteReader } from "@/lib/maintenance/schema-check";
import { seedDatabase } from "@/lib/procedures/seed";
import { generateRuns } from "@/lib/scheduling/generation";
import "@/lib/runs/actions";
import { actionDefinition, as, makeUser } from "../support/fixtures";

const work = mkdtempSync(path.join(tmpdir(), "opsbook-schema-check-"));
const GUARDS_MIGRATION = "20261124000100_sqlite_guards_and_search";
const INIT_MIGRATION = "20261124000000_init";
/** A trigger of the kind the black-box test slipped in: a viewer becomes an administrator at sign-in. */
const PROMOTE = `CREATE TRIGGER "User_promote" AFTER UPDATE OF "lastSignInAt" ON "User" BEGIN UPDATE "User" SET "role" = 'ADMIN' WHERE "id" = NEW."id"; END;`;

let good: string;

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** A copy of the good backup, changed by `change` through its own connection (foreign keys off, as a hand edit would be). */
function variant(name: string, change: (raw: Database.Database) => void): string {
  const file = path.join(work, `${name}.db`);
  copyFileSync(good, file);
  const raw = new Database(file);
  raw.pragma("foreign_keys = OFF");
  change(raw);
  raw.close();
  return file;
}

/**
 * Rebuilds a table with its CREATE statement passed through `edit`, keeping its rows, indexes and
 * triggers (SQLite's documented way to change a column: new table, copy, drop, rename).
 */
function rebuildTable(raw: Database.Database, table: string, edit: (sql: string) => string): void {
  const sql = (raw.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) as { sql: string }).sql;
  const edited = edit(sql);
  if (edited === sql) throw new Error(`The edit changed nothing in ${table}`);
  const dependants = raw.prepare(`SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL`).all(table) as { sql: string }[];
  const temporary = `${table}__rebuilt`;
  raw.pragma("legacy_alter_table = ON");
  raw.exec(edited.replace(/^CREATE TABLE "[^"]+"/, `CREATE TABLE "${temporary}"`));
  raw.exec(`INSERT INTO "${temporary}" SELECT * FROM "${table}"; DROP TABLE "${table}"; ALTER TABLE "${temporary}" RENAME TO "${table}";`);
  for (const d of dependants) raw.exec(d.sql);
  raw.pragma("legacy_alter_table = OFF");
}

/** The restore target for one case: a folder that does not exist yet. */
let cases = 0;
function target(): string {
  return path.join(work, `target-${++cases}`, "opsbook.db");
}

/** Restores `file` and expects a refusal containing `message`, with nothing left at the target and the file unchanged. */
async function expectRefused(file: string, message: string): Promise<string> {
  const before = sha256(file);
  const at = target();
  let error: unknown = null;
  const started = performance.now();
  try {
    await restoreDatabase(file, at, { force: false });
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - started;
  expect(error).toBeInstanceOf(BackupError);
  const text = (error as Error).message;
  console.log(`restore ${path.basename(file)} refused in ${ms.toFixed(0)} ms: ${text}`);
  expect(text).toContain(message);
  expect(text).not.toContain("\n");
  expect(existsSync(path.dirname(at)) ? readdirSync(path.dirname(at)) : []).toEqual([]);
  expect(sha256(file)).toBe(before);
  return text;
}

beforeAll(async () => {
  const now = new Date();
  await seedDatabase(db, { now });
  const operator = await makeUser("OPERATOR", { name: "Sam Schema" });
  await makeUser("VIEWER", { name: "Vic Viewer" });
  const start = new Date(now.getTime() - 3 * 86_400_000);
  await db.schedule.updateMany({ data: { effectiveFrom: start, anchorDate: start.toISOString().slice(0, 10) } });
  await generateRuns(db, { now, daysBack: 3 });
  const runs = await db.run.findMany({
    where: { opensAt: { lt: now }, skippedAt: null, suppressed: false, completedAt: null },
    select: { id: true, version: { select: { items: { select: { id: true } } } } },
    orderBy: { opensAt: "asc" },
    take: 4,
  });
  const record = actionDefinition("result.record");
  for (const run of runs) {
    for (const item of run.version.items.slice(0, 3)) {
      const outcome = await runAction(record, { runId: run.id, itemId: item.id, outcome: "NOT_APPLICABLE", value: "", note: "Not in use on this server", expectedRevision: "0" }, as(operator));
      if (!outcome.ok) throw new Error(`Recording failed: ${JSON.stringify(outcome)}`);
    }
  }
  good = path.join(work, "good.db");
  await backupDatabase(databaseFile(), good, { force: false });
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe("the schema check on the untouched backup", () => {
  it("finds every object as the migrations make it, and measures how long that takes", async () => {
    const first = performance.now();
    const check = await checkDatabaseFileSchema(good, { complete: true, integrity: "full" });
    const firstMs = performance.now() - first;
    expect(check).toMatchObject({ ok: true });
    const again = performance.now();
    await checkDatabaseFileSchema(good, { complete: true, integrity: "full" });
    const againMs = performance.now() - again;
    const quick = performance.now();
    await checkDatabaseFileSchema(good, { complete: true });
    const quickMs = performance.now() - quick;
    console.log(
      `Schema check of the seeded backup (${statSync(good).size} bytes, ${check.ok ? check.objects : 0} objects): ` +
        `${firstMs.toFixed(1)} ms the first time (the reference built), ${againMs.toFixed(1)} ms with integrity_check, ${quickMs.toFixed(1)} ms without it.`,
    );
  });
});

describe("db restore refuses a backup whose schema is not the migrations'", () => {
  it("an extra trigger (one that makes a viewer an administrator at sign-in)", async () => {
    await expectRefused(
      variant("extra-trigger", (raw) => raw.exec(PROMOTE)),
      `The backup fails the schema check: The trigger "User_promote" on table "User" is not one the migrations create; a trigger runs with every write to its table and can change or copy rows.`,
    );
  });

  it("an extra table (filled with every e-mail and password hash)", async () => {
    await expectRefused(
      variant("extra-table", (raw) => raw.exec(`CREATE TABLE "Harvest" AS SELECT "email", "passwordHash" FROM "User"`)),
      `The backup fails the schema check: The table "Harvest" is not one the migrations create; Opsbook keeps nothing outside its own tables.`,
    );
  });

  it("an extra view", async () => {
    await expectRefused(
      variant("extra-view", (raw) => raw.exec(`CREATE VIEW "Admins" AS SELECT "email" FROM "User" WHERE "role" = 'ADMIN'`)),
      `The backup fails the schema check: The view "Admins" is not one the migrations create; a view can stand in for a table.`,
    );
  });

  it("AuditEvent replaced by a view that hides failed sign-ins", async () => {
    const text = await expectRefused(
      variant("audit-view", (raw) =>
        raw.exec(`ALTER TABLE "AuditEvent" RENAME TO "AuditEventStore"; CREATE VIEW "AuditEvent" AS SELECT * FROM "AuditEventStore" WHERE "action" NOT LIKE 'auth.%fail%';`),
      ),
      `The backup fails the schema check: "AuditEvent" is a view; the migrations create a table of that name.`,
    );
    expect(text).toMatch(/\(\d+ more differences besides\.\)$/);
  });

  it("a dropped guard trigger", async () => {
    await expectRefused(
      variant("dropped-guard", (raw) => raw.exec(`DROP TRIGGER "AuditEvent_no_delete"`)),
      `The backup fails the schema check: The trigger "AuditEvent_no_delete" on table "AuditEvent" is missing; migration ${GUARDS_MIGRATION} creates it.`,
    );
  });

  it("a guard trigger rewritten to never fire", async () => {
    await expectRefused(
      variant("disarmed-guard", (raw) =>
        raw.exec(`DROP TRIGGER "Result_no_update"; CREATE TRIGGER "Result_no_update" BEFORE UPDATE ON "Result" WHEN 0 BEGIN SELECT RAISE(ABORT, 'results are append-only'); END;`),
      ),
      `The backup fails the schema check: The trigger "Result_no_update" on table "Result" differs from the one migration ${GUARDS_MIGRATION} creates: found "…`,
    );
  });

  it("a column's type changed", async () => {
    await expectRefused(
      variant("column-type", (raw) => rebuildTable(raw, "Result", (sql) => sql.replace(`"outcome" TEXT NOT NULL`, `"outcome" INTEGER NOT NULL`))),
      `The backup fails the schema check: The table "Result" differs from the migrations: its column "outcome" has type INTEGER where the migrations give TEXT.`,
    );
  });

  it("a column's NOT NULL removed", async () => {
    await expectRefused(
      variant("column-notnull", (raw) => rebuildTable(raw, "User", (sql) => sql.replace(`"passwordHash" TEXT NOT NULL`, `"passwordHash" TEXT`))),
      `The backup fails the schema check: The table "User" differs from the migrations: its column "passwordHash" accepts NULL where the migrations make it NOT NULL.`,
    );
  });

  it("a column's default changed", async () => {
    await expectRefused(
      variant("column-default", (raw) => rebuildTable(raw, "User", (sql) => sql.replace(`"failedSignIns" INTEGER NOT NULL DEFAULT 0`, `"failedSignIns" INTEGER NOT NULL DEFAULT -1000`))),
      `The backup fails the schema check: The table "User" differs from the migrations: its column "failedSignIns" defaults to -1000 where the migrations give 0.`,
    );
  });

  it("a missing table", async () => {
    await expectRefused(
      variant("missing-table", (raw) => raw.exec(`DROP TABLE "Holiday"`)),
      `The backup fails the schema check: The table "Holiday" is missing; migration ${INIT_MIGRATION} creates it.`,
    );
  });

  it("a missing index", async () => {
    await expectRefused(
      variant("missing-index", (raw) => raw.exec(`DROP INDEX "AuditEvent_actorId_seq_idx"`)),
      `The backup fails the schema check: The index "AuditEvent_actorId_seq_idx" on table "AuditEvent" is missing; migration ${INIT_MIGRATION} creates it.`,
    );
  });

  it("a row naming a parent that does not exist (foreign-key violation)", async () => {
    await expectRefused(
      variant("foreign-key", (raw) =>
        raw.exec(`INSERT INTO "UserSession" ("id", "userId", "ip", "userAgent") VALUES ('orphan-session', 'no-such-user', '203.0.113.9', 'curl')`),
      ),
      `The backup fails the schema check: The UserSession row "orphan-session" names a User that does not exist (userId = "no-such-user"); the migrations declare that reference, and the portal fails on such a row.`,
    );
  });

  it("a migrations record that does not match the schema: a migration recorded as applied whose objects are missing", async () => {
    await expectRefused(
      variant("record-lies", (raw) => raw.exec(`DROP TABLE "UserSession"`)),
      `The backup fails the schema check: The table "UserSession" is missing; migration 20261125000000_sessions_and_lockout creates it.`,
    );
  });

  it("an older backup with a trigger slipped in is refused before its missing migrations run on it", async () => {
    const file = variant("older-with-trigger", (raw) => {
      for (const guard of ["AuditEvent_no_update", "AuditEvent_no_delete", "Result_no_update", "Result_no_delete", "ProcedureVersion_no_update", "ChecklistItem_no_update", "ProcedureTool_no_update"]) {
        raw.exec(`DROP TRIGGER "${guard}"`);
      }
      raw.exec(`DROP TABLE "ProcedureSearch"`);
      raw.prepare(`DELETE FROM "_prisma_migrations" WHERE migration_name = ?`).run(GUARDS_MIGRATION);
      raw.exec(PROMOTE);
    });
    await expectRefused(file, `The backup fails the schema check: The trigger "User_promote" on table "User" is not one the migrations create;`);
  });

  it("a file with a hot journal, whose uncommitted rows the file alone would show", async () => {
    // Made for real: a write transaction on a rollback-journal file, large enough that SQLite
    // writes changed pages into the file before commit; the file and its journal are copied while
    // the transaction is still open, as a file-level copy of a busy database would catch them.
    const source = variant("journal-source", () => {});
    const copy = path.join(work, "hot-journal.db");
    const writer = new Database(source);
    writer.pragma("journal_mode = DELETE");
    writer.pragma("cache_size = 10");
    writer.exec("BEGIN IMMEDIATE");
    writer.exec(`UPDATE "User" SET "role" = 'ADMIN'`);
    const someone = (writer.prepare(`SELECT "id" FROM "User" LIMIT 1`).get() as { id: string }).id;
    const session = writer.prepare(`INSERT INTO "UserSession" ("id", "userId", "ip", "userAgent") VALUES (?, ?, '198.51.100.1', ?)`);
    for (let i = 0; i < 600; i++) session.run(`filler-${i}`, someone, "x".repeat(2000));
    copyFileSync(source, copy);
    copyFileSync(`${source}-journal`, `${copy}-journal`);
    writer.exec("ROLLBACK");
    writer.close();
    expect(statSync(`${copy}-journal`).size).toBeGreaterThan(0);

    // What a restore that copied the file alone would have put in place: pages of a transaction
    // that never committed (or a file SQLite cannot even read), not the committed database.
    const alone = path.join(work, "hot-journal-alone.db");
    copyFileSync(copy, alone);
    let uncommitted: number | null = null;
    let unreadable = "";
    try {
      const peek = new Database(alone, { readonly: true });
      const admins = (peek.prepare(`SELECT count(*) AS n FROM "User" WHERE "role" = 'ADMIN'`).get() as { n: number }).n;
      const sessions = (peek.prepare(`SELECT count(*) AS n FROM "UserSession" WHERE "id" LIKE 'filler-%'`).get() as { n: number }).n;
      peek.close();
      uncommitted = admins + sessions;
    } catch (error) {
      unreadable = String(error);
    }
    if (uncommitted !== null) expect(uncommitted).toBeGreaterThan(0);
    const seen = uncommitted !== null ? `${uncommitted} rows changed by a transaction that never committed` : `an unreadable database (${unreadable})`;
    rmSync(alone);
    console.log(`The file without its journal shows ${seen}.`);

    await expectRefused(copy, `${copy} has a rollback journal beside it (${copy}-journal): a write to it was under way or interrupted, so the file alone holds changes that were never committed.`);
  });

  it("a file with a write-ahead log beside it", async () => {
    const source = variant("wal-source", () => {});
    const copy = path.join(work, "with-wal.db");
    const writer = new Database(source);
    writer.pragma("journal_mode = WAL");
    writer.exec(`UPDATE "User" SET "role" = 'ADMIN'`);
    copyFileSync(source, copy);
    copyFileSync(`${source}-wal`, `${copy}-wal`);
    writer.close();
    await expectRefused(copy, `${copy} has a write-ahead log beside it (${copy}-wal): it is in use or was not closed cleanly.`);
  });

  it("a sparse file of 4 GiB whose header holds a few hundred pages, refused without being copied", async () => {
    const file = variant("sparse", () => {});
    const raw = new Database(file, { readonly: true });
    const pages = raw.pragma("page_count", { simple: true }) as number;
    const pageSize = raw.pragma("page_size", { simple: true }) as number;
    raw.close();
    truncateSync(file, 4 * 1024 ** 3);
    // Not hashed (4 GiB): the size and the first page stand for it.
    const at = target();
    const started = performance.now();
    const error = await restoreDatabase(file, at, { force: false }).catch((e: unknown) => e);
    const ms = performance.now() - started;
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toBe(
      `${file} is ${4 * 1024 ** 3} bytes, but its header says it holds ${pages} pages of ${pageSize} bytes (${pages * pageSize} bytes): it was extended or padded after SQLite wrote it.`,
    );
    console.log(`Sparse 4 GiB file refused in ${ms.toFixed(1)} ms.`);
    expect(existsSync(path.dirname(at))).toBe(false);
    expect(readdirSync(work).filter((name) => name.includes("restoring"))).toEqual([]);
    expect(statSync(file).size).toBe(4 * 1024 ** 3);
    rmSync(file);
  });

  it("a file cut short", async () => {
    const file = variant("cut", () => {});
    truncateSync(file, statSync(file).size - 4096);
    await expectRefused(file, "it was cut short after SQLite wrote it.");
  });

  it("while the untouched backup still restores, and the restored database passes the check", async () => {
    const at = target();
    const report = await restoreDatabase(good, at, { force: false });
    expect(report.file).toBe(at);
    expect(readdirSync(path.dirname(at))).toEqual(["opsbook.db"]);
    expect(await checkDatabaseFileSchema(at, { complete: true, integrity: "full" })).toMatchObject({ ok: true });
  });
});

describe("audit verify on a live database changed outside Opsbook", () => {
  async function verify(change: (raw: Database.Database) => void) {
    const file = variant(`live-${++cases}`, change);
    const client = createClient(file);
    try {
      const check = await checkAuditTrail(client);
      if (check.ok) return { check, sentences: [] as string[] };
      return { check, sentences: check.problems.map((p) => describeProblem(p, check.verified)) };
    } finally {
      await client.$disconnect();
    }
  }

  it("passes the untouched database and counts the objects it compared", async () => {
    const { check } = await verify(() => {});
    expect(check).toMatchObject({ ok: true });
    if (check.ok) expect(check.schema).toBeGreaterThan(100);
  });

  it("names an extra table, view or changed column in the schema part", async () => {
    const table = await verify((raw) => raw.exec(`CREATE TABLE "Harvest" AS SELECT "email", "passwordHash" FROM "User"`));
    expect(table.check.ok).toBe(false);
    expect(table.sentences).toEqual([
      `Database schema DIFFERS from the migrations: The table "Harvest" is not one the migrations create; Opsbook keeps nothing outside its own tables.`,
    ]);

    const view = await verify((raw) => raw.exec(`CREATE VIEW "Admins" AS SELECT "email" FROM "User" WHERE "role" = 'ADMIN'`));
    expect(view.sentences).toEqual([`Database schema DIFFERS from the migrations: The view "Admins" is not one the migrations create; a view can stand in for a table.`]);

    const column = await verify((raw) => rebuildTable(raw, "Result", (sql) => sql.replace(`"outcome" TEXT NOT NULL`, `"outcome" INTEGER NOT NULL`)));
    expect(column.sentences).toEqual([
      `Database schema DIFFERS from the migrations: The table "Result" differs from the migrations: its column "outcome" has type INTEGER where the migrations give TEXT.`,
    ]);
  });

  it("names an extra trigger in the guard part (with the migration's wording), not twice", async () => {
    const { sentences } = await verify((raw) => raw.exec(PROMOTE));
    expect(sentences).toEqual([`Database guard UNEXPECTED: The trigger "User_promote" on table "User" was not created by any migration; a trigger can change rows as they are written.`]);
  });

  it("names AuditEvent replaced by a view first, and the guards it took along", async () => {
    const { check, sentences } = await verify((raw) =>
      raw.exec(`ALTER TABLE "AuditEvent" RENAME TO "AuditEventStore"; CREATE VIEW "AuditEvent" AS SELECT * FROM "AuditEventStore" WHERE "action" NOT LIKE 'auth.%fail%';`),
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems[0]!.part).toBe("schema");
    expect(sentences[0]).toBe(`Database schema DIFFERS from the migrations: "AuditEvent" is a view; the migrations create a table of that name.`);
    expect(check.problems.map((p) => p.part)).toContain("triggers");
  });

  it("names a row whose parent is missing when the evidence agrees with the trail", async () => {
    const { sentences } = await verify((raw) =>
      raw.exec(`INSERT INTO "UserSession" ("id", "userId", "ip", "userAgent") VALUES ('orphan-session', 'no-such-user', '203.0.113.9', 'curl')`),
    );
    expect(sentences).toEqual([
      `Database schema DIFFERS from the migrations: The UserSession row "orphan-session" names a User that does not exist (userId = "no-such-user"); the migrations declare that reference, and the portal fails on such a row.`,
    ]);
  });
});

describe("random schema changes (property)", () => {
  type Mutation =
    | { kind: "addColumn"; table: number; type: string }
    | { kind: "dropColumn"; table: number; column: number }
    | { kind: "changeType"; table: number; column: number; type: number }
    | { kind: "addTrigger"; table: number }
    | { kind: "dropTrigger"; trigger: number }
    | { kind: "addIndex"; table: number; column: number; unique: boolean }
    | { kind: "dropIndex"; index: number }
    | { kind: "addView"; table: number }
    | { kind: "dropTable"; table: number };

  const TYPES = ["TEXT", "INTEGER", "REAL", "BLOB", "NUMERIC", "DATETIME", "BOOLEAN"];

  it("refuses every mutated copy and accepts the unmutated one", async () => {
    const image = new Database(good, { readonly: true }).serialize();
    const base = new Database(image);
    const tables = (base.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'ProcedureSearch%' AND name <> '_prisma_migrations' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    const columns = new Map(tables.map((t) => [t, (base.pragma(`table_xinfo("${t}")`) as { name: string; type: string }[]).map((c) => c)]));
    const triggers = (base.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    const indexes = (base.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    expect(await checkSchema(sqliteReader(base), { complete: true })).toMatchObject({ ok: true });
    base.close();

    const index = (n: number) => fc.nat({ max: n - 1 });
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.record({ kind: fc.constant("addColumn" as const), table: index(tables.length), type: fc.constantFrom(...TYPES) }),
      fc.record({ kind: fc.constant("dropColumn" as const), table: index(tables.length), column: fc.nat(30) }),
      fc.record({ kind: fc.constant("changeType" as const), table: index(tables.length), column: fc.nat(30), type: index(TYPES.length) }),
      fc.record({ kind: fc.constant("addTrigger" as const), table: index(tables.length) }),
      fc.record({ kind: fc.constant("dropTrigger" as const), trigger: index(triggers.length) }),
      fc.record({ kind: fc.constant("addIndex" as const), table: index(tables.length), column: fc.nat(30), unique: fc.boolean() }),
      fc.record({ kind: fc.constant("dropIndex" as const), index: index(indexes.length) }),
      fc.record({ kind: fc.constant("addView" as const), table: index(tables.length) }),
      fc.record({ kind: fc.constant("dropTable" as const), table: index(tables.length) }),
    );

    /** Applies one mutation; false when SQLite refuses it (a column that cannot be dropped, an object already gone). */
    function apply(raw: Database.Database, m: Mutation, n: number): boolean {
      const table = "table" in m ? tables[m.table]! : "";
      const cols = columns.get(table) ?? [];
      const column = "column" in m ? cols[m.column % Math.max(cols.length, 1)] : undefined;
      try {
        switch (m.kind) {
          case "addColumn":
            raw.exec(`ALTER TABLE "${table}" ADD COLUMN "fuzz_${n}" ${m.type}`);
            return true;
          case "dropColumn":
            if (!column) return false;
            raw.exec(`ALTER TABLE "${table}" DROP COLUMN "${column.name}"`);
            return true;
          case "changeType": {
            const now = (raw.pragma(`table_xinfo("${table}")`) as { name: string; type: string }[]).find((c) => c.name === column?.name);
            const type = TYPES[m.type]!;
            if (!now || now.type === type) return false;
            rebuildTable(raw, table, (sql) => sql.replace(`"${now.name}" ${now.type}`, `"${now.name}" ${type}`));
            return true;
          }
          case "addTrigger":
            raw.exec(`CREATE TRIGGER "fuzz_${n}" AFTER INSERT ON "${table}" BEGIN SELECT 1; END;`);
            return true;
          case "dropTrigger":
            raw.exec(`DROP TRIGGER "${triggers[m.trigger]!}"`);
            return true;
          case "addIndex":
            if (!column) return false;
            raw.exec(`CREATE ${m.unique ? "UNIQUE " : ""}INDEX "fuzz_${n}" ON "${table}" ("${column.name}")`);
            return true;
          case "dropIndex":
            raw.exec(`DROP INDEX "${indexes[m.index]!}"`);
            return true;
          case "addView":
            raw.exec(`CREATE VIEW "fuzz_${n}" AS SELECT * FROM "${table}"`);
            return true;
          case "dropTable":
            raw.exec(`DROP TABLE "${table}"`);
            return true;
        }
      } catch {
        return false;
      }
    }

    let applied = 0;
    let refusedRuns = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const raw = new Database(image);
        try {
          raw.pragma("foreign_keys = OFF");
          const done = mutations.map((m, i) => apply(raw, m, i)).filter(Boolean).length;
          fc.pre(done > 0);
          applied += done;
          const check = await checkSchema(sqliteReader(raw), { complete: true, foreignKeys: false });
          expect(check.ok, `mutations ${JSON.stringify(mutations)} passed the check`).toBe(false);
          refusedRuns++;
        } finally {
          raw.close();
        }
      }),
      { numRuns: 150 },
    );
    console.log(`Schema fuzz: ${refusedRuns} mutated copies (${applied} mutations applied) all refused.`);
  }, 120_000);
});
