// The authorization matrix, over HTTP against the production server: every page, route handler and
// server action found in the code, tried as each role and as an anonymous visitor, must answer as
// the policy table says. Then the record-level rules: what a role may not see answers 404, and
// records of another user that the role may not change are refused with nothing written.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type BrowserContext } from "@playwright/test";
import { can, PAGE_POLICY, PERMISSIONS, ROUTE_HANDLER_POLICY, type Permission } from "../../lib/auth/policy";
import { ROLES, type Role } from "../../lib/auth/roles";
import { E2E_PORT } from "../../playwright.config";
import { ADMIN, MANAGER, OPERATOR, VIEWER, ensureUser, queryDb, signIn } from "./support";

// Playwright runs from the project root, as the support helpers assume too.
const ROOT = process.cwd();
const APP = path.join(ROOT, "app");
const PERMISSION_ERROR = "You do not have permission to do that.";
const SESSION_ENDED = "Your session has ended. Sign in again.";
const BENCH_ENDPOINTS = process.env.BENCH_ENDPOINTS === "true";

// ---- What the code holds ----

/** app/procedures/[slug]/page.tsx -> /procedures/[slug]; route groups and slots do not show in the URL. */
function routeOf(file: string): string {
  const segments = path
    .dirname(file)
    .split(path.sep)
    .filter((s) => s !== "." && s !== "" && !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return `/${segments.join("/")}`;
}

function appFiles(name: RegExp): string[] {
  return readdirSync(APP, { recursive: true, encoding: "utf8" }).filter((f) => name.test(path.basename(f)));
}

const PAGES = appFiles(/^page\.(tsx|ts|jsx|js|mdx)$/).map(routeOf).sort();

interface Handler {
  route: string;
  methods: string[];
  source: string;
}

/** Route handlers with the HTTP methods their module exports (functions, constants or re-exports). */
const HANDLERS: Handler[] = appFiles(/^route\.(ts|js)$/)
  .map((file) => {
    const source = readFileSync(path.join(APP, file), "utf8");
    const methods = new Set<string>();
    for (const m of source.matchAll(/export\s+(?:async\s+)?(?:function|const)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)) methods.add(m[1]!);
    for (const block of source.matchAll(/export\s*\{([^}]*)\}/g)) {
      for (const m of block[1]!.matchAll(/\b(?:\w+\s+as\s+)?(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)) methods.add(m[1]!);
    }
    return { route: routeOf(file), methods: [...methods].sort(), source };
  })
  .sort((a, b) => a.route.localeCompare(b.route));

interface ServerAction {
  id: string;
  file: string;
  exportedName: string;
  /** The permission of the defineAction the export is built from, or "public" for first-admin setup. */
  permission: Permission | "public" | null;
}

/** `const x = defineAction({ name: "...", permission: "..." })` declarations of a module, by identifier. */
function definitionsIn(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(/(?:export\s+)?const\s+(\w+)\s*=\s*defineAction\(\{\s*name:\s*"[^"]+",\s*permission:\s*"([^"]+)"/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** The body of `export async function name(...) { ... }`, by brace matching. */
function functionBody(source: string, name: string): string | null {
  const start = new RegExp(`export\\s+async\\s+function\\s+${name}\\s*\\(`).exec(source);
  if (!start) return null;
  const open = source.indexOf("{", source.indexOf(")", start.index));
  let depth = 0;
  for (let i = open; i < source.length; i += 1) {
    if (source[i] === "{") depth += 1;
    else if (source[i] === "}" && --depth === 0) return source.slice(open, i + 1);
  }
  return null;
}

function permissionOf(file: string, exportedName: string): Permission | "public" | null {
  const source = readFileSync(path.join(ROOT, file), "utf8");
  const definitions = definitionsIn(source);
  const direct = new RegExp(`export\\s+const\\s+${exportedName}\\s*=\\s*defineAction\\(`).test(source) ? definitions.get(exportedName) : undefined;
  if (direct) return direct as Permission;
  const body = functionBody(source, exportedName);
  if (!body) return null;
  // A wrapper (e.g. the import form's action) hands over to one defineAction of its module.
  const used = [...definitions].filter(([id]) => new RegExp(`\\b${id}\\b`).test(body));
  if (used.length === 1) return used[0]![1] as Permission;
  // First-admin setup has no user yet: public, and it refuses once any user exists.
  if (file === "lib/users/setup-actions.ts" && /\bcreateFirstAdmin\(/.test(body)) return "public";
  return null;
}

function serverActions(): ServerAction[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node)
    .map(([id, { filename, exportedName }]) => ({ id, file: filename, exportedName, permission: permissionOf(filename, exportedName) }))
    .sort((a, b) => `${a.file} ${a.exportedName}`.localeCompare(`${b.file} ${b.exportedName}`));
}

/** Every export of every "use server" module under lib/, from the source. */
function exportedActionsInSource(): string[] {
  return readdirSync(path.join(ROOT, "lib"), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.tsx?$/.test(f) && !f.includes("generated"))
    .map((f) => path.posix.join("lib", f.split(path.sep).join("/")))
    .filter((f) => /^["']use server["'];/m.test(readFileSync(path.join(ROOT, f), "utf8")))
    .flatMap((f) => [...readFileSync(path.join(ROOT, f), "utf8").matchAll(/export\s+(?:const|async\s+function)\s+(\w+)/g)].map((m) => `${f} ${m[1]}`))
    .sort();
}

// ---- Who asks ----

interface Identity {
  label: string;
  role: Role | null;
  request: APIRequestContext;
}

const ACCOUNTS: Record<Role, { name: string; email: string; password: string }> = { VIEWER, OPERATOR, MANAGER, ADMIN };
const identities: Identity[] = [];
const contexts: BrowserContext[] = [];
const as = (role: Role) => identities.find((i) => i.role === role)!;
const anonymous = () => identities.find((i) => i.role === null)!;

const tally = { pages: 0, handlers: 0, actions: 0, records: 0, allowed: 0, refused: 0 };
/** Counts one check for the summary line. */
function tallied(kind: "pages" | "handlers" | "actions" | "records", allowed: boolean) {
  tally[kind] += 1;
  if (allowed) tally.allowed += 1;
  else tally.refused += 1;
}

/** Audit events written by people (run generation also writes events, on a timer and on page loads). */
const auditEvents = () => queryDb<{ n: number }>(`SELECT count(*) AS n FROM "AuditEvent" WHERE action <> 'run.generate'`)[0]!.n;

// ---- Asking ----

interface ActionResult {
  ok: boolean;
  error?: string;
  message?: string;
  data?: Record<string, unknown>;
}

/** The action's return value from the React Server Components reply (one JSON row holds it). */
function actionResultOf(body: string): ActionResult | null {
  for (const line of body.split("\n")) {
    const row = /^[0-9a-f]+:(\{.*\})$/.exec(line);
    if (!row) continue;
    try {
      const value = JSON.parse(row[1]!) as Record<string, unknown>;
      if (typeof value.ok === "boolean") return value as unknown as ActionResult;
    } catch {
      // another kind of row
    }
  }
  return null;
}

/** The form fields as React's reply encoding sends them: the form under "_1_", then the argument list. */
function actionForm(fields: Record<string, string | string[]>): FormData {
  const multipart = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) multipart.append(`_1_${key}`, v);
  multipart.append("0", JSON.stringify([null, "$K1"]));
  return multipart;
}

/**
 * Posts a form to a server action as the browser does. A caller with no session cookie at all is
 * turned away by the proxy (to /login) before any action runs, so anonymous calls are made twice:
 * without a cookie, expecting that redirect, and with an empty session cookie, which gets past the
 * proxy (it only looks for the cookie's name) and must be refused by the action itself.
 */
async function callAction(who: Identity, actionId: string, fields: Record<string, string | string[]> = {}): Promise<ActionResult> {
  const headers = { "Next-Action": actionId, Accept: "text/x-component", Origin: origin };
  if (who.role === null) {
    const turnedAway = await who.request.post("/procedures", { headers, multipart: actionForm(fields), maxRedirects: 0 });
    expect(redirectTarget(turnedAway.headers().location).pathname, `${actionId} with no session cookie`).toBe("/login");
  }
  const response = await who.request.post("/procedures", {
    headers: who.role === null ? { ...headers, Cookie: "next-auth.session-token=" } : headers,
    multipart: actionForm(fields),
    maxRedirects: 0,
  });
  const body = await response.text();
  const result = actionResultOf(body);
  if (!result) throw new Error(`No action result from ${actionId} as ${who.label} (HTTP ${response.status()}): ${body.slice(0, 300)}`);
  return result;
}

let origin = "";
let actions: ServerAction[] = [];
const actionId = (file: string, exportedName: string) => {
  const found = actions.find((a) => a.file === file && a.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} in ${file}`);
  return found.id;
};

async function act(who: Identity, file: string, exportedName: string, fields: Record<string, string | string[]>): Promise<ActionResult> {
  return callAction(who, actionId(file, exportedName), fields);
}

/** An allowed step of a record check: it succeeds and writes one audit event naming the caller. */
async function expectAllowed(who: Identity, file: string, exportedName: string, fields: Record<string, string | string[]>): Promise<ActionResult> {
  const before = auditEvents();
  const result = await act(who, file, exportedName, fields);
  expect(result, `${exportedName} as ${who.label}: ${JSON.stringify(result)}`).toMatchObject({ ok: true });
  expect(auditEvents(), `${exportedName} as ${who.label}`).toBe(before + 1);
  const [last] = queryDb<{ email: string }>(`SELECT u.email FROM "AuditEvent" e JOIN "User" u ON u.id = e.actorId ORDER BY e.seq DESC LIMIT 1`);
  expect(last?.email).toBe(ACCOUNTS[who.role!].email);
  tallied("records", true);
  return result;
}

/** A refused step: the exact refusal, and neither the record nor the audit trail moved. */
async function expectRefused(who: Identity, file: string, exportedName: string, fields: Record<string, string | string[]>, error: string, record: () => unknown) {
  const before = { record: record(), events: auditEvents() };
  const result = await act(who, file, exportedName, fields);
  expect(result, `${exportedName} as ${who.label}`).toMatchObject({ ok: false, error });
  expect({ record: record(), events: auditEvents() }, `${exportedName} as ${who.label} changed something`).toEqual(before);
  tallied("records", false);
}

/** Where a redirect leads, as a path with its query. */
function redirectTarget(location: string | undefined): URL {
  expect(location, "a redirect names where to go").toBeTruthy();
  return new URL(location!, origin);
}

async function expectSignInRedirect(who: Identity, url: string) {
  const response = await who.request.get(url, { maxRedirects: 0 });
  expect([302, 303, 307, 308], `${url} as ${who.label}: HTTP ${response.status()}`).toContain(response.status());
  const target = redirectTarget(response.headers().location);
  expect(target.pathname, `${url} as ${who.label}`).toBe("/login");
  expect(target.searchParams.get("callbackUrl"), `${url} as ${who.label}`).toBe(url);
}

async function expectStatus(who: Identity, url: string, status: number) {
  const response = await who.request.get(url, { maxRedirects: 0 });
  expect(response.status(), `${url} as ${who.label}`).toBe(status);
  return response;
}

/** One page as one identity, against the policy; returns whether the identity was let in. */
async function checkPage(route: string, rule: string, url: string, who: Identity): Promise<boolean> {
  if (route === "/setup") {
    // Gone for good once a user exists, for everyone.
    await expectStatus(who, url, 404);
    return false;
  }
  if (route === "/login") {
    if (who.role === null) {
      await expectStatus(who, url, 200);
    } else {
      // Someone signed in is sent on to the landing page.
      const response = await who.request.get(url, { maxRedirects: 0 });
      expect(redirectTarget(response.headers().location).pathname, `/login as ${who.label}`).toBe("/");
    }
    return true;
  }
  if (who.role === null) {
    await expectSignInRedirect(who, url);
    return false;
  }
  if ((route === "/bench/floor" && !BENCH_ENDPOINTS) || !can(who.role, rule as Permission)) {
    await expectStatus(who, url, 404);
    return false;
  }
  if (route === "/") {
    // The landing page only sends each role to its start page.
    const response = await who.request.get(url, { maxRedirects: 0 });
    const landing = can(who.role, "dashboard:read") ? "/dashboard" : can(who.role, "run:read") ? "/today" : "/procedures";
    expect(redirectTarget(response.headers().location).pathname, `/ as ${who.label}`).toBe(landing);
    return true;
  }
  await expectStatus(who, url, 200);
  return true;
}

// ---- Records for the dynamic segments ----

const SERVER = () => queryDb<{ id: string }>(`SELECT id FROM "Server" WHERE name = 'EXHUB01'`)[0]!.id;
const PROBE_SLUG = "authorization-probe-unpublished";
const PROBE_TITLE = "Authorization probe, never published";

const changeFields = (title: string): Record<string, string | string[]> => ({
  title,
  type: "NORMAL",
  description: "Set-ReceiveConnector -MaxMessageSize 20MB",
  reason: "Partners send larger drawings.",
  risk: "LOW",
  backoutPlan: "Set it back to 10MB.",
  plannedStart: "2031-03-01T20:00",
  plannedEnd: "2031-03-01T21:00",
  serverIds: [SERVER()],
});

const records = { runId: "", slug: "", incidentId: 0, operatorChange: 0, managerChange: 0, probeId: "" };

/** A real URL for a page: dynamic segments filled with records of the e2e database. */
function urlOf(route: string): string {
  if (!route.includes("[")) return route;
  if (route.startsWith("/procedures/[slug]")) return route.replace("[slug]", records.slug);
  const ids: Record<string, string> = { "/runs/[id]": records.runId, "/incidents/[id]": String(records.incidentId), "/changes/[id]": String(records.operatorChange) };
  if (!ids[route]) throw new Error(`No record for ${route}: give the authorization matrix one`);
  return route.replace("[id]", ids[route]);
}

test.describe.serial("authorization matrix", () => {
  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    origin = `http://127.0.0.1:${E2E_PORT}`;
    const baseURL = origin;
    ensureUser(OPERATOR, "OPERATOR");
    ensureUser(VIEWER, "VIEWER");
    ensureUser(MANAGER, "MANAGER");
    actions = serverActions();

    const anon = await browser.newContext({ baseURL });
    contexts.push(anon);
    identities.push({ label: "anonymous", role: null, request: anon.request });
    for (const role of ROLES) {
      const context = await browser.newContext({ baseURL });
      contexts.push(context);
      await signIn(await context.newPage(), ACCOUNTS[role]);
      identities.push({ label: role, role, request: context.request });
    }

    records.runId = queryDb<{ id: string }>(`SELECT id FROM "Run" ORDER BY dueAt LIMIT 1`)[0]!.id;
    records.slug = queryDb<{ slug: string }>(`SELECT slug FROM "Procedure" WHERE currentVersionId IS NOT NULL AND archivedAt IS NULL ORDER BY slug LIMIT 1`)[0]!.slug;
    const incident = await act(as("OPERATOR"), "lib/incidents/actions.ts", "openIncidentAction", { title: "Authorization matrix: queue growing on EXHUB01", severity: "4", description: "" });
    expect(incident, JSON.stringify(incident)).toMatchObject({ ok: true });
    records.incidentId = Number(incident.data!.id);
    const change = await act(as("OPERATOR"), "lib/changes/actions.ts", "createChangeAction", changeFields("Authorization matrix: operator's change"));
    expect(change, JSON.stringify(change)).toMatchObject({ ok: true });
    records.operatorChange = Number(change.data!.id);
  });

  test.afterAll(async () => {
    console.log(
      `authorization matrix: ${PAGES.length} pages, ${HANDLERS.reduce((n, h) => n + h.methods.length, 0)} handler methods, ${actions.length} actions × ${identities.length} identities` +
        ` = ${tally.pages + tally.handlers + tally.actions} checks (${tally.pages} page, ${tally.handlers} handler, ${tally.actions} action), plus ${tally.records} record checks;` +
        ` ${tally.allowed} allowed, ${tally.refused} refused`,
    );
    for (const context of contexts) await context.close();
  });

  test("every page, route handler and server action in the code has a policy entry", () => {
    expect(PAGES.length).toBeGreaterThan(30);
    expect(PAGES.filter((p) => !(p in PAGE_POLICY)), "pages missing from PAGE_POLICY").toEqual([]);
    expect(Object.keys(PAGE_POLICY).filter((p) => !PAGES.includes(p)), "PAGE_POLICY entries without a page").toEqual([]);

    const routes = HANDLERS.map((h) => h.route);
    expect(routes.filter((r) => !(r in ROUTE_HANDLER_POLICY)), "route handlers missing from ROUTE_HANDLER_POLICY").toEqual([]);
    expect(Object.keys(ROUTE_HANDLER_POLICY).filter((r) => !routes.includes(r)), "ROUTE_HANDLER_POLICY entries without a handler").toEqual([]);
    for (const handler of HANDLERS) {
      expect(handler.methods.length, `${handler.route} exports no HTTP method`).toBeGreaterThan(0);
      // The handler must check the very permission the table gives it (public ones check none).
      const rule = ROUTE_HANDLER_POLICY[handler.route as keyof typeof ROUTE_HANDLER_POLICY];
      const checked = [...handler.source.matchAll(/userWith\("([^"]+)"\)/g)].map((m) => m[1]);
      expect(checked, handler.route).toEqual(rule === "public" ? [] : [rule]);
    }

    expect(actions.length).toBeGreaterThan(40);
    expect(actions.filter((a) => a.permission === null).map((a) => `${a.file} ${a.exportedName}`), "actions not built from a defineAction").toEqual([]);
    for (const action of actions) {
      expect(action.permission === "public" || Object.hasOwn(PERMISSIONS, action.permission!), `${action.exportedName}: ${action.permission}`).toBe(true);
    }
    expect(actions.filter((a) => a.permission === "public").map((a) => a.exportedName)).toEqual(["setupAction"]);
    // The build's actions are exactly the exports of the "use server" modules.
    expect(actions.map((a) => `${a.file} ${a.exportedName}`).sort()).toEqual(exportedActionsInSource());
  });

  test("every page answers each identity as the policy says", async () => {
    test.setTimeout(300_000);
    expect(queryDb(`SELECT id FROM "User" LIMIT 1`)).toHaveLength(1);
    for (const route of PAGES) {
      const rule = PAGE_POLICY[route as keyof typeof PAGE_POLICY];
      const url = urlOf(route);
      for (const who of identities) {
        tallied("pages", await checkPage(route, rule, url, who));
      }
    }
  });

  test("every route handler answers each identity as the policy and its code say", async () => {
    test.setTimeout(180_000);
    const procedureId = queryDb<{ id: string }>(`SELECT id FROM "Procedure" WHERE slug = ?`, records.slug)[0]!.id;
    // How to call each handler so that an allowed caller gets a 2xx. A new handler needs a line here.
    const CALLS: Record<string, (who: Identity, method: string) => Promise<{ status: () => number }>> = {
      "/api/health": (who) => who.request.get("/api/health"),
      "/api/auth/[...nextauth]": async (who, method) => {
        if (method === "GET") return who.request.get("/api/auth/session");
        // A session refresh: a POST every caller may make, with the CSRF token next-auth hands out.
        const { csrfToken } = (await (await who.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
        return who.request.post("/api/auth/session", { form: { csrfToken }, headers: { Origin: origin } });
      },
      "/api/bench/floor": (who) => who.request.get("/api/bench/floor"),
      "/api/schedules/preview": (who) =>
        who.request.post("/api/schedules/preview", {
          data: { procedureId, kind: "DAILY", anchorDate: "2026-11-24", dueTime: "09:00", graceMinutes: "30", timeZone: "UTC" },
          headers: { Origin: origin },
        }),
      "/api/audit/export": (who) => who.request.get("/api/audit/export"),
      "/api/reports/export": (who) => who.request.get("/api/reports/export"),
      "/api/procedures/export": (who) => who.request.get("/api/procedures/export"),
      "/api/training/matrix": (who) => who.request.get("/api/training/matrix"),
    };
    expect(HANDLERS.map((h) => h.route).filter((r) => !CALLS[r]), "handlers with no call in CALLS").toEqual([]);

    for (const handler of HANDLERS) {
      const rule = ROUTE_HANDLER_POLICY[handler.route as keyof typeof ROUTE_HANDLER_POLICY];
      // The status the handler's own code gives a refused caller.
      const refusedStatus = Number(/userWith\("[^"]+"\)[\s\S]*?status:\s*(\d{3})/.exec(handler.source)?.[1] ?? NaN);
      const benchGated = /BENCH_ENDPOINTS/.test(handler.source);
      for (const method of handler.methods) {
        for (const who of identities) {
          const allowed = (!benchGated || BENCH_ENDPOINTS) && (rule === "public" || (who.role !== null && can(who.role, rule as Permission)));
          const response = await CALLS[handler.route]!(who, method);
          const label = `${method} ${handler.route} as ${who.label}`;
          if (allowed) {
            expect(response.status(), label).toBeGreaterThanOrEqual(200);
            expect(response.status(), label).toBeLessThan(300);
          } else {
            expect(response.status(), label).toBe(benchGated && !BENCH_ENDPOINTS ? 404 : refusedStatus);
          }
          tallied("handlers", allowed);
        }
      }
    }
  });

  test("every server action refuses anonymous callers and roles without its permission, and writes nothing", async () => {
    test.setTimeout(300_000);
    const before = auditEvents();
    for (const action of actions) {
      for (const who of identities) {
        const result = await callAction(who, action.id);
        const label = `${action.file} ${action.exportedName} as ${who.label}`;
        expect(result.ok, label).toBe(false);
        if (action.permission === "public") {
          // First-admin setup checks no session; the empty form is what stops it.
          expect(result.error, label).toBe("Some fields need attention.");
          tallied("actions", true);
        } else if (who.role === null) {
          expect(result.error, label).toBe(SESSION_ENDED);
          tallied("actions", false);
        } else if (!can(who.role, action.permission!)) {
          expect(result.error, label).toBe(PERMISSION_ERROR);
          tallied("actions", false);
        } else {
          // Past the role check: only the empty input stops it.
          expect(result.error, label).toBeTruthy();
          expect([PERMISSION_ERROR, SESSION_ENDED], label).not.toContain(result.error);
          expect(result.error, label).not.toMatch(/^Something went wrong/);
          tallied("actions", true);
        }
      }
    }
    expect(auditEvents(), "audit events written by refused or empty calls").toBe(before);
  });

  test("first-admin setup, open to anyone, creates nobody once users exist", async () => {
    const users = () => queryDb<{ n: number }>(`SELECT count(*) AS n FROM "User"`)[0]!.n;
    for (const who of [anonymous(), as("VIEWER")]) {
      await expectRefused(
        who,
        "lib/users/setup-actions.ts",
        "setupAction",
        { name: "Second Founder", email: "founder@opsbook.test", password: "Copper-Kettle-53-meadow", confirm: "Copper-Kettle-53-meadow" },
        "Setup is already complete. Sign in instead.",
        () => ({ users: users() }),
      );
    }
  });

  test("an unpublished procedure is seen only in the editor, by those who may edit it", async () => {
    const content = { slug: PROBE_SLUG, title: PROBE_TITLE, cadence: "AS_NEEDED", smf: "SYSTEM_ADMINISTRATION", purpose: "Probe for the authorization matrix.", items: [{ key: "done", kind: "CHECK", text: "Done" }] };
    await expectAllowed(as("MANAGER"), "lib/procedures/actions.ts", "createProcedureAction", { content: JSON.stringify(content) });
    records.probeId = queryDb<{ id: string }>(`SELECT id FROM "Procedure" WHERE slug = ? AND currentVersionId IS NULL`, PROBE_SLUG)[0]!.id;

    for (const who of identities) {
      for (const suffix of ["", "/print", "/versions"]) {
        const url = `/procedures/${PROBE_SLUG}${suffix}`;
        if (who.role === null) await expectSignInRedirect(who, url);
        else await expectStatus(who, url, 404); // nobody reads what was never published
        tallied("records", false);
      }
      const editor = `/procedures/${PROBE_SLUG}/edit`;
      if (who.role === null) {
        await expectSignInRedirect(who, editor);
        tallied("records", false);
        continue;
      }
      const mayEdit = can(who.role, "procedure:edit");
      const response = await expectStatus(who, editor, mayEdit ? 200 : 404);
      if (mayEdit) expect(await response.text()).toContain(PROBE_TITLE);
      tallied("records", mayEdit);
      // The library lists open drafts to editors only.
      const library = await expectStatus(who, "/procedures", 200);
      expect((await library.text()).includes(PROBE_TITLE), `/procedures as ${who.label} lists the draft`).toBe(mayEdit);
      tallied("records", mayEdit);
      // The export has nothing to give for it, to anyone.
      expect((await who.request.get(`/api/procedures/export?slug=${PROBE_SLUG}`)).status(), `export as ${who.label}`).toBe(404);
      tallied("records", false);
    }
  });

  test("a procedure draft is approved only by a manager who did not start it", async () => {
    const ref = { procedureId: records.probeId, expectedRevision: "1" };
    const draft = () => queryDb(`SELECT status, revision, approvedById FROM "ProcedureDraft" WHERE procedureId = ?`, records.probeId);
    await expectAllowed(as("MANAGER"), "lib/procedures/actions.ts", "submitDraftAction", ref);
    await expectRefused(as("MANAGER"), "lib/procedures/actions.ts", "approveDraftAction", ref, "You started this draft, so you cannot approve it. Another manager must.", draft);
    await expectRefused(as("OPERATOR"), "lib/procedures/actions.ts", "approveDraftAction", ref, PERMISSION_ERROR, draft);
    await expectAllowed(as("ADMIN"), "lib/procedures/actions.ts", "approveDraftAction", ref);
    expect(draft()).toEqual([expect.objectContaining({ status: "APPROVED" })]);

    // Leave the library as it was: discarding the only draft removes the unpublished procedure.
    await expectAllowed(as("MANAGER"), "lib/procedures/actions.ts", "discardDraftAction", ref);
    expect(queryDb(`SELECT id FROM "Procedure" WHERE slug = ?`, PROBE_SLUG)).toEqual([]);
  });

  test("a change draft is edited and submitted only by its requester", async () => {
    const id = String(records.operatorChange);
    const change = () => queryDb(`SELECT * FROM "Change" WHERE id = ?`, records.operatorChange);
    const edit = { ...changeFields("Someone else's wording"), changeId: id };
    for (const role of ["MANAGER", "ADMIN"] as const) {
      await expectRefused(as(role), "lib/changes/actions.ts", "updateChangeAction", edit, "Only the person who requested this change can edit its draft.", change);
    }
    await expectAllowed(as("OPERATOR"), "lib/changes/actions.ts", "updateChangeAction", { ...changeFields("Authorization matrix: operator's change, edited"), changeId: id });
    await expectRefused(as("MANAGER"), "lib/changes/actions.ts", "submitChangeAction", { changeId: id }, "Only the person who requested this change can submit it.", change);
    await expectAllowed(as("OPERATOR"), "lib/changes/actions.ts", "submitChangeAction", { changeId: id });
    // The requester's role may not decide on it; a manager who did not request it may.
    await expectRefused(as("OPERATOR"), "lib/changes/actions.ts", "rejectChangeAction", { changeId: id, note: "Withdrawn by me." }, PERMISSION_ERROR, change);
    await expectAllowed(as("MANAGER"), "lib/changes/actions.ts", "rejectChangeAction", { changeId: id, note: "Wait for the partner's confirmation." });
    expect(change()).toEqual([expect.objectContaining({ status: "REJECTED", title: "Authorization matrix: operator's change, edited" })]);
  });

  test("a manager's own change is decided by another manager", async () => {
    const created = await expectAllowed(as("MANAGER"), "lib/changes/actions.ts", "createChangeAction", changeFields("Authorization matrix: manager's change"));
    records.managerChange = Number(created.data!.id);
    const id = String(records.managerChange);
    const change = () => queryDb(`SELECT * FROM "Change" WHERE id = ?`, records.managerChange);
    await expectAllowed(as("MANAGER"), "lib/changes/actions.ts", "submitChangeAction", { changeId: id });
    await expectRefused(as("MANAGER"), "lib/changes/actions.ts", "approveChangeAction", { changeId: id, note: "" }, "You requested this change, so another manager must approve it.", change);
    await expectRefused(as("MANAGER"), "lib/changes/actions.ts", "rejectChangeAction", { changeId: id, note: "Not now after all." }, "You requested this change, so another manager must decide on it.", change);
    await expectAllowed(as("ADMIN"), "lib/changes/actions.ts", "approveChangeAction", { changeId: id, note: "Go ahead." });
    const approver = queryDb<{ email: string }>(`SELECT u.email FROM "Change" c JOIN "User" u ON u.id = c.approverId WHERE c.id = ?`, records.managerChange);
    expect(approver).toEqual([{ email: ADMIN.email }]);
  });
});
