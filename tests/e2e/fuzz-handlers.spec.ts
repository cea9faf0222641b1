// Fuzzing over HTTP (issue 8), against the production server. Every route handler under app/api
// gets malformed query strings, methods, headers and bodies; every server action gets malformed
// arguments and envelopes (bad multipart, bad JSON in field "0", unknown or broken Next-Action
// ids, huge fields), as a signed-in administrator and now and then anonymously. Never a server
// error, never a write, and every refusal says what is wrong: a 4xx with a message, or the
// action's own error. Envelopes that React cannot decode at all are answered by Next.js itself
// with an error row in the action response; those are counted and printed, not hidden.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { strToU8, zipSync } from "fflate";
import { PATHOLOGICAL_BODIES } from "../support/pathological-markdown";
import { ADMIN, queryDb, signIn } from "./support";

const SEED = 20_261_124;
const HANDLER_CASES = 700;
const ACTION_CASES = 600;
const CATCH_ALL = "Something went wrong on the server";

interface Probe {
  /** What kind of case this is, for the counts. */
  label: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer | FormData;
  anonymous?: boolean;
  /**
   * Server action calls only. true: React decodes the envelope and the id is known, so the action
   * itself must answer; false: an envelope React cannot decode, answered by Next.js.
   */
  wellFormed?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Values

const printable = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });
const VALUES = [
  "", " ", "x", "-1", "0", "1.5", "NaN", "Infinity", "1e309", "9007199254740993", "2026-02-30", "0000-01-01", "9999-12-31", "2026-13-01", "2026-1-1",
  "\u0000", "' OR '1'='1", "<script>alert(1)</script>", "../../etc/passwd", "[]", "{}", "null", "undefined", "😀", "\u202e", "true", "ADMIN", "custom",
  "exceptions", "figures", "javascript:alert(1)", "//evil.example", "http://evil.example/", "%00", "$K1", "__proto__",
  // Dates at and beyond the portal's range, numbers beyond any field, hostile characters.
  "1999-12-31", "2000-01-01", "2100-12-31", "2101-01-01", "+010000-01-01", "9999-10-01", "-000001-01-01", "9999-12", "2100-12", "1e308", "-Infinity",
  "9".repeat(400), "\ud800", "a\udfffb", "\u001b[2J", "\u0085", "\u2066x\u2069", "Mallory\u202eeciA",
];
const value = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 6_000 }).map((n) => "x".repeat(n)) },
);
/** Query strings over a handler's own parameters, odd names and raw (badly encoded) text. */
function query(names: string[]) {
  const name = fc.oneof(
    ...(names.length ? [{ weight: 4, arbitrary: fc.constantFrom(...names) }] : []),
    { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "a[]", "", "x".repeat(300)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  );
  return fc
    .oneof(
      { weight: 5, arbitrary: fc.array(fc.tuple(name, value), { maxLength: 6 }).map((pairs) => new URLSearchParams(pairs).toString()) },
      { weight: 1, arbitrary: fc.constantFrom("%", "%E0%A4%A", "a=%ZZ", "&&&", "=", "a==b", "slug=%00", ";", "%2e%2e%2f", "role=%FF%FE") },
    )
    .map((q) => (q ? `?${q}` : ""));
}
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
/** Headers a hostile client might send (printable ASCII only: HTTP allows nothing else). */
const headers = fc
  .record(
    {
      "Content-Type": fc.constantFrom("application/json", "text/plain", "multipart/form-data", "multipart/form-data; boundary=", "application/x-www-form-urlencoded", "x/y", ";;;"),
      Accept: fc.constantFrom("text/x-component", "*/*", "application/json", "text/csv", "garbage/"),
      Origin: fc.constantFrom("null", "http://evil.example", ""),
      "X-Forwarded-Host": fc.constantFrom("evil.example", "", "a".repeat(300)),
      "X-Forwarded-For": printable(40),
      Range: fc.constantFrom("bytes=abc", "bytes=0-", "bytes=-1", "items=1-2"),
      "If-None-Match": printable(40),
      "Accept-Language": printable(40),
      "Next-Action": fc.constantFrom("x", "0".repeat(42), "../../x"),
      RSC: fc.constant("1"),
      "Next-Router-State-Tree": printable(60),
    },
    { requiredKeys: [] },
  )
  .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== "")));
const junkBody = fc.oneof(fc.constant(undefined), printable(200), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)));

/** A GET handler, reached with its parameters and every other method, path and header. */
function getHandler(route: string, names: string[]): fc.Arbitrary<Probe> {
  return fc
    .record({
      method: fc.oneof({ weight: 6, arbitrary: fc.constant("GET") }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
      tail: fc.oneof({ weight: 8, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.constantFrom("/", "/x", "/..", "%00", "%2F..", "/%E0%A4%A") }),
      q: query(names),
      headers: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: headers }),
      body: junkBody,
      anonymous: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    })
    .map(({ method, tail, q, headers, body, anonymous }) => ({
      label: `${method} ${route}${tail ? " (odd path)" : ""}${anonymous ? " (anonymous)" : ""}`,
      method,
      url: `${route}${tail}${q}`,
      headers,
      body: method === "GET" || method === "HEAD" ? undefined : body,
      anonymous,
    }));
}

const PREVIEW_SAMPLE = { kind: "DAILY", anchorDate: "2026-11-24", dueTime: "09:00", graceMinutes: "30", timeZone: "UTC" };
const PREVIEW_FIELDS = ["kind", "weekdays", "interval", "day", "nth", "weekday", "rrule", "holidayPolicy", "anchorDate", "dueTime", "graceMinutes", "timeZone"];
const BAD_FIELD_VALUES: unknown[] = [
  null, 5, -1, 1.5, true, [], [5], {}, { length: { toString: 1 } }, { toString: 1 }, "x".repeat(100_000), "", "+14:00", "-00:00", "Mars/Base", "2026-02-30",
  "24:00", "0", "-1", "53", "NaN", "CUSTOM", "WEEKLY", "MONTHLY_WEEKDAY", "\u0000",
  // Lone surrogates (JSON carries them as escapes), controls, overrides, dates past the range, long zones.
  "\ud800", "Europe/London\udc00", "Europe/\u202eLondon", "\u001b", "9999-12-31", "1999-12-31", "+010000-01-01", 1e308, -1e308, 2 ** 53 + 1,
  "Europe/London".repeat(1_000), `${"A/".repeat(5_000)}B`,
];
const BAD_RULES = ["FREQ=WEEKLY;BYDAY=XX", "FREQ=DAILY;WKST=ZZ", "FREQ=MONTHLY;BYSETPOS=0", "FREQ=DAILY;UNTIL=20260230", "FREQ=DAILY;UNTIL=X", "FREQ=DAILY;BYDAY=+0MO", "FREQ=DAILY;BYMONTH=13", "FREQ=SECONDLY", "X", "FREQ=DAILY;COUNT=0"];

/** The schedule preview: JSON bodies broken in every way, besides other methods. */
const previewHandler: fc.Arbitrary<Probe> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .oneof(
        fc.tuple(fc.constantFrom(...PREVIEW_FIELDS), fc.constantFrom(...BAD_FIELD_VALUES)).map(([field, bad]) => JSON.stringify({ ...PREVIEW_SAMPLE, [field]: bad })),
        fc.constantFrom(...BAD_RULES).map((rrule) => JSON.stringify({ ...PREVIEW_SAMPLE, kind: "CUSTOM", rrule })),
        fc.constantFrom("{", "", "[]", "null", "1", '"x"', "[".repeat(10_000), JSON.stringify(PREVIEW_SAMPLE), `{"__proto__": {"kind": "DAILY"}}`),
        // Bodies up to and past the handler's limit: a time zone of 400,000 characters once froze the portal.
        fc.constantFrom(12_000, 60_000, 400_000).map((n) => JSON.stringify({ ...PREVIEW_SAMPLE, timeZone: "x".repeat(n) })),
        fc.constantFrom("UNTIL=20270120T235959", "UNTIL=20270120T235959Z", "UNTIL=99991231").map((until) => JSON.stringify({ ...PREVIEW_SAMPLE, kind: "CUSTOM", rrule: `FREQ=DAILY;${until}` })),
        fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 })).map((v) => JSON.stringify(v)),
      )
      .chain((body) => fc.record({ body: fc.constant(body), anonymous: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) }))
      .map(({ body, anonymous }) => ({
        label: `POST /api/schedules/preview${anonymous ? " (anonymous)" : ""}`,
        method: "POST",
        url: "/api/schedules/preview",
        headers: { "Content-Type": "application/json" },
        body,
        anonymous,
      })),
  },
  { weight: 1, arbitrary: getHandler("/api/schedules/preview", PREVIEW_FIELDS) },
);

/**
 * next-auth's endpoints. Posts carry a made-up CSRF token, so next-auth refuses them before any
 * sign-in is attempted: no account is locked and no address throttled by the fuzzing.
 */
const AUTH_PATHS = ["session", "csrf", "providers", "signin", "signin/credentials", "signout", "error", "verify-request", "callback/credentials", "callback/nope", "_log", "nope", "", "..%2f..%2fapi%2fhealth"];
const authHandler: fc.Arbitrary<Probe> = fc
  .record({
    method: fc.constantFrom("GET", "GET", "POST", "POST", "PUT", "DELETE"),
    sub: fc.constantFrom(...AUTH_PATHS),
    q: query(["callbackUrl", "error", "csrf", "provider"]),
    form: fc.dictionary(fc.constantFrom("csrfToken", "email", "password", "callbackUrl", "json", "redirect", "x"), printable(60), { maxKeys: 5 }),
    anonymous: fc.boolean(),
  })
  .map(({ method, sub, q, form, anonymous }): Probe => ({
    label: `${method} /api/auth/${sub.split("/")[0]}${anonymous ? " (anonymous)" : ""}`,
    method,
    url: `/api/auth/${sub}${q}`,
    headers: method === "GET" ? {} : { "Content-Type": "application/x-www-form-urlencoded" },
    // Never a real address: even a sign-in attempt would name no account.
    body: method === "GET" ? undefined : new URLSearchParams({ ...form, ...(form.email !== undefined ? { email: `${form.email.replace(/@/g, "")}@fuzz.invalid` } : {}) }).toString(),
    anonymous,
  }));

/** One generator per route handler, by its folder under app/api. */
const HANDLERS: Record<string, fc.Arbitrary<Probe>> = {
  "audit/export": getHandler("/api/audit/export", ["actor", "action", "entityType", "entityId", "from", "to", "before"]),
  "reports/export": getHandler("/api/reports/export", ["period", "date", "from", "to", "data"]),
  "procedures/export": getHandler("/api/procedures/export", ["slug"]),
  "training/matrix": getHandler("/api/training/matrix", ["role"]),
  "schedules/preview": previewHandler,
  health: getHandler("/api/health", []),
  "bench/floor": getHandler("/api/bench/floor", []),
  "auth/[...nextauth]": authHandler,
};

function routeHandlers(): string[] {
  return readdirSync("app/api", { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === "route.ts")
    .map((e) => path.relative("app/api", e.parentPath).split(path.sep).join("/"))
    .sort();
}

// ---------------------------------------------------------------------------------------------
// Server actions

const FIELD_NAMES = ["title", "name", "email", "password", "role", "userId", "changeId", "incidentId", "procedureId", "content", "date", "note", "runId", "itemId", "outcome", "serverIds", "scheduleId", "active", "slug", "kind", "description", "versionId", "expectedRevision"];
/** Where actions are posted: the pages that hold their forms (Next.js treats those differently), others, none. */
const ACTION_PAGES = ["/procedures", "/procedures/new", "/procedures/import", "/admin/users", "/admin/settings", "/admin/servers", "/admin/schedules", "/admin/tools", "/changes/new", "/incidents/new", "/training", "/", "/no/such/page"];
/** Keys no action reads. */
const junkKey = fc.oneof(fc.stringMatching(/^[a-z]{1,12}$/).map((k) => `zz${k}`), fc.constantFrom("__proto__", "constructor", "toString", "$ACTION_ID_x", "0", ""));
// Longer than any field allows. Several together pass a form's body limit (128 kB), so the
// listener answers those with 413 before Next.js reads them; either refusal is a pass.
const hugeText = fc.tuple(fc.constantFrom("x", "é", "<", "\u0000"), fc.integer({ min: 150_000, max: 250_000 })).map(([u, n]) => u.repeat(n));
/** React's reply encoding reads strings starting with "$" as references; a literal one is "$$". */
const encodeArgs = (args: unknown) => JSON.stringify(args, (_key, v: unknown) => (typeof v === "string" && v.startsWith("$") ? `$${v}` : v));
/** Values every field refuses, in a plain object argument (JSON, so also reachable by any client). */
const refusedEverywhere = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1, maxKeys: 4 }),
  fc.constantFrom<unknown>({ length: { toString: 1 } }, { toString: 1 }, [{}], { length: 1e9 }),
  fc.integer({ min: 150_000, max: 300_000 }).map((n) => "x".repeat(n)),
  // Refused by every field whatever it holds: broken Unicode, control characters, overrides.
  fc.constantFrom("\ud800x", "x\udbff", "a\u0000b", "\u001b[31m", "x\u202ey", "\u0085"),
);

function form(fields: [string, string | Blob][]): FormData {
  const f = new FormData();
  for (const [k, v] of fields) f.append(k, v);
  return f;
}

/** Action calls whose envelope is sound; only the content is wrong, so the action must answer. */
function wellFormedCalls(): fc.Arbitrary<Omit<Probe, "url" | "method">> {
  const ok = (label: string, body: FormData) => ({ label, body, wellFormed: true });
  return fc.oneof(
    fc.array(fc.tuple(junkKey, printable(40)), { maxLength: 8 }).map((pairs) => ok("form with unknown fields only", form([...pairs.map(([k, v]): [string, string] => [`_1_${k}`, v]), ["0", '[null,"$K1"]']]))),
    fc.tuple(fc.subarray(FIELD_NAMES, { minLength: 1, maxLength: 6 }), hugeText).map(([names, huge]) => ok("form with every field oversized", form([...names.map((n): [string, string] => [`_1_${n}`, huge]), ["0", '[null,"$K1"]']]))),
    fc.subarray(FIELD_NAMES, { minLength: 1, maxLength: 6 }).map((names) => ok("form with files for fields", form([...names.map((n): [string, Blob] => [`_1_${n}`, new Blob(["x"])]), ["0", '[null,"$K1"]']]))),
    fc
      .dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), junkKey), refusedEverywhere, { minKeys: 1, maxKeys: 5 })
      .map((arg) => ok("plain object argument", form([["0", encodeArgs([null, arg])]]))),
    fc
      .constantFrom<unknown[]>([], [null], [null, null], [null, 1], [null, "x"], [null, true], [null, [1, 2]], [1, 2, 3], ["x", "y"], [null, []])
      .map((args) => ok("odd argument list", form([["0", encodeArgs(args)]]))),
  );
}

/** Envelopes React cannot decode: broken references, JSON, multipart, sizes. */
const MALFORMED: { label: string; make: () => { body: string | Buffer | FormData; headers?: Record<string, string> } }[] = [
  { label: '"0" is not JSON', make: () => ({ body: form([["0", "{"]]) }) },
  { label: 'no "0" field', make: () => ({ body: form([["x", "1"]]) }) },
  { label: '"0" is null', make: () => ({ body: form([["0", "null"]]) }) },
  { label: "reference to a missing form ($K9)", make: () => ({ body: form([["0", '[null,"$K9"]']]) }) },
  ...["$Q1", "$h1", "$F1", "$@x", "$B1", "$W1", "$i1", "$Sfoo", "$nabc", "$Dxyz", "$1", "$T"].map((ref) => ({ label: `bad reference ${ref}`, make: () => ({ body: form([["0", JSON.stringify([null, ref])]]) }) })),
  { label: "arrays nested 100,000 deep", make: () => ({ body: form([["0", `${"[".repeat(100_000)}${"]".repeat(100_000)}`]]) }) },
  { label: "2,000 arguments", make: () => ({ body: form([["0", JSON.stringify(Array(2_000).fill(null))]]) }) },
  { label: "body over every limit", make: () => ({ body: form([["_1_x", "x".repeat(5_500_000)], ["0", '[null,"$K1"]']]) }) },
  { label: "multipart without boundary", make: () => ({ body: "abc", headers: { "Content-Type": "multipart/form-data" } }) },
  { label: "truncated multipart", make: () => ({ body: '--XYZ\r\nContent-Disposition: form-data; name="0"\r\n\r\n[null', headers: { "Content-Type": "multipart/form-data; boundary=XYZ" } }) },
  { label: "multipart with a broken part", make: () => ({ body: "--XYZ\r\nContent-Disposition: nonsense\r\n\r\nx\r\n--XYZ--\r\n", headers: { "Content-Type": "multipart/form-data; boundary=XYZ" } }) },
  { label: "text body, not JSON", make: () => ({ body: "{{{", headers: { "Content-Type": "text/plain" } }) },
  { label: "binary body", make: () => ({ body: Buffer.from([0, 1, 2, 255]), headers: { "Content-Type": "application/octet-stream" } }) },
];

// ---------------------------------------------------------------------------------------------
// Checks

/** What is never read nor written by a refused request: row counts outside run generation and sessions. */
function fingerprint() {
  const tables = queryDb<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%'`)
    .map((t) => t.name)
    // Runs are filled in by reads and on a timer; sessions and sign-in attempts belong to signing in.
    .filter((t) => !["Run", "UserSession", "SignInAttempt", "AuditEvent"].includes(t) && !t.startsWith("ProcedureSearch"));
  return queryDb<{ audit: number; rows: number }>(
    `SELECT (SELECT count(*) FROM "AuditEvent" WHERE action <> 'run.generate') AS audit, ${tables.map((t) => `(SELECT count(*) FROM "${t}")`).join(" + ")} AS rows`,
  )[0]!;
}

async function send(request: APIRequestContext, probe: Probe): Promise<APIResponse> {
  const options = { method: probe.method, headers: probe.headers, maxRedirects: 0, timeout: 30_000, failOnStatusCode: false };
  if (probe.body instanceof FormData) return request.fetch(probe.url, { ...options, multipart: probe.body });
  return request.fetch(probe.url, { ...options, data: probe.body });
}

/** The rows of a React Server Components payload by id. Text rows ("T", byte length in hex) may hold newlines. */
function flightRows(body: Buffer): Map<string, string> {
  const rows = new Map<string, string>();
  let at = 0;
  while (at < body.length) {
    const colon = body.indexOf(0x3a, at);
    if (colon < 0) break;
    const id = body.toString("latin1", at, colon);
    if (body[colon + 1] === 0x54) {
      const comma = body.indexOf(0x2c, colon);
      const length = Number.parseInt(body.toString("latin1", colon + 2, comma), 16);
      rows.set(id, `T${body.toString("utf8", comma + 1, comma + 1 + length)}`);
      at = comma + 1 + length;
    } else {
      const end = body.indexOf(0x0a, colon);
      const stop = end < 0 ? body.length : end;
      rows.set(id, body.toString("utf8", colon + 1, stop));
      at = stop + 1;
    }
  }
  return rows;
}

/** The action's answer in a React Server Components response: its result, or an error row. */
function actionAnswer(body: Buffer): { result?: { ok?: boolean; error?: unknown }; errorRow?: string } | null {
  const rows = flightRows(body);
  let root: { a?: string };
  try {
    root = JSON.parse(rows.get("0") ?? "") as { a?: string };
  } catch {
    return null;
  }
  const row = typeof root.a === "string" ? rows.get(root.a.replace(/^\$@/, "")) : undefined;
  if (row === undefined) return null;
  if (row.startsWith("E")) return { errorRow: row };
  try {
    const result = JSON.parse(row) as { ok?: boolean; error?: unknown };
    // A long message travels in a text row of its own, referenced as "$<id>".
    const ref = typeof result.error === "string" ? /^\$([0-9a-f]+)$/.exec(result.error) : null;
    if (ref) result.error = rows.get(ref[1]!)?.replace(/^T/, "");
    return { result };
  } catch {
    return null;
  }
}

interface Tally {
  requests: number;
  byLabel: Map<string, number>;
  byStatus: Map<number, number>;
  /** Envelopes React could not decode, by case: how Next.js answered them. */
  frameworkErrors: Map<string, { count: number; statuses: Set<number>; body: string }>;
  problems: string[];
}
const newTally = (): Tally => ({ requests: 0, byLabel: new Map(), byStatus: new Map(), frameworkErrors: new Map(), problems: [] });
const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
const short = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

async function check(request: APIRequestContext, probe: Probe, tally: Tally, index: number) {
  const response = await send(request, probe);
  const status = response.status();
  const body = probe.method === "HEAD" ? Buffer.alloc(0) : await response.body();
  const text = body.toString("utf8");
  tally.requests += 1;
  bump(tally.byLabel, probe.label);
  bump(tally.byStatus, status);
  const sent = Object.entries(probe.headers ?? {}).filter(([k]) => !["Accept", "Origin"].includes(k));
  const where = `#${index} ${probe.label} ${probe.method} ${short(probe.url, 120)}${sent.length ? ` [${sent.map(([k, v]) => `${k}: ${short(v, 60)}`).join("; ")}]` : ""}`;
  const isAction = (response.headers()["content-type"] ?? "").includes("text/x-component");
  const answer = isAction ? actionAnswer(body) : null;
  // An envelope React cannot decode: Next.js answers with an error row of its own (see report).
  if (probe.wellFormed === false && answer?.errorRow !== undefined) {
    const seen = tally.frameworkErrors.get(probe.label) ?? { count: 0, statuses: new Set<number>(), body: short(text, 200) };
    seen.count += 1;
    seen.statuses.add(status);
    tally.frameworkErrors.set(probe.label, seen);
    return;
  }
  if (status >= 500) return void tally.problems.push(`${where}: ${status} ${short(text)}`);
  if (status >= 400) {
    // 405 is Next.js's own answer for a method the handler does not export; its status says it all.
    if (status !== 405 && probe.method !== "HEAD" && text.trim() === "") tally.problems.push(`${where}: ${status} with an empty body`);
    return;
  }
  if (!isAction) return;
  if (answer?.errorRow !== undefined) return void tally.problems.push(`${where}: the action threw (${short(answer.errorRow)})`);
  const result = answer?.result;
  if (!result) return void tally.problems.push(`${where}: unreadable action response ${short(text)}`);
  if (result.ok !== false) tally.problems.push(`${where}: accepted ${short(text)}`);
  else if (typeof result.error !== "string" || result.error.trim() === "" || result.error.startsWith(CATCH_ALL)) tally.problems.push(`${where}: unclear refusal ${short(JSON.stringify(result.error))}`);
}

/** Envelopes React could not decode that Next.js answered with a server error status. */
const frameworkServerErrors = (tally: Tally) =>
  [...tally.frameworkErrors].filter(([, e]) => [...e.statuses].some((s) => s >= 500)).map(([label, e]) => `${label}: ${[...e.statuses].join("/")} ${e.body}`);

function report(title: string, tally: Tally, seconds: number) {
  const list = <K>(m: Map<K, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${String(k)}`).join(", ");
  console.log(`fuzz ${title}: ${tally.requests} requests in ${seconds} s (seed ${SEED})`);
  console.log(`  by case: ${list(tally.byLabel)}`);
  console.log(`  by status: ${list(tally.byStatus)}`);
  for (const [label, { count, statuses, body }] of tally.frameworkErrors) {
    console.log(`  envelope React could not decode, answered by Next.js ×${count} (status ${[...statuses].join("/")}): ${label} → ${body.replace(/\n/g, "\\n")}`);
  }
}

/** How long /api/health may take while a case runs: generous, so it catches a hang, not slowness. */
const HEALTH_MARGIN_MS = 5_000;

/**
 * Runs `work` while a second client asks /api/health every quarter second, and returns the
 * slowest answer: one request that blocks the event loop or fills the heap shows up here.
 */
async function watchingHealth(request: APIRequestContext, work: () => Promise<void>): Promise<{ worstMs: number; failures: string[] }> {
  let done = false;
  let worstMs = 0;
  const failures: string[] = [];
  const poll = (async () => {
    while (!done) {
      const started = Date.now();
      try {
        const response = await request.get("/api/health", { timeout: 60_000, failOnStatusCode: false });
        if (response.status() !== 200) failures.push(`health answered ${response.status()}`);
      } catch (error) {
        failures.push(`health did not answer: ${String(error).slice(0, 120)}`);
      }
      worstMs = Math.max(worstMs, Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  })();
  try {
    await work();
  } finally {
    done = true;
    await poll;
  }
  return { worstMs, failures };
}

/** Pages that read dates, months, periods or text from their query string. */
const PAGE_QUERIES: [string, string[]][] = [
  ["/reports", ["date=9999-12-31", "period=quarter&date=9999-10-01", "period=custom&from=9999-12-31&to=9999-12-31", "period=custom&from=2000-01-01&to=2100-12-31", "period=week&date=+010000-01-01", "date=1999-12-31", "period=custom&from=2026-01-01&to=2027-01-02"]],
  ["/reports/print", ["period=quarter&date=9999-10-01", "period=custom&from=9999-12-31&to=9999-12-31", "date=2100-12-31", "period=month&date=-000001-01-01"]],
  ["/api/reports/export", ["period=custom&from=9999-12-31&to=9999-12-31&data=exceptions", "period=custom&from=2000-01-01&to=2100-12-31", "data=figures&date=2100-12-31"]],
  ["/api/audit/export", ["to=9999-12-31", "from=9999-12-31", "from=2000-01-01&to=2100-12-31", "before=999999999999999999999"]],
  ["/audit", ["to=9999-12-31", "from=+010000-01-01", "from=2000-01-01&to=2100-12-31", `actor=${"x".repeat(5_000)}`, "entityId=%ED%A0%80"]],
  ["/changes/calendar", ["month=9999-12", "month=2100-12", "month=2101-01", "month=0000-01", "view=list&month=9999-12"]],
  ["/history", ["from=9999-12-31", "to=9999-12-31", "from=2000-01-01&to=2100-12-31", "cursor=%00"]],
  ["/incidents/weekly", ["week=9999-12-31", "week=2100-12-31", "week=+010000-01-01"]],
  ["/schedule", ["date=9999-12-31", "view=month&date=9999-12-31", "view=month&date=2100-12-31", "date=%E0%A4%A"]],
  ["/training/matrix", [`role=${"x".repeat(5_000)}`, "role=%00"]],
  ["/procedures", [`q=${"x".repeat(5_000)}`, "q=%ED%A0%80", "q=%00%00"]],
];

// ---------------------------------------------------------------------------------------------

test.describe("fuzzing over HTTP", () => {
  test("pages and exports given dates past the range, long and broken text in their query strings answer without a server error, and the portal stays responsive", async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, ADMIN);
    const problems: string[] = [];
    let requests = 0;
    const { worstMs, failures } = await watchingHealth(page.context().request, async () => {
      for (const [route, queries] of PAGE_QUERIES) {
        for (const query of queries) {
          const url = `${route}?${query}`;
          requests += 1;
          const response = await page.request.get(url, { timeout: 60_000, failOnStatusCode: false, maxRedirects: 0 });
          const status = response.status();
          const body = await response.body();
          if (status >= 500) problems.push(`${url}: ${status}`);
          if (route.startsWith("/api/") && status === 200 && body.length === 0) problems.push(`${url}: an empty 200`);
        }
      }
    });
    console.log(`pages with hostile query strings: ${requests} requests; slowest health answer meanwhile ${worstMs} ms`);
    expect(problems).toEqual([]);
    expect(failures).toEqual([]);
    expect(worstMs, "the slowest /api/health answer while the pages were fetched").toBeLessThan(HEALTH_MARGIN_MS);
  });

  test("every route handler has a generator", () => {
    expect(routeHandlers()).toEqual(Object.keys(HANDLERS).sort());
  });

  test("route handlers answer malformed requests with a 4xx and a message, never a server error, and write nothing", async ({ page, request }) => {
    test.setTimeout(120_000);
    await signIn(page, ADMIN);
    const started = Date.now();
    const before = fingerprint();
    const probes = fc.sample(fc.oneof(...Object.values(HANDLERS)), { seed: SEED, numRuns: HANDLER_CASES });
    const tally = newTally();
    const health = await watchingHealth(request, async () => {
      for (const [i, probe] of probes.entries()) await check(probe.anonymous ? request : page.request, probe, tally, i);
    });
    const after = fingerprint();
    report("route handlers", tally, Math.round((Date.now() - started) / 1000));
    console.log(`  slowest /api/health answer meanwhile: ${health.worstMs} ms`);
    expect(health.failures).toEqual([]);
    expect(health.worstMs).toBeLessThan(HEALTH_MARGIN_MS);

    expect.soft(tally.problems).toEqual([]);
    expect(after).toEqual(before);
    // The fuzzing ran signed in to the end: the session survived it.
    const session = (await (await page.request.get("/api/auth/session")).json()) as { user?: { email?: string } };
    expect(session.user?.email).toBe(ADMIN.email);
  });

  test("server actions refuse malformed arguments and envelopes without a server error or a write", async ({ page, request, baseURL }) => {
    test.setTimeout(120_000);
    await signIn(page, ADMIN);
    const origin = new URL(baseURL!).origin;
    const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
    const actions = Object.keys(manifest.node).sort();
    expect(actions.length).toBeGreaterThan(40);

    const actionId = fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...actions) },
      { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-f]{42}$/).filter((id) => !actions.includes(id)) },
      { weight: 1, arbitrary: fc.constantFrom("", "x", "../../x", "0".repeat(10_000), "%F0%9F%98%80", `${actions[0]}00`) },
    );
    const envelope = fc.oneof(
      { weight: 5, arbitrary: wellFormedCalls() },
      { weight: 2, arbitrary: fc.constantFrom(...MALFORMED).map((m): Omit<Probe, "url" | "method"> => ({ label: m.label, ...m.make() })) },
    );
    const calls = fc
      .record({ id: actionId, envelope, path: fc.constantFrom(...ACTION_PAGES), anonymous: fc.oneof({ weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) })
      .map(({ id, envelope, path, anonymous }): Probe => ({
        ...envelope,
        label: `${envelope.label}${actions.includes(id) ? "" : " (unknown or malformed action id)"}${anonymous ? " (anonymous)" : ""}`,
        // An unknown id is answered by Next.js before any argument is read.
        wellFormed: envelope.wellFormed === true ? actions.includes(id) || undefined : false,
        method: "POST",
        url: path,
        headers: { ...envelope.headers, "Next-Action": id, Accept: "text/x-component", Origin: origin },
        anonymous,
      }));

    const started = Date.now();
    const before = fingerprint();
    const tally = newTally();
    const health = await watchingHealth(request, async () => {
      for (const [i, probe] of fc.sample(calls, { seed: SEED + 1, numRuns: ACTION_CASES }).entries()) await check(probe.anonymous ? request : page.request, probe, tally, i);
    });
    const after = fingerprint();
    report("server actions", tally, Math.round((Date.now() - started) / 1000));
    console.log(`  slowest /api/health answer meanwhile: ${health.worstMs} ms`);
    expect(health.failures).toEqual([]);
    expect(health.worstMs).toBeLessThan(HEALTH_MARGIN_MS);

    expect.soft(tally.problems).toEqual([]);
    // Next.js, not Opsbook, answers these: it fails to decode the envelope before any action runs.
    expect.soft(frameworkServerErrors(tally), "envelopes Next.js answers with a server error").toEqual([]);
    expect(after).toEqual(before);
  });

  test("sign-in callback targets, as a parameter, a form field or a cookie, never cause a server error or a redirect off the portal, and the portal stays responsive", async ({ playwright, baseURL }) => {
    test.setTimeout(180_000);
    const origin = new URL(baseURL!).origin;
    const disguises = ["/.//evil.example", "/..//evil.example", "/./\\evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example", "/\n/evil.example", "/%2f%2fevil.example", "/%5cevil.example", "https://evil.example/", "http:evil.example", "javascript:alert(1)", "data:text/html,x", "/\u0000/evil.example", `/${"a".repeat(5_000)}`, "%", "/%E0%A4%A"];
    const targets = fc.sample(
      fc.oneof(fc.constantFrom(...disguises), fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }).map((t) => `/${t}`), fc.tuple(fc.constantFrom("/", "//", "/\\", "/./", "/../", "%2f"), fc.string({ maxLength: 12 })).map(([a, b]) => `${a}${b}evil.example`)),
      { seed: SEED + 2, numRuns: 120 },
    );
    const problems: string[] = [];
    const offSite = (response: APIResponse) => {
      const location = response.headers()["location"];
      return location !== undefined && new URL(location, origin).origin !== origin;
    };
    const anonymous = await playwright.request.newContext({ baseURL });
    const health = await watchingHealth(anonymous, async () => {
      for (const target of targets) {
        const label = JSON.stringify(target).slice(0, 60);
        // A fresh client each time: a cookie left by one case is a case of its own below.
        const client = await playwright.request.newContext({ baseURL });
        try {
          const signin = await client.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(target)}`, { maxRedirects: 0, failOnStatusCode: false });
          if (signin.status() >= 500 || offSite(signin)) problems.push(`signin ${label}: ${signin.status()} ${signin.headers()["location"] ?? ""}`);
          const csrf = await client.get("/api/auth/csrf", { failOnStatusCode: false, headers: { Cookie: `next-auth.callback-url=${encodeURIComponent(target)}` } });
          if (csrf.status() !== 200) problems.push(`csrf with the cookie ${label}: ${csrf.status()}`);
          const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
          const post = await client.post("/api/auth/callback/credentials", {
            // An empty password is refused before an attempt is recorded: a hundred failures from
            // this address would otherwise slow down every later sign-in from it (decision 027).
            form: { csrfToken, email: "nobody@fuzz.test", password: "", callbackUrl: target, json: "true" },
            maxRedirects: 0,
            failOnStatusCode: false,
          });
          if (post.status() >= 500 || offSite(post)) problems.push(`callback ${label}: ${post.status()} ${post.headers()["location"] ?? ""}`);
          const body = await post.text();
          if (/prisma|invocation|at \//i.test(body + (post.headers()["location"] ?? ""))) problems.push(`callback ${label}: internals in the answer`);
        } finally {
          await client.dispose();
        }
      }
    });
    await anonymous.dispose();
    console.log(`sign-in callback targets: ${targets.length} targets, 4 requests each; slowest health answer meanwhile ${health.worstMs} ms`);
    expect(problems).toEqual([]);
    expect(health.failures).toEqual([]);
    expect(health.worstMs).toBeLessThan(HEALTH_MARGIN_MS);
  });

  test("hostile library archives (pathological Markdown, huge front matter, a damaged entry) are refused with their problems, write nothing, and the portal stays responsive", async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, ADMIN);
    const original = await (await page.request.get("/api/procedures/export?slug=check-backups")).text();
    expect(original).toMatch(/^---\n/);
    const end = original.indexOf("\n---\n", 4);
    const frontMatter = original.slice(0, end + 5);
    const archives: [string, Uint8Array][] = Object.entries(PATHOLOGICAL_BODIES).map(([name, body]) => [name, zipSync({ "check-backups.md": strToU8(`${frontMatter}\n${body}\n`) })]);
    const manyKeys = Array.from({ length: 30_000 }, (_, i) => `extra_${i}: 1`).join("\n");
    archives.push(["30,000 keys in the front matter", zipSync({ "check-backups.md": strToU8(original.replace(/^---\n/, `---\n${manyKeys}\n`)) })]);
    const damaged = zipSync({ "check-backups.md": strToU8(original) }, { level: 0 });
    const at = Buffer.from(damaged).indexOf(Buffer.from("slug: check-backups"));
    damaged[at] = damaged[at]! ^ 0x20; // stored, not compressed: the entry's bytes no longer match its CRC
    archives.push(["an entry whose bytes do not match its CRC", damaged]);

    const before = fingerprint();
    const outcomes: string[] = [];
    const health = await watchingHealth(page.context().request, async () => {
      for (const [name, archive] of archives) {
        await page.goto("/procedures/import");
        await page.getByLabel("Procedure files").setInputFiles({ name: "library.zip", mimeType: "application/zip", buffer: Buffer.from(archive) });
        await page.getByRole("button", { name: "Import" }).click();
        const alert = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
        await expect(alert, name).toBeVisible({ timeout: 60_000 });
        outcomes.push(`${name}: ${(await alert.getByRole("listitem").first().innerText()).slice(0, 140)}`);
      }
    });
    console.log(`hostile archives: ${archives.length}; slowest health answer meanwhile ${health.worstMs} ms`);
    for (const outcome of outcomes) console.log(`  ${outcome}`);
    expect(fingerprint()).toEqual(before);
    expect(health.failures).toEqual([]);
    expect(health.worstMs).toBeLessThan(HEALTH_MARGIN_MS);
    // Every stored body is still shown: the library page opens.
    expect((await page.request.get("/procedures/check-backups")).status()).toBe(200);
  });
});
