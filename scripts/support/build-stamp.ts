// The production build and the record of what it was built from, shared by `npm run build` and
// `npm start`: a build writes the hash of the app's sources into `.next`, and a start builds only
// when that hash no longer matches, so a start after a build (or after another start) never builds
// again. Builds of one checkout take turns through a lock (build-lock.ts).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { acquireLock, buildLockFile, type LockHolder } from "./build-lock";

/** What the built app depends on; a change to any of these makes the next start build again. */
const SOURCE_DIRS = ["app", "components", "lib", "prisma", "public", "types"];
const SOURCE_FILES = ["package-lock.json", "next.config.js", "postcss.config.mjs", "tsconfig.json", "proxy.ts", "instrumentation.ts"];

export function stampFile(root: string): string {
  return path.join(root, ".next", "opsbook-source-hash");
}

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

/** Hash of every source file's path, size and content. */
export function sourceHash(root: string): string {
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

/** Whether `.next` holds a complete build of exactly these sources. */
export function isBuilt(root: string, hash: string = sourceHash(root)): boolean {
  const stamp = stampFile(root);
  return existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash;
}

export function writeStamp(root: string, hash: string): void {
  writeFileSync(stampFile(root), hash);
}

export interface BuildOptions {
  /** Named in the lock, for a second process that has to wait ("npm start", "npm run build"). */
  purpose: string;
  /** Build even when the stamp matches (`npm run build` does what it says). */
  always: boolean;
  log: (line: string) => void;
}

export function waitingLine(holder: LockHolder, lockFile: string): string {
  const who = holder.pid > 0 ? `process ${holder.pid}${holder.purpose ? `, ${holder.purpose}` : ""}` : "a process just starting";
  return `Opsbook: another build of this app is running (${who}); waiting for it to finish (lock ${lockFile})…`;
}

/**
 * Runs `next build`, forwarding a stop signal so an interrupted build does not linger. Resolves
 * with its exit status.
 *
 * No page is rendered at build time (app/layout.tsx), so the build reads no data. Collecting page
 * data still loads every module; none of them touches the database or the files beside it until a
 * request needs them (the folder is made when a connection opens, the session key when a request
 * first signs), so the build neither creates nor opens a database, and comes out the same whatever
 * one holds.
 */
function runNextBuild(root: string): Promise<number> {
  const child = spawn(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (status: number) => {
      if (settled) return;
      settled = true;
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(status);
    };
    child.on("error", () => settle(127)); // `next` could not be started (npm install not run?)
    child.on("exit", (code, signal) => settle(code ?? (signal ? 1 : 0)));
  });
}

/**
 * Builds the app unless (when `always` is false) it is already built from these sources, holding
 * the build lock throughout. Returns whether a build ran; throws when the build fails.
 */
export async function buildApp(root: string, options: BuildOptions): Promise<boolean> {
  // Already built: nothing to wait for, and nothing written (a deployed tree may be read-only).
  if (!options.always && isBuilt(root)) return false;
  const lockFile = buildLockFile(root);
  const release = await acquireLock(lockFile, {
    purpose: options.purpose,
    onWait: (holder) => options.log(waitingLine(holder, lockFile)),
  });
  try {
    // Read after taking the lock: the build waited for may just have built these very sources.
    const hash = sourceHash(root);
    if (!options.always && isBuilt(root, hash)) return false;
    options.log(
      options.always
        ? "Opsbook: building the production app (this takes a minute or two)…"
        : "Opsbook: building the production app (first start or sources changed; this takes a minute or two)…",
    );
    const status = await runNextBuild(root);
    if (status !== 0) throw new Error(`the build failed (next build exited with status ${status}); its output is above.`);
    writeStamp(root, hash);
    return true;
  } finally {
    release();
  }
}
