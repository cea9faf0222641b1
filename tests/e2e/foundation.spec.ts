import { readdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, OPERATOR, VIEWER, callServerAction, expectAccessible, queryDb, serverActionId, signIn } from "./support";

async function signOut(page: Page) {
  await page.locator("summary", { hasText: "Account menu" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You are signed out.")).toBeVisible();
}

test.describe.serial("foundation", () => {
  test("a fresh portal leads every page to /setup, which creates the first admin and then disappears", async ({ page }) => {
    for (const path of ["/", "/procedures", "/admin/users", "/login"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/setup$/);
    }
    await expect(page.getByRole("heading", { name: "Welcome to Opsbook" })).toBeVisible();
    await expectAccessible(page);

    // Bad input: clear messages next to the fields, what was typed is kept, nothing is created.
    await page.getByLabel("Your name").fill(ADMIN.name);
    await page.getByLabel("E-mail").fill("not-an-email");
    await page.getByLabel("Password", { exact: true }).fill("short");
    await page.getByLabel("Repeat password").fill("different");
    await page.getByRole("button", { name: "Create administrator" }).click();
    await expect(page.getByText("Enter a valid e-mail address, like name@example.com.")).toBeVisible();
    await expect(page.getByText("A password needs at least 12 characters.")).toBeVisible();
    await expect(page.getByText("The two passwords do not match.")).toBeVisible();
    await expect(page.getByLabel("Your name")).toHaveValue(ADMIN.name);
    expect(queryDb<{ n: number }>(`SELECT count(*) AS n FROM "User"`)[0]!.n).toBe(0);

    await page.getByLabel("E-mail").fill(ADMIN.email);
    await page.getByLabel("Password", { exact: true }).fill(ADMIN.password);
    await page.getByLabel("Repeat password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Create administrator" }).click();
    // Signed straight in (through the ordinary sign-in), on the dashboard with the first-run guide:
    // only the new hires' reading list, seeded by setup, is done yet (tests/e2e/first-run.spec.ts
    // follows the guide to the end once the tests below have added users and a server).
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
    const guide = page.getByRole("region", { name: "Getting started" });
    await expect(guide.getByTestId("guide-step-readingList")).toHaveAttribute("data-done", "true");
    for (const step of ["organisation", "calendar", "servers", "users"]) {
      await expect(guide.getByTestId(`guide-step-${step}`)).toHaveAttribute("data-done", "false");
    }
    expect(queryDb<{ n: number }>(`SELECT count(*) AS n FROM "UserSession" WHERE endedAt IS NULL`)[0]!.n).toBe(1);

    const response = await page.goto("/setup");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  });

  test("a wrong password gets one generic message; the admin then signs in and sees the whole library", async ({ page }) => {
    await page.goto("/login");
    await expectAccessible(page);
    await page.getByLabel("E-mail").fill(ADMIN.email);
    await page.getByLabel("Password").fill("wrong-password-123");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/Sign-in failed\. Check your e-mail and password\./);
    await page.getByLabel("E-mail").fill("nobody@opsbook.test");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/Sign-in failed\. Check your e-mail and password\./);

    await signIn(page, ADMIN);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Procedures" }).click();
    // The whole shipped library: every seeded procedure, under its cadence.
    const byCadence = new Map(
      queryDb<{ cadence: string; n: number }>(
        `SELECT v.cadence, count(*) AS n FROM "Procedure" p JOIN "ProcedureVersion" v ON v.id = p.currentVersionId WHERE p.seedCode IS NOT NULL GROUP BY v.cadence`,
      ).map((r) => [r.cadence, r.n]),
    );
    const total = [...byCadence.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(41);
    await expect(page.getByText(`${total} procedures`, { exact: true })).toBeVisible();
    for (const [cadence, count] of [["Daily", byCadence.get("DAILY")!], ["Weekly", byCadence.get("WEEKLY")!], ["Monthly", byCadence.get("MONTHLY")!], ["As needed", byCadence.get("AS_NEEDED")!]] as const) {
      await expect(page.getByRole("list", { name: `${cadence} procedures` }).getByRole("listitem")).toHaveCount(count);
    }
    await expectAccessible(page);

    await page.getByLabel("Search", { exact: true }).fill("queue");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/q=queue/);
    const results = page.getByRole("list", { name: "Search results" }).getByRole("listitem");
    await expect(results.first().getByRole("link")).toHaveText("Examine message queues");
  });

  test("the admin creates an operator and a viewer", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.getByRole("navigation", { name: "Main" }).getByText("Manage").click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    await expectAccessible(page);
    const form = page.getByRole("form", { name: "Add a user" });

    // A duplicate e-mail is refused with a message next to the field; nothing is created.
    await form.getByLabel("Name").fill("Someone Else");
    await form.getByLabel("E-mail").fill(ADMIN.email);
    await form.getByLabel("Initial password").fill("another-password-1234");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByText("This e-mail is already in use.")).toBeVisible();
    await expect(form.getByLabel("Name")).toHaveValue("Someone Else");

    for (const [user, role] of [[OPERATOR, "Operator"], [VIEWER, "Viewer (new hire)"]] as const) {
      await form.getByLabel("Name").fill(user.name);
      await form.getByLabel("E-mail").fill(user.email);
      await form.getByLabel("Role").selectOption({ label: role });
      await form.getByLabel("Initial password").fill(user.password);
      await form.getByRole("button", { name: "Add user" }).click();
      await expect(form.getByRole("status")).toContainText(`${user.name} (${user.email}) can now sign in`);
      await expect(page.getByTestId(`user-${user.email}`)).toContainText(role);
    }
    const rows = queryDb<{ email: string; role: string }>(`SELECT email, role FROM "User" ORDER BY email`);
    expect(rows).toEqual([
      { email: ADMIN.email, role: "ADMIN" },
      { email: OPERATOR.email, role: "OPERATOR" },
      { email: VIEWER.email, role: "VIEWER" },
    ]);
    await signOut(page);
  });

  test("the viewer filters by cadence, searches, reads a procedure and opens its print view", async ({ page }) => {
    await signIn(page, VIEWER);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Procedures" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Servers" })).toHaveCount(0);

    await page.getByLabel("Cadence").selectOption({ label: "Weekly" });
    await page.getByRole("button", { name: "Apply" }).click();
    const weekly = queryDb<{ n: number }>(`SELECT count(*) AS n FROM "Procedure" p JOIN "ProcedureVersion" v ON v.id = p.currentVersionId WHERE v.cadence = 'WEEKLY' AND p.archivedAt IS NULL`)[0]!.n;
    await expect(page.getByText(`${weekly} procedures match the filters`)).toBeVisible();
    await expect(page.getByRole("list", { name: "Daily procedures" })).toHaveCount(0);

    await page.getByRole("link", { name: "Clear" }).click();
    await expect(page).toHaveURL(/\/procedures$/);
    await expect(page.getByLabel("Cadence")).toHaveValue("");
    await page.getByLabel("Search", { exact: true }).fill("backup");
    await page.getByRole("button", { name: "Apply" }).click();
    const first = page.getByRole("list", { name: "Search results" }).getByRole("listitem").first();
    await expect(first.getByRole("link")).toHaveText("Check backups");
    await first.getByRole("link").click();

    await expect(page.getByRole("heading", { name: "Check backups", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Purpose" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Checklist \(\d+ items\)/ })).toBeVisible();
    const placement = page.getByRole("region", { name: "MOF placement" });
    await expect(placement).toContainText("Operating");
    await expect(placement).toContainText("Storage Management");
    await expect(page.getByText("Get-MailboxDatabase -Status").first()).toBeVisible();
    await expect(page.getByRole("button", { name: /Copy command: Get-MailboxDatabase/ }).first()).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Print checklist" }).click();
    await expect(page).toHaveURL(/\/procedures\/check-backups\/print$/);
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("rowheader", { name: "Prepared by" })).toBeVisible();
    await expect(page.getByRole("rowheader", { name: "Date" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Completed" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Measured value" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Time recorded" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
    await page.emulateMedia({ media: "screen" });
  });

  test("the viewer is refused /admin/users and the action behind it, while the admin is allowed", async ({ page, browser, baseURL }) => {
    const createUser = serverActionId("lib/users/actions.ts", "createUserAction");
    const origin = new URL(baseURL!).origin;
    const newUser = { name: "Mallory Viewer", role: "ADMIN", password: "Quiet-Harbour-58-lantern" };

    // Deny: the viewer gets a 404 for the page and a refusal from the action; nothing is written.
    await signIn(page, VIEWER);
    const pageResponse = await page.goto("/admin/users");
    expect(pageResponse?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    const denied = await callServerAction(page.request, origin, createUser, { ...newUser, email: "mallory@opsbook.test" });
    expect(await denied.text()).toContain("You do not have permission to do that.");
    expect(queryDb(`SELECT id FROM "User" WHERE email = ?`, "mallory@opsbook.test")).toHaveLength(0);

    // Allow: the same request from the admin's session creates the user.
    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, ADMIN);
    expect((await adminPage.goto("/admin/users"))?.status()).toBe(200);
    const allowed = await callServerAction(adminPage.request, origin, createUser, { ...newUser, role: "VIEWER", email: "allowed@opsbook.test" });
    expect(await allowed.text()).toContain("can now sign in as viewer");
    expect(queryDb(`SELECT role FROM "User" WHERE email = ?`, "allowed@opsbook.test")).toEqual([{ role: "VIEWER" }]);
    await adminContext.close();
  });

  test("the operator cannot reach server administration; the admin can", async ({ page, browser }) => {
    await signIn(page, OPERATOR);
    expect((await page.goto("/admin/servers"))?.status()).toBe(404);

    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, ADMIN);
    await adminPage.goto("/admin/servers");
    await expect(adminPage.getByRole("heading", { name: "Servers", level: 1 })).toBeVisible();
    await expect(adminPage.getByRole("cell", { name: /^EXHUB01 / })).toBeVisible();
    await expectAccessible(adminPage);

    const form = adminPage.getByRole("form", { name: "Add a server" });
    await form.getByLabel("Name", { exact: true }).fill("exhub03");
    await form.getByLabel("Active Directory site").fill("London-HQ");
    await form.getByLabel("Hub Transport").check();
    await form.getByLabel("Edge Transport").check();
    await form.getByRole("button", { name: "Add server" }).click();
    await expect(form.getByText("In Exchange 2007 the Edge Transport role cannot share a server with other roles.")).toBeVisible();
    await expect(form.getByLabel("Name", { exact: true })).toHaveValue("exhub03");
    await form.getByLabel("Edge Transport").uncheck();
    await form.getByRole("button", { name: "Add server" }).click();
    await expect(form.getByRole("status")).toHaveText("EXHUB03 added to the inventory.");
    await expect(adminPage.getByRole("cell", { name: /^EXHUB03/ })).toBeVisible();
    expect(queryDb(`SELECT role FROM "ServerRole" r JOIN "Server" s ON s.id = r.serverId WHERE s.name = 'EXHUB03'`)).toEqual([{ role: "HUB_TRANSPORT" }]);
    await adminContext.close();
  });

  test("unknown procedures answer 404, and the health check reports the database", async ({ page, request }) => {
    await signIn(page, VIEWER);
    const missing = await page.goto("/procedures/no-such-procedure");
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();

    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    // Every migration folder in the repository has been applied.
    const migrations = readdirSync("prisma/migrations", { withFileTypes: true }).filter((e) => e.isDirectory()).length;
    expect(await health.json()).toMatchObject({ status: "ok", database: "ok", migrations });
  });

  test("the shell works with a keyboard alone and on a tablet", async ({ page }) => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await signIn(page, VIEWER);
    await page.goto("/tools");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
    // The library's filters are reachable and usable by keyboard.
    await page.goto("/procedures");
    await page.getByLabel("Search", { exact: true }).focus();
    await page.keyboard.type("event logs");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("list", { name: "Search results" }).getByRole("listitem").first()).toContainText(/event logs/i);
    await expect(page.getByRole("heading", { name: "Procedures", level: 1 })).toBeVisible();
    // Nothing is wider than the screen, on a tablet or a phone, in the library or a procedure.
    for (const width of [768, 390]) {
      await page.setViewportSize({ width, height: 1024 });
      for (const path of ["/procedures", "/procedures/check-cpu-and-memory-use", "/tools"]) {
        await page.goto(path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
      }
    }
  });
});
