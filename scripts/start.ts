// `npm start`: everything a fresh clone needs to serve the portal on the embedded database.
// Applies migrations, seeds the library (idempotent), builds the app when the sources changed
// since the last build, then runs the production server in the foreground.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createClient } from "@/lib/db";
import { databaseFile, env } from "@/lib/env";
import { applyMigrations } from "@/lib/maintenance/migrate";
import { seedDatabase } from "@/lib/procedures/seed";

const root = process.cwd();
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const SOURCE_DIRS = ["app", "components", "lib", "prisma", "public", "types"];
const SOURCE_FILES = ["package-lock.json", "next.config.js", "postcss.config.mjs", "tsconfig.json", "proxy.ts"];
const STAMP = path.join(root, ".next", "opsbook-source-hash");

function walk(dir: string, out: string[]): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "generated" || entry.name === "node_modules") continue;
      walk(full, out);
    } else out.push(full);
  }
}

function sourceHash(): string {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir), files);
  for (const file of SOURCE_FILES) if (existsSync(path.join(root, file))) files.push(path.join(root, file));
  const hash = createHash("sha256");
  for (const file of files.sort()) {
    hash.update(path.relative(root, file));
    hash.update(String(statSync(file).size));
    hash.update(readFileSync(file));
  }
  return hash.digest("hex");
}

/**
 * Node's default heap limit on a large machine is several GB, and V8 grows the heap towards it
 * before collecting in earnest, so an idle-looking server held 800 MB after a burst of requests.
 * A limit sized for the portal keeps it near 300 MB at a small cost in throughput (decision 016).
 * A limit already given in NODE_OPTIONS wins.
 */
function serverNodeOptions(heapMb: number): string {
  const given = process.env.NODE_OPTIONS ?? "";
  if (/--max-old-space-size/.test(given)) return given;
  return `${given} --max-old-space-size=${heapMb} --max-semi-space-size=16`.trim();
}

async function main(): Promise<void> {
  const config = env();
  console.log(`Opsbook: database ${databaseFile()}`);
  applyMigrations(config.DATABASE_URL);
  console.log("Opsbook: migrations applied.");

  const db = createClient();
  const report = await seedDatabase(db, { demoServers: config.SEED_DEMO_SERVERS });
  await db.$disconnect();
  console.log(
    `Opsbook: library ready (${report.proceduresCreated} procedures added, ${report.proceduresUpdated} updated, ${report.schedulesCreated} schedules, ${report.toolsCreated} tools and ${report.serversCreated} servers added).`,
  );

  const hash = sourceHash();
  const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === hash;
  if (!built) {
    console.log("Opsbook: building the production app (first start or sources changed; this takes a minute or two)…");
    const result = spawnSync(bin("next"), ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (result.status !== 0) process.exit(result.status ?? 1);
    writeFileSync(STAMP, hash);
  }

  // next-auth builds its URLs from NEXTAUTH_URL; default it to where this server listens.
  const siteUrl = config.AUTH_URL ?? `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${config.PORT}`;
  console.log(`Opsbook: open ${siteUrl}`);
  // Next.js's handler behind the portal's own listener, which sets the client address (scripts/server.mjs).
  const server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(config.PORT),
      HOST: config.HOST,
      TRUSTED_PROXY_HOPS: String(config.TRUSTED_PROXY_HOPS),
      NEXTAUTH_URL: siteUrl,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_OPTIONS: serverNodeOptions(config.SERVER_HEAP_MB),
    },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => server.kill(signal));
  }
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
