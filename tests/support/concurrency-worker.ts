// A separate process for tests/integration/concurrency.test.ts, on the database in DATABASE_URL.
// Says "ready", waits for "go" on stdin, then works as one of two kinds of worker:
//   operator: records and corrects results through the real action path, as the given user, on
//     targets that other operator processes share (in `sessions` parallel streams of up to
//     `attempts` saves, for at most `seconds`), and prints every attempt as one JSON line;
//   generator: runs run generation over and over, the window a day further each pass, until
//     "stop" arrives on stdin (or after maxPasses), and prints its reports as one JSON line.
//   node --conditions=react-server --import tsx tests/support/concurrency-worker.ts '<plan JSON>'
// (the react-server condition makes "server-only" an empty module, as for the CLI).
import type { CurrentUser } from "@/lib/auth/session";
import type { GenerationReport } from "@/lib/scheduling/generation";
import { heard, random } from "./worker-io";

export interface Target {
  runId: string;
  itemId: string;
  kind: string;
  choices: string[];
}

export type Plan =
  | { kind: "operator"; label: string; user: CurrentUser; sessions: number; attempts: number; seconds: number; seed: number; targets: Target[] }
  | { kind: "generator"; label: string; start: string; maxPasses: number };

/** One try to save a result, as the worker saw it. `note` is unique to the attempt. */
export interface Attempt {
  note: string;
  runId: string;
  itemId: string;
  expectedRevision: number;
  value: string;
  ok: boolean;
  /** The accepted revision and outcome, or the message of a refusal. */
  revision?: number;
  outcome?: string;
  error?: string;
}

const plan = JSON.parse(process.argv[2] ?? "{}") as Plan;
const DAY = 86_400_000;

function valueFor(target: Target, next: () => number): string {
  switch (target.kind) {
    case "NUMBER":
      return String(Math.floor(next() * 150));
    case "CHOICE":
      return target.choices[Math.floor(next() * target.choices.length)] ?? "";
    case "TEXT":
      return `seen ${Math.floor(next() * 1000)}`;
    default:
      return "";
  }
}

async function operate(p: Extract<Plan, { kind: "operator" }>): Promise<Attempt[]> {
  const { db } = await import("@/lib/db");
  const { runAction } = await import("@/lib/actions/define");
  await import("@/lib/runs/actions");
  const { actionDefinition } = await import("./fixtures");
  const record = actionDefinition("result.record");
  const actor = { user: p.user, request: { ip: "127.0.0.1", userAgent: `concurrency ${p.label}` } };
  await db.$queryRawUnsafe("SELECT 1");
  process.stdout.write("ready\n");
  await heard("go");
  // A bound on the time as well as on the count, so a machine busy with other work ends early
  // with fewer attempts rather than past the test's timeout.
  const until = Date.now() + p.seconds * 1000;

  // Each session is a browser tab: it reads the item's current revision, as the run page shows
  // it, pauses a few milliseconds as a person would, then saves against what it read.
  const session = async (s: number): Promise<Attempt[]> => {
    const next = random(p.seed * 31 + s);
    const attempts: Attempt[] = [];
    for (let n = 0; n < p.attempts && Date.now() < until; n++) {
      const target = p.targets[Math.floor(next() * p.targets.length)]!;
      const seen = await db.result.findFirst({ where: { runId: target.runId, itemId: target.itemId }, orderBy: { revision: "desc" }, select: { revision: true } });
      const expectedRevision = seen?.revision ?? 0;
      await new Promise((r) => setTimeout(r, Math.floor(next() * 8)));
      const value = valueFor(target, next);
      const note = `${p.label}.${s}.${n}`;
      const outcome = next() < 0.1 ? "FAIL" : "PASS";
      const result = await runAction(record, { runId: target.runId, itemId: target.itemId, outcome, value, note, expectedRevision: String(expectedRevision) }, actor);
      const attempt: Attempt = { note, runId: target.runId, itemId: target.itemId, expectedRevision, value, ok: result.ok };
      if (result.ok) {
        const data = result.data as { revision: number; outcome: string };
        attempt.revision = data.revision;
        attempt.outcome = data.outcome;
      } else attempt.error = result.error;
      attempts.push(attempt);
    }
    return attempts;
  };
  const all = (await Promise.all(Array.from({ length: p.sessions }, (_, s) => session(s)))).flat();
  await db.$disconnect();
  return all;
}

async function generate(p: Extract<Plan, { kind: "generator" }>) {
  const { db } = await import("@/lib/db");
  const { generateRuns } = await import("@/lib/scheduling/generation");
  await db.$queryRawUnsafe("SELECT 1");
  process.stdout.write("ready\n");
  await heard("go");
  let stopped = false;
  void heard("stop").then(() => (stopped = true));
  const reports: GenerationReport[] = [];
  // At least one pass even if "stop" came early, so the race always has a generator in it.
  for (let pass = 1; pass <= p.maxPasses && (pass === 1 || !stopped); pass++) {
    reports.push(await generateRuns(db, { now: new Date(Date.parse(p.start) + pass * DAY) }));
    // The driver answers synchronously, so a pass never lets stdin in; give "stop" its turn.
    await new Promise((r) => setImmediate(r));
  }
  await db.$disconnect();
  return reports;
}

async function main() {
  const output = plan.kind === "operator" ? await operate(plan) : await generate(plan);
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
