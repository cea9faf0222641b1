// One build at a time per checkout: `next build` rewrites `.next` from scratch, so two builds (two
// starts, or a build and a start) running at once would leave a mix of both. The lock is a file
// created exclusively (O_EXCL) holding the owner's pid; a lock whose pid is gone is stale and taken
// over, so a build killed half-way never blocks the next one.
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

/** Where the lock of the build in `root` lives: ignored by git, and not inside `.next`, which the build empties. */
export function buildLockFile(root: string): string {
  return path.join(root, "node_modules", ".cache", "opsbook-build.lock");
}

export interface LockHolder {
  pid: number;
  /** What the holder is doing, as it said when taking the lock ("npm start", "npm run build"). */
  purpose: string;
}

export interface AcquireOptions {
  /** Written into the lock for whoever has to wait. */
  purpose: string;
  /** Called once, when the lock is first found held by a live process. */
  onWait?: (holder: LockHolder) => void;
  /** How often to look again while waiting. */
  pollMs?: number;
}

export type ReleaseLock = () => void;

/** How long a lock file may stay without a pid before it counts as abandoned. */
const EMPTY_LOCK_GRACE_MS = 10_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The holder named in a lock file, or null when the file is gone or unreadable. */
export function readLock(file: string): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return null;
  }
  const [pidLine = "", purpose = ""] = text.split("\n");
  const pid = Number(pidLine);
  // A file its creator has not yet written to names no pid (-1).
  return { pid: Number.isInteger(pid) && pid > 0 ? pid : -1, purpose: purpose.trim() };
}

/** A lock that nobody holds any more. */
function isStale(file: string, holder: LockHolder): boolean {
  // Our own pid can only be an earlier process's (a restarted container reuses low pids): this
  // process never waits for itself.
  if (holder.pid === process.pid) return true;
  if (holder.pid > 0) return !isAlive(holder.pid);
  // No pid yet: its creator is between creating and writing it, or died there.
  try {
    return Date.now() - statSync(file).mtimeMs > EMPTY_LOCK_GRACE_MS;
  } catch {
    return false;
  }
}

function tryCreate(file: string, purpose: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, "wx", 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeSync(fd, `${process.pid}\n${purpose}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a lock whose holder has died. The file is first renamed to a name only this process
 * uses, so of several processes finding the same stale lock exactly one removes it; should the
 * renamed file turn out to be a live lock created in between, it is put back.
 */
function clearStale(file: string, dead: LockHolder): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    renameSync(file, aside);
  } catch {
    return; // someone else got there first
  }
  const moved = readLock(aside);
  if (moved && moved.pid !== dead.pid && moved.pid > 0 && isAlive(moved.pid)) {
    try {
      linkSync(aside, file);
    } catch {
      // A newer lock exists already; the one moved aside is lost, and its owner's release finds nothing to remove.
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // already gone
  }
}

/**
 * Takes the lock, waiting while a live process holds it. Returns the function that releases it;
 * the lock is also released if this process exits without calling it.
 */
export async function acquireLock(file: string, options: AcquireOptions): Promise<ReleaseLock> {
  mkdirSync(path.dirname(file), { recursive: true });
  let told = false;
  for (;;) {
    if (tryCreate(file, options.purpose)) break;
    const holder = readLock(file);
    if (holder && isStale(file, holder)) {
      clearStale(file, holder);
      continue;
    }
    if (holder && !told) {
      told = true;
      options.onWait?.(holder);
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    // Only a lock that is still ours: a stale-lock recovery elsewhere may have replaced it.
    if (readLock(file)?.pid === process.pid) {
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
    }
  };
  process.on("exit", release);
  return release;
}
