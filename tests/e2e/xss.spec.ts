import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { strToU8, zipSync } from "fflate";
import { E2E_PORT } from "../../playwright.config";
import { noActiveHtml } from "../../lib/procedures/schemas";
import { ADMIN, MANAGER, VIEWER, ensureUser, queryDb, serverActionId, signIn } from "./support";

// Stored and reflected XSS: classic payloads go into every free-text field, through the forms once
// and through the server actions in bulk, and every page that shows them is then opened by the roles
// that read it. A payload that runs calls alert(), confirm() or prompt() with its number, or asks for a
// /__xss/ URL; the test fails on any dialog, recorded call, marker request, Content-Security-Policy
// violation (blocked markup is still markup that got through) and on dangerous markup in the DOM.
//
// Fields covered (→ where entered; where checked):
//   user name → /admin/users form, createUserAction; /admin/users, header, run and incident pages, training matrix, audit
//   server description → /admin/servers form, updateServerAction; /admin/servers, incident and change forms, audit
//     (the site is refused unless letters, digits, dots and hyphens: it is put into commands, decision 033)
//   tool name, description → /admin/tools form, createToolAction; /admin/tools, /tools, editor, procedure page, audit
//   organisation name → /admin/settings form, updateSettingsAction; /admin/settings, print views, audit
//   holiday name → /admin/settings form, addHolidayAction; /admin/settings, audit
//   procedure title, purpose, Markdown body, item text/guidance/unit/counter/choices, tool command/purpose,
//     reference title/link, change note → editor at /procedures/new and /edit (dangerous HTML refused),
//     createProcedureAction/saveDraftAction/publishDraftAction, Markdown import; library, search, procedure,
//     print, versions (diff), run, Today, calendar, history, reports, dashboard, training, tools, audit
//   review note → markReviewedAction; audit
//   schedule label, RRULE (echoed in errors) → /admin/schedules form, createScheduleAction; /admin/schedules, audit
//   maintenance window name, reason → /admin/schedules form, createMaintenanceWindowAction; /admin/schedules, audit
//   result value, note → run page form, recordResultAction (corrections); run page, incident form, history, reports, audit
//   skip reason → run page form, skipRunAction; run page, history, audit
//   incident title, description, update, status note, resolution, root cause; problem title, description, root
//     cause → /incidents/new (prefilled from a failed check), /incidents/[id] forms, incident actions;
//     incident list, detail, weekly report, run page, dashboard, audit
//   change title, description, reason, back-out plan, decision notes → /changes/new, /changes/[id], change
//     actions; change list, detail, calendar (month and list), run page, dashboard, audit
//   user agent, X-Forwarded-For → every request of the payload-named operator; audit
//   query strings → /procedures?q=, /history, /audit, /incidents/weekly, /changes/calendar, /schedule, /reports,
//     /training/matrix, /login?callbackUrl=
// Not covered: exports (CSV, JSON, zip) are downloads, never rendered.

const ORIGIN = `http://127.0.0.1:${E2E_PORT}`;
const base64 = (text: string) => Buffer.from(text).toString("base64");

const TEMPLATES: ((n: number) => string)[] = [
  (n) => `<script>alert(${n})</script>`,
  (n) => `<img src=x onerror=alert(${n})>`,
  (n) => `<svg onload=confirm(${n})>`,
  (n) => `<svg><script>alert(${n})</script></svg>`,
  (n) => `"><script>alert(${n})</script>`,
  (n) => `'><img src=/__xss/${n} onerror=alert(${n})>`,
  (n) => `" autofocus onfocus="alert(${n})`,
  (n) => `' onmouseover='alert(${n})' x='`,
  (n) => `</textarea><script>alert(${n})</script>`,
  (n) => `</title><script>alert(${n})</script>`,
  (n) => `</script><script>alert(${n})</script>`,
  (n) => `<iframe srcdoc="<script>parent.alert(${n})</script>"></iframe>`,
  (n) => `<iframe src="javascript:alert(${n})"></iframe>`,
  (n) => `<a href="javascript:alert(${n})">link ${n}</a>`,
  (n) => `javascript:alert(${n})`,
  (n) => `data:text/html,<script>alert(${n})</script>`,
  (n) => `<object data="data:text/html;base64,${base64(`<script>parent.alert(${n})</script>`)}"></object>`,
  (n) => `<details open ontoggle=confirm(${n})>`,
  (n) => `<body onload=prompt(${n})>`,
  (n) => `<input autofocus onfocus=alert(${n})>`,
  (n) => `<math><mtext><table><mglyph><style><img src=x onerror=alert(${n})>`,
  (n) => `<!--><img src=x onerror=alert(${n})>-->`,
  (n) => `<scr<script>ipt>alert(${n})</scr</script>ipt>`,
  (n) => `&lt;script&gt;alert(${n})&lt;/script&gt;`,
  (n) => `&#60;img src=x onerror=alert(${n})&#62;`,
  (n) => `\\u003cscript\\u003ealert(${n})\\u003c/script\\u003e`,
  (n) => `＜script＞alert(${n})＜/script＞`,
  (n) => `<img src=x onerror=\\u0061lert(${n})>`,
  (n) => `{{constructor.constructor('alert(${n})')()}}`,
  (n) => `\${alert(${n})}`,
  (n) => `<meta http-equiv="refresh" content="0;url=/__xss/${n}">`,
  (n) => `<link rel=stylesheet href=/__xss/${n}>`,
  (n) => `<base href="javascript:alert(${n})//">`,
  (n) => `<form><button formaction=javascript:alert(${n})>go ${n}</button></form>`,
  (n) => `<style>@import '/__xss/${n}';</style>`,
  (n) => `<a href="&#106;avascript:alert(${n})">entity ${n}</a>`,
  (n) => `[link ${n}](javascript:alert(${n}))`,
  (n) => `";alert(${n});//`,
  (n) => `<video><source onerror=alert(${n})></video>`,
  (n) => `<svg><animate onbegin=alert(${n}) attributeName=x dur=1s>`,
];
const PAYLOADS = TEMPLATES.map((template, i) => template(i + 1));
const p = (n: number) => PAYLOADS[n - 1]!;

// Markdown the editor accepts (no raw active HTML) that still tries to run: entity- and
// tab-obfuscated javascript: links, data: URLs, quotes in titles and autolinks, raw HTML it drops.
const ACCEPTED_MARKDOWN = [
  "## Steps",
  "[entity link](&#106;avascript:alert(101))",
  "[tab link](jav&#x09;ascript:alert(102))",
  "[reference link][r103]",
  "[r103]: &#x6A;avascript:alert(103)",
  `![svg image](data:image/svg+xml;base64,${base64('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(104)"/>')})`,
  `[xhtml link](data:application/xhtml+xml;base64,${base64('<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(105)</script></html>')})`,
  '<a href="&#106;avascript:alert(106)">raw anchor</a>',
  '[title link](https://example.com/ "x\\" onmouseover=\\"alert(107)")',
  '<https://example.com/"onmouseover="alert(108)>',
  "`</textarea><b>code span 109</b>`",
  "**{{constructor.constructor('alert(110)')()}}**",
  "<!-- </title><b>comment 111</b> -->",
  ...PAYLOADS.filter(noActiveHtml).map((payload) => `- ${payload}`),
].join("\n\n");
/** Payloads that Markdown shows as written: no active HTML, no entities (those are decoded). */
const MARKDOWN_LITERAL = PAYLOADS.filter((x) => noActiveHtml(x) && !x.includes("&"));
// Refused when saved: the message the editor and the actions give.
const REFUSED = "Remove the HTML that could run code (script, iframe or image tags, on… event handlers, javascript: links); write plain Markdown.";

/** The payloads of at most `max` characters, packed into as few values of at most `max` as they fit. */
function pack(max: number, payloads = PAYLOADS, separator = " "): string[] {
  const values: string[] = [];
  let current = "";
  for (const payload of payloads.filter((x) => x.length <= max)) {
    const next = current ? `${current}${separator}${payload}` : payload;
    if (next.length <= max) current = next;
    else {
      values.push(current);
      current = payload;
    }
  }
  if (current) values.push(current);
  return values;
}

/** Payloads × fields entered, by field, for the summary. */
const entered = new Map<string, number>();
function count(field: string, payloads: number) {
  entered.set(field, (entered.get(field) ?? 0) + payloads);
}

/**
 * Records for a bulk entry: each field gets every payload that fits it, packed; the number of
 * records is that of the field needing most (shorter lists repeat).
 */
function records(entity: string, fields: Record<string, number>): Record<string, string>[] {
  const packs = Object.entries(fields).map(([name, max]) => {
    count(`${entity}.${name}`, PAYLOADS.filter((x) => x.length <= max).length);
    return [name, pack(max)] as const;
  });
  const total = Math.max(...packs.map(([, values]) => values.length));
  return Array.from({ length: total }, (_, i) => Object.fromEntries(packs.map(([name, values]) => [name, values[i % values.length]!])));
}

// ---------------------------------------------------------------------------------------------
// Detection

interface Hit {
  kind: string;
  detail: string;
  url: string;
}
const hits: Hit[] = [];
let reported = 0;
let checks = 0;
const routes = new Set<string>();
const pageErrors: string[] = [];

// Runs in every frame before the page's scripts: payloads that execute call one of these.
const RECORDER = `(() => {
  const report = (kind, detail) => { try { window.__xssReport(kind, String(detail)); } catch (e) {} };
  for (const name of ["alert", "confirm", "prompt"]) {
    const original = window[name];
    window[name] = function (...args) { report(name, args[0]); return original.apply(this, args); };
  }
  document.addEventListener("securitypolicyviolation", (e) => {
    report("csp", e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber + " " + e.sample);
  }, true);
})();`;

async function watchedContext(browser: Browser, options: Parameters<Browser["newContext"]>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.exposeBinding("__xssReport", ({ page }, kind: string, detail: string) => {
    hits.push({ kind, detail, url: page?.url() ?? "" });
  });
  await context.addInitScript(RECORDER);
  context.on("dialog", (dialog) => {
    // The editor's unsaved-changes warning is the app's own, not a payload.
    if (dialog.type() === "beforeunload") return void dialog.accept();
    hits.push({ kind: `dialog:${dialog.type()}`, detail: dialog.message(), url: dialog.page()?.url() ?? "" });
    void dialog.dismiss();
  });
  context.on("request", (request) => {
    if (request.url().startsWith(`${ORIGIN}/__xss`)) hits.push({ kind: "marker-request", detail: request.url(), url: request.frame().url() });
  });
  context.on("console", (message) => {
    if (message.type() === "error" && /Content.Security.Policy/i.test(message.text())) hits.push({ kind: "csp-console", detail: message.text(), url: message.page()?.url() ?? "" });
  });
  context.on("weberror", (error) => pageErrors.push(`${error.page()?.url()}: ${error.error().message}`));
  return context;
}

/** Markup that could only come from a payload: handlers, script URLs, frames, stray inline scripts. */
function dangerousMarkup(): string[] {
  // React puts this guard on forms whose action is a function; it only runs if the form is
  // submitted without React, and comes from React, never from stored text.
  const reactForm = /^javascript:throw new Error\('(A )?React form (was )?unexpectedly submitted\./;
  const urlAttributes = new Set(["href", "src", "action", "formaction", "data", "xlink:href", "poster", "background"]);
  const found: string[] = [];
  for (const element of Array.from(document.querySelectorAll("*"))) {
    const tag = element.tagName.toLowerCase();
    if (["iframe", "frame", "object", "embed", "base"].includes(tag)) found.push(`<${tag}>`);
    if (tag === "meta" && element.getAttribute("http-equiv")?.toLowerCase() === "refresh") found.push("<meta http-equiv=refresh>");
    const code = tag === "script" && !element.hasAttribute("src") ? (element.textContent ?? "") : "";
    if (/(alert|confirm|prompt)\(|__xss/.test(code) && !code.includes("__next_f")) found.push(`<script>${code.slice(0, 80)}`);
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on") || name === "srcdoc") found.push(`<${tag} ${name}="${attribute.value.slice(0, 60)}">`);
      if (urlAttributes.has(name) && /^\s*(javascript|vbscript|data):/i.test(attribute.value) && !reactForm.test(attribute.value)) {
        found.push(`<${tag} ${name}="${attribute.value.slice(0, 60)}">`);
      }
    }
  }
  return found;
}

/** The text of the page as rendered by the server and React, without the framework's scripts. */
function visibleText(): string {
  const copy = document.body.cloneNode(true) as HTMLElement;
  copy.querySelectorAll("script, style, template").forEach((e) => e.remove());
  return copy.textContent ?? "";
}

/**
 * After the page settled: nothing ran, no dangerous markup, and each of `shows` is on the page
 * literally. Soft, so one run lists every page that fails.
 */
async function check(page: Page, label: string, shows: string[] = []) {
  await page.waitForLoadState("load");
  // Error and load events of injected elements fire shortly after the load event.
  await page.waitForTimeout(150);
  expect.soft(await page.evaluate(dangerousMarkup), `dangerous markup on ${label}`).toEqual([]);
  if (shows.length > 0) {
    const text = await page.evaluate(visibleText);
    const missing = shows.filter((s) => !text.includes(s));
    expect.soft(missing, `text not shown literally on ${label}`).toEqual([]);
  }
  const fresh = hits.slice(reported);
  reported = hits.length;
  expect.soft(fresh, `payload ran on ${label}`).toEqual([]);
  checks++;
  // "/incidents/12 (worked)" → "/incidents/:id"; query strings by their parameter names.
  const [path = "", query] = label.split(" ")[0]!.split("?");
  const names = query ? `?${[...new URLSearchParams(query).keys()].join("&")}` : "";
  routes.add(path.replace(/\/(\d+|c[a-z0-9]{24})(?=\/|$)/g, "/:id") + names);
}

async function visit(page: Page, path: string, shows: string[] = []) {
  const response = await page.goto(path);
  expect.soft(response?.status(), path).toBeLessThan(400);
  await check(page, path, shows);
}

/** A server action called as the browser would, with repeated fields for check-box groups. */
async function act(page: Page, file: string, name: string, fields: Record<string, string | string[] | undefined>, expected = '"ok":true') {
  const multipart = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value ?? []].flat()) multipart.append(`_1_${key}`, v);
  multipart.append("0", JSON.stringify([null, "$K1"]));
  const response = await page.request.post("/procedures", {
    headers: { "Next-Action": serverActionId(file, name), Accept: "text/x-component", Origin: ORIGIN },
    multipart,
  });
  const text = await response.text();
  expect(text, `${name}(${JSON.stringify(fields).slice(0, 300)})`).toContain(expected);
  return text;
}

function one<T>(sql: string, ...params: unknown[]): T {
  const row = queryDb<T>(sql, ...params)[0];
  if (!row) throw new Error(`No row for ${sql}`);
  return row;
}

function localDate(timeZone: string, offsetDays = 0): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

// ---------------------------------------------------------------------------------------------
// What the forms get (one payload or a few per field, so each page can be checked for them)

const XSS_OPERATOR = { name: `Xena ${p(2)}`, email: "xena@opsbook.test", password: "Zq8#Lm3!Vx7@Tr2$kW" };
const SERVER = { name: "XSSEDGE01", site: "XSS-Site", description: `${p(17)} ${p(21)}` };
const TOOL = { slug: "xss-console", name: `Console ${p(5)}`, description: `${p(12)} ${p(33)}` };
const ORGANISATION = `Contoso ${p(10)}`;
const HOLIDAY = `Feast ${p(22)}`;
const PROCEDURE = {
  slug: "xss-payloads",
  title: `Check ${p(1)} ${p(10)}`,
  purpose: `${p(9)} ${p(28)} ${p(29)}`,
  itemText: `Confirm ${p(7)}`,
  help: `${p(24)} ${p(29)} ${p(30)}`,
  numberText: `Queue ${p(8)}`,
  unit: p(3),
  counter: `\\MSExchange${p(11)}`,
  textItem: `Observed ${p(36)}`,
  choices: [p(15), "Healthy"],
  command: `Get-Queue | ${p(11)} ${p(31)}`,
  toolPurpose: `${p(6)} ${p(35)}`,
  referenceTitle: `Reference ${p(14)}`,
  referenceUrl: `https://example.com/${p(5).replace(/\s/g, "")}`,
  changeNote: `First version ${p(19)} ${p(38)}`,
};
const SCHEDULE_LABEL = `Nightly ${p(20)}`;
const BAD_RRULE = `FREQ=DAILY;${p(2)}`;
const WINDOW = { name: `Patching ${p(18)}`, reason: `${p(25)} ${p(27)}` };
const RESULT = { checkNote: `Fine ${p(9)}`, numberNote: `High ${p(26)}`, text: `${p(1)} ${p(34)}`, textNote: p(37) };
const INCIDENT = { title: `Queue stuck ${p(4)}`, update: `${p(13)} ${p(16)}`, note: p(23), resolution: `${p(39)} ${p(40)}`, rootCause: p(9), description: `${p(32)} ${p(9)}` };
const PROBLEM = { title: `Backlog ${p(19)}`, description: p(12), rootCause: p(30) };
const CHANGE = { title: `Raise limit ${p(5)}`, description: `${p(9)} ${p(26)}`, reason: p(10), backoutPlan: `${p(29)} ${p(31)}`, approveNote: `Go ${p(7)} ${p(38)}` };
const SKIP_REASON = `Facilities ${p(9)} ${p(35)}`;
// Sent as request headers by the payload-named operator's browser; the audit log shows both.
const USER_AGENT = `Mozilla/5.0 ${p(1)}`;
const FORWARDED_FOR = `"><img src=x onerror=alert(41)>`;

// ---------------------------------------------------------------------------------------------

test.describe.serial("stored and reflected XSS", () => {
  let admin: Page;
  let manager: Page;
  let viewer: Page;
  let operator: Page;
  const contexts: BrowserContext[] = [];
  let procedureId = "";
  let bulkProcedureId = "";
  let runId = "";
  let incidentId = 0;
  let changeId = 0;
  const bulkIncidents: number[] = [];
  const bulkChanges: number[] = [];
  let timeZone = "UTC";
  let policy = "";
  const started = Date.now();

  async function open(browser: Browser, user?: { email: string; password: string }, options: Parameters<Browser["newContext"]>[0] = {}) {
    const context = await watchedContext(browser, options);
    contexts.push(context);
    const page = await context.newPage();
    if (user) await signIn(page, user);
    return page;
  }

  test.beforeAll(async ({ browser }) => {
    ensureUser(MANAGER, "MANAGER");
    ensureUser(VIEWER, "VIEWER");
    admin = await open(browser, ADMIN);
    manager = await open(browser, MANAGER);
    viewer = await open(browser, VIEWER);
    timeZone = queryDb<{ timeZone: string }>(`SELECT timeZone FROM "OrganisationSettings" WHERE id = 1`)[0]?.timeZone ?? "UTC";
  });

  test.afterAll(async () => {
    for (const context of contexts) await context.close();
  });

  test("the detectors catch markup that does run (self-test)", async () => {
    const response = await viewer.goto("/procedures");
    policy = response?.headers()["content-security-policy"] ?? "";
    // Inserted as a stored payload would be if a page rendered it as HTML.
    await viewer.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/__xss/9001" alt="" onerror="alert(9002)">'));
    await expect.poll(() => hits.map((h) => h.kind).sort()).toEqual(expect.arrayContaining(["marker-request"]));
    // Without a policy the handler runs (alert, dialog); with one it is blocked and reported.
    await expect.poll(() => hits.some((h) => h.kind === "csp" || h.kind === "csp-console" || (h.kind === "alert" && h.detail === "9002"))).toBe(true);
    expect(await viewer.evaluate(dangerousMarkup)).toEqual(['<img onerror="alert(9002)">']);
    hits.length = 0;
    reported = 0;
  });

  test("an administrator enters payloads as user, server, tool, organisation and holiday names", async () => {
    test.setTimeout(90_000);
    await admin.goto("/admin/users");
    const userForm = admin.getByRole("form", { name: "Add a user" });
    await userForm.getByLabel("Name").fill(XSS_OPERATOR.name);
    await userForm.getByLabel("E-mail").fill(XSS_OPERATOR.email);
    await userForm.getByLabel("Role").selectOption("OPERATOR");
    await userForm.getByLabel("Initial password").fill(XSS_OPERATOR.password);
    await userForm.getByRole("button", { name: "Add user" }).click();
    await expect(userForm.getByRole("status")).toContainText(`${XSS_OPERATOR.name} (${XSS_OPERATOR.email}) can now sign in`);
    count("user.name", 1);
    await check(admin, "/admin/users (after adding)", [XSS_OPERATOR.name]);

    await admin.goto("/admin/servers");
    const serverForm = admin.getByRole("form", { name: "Add a server" });
    await serverForm.getByLabel("Name", { exact: true }).fill(SERVER.name);
    await serverForm.getByLabel("Active Directory site").fill(SERVER.site);
    await serverForm.getByLabel("Description").fill(SERVER.description);
    await serverForm.getByLabel("Edge Transport").check();
    await serverForm.getByRole("button", { name: "Add server" }).click();
    await expect(serverForm.getByRole("status")).toHaveText(`${SERVER.name} added to the inventory.`);
    count("server.description", 2);
    await check(admin, "/admin/servers (after adding)", [SERVER.site, p(17), p(21)]);

    await admin.goto("/admin/tools");
    const toolForm = admin.getByRole("form", { name: "Add a tool" });
    await toolForm.getByLabel("Slug").fill(TOOL.slug);
    await toolForm.getByLabel("Name").fill(TOOL.name);
    await toolForm.getByLabel("Description").fill(TOOL.description);
    await toolForm.getByRole("button", { name: "Add tool" }).click();
    await expect(admin.getByTestId("catalogue-tool").filter({ hasText: TOOL.name })).toHaveCount(1);
    count("tool.name", 1);
    count("tool.description", 2);
    await check(admin, "/admin/tools (after adding)", [TOOL.name, p(12), p(33)]);

    await admin.goto("/admin/settings");
    const settings = admin.getByRole("form", { name: "Organisation settings" });
    await settings.getByLabel("Organisation name").fill(ORGANISATION);
    await settings.getByRole("button", { name: "Save settings" }).click();
    await expect(settings.getByRole("status")).toContainText("Settings saved.");
    const holiday = admin.getByRole("form", { name: "Add a holiday" });
    await holiday.getByLabel("Date").fill("2031-12-24");
    await holiday.getByLabel("Name").fill(HOLIDAY);
    await holiday.getByRole("button", { name: "Add holiday" }).click();
    await expect(admin.getByRole("list", { name: "Holidays" })).toContainText(HOLIDAY);
    count("organisation.name", 1);
    count("holiday.name", 1);
    await check(admin, "/admin/settings (after saving)", [HOLIDAY]);
    await expect(settings.getByLabel("Organisation name")).toHaveValue(ORGANISATION);

    // Bulk: every payload that fits, through the actions.
    for (const [i, user] of records("user", { name: 100 }).entries()) {
      await act(admin, "lib/users/actions.ts", "createUserAction", { ...user, email: `xss-${i}@opsbook.test`, role: "VIEWER", password: "Hb4$Pn9&Yc2*Ge6!sJ" });
    }
    const server = one<{ id: string }>(`SELECT id FROM "Server" WHERE name = ?`, SERVER.name);
    const serverRecords = records("server", { description: 500 });
    for (const fields of [...serverRecords, { site: SERVER.site, description: SERVER.description }]) {
      await act(admin, "lib/servers/actions.ts", "updateServerAction", { site: SERVER.site, ...fields, serverId: server.id, name: SERVER.name, fqdn: "", roles: "EDGE_TRANSPORT" });
    }
    for (const [i, tool] of records("tool", { name: 116, description: 1000 }).entries()) {
      await act(admin, "lib/tools/actions.ts", "createToolAction", { name: `${i} ${tool.name}`, description: tool.description!, slug: `xss-tool-${i}`, kind: "UTILITY" });
    }
    for (const [i, day] of records("holiday", { name: 100 }).entries()) {
      await act(admin, "lib/settings/actions.ts", "addHolidayAction", { ...day, date: `2032-01-${String(i + 1).padStart(2, "0")}` });
    }
    const current = one<{ timeZone: string; businessDays: string; requireAcknowledgement: number; requireSecondApproval: number }>(
      `SELECT timeZone, businessDays, requireAcknowledgement, requireSecondApproval FROM "OrganisationSettings" WHERE id = 1`,
    );
    const unchanged = {
      timeZone: current.timeZone,
      businessDays: (JSON.parse(current.businessDays) as number[]).map(String),
      requireAcknowledgement: current.requireAcknowledgement ? "on" : undefined,
      requireSecondApproval: current.requireSecondApproval ? "on" : undefined,
    };
    for (const organisation of [...records("organisation", { name: 100 }), { name: ORGANISATION }]) {
      await act(admin, "lib/settings/actions.ts", "updateSettingsAction", { ...organisation, ...unchanged });
    }

    await visit(admin, "/admin/users", [XSS_OPERATOR.name, ...PAYLOADS.filter((x) => x.length <= 100)]);
    await visit(admin, "/admin/servers", [SERVER.site, p(17), p(21)]);
    await visit(admin, "/admin/tools", [TOOL.name, ...PAYLOADS.filter((x) => x.length <= 120)]);
    await visit(admin, "/admin/settings", [HOLIDAY, ...PAYLOADS.filter((x) => x.length <= 100)]);
  });

  test("a manager writes a procedure with payloads in the editor; HTML that could run is refused, the rest is published", async () => {
    test.setTimeout(90_000);
    const page = manager;
    await page.goto("/procedures/new");
    await page.getByLabel("Title", { exact: true }).fill(PROCEDURE.title);
    await page.getByLabel("Address (slug)").fill(PROCEDURE.slug);
    await page.getByLabel("Cadence").selectOption("DAILY");
    await page.getByLabel("Purpose").fill(PROCEDURE.purpose);
    // The live preview renders what is typed, before any check on the server.
    await page.getByLabel("Markdown").fill(`## Steps\n\n${p(1)}\n\n${p(2)}\n\n${p(37)}\n\n${p(12)}`);
    await expect(page.getByTestId("body-preview").getByRole("heading", { name: "Steps" })).toBeVisible();
    await check(page, "/procedures/new (preview of refused Markdown)");
    const first = page.getByTestId("editor-item").first();
    await first.getByLabel("Item text").fill(PROCEDURE.itemText);
    await first.getByLabel("Guidance (optional)").fill(p(3));
    await page.getByRole("button", { name: "Create draft" }).click();
    await expect(page.getByText(REFUSED)).toHaveCount(2);
    expect(queryDb(`SELECT id FROM "Procedure" WHERE slug = ?`, PROCEDURE.slug)).toHaveLength(0);
    await check(page, "/procedures/new (refused)");

    await page.getByLabel("Markdown").fill(ACCEPTED_MARKDOWN);
    const preview = page.getByTestId("body-preview");
    await expect(preview.getByText("entity link")).toBeVisible();
    // Script and data: targets lose their address; the rest stay links.
    for (const name of ["entity link", "tab link", "reference link", "xhtml link"]) await expect(preview.getByRole("link", { name })).toHaveCount(0);
    await expect(preview.getByRole("link", { name: "title link" })).toHaveAttribute("href", "https://example.com/");
    await check(page, "/procedures/new (preview of accepted Markdown)", ["</textarea><b>code span 109</b>", "raw anchor", ...MARKDOWN_LITERAL]);
    await first.getByLabel("Guidance (optional)").fill(PROCEDURE.help);

    await page.getByRole("button", { name: "Add item" }).click();
    const number = page.getByTestId("editor-item").nth(1);
    await number.getByLabel("Item text").fill(PROCEDURE.numberText);
    await number.getByLabel("Kind").selectOption("NUMBER");
    await number.getByLabel("Unit").fill(PROCEDURE.unit);
    await number.getByLabel("Minimum").fill("0");
    await number.getByLabel("Maximum").fill("10");
    await number.getByLabel("Counter (optional)").fill(PROCEDURE.counter);
    await page.getByRole("button", { name: "Add item" }).click();
    const text = page.getByTestId("editor-item").nth(2);
    await text.getByLabel("Item text").fill(PROCEDURE.textItem);
    await text.getByLabel("Kind").selectOption("TEXT");
    await page.getByRole("button", { name: "Add item" }).click();
    const choice = page.getByTestId("editor-item").nth(3);
    await choice.getByLabel("Item text").fill(`Pick ${p(27)}`);
    await choice.getByLabel("Kind").selectOption("CHOICE");
    await choice.getByLabel("Choices, one per line").fill(PROCEDURE.choices.join("\n"));
    await choice.getByLabel("Healthy", { exact: true }).check();

    await page.getByRole("button", { name: "Add tool" }).click();
    const tool = page.getByTestId("editor-tool");
    await tool.getByLabel("Tool", { exact: true }).selectOption({ label: TOOL.name });
    await tool.getByLabel("Command").fill(PROCEDURE.command);
    await tool.getByLabel("What it is used for").fill(PROCEDURE.toolPurpose);
    await page.getByRole("button", { name: "Add reference" }).click();
    await page.getByLabel("Title", { exact: true }).last().fill(PROCEDURE.referenceTitle);
    await page.getByLabel("Link", { exact: true }).fill(PROCEDURE.referenceUrl);
    await check(page, "/procedures/new (filled)");
    await page.getByRole("button", { name: "Create draft" }).click();
    await expect(page).toHaveURL(new RegExp(`/procedures/${PROCEDURE.slug}/edit$`));
    for (const [field, payloads] of [["title", 2], ["purpose", 3], ["body", PAYLOADS.filter(noActiveHtml).length + 11], ["item.text", 4], ["item.help", 3], ["item.unit", 1], ["item.counter", 1], ["item.choices", 1], ["tool.command", 2], ["tool.purpose", 2], ["reference.title", 1], ["reference.url", 1]] as const) {
      count(`procedure.${field}`, payloads);
    }
    await expect(page.getByTestId("draft-status")).toBeVisible();
    await check(page, `/procedures/${PROCEDURE.slug}/edit`, MARKDOWN_LITERAL);
    await expect(page.getByLabel("Title", { exact: true }).first()).toHaveValue(PROCEDURE.title);
    await expect(page.getByLabel("Purpose")).toHaveValue(PROCEDURE.purpose);

    await page.getByLabel("Change note").fill(PROCEDURE.changeNote);
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("heading", { name: `Versions of ${PROCEDURE.title}` })).toBeVisible();
    count("procedure.changeNote", 2);
    await check(page, `/procedures/${PROCEDURE.slug}/versions (after publishing)`, [PROCEDURE.title, PROCEDURE.changeNote]);
    procedureId = one<{ id: string }>(`SELECT id FROM "Procedure" WHERE slug = ?`, PROCEDURE.slug).id;
  });

  test("a manager creates, revises, reviews and imports procedures full of payloads through the actions", async () => {
    test.setTimeout(90_000);
    const page = manager;
    const tool = one<{ slug: string }>(`SELECT slug FROM "Tool" WHERE slug = 'xss-console'`).slug;
    const harmless = PAYLOADS.filter(noActiveHtml);
    // One item per payload, each kind in turn, so units, counters and choices get them too.
    const content = (title: string, purpose: string, suffix: string) => ({
      slug: "xss-bulk",
      title,
      cadence: "WEEKLY",
      roles: ["HUB_TRANSPORT"],
      smf: "SYSTEM_ADMINISTRATION",
      relatedSmfs: [],
      purpose,
      body: ACCEPTED_MARKDOWN,
      reviewIntervalMonths: 12,
      items: PAYLOADS.map((payload, i) => {
        const kind = (["CHECK", "NUMBER", "TEXT", "CHOICE"] as const)[i % 4];
        return {
          key: `item-${i + 1}`,
          kind,
          text: `${payload}${suffix}`,
          help: harmless[i % harmless.length]!,
          required: true,
          ...(kind === "NUMBER" ? { unit: payload.length <= 30 ? payload : "ms", min: 0, max: 10, counter: payload } : {}),
          choices: kind === "CHOICE" ? [payload.slice(0, 80), "OK"] : [],
          passChoices: kind === "CHOICE" ? ["OK"] : [],
        };
      }),
      tools: pack(1000).map((command, i) => ({ tool, command, purpose: pack(300)[i % pack(300).length]! })),
      references: PAYLOADS.filter((x) => x.length <= 200).map((payload, i) => ({ title: payload, url: `https://example.com/${i}/${payload.replace(/\s/g, "")}` })),
    });
    const titles = pack(120);
    const purposes = pack(600);
    count("procedure.title", PAYLOADS.filter((x) => x.length <= 120).length);
    count("procedure.purpose", PAYLOADS.filter((x) => x.length <= 600).length);
    count("procedure.body", harmless.length + 11);
    count("procedure.item.text", PAYLOADS.length);
    count("procedure.item.help", harmless.length);
    count("procedure.item.unit", PAYLOADS.filter((x) => x.length <= 30).length);
    count("procedure.item.counter", PAYLOADS.length / 4);
    count("procedure.item.choices", PAYLOADS.length / 4);
    count("procedure.tool.command", PAYLOADS.length);
    count("procedure.tool.purpose", PAYLOADS.filter((x) => x.length <= 300).length);
    count("procedure.reference.title", PAYLOADS.filter((x) => x.length <= 200).length);

    await act(page, "lib/procedures/actions.ts", "createProcedureAction", { content: JSON.stringify(content(titles[0]!, purposes[0]!, "")) });
    bulkProcedureId = one<{ id: string }>(`SELECT id FROM "Procedure" WHERE slug = 'xss-bulk'`).id;
    const notes = pack(1000);
    count("procedure.changeNote", PAYLOADS.length);
    await act(page, "lib/procedures/actions.ts", "publishDraftAction", { procedureId: bulkProcedureId, expectedRevision: "1", changeNote: notes[0]! });

    // Raw HTML that could run is refused by the action as well as the editor.
    const refused = await act(
      page,
      "lib/procedures/actions.ts",
      "saveDraftAction",
      { procedureId: bulkProcedureId, expectedRevision: "0", content: JSON.stringify({ ...content(titles[0]!, purposes[0]!, ""), body: PAYLOADS.join("\n\n") }) },
      REFUSED,
    );
    expect(refused).not.toContain('"ok":true');
    for (const [i, title] of titles.entries()) {
      const purpose = purposes[(i + 1) % purposes.length]!;
      await act(page, "lib/procedures/actions.ts", "saveDraftAction", { procedureId: bulkProcedureId, expectedRevision: String(i), content: JSON.stringify(content(title, purpose, ` (revision ${i + 1})`)) });
    }
    await act(page, "lib/procedures/actions.ts", "publishDraftAction", { procedureId: bulkProcedureId, expectedRevision: String(titles.length), changeNote: notes[1 % notes.length]! });
    for (const note of notes) await act(page, "lib/procedures/actions.ts", "markReviewedAction", { procedureId: bulkProcedureId, note });
    count("procedure.reviewNote", PAYLOADS.length);
    await act(page, "lib/training/actions.ts", "addToReadingListAction", { role: "VIEWER", procedureId: bulkProcedureId });

    // A Markdown file: a payload in its name and in a field that makes it invalid (echoed in the
    // problem list), then a valid one.
    const file = (slug: string, title: string, pass: string) =>
      [
        "---",
        `slug: ${slug}`,
        `title: ${JSON.stringify(title)}`,
        "cadence: AS_NEEDED",
        "smf: SYSTEM_ADMINISTRATION",
        `purpose: ${JSON.stringify(p(29))}`,
        "items:",
        "  - key: answer",
        "    kind: CHOICE",
        `    text: ${JSON.stringify(p(5))}`,
        `    choices: [${JSON.stringify(p(27))}, "No"]`,
        `    pass_choices: [${JSON.stringify(pass)}]`,
        "---",
        "",
        "Plain text.",
        "",
      ].join("\n");
    await page.goto("/procedures/import");
    await page.getByLabel("Procedure files").setInputFiles({ name: `${p(2)}.md`, mimeType: "text/markdown", buffer: Buffer.from(file("xss-import", p(1), p(3))) });
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Nothing was imported" })).toBeVisible();
    await check(page, "/procedures/import (refused)", [p(2)]);
    const archive = zipSync({ "xss-import.md": strToU8(file("xss-import", `Imported ${p(1)}`, p(27))) });
    await page.getByLabel("Procedure files").setInputFiles({ name: "library.zip", mimeType: "application/zip", buffer: Buffer.from(archive) });
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Imported 1 file" })).toBeVisible();
    await check(page, "/procedures/import (imported)", [`Imported ${p(1)}`]);
    count("import.file-name", 1);
    count("import.title", 2);
    count("import.purpose", 2);
    count("import.item", 3);
  });

  test("a manager schedules the procedure and plans a maintenance window, with payloads in labels, rules and reasons", async () => {
    test.setTimeout(90_000);
    const page = manager;
    await page.goto("/admin/schedules");
    await page.getByText("New schedule").click();
    const form = page.getByRole("form", { name: "New schedule" });
    const preview = page.getByRole("complementary", { name: "Next occurrences" }).first();
    await form.getByLabel("Procedure").selectOption(procedureId);
    await form.getByLabel("Recurs").selectOption("CUSTOM");
    await form.getByLabel("RRULE (RFC 5545, whole days)").fill(BAD_RRULE);
    // The rule's parts are echoed in the preview's explanation.
    await expect(preview.getByText(`"${p(2)}" is not a rule part.`)).toBeVisible();
    count("schedule.rrule", 1);
    await check(page, "/admin/schedules (rule refused)");
    await form.getByLabel("Recurs").selectOption("DAILY");
    await form.getByLabel("Label (optional)").fill(SCHEDULE_LABEL);
    // Due late, so that today's run is made (runs due before a schedule exists are not).
    await form.getByLabel(/^Due at/).fill("23:59");
    await form.getByRole("button", { name: "Create schedule" }).click();
    await expect(form.getByText("Schedule created. Its runs appear from now on.")).toBeVisible();
    count("schedule.name", 1);

    const windowForm = page.getByRole("form", { name: "New maintenance window" });
    await windowForm.getByLabel("Name").fill(WINDOW.name);
    await windowForm.getByLabel(/^Starts/).fill("2031-06-01T20:00");
    await windowForm.getByLabel(/^Ends/).fill("2031-06-01T22:00");
    await windowForm.getByLabel("Reason").fill(WINDOW.reason);
    await windowForm.getByRole("button", { name: "Add maintenance window" }).click();
    await expect(page.getByRole("list", { name: "Maintenance windows" })).toContainText(WINDOW.name);
    count("window.name", 1);
    count("window.reason", 2);

    // Bulk: schedules far in the future (no runs now), windows, rules refused with their text.
    for (const [i, schedule] of records("schedule", { name: 100 }).entries()) {
      await act(page, "lib/scheduling/actions.ts", "createScheduleAction", {
        ...schedule,
        procedureId: bulkProcedureId,
        kind: "MONTHLY_DAY",
        day: String(i + 1),
        anchorDate: "2033-01-01",
        dueTime: "10:00",
        graceMinutes: "60",
        timeZone,
        assignee: "role:OPERATOR",
        scope: "ORGANISATION",
        active: "on",
      });
    }
    for (const [i, window] of records("window", { name: 100, reason: 500 }).entries()) {
      await act(page, "lib/scheduling/actions.ts", "createMaintenanceWindowAction", { ...window, startsAt: `2032-03-${String(i + 1).padStart(2, "0")}T20:00`, endsAt: `2032-03-${String(i + 1).padStart(2, "0")}T21:00`, serverId: "" });
    }
    await visit(page, "/admin/schedules", [SCHEDULE_LABEL, WINDOW.name, p(25), p(27), ...PAYLOADS.filter((x) => x.length <= 100)]);
    const run = queryDb<{ id: string }>(`SELECT id FROM "Run" WHERE procedureId = ? AND localDate = ?`, procedureId, localDate(timeZone));
    expect(run).toHaveLength(1);
    runId = run[0]!.id;
  });

  test("an operator named with a payload records results, raises an incident from the failed check and works it", async ({ browser }) => {
    test.setTimeout(120_000);
    operator = await open(browser, XSS_OPERATOR, { userAgent: USER_AGENT, extraHTTPHeaders: { "X-Forwarded-For": FORWARDED_FOR } });
    count("request.user-agent", 1);
    count("request.x-forwarded-for", 1);
    const page = operator;
    await check(page, "/today (landing)", [XSS_OPERATOR.name]);
    await visit(page, "/today?scope=all", [PROCEDURE.title]);
    await page.getByRole("link", { name: PROCEDURE.title }).first().click();
    await expect(page).toHaveURL(new RegExp(`/runs/${runId}$`));
    await check(page, `/runs/${runId}`, [PROCEDURE.title, PROCEDURE.itemText, PROCEDURE.help, PROCEDURE.unit, PROCEDURE.counter, PROCEDURE.command, PROCEDURE.toolPurpose, TOOL.name]);

    const items = page.getByTestId("run-item");
    const check1 = items.filter({ hasText: PROCEDURE.itemText });
    await check1.getByLabel(/^Note/).fill(RESULT.checkNote);
    await check1.getByRole("button", { name: "Pass", exact: true }).click();
    await expect(check1.getByText(/^Saved/)).toBeVisible();
    const number = items.filter({ hasText: PROCEDURE.numberText });
    await number.getByLabel(/^Value/).fill("99");
    await number.getByLabel(/^Note/).fill(RESULT.numberNote);
    await number.getByRole("button", { name: "Pass", exact: true }).click();
    await expect(number.getByText(/^Saved as failed/)).toBeVisible();
    const text = items.filter({ hasText: PROCEDURE.textItem });
    await text.getByLabel(/^What you found/).fill(RESULT.text);
    await text.getByLabel(/^Note/).fill(RESULT.textNote);
    await text.getByRole("button", { name: "Pass", exact: true }).click();
    await expect(text.getByText(/^Saved/)).toBeVisible();
    const choice = items.filter({ hasText: `Pick ${p(27)}` });
    await choice.getByLabel(/^Value/).selectOption(PROCEDURE.choices[0]!);
    await choice.getByRole("button", { name: "Pass", exact: true }).click();
    await expect(choice.getByText(/^Saved/)).toBeVisible();
    count("result.note", 5);
    count("result.value", 2);
    await check(page, `/runs/${runId} (recorded)`, [RESULT.checkNote, RESULT.numberNote, RESULT.text, RESULT.textNote, XSS_OPERATOR.name]);

    // Bulk corrections of the text item: every earlier result stays on the page.
    const textItem = one<{ id: string }>(`SELECT i.id FROM "ChecklistItem" i JOIN "Run" r ON r.versionId = i.versionId WHERE r.id = ? AND i.kind = 'TEXT'`, runId).id;
    for (const result of records("result", { value: 2000, note: 2000 })) {
      const revision = one<{ revision: number }>(`SELECT max(revision) AS revision FROM "Result" WHERE runId = ? AND itemId = ?`, runId, textItem).revision;
      await act(page, "lib/runs/actions.ts", "recordResultAction", { ...result, runId, itemId: textItem, outcome: "PASS", expectedRevision: String(revision) });
    }
    await act(page, "lib/runs/actions.ts", "recordResultAction", { runId, itemId: textItem, outcome: "PASS", value: RESULT.text, note: RESULT.textNote, expectedRevision: String(one<{ revision: number }>(`SELECT max(revision) AS revision FROM "Result" WHERE runId = ? AND itemId = ?`, runId, textItem).revision) });

    // The failed check leads to a prefilled incident form: the item, value and recorder go into a textarea.
    await page.reload();
    await page.getByTestId("run-item").filter({ hasText: PROCEDURE.numberText }).getByRole("link", { name: "Raise an incident" }).click();
    await expect(page).toHaveURL(/\/incidents\/new\?run=/);
    await check(page, "/incidents/new (prefilled)", [PROCEDURE.numberText, PROCEDURE.unit, RESULT.numberNote]);
    const form = page.getByRole("form", { name: "New incident" });
    const prefilled = await form.getByLabel("Description").inputValue();
    expect(prefilled).toContain(PROCEDURE.numberText);
    expect(prefilled).toContain(XSS_OPERATOR.name);
    await form.getByLabel("Title").fill(INCIDENT.title);
    await form.getByLabel("Description").fill(`${prefilled}\n${INCIDENT.description}`);
    await form.getByRole("button", { name: "Open incident" }).click();
    await expect(page).toHaveURL(/\/incidents\/\d+$/);
    incidentId = Number(new URL(page.url()).pathname.split("/").at(-1));
    count("incident.title", 1);
    count("incident.description", 2);
    await check(page, `/incidents/${incidentId}`, [INCIDENT.title, p(32), XSS_OPERATOR.name]);

    const update = page.getByRole("form", { name: "Add an update" });
    await update.getByLabel("Update").fill(INCIDENT.update);
    await update.getByRole("button", { name: "Add update" }).click();
    await expect(page.getByRole("list", { name: "Updates, oldest first" })).toContainText(p(13));
    await page.getByText("Start a new problem from this incident").click();
    const problem = page.getByRole("form", { name: "New problem" });
    await problem.getByLabel("Problem title").fill(PROBLEM.title);
    await problem.getByLabel("Description").fill(PROBLEM.description);
    await problem.getByLabel("Root cause (if known)").fill(PROBLEM.rootCause);
    await problem.getByRole("button", { name: "Create problem and link" }).click();
    await expect(page.locator("#problem")).toContainText(PROBLEM.title);
    const status = page.getByRole("form", { name: "Change the status" });
    await status.getByLabel("Note for the timeline (optional)").fill(INCIDENT.note);
    await status.getByRole("button", { name: "Start investigating" }).click();
    await expect(page.getByRole("list", { name: "Updates, oldest first" })).toContainText(INCIDENT.note);
    await status.getByLabel("Resolution").fill(INCIDENT.resolution);
    await status.getByLabel("Root cause (if known)").fill(INCIDENT.rootCause);
    await status.getByRole("button", { name: "Resolve" }).click();
    await expect(page.getByRole("status").filter({ hasText: "is resolved" })).toBeVisible();
    for (const field of ["update", "statusNote", "resolution", "rootCause"]) count(`incident.${field}`, 2);
    for (const field of ["title", "description", "rootCause"]) count(`problem.${field}`, 1);
    await check(page, `/incidents/${incidentId} (worked)`, [INCIDENT.title, p(13), p(16), INCIDENT.note, p(39), p(40), PROBLEM.title, PROBLEM.description, PROBLEM.rootCause]);
    await page.getByText("Edit details").click();
    const details = page.getByRole("form", { name: "Incident details" });
    await expect(details.getByLabel("Resolution")).toHaveValue(INCIDENT.resolution);
    await expect(details.getByLabel("Description")).toHaveValue(new RegExp(p(32).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    await details.getByLabel("Title").fill(`${INCIDENT.title} ${p(21)}`);
    await details.getByLabel("Root cause").fill(`${INCIDENT.rootCause} ${p(33)}`);
    await details.getByRole("button", { name: "Save details" }).click();
    await expect(details.getByText("Details saved.")).toBeVisible();
    count("incident.title", 2);
    count("incident.rootCause", 2);
    await check(page, `/incidents/${incidentId} (edited)`, [`${INCIDENT.title} ${p(21)}`, p(33)]);

    // Bulk incidents, updates, notes and problems.
    for (const incident of records("incident", { title: 200, description: 5000 })) {
      await act(page, "lib/incidents/actions.ts", "openIncidentAction", { ...incident, severity: "3" });
      bulkIncidents.push(one<{ id: number }>(`SELECT max(id) AS id FROM "Incident"`).id);
    }
    const target = String(bulkIncidents[0]);
    for (const body of records("incident", { update: 5000 })) await act(page, "lib/incidents/actions.ts", "addUpdateAction", { incidentId: target, body: body.update! });
    const [note] = records("incident", { statusNote: 2000 });
    await act(page, "lib/incidents/actions.ts", "changeStatusAction", { incidentId: target, step: "investigate", note: note!.statusNote! });
    const [resolution] = records("incident", { resolution: 5000, rootCause: 5000 });
    await act(page, "lib/incidents/actions.ts", "changeStatusAction", { incidentId: target, step: "resolve", note: note!.statusNote!, ...resolution });
    for (const [i, problem] of records("problem", { title: 200, description: 5000, rootCause: 5000 }).entries()) {
      await act(page, "lib/incidents/actions.ts", "createProblemAction", { ...problem, incidentId: String(bulkIncidents[(i + 1) % bulkIncidents.length]) });
    }
    const problemId = String(one<{ id: number }>(`SELECT max(id) AS id FROM "Problem"`).id);
    for (const problem of records("problem-edit", { title: 200, description: 5000, rootCause: 5000 })) {
      await act(page, "lib/incidents/actions.ts", "updateProblemAction", { ...problem, problemId });
    }
  });

  test("the operator records a change with payloads and a manager approves it with a payload note; bulk changes are rejected with notes", async () => {
    test.setTimeout(90_000);
    const page = operator;
    await page.goto("/changes/new");
    const form = page.getByRole("form", { name: "New change" });
    await form.getByLabel("Title").fill(CHANGE.title);
    await form.getByLabel("Description").fill(CHANGE.description);
    await form.getByLabel("Reason").fill(CHANGE.reason);
    await form.getByLabel("Risk").selectOption("LOW");
    await form.getByLabel("Back-out plan").fill(CHANGE.backoutPlan);
    await form.getByLabel(/^XSSEDGE01/).check();
    // Refused (no window): everything typed comes back in the fields.
    await form.getByRole("button", { name: "Save as draft" }).click();
    await expect(form.getByRole("alert")).toBeVisible();
    await expect(form.getByLabel("Title")).toHaveValue(CHANGE.title);
    await expect(form.getByLabel("Back-out plan")).toHaveValue(CHANGE.backoutPlan);
    await check(page, "/changes/new (refused, values echoed)");
    await form.getByLabel("Planned start").fill(`${localDate(timeZone)}T00:00`);
    await form.getByLabel("Planned end").fill(`${localDate(timeZone, 1)}T23:00`);
    await form.getByRole("button", { name: "Save as draft" }).click();
    await expect(page).toHaveURL(/\/changes\/\d+$/);
    changeId = Number(new URL(page.url()).pathname.split("/").at(-1));
    await page.getByRole("button", { name: "Submit for approval" }).click();
    await expect(page.getByText("Awaiting approval", { exact: true }).first()).toBeVisible();
    for (const [field, payloads] of [["title", 1], ["description", 2], ["reason", 1], ["backoutPlan", 2]] as const) count(`change.${field}`, payloads);
    await check(page, `/changes/${changeId}`, [CHANGE.title, p(26), CHANGE.reason, p(31)]);

    await manager.goto(`/changes/${changeId}`);
    const decision = manager.getByRole("form", { name: "Decision" });
    await decision.getByLabel(/Decision note/).fill(CHANGE.approveNote);
    await decision.getByRole("button", { name: "Approve", exact: true }).click();
    await expect(manager.getByText("Approved. It can now be implemented.")).toBeVisible();
    count("change.decisionNote", 2);
    await check(manager, `/changes/${changeId} (approved)`, [CHANGE.title, p(7), p(38)]);
    // Implemented, it shows on the runs of its period, verified by a run of the payload procedure.
    await act(page, "lib/changes/actions.ts", "implementChangeAction", { changeId: String(changeId), procedureIds: procedureId });

    const server = one<{ id: string }>(`SELECT id FROM "Server" WHERE name = 'XSSEDGE01'`).id;
    const notes = records("change", { decisionNote: 2000 });
    const changes = records("change", { title: 150, description: 5000, reason: 2000, backoutPlan: 5000 });
    for (const [i, change] of changes.entries()) {
      await act(page, "lib/changes/actions.ts", "createChangeAction", {
        ...change,
        type: "NORMAL",
        risk: "MEDIUM",
        plannedStart: `${localDate(timeZone, 2)}T20:00`,
        plannedEnd: `${localDate(timeZone, 2)}T21:00`,
        serverIds: server,
      });
      const id = one<{ id: number }>(`SELECT max(id) AS id FROM "Change"`).id;
      bulkChanges.push(id);
      await act(page, "lib/changes/actions.ts", "submitChangeAction", { changeId: String(id) });
      // The last one stays awaiting a decision, for the dashboard.
      if (i < changes.length - 1) await act(manager, "lib/changes/actions.ts", "rejectChangeAction", { changeId: String(id), note: notes[i % notes.length]!.decisionNote! });
    }
  });

  test("a manager skips runs with payload reasons", async () => {
    const page = manager;
    const upcoming = queryDb<{ id: string }>(`SELECT id FROM "Run" WHERE procedureId = ? AND localDate > ? ORDER BY localDate LIMIT 4`, procedureId, localDate(timeZone));
    expect(upcoming.length).toBeGreaterThan(1);
    await page.goto(`/runs/${upcoming[0]!.id}`);
    await page.getByText("Skip this run (managers)").click();
    const form = page.getByRole("form", { name: "Skip this run" });
    await form.getByLabel("Reason").fill(SKIP_REASON);
    await form.getByRole("button", { name: "Skip run" }).click();
    await expect(page.getByText("Skipped because")).toBeVisible();
    count("run.skipReason", 2);
    await check(page, `/runs/${upcoming[0]!.id} (skipped)`, [SKIP_REASON]);
    for (const [i, skip] of records("run", { skipReason: 1000 }).entries()) {
      const run = upcoming[i + 1];
      if (run) await act(page, "lib/runs/actions.ts", "skipRunAction", { runId: run.id, reason: skip.skipReason! });
    }
  });

  test("every page that shows them renders them as text, for each role that reads it", async ({ browser }) => {
    // About two hundred page visits: 1.7 minutes on an idle two-core machine, so the budget leaves room for a busy one.
    test.setTimeout(240_000);
    const short = (max: number) => PAYLOADS.filter((x) => x.length <= max);
    const bulkSlug = "xss-bulk";
    const bulkTitle = pack(120).at(-1)!;

    // Viewer: the library, search, a procedure, its print view and versions, tools, training.
    await visit(viewer, "/procedures", [PROCEDURE.title, bulkTitle]);
    await visit(viewer, `/procedures?q=${encodeURIComponent("alert")}`, [PROCEDURE.title]);
    await visit(viewer, `/procedures?q=${encodeURIComponent(p(5))}`);
    await visit(viewer, `/procedures/${PROCEDURE.slug}`, [PROCEDURE.title, p(9), p(28), PROCEDURE.itemText, PROCEDURE.help, PROCEDURE.unit, PROCEDURE.counter, PROCEDURE.command, PROCEDURE.toolPurpose, PROCEDURE.referenceTitle, TOOL.name, "</textarea><b>code span 109</b>", ...MARKDOWN_LITERAL]);
    await expect(viewer).toHaveTitle(`${PROCEDURE.title} · Opsbook`);
    await expect(viewer.getByRole("link", { name: PROCEDURE.referenceTitle })).toHaveAttribute("href", PROCEDURE.referenceUrl);
    await visit(viewer, `/procedures/${PROCEDURE.slug}/print`, [PROCEDURE.title, PROCEDURE.itemText, ORGANISATION]);
    await visit(viewer, `/procedures/${PROCEDURE.slug}/versions`, [PROCEDURE.changeNote]);
    await visit(viewer, `/procedures/${bulkSlug}`, [...PAYLOADS.map((x) => `${x} (revision ${pack(120).length})`), ...short(200)]);
    await visit(viewer, `/procedures/${bulkSlug}/print`, PAYLOADS.map((x) => `${x} (revision ${pack(120).length})`));
    await visit(viewer, `/procedures/${bulkSlug}/versions`, [pack(1000)[1 % pack(1000).length]!]);
    await visit(viewer, `/procedures/${bulkSlug}/versions?compare=1..2`);
    await visit(viewer, "/procedures/xss-import", [`Imported ${p(1)}`, p(29), p(5)]);
    await visit(viewer, "/tools", [TOOL.name, p(12), p(33), ...short(120)]);
    await visit(viewer, "/training", [bulkTitle]);

    // Operator (named with a payload): daily work, history, incidents, changes.
    const op = operator;
    await visit(op, "/today?scope=all", [PROCEDURE.title, XSS_OPERATOR.name]);
    await visit(op, `/runs/${runId}`, [RESULT.text, RESULT.textNote, RESULT.numberNote, CHANGE.title, INCIDENT.title, ...short(2000)]);
    await visit(op, "/history", [PROCEDURE.title, XSS_OPERATOR.name]);
    await visit(op, "/schedule", [PROCEDURE.title]);
    await visit(op, `/schedule?view=month&date=${localDate(timeZone)}`, [PROCEDURE.title]);
    await visit(op, "/incidents?status=all", [INCIDENT.title, ...short(200)]);
    await visit(op, `/incidents/${incidentId}`, [INCIDENT.title, PROBLEM.title, RESULT.numberNote]);
    await visit(op, `/incidents/${bulkIncidents[0]}`, [...PAYLOADS]);
    await visit(op, `/incidents/${bulkIncidents[1 % bulkIncidents.length]}`, [...short(200).slice(0, 3)]);
    await visit(op, "/incidents/weekly", [INCIDENT.title]);
    await visit(op, "/changes", [CHANGE.title, ...short(150)]);
    await visit(op, `/changes/${changeId}`, [CHANGE.title, CHANGE.approveNote]);
    await visit(op, `/changes/${bulkChanges[0]}`, [...PAYLOADS]);
    await visit(op, "/changes/calendar", [CHANGE.title]);
    await visit(op, "/changes/calendar?view=list", [CHANGE.title]);
    await visit(op, "/changes/new", [SERVER.site]);
    await visit(op, "/incidents/new");

    // Manager: dashboard, reports, audit, training matrix, reviews, editor.
    await visit(manager, "/dashboard", [pack(150).at(-1)!]);
    await visit(manager, "/reports", [PROCEDURE.title, RESULT.numberNote]);
    await visit(manager, "/reports/print", [ORGANISATION]);
    await visit(manager, "/audit", []);
    // Before and after values are JSON (quotes escaped); every bulk pack starts with payload 1.
    for (const entityType of ["User", "Server", "Tool", "OrganisationSettings", "Holiday", "Procedure", "ProcedureDraft", "Schedule", "MaintenanceWindow", "Result", "Run", "Incident", "Problem", "Change"]) {
      await visit(manager, `/audit?entityType=${entityType}`, [p(1)]);
    }
    await visit(manager, `/audit?entityType=Incident&entityId=${incidentId}`, [USER_AGENT, INCIDENT.title]);
    await visit(manager, "/training/matrix", [XSS_OPERATOR.name, ...short(100).slice(0, 5)]);
    await visit(manager, "/training/matrix?view=lists", [bulkTitle]);
    await visit(manager, "/procedures/review", []);
    await visit(manager, `/procedures/${bulkSlug}/edit`, []);
    await visit(manager, "/admin/schedules", [SCHEDULE_LABEL]);

    // Reflected: payloads in query strings come back only as text, if at all.
    for (const path of [
      `/history?from=${encodeURIComponent(p(1))}&state=${encodeURIComponent(p(2))}`,
      `/audit?from=${encodeURIComponent(p(5))}&entityType=${encodeURIComponent(p(3))}`,
      `/incidents/weekly?week=${encodeURIComponent(p(9))}`,
      `/incidents?status=${encodeURIComponent(p(2))}`,
      `/changes?status=${encodeURIComponent(p(5))}`,
      `/changes/calendar?month=${encodeURIComponent(p(10))}`,
      `/schedule?date=${encodeURIComponent(p(1))}&view=${encodeURIComponent(p(2))}`,
      `/reports?month=${encodeURIComponent(p(11))}`,
      `/training/matrix?role=${encodeURIComponent(p(1))}`,
      `/procedures?cadence=${encodeURIComponent(p(2))}&tool=${encodeURIComponent(p(3))}`,
    ]) {
      const response = await manager.goto(path);
      expect.soft(response?.status(), path).toBeLessThan(500);
      await check(manager, path);
    }
    // A javascript: target after sign-in is not followed.
    const context = await watchedContext(browser);
    contexts.push(context);
    const anonymous = await context.newPage();
    await anonymous.goto(`/login?callbackUrl=${encodeURIComponent(`javascript:alert(42)`)}`);
    await anonymous.getByLabel("E-mail").fill(VIEWER.email);
    await anonymous.getByLabel("Password").fill(VIEWER.password);
    await anonymous.getByRole("button", { name: "Sign in" }).click();
    await expect(anonymous).toHaveURL(/\/procedures$/);
    await check(anonymous, "/login?callbackUrl=javascript:");
  });

  test("summary: no payload ran anywhere", () => {
    const total = [...entered.values()].reduce((a, b) => a + b, 0);
    console.log(
      [
        `XSS: ${PAYLOADS.length} payloads; ${total} payload × field entries over ${entered.size} fields:`,
        ...[...entered.entries()].map(([field, n]) => `  ${field}: ${n}`),
        `${checks} page checks over ${routes.size} routes: ${[...routes].join(", ")}`,
        `hits: ${hits.length}${hits.length ? `\n${hits.map((h) => `  ${h.kind} ${h.detail} on ${h.url}`).join("\n")}` : ""}`,
        `page errors: ${pageErrors.length}${pageErrors.length ? `\n  ${pageErrors.join("\n  ")}` : ""}`,
        `X-Forwarded-For stored as the client address: ${one<{ n: number }>(`SELECT count(*) AS n FROM "AuditEvent" WHERE ip = ?`, FORWARDED_FOR).n > 0 ? "yes" : "no"}`,
        `Content-Security-Policy: ${policy || "none"}`,
        `time: ${Math.round((Date.now() - started) / 1000)} s`,
      ].join("\n"),
    );
    expect(hits).toEqual([]);
  });
});
