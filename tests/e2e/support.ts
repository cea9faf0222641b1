import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import Database from "better-sqlite3";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
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
