// Measures `audit verify` (hash chain, guard triggers, evidence against the trail) on the
// benchmark's three-year dataset: wall time of each part and the peak resident memory of the
// process doing it. Prints figures; asserts nothing. Run: npm run measure:audit-verify
// Options: --days N (default 1095), --server-copies N (default 2, as the benchmark's dataset L),
// --file PATH (measure an existing database instead of building one), --keep (leave it behind).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

interface Figures {
  runs: number;
  results: number;
  auditEvents: number;
  evidenceEvents: number;
  seconds: { chain: number; triggers: number; evidence: number; total: number };
  /** Evidence walked to the end whatever it finds, when the normal check stopped early. */
  fullWalk: { seconds: number; disagreeingRuns: number } | null;
  outcome: string;
  rssMb: { afterStart: number; peak: number };
}

const mb = (bytes: number) => bytes / 1024 / 1024;

/** The measured side, in a process of its own so that building the dataset does not count. */
async function measure(file: string): Promise<Figures> {
  process.env.DATABASE_URL = `file:${file}`;
  const { createClient } = await import("@/lib/db");
  const { verifyAuditChain } = await import("@/lib/audit/verify");
  const { checkTriggers } = await import("@/lib/audit/triggers");
  const { verifyEvidence } = await import("@/lib/audit/check");
  const db = createClient(file);
  await db.auditEvent.findFirst({ select: { seq: true } });
  const afterStart = mb(process.memoryUsage().rss);

  const started = performance.now();
  let t = started;
  const chain = await verifyAuditChain(db);
  const chainSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const triggers = await checkTriggers(db);
  const triggerSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const evidence = await verifyEvidence(db);
  const evidenceSeconds = (performance.now() - t) / 1000;
  const total = (performance.now() - started) / 1000;

  let fullWalk: Figures["fullWalk"] = null;
  if (!evidence.ok) {
    t = performance.now();
    const all = await verifyEvidence(db, { maxFindings: Number.MAX_SAFE_INTEGER });
    fullWalk = { seconds: (performance.now() - t) / 1000, disagreeingRuns: all.ok ? 0 : all.disagreeing };
  }
  const outcome = !chain.ok
    ? `chain broken at event #${chain.badSeq}: ${chain.reason}`
    : !triggers.ok
      ? `guard ${triggers.finding.kind}: ${triggers.finding.sentence}`
      : !evidence.ok
        ? `evidence disagrees: ${evidence.finding.sentence}`
        : "intact: chain, guards and evidence all match";
  const [runs, results, auditEvents, evidenceEvents] = await Promise.all([
    db.run.count(),
    db.result.count(),
    db.auditEvent.count(),
    db.auditEvent.count({ where: { entityType: "Run", action: { in: ["result.record", "result.correct", "run.skip"] } } }),
  ]);
  await db.$disconnect();
  // ru_maxrss is in kilobytes on Linux.
  const peak = process.resourceUsage().maxRSS / 1024;
  return {
    runs,
    results,
    auditEvents,
    evidenceEvents,
    seconds: { chain: chainSeconds, triggers: triggerSeconds, evidence: evidenceSeconds, total },
    fullWalk,
    outcome,
    rssMb: { afterStart, peak },
  };
}

async function main() {
  const child = option("child");
  if (child) {
    console.log(JSON.stringify(await measure(child)));
    return;
  }

  const given = option("file");
  const dir = given ? null : mkdtempSync(path.join(tmpdir(), "opsbook-audit-verify-"));
  const file = given ? path.resolve(given) : path.join(dir!, "history.db");
  try {
    if (!given) {
      const days = Number(option("days") ?? 1095);
      const serverCopies = Number(option("server-copies") ?? 2);
      process.env.DATABASE_URL = `file:${file}`;
      const { buildHistory } = await import("./support/history");
      console.log(`Building ${days} days of history (${serverCopies} extra copies of each demo server) in ${file} …`);
      const built = await buildHistory({ file, days, serverCopies, log: (line) => console.log(`  ${line}`) });
      console.log(`Built in ${built.seconds.toFixed(0)} s.`);
    }
    console.log(`Database file: ${(statSync(file).size / 1024 / 1024).toFixed(0)} MB. Verifying in a fresh process …`);
    const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--child", file], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`The measuring process failed (exit ${run.status}):\n${run.stderr}`);
    const f = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Figures;
    console.log(`\nDataset: ${f.runs.toLocaleString("en")} runs, ${f.results.toLocaleString("en")} results, ${f.auditEvents.toLocaleString("en")} audit events (${f.evidenceEvents.toLocaleString("en")} of them evidence events).`);
    console.log(`Outcome: ${f.outcome}`);
    console.log("part                      seconds");
    console.log(`hash chain              ${f.seconds.chain.toFixed(1).padStart(9)}`);
    console.log(`guard triggers          ${f.seconds.triggers.toFixed(3).padStart(9)}`);
    console.log(`evidence                ${f.seconds.evidence.toFixed(1).padStart(9)}`);
    console.log(`total                   ${f.seconds.total.toFixed(1).padStart(9)}`);
    if (f.fullWalk) {
      console.log(
        `The check stopped at the first disagreement; walking all the evidence anyway took ${f.fullWalk.seconds.toFixed(1)} s and found ${f.fullWalk.disagreeingRuns.toLocaleString("en")} runs that disagree.`,
      );
    }
    console.log(`Resident memory: ${f.rssMb.afterStart.toFixed(0)} MB once the client was connected, ${f.rssMb.peak.toFixed(0)} MB at the peak of the process.`);
  } finally {
    if (dir && !args.includes("--keep")) rmSync(dir, { recursive: true, force: true });
    else if (dir) console.log(`Kept ${file}.`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
