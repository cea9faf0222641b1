// A process tree on a pinned clock, for the end-to-end tests, the crash test and the benchmarks.
//
// Debian's libfaketime is preloaded into every process of the tree (the portal, the CLI, Playwright
// and Chromium alike). The offset from the real clock lives in a small file that every process
// re-reads at most once a second, so the clock runs normally from the pinned instant and a test can
// move it forward (time passing) for all of them at once. Node's timers use the monotonic clock,
// which stays real: a frozen or jumping wall clock never stalls them.
//
// The portal never learns about any of this: it reads the system clock, which libfaketime answers.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const LIBRARY = "libfaketime.so.1";

/** Where Debian (and most Linux distributions) install libfaketime, or null. */
export function libfaketimePath(): string | null {
  for (const root of ["/usr/lib", "/usr/lib64", "/usr/local/lib"]) {
    if (existsSync(path.join(root, "faketime", LIBRARY))) return path.join(root, "faketime", LIBRARY);
    if (!existsSync(root)) continue;
    for (const entry of readdirSync(root)) {
      const candidate = path.join(root, entry, "faketime", LIBRARY);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

const MISSING =
  "The end-to-end tests, the crash test and the benchmarks run on a pinned clock through libfaketime, which is not installed. " +
  "On Debian or Ubuntu: apt-get install faketime (.ci/run installs it).";

/**
 * The real time, even when this process already runs under libfaketime (someone started `npm test`
 * under `faketime`): a child without the preload reads the system clock itself.
 */
export function realNow(): number {
  if (!/faketime/.test(process.env.LD_PRELOAD ?? "")) return Date.now();
  const env = withoutFakeClock(process.env);
  const result = spawnSync(process.execPath, ["-p", "Date.now()"], { env, encoding: "utf8" });
  const value = Number(result.stdout.trim());
  if (result.status !== 0 || !Number.isFinite(value)) throw new Error(`Could not read the real clock: ${result.stderr}`);
  return value;
}

/** The environment without any libfaketime settings inherited from a caller. */
function withoutFakeClock(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...env };
  for (const key of Object.keys(clean)) if (key.startsWith("FAKETIME") || key === "DONT_FAKE_MONOTONIC" || key === "NO_FAKE_STAT") delete clean[key];
  const preload = (clean.LD_PRELOAD ?? "").split(/[:\s]+/).filter((entry) => entry && !entry.includes("faketime"));
  if (preload.length) clean.LD_PRELOAD = preload.join(":");
  else delete clean.LD_PRELOAD;
  return clean;
}

/** Writes the offset file in one step, so a process never reads half of it. */
export function writeOffset(file: string, offsetSeconds: number): void {
  const text = `${offsetSeconds >= 0 ? "+" : ""}${Math.round(offsetSeconds)}\n`;
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

export interface PinnedClock {
  /** The environment for the process tree: the caller's, with the clock pinned. */
  env: NodeJS.ProcessEnv;
  /** The offset file; FAKETIME_TIMESTAMP_FILE in `env`. */
  file: string;
  /** Removes the offset file and its folder. */
  dispose(): void;
}

/** An environment whose processes see a clock that reads `at` now and runs on from there. */
export function pinClock(at: Date, base: NodeJS.ProcessEnv = process.env): PinnedClock {
  const library = libfaketimePath();
  if (!library) throw new Error(MISSING);
  const folder = mkdtempSync(path.join(tmpdir(), "opsbook-clock-"));
  const file = path.join(folder, "offset");
  writeOffset(file, (at.getTime() - realNow()) / 1000);
  const clean = withoutFakeClock(base);
  const env: NodeJS.ProcessEnv = {
    ...clean,
    LD_PRELOAD: [library, clean.LD_PRELOAD].filter(Boolean).join(":"),
    FAKETIME_TIMESTAMP_FILE: file,
    // Re-read the offset at most once a second: a moved clock reaches every process within that.
    FAKETIME_CACHE_DURATION: "1",
    // Timers, timeouts and performance.now stay on the real monotonic clock.
    DONT_FAKE_MONOTONIC: "1",
    // File times stay real, so build stamps and caches mean what they say.
    NO_FAKE_STAT: "1",
  };
  return { env, file, dispose: () => rmSync(folder, { recursive: true, force: true }) };
}
