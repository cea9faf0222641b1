// Backing up and restoring the database (`npm run cli -- db backup|restore`, decision 015). A copy
// gets a temporary name beside its destination and takes the final name only once it has been
// checked, so a file under the final name is always complete.
import { randomBytes } from "node:crypto";
import { closeSync, constants, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { createClient } from "@/lib/db";
import { checkAuditTrail, type AuditProblem } from "@/lib/audit/check";
import type { AuditAnchor } from "@/lib/audit/verify";
import { migrationsDirectory } from "@/lib/audit/triggers";
import { applyMigrations } from "@/lib/maintenance/migrate";
import { checkDatabaseFileSchema, describeSchemaCheck, offeredFileProblem, type SchemaCheckOptions } from "@/lib/maintenance/schema-check";
import {
  backupFileProblem,
  checkDatabaseFile,
  closeAsSingleFile,
  copyDatabaseOnline,
  databaseFiles,
  databaseHasContent,
  databaseInUse,
} from "@/lib/sql";

/** A refusal or a failed check, explained in words meant for the operator. */
export class BackupError extends Error {}

export interface DatabaseSummary {
  file: string;
  bytes: number;
  runs: number;
  results: number;
  auditEvents: number;
  /** The newest audit event, null when the trail is empty. */
  anchor: AuditAnchor | null;
}

export interface RestoreReport extends DatabaseSummary {
  /** Migrations the backup lacked, applied during the restore. */
  migrationsApplied: string[];
  /** Where the database that was replaced now lives, when there was one. */
  keptAs: string | null;
}

function temporaryName(file: string, purpose: string): string {
  for (;;) {
    const candidate = `${file}.${randomBytes(4).toString("hex")}.${purpose}`;
    if (!databaseFiles(candidate).some((f) => existsSync(f))) return candidate;
  }
}

function removeDatabaseFiles(file: string): void {
  for (const f of databaseFiles(file)) rmSync(f, { force: true });
}

function fsyncFile(file: string): void {
  const fd = openSync(file, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename durable. Not every platform can sync a directory; there the rename stands as is. */
function fsyncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory for syncing.
  }
}

function samePath(a: string, b: string): boolean {
  return databaseFiles(path.resolve(a)).includes(path.resolve(b));
}

/** The migrations this version of Opsbook ships. */
function knownMigrations(): string[] {
  return readdirSync(migrationsDirectory(), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Integrity and the migrations table; returns the applied migrations. */
function checkFile(file: string, label: string): string[] {
  const check = checkDatabaseFile(file);
  if (check.problems.length) {
    const shown = check.problems.slice(0, 3).join("; ");
    throw new BackupError(`${label} fails the integrity check: ${shown}${check.problems.length > 3 ? ` (and ${check.problems.length - 3} more)` : ""}.`);
  }
  if (!check.migrations) throw new BackupError(`${label} has no _prisma_migrations table: it is not an Opsbook database.`);
  return check.migrations;
}

function backupProblem(label: string, problem: AuditProblem): string {
  switch (problem.part) {
    case "chain":
      return `${label} has a broken audit trail at event #${problem.badSeq}: ${problem.reason}.`;
    case "anchor":
      return `${label} has a broken audit trail: ${problem.problem}.`;
    case "triggers":
      return `${label} fails the database guard check: ${problem.finding.sentence}`;
    case "evidence":
      return `${label} does not match its audit trail: ${problem.finding.sentence}`;
    case "schema":
      return `${label} fails the schema check: ${problem.finding.sentence}`;
  }
}

/**
 * The schema check (decision 029): every table, column, index, view and trigger exactly as the
 * migrations make them, the migrations table, and no row naming a missing parent.
 */
async function checkSchemaOf(file: string, label: string, options: SchemaCheckOptions): Promise<void> {
  const check = await checkDatabaseFileSchema(file, options);
  if (!check.ok) throw new BackupError(`${label} fails the schema check: ${describeSchemaCheck(check)}`);
}

/** The size check on a file SQLite wrote and nothing holds open (a copy about to be renamed). */
function checkSize(file: string, label: string): void {
  const problem = offeredFileProblem(file);
  if (problem) throw new BackupError(`${label} ${problem}.`);
}

/**
 * Runs the same check as `audit verify` on a database file (chain, guard triggers, evidence against
 * the trail) and counts what it holds.
 */
async function summarise(file: string, label: string): Promise<Omit<DatabaseSummary, "bytes">> {
  const db = createClient(file);
  try {
    const check = await checkAuditTrail(db, { migrations: migrationsDirectory() });
    if (!check.ok) throw new BackupError(check.problems.map((problem) => backupProblem(label, problem)).join(" "));
    const [runs, results] = await Promise.all([db.run.count(), db.result.count()]);
    return { file, runs, results, auditEvents: check.events, anchor: check.head };
  } finally {
    await db.$disconnect();
  }
}

/**
 * Copies the database at `source` to `destination` while the portal may keep writing, checks the
 * copy (integrity, migrations table, audit chain) and only then gives it the destination's name.
 */
export async function backupDatabase(source: string, destination: string, options: { force: boolean }): Promise<DatabaseSummary> {
  source = path.resolve(source);
  destination = path.resolve(destination);
  if (!databaseHasContent(source)) throw new BackupError(`There is no database at ${source}.`);
  if (samePath(source, destination)) throw new BackupError(`${destination} is the database itself; name a file elsewhere.`);
  if (existsSync(destination) && !options.force) {
    throw new BackupError(`${destination} already exists. Choose another name, or add --force to replace it.`);
  }
  const dir = path.dirname(destination);
  if (!existsSync(dir)) throw new BackupError(`The folder ${dir} does not exist.`);

  const partial = temporaryName(destination, "partial");
  try {
    await copyDatabaseOnline(source, partial);
    checkFile(partial, "The copy");
    await checkSchemaOf(partial, "The copy", { complete: true });
    const summary = await summarise(partial, "The copy");
    closeAsSingleFile(partial);
    checkSize(partial, "The copy");
    fsyncFile(partial);
    // A log left beside the file being replaced must never be read together with the new one.
    for (const f of databaseFiles(destination).slice(1)) rmSync(f, { force: true });
    renameSync(partial, destination);
    fsyncDirectory(dir);
    return { ...summary, file: destination, bytes: statSync(destination).size };
  } catch (error) {
    removeDatabaseFiles(partial);
    throw error;
  }
}

/** Moves a database's files to `<file>.before-restore-<time>` (with -wal/-shm suffixes); returns the new name. */
function moveAside(file: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  let aside = `${file}.before-restore-${stamp}`;
  for (let n = 2; databaseFiles(aside).some((f) => existsSync(f)); n++) aside = `${file}.before-restore-${stamp}-${n}`;
  const [main, ...logs] = databaseFiles(file);
  const [asideMain, ...asideLogs] = databaseFiles(aside);
  // The logs first: a main file must never sit beside a log that is not its own.
  logs.forEach((f, i) => existsSync(f) && renameSync(f, asideLogs[i]!));
  if (existsSync(main!)) renameSync(main!, asideMain!);
  return aside;
}

/** Undoes moveAside after a failed restore. */
function moveBack(aside: string, file: string): void {
  const [main, ...logs] = databaseFiles(file);
  const [asideMain, ...asideLogs] = databaseFiles(aside);
  if (existsSync(asideMain!)) renameSync(asideMain!, main!);
  asideLogs.forEach((f, i) => existsSync(f) && renameSync(f, logs[i]!));
}

/**
 * Puts the backup `backupFile` in place of the database at `target`. The backup is copied beside
 * the target, checked, brought up to the current schema and verified there; only then is the
 * target replaced (its files moved aside with `force`). The backup file itself is only read.
 * Nothing may have the target open: the portal must be stopped, which is checked as far as SQLite
 * can tell.
 */
export async function restoreDatabase(backupFile: string, target: string, options: { force: boolean }): Promise<RestoreReport> {
  const backup = path.resolve(backupFile);
  target = path.resolve(target);
  if (!existsSync(backup)) throw new BackupError(`There is no file at ${backup}.`);
  if (!statSync(backup).isFile()) throw new BackupError(`${backup} is not a file.`);
  if (samePath(target, backup)) throw new BackupError(`${backup} is the database itself; name a backup file.`);
  // Judged from the header and the files beside it, before a byte is copied: a sparse file claiming
  // gigabytes is refused without being read.
  const problem = backupFileProblem(backup) ?? offeredFileProblem(backup);
  if (problem) throw new BackupError(`${backup} ${problem}.`);
  const occupied = databaseHasContent(target);
  if (occupied && !options.force) {
    throw new BackupError(
      `${target} already holds a database. Stop the portal and add --force to replace it; its files are then kept as ${path.basename(target)}.before-restore-<time>.`,
    );
  }
  const refuseIfInUse = () => {
    if (occupied && databaseInUse(target)) throw new BackupError(`${target} is open in another process (is the portal running?). Stop it first.`);
  };
  refuseIfInUse();

  const dir = path.dirname(target);
  const createdDir = mkdirSync(dir, { recursive: true });
  const restoring = temporaryName(target, "restoring");
  try {
    copyFileSync(backup, restoring, constants.COPYFILE_EXCL);
    // The copy again: the backup may have changed between the look above and the copy.
    checkSize(restoring, "The backup");
    const applied = checkFile(restoring, "The backup");
    const known = knownMigrations();
    const unknown = applied.filter((name) => !known.includes(name));
    if (unknown.length) {
      throw new BackupError(`The backup was made by a newer version of Opsbook (migration ${unknown.join(", ")} is unknown here). Update this installation first.`);
    }
    // Compared with what its own migrations make before anything runs on it: the migrations still
    // to apply write rows, and a trigger slipped into the backup would run with them.
    await checkSchemaOf(restoring, "The backup", { complete: false });
    const pending = known.filter((name) => !applied.includes(name));
    if (pending.length) {
      try {
        applyMigrations(`file:${restoring}`);
      } catch (error) {
        throw new BackupError(`Bringing the backup up to date failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      await checkSchemaOf(restoring, "The backup, brought up to date,", { complete: true });
    }
    const summary = await summarise(restoring, "The backup");
    closeAsSingleFile(restoring);
    fsyncFile(restoring);

    refuseIfInUse();
    const keptAs = occupied ? moveAside(target) : null;
    try {
      // An empty file or empty logs at the target (left by an earlier attempt) are not kept.
      if (!occupied) removeDatabaseFiles(target);
      renameSync(restoring, target);
    } catch (error) {
      if (keptAs) moveBack(keptAs, target);
      throw error;
    }
    fsyncDirectory(dir);
    return { ...summary, file: target, bytes: statSync(target).size, migrationsApplied: pending, keptAs };
  } catch (error) {
    removeDatabaseFiles(restoring);
    if (createdDir) rmSync(createdDir, { recursive: true, force: true });
    throw error;
  }
}
