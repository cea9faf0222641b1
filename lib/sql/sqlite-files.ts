// The SQLite side of backup and restore: which files make up one database, the online copy, and
// the checks run on a copy before anything depends on it. The steps that do not depend on the
// dialect (temporary names, renames, the audit check) are in lib/maintenance/backup.ts.
import { closeSync, existsSync, openSync, readSync, statSync } from "node:fs";
import Database from "better-sqlite3";
import { BUSY_ERROR_PATTERN, BUSY_TIMEOUT_MS } from "./sqlite";

const HEADER = Buffer.from("SQLite format 3\0", "latin1");

/** The first 100 bytes of a SQLite file (its header), or null when the file is shorter or not SQLite. */
export function readSqliteHeader(file: string): Buffer | null {
  const header = Buffer.alloc(100);
  const fd = openSync(file, "r");
  let read: number;
  try {
    read = readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return read === header.length && header.subarray(0, HEADER.length).equals(HEADER) ? header : null;
}

/** The files of one database: the file itself and, in WAL mode, its log and shared-memory index. */
export function databaseFiles(file: string): string[] {
  return [file, `${file}-wal`, `${file}-shm`];
}

function size(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}

/** Whether a database with content lives at this path (the file, or a log not yet folded into it). */
export function databaseHasContent(file: string): boolean {
  return size(file) > 0 || size(`${file}-wal`) > 0;
}

/**
 * Why a file someone names as a backup cannot be one, or null. A backup is a single closed file; a
 * log beside it means a connection still writes to it or it was not closed cleanly, and copying
 * the file alone would lose what the log holds.
 */
export function backupFileProblem(file: string): string | null {
  if (readSqliteHeader(file) === null) return "is not a SQLite database";
  if (size(`${file}-wal`) > 0) return `has a write-ahead log beside it (${file}-wal): it is in use or was not closed cleanly`;
  return null;
}

function open(file: string): Database.Database {
  return new Database(file, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
}

/**
 * Copies a database that may be in use to a new file with SQLite's online backup API. All pages
 * are copied in one step, inside one read transaction: in WAL mode writers go on committing while
 * it runs, and the copy is the database as of the step's start. Copying in several steps would
 * start over whenever another process commits between two of them, and might never finish on a
 * busy portal.
 */
export async function copyDatabaseOnline(source: string, destination: string): Promise<void> {
  if (existsSync(destination)) throw new Error(`${destination} already exists`);
  const db = open(source);
  try {
    await db.backup(destination, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
}

export interface DatabaseFileCheck {
  /** What PRAGMA integrity_check found; empty when the file is sound. */
  problems: string[];
  /** Migrations recorded as applied, or null when the file has no migrations table. */
  migrations: string[] | null;
}

/** Checks a database file that nothing else has open: integrity, and which migrations it has. */
export function checkDatabaseFile(file: string): DatabaseFileCheck {
  let db: Database.Database | undefined;
  try {
    db = open(file);
    const rows = db.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[];
    // The first finding starts with a "*** in database main ***" line.
    const problems = rows.map((r) => r.integrity_check.replace(/^\*\*\* in database \S+ \*\*\*\n/, "")).filter((text) => text !== "ok");
    if (problems.length) return { problems, migrations: null };
    const table = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = '_prisma_migrations'`).get();
    if (!table) return { problems, migrations: null };
    const applied = db
      .prepare(`SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`)
      .all() as { name: string }[];
    return { problems, migrations: applied.map((r) => r.name) };
  } catch (error) {
    // "file is not a database", "database disk image is malformed" and the like.
    return { problems: [error instanceof Error ? error.message : String(error)], migrations: null };
  } finally {
    db?.close();
  }
}

/**
 * Whether another process has the database open, as a running portal does: its connection stays
 * open in WAL mode, and leaving WAL mode needs the only connection. When nobody else has it open,
 * the probe leaves the file in rollback-journal mode with its log folded in (the data is the same;
 * the portal switches back to WAL when it opens it). A file SQLite cannot read counts as not in use.
 */
export function databaseInUse(file: string): boolean {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 1_000 });
  } catch {
    return false;
  }
  try {
    return db.pragma("journal_mode = DELETE", { simple: true }) === "wal";
  } catch (error) {
    return BUSY_ERROR_PATTERN.test(error instanceof Error ? error.message : String(error));
  } finally {
    db.close();
  }
}

/**
 * Leaves a database that nothing else has open as one self-contained file: the log is folded in
 * and removed, so the file can be renamed, copied or kept on its own. The portal switches it back
 * to WAL when it opens it.
 */
export function closeAsSingleFile(file: string): void {
  const db = open(file);
  try {
    const mode = db.pragma("journal_mode = DELETE", { simple: true });
    if (mode !== "delete") throw new Error(`${file} is still open elsewhere (journal mode stays ${String(mode)})`);
  } finally {
    db.close();
  }
}
