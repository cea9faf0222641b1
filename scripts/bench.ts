// `npm run bench`: builds datasets S (one month) and L (three years) deterministically, starts the
// production server on each, drives load over loopback against the framework floor and the real
// pages and mutation, checks correctness afterwards, and writes docs/benchmarks.md and .json.
// Options: --only S|L, --seconds N (per target, default 10), --connections N (default 10),
// --targets "floor page,/today,/runs/[id]" (a subset, for before/after comparisons of a few pages;
// docs/ is then left alone), --save FILE (the figures as JSON).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { buildHistory, sqliteTime } from "./support/history";
import { signInCookie, startServer, type RunningServer } from "./support/http";
import { drive, serverActionBody, type LoadResult } from "./support/load";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const SECONDS = Number(option("seconds") ?? 10);
const CONNECTIONS = Number(option("connections") ?? 10);
const ONLY = option("only");
const PASSWORD = "a-long-enough-password";
const DATASETS = [
  { name: "S", days: 30, serverCopies: 2 },
  { name: "L", days: 1095, serverCopies: 2 },
].filter((d) => !ONLY || d.name === ONLY);

const TARGETS = [
  "floor page",
  "floor handler",
  "/today",
  "/runs/[id]",
  "record a result",
  "record + page refresh",
  "/procedures search",
  "/history first page",
  "/audit first page",
  "/reports one month",
] as const;
type Target = (typeof TARGETS)[number];
const ONLY_TARGETS = option("targets")?.split(",").map((t) => t.trim());
const SELECTED: readonly Target[] = ONLY_TARGETS ? TARGETS.filter((t) => ONLY_TARGETS.includes(t)) : TARGETS;

interface DatasetFigures {
  runs: number;
  results: number;
  auditEvents: number;
  buildSeconds: number;
  targets: Record<string, LoadResult & { peakMemoryMb: number }>;
  firstLoadJs: Record<string, number>;
  checks: { auditVerify: string; acceptedWrites: number; resultsAdded: number };
}

/** Resident memory of the largest process under `pid` (the Next.js server), in MB. */
function serverMemoryMb(pid: number): number {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,rss="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number, number]);
  const children = new Map<number, number[]>();
  for (const [p, pp] of rows) children.set(pp, [...(children.get(pp) ?? []), p]);
  const rss = new Map(rows.map(([p, , r]) => [p, r]));
  let max = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    max = Math.max(max, rss.get(p) ?? 0);
    stack.push(...(children.get(p) ?? []));
  }
  return max / 1024;
}

async function withMemory<T>(server: RunningServer, work: () => Promise<T>): Promise<T & { peakMemoryMb: number }> {
  let peak = serverMemoryMb(server.process.pid!);
  const timer = setInterval(() => (peak = Math.max(peak, serverMemoryMb(server.process.pid!))), 250);
  try {
    const result = await work();
    return { ...result, peakMemoryMb: Math.max(peak, serverMemoryMb(server.process.pid!)) };
  } finally {
    clearInterval(timer);
  }
}

/** Gzip bytes of the JavaScript a browser loads for a page on first visit. */
async function firstLoadJs(url: string, pathname: string, cookie: string): Promise<number> {
  const html = await (await fetch(`${url}${pathname}`, { headers: { Cookie: cookie } })).text();
  const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js[^"]*)"/g)].map((m) => m[1]!))];
  let total = 0;
  for (const src of scripts) {
    const body = Buffer.from(await (await fetch(new URL(src, url))).arrayBuffer());
    total += gzipSync(body).length;
  }
  return total;
}

function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
  const entry = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
  if (!entry) throw new Error(`No server action ${exportedName} in ${file}`);
  return entry[0];
}

async function runDataset(dir: string, spec: (typeof DATASETS)[number], port: number): Promise<DatasetFigures> {
  const file = path.join(dir, `bench-${spec.name}.db`);
  console.log(`\nDataset ${spec.name}: ${spec.days} days, demo servers ×${spec.serverCopies + 1}`);
  process.env.DATABASE_URL = `file:${file}`;
  const built = await buildHistory({ file, days: spec.days, serverCopies: spec.serverCopies, seed: 20261124, log: (l) => console.log(`  ${l}`) });
  console.log(`  ${built.runs} runs, ${built.results} results, ${built.auditEvents} audit events in ${built.seconds.toFixed(0)} s`);

  // Work for the load: today's run for the run page, open items for the mutation.
  const raw = new Database(file, { readonly: true });
  const now = sqliteTime(new Date());
  const todayRun = raw.prepare(`SELECT id FROM "Run" WHERE opensAt <= ? AND dueAt >= ? AND suppressed = 0 ORDER BY id LIMIT 1`).get(now, now) as { id: string } | undefined;
  const open = raw
    .prepare(
      `SELECT r.id AS runId, i.id AS itemId FROM "Run" r JOIN "ChecklistItem" i ON i.versionId = r.versionId
       WHERE r.opensAt <= ? AND r.skippedAt IS NULL AND r.suppressed = 0 AND r.completedAt IS NULL AND i.kind = 'CHECK'
         AND NOT EXISTS (SELECT 1 FROM "Result" x WHERE x.runId = r.id AND x.itemId = i.id)
         AND (r.serverId IS NULL OR NOT EXISTS (SELECT 1 FROM "ChecklistItemRole" ir WHERE ir.itemId = i.id)
           OR EXISTS (SELECT 1 FROM "ChecklistItemRole" ir JOIN "ServerRole" sr ON sr.role = ir.role WHERE ir.itemId = i.id AND sr.serverId = r.serverId))
       ORDER BY r.dueAt DESC LIMIT 20000`,
    )
    .all(now) as { runId: string; itemId: string }[];
  const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
  raw.close();
  if (!todayRun) throw new Error("No run of today to load /runs/[id] with.");

  const server = await startServer(file, port, { BENCH_ENDPOINTS: "true" });
  try {
    const operator = await signInCookie(server.url, "operator1@history.test", PASSWORD);
    const manager = await signInCookie(server.url, "manager@history.test", PASSWORD);
    const record = actionId("lib/runs/actions.ts", "recordResultAction");
    const get = (pathname: string, cookie: string) => () => ({ path: pathname, headers: { Cookie: cookie } });
    const gets: Record<Exclude<Target, "record a result" | "record + page refresh">, () => { path: string; headers: Record<string, string> }> = {
      "floor page": get("/bench/floor", operator),
      "floor handler": get("/api/bench/floor", operator),
      "/today": get("/today", operator),
      "/runs/[id]": get(`/runs/${todayRun.id}`, operator),
      "/procedures search": get("/procedures?q=queue", operator),
      "/history first page": get("/history", manager),
      "/audit first page": get("/audit", manager),
      "/reports one month": get(`/reports?period=month&date=${lastMonth}`, manager),
    };
    // The writes go round the open items: the first pass records, later passes correct (a new
    // revision of the same item, through the same action), so a small dataset never runs out.
    let cursor = 0;
    const revisions = new Array<number>(open.length).fill(0);
    const recordRequest = (pageRefresh: boolean) => () => {
      const index = cursor++ % open.length;
      const pair = open[index]!;
      const revision = revisions[index]!;
      revisions[index] = revision + 1;
      const { body, contentType } = serverActionBody({ runId: pair.runId, itemId: pair.itemId, outcome: "PASS", value: "", note: revision ? "Checked again" : "", expectedRevision: String(revision) });
      // Posted from the run's page, as the browser does, the answer also carries the refreshed
      // page. Posted to a page the action does not refresh, the answer is the action's result alone.
      const path = pageRefresh ? `/runs/${pair.runId}` : "/today";
      return { method: "POST" as const, path, headers: { Cookie: operator, "Next-Action": record, Accept: "text/x-component", Origin: server.url, "Content-Type": contentType }, body };
    };
    const countResults = () => {
      const db = new Database(file, { readonly: true });
      const n = (db.prepare(`SELECT count(*) AS n FROM "Result"`).get() as { n: number }).n;
      db.close();
      return n;
    };
    const targets: DatasetFigures["targets"] = {};
    const resultsBefore = countResults();
    for (const target of SELECTED) {
      const write = target === "record a result" || target === "record + page refresh";
      // Warm-up: compile caches, connections, the first generation pass.
      if (!write) await drive({ url: server.url, connections: 2, seconds: 2, next: gets[target] });
      const result = await withMemory(server, () =>
        write
          ? drive({
              url: server.url,
              connections: CONNECTIONS,
              seconds: SECONDS,
              keepBodies: true,
              next: recordRequest(target === "record + page refresh"),
              ok: (status, body) => status === 200 && body.includes('"ok":true'),
            })
          : drive({ url: server.url, connections: CONNECTIONS, seconds: SECONDS, next: gets[target] }),
      );
      targets[target] = { ...result, bodies: [] };
      console.log(`  ${target.padEnd(22)} ${result.rps.toFixed(1).padStart(7)} req/s  p50 ${result.p50.toFixed(1)} ms  p95 ${result.p95.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms  errors ${result.errors}  peak ${result.peakMemoryMb.toFixed(0)} MB`);
    }
    const firstLoad: Record<string, number> = {};
    for (const [label, pathname] of [["floor page", "/bench/floor"], ["/today", "/today"], ["/runs/[id]", `/runs/${todayRun.id}`]] as const) {
      firstLoad[label] = await firstLoadJs(server.url, pathname, operator);
    }
    await server.stop();

    const accepted = (["record a result", "record + page refresh"] as const).reduce((sum, t) => sum + (targets[t] ? targets[t].requests - targets[t].errors : 0), 0);
    const resultsAfter = countResults();
    const verify = spawnSync(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/cli.ts", "audit", "verify"], { env: { ...process.env, DATABASE_URL: `file:${file}` }, encoding: "utf8" });
    const auditVerify = (verify.stdout || verify.stderr).trim().split("\n")[0] ?? "";
    console.log(`  checks: ${auditVerify}; accepted writes ${accepted}, results added ${resultsAfter - resultsBefore}`);
    return { runs: built.runs, results: built.results, auditEvents: built.auditEvents, buildSeconds: built.seconds, targets, firstLoadJs: firstLoad, checks: { auditVerify, acceptedWrites: accepted, resultsAdded: resultsAfter - resultsBefore } };
  } finally {
    await server.stop();
  }
}

function report(figures: Record<string, DatasetFigures>, startedAt: Date): string {
  const S = figures.S;
  const L = figures.L;
  const fmt = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? "—" : n.toFixed(digits));
  const lines: string[] = [];
  lines.push("# Benchmarks", "");
  lines.push(`Measured ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run bench\` on ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${CONNECTIONS} connections for ${SECONDS} s per target after a warm-up, over loopback against the production server.`, "");
  for (const [name, f] of Object.entries(figures)) {
    lines.push(`Dataset ${name}: ${f.runs.toLocaleString("en")} runs, ${f.results.toLocaleString("en")} results, ${f.auditEvents.toLocaleString("en")} audit events (built in ${f.buildSeconds.toFixed(0)} s).`);
  }
  lines.push("");
  const ref = (f: DatasetFigures | undefined, key: "floor page" | "floor handler") => f?.targets[key];
  lines.push("| target | dataset | req/s | p50 ms | p95 ms | p99 ms | errors | peak MB | ratio to floor | L/S p95 |", "|---|---|---|---|---|---|---|---|---|---|");
  for (const target of TARGETS) {
    for (const [name, f] of Object.entries(figures)) {
      const t = f.targets[target];
      if (!t) continue;
      const floor = ref(f, target === "floor handler" ? "floor handler" : "floor page");
      const growth = name === "L" && S && L ? L.targets[target]!.p95 / S.targets[target]!.p95 : undefined;
      lines.push(`| ${target} | ${name} | ${fmt(t.rps)} | ${fmt(t.p50)} | ${fmt(t.p95)} | ${fmt(t.p99)} | ${t.errors} | ${fmt(t.peakMemoryMb, 0)} | ${floor ? fmt(t.rps / floor.rps, 2) : "—"} | ${growth === undefined ? "" : fmt(growth, 2)} |`);
    }
  }
  lines.push("");
  lines.push("First-load JavaScript (gzip bytes): " + Object.entries(figures).map(([name, f]) => `${name}: ${Object.entries(f.firstLoadJs).map(([k, v]) => `${k} ${v.toLocaleString("en")}`).join(", ")}`).join("; ") + ".", "");
  lines.push("Checks after load: " + Object.entries(figures).map(([name, f]) => `${name}: ${f.checks.auditVerify} Accepted writes ${f.checks.acceptedWrites}, results added ${f.checks.resultsAdded}.`).join(" "), "");
  if (S && L && !ONLY_TARGETS) lines.push(...targetsTable(S, L), "");
  return lines.join("\n");
}

/** Each target of issue 7 beside the measured figure, met or not. */
function targetsTable(S: DatasetFigures, L: DatasetFigures): string[] {
  const ratio = (t: Target) => L.targets[t]!.rps / L.targets["floor page"]!.rps;
  const record = L.targets["record a result"]!;
  const pages = TARGETS.filter((t) => t !== "record a result" && t !== "record + page refresh");
  const growth = pages.map((t) => ({ t, g: L.targets[t]!.p95 / S.targets[t]!.p95 })).sort((a, b) => b.g - a.g);
  const slowest = (["/reports one month", "/audit first page", "/history first page"] as const).map((t) => ({ t, p95: L.targets[t]!.p95 }));
  const peak = Math.max(...[S, L].flatMap((f) => Object.values(f.targets).map((t) => t.peakMemoryMb)));
  const js = L.firstLoadJs["/today"]! / L.firstLoadJs["floor page"]!;
  const rows: [string, string, boolean][] = [
    ["`/today` throughput ≥ 0.5× the floor page on L", `${ratio("/today").toFixed(2)}×`, ratio("/today") >= 0.5],
    ["`/runs/[id]` throughput ≥ 0.5× the floor page on L", `${ratio("/runs/[id]").toFixed(2)}×`, ratio("/runs/[id]") >= 0.5],
    [
      "Recording ≥ 200 results/s with 10 operators, no errors, nothing lost",
      `${record.rps.toFixed(1)}/s, ${record.errors} errors; accepted ${L.checks.acceptedWrites}, added ${L.checks.resultsAdded}`,
      record.rps >= 200 && record.errors === 0 && L.checks.acceptedWrites === L.checks.resultsAdded,
    ],
    ["Every page's p95 on L ≤ 1.5× on S", growth.slice(0, 3).map((x) => `${x.t} ${x.g.toFixed(2)}×`).join(", ") + " (largest)", growth[0]!.g <= 1.5],
    ["`/reports` (a month), `/audit`, `/history` p95 ≤ 300 ms on L", slowest.map((x) => `${x.t} ${x.p95.toFixed(0)} ms`).join(", "), slowest.every((x) => x.p95 <= 300)],
    ["First-load JavaScript of `/today` ≤ 1.35× the floor page's", `${js.toFixed(2)}×`, js <= 1.35],
    ["Server memory under load ≤ 400 MB", `${peak.toFixed(0)} MB peak`, peak <= 400],
  ];
  return ["## Targets", "", "| target | measured (this run) | met |", "|---|---|---|", ...rows.map(([target, measured, met]) => `| ${target} | ${measured} | ${met ? "yes" : "**no** (see notes)"} |`)];
}

async function main() {
  const out = option("out");
  if (ONLY && out) {
    // One dataset per process: the database client is bound to one file for the life of a process.
    const dir = path.join(os.tmpdir(), `opsbook-bench-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    try {
      const spec = DATASETS[0]!;
      writeFileSync(out, JSON.stringify(await runDataset(dir, spec, spec.name === "S" ? 3295 : 3296)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const startedAt = new Date();
  const figures: Record<string, DatasetFigures> = {};
  for (const spec of DATASETS) {
    const file = path.join(os.tmpdir(), `opsbook-bench-${spec.name}-${process.pid}.json`);
    const passOn = ONLY_TARGETS ? ["--targets", ONLY_TARGETS.join(",")] : [];
    const child = spawnSync(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/bench.ts", "--only", spec.name, "--out", file, "--seconds", String(SECONDS), "--connections", String(CONNECTIONS), ...passOn], { stdio: "inherit" });
    if (child.status !== 0) throw new Error(`Dataset ${spec.name} failed.`);
    figures[spec.name] = JSON.parse(readFileSync(file, "utf8")) as DatasetFigures;
    rmSync(file, { force: true });
  }
  const markdown = report(figures, startedAt);
  console.log(`\n${markdown}`);
  const save = option("save");
  if (save) writeFileSync(save, `${JSON.stringify({ measuredAt: startedAt.toISOString(), figures }, null, 2)}\n`);
  if (!ONLY && !ONLY_TARGETS) {
    writeFileSync("docs/benchmarks.json", `${JSON.stringify({ measuredAt: startedAt.toISOString(), cores: os.cpus().length, memoryGiB: os.totalmem() / 2 ** 30, seconds: SECONDS, connections: CONNECTIONS, figures }, null, 2)}\n`);
    // Everything from the "## Notes" heading on is written by hand and kept across runs.
    const previous = existsSync("docs/benchmarks.md") ? readFileSync("docs/benchmarks.md", "utf8") : "";
    const notes = previous.indexOf("\n## Notes\n");
    writeFileSync("docs/benchmarks.md", `${markdown}\n${notes >= 0 ? previous.slice(notes) : ""}`);
    console.log("Wrote docs/benchmarks.md and docs/benchmarks.json.");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
