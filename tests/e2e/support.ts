import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { E2E_DATABASE } from "../../playwright.config";

export const ADMIN = { name: "Ada Admin", email: "admin@opsbook.test", password: "Correct-Horse-42-battery" };
export const OPERATOR = { name: "Omar Operator", email: "operator@opsbook.test", password: "Staple-Lamp-77-orbit" };
export const VIEWER = { name: "Vera Viewer", email: "viewer@opsbook.test", password: "River-Stone-19-cloud" };

export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Managers land on the dashboard, operators on today's work, viewers on the library.
  await expect(page.getByRole("heading", { name: /^(Dashboard|Today|Procedures)$/, level: 1 })).toBeVisible();
}

/** Read-only look into the portal's database, for assertions that the UI cannot make. */
export function queryDb<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(path.resolve(E2E_DATABASE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** The id the production build gave a server action, to call it directly as a hostile client would. */
export function serverActionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
  if (!entry) throw new Error(`No server action ${exportedName} in ${file}`);
  return entry[0];
}

/** Posts to a server action the way the browser does, with the caller's cookies. */
export async function callServerAction(request: APIRequestContext, origin: string, actionId: string, fields: Record<string, string>) {
  // React's reply encoding: the form's fields under the prefix "_1_", then field "0" holding the
  // argument list (previous state null, then a reference to form 1). Order matters: the server
  // reads the stream in order, so the fields must come before "0".
  const multipart = new FormData();
  for (const [key, value] of Object.entries(fields)) multipart.append(`_1_${key}`, value);
  multipart.append("0", JSON.stringify([null, "$K1"]));
  return request.post("/procedures", {
    headers: { "Next-Action": actionId, Accept: "text/x-component", Origin: origin },
    multipart,
  });
}

export const MANAGER = { name: "Maya Manager", email: "manager@opsbook.test", password: "Granite-Meadow-64-kite" };

/** Creates the user through the CLI unless it exists, so a spec file does not depend on another. */
export function ensureUser(user: { name: string; email: string; password: string }, role: "ADMIN" | "MANAGER" | "OPERATOR" | "VIEWER") {
  if (queryDb(`SELECT id FROM "User" WHERE email = ?`, user.email).length > 0) return;
  const result = spawnSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", "user", "add", "--email", user.email, "--name", user.name, "--role", role],
    { input: `${user.password}\n`, encoding: "utf8", env: { ...process.env, DATABASE_URL: `file:./${E2E_DATABASE}` } },
  );
  if (result.status !== 0) throw new Error(`Could not create ${user.email}: ${result.stderr}`);
}

/** No serious or critical WCAG 2.1 A/AA violation on the page as it stands. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

// What operators do all day: open Today, find a run row in its section, complete a short run, and
// sign in again when the session has ended.

/** Opens `path`, signing in first when the session has ended (an idle limit passes when the clock jumps hours). */
export async function openAs(page: Page, user: { email: string; password: string }, path: string): Promise<void> {
  await page.goto(path);
  if (new URL(page.url()).pathname === "/login") {
    await page.getByLabel("E-mail").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/\/login/);
    await page.goto(path);
  }
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, "\\?")}$`));
}

/** Today's section ("Late and missed", "Daily", "This week", "This month") by its heading. */
export function todaySection(page: Page, heading: string): Locator {
  return page.locator("section", { has: page.getByRole("heading", { level: 2, name: new RegExp(`^${heading}\\b`) }) });
}

/** The run rows of a section whose link is exactly `title` (with " on SERVER" for per-server runs). */
export function runRows(section: Locator, title: string): Locator {
  return section.getByTestId("run-row").filter({ has: section.page().getByRole("link", { name: title, exact: true }) });
}

/** The text of Today's subtitle: "Wednesday 9 December 2026 · times in UTC". */
export async function todayHeading(page: Page): Promise<string> {
  return (await page.getByRole("heading", { name: "Today", level: 1 }).locator("xpath=following-sibling::p").innerText()).trim();
}

/** Records every item of the open run not yet done as a pass (numbers as 0), and waits for the run to complete. */
export async function completeOpenRun(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/runs\//);
  const items = page.getByTestId("run-item");
  await expect(items.first()).toBeVisible();
  const count = await items.count();
  for (let i = 0; i < count; i++) {
    const item = items.nth(i);
    // A done item folds to one line (no form); it is left as it is.
    if ((await item.getAttribute("data-done")) !== null) continue;
    const value = item.getByLabel(/^Value/);
    if ((await value.count()) > 0) {
      if ((await value.evaluate((el) => el.tagName)) === "SELECT") await value.selectOption({ index: 1 });
      else await value.fill("0");
    }
    const found = item.getByLabel(/^What you found/);
    if ((await found.count()) > 0) await found.fill("As expected");
    await item.getByRole("button", { name: "Pass", exact: true }).click();
    await expect(item).toHaveAttribute("data-done", "");
  }
  await expect(page.getByTestId("run-banner")).toContainText(/^Run complete/);
}
