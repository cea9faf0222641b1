// `npm start`: everything a fresh clone needs to serve the portal on the embedded database.
// Checks that the port is free, applies migrations, checks the schema against them (decision 029),
// seeds the library (idempotent), builds the app
// when the sources changed since the last build (scripts/support/build-stamp.ts), then runs the
// production server in the foreground, says where it is once it listens, and starts it again if
// it dies after that (scripts/support/supervisor.ts, decision 023).
import { spawn } from "node:child_process";
import path from "node:path";
import { databaseFile, env } from "@/lib/env";
import { buildApp } from "./support/build-stamp";
import { checkListen } from "./support/listen-problem.mjs";
import { watchLauncher } from "./support/launcher";
import { superviseServer } from "./support/supervisor";

const root = process.cwd();

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
  // First, so a second start beside a running portal stops here, before it opens that portal's database.
  const problem = await checkListen(config.HOST, config.PORT);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }

  // Imported only now: opening the database client creates its folder.
  const { applyMigrations } = await import("@/lib/maintenance/migrate");
  const { createClient } = await import("@/lib/db");
  const { seedDatabase } = await import("@/lib/procedures/seed");
  const { databaseHasContent } = await import("@/lib/sql");
  const { checkDatabaseFileSchema, describeSchemaCheck } = await import("@/lib/maintenance/schema-check");
  const file = databaseFile();
  console.log(`Opsbook: database ${file}`);
  // A database changed outside Opsbook (a trigger, a table, a view, a changed column) is refused
  // before anything writes to it, and again once the migrations are applied. The process exits at
  // once: it never became ready, so nothing restarts it.
  const refuseIfAltered = async (complete: boolean) => {
    // The structure only: its cost does not grow with the data (tens of ms), where SQLite's
    // integrity and foreign-key checks would read the whole file on every start (decision 029).
    const check = await checkDatabaseFileSchema(file, { complete, integrity: "none", foreignKeys: false });
    if (check.ok) return;
    console.error(
      `Opsbook: the database ${file} fails the schema check: ${describeSchemaCheck(check)} It was changed outside Opsbook; restore a backup (npm run cli -- db restore FILE --force) or repair it. The portal was not started.`,
    );
    process.exit(1);
  };
  if (databaseHasContent(file)) await refuseIfAltered(false);
  applyMigrations(config.DATABASE_URL);
  await refuseIfAltered(true);
  console.log("Opsbook: migrations applied and the schema matches them.");

  const db = createClient();
  const report = await seedDatabase(db, { demoServers: config.SEED_DEMO_SERVERS });
  const noUserYet = (await db.user.findFirst({ select: { id: true } })) === null;
  await db.$disconnect();
  console.log(
    `Opsbook: library ready (${report.proceduresCreated} procedures added, ${report.proceduresUpdated} updated, ${report.schedulesCreated} schedules, ${report.toolsCreated} tools and ${report.serversCreated} servers added).`,
  );
  // What a library release did to procedures the team edited: never overwritten; a draft offers the
  // corrections, unless one is open already (decision 003).
  if (report.draftsOffered.length > 0) {
    console.log(`Opsbook: the library corrected ${report.draftsOffered.length} procedures your team edited; each has a draft listing the corrections for a manager to review: ${report.draftsOffered.join(", ")}.`);
  }
  if (report.draftsSkippedExisting.length > 0) {
    console.log(`Opsbook: library corrections were not offered for ${report.draftsSkippedExisting.join(", ")}: each already has an open draft. Publish or discard it, then restart to receive them.`);
  }
  if (report.draftsWithoutAuthor.length > 0) {
    console.log(`Opsbook: library corrections were not offered for ${report.draftsWithoutAuthor.join(", ")}: no active manager or administrator could own the draft.`);
  }

  await buildApp(root, { purpose: "npm start", always: false, log: (line) => console.log(line) });

  // next-auth builds its URLs from NEXTAUTH_URL; default it to where this server listens.
  const siteUrl = config.AUTH_URL ?? `http://${config.HOST === "0.0.0.0" ? "localhost" : config.HOST}:${config.PORT}`;
  // Next.js's handler behind the portal's own listener, which sets the client address and holds
  // request bodies to their limits (scripts/server.mjs). The IPC channel carries its "ready", and
  // its closing tells the server that this process is gone.
  const spawnServer = () =>
    spawn(process.execPath, [path.join(root, "scripts", "server.mjs")], {
      stdio: ["inherit", "inherit", "inherit", "ipc"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(config.PORT),
        HOST: config.HOST,
        TRUSTED_PROXY_HOPS: String(config.TRUSTED_PROXY_HOPS),
        STALL_LOG_MS: String(config.STALL_LOG_MS),
        NEXTAUTH_URL: siteUrl,
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_OPTIONS: serverNodeOptions(config.SERVER_HEAP_MB),
      },
    });
  const supervisor = superviseServer({
    spawnServer,
    hungAfterMs: config.WATCHDOG_SECONDS * 1000,
    // The last line of the start: printed only once the server really listens.
    onReady: (restart) =>
      console.log(
        restart === 0
          ? `Opsbook: ready at ${siteUrl}${noUserYet ? " — open it to create the first administrator." : "."}`
          : `Opsbook: ready again at ${siteUrl} (restart ${restart}).`,
      ),
    log: (line) => console.error(line),
    exit: (code) => process.exit(code),
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => supervisor.stop(signal === "SIGHUP" ? "SIGTERM" : signal));
  }
  // `kill <npm>` reaches only npm's shell, which dies without passing it on (scripts/support/launcher.ts).
  watchLauncher(() => {
    console.error("Opsbook: the process that ran npm start has gone; stopping the server.");
    supervisor.stop("SIGTERM");
  });
  // However this process ends, its server does not outlive it (the server also stops by itself
  // when the IPC channel closes, which covers SIGKILL).
  process.on("exit", () => {
    const server = supervisor.current();
    if (server && server.exitCode === null && server.signalCode === null) server.kill("SIGTERM");
  });
}

/** A failure as one "Opsbook:" line; a message that starts a sentence ("The database …") continues this one. */
function opsbookLine(message: string): string {
  if (message.startsWith("Opsbook:")) return message;
  const continued = /^[A-Z][a-z]/.test(message) ? message[0]!.toLowerCase() + message.slice(1) : message;
  return `Opsbook: ${continued}`;
}

main().catch((error: unknown) => {
  console.error(opsbookLine(error instanceof Error ? error.message : String(error)));
  process.exit(1);
});
