// Measures the manager's pages on three years of generated history: /reports for one month,
// /history and /audit first pages (plus /today for comparison), over HTTP against the production
// server, one request at a time. Prints figures; asserts nothing. Run: npm run measure:history
// Options: --days N (default 1095), --samples N (default 30), --keep (leave the database behind).
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
const samples = option("samples", 30);
const keep = args.includes("--keep");

const dir = mkdtempSync(path.join(tmpdir(), "opsbook-history-"));
const file = path.join(dir, "history.db");
process.env.DATABASE_URL = `file:${file}`;

function lastMonth(today: Date): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 10);
}

async function main() {
  console.log(`Building ${days} days of history in ${file} …`);
  const summary = await buildHistory({ file, days, log: (l) => console.log(`  ${l}`) });
  console.log(`Database: ${summary.runs} runs, ${summary.results} results, ${summary.auditEvents} audit events (built in ${summary.seconds.toFixed(0)} s)`);

  const server = await startServer(file, 3290);
  try {
    const cookie = await signInCookie(server.url, "manager@history.test", "a-long-enough-password");
    const pages: [string, string][] = [
      ["/reports (last month)", `/reports?period=month&date=${lastMonth(new Date())}`],
      ["/reports (this month)", "/reports"],
      ["/reports (quarter)", "/reports?period=quarter"],
      ["/history first page", "/history"],
      ["/audit first page", "/audit"],
      ["/today", "/today"],
    ];
    console.log(`\n${samples} sequential requests per page after 3 warm-up requests (ms):`);
    console.log("page                       p50      p95      max   bytes");
    for (const [label, pathname] of pages) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < samples + 3; i++) {
        const t = performance.now();
        const response = await fetch(`${server.url}${pathname}`, { headers: { Cookie: cookie }, redirect: "manual" });
        const body = await response.text();
        const elapsed = performance.now() - t;
        if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
        bytes = body.length;
        if (i >= 3) times.push(elapsed);
      }
      const f = (q: number) => percentile(times, q).toFixed(1).padStart(7);
      console.log(`${label.padEnd(25)} ${f(0.5)}  ${f(0.95)}  ${f(1)}  ${String(bytes).padStart(6)}`);
    }
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
