// Measures how long the heaviest requests keep other requests waiting, on three years of
// generated history. Each request is sent alone while a second client asks /api/health back to
// back; the server runs with STALL_LOG_MS=30, so its own log names every stretch of 30 ms or more
// for which the event loop was held, and the longest one during each request is printed beside the
// health answers' times. Prints figures; asserts nothing.
// Run: npm run measure:liveness   Options: --days N (default 1095), --keep, --file F (reuse a kept
// database instead of building one), --only TEXT (the requests whose label contains TEXT).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildHistory } from "./support/history";
import { percentile, signInCookie, startServer } from "./support/http";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const days = option("days", 1095);
const text = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const reuse = text("file");
const only = text("only");
const keep = args.includes("--keep") || reuse !== undefined;

const dir = reuse ? path.dirname(path.resolve(reuse)) : mkdtempSync(path.join(tmpdir(), "opsbook-liveness-"));
const file = reuse ? path.resolve(reuse) : path.join(dir, "history.db");
process.env.DATABASE_URL = `file:${file}`;
const STALL_MS = 30;
const heldFor = (lines: string[]) =>
  Math.max(0, ...lines.map((l) => /event loop was held for (\d+) ms/.exec(l)).filter((m) => m !== null).map((m) => Number(m[1])));

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

async function main() {
  if (!reuse) {
    console.log(`Building ${days} days of history in ${file} …`);
    const summary = await buildHistory({ file, days, log: (l) => console.log(`  ${l}`) });
    console.log(`Database: ${summary.runs} runs, ${summary.results} results, ${summary.auditEvents} audit events (built in ${summary.seconds.toFixed(0)} s)`);
  } else console.log(`Using ${file}`);

  const server = await startServer(file, 3291, { STALL_LOG_MS: String(STALL_MS) }, { captureStderr: true });
  try {
    const cookie = await signInCookie(server.url, "manager@history.test", "a-long-enough-password");
    const today = new Date();
    const yearAgo = isoDay(new Date(today.getTime() - 365 * 86_400_000));
    const twoYearsAgo = isoDay(new Date(today.getTime() - 730 * 86_400_000));
    const requests: [string, string][] = [
      // The first request after a start loads and compiles the page's modules: measured apart.
      ["first report after start", `/reports?period=week&date=${twoYearsAgo}`],
      ["report, custom 366 days", `/reports?period=custom&from=${yearAgo}&to=${isoDay(today)}`],
      ["report, quarter", "/reports?period=quarter"],
      ["printed review, quarter", "/reports/print?period=quarter"],
      ["figures CSV, 366 days", `/api/reports/export?period=custom&from=${yearAgo}&to=${isoDay(today)}&data=figures`],
      ["exceptions CSV, 366 days", `/api/reports/export?period=custom&from=${yearAgo}&to=${isoDay(today)}&data=exceptions`],
      ["audit log CSV, one year", `/api/audit/export?from=${yearAgo}&to=${isoDay(today)}`],
      ["audit log, first page", "/audit"],
      ["history, first page", "/history"],
      ["training matrix CSV", "/api/training/matrix"],
      ["library export", "/api/procedures/export"],
      ["report, date past the range", "/reports?date=9999-12-31"],
    ];
    console.log("\nEach request alone, with /api/health asked back to back meanwhile (ms):");
    console.log("request                          took     bytes status  held  health: n    p50    p99    max");
    server.takeStderr();
    for (const [label, pathname] of requests.filter(([l]) => only === undefined || l.includes(only))) {
      let done = false;
      const health: number[] = [];
      const poller = (async () => {
        while (!done) {
          const t = performance.now();
          await (await fetch(`${server.url}/api/health`)).text();
          health.push(performance.now() - t);
        }
      })();
      const t = performance.now();
      const response = await fetch(`${server.url}${pathname}`, { headers: { Cookie: cookie }, redirect: "manual" });
      const bytes = (await response.arrayBuffer()).byteLength;
      const took = performance.now() - t;
      done = true;
      await poller;
      await new Promise((r) => setTimeout(r, 100)); // the last log lines
      const log = server.takeStderr();
      for (const line of log) if (!line.includes("event loop was held")) console.error(`  server: ${line}`);
      const held = heldFor(log);
      const f = (q: number) => percentile(health, q).toFixed(0).padStart(6);
      console.log(`${label.padEnd(30)} ${took.toFixed(0).padStart(6)} ${String(bytes).padStart(9)} ${String(response.status).padStart(4)} ${(held === 0 ? `<${STALL_MS}` : String(held)).padStart(5)} ${String(health.length).padStart(8)} ${f(0.5)} ${f(0.99)} ${f(1)}`);
    }
    console.log(`\n"held": the longest stretch the server's event loop was held during the request, from its own log (STALL_LOG_MS=${STALL_MS}).`);
    console.log("The health columns: how long /api/health took meanwhile, the held stretch plus the health request's own share of two cores.");
  } finally {
    await server.stop();
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => {
    if (keep) console.log(`Kept ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  });
