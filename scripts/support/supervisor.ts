// Keeps the portal's server process running for `npm start` (scripts/start.ts). A server that came
// up (it says so over the IPC channel once it listens) and then dies is started again, at once the
// first time and after longer pauses when it keeps dying, at most once a minute. A server that
// dies before it was ready is not: a busy port, a bad setting or a missing build would fail the
// same way again, so `npm start` ends with the server's exit code and the service manager (or the
// person) decides. SIGINT and SIGTERM stop the server and `npm start` with it (decision 023).
// A server that is alive but whose event loop has been held for WATCHDOG_SECONDS (it sends a
// heartbeat over the channel every few seconds, which needs a free event loop) is killed and so
// restarted the same way: a hung portal answers nobody, the health check included.
import type { ChildProcess } from "node:child_process";
import { HEARTBEAT_MS } from "./stall-watch.mjs";

/** Pauses before restarting a server that keeps dying, by how many times it died in a row. */
export const RESTART_DELAYS_S = [1, 5, 15, 30, 60] as const;
/** A server that ran this long before dying counts as having recovered: the pauses start over. */
export const STABLE_AFTER_MS = 10 * 60_000;

/** Seconds to wait before restarting after the n-th death in a row (n ≥ 1); a minute at most. */
export function restartDelaySeconds(deathsInARow: number): number {
  const index = Math.min(Math.max(deathsInARow, 1), RESTART_DELAYS_S.length) - 1;
  return RESTART_DELAYS_S[index]!;
}

/** How a process ended, as the log says it: "signal SIGKILL" or "exit code 3". */
export function howItEnded(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `exit code ${code ?? "unknown"}`;
}

export interface SupervisorOptions {
  /** Starts one server process with an IPC channel; it sends { ready: true } once it listens. */
  spawnServer: () => ChildProcess;
  /** Called each time a server is ready: 0 for the first start, then the number of the restart. */
  onReady: (restart: number) => void;
  log: (line: string) => void;
  /** Ends `npm start` with this status. */
  exit: (code: number) => void;
  /** A ready server silent (no heartbeat) this long is killed and restarted; 60 s by default. */
  hungAfterMs?: number;
  /** A monotonic clock in ms (performance.now by default) and the timers, replaceable in tests. */
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** A repeating timer for the watchdog's checks. */
  every?: (callback: () => void, ms: number) => unknown;
  cancelEvery?: (timer: unknown) => void;
}

export interface Supervisor {
  /** Stops the server (with this signal) and ends `npm start` once it has gone; no restart. */
  stop: (signal: NodeJS.Signals) => void;
  /** The server process running now, if any. */
  current: () => ChildProcess | null;
}

export function superviseServer(options: SupervisorOptions): Supervisor {
  // A monotonic clock: a step of the wall clock (NTP, a changed time zone setting, a test moving
  // time) must neither look like hours of silence to the watchdog nor end the back-off.
  const now = options.now ?? (() => performance.now());
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
  const every = options.every ?? ((callback, ms) => setInterval(callback, ms));
  const cancelEvery = options.cancelEvery ?? ((timer) => clearInterval(timer as NodeJS.Timeout));
  const hungAfterMs = options.hungAfterMs ?? 60_000;

  let child: ChildProcess | null = null;
  let restarts = 0;
  let deathsInARow = 0;
  let stopping = false;
  let pending: unknown = null;

  function start(): void {
    const server = options.spawnServer();
    child = server;
    let readyAt: number | null = null;
    let lastBeat = 0;
    let watchdog: unknown = null;
    server.on("message", (message: { ready?: boolean; alive?: boolean } | undefined) => {
      if (message?.alive) lastBeat = now();
      if (!message?.ready || readyAt !== null) return;
      readyAt = now();
      lastBeat = readyAt;
      watchdog = every(() => {
        const silent = now() - lastBeat;
        if (silent < hungAfterMs || stopping || server.exitCode !== null || server.signalCode !== null) return;
        cancelEvery(watchdog);
        watchdog = null;
        options.log(`Opsbook: the server has sent no heartbeat for ${Math.round(silent / 1000)} s (its event loop is held), so it is killed and restarted.`);
        server.kill("SIGKILL");
      }, Math.min(HEARTBEAT_MS, hungAfterMs));
      options.onReady(restarts);
    });
    server.on("exit", (code, signal) => {
      if (watchdog !== null) cancelEvery(watchdog);
      watchdog = null;
      if (child === server) child = null;
      if (stopping) return options.exit(code ?? 0);
      if (readyAt === null) {
        // It never listened: whatever stopped it would stop the next one too.
        options.log(`Opsbook: the server stopped before it was ready (${howItEnded(code, signal)}), so it is not restarted.`);
        return options.exit(code && code > 0 ? code : 1);
      }
      deathsInARow = now() - readyAt >= STABLE_AFTER_MS ? 1 : deathsInARow + 1;
      const delay = restartDelaySeconds(deathsInARow);
      options.log(`Opsbook: the server stopped (${howItEnded(code, signal)}); restarting in ${delay} s.`);
      pending = setTimer(() => {
        pending = null;
        if (stopping) return;
        restarts += 1;
        options.log(`Opsbook: restarting the server (restart ${restarts} since npm start).`);
        start();
      }, delay * 1000);
    });
  }

  start();
  return {
    stop(signal) {
      if (stopping) {
        // Asked twice: the server is taking too long to finish its requests.
        child?.kill("SIGKILL");
        return;
      }
      stopping = true;
      if (pending !== null) clearTimer(pending);
      if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
      else options.exit(0);
    },
    current: () => child,
  };
}
