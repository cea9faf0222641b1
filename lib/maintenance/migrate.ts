// Applies the committed migrations with Prisma's own migrator (JavaScript schema engine, offline).
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { databaseFile } from "../env";

/**
 * How Prisma's output says the file was locked: the migrator needs the database to itself, and its
 * driver adapter reports SQLITE_BUSY as a "SocketTimeout" the schema engine cannot name.
 */
const BUSY_OUTPUT = /SocketTimeout|SQLITE_BUSY|database is locked/;

export function applyMigrations(databaseUrl: string): void {
  // Migrating is what creates the database; Prisma's migrator does not make the folder it goes in.
  const file = databaseFile(databaseUrl);
  mkdirSync(path.dirname(file), { recursive: true });
  const prisma = path.resolve(process.cwd(), "node_modules", ".bin", process.platform === "win32" ? "prisma.cmd" : "prisma");
  const result = spawnSync(prisma, ["migrate", "deploy"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (result.status === 0) return;
  if (BUSY_OUTPUT.test(`${result.stdout}\n${result.stderr}`)) {
    throw new Error(
      `The database ${databaseFile(databaseUrl)} is open in another process (is the portal already running?), so its migrations could not be applied. Stop that process and try again.`,
    );
  }
  throw new Error(`Database migration failed:\n${result.stdout}\n${result.stderr}`);
}
