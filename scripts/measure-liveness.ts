// Measures how long the heaviest requests keep other requests waiting, on three years of
// generated history: each is sent while a second client asks /api/health back to back, and the
// slowest health answer bounds how long the event loop was held. Prints figures; asserts nothing.
// Run: npm run measure:liveness   Options: --days N (default 1095), --keep.
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
const keep = args.includes("--keep");

const dir = mkdtempSync(path.join(tmpdir(), "opsbook-liveness-"));
const file = path.join(dir, "history.db");
process.env.DATABASE_URL = `file:${file}`;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

async function main() {
  console.log(`Building ${days} days of history in ${file} …`);
  const summary = await buildHistory({ file, days, log: (l) => console.log(`  ${l}`) });
  console.log(`Database: ${summary.runs} runs, ${summary.results} results, ${summary.auditEvents} audit events (built in ${summary.seconds.toFixed(0)} s)`);

  const server = await startServer(file, 3291);
  try {
    const cookie = await signInCookie(server.url, "manager@history.test", "a-long-enough-password");
    const today = new Date();
    const yearAgo = isoDay(new Date(today.getTime() - 365 * 86_400_000));
    const requests: [string, string][] = [
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
    console.log("request                          took     bytes status  health: n    p50    p99    max");
    for (const [label, pathname] of requests) {
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
      const f = (q: number) => percentile(health, q).toFixed(0).padStart(6);
      console.log(`${label.padEnd(30)} ${took.toFixed(0).padStart(6)} ${String(bytes).padStart(9)} ${String(response.status).padStart(4)} ${String(health.length).padStart(5)} ${f(0.5)} ${f(0.99)} ${f(1)}`);
    }
    console.log("\nThe health column's max bounds the longest stretch the event loop was held (plus one health request).");
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
