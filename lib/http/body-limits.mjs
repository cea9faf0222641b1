// How large a request body the portal accepts, by the kind of route it is sent to. The listener
// (scripts/server.mjs) enforces these before any of the body reaches Next.js: a declared length
// over the limit is refused before a byte is read, a body without one (chunked) is counted as it
// arrives and cut off at the limit. Plain JavaScript, so the listener needs no TypeScript loader;
// typed by body-limits.d.mts. Decision 023 gives the arithmetic behind each figure.

const KiB = 1024;
const MiB = 1024 * KiB;

/**
 * The procedure import's own ceiling on what is uploaded at once: IMPORT_LIMITS.uploadBytes in
 * lib/procedures/files.ts (a test keeps the two equal).
 */
export const IMPORT_UPLOAD_BYTES = 4 * MiB;

/**
 * Bytes per kind of route.
 * - auth: next-auth's endpoints (a CSRF token, an e-mail address, a password, a callback URL).
 * - api: the other route handlers; only the schedule preview takes a body (a short JSON form).
 * - import: the library import page, whose action carries the uploaded files; the upload limit
 *   plus the multipart envelope (a part header per file, up to 500 files) and the form's previous
 *   result, which React sends back with every submission.
 * - editor: the procedure editor, whose draft travels as one JSON field of at most 200,000
 *   characters (600 kB in UTF-8 at worst) plus the previous result.
 * - form: every other page and its server actions; the largest form (an incident with three
 *   5,000-character texts) stays under half of this even with its previous result echoed back.
 */
export const BODY_LIMITS = Object.freeze({
  auth: 8 * KiB,
  api: 16 * KiB,
  import: IMPORT_UPLOAD_BYTES + 512 * KiB,
  editor: 1 * MiB,
  form: 128 * KiB,
});

/** The largest body any route accepts: Next.js's own server-action limit (next.config.js) matches it. */
export const LARGEST_BODY = Math.max(...Object.values(BODY_LIMITS));

/**
 * The path as routing will see it: the path of a URL (origin-form or absolute-form), dot segments
 * resolved, percent-escapes decoded where they decode.
 * @param {string} url
 */
function routePath(url) {
  let pathname;
  try {
    pathname = new URL(url, "http://localhost").pathname;
  } catch {
    return url;
  }
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/**
 * The kind of route a request URL goes to. Only exact paths earn a larger limit than a form's;
 * any spelling routing might still take for an /api path (other letter case, escapes) is counted
 * as /api, whose limits are the smaller ones.
 * @param {string} url the request target as received (path and query)
 * @returns {keyof typeof BODY_LIMITS}
 */
export function routeKind(url) {
  const path = routePath(url);
  const lower = path.toLowerCase();
  if (lower === "/api/auth" || lower.startsWith("/api/auth/")) return "auth";
  if (lower === "/api" || lower.startsWith("/api/")) return "api";
  if (path === "/procedures/import") return "import";
  if (path === "/procedures/new" || /^\/procedures\/[^/]+\/edit$/.test(path)) return "editor";
  return "form";
}

/**
 * The body limit of a request URL, with its kind.
 * @param {string} url
 * @returns {{ kind: keyof typeof BODY_LIMITS, bytes: number }}
 */
export function bodyLimit(url) {
  const kind = routeKind(url);
  return { kind, bytes: BODY_LIMITS[kind] };
}

/**
 * A size as people read it: "128 kB", "4.5 MB" (binary units, as the import page counts).
 * @param {number} bytes
 */
export function formatSize(bytes) {
  if (bytes >= MiB) return `${Number((bytes / MiB).toFixed(1))} MB`;
  return `${Math.round(bytes / KiB)} kB`;
}

/**
 * The answer to a body over its limit: one sentence, as JSON under /api and as plain text
 * elsewhere (a page or a server action).
 * @param {{ kind: keyof typeof BODY_LIMITS, bytes: number }} limit
 * @returns {{ status: 413, contentType: string, body: string }}
 */
export function tooLargeResponse(limit) {
  const message = `The request is too large: ${limit.kind === "auth" || limit.kind === "api" ? "this address" : "this page"} accepts at most ${formatSize(limit.bytes)}.`;
  if (limit.kind === "auth" || limit.kind === "api") {
    return { status: 413, contentType: "application/json", body: JSON.stringify({ error: message }) };
  }
  return { status: 413, contentType: "text/plain; charset=utf-8", body: `${message}\n` };
}
