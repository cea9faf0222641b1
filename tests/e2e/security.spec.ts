// Web security controls seen from the outside: headers and the Content-Security-Policy, cookie
// flags, server-side sign-out, cross-site refusal, account lockout and what the browser bundles hold.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { expect, test, type Page } from "@playwright/test";
import { E2E_DATABASE } from "../../playwright.config";
import { ADMIN, MANAGER, OPERATOR, callServerAction, ensureUser, queryDb, serverActionId, signIn } from "./support";

/** Collects CSP violations and script errors the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction("__reportViolation", (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      (window as unknown as { __reportViolation: (t: string) => void }).__reportViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

test.describe.serial("web security", () => {
  test.beforeAll(() => ensureUser(MANAGER, "MANAGER"));

  test("every page carries a nonce-based policy that its own scripts satisfy, plus the usual headers", async ({ page }) => {
    const violations = await watchViolations(page);
    await signIn(page, ADMIN);
    const nonces = new Set<string>();
    let scriptsChecked = 0;
    for (const url of ["/", "/today", "/procedures", "/history", "/reports", "/audit", "/admin/users", "/incidents/new", "/procedures/new"]) {
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(200);
      const headers = response!.headers();
      const policy = headers["content-security-policy"] ?? "";
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
      expect(nonce, `${url} has a nonce`).toBeTruthy();
      nonces.add(nonce!);
      expect(policy).toContain("script-src 'self' 'nonce-");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).not.toContain("unsafe-eval");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["referrer-policy"]).toBe("same-origin");
      expect(headers["x-powered-by"]).toBeUndefined();
      // Over plain HTTP the portal must not claim HTTPS-only.
      expect(headers["strict-transport-security"]).toBeUndefined();
      // Every script element in the HTML the server sent carries this response's nonce (the chunks
      // those scripts then load are trusted through 'strict-dynamic').
      const scriptTags = [...(await response!.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      const scriptNonces = scriptTags.map((tag) => /\snonce="([^"]*)"/.exec(tag)?.[1]);
      expect(scriptNonces.length).toBeGreaterThan(0);
      expect(scriptTags.filter((_, i) => scriptNonces[i] !== nonce), url).toEqual([]);
      scriptsChecked += scriptNonces.length;
    }
    // Interactive pages still work under the policy: the editor's preview renders as one types.
    await page.goto("/procedures/new");
    await page.getByLabel("Markdown").fill("## Policy check\n\nRendered **in the browser**.");
    await expect(page.getByTestId("body-preview").getByRole("heading", { name: "Policy check" })).toBeVisible();
    expect(nonces.size).toBe(9);
    expect(violations).toEqual([]);
    console.log(`security headers: ${nonces.size} pages, ${scriptsChecked} scripts, all with their response's nonce, 0 violations`);
  });

  test("the session cookie is HttpOnly and SameSite=Lax, and not Secure over plain HTTP", async ({ page }) => {
    await signIn(page, OPERATOR);
    const cookie = (await page.context().cookies()).find((c) => c.name === "next-auth.session-token");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false, path: "/" });
    expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");

    // A malformed companion cookie (next-auth's callback URL) never turns pages into server errors.
    await page.context().addCookies([{ name: "next-auth.callback-url", value: "not a url", url: page.url() }]);
    const response = await page.goto("/procedures");
    expect(response?.status()).toBeLessThan(500);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test("after sign-out the old cookie is refused, even when replayed", async ({ page, browser, baseURL }) => {
    await signIn(page, OPERATOR);
    const cookies = await page.context().cookies();
    await page.locator("summary", { hasText: "Account menu" }).click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You are signed out.")).toBeVisible();

    const replay = await browser.newContext();
    await replay.addCookies(cookies);
    const replayed = await replay.newPage();
    await replayed.goto("/today");
    await expect(replayed).toHaveURL(/\/login\?callbackUrl=%2Ftoday/);
    await expect(replayed.getByRole("status")).toContainText("Your session has ended");
    const record = serverActionId("lib/runs/actions.ts", "recordResultAction");
    const action = await callServerAction(replay.request, new URL(baseURL!).origin, record, { runId: "any", itemId: "any", status: "PASS" });
    expect(await action.text()).toContain("Your session has ended. Sign in again.");
    await replay.close();
    const ended = queryDb<{ endReason: string }>(`SELECT endReason FROM "UserSession" s JOIN "User" u ON u.id = s.userId WHERE u.email = ? AND endReason IS NOT NULL`, OPERATOR.email);
    expect(ended.map((r) => r.endReason)).toContain("signed out");
  });

  test("server actions and data handlers refuse requests from another site; the same request from the portal passes", async ({ page, baseURL }) => {
    await signIn(page, MANAGER);
    const origin = new URL(baseURL!).origin;
    const skipRun = serverActionId("lib/runs/actions.ts", "skipRunAction");
    const events = () => queryDb<{ n: number }>(`SELECT count(*) AS n FROM "AuditEvent"`)[0]!.n;
    const before = events();

    const forged = await page.request.post("/today", {
      headers: { "Next-Action": skipRun, Origin: "https://attacker.example", "Sec-Fetch-Site": "cross-site" },
      multipart: { "0": JSON.stringify([null, { runId: "x", reason: "forged" }]) },
    });
    expect(forged.status()).toBe(403);
    expect((await forged.json()) as { error: string }).toMatchObject({ error: expect.stringMatching(/refused/) });
    const noMetadata = await callServerAction(page.request, "https://attacker.example", skipRun, { runId: "x", reason: "forged" });
    expect(noMetadata.status()).toBe(403);
    const exportCrossSite = await page.request.get("/api/audit/export", { headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(exportCrossSite.status()).toBe(403);
    const signOutCrossSite = await page.request.post("/api/auth/signout", { headers: { Origin: "https://attacker.example" }, form: { csrfToken: "x" } });
    expect(signOutCrossSite.status()).toBe(403);
    expect(events()).toBe(before);

    // Allowed: the same calls from the portal's own origin reach the application.
    const own = await callServerAction(page.request, origin, skipRun, { runId: "no-such-run", reason: "checking" });
    expect(own.status()).toBe(200);
    expect(await own.text()).not.toContain("refused");
    expect((await page.request.get("/api/audit/export", { headers: { "Sec-Fetch-Site": "same-origin" } })).status()).toBe(200);
    // A page may still be linked from elsewhere (a ticket, a chat message).
    expect((await page.request.get("/today", { headers: { "Sec-Fetch-Site": "cross-site" } })).status()).toBe(200);
  });

  test("a locked-out account is refused with the right password until an administrator unlocks it", async ({ page, browser }) => {
    const locked = { name: "Lou Locked", email: "locked@opsbook.test", password: "Amber-Thicket-31-harp" };
    ensureUser(locked, "OPERATOR");
    // Nine wrong passwords happened earlier (set directly: the throttle spaces real ones minutes apart).
    const db = new Database(path.resolve(E2E_DATABASE));
    db.prepare(`UPDATE "User" SET failedSignIns = 9 WHERE email = ?`).run(locked.email);
    db.close();

    // The tenth wrong password locks the account; then even the right one is refused.
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(locked.email);
    await page.getByLabel("Password").fill("Not-The-Password-00");
    const trail = () =>
      queryDb<{ action: string }>(`SELECT action FROM "AuditEvent" WHERE entityId = (SELECT id FROM "User" WHERE email = ?) ORDER BY seq`, locked.email)
        .map((e) => e.action)
        .slice(-3);
    const message = page.locator("p[role=alert]");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(message).toContainText("Sign-in failed");
    await expect.poll(async () => (await trail()).slice(-2)).toEqual(["auth.sign_in_failed", "auth.account_locked"]);
    await page.getByLabel("Password").fill(locked.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(trail).toEqual(["auth.sign_in_failed", "auth.account_locked", "auth.sign_in_failed"]);
    await expect(message).toContainText("Sign-in failed");
    await expect(page).toHaveURL(/\/login/);

    // The administrator sees the lockout and lifts it; the user signs in.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, ADMIN);
    await admin.goto("/admin/users");
    const row = admin.getByTestId(`user-${locked.email}`);
    await expect(row).toContainText("Locked out until");
    await row.getByRole("button", { name: "Unlock" }).click();
    await expect(row).toContainText("can sign in again");
    await expect(row.getByRole("button", { name: "Unlock" })).toHaveCount(0);
    await adminContext.close();

    await signIn(page, locked);
    await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
  });

  test("the audit trail records the connection's address, not one the client writes in X-Forwarded-For", async ({ request }) => {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const email = "forwarded-for@opsbook.test";
    await request.post("/api/auth/callback/credentials", {
      headers: { "X-Forwarded-For": "203.0.113.99", "X-Real-IP": "203.0.113.98" },
      form: { csrfToken, email, password: "Not-The-Password-00", json: "true" },
    });
    await expect
      .poll(() => queryDb<{ ip: string }>(`SELECT ip FROM "AuditEvent" WHERE action = 'auth.sign_in_failed' AND entityId = ?`, email).map((r) => r.ip))
      .toEqual(["127.0.0.1"]);
  });

  test("the browser bundles hold no secrets and no server-only code", async () => {
    const files = readdirSync(".next/static", { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".js"))
      .map((f) => path.join(".next/static", f));
    expect(files.length).toBeGreaterThan(5);
    const secret = readFileSync(path.join(path.dirname(E2E_DATABASE), "auth-secret"), "utf8").trim();
    const forbidden = [
      secret,
      "passwordHash",
      "better-sqlite3",
      "@node-rs/argon2",
      "argon2id",
      "DATABASE_URL",
      "AUTH_SECRET",
      "PrismaClient",
      "$queryRawUnsafe",
      "BEGIN IMMEDIATE",
      "sqlite_master",
      "auth-secret",
    ];
    let bytes = 0;
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      bytes += text.length;
      for (const needle of forbidden) if (text.includes(needle)) found.push(`${needle === secret ? "the session key" : needle} in ${file}`);
    }
    expect(found).toEqual([]);
    console.log(`bundle scan: ${files.length} client files (${Math.round(bytes / 1024)} kB), ${forbidden.length} forbidden markers, 0 found`);
  });
});
