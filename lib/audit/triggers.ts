// The triggers that keep evidence append-only (audit events, results) and published versions
// immutable. With one of them dropped, rows can be edited in place, so `audit verify` checks that
// the database still has every trigger its migrations created, word for word.
//
// The expected set is read from the migrations this installation ships, not from the database's own
// record of them (which whoever dropped a trigger could edit too). The dialect is the one the
// migrations folder is locked to (migration_lock.toml); each dialect reads its triggers its own way.
import "server-only";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Db } from "@/lib/db";

export interface TriggerDefinition {
  name: string;
  table: string;
  /** The CREATE TRIGGER statement, without its final semicolon. */
  sql: string;
}

export interface ExpectedTrigger extends TriggerDefinition {
  /** The migration folder that creates it. */
  migration: string;
}

export type TriggerFinding =
  | { kind: "missing"; trigger: string; table: string; migration: string; sentence: string }
  | { kind: "changed"; trigger: string; table: string; migration: string; sentence: string }
  | { kind: "unexpected"; trigger: string; table: string; sentence: string };

export type Dialect = "sqlite";

export function migrationsDirectory(): string {
  return path.resolve(process.cwd(), "prisma", "migrations");
}

/** The provider the migrations folder is locked to. */
export function migrationsDialect(dir: string = migrationsDirectory()): Dialect {
  const lock = readFileSync(path.join(dir, "migration_lock.toml"), "utf8");
  const provider = /^\s*provider\s*=\s*"([^"]+)"/m.exec(lock)?.[1];
  if (provider === "sqlite") return provider;
  throw new Error(`The migrations in ${dir} are for "${provider ?? "an unknown provider"}", whose triggers audit verify cannot read yet.`);
}

/** Whitespace differences are not differences. */
function normalise(sql: string): string {
  return sql.replace(/\s+/g, " ").trim();
}

const IDENTIFIER = String.raw`(?:"([^"]+)"|([A-Za-z_][A-Za-z0-9_]*))`;
// The migrations' trigger bodies are single statements between BEGIN and END, so the first END
// followed by a semicolon closes the statement. A body with CASE … END would need a real parser.
const CREATE_TRIGGER = new RegExp(
  String.raw`CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?${IDENTIFIER}[\s\S]*?\bON\s+${IDENTIFIER}[\s\S]*?\bEND\b(?=\s*;)`,
  "gi",
);
const DROP_TRIGGER = new RegExp(String.raw`DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?${IDENTIFIER}`, "gi");

/** Drops whole-line SQL comments, so a commented-out statement is not read as one. */
function withoutComments(sql: string): string {
  return sql.replace(/^[ \t]*--[^\n]*$/gm, "");
}

/**
 * Replays the CREATE TRIGGER and DROP TRIGGER statements of the migration scripts, in order, and
 * returns the triggers they leave behind. Pure: takes the scripts, reads nothing.
 */
export function triggersFromMigrations(migrations: { name: string; sql: string }[]): Map<string, ExpectedTrigger> {
  const triggers = new Map<string, ExpectedTrigger>();
  for (const migration of [...migrations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const sql = withoutComments(migration.sql);
    const statements: { at: number; apply: () => void }[] = [];
    for (const match of sql.matchAll(CREATE_TRIGGER)) {
      const name = match[1] ?? match[2]!;
      const table = match[3] ?? match[4]!;
      statements.push({ at: match.index, apply: () => triggers.set(name, { name, table, sql: match[0], migration: migration.name }) });
    }
    for (const match of sql.matchAll(DROP_TRIGGER)) {
      const name = match[1] ?? match[2]!;
      statements.push({ at: match.index, apply: () => triggers.delete(name) });
    }
    for (const statement of statements.sort((a, b) => a.at - b.at)) statement.apply();
  }
  return triggers;
}

/** The shipped migration scripts, in the order Prisma applies them. */
export function readMigrationScripts(dir: string = migrationsDirectory()): { name: string; sql: string }[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(dir, name, "migration.sql"), "utf8") }));
}

/** The triggers the database has now. Raw SQL: Prisma has no API for the schema's triggers. */
export async function readDatabaseTriggers(db: Db, dialect: Dialect): Promise<TriggerDefinition[]> {
  switch (dialect) {
    case "sqlite": {
      // sqlite_master keeps each CREATE statement as it was written.
      const rows = await db.$queryRaw<{ name: string; table: string; sql: string | null }[]>`
        SELECT name, tbl_name AS "table", sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name`;
      return rows.map((row) => ({ name: row.name, table: row.table, sql: row.sql ?? "" }));
    }
    // PostgreSQL, later: SELECT tgname, tgrelid::regclass, pg_get_triggerdef(oid) FROM pg_trigger
    // WHERE NOT tgisinternal, compared with what that dialect's migrations create.
  }
}

/** Compares the triggers present with those expected; returns the first difference. Pure. */
export function compareTriggers(expected: Map<string, ExpectedTrigger>, present: TriggerDefinition[]): TriggerFinding | null {
  const byName = new Map(present.map((t) => [t.name, t]));
  for (const trigger of expected.values()) {
    const found = byName.get(trigger.name);
    if (!found) {
      return {
        kind: "missing",
        trigger: trigger.name,
        table: trigger.table,
        migration: trigger.migration,
        sentence: `The trigger "${trigger.name}" on table "${trigger.table}" is missing; migration ${trigger.migration} creates it, and without it rows of "${trigger.table}" can be changed in place.`,
      };
    }
    if (normalise(found.sql) !== normalise(trigger.sql)) {
      return {
        kind: "changed",
        trigger: trigger.name,
        table: found.table,
        migration: trigger.migration,
        sentence: `The trigger "${trigger.name}" on table "${found.table}" differs from the one migration ${trigger.migration} creates: found ${JSON.stringify(normalise(found.sql))}, expected ${JSON.stringify(normalise(trigger.sql))}.`,
      };
    }
  }
  for (const found of present) {
    if (!expected.has(found.name)) {
      return {
        kind: "unexpected",
        trigger: found.name,
        table: found.table,
        sentence: `The trigger "${found.name}" on table "${found.table}" was not created by any migration; a trigger can change rows as they are written.`,
      };
    }
  }
  return null;
}

/** Checks the database's triggers against the shipped migrations. */
export async function checkTriggers(db: Db, dir: string = migrationsDirectory()): Promise<{ ok: true; checked: number } | { ok: false; finding: TriggerFinding }> {
  const dialect = migrationsDialect(dir);
  const expected = triggersFromMigrations(readMigrationScripts(dir));
  const finding = compareTriggers(expected, await readDatabaseTriggers(db, dialect));
  return finding ? { ok: false, finding } : { ok: true, checked: expected.size };
}
