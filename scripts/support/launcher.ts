// Noticing that whatever launched `npm start` has gone. npm runs the start script through `sh -c`,
// and on SIGTERM it signals only that shell, which dies without passing the signal on: tsx, this
// script and the server would go on running, orphaned, with the port held. The shell's death shows
// as tsx getting a new parent, which this process can see (Linux /proc; elsewhere nothing is
// watched). Under a service manager that starts tsx or node directly, the launcher is process 1
// and nothing is watched either.
import { readFileSync } from "node:fs";

/** The parent of a process, or null when it is gone or cannot be read. */
export function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (command) state ppid …"; the command may itself hold spaces and parentheses.
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

/**
 * Calls `onGone` once when the process that started this one's parent is no longer that parent's
 * parent (it died, so the parent was handed to init or a subreaper), or when the parent itself is
 * gone. Checks once a second without keeping the process alive. Returns a function that stops it.
 */
export function watchLauncher(onGone: () => void, options: { intervalMs?: number; parent?: number } = {}): () => void {
  const parent = options.parent ?? process.ppid;
  const launcher = parentOf(parent);
  // Not Linux, or started straight by init / a service manager: nothing to watch.
  if (launcher === null || launcher <= 1) return () => {};
  const timer = setInterval(() => {
    if (parentOf(parent) === launcher) return;
    clearInterval(timer);
    onGone();
  }, options.intervalMs ?? 1_000);
  timer.unref();
  return () => clearInterval(timer);
}
