// The schema check (decision 029): a database is Opsbook's only if its schema is exactly what the
// shipped migrations produce. Every table (column by column), index, view and trigger is compared
// with a reference database built by applying the migrations to an empty in-memory database; any
// object added, missing or different is named. Beside the schema: the migrations bookkeeping, the
// rows' foreign keys and, for a file offered as a backup, its journal and its size.
//
// SQLite-specific throughout (sqlite_master, PRAGMA table_xinfo, foreign_key_check, the file
// header); a PostgreSQL twin would compare information_schema and pg_catalog the same way.
import { existsSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { readSqliteHeader } from "@/lib/sql/sqlite-files";
import { migrationsDirectory, readMigrationScripts } from "@/lib/audit/triggers";

/** What kind of object sqlite_master holds. */
export type SchemaObjectType = "table" | "index" | "view" | "trigger";

export interface SchemaFinding {
  /**
   * unexpected: an object no migration creates; missing: one the migrations create is absent;
   * changed: present with another kind or definition; migrations: the bookkeeping; foreign-key: a
   * row naming a parent that does not exist; integrity: SQLite's own check of the file.
   */
  kind: "unexpected" | "missing" | "changed" | "migrations" | "foreign-key" | "integrity";
  /** The object concerned, for the schema kinds. */
  object?: { type: string; name: string; table: string };
  /** One sentence for the operator, on one line. */
  sentence: string;
}

export type SchemaCheck =
  | { ok: true; objects: number; migrations: string[] }
  | { ok: false; finding: SchemaFinding; findings: SchemaFinding[] };

/** Reads rows; one implementation for a better-sqlite3 connection, one for the Prisma client. */
export interface SchemaReader {
  all(sql: string, ...params: unknown[]): Promise<Record<string, unknown>[]>;
}

export function sqliteReader(db: Database.Database): SchemaReader {
  return { all: async (sql, ...params) => db.prepare(sql).all(...params) as Record<string, unknown>[] };
}

/** Prisma's raw query, as the audit check uses it (the Db type is not imported to keep this module light). */
export function prismaReader(db: { $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> }): SchemaReader {
  return { all: (sql, ...params) => db.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...params) };
}

/** The Prisma migrations table: bookkeeping, compared on its own rather than as part of the schema. */
export const MIGRATIONS_TABLE = "_prisma_migrations";
const MIGRATIONS_COLUMNS = ["id", "checksum", "finished_at", "migration_name", "logs", "rolled_back_at", "started_at", "applied_steps_count"];

/**
 * SQLite's own objects, present or not depending on what was done to the file (AUTOINCREMENT keeps
 * counters in sqlite_sequence; ANALYZE writes sqlite_stat*). Neither holds anything SQLite runs.
 * The migrations table and the index SQLite makes for its primary key are bookkeeping.
 */
function ignored(entry: { type: string; name: string; tbl_name: string }): boolean {
  if (entry.type === "table" && (entry.name === "sqlite_sequence" || /^sqlite_stat[1-4]$/.test(entry.name))) return true;
  if (entry.type === "table" && entry.name === MIGRATIONS_TABLE) return true;
  return entry.type === "index" && entry.tbl_name === MIGRATIONS_TABLE && entry.name === `sqlite_autoindex_${MIGRATIONS_TABLE}_1`;
}

interface Column {
  name: string;
  type: string;
  notnull: boolean;
  default: string | null;
  pk: number;
  hidden: number;
}

interface SchemaObject {
  type: string;
  name: string;
  table: string;
  /** The CREATE statement, whitespace collapsed; null for the indexes SQLite makes itself. */
  sql: string | null;
  /** Tables only. */
  columns?: Column[];
  /** The migration that created it (reference objects only). */
  migration?: string;
}

/** Whitespace differences are not differences (the statement is kept as written, on one line). */
function normalise(sql: string | null): string | null {
  return sql === null ? null : sql.replace(/\s+/g, " ").trim();
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const ORDER: Record<string, number> = { table: 0, view: 1, index: 2, trigger: 3 };

async function readColumns(reader: SchemaReader, table: string): Promise<Column[]> {
  const rows = await reader.all(`SELECT "name", "type", "notnull", "dflt_value", "pk", "hidden" FROM pragma_table_xinfo(?) ORDER BY "cid"`, table);
  return rows.map((row) => ({
    name: String(row.name),
    type: String(row.type ?? ""),
    notnull: Number(row.notnull) !== 0,
    default: row.dflt_value === null || row.dflt_value === undefined ? null : String(row.dflt_value),
    pk: Number(row.pk),
    hidden: Number(row.hidden),
  }));
}

/** Every object of the schema except SQLite's own and the bookkeeping, with the columns of each table. */
async function readSchema(reader: SchemaReader): Promise<SchemaObject[]> {
  const rows = (await reader.all(`SELECT "type", "name", "tbl_name", "sql" FROM sqlite_master ORDER BY "rowid"`)) as {
    type: string;
    name: string;
    tbl_name: string;
    sql: string | null;
  }[];
  const objects: SchemaObject[] = [];
  for (const row of rows) {
    if (ignored(row)) continue;
    const object: SchemaObject = { type: String(row.type), name: String(row.name), table: String(row.tbl_name), sql: normalise(row.sql === null ? null : String(row.sql)) };
    if (object.type === "table") object.columns = await readColumns(reader, object.name);
    objects.push(object);
  }
  return objects;
}

const referenceCache = new Map<string, Promise<SchemaObject[]>>();

/**
 * The schema the given migrations produce, built once per process and list of migrations: each
 * script is applied in order to an empty in-memory database, noting which migration first made
 * each object. Throws when a script does not apply (a list no installation could have produced).
 */
export function referenceSchema(migrations: string[], dir: string = migrationsDirectory()): Promise<SchemaObject[]> {
  const sorted = [...migrations].sort();
  const key = `${dir}\n${sorted.join("\n")}`;
  let cached = referenceCache.get(key);
  if (!cached) {
    cached = buildReference(sorted, dir);
    referenceCache.set(key, cached);
    cached.catch(() => referenceCache.delete(key));
  }
  return cached;
}

async function buildReference(migrations: string[], dir: string): Promise<SchemaObject[]> {
  const scripts = new Map(readMigrationScripts(dir).map((m) => [m.name, m.sql]));
  const db = new Database(":memory:");
  try {
    const createdBy = new Map<string, string>();
    for (const name of migrations) {
      const sql = scripts.get(name);
      if (sql === undefined) throw new Error(`migration ${name} is not one this installation ships`);
      db.exec(sql);
      for (const { name: object } of db.prepare(`SELECT "name" FROM sqlite_master`).all() as { name: string }[]) {
        if (!createdBy.has(object)) createdBy.set(object, name);
      }
    }
    const objects = await readSchema(sqliteReader(db));
    return objects.map((o) => ({ ...o, migration: createdBy.get(o.name) }));
  } finally {
    db.close();
  }
}

function describeObject(o: { type: string; name: string; table: string }): string {
  return o.type === "index" || o.type === "trigger" ? `The ${o.type} "${o.name}" on table "${o.table}"` : `The ${o.type} "${o.name}"`;
}

/** Where two statements part, as a short excerpt of each (the statements can be long). */
function firstDifference(found: string, expected: string): string {
  let at = 0;
  while (at < found.length && at < expected.length && found[at] === expected[at]) at++;
  const from = Math.max(0, at - 30);
  const excerpt = (s: string) => `${from > 0 ? "…" : ""}${s.slice(from, at + 50)}${s.length > at + 50 ? "…" : ""}`;
  return `found ${JSON.stringify(excerpt(found))}, the migrations give ${JSON.stringify(excerpt(expected))}`;
}

function columnDifference(found: Column[], expected: Column[]): string | null {
  const foundByName = new Map(found.map((c) => [c.name, c]));
  const expectedNames = new Set(expected.map((c) => c.name));
  for (const want of expected) {
    const have = foundByName.get(want.name);
    const column = `its column "${want.name}"`;
    if (!have) return `${column} is missing`;
    if (have.type !== want.type) return `${column} has type ${have.type || "(none)"} where the migrations give ${want.type || "(none)"}`;
    if (have.notnull !== want.notnull) {
      return have.notnull ? `${column} is NOT NULL where the migrations accept NULL` : `${column} accepts NULL where the migrations make it NOT NULL`;
    }
    if (have.default !== want.default) return `${column} defaults to ${have.default ?? "nothing"} where the migrations give ${want.default ?? "no default"}`;
    if (have.pk !== want.pk) {
      return have.pk ? `${column} is part of the primary key, which the migrations do not make it` : `${column} is not part of the primary key, as the migrations make it`;
    }
    if (have.hidden !== want.hidden) return `${column} is ${have.hidden ? "hidden or generated" : "an ordinary column"}, unlike the migrations'`;
  }
  const extra = found.find((c) => !expectedNames.has(c.name));
  if (extra) return `it has a column "${extra.name}" (${extra.type || "no type"}) that the migrations do not create`;
  if (found.map((c) => c.name).join("\n") !== expected.map((c) => c.name).join("\n")) {
    return `its columns are in another order (${found.map((c) => c.name).join(", ")})`;
  }
  return null;
}

/** Compares the objects present with the reference, object by object. Pure. */
export function compareSchema(expected: SchemaObject[], present: SchemaObject[]): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const presentByName = new Map(present.map((o) => [o.name, o]));
  const expectedNames = new Set(expected.map((o) => o.name));
  const ordered = [...expected].sort((a, b) => (ORDER[a.type] ?? 9) - (ORDER[b.type] ?? 9));
  for (const want of ordered) {
    const object = { type: want.type, name: want.name, table: want.table };
    const have = presentByName.get(want.name);
    const by = want.migration ? `migration ${want.migration}` : "the migrations";
    if (!have) {
      findings.push({ kind: "missing", object, sentence: `${describeObject(want)} is missing; ${by} creates it.` });
      continue;
    }
    if (have.type !== want.type) {
      findings.push({ kind: "changed", object, sentence: `"${want.name}" is ${have.type === "index" ? "an" : "a"} ${have.type}; the migrations create ${want.type === "index" ? "an" : "a"} ${want.type} of that name.` });
      continue;
    }
    if (have.table !== want.table) {
      findings.push({ kind: "changed", object, sentence: `${describeObject(have)} belongs to table "${have.table}"; ${by} puts it on "${want.table}".` });
      continue;
    }
    if (want.type === "table") {
      const columns = columnDifference(have.columns ?? [], want.columns ?? []);
      if (columns) {
        findings.push({ kind: "changed", object, sentence: `The table "${want.name}" differs from the migrations: ${columns}.` });
        continue;
      }
    }
    if (have.sql !== want.sql) {
      const detail = have.sql === null || want.sql === null ? `it is ${have.sql === null ? "one SQLite made" : "declared"} where the migrations' is ${want.sql === null ? "one SQLite made" : "declared"}` : firstDifference(have.sql, want.sql);
      findings.push({ kind: "changed", object, sentence: `${describeObject(want)} differs from the one ${by} creates: ${detail}.` });
    }
  }
  for (const have of present) {
    if (expectedNames.has(have.name)) continue;
    const why =
      have.type === "trigger"
        ? "; a trigger runs with every write to its table and can change or copy rows"
        : have.type === "view"
          ? "; a view can stand in for a table"
          : have.type === "table"
            ? "; Opsbook keeps nothing outside its own tables"
            : "";
    findings.push({ kind: "unexpected", object: { type: have.type, name: have.name, table: have.table }, sentence: `${describeObject(have)} is not one the migrations create${why}.` });
  }
  return findings;
}

interface Bookkeeping {
  applied: string[];
  findings: SchemaFinding[];
}

/** The migrations table: a table of Prisma's shape, every row finished, every name one this installation ships. */
async function checkMigrationsTable(reader: SchemaReader, known: string[], complete: boolean): Promise<Bookkeeping> {
  const entry = (await reader.all(`SELECT "type" FROM sqlite_master WHERE "name" = ?`, MIGRATIONS_TABLE))[0];
  if (!entry) return { applied: [], findings: [{ kind: "migrations", sentence: `It has no ${MIGRATIONS_TABLE} table: it is not an Opsbook database.` }] };
  if (entry.type !== "table") {
    return { applied: [], findings: [{ kind: "migrations", sentence: `"${MIGRATIONS_TABLE}" is a ${String(entry.type)}; Prisma keeps its record of the migrations in a table.` }] };
  }
  const columns = new Set((await readColumns(reader, MIGRATIONS_TABLE)).map((c) => c.name));
  const lacking = MIGRATIONS_COLUMNS.find((c) => !columns.has(c));
  if (lacking) return { applied: [], findings: [{ kind: "migrations", sentence: `The ${MIGRATIONS_TABLE} table has no column "${lacking}": it is not the table Prisma makes.` }] };
  const rows = (await reader.all(`SELECT "migration_name" AS "name", "finished_at" AS "finished", "rolled_back_at" AS "rolledBack" FROM "${MIGRATIONS_TABLE}" ORDER BY "migration_name"`)) as {
    name: unknown;
    finished: unknown;
    rolledBack: unknown;
  }[];
  const findings: SchemaFinding[] = [];
  const applied: string[] = [];
  for (const row of rows) {
    const name = String(row.name);
    if (row.rolledBack !== null && row.rolledBack !== undefined) continue;
    if (row.finished === null || row.finished === undefined) {
      findings.push({ kind: "migrations", sentence: `Migration ${name} was started but never finished; the schema is half-way between two versions.` });
    } else if (applied.includes(name)) {
      findings.push({ kind: "migrations", sentence: `Migration ${name} is recorded as applied twice.` });
    } else applied.push(name);
  }
  for (const name of applied) {
    if (!known.includes(name)) findings.push({ kind: "migrations", sentence: `Migration ${name} is recorded as applied, but this installation does not ship it (was the database made by a newer version of Opsbook?).` });
  }
  if (complete) {
    const pending = known.filter((name) => !applied.includes(name));
    if (pending.length) findings.push({ kind: "migrations", sentence: `Migration ${pending.join(", ")} is not applied.` });
  }
  return { applied, findings };
}

/** The first row that names a parent row which does not exist, as a sentence; null when there is none. */
export async function firstForeignKeyViolation(reader: SchemaReader): Promise<SchemaFinding | null> {
  const violation = (await reader.all(`SELECT "table", "rowid", "parent", "fkid" FROM pragma_foreign_key_check LIMIT 1`))[0];
  if (!violation) return null;
  const table = String(violation.table);
  const parent = String(violation.parent);
  const rowid = violation.rowid === null ? null : Number(violation.rowid);
  const links = (await reader.all(`SELECT "from", "to" FROM pragma_foreign_key_list(?) WHERE "id" = ? ORDER BY "seq"`, table, Number(violation.fkid))) as { from: unknown; to: unknown }[];
  const from = links.map((l) => String(l.from));
  let row = rowid === null ? `A row of table "${table}"` : `Row ${rowid} of table "${table}"`;
  let values = "";
  if (rowid !== null && from.length) {
    const hasId = (await readColumns(reader, table)).some((c) => c.name === "id");
    const selected = [...(hasId ? [`${quoteIdentifier("id")} AS "__id"`] : []), ...from.map((c, i) => `${quoteIdentifier(c)} AS "__v${i}"`)].join(", ");
    const found = (await reader.all(`SELECT ${selected} FROM ${quoteIdentifier(table)} WHERE rowid = ?`, rowid))[0];
    if (found) {
      if (hasId) row = `The ${table} row "${String(found.__id)}"`;
      values = ` (${from.map((c, i) => `${c} = ${JSON.stringify(found[`__v${i}`] ?? null)}`).join(", ")})`;
    }
  }
  return {
    kind: "foreign-key",
    object: { type: "table", name: table, table },
    sentence: `${row} names a ${parent} that does not exist${values}; the migrations declare that reference, and the portal fails on such a row.`,
  };
}

async function integrityProblem(reader: SchemaReader, mode: "full" | "quick"): Promise<SchemaFinding | null> {
  const rows = await reader.all(mode === "full" ? `PRAGMA integrity_check` : `PRAGMA quick_check`);
  const problems = rows.map((r) => String(Object.values(r)[0])).filter((text) => text !== "ok");
  if (!problems.length) return null;
  const shown = problems.slice(0, 3).map((p) => p.replace(/\s+/g, " ").replace(/^\*\*\* in database \S+ \*\*\* /, ""));
  return { kind: "integrity", sentence: `It fails SQLite's integrity check: ${shown.join("; ")}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ""}.` };
}

export interface SchemaCheckOptions {
  /** The migrations folder (default: the one this installation ships). */
  dir?: string;
  /**
   * Every shipped migration must be applied. False for an older backup before it is brought up to
   * date: it is then compared with what the migrations it records produce.
   */
  complete: boolean;
  /** PRAGMA foreign_key_check (default true). */
  foreignKeys?: boolean;
  /** SQLite's own check of the file first (default none). */
  integrity?: "full" | "quick" | "none";
}

/** The shipped migrations, in the order Prisma applies them. */
export function shippedMigrations(dir: string = migrationsDirectory()): string[] {
  return readMigrationScripts(dir).map((m) => m.name);
}

/**
 * The whole check on an open database: integrity (when asked), the bookkeeping, every schema object
 * against the reference, and the foreign keys. Findings come in that order; a file that fails the
 * integrity check or has no usable bookkeeping is not compared further, since nothing else can be
 * read from it reliably.
 */
export async function checkSchema(reader: SchemaReader, options: SchemaCheckOptions): Promise<SchemaCheck> {
  const dir = options.dir ?? migrationsDirectory();
  const findings: SchemaFinding[] = [];
  const done = (objects: number, migrations: string[]): SchemaCheck =>
    findings.length ? { ok: false, finding: findings[0]!, findings } : { ok: true, objects, migrations };
  try {
    if (options.integrity && options.integrity !== "none") {
      const problem = await integrityProblem(reader, options.integrity);
      if (problem) return { ok: false, finding: problem, findings: [problem] };
    }
    const known = shippedMigrations(dir);
    const bookkeeping = await checkMigrationsTable(reader, known, options.complete);
    findings.push(...bookkeeping.findings);
    const usable = bookkeeping.applied.filter((name) => known.includes(name));
    if (findings.length && (bookkeeping.applied.length === 0 || usable.length !== bookkeeping.applied.length)) return done(0, bookkeeping.applied);
    let expected: SchemaObject[];
    try {
      expected = await referenceSchema(usable, dir);
    } catch (error) {
      findings.push({ kind: "migrations", sentence: `The migrations it records (${usable.join(", ")}) do not apply in order on their own (${error instanceof Error ? error.message : String(error)}), so no installation made it.` });
      return done(0, usable);
    }
    const present = await readSchema(reader);
    findings.push(...compareSchema(expected, present));
    if (options.foreignKeys !== false) {
      const violation = await firstForeignKeyViolation(reader);
      if (violation) findings.push(violation);
    }
    return done(expected.length, usable);
  } catch (error) {
    // "malformed database schema", "file is not a database" and the like.
    const finding: SchemaFinding = { kind: "integrity", sentence: `SQLite cannot read it: ${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ")}.` };
    return { ok: false, finding, findings: [...findings, finding] };
  }
}

/**
 * Opens a database file only to read it: nothing in the file's schema (a view, a trigger) may call
 * a function with side effects, and no statement may write.
 */
function openForChecking(file: string): Database.Database {
  const db = new Database(file, { fileMustExist: true, timeout: 10_000 });
  try {
    db.pragma("trusted_schema = OFF");
    db.pragma("query_only = ON");
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The whole check on a database file (a backup being restored, a copy just made, the live database at start). */
export async function checkDatabaseFileSchema(file: string, options: SchemaCheckOptions): Promise<SchemaCheck> {
  let db: Database.Database;
  try {
    db = openForChecking(file);
  } catch (error) {
    const finding: SchemaFinding = { kind: "integrity", sentence: `SQLite cannot open it: ${error instanceof Error ? error.message : String(error)}.` };
    return { ok: false, finding, findings: [finding] };
  }
  try {
    return await checkSchema(sqliteReader(db), options);
  } finally {
    db.close();
  }
}

/** A failed check as one sentence: the first finding, and how many more there are. */
export function describeSchemaCheck(check: Extract<SchemaCheck, { ok: false }>): string {
  const more = check.findings.length - 1;
  return more > 0 ? `${check.finding.sentence} (${more} more difference${more === 1 ? "" : "s"} besides.)` : check.finding.sentence;
}

function fileSize(file: string): number | null {
  return existsSync(file) ? statSync(file).size : null;
}

/**
 * Why a file offered as a backup cannot be taken as it stands, judged from its size and the files
 * beside it without reading more than its first 100 bytes; null when there is no such reason.
 *
 * - A rollback journal with content beside it means a write transaction was open or interrupted:
 *   the file alone holds pages that were never committed, which SQLite would undo from the journal
 *   and a copy of the file alone would keep.
 * - A write-ahead log beside it means it is open in WAL mode or was not closed cleanly.
 * - SQLite writes the number of pages into the header. A file longer than that many pages was
 *   extended or padded (a sparse file can claim gigabytes it does not hold); one shorter was cut.
 */
export function offeredFileProblem(file: string): string | null {
  const journal = fileSize(`${file}-journal`);
  if (journal !== null && journal > 0) {
    return `has a rollback journal beside it (${file}-journal): a write to it was under way or interrupted, so the file alone holds changes that were never committed`;
  }
  if (fileSize(`${file}-wal`) !== null) return `has a write-ahead log beside it (${file}-wal): it is in use or was not closed cleanly`;
  const header = readSqliteHeader(file);
  if (header === null) return "is not a SQLite database";
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return `has a page size of ${rawPageSize} in its header, which SQLite never writes`;
  const changeCounter = header.readUInt32BE(24);
  const pages = header.readUInt32BE(28);
  const validFor = header.readUInt32BE(92);
  if (pages === 0 || changeCounter !== validFor) return "does not record its own size in its header (it was written by a SQLite older than 3.7 or altered)";
  const expected = pages * pageSize;
  const size = statSync(file).size;
  if (size !== expected) {
    return `is ${size} bytes, but its header says it holds ${pages} pages of ${pageSize} bytes (${expected} bytes): it was ${size > expected ? "extended or padded" : "cut short"} after SQLite wrote it`;
  }
  return null;
}
