// What the portal's HTTP listener (scripts/server.mjs) does to each request before and after
// Next.js's handler: the client address, the body limit of the route, and the status of a request
// whose body Next.js could not read. Kept apart from server.mjs so that a test can drive it with a
// stand-in handler. Plain JavaScript (typed by listener.d.mts): the listener runs without a loader.
import { AsyncLocalStorage } from "node:async_hooks";
import { clientAddress } from "../../lib/http/forwarded.mjs";
import { bodyLimit, tooLargeResponse } from "../../lib/http/body-limits.mjs";
import { trackRequest } from "./stall-watch.mjs";

/**
 * @typedef {object} RequestState
 * @property {unknown[]} errors errors logged while the request was handled
 */

/** @type {AsyncLocalStorage<RequestState>} */
const current = new AsyncLocalStorage();
let capturing = false;

/**
 * Records every error logged through console.error during a request on that request, so the
 * listener can tell what made it fail. Next.js logs the error behind a failed request before it
 * writes the response head. Installed once; logging itself is unchanged.
 */
export function captureRequestErrors() {
  if (capturing) return;
  capturing = true;
  const log = console.error.bind(console);
  console.error = (...args) => {
    const state = current.getStore();
    if (state) for (const arg of args) if (isErrorLike(arg)) state.errors.push(arg);
    log(...args);
  };
}

/** @param {unknown} value @returns {value is { stack: string }} */
function isErrorLike(value) {
  return typeof value === "object" && value !== null && typeof (/** @type {{ stack?: unknown }} */ (value).stack) === "string";
}

/**
 * Where a stack frame's code lives: Node.js itself, Next.js (its runtime under node_modules, or
 * the chunks of the build made from it), or anything else (the portal, Prisma, other libraries).
 * @param {string} line one "    at …" line of a stack
 * @returns {"node" | "next" | "other"}
 */
export function frameOrigin(line) {
  const inner = /\(([^()]*)\)\s*$/.exec(line);
  const location = (inner ? inner[1] : line.replace(/^\s*at\s+(async\s+)?/, "")).trim();
  if (location === "" || location === "<anonymous>" || location === "native" || location.startsWith("node:")) return "node";
  const file = location.replace(/^file:\/\//, "").replace(/:\d+(:\d+)?$/, "");
  if (!file.includes("/") && !file.includes("\\")) return "node"; // e.g. "JSON.parse (<anonymous>)" already handled; "new Promise"
  if (/[/\\]node_modules[/\\]next[/\\]/.test(file)) return "next";
  const base = file.split(/[/\\]/).at(-1) ?? "";
  if (/[/\\]\.next[/\\]server[/\\]/.test(file) && (base.startsWith("node_modules_next_") || base.startsWith("[turbopack]_runtime"))) return "next";
  return "other";
}

/**
 * True when an error was raised by Next.js (or React and the form parser inside it) without any of
 * the portal's code on its stack: the framework refusing what the request carried, such as a
 * server-action body React cannot decode. An error with a frame anywhere else is a fault.
 * @param {unknown} error
 */
export function isFrameworkRefusal(error) {
  if (!isErrorLike(error)) return false;
  const frames = error.stack.split("\n").filter((line) => /^\s*at\s/.test(line));
  const origins = frames.map(frameOrigin);
  return origins.includes("next") && !origins.includes("other");
}

/**
 * Next.js answers 500 to two kinds of unreadable requests before any of the portal's code runs:
 * a router-state header it cannot parse, and a form post (server action) whose body React or the
 * multipart parser cannot decode. The first header is dropped (the page then renders in full);
 * the second is answered 400. Every other 5xx is a fault: it goes out as it is and is logged.
 * @param {import("node:http").IncomingMessage} req
 * @param {(state: string) => void} parseRouterState throws on a header Next.js would refuse
 */
function dropUnreadableRouterState(req, parseRouterState) {
  const state = req.headers["next-router-state-tree"];
  if (state === undefined) return;
  try {
    parseRouterState(Array.isArray(state) ? (state[0] ?? "") : state);
  } catch {
    delete req.headers["next-router-state-tree"];
  }
}

/** The path of a request for a log line: no query string, nothing unprintable, not too long. */
function loggedPath(url = "") {
  const path = url.split("?")[0] ?? "";
  const printable = path.replace(/[^\x21-\x7e]/g, "?");
  return printable.length > 200 ? `${printable.slice(0, 200)}…` : printable;
}

/** The method of a request for a log line: a known method, or "?" for anything else. */
function loggedMethod(method = "") {
  return /^[A-Z]{3,7}$/.test(method) ? method : "?";
}

/**
 * The largest declared body the listener reads and throws away after refusing it. A client sends
 * its whole body before it reads the answer; closing the connection on unread data resets it, and
 * the client then reports a broken pipe instead of the 413. Up to this size the rest of the body
 * is drained (Node discards it, within the server's request timeout) and the 413 arrives.
 */
const DRAIN_AFTER_REFUSAL_BYTES = 64 * 1024 * 1024;

/**
 * Answers 413. `drain`: the connection stays open while Node discards the rest of the body, so the
 * client sees the answer; otherwise it is closed, so no more of the body is taken in.
 * @param {import("node:http").ServerResponse} res
 * @param {import("../../lib/http/body-limits.mjs").BodyLimit} limit
 * @param {boolean} [drain]
 */
function refuseTooLarge(res, limit, drain = false) {
  const answer = tooLargeResponse(limit);
  res.writeHead(answer.status, {
    "Content-Type": answer.contentType,
    "Content-Length": Buffer.byteLength(answer.body),
    "Cache-Control": "no-store",
    ...(drain ? {} : { Connection: "close" }),
  });
  res.end(answer.body);
}

/** After the listener has answered, whatever the handler still writes goes nowhere. */
function silence(res) {
  const ignore = () => res;
  res.writeHead = ignore;
  res.setHeader = ignore;
  res.appendHeader = ignore;
  res.removeHeader = () => undefined;
  res.flushHeaders = () => undefined;
  res.write = () => true;
  res.end = (...args) => {
    const callback = args.find((a) => typeof a === "function");
    if (callback) process.nextTick(callback);
    return res;
  };
}

/**
 * Counts a body without a declared length as it arrives and stops it at the limit: past it, not a
 * byte more (nor its end) reaches the handler, which therefore never sees a complete body; the
 * listener answers 413 and the connection is closed.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {import("../../lib/http/body-limits.mjs").BodyLimit} limit
 */
function cutOffAtLimit(req, res, limit) {
  let received = 0;
  let cut = false;
  const push = req.push;
  req.push = function (chunk, encoding) {
    if (cut) return true; // discarded: reading on lets the 413 leave before the socket closes
    if (chunk !== null && chunk !== undefined) {
      received += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
      if (received > limit.bytes) {
        cut = true;
        if (res.headersSent) {
          req.socket.destroy();
        } else {
          refuseTooLarge(res, limit);
          silence(res);
        }
        return true;
      }
    }
    return push.call(this, chunk, encoding);
  };
}

/**
 * @typedef {object} ListenerOptions
 * @property {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => unknown} handle Next.js's request handler
 * @property {number} trustedHops reverse proxies whose X-Forwarded-For entries are believed
 * @property {(state: string) => void} [parseRouterState] Next.js's router-state parser
 * @property {(line: string) => void} [logError] where a fault's one-line summary goes
 */

/**
 * The request listener: `listener(req, res)` for the server's "request" event and
 * `listener.checkContinue` for requests that wait for "100 Continue" before sending their body.
 * @param {ListenerOptions} options
 */
export function createRequestListener({ handle, trustedHops, parseRouterState = () => {}, logError = (line) => console.error(line) }) {
  /**
   * @param {import("node:http").IncomingMessage} req
   * @param {import("node:http").ServerResponse} res
   * @param {boolean} waitsForContinue
   */
  function serve(req, res, waitsForContinue) {
    const limit = bodyLimit(req.url ?? "/");
    trackRequest(req, res, `${loggedMethod(req.method)} ${loggedPath(req.url)}`);
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit.bytes) {
      // Refused on its declared length alone: never handed on, nor asked for with Expect. A body
      // already on its way is drained and discarded, up to a bound, so the client gets the 413.
      refuseTooLarge(res, limit, !waitsForContinue && Number(declared) <= DRAIN_AFTER_REFUSAL_BYTES);
      return;
    }
    if (declared === undefined && req.headers["transfer-encoding"] !== undefined) cutOffAtLimit(req, res, limit);
    if (waitsForContinue) res.writeContinue();

    req.headers["x-forwarded-for"] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedHops);
    delete req.headers["x-real-ip"];
    dropUnreadableRouterState(req, parseRouterState);

    // A form post to a page is where Next.js decodes a body it may not be able to read.
    const postsToPage = req.method === "POST" && limit.kind !== "api" && limit.kind !== "auth";
    /** @type {RequestState} */
    const state = { errors: [] };
    const writeHead = res.writeHead.bind(res);
    res.writeHead = (status, ...rest) => {
      let answered = status;
      if (status >= 500) {
        if (postsToPage && state.errors.length > 0 && state.errors.every(isFrameworkRefusal)) answered = 400;
        else logError(`Opsbook: server error ${status} for ${req.method} ${loggedPath(req.url)}`);
      }
      return writeHead(answered, ...rest);
    };
    current.run(state, () => void handle(req, res));
  }

  /** @type {((req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void) & { checkContinue: (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void }} */
  const listener = Object.assign((req, res) => serve(req, res, false), { checkContinue: (req, res) => serve(req, res, true) });
  return listener;
}
