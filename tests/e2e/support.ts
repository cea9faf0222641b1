import { readFileSync } from "node:fs";
import path from "node:path";
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
  await expect(page.getByRole("heading", { name: "Procedures", level: 1 })).toBeVisible();
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
