// Notices when the event loop was held: a timer that should fire every `interval` ms looks at how
// late it fired, and a delay past the threshold is logged with the requests that were in progress.
// The portal answers every request on one thread, so a held loop is a pause for every user and for
// the health check; the log line names the requests that were in progress or began meanwhile. Plain JavaScript (typed by
// stall-watch.d.mts), like the listener it works beside.

/** How often a supervised server sends { alive: true } to `npm start`, whose watchdog listens. */
export const HEARTBEAT_MS = 5_000;

/** The requests in progress, as "METHOD /path" strings, by a key the listener holds. */
const inProgress = new Map();
let nextKey = 0;
/**
 * The requests in progress at the watch's last tick, and those begun since: a request that holds
 * the loop often ends in the same turn, before the watch can look, and must still be named.
 */
let sinceLastTick = new Map();

/**
 * Notes a request as in progress until its response ends or its connection closes.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {string} label what the log line calls it, e.g. "GET /reports"
 */
export function trackRequest(req, res, label) {
  const key = nextKey++;
  inProgress.set(key, label);
  sinceLastTick.set(key, label);
  const done = () => inProgress.delete(key);
  res.once("finish", done);
  res.once("close", done);
}

/** The labels of the requests in progress, at most `max` of them. */
export function requestsInProgress(max = 5) {
  return [...inProgress.values()].slice(0, max);
}

/**
 * Starts watching. Returns a function that stops it. The timer is unref'd: it never keeps the
 * process alive by itself.
 * @param {{ thresholdMs: number, intervalMs?: number, log?: (line: string) => void, now?: () => number }} options
 */
export function watchStalls({ thresholdMs, intervalMs = 20, log = (line) => console.warn(line), now = () => performance.now() }) {
  let expected = now() + intervalMs;
  const timer = setInterval(() => {
    const at = now();
    const late = at - expected;
    expected = at + intervalMs;
    if (late >= thresholdMs) {
      const during = [...sinceLastTick.values()].slice(0, 5);
      log(`Opsbook: the event loop was held for ${Math.round(late)} ms${during.length > 0 ? ` (requests: ${during.join(", ")})` : ""}`);
    }
    sinceLastTick = new Map(inProgress);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Resolves once the event loop has run free (no turn longer than `stallMs`) for `quietMs` in a
 * row, or after `maxMs` whatever happened. Next.js loads every page's modules in the background
 * once it is prepared, holding the loop for up to a second at a time; the server listens only
 * after that, so that its first requests and health checks are not kept waiting.
 * @param {{ quietMs?: number, stallMs?: number, maxMs?: number, intervalMs?: number }} [options]
 * @returns {Promise<{ waitedMs: number, settled: boolean }>}
 */
export function waitForQuiet({ quietMs = 1000, stallMs = 50, maxMs = 20_000, intervalMs = 10 } = {}) {
  const started = performance.now();
  return new Promise((resolve) => {
    let last = started;
    let quietSince = started;
    const timer = setInterval(() => {
      const now = performance.now();
      if (now - last - intervalMs >= stallMs) quietSince = now;
      last = now;
      const settled = now - quietSince >= quietMs;
      if (settled || now - started >= maxMs) {
        clearInterval(timer);
        resolve({ waitedMs: Math.round(now - started), settled });
      }
    }, intervalMs);
  });
}

/**
 * The threshold from STALL_LOG_MS: a whole number of milliseconds (at least 10), "off" to
 * not watch, or unset for the default of 250 ms.
 * @param {string | undefined} value
 * @returns {number | null} null when the watch is off
 */
export function stallThreshold(value) {
  if (value === undefined || value.trim() === "") return 250;
  if (value.trim().toLowerCase() === "off") return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 10 || n > 600_000) throw new Error(`OPSBOOK_STALL_LOG_MS must be a whole number of milliseconds from 10 to 600000, or "off" (it is ${JSON.stringify(value)}).`);
  return n;
}
