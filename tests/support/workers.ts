// Starting the worker processes of the multi-process tests and reading what they report. A worker
// prints "ready" once set up, waits for "go" on stdin (tests/support/worker-io.ts), and ends by
// printing one JSON line with what it did.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export interface Worker {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  done: Promise<{ code: number | null; out: string; err: string }>;
}

/** Runs `script` (a path from the repository root) under tsx with `plan` as its argument. */
export function startWorker(script: string, plan: unknown): Worker {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script, JSON.stringify(plan)], {
    cwd: root,
    env: { ...process.env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  let signalReady: () => void;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString();
    if (out.startsWith("ready\n")) signalReady();
  });
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  // Writing to a worker that already died fails; its exit code and stderr tell the story instead.
  child.stdin.on("error", () => {});
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on("close", (code) => resolve({ code, out, err })));
  // A worker that dies before it is ready must not leave the test waiting for it.
  void done.then(() => signalReady());
  return { child, ready, done };
}

/** The JSON line a worker printed last. */
export function lastLine<T>(output: string): T {
  return JSON.parse(output.trim().split("\n").at(-1)!) as T;
}
