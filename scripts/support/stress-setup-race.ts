// Stress for the first connections to a database file that is still in rollback-journal mode, the
// situation of the two-process race in tests/integration/setup.test.ts (both workers open a fresh
// copy of the migrated template, and each connection switches it to WAL). Prints the repetitions,
// the failures and the time taken; exits 1 when anything failed.
//
//   tsx --conditions=react-server scripts/support/stress-setup-race.ts <mode> [--runs N] [--parallel P] [--processes K]
//
// Modes:
//   vitest   runs `vitest run tests/integration/setup.test.ts` N times, P at once (the real test).
//   workers  only the test's two-process race, with the test's worker script, N rounds, P at once.
//   aligned  the same race with its timing taken out of chance: K long-lived processes open a fresh
//            copy through lib/sql's adapter at one instant of the shared clock, N rounds. In the
//            test, module loading spreads the workers' first connections over tens of
//            milliseconds, and the switches collide only when they meet within microseconds.
//            "collisions" counts the rounds in which SQLite refused a switch (retried or failed).
// --keep-logs writes the output of each failed vitest run to a folder and names it.
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { randomUUID } from "node:crypto";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX_ARGS = ["--conditions=react-server", "--import", "tsx"];
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

interface Outcome {
  ok: boolean;
  /** A short reason for a failure, for the tally. */
  reason?: string;
  detail?: string;
}

interface Child {
  /** The next line the child prints; "exited: ..." once it has exited and printed nothing more. */
  line: () => Promise<string>;
  send: (text: string) => void;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

function start(command: string, argv: string[], env: Record<string, string> = {}): Child {
  const child = spawn(command, argv, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let pending = "";
  const lines: string[] = [];
  let wake = () => {};
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    stdout += chunk;
    pending += chunk;
    let newline: number;
    while ((newline = pending.indexOf("\n")) >= 0) {
      lines.push(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
    }
    wake();
  });
  child.stderr.on("data", (chunk: string) => (stderr += chunk));
  child.stdin.on("error", () => {});
  let exited = false;
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => {
      exited = true;
      wake();
      resolve({ code, stdout, stderr });
    }),
  );
  return {
    async line() {
      while (lines.length === 0) {
        if (exited) return `exited: ${stderr.trim().split("\n").slice(-3).join(" / ")}`;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      return lines.shift()!;
    },
    send: (text) => child.stdin.write(text),
    done,
  };
}

/** Waits for a child's "ready" line, skipping anything printed before it. */
async function ready(child: Child): Promise<void> {
  for (;;) {
    const line = await child.line();
    if (line === "ready" || line.startsWith("exited")) return;
  }
}

function reasonOf(text: string): string {
  if (/database is locked|SQLITE_BUSY/i.test(text)) return "database is locked";
  if (/The server is busy/.test(text)) return "server is busy";
  const line = text.split("\n").find((l) => /Error|FAIL|exited/.test(l));
  return (line ?? "other").trim().slice(0, 160);
}

function removeDatabase(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
}

async function makeTemplate(dir: string): Promise<string> {
  const { applyMigrations } = await import("../../lib/maintenance/migrate");
  const template = path.join(dir, "template.db");
  applyMigrations(`file:${template}`);
  return template;
}

/** One run of the whole test file, as `npx vitest run` does it. */
async function vitestOnce(logs: string | null, index: number): Promise<Outcome> {
  const result = await start(path.join(ROOT, "node_modules/.bin/vitest"), ["run", "tests/integration/setup.test.ts"], { FORCE_COLOR: "0" }).done;
  if (result.code === 0) return { ok: true };
  const text = `${result.stdout}\n${result.stderr}`;
  if (logs) writeFileSync(path.join(logs, `run-${index + 1}.log`), text);
  return { ok: false, reason: reasonOf(text), detail: text };
}

/** The test's two-process race: two workers on a fresh copy of the template, checked the same way. */
async function workersOnce(template: string): Promise<Outcome> {
  const file = path.join(path.dirname(template), `race-${randomUUID()}.db`);
  copyFileSync(template, file);
  try {
    const workers = ["alpha", "beta"].map((label) =>
      start(process.execPath, [...TSX_ARGS, "tests/support/setup-race-worker.ts", label, "3"], { DATABASE_URL: `file:${file}`, NODE_ENV: "test" }),
    );
    await Promise.all(workers.map(ready));
    for (const w of workers) w.send("go\n");
    const results = await Promise.all(workers.map((w) => w.done));
    const text = results.map((r) => `${r.stdout}\n${r.stderr}`).join("\n---\n");
    if (results.some((r) => r.code !== 0)) return { ok: false, reason: reasonOf(text), detail: text };
    const attempts = results.flatMap((r) => JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "[]") as { ok: boolean; error?: string }[]);
    const winners = attempts.filter((a) => a.ok).length;
    const strangers = attempts.filter((a) => !a.ok && a.error !== "Setup is already complete. Sign in instead.");
    if (attempts.length !== 6 || winners !== 1 || strangers.length > 0) {
      return { ok: false, reason: strangers[0]?.error ?? `${winners} winners of ${attempts.length}`, detail: text };
    }
    return { ok: true };
  } finally {
    removeDatabase(file);
  }
}

/** K long-lived processes; in each round they open one fresh copy at the same instant. */
let collisions = 0;

async function aligned(template: string, processes: number, runs: number, report: (outcome: Outcome, index: number) => void): Promise<void> {
  const children = Array.from({ length: processes }, () => start(process.execPath, [...TSX_ARGS, import.meta.filename, "child"]));
  try {
    await Promise.all(children.map(ready));
    for (let index = 0; index < runs; index++) {
      const file = path.join(path.dirname(template), `aligned-${randomUUID()}.db`);
      copyFileSync(template, file);
      try {
        // Far enough ahead that every child is already spinning on the clock when it comes.
        const at = performance.timeOrigin + performance.now() + 30;
        for (const c of children) c.send(`${at} ${file}\n`);
        const lines = await Promise.all(children.map((c) => c.line()));
        const failed = lines.filter((line) => !line.startsWith("connected"));
        if (lines.some((line) => !/refused=0\b/.test(line))) collisions++;
        report(failed.length === 0 ? { ok: true } : { ok: false, reason: reasonOf(failed.join("\n")), detail: failed.join("\n") }, index);
        if (lines.some((line) => line.startsWith("exited"))) throw new Error(`a child process died: ${lines.join(" | ")}`);
      } finally {
        removeDatabase(file);
      }
    }
  } finally {
    for (const c of children) c.send("end\n");
    await Promise.all(children.map((c) => c.done));
  }
}

/** The aligned mode's child: for each line "<instant> <file>", opens a connection at that instant. */
async function child(): Promise<void> {
  const { createAdapter } = await import("../../lib/sql");
  // Counts the switches SQLite refused, so the tally shows how often the race was actually met.
  const { default: Database } = await import("better-sqlite3");
  const pragma = Database.prototype.pragma as (this: unknown, ...rest: unknown[]) => unknown;
  let refused = 0;
  (Database.prototype as unknown as { pragma: typeof pragma }).pragma = function (this: unknown, ...rest: unknown[]) {
    try {
      return pragma.apply(this, rest);
    } catch (error) {
      if (String((error as { code?: unknown }).code).startsWith("SQLITE_BUSY")) refused++;
      throw error;
    }
  };
  process.stdout.write("ready\n");
  process.stdin.setEncoding("utf8");
  let buffer = "";
  for await (const chunk of process.stdin) {
    buffer += chunk as string;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      if (line === "end") return;
      const space = line.indexOf(" ");
      const at = Number(line.slice(0, space));
      const factory = createAdapter(line.slice(space + 1));
      while (performance.timeOrigin + performance.now() < at) {
        // Spin: a timer wakes up to a millisecond late, and the window is far shorter than that.
      }
      refused = 0;
      try {
        const adapter = await factory.connect();
        const mode = await adapter.queryRaw({ sql: "PRAGMA journal_mode", args: [], argTypes: [] });
        await adapter.dispose();
        process.stdout.write(`connected ${JSON.stringify(mode.rows)} refused=${refused}\n`);
      } catch (error) {
        process.stdout.write(`failed refused=${refused} ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  }
}

async function main(): Promise<void> {
  const mode = args[0];
  if (mode === "child") return child();
  if (mode !== "vitest" && mode !== "workers" && mode !== "aligned") {
    console.error("Usage: stress-setup-race.ts vitest|workers|aligned [--runs N] [--parallel P] [--processes K] [--keep-logs]");
    process.exitCode = 2;
    return;
  }
  const runs = option("runs", mode === "vitest" ? 100 : 300);
  const parallel = mode === "aligned" ? 1 : option("parallel", 2);
  const processes = option("processes", 2);
  const dir = mkdtempSync(path.join(tmpdir(), "opsbook-stress-"));
  const logs = args.includes("--keep-logs") ? mkdtempSync(path.join(tmpdir(), "opsbook-stress-logs-")) : null;
  const started = performance.now();
  const reasons = new Map<string, number>();
  let done = 0;
  let failures = 0;
  const report = (outcome: Outcome, index: number) => {
    done++;
    if (!outcome.ok) {
      failures++;
      const reason = outcome.reason ?? "?";
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      console.log(`repetition ${index + 1}: FAILED (${reason})`);
      if (failures <= 3 && outcome.detail) {
        const lines = outcome.detail.split("\n").filter((l) => /locked|BUSY|Error|failed|exited/i.test(l));
        console.log(lines.slice(0, 4).map((l) => `    ${l.trim().slice(0, 200)}`).join("\n"));
      }
    }
    if (done % 25 === 0) console.log(`${done}/${runs} done, ${failures} failed, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  };
  try {
    const template = mode === "vitest" ? "" : await makeTemplate(dir);
    if (mode === "aligned") {
      await aligned(template, processes, runs, report);
    } else {
      let next = 0;
      const lane = async () => {
        while (next < runs) {
          const index = next++;
          report(mode === "vitest" ? await vitestOnce(logs, index) : await workersOnce(template), index);
        }
      };
      await Promise.all(Array.from({ length: parallel }, lane));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const seconds = (performance.now() - started) / 1000;
  // In the aligned mode, "collisions" counts the rounds in which SQLite refused a switch to WAL.
  const shape = mode === "aligned" ? `processes=${processes} collisions=${collisions}` : `parallel=${parallel}`;
  console.log(`mode=${mode} repetitions=${done} failures=${failures} ${shape} time=${seconds.toFixed(0)} s`);
  for (const [reason, count] of reasons) console.log(`  ${count} x ${reason}`);
  if (logs) console.log(`logs of failed runs: ${logs}`);
  process.exitCode = failures > 0 ? 1 : 0;
}

void main();
