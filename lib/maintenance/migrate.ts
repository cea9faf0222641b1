// Applies the committed migrations with Prisma's own migrator (JavaScript schema engine, offline).
import { spawnSync } from "node:child_process";
import path from "node:path";

export function applyMigrations(databaseUrl: string): void {
  const prisma = path.resolve(process.cwd(), "node_modules", ".bin", process.platform === "win32" ? "prisma.cmd" : "prisma");
  const result = spawnSync(prisma, ["migrate", "deploy"], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`Database migration failed:\n${result.stdout}\n${result.stderr}`);
  }
}
