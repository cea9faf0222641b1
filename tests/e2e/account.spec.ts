import { expect, test } from "@playwright/test";
import { ensureUser, expectAccessible, queryDb, signIn } from "./support";

// A user of its own, so every other spec's passwords stay as they are.
const ACCOUNT = { name: "Rhea Rotation", email: "rhea.rotation@opsbook.test", password: "Copper-Kettle-51-heron" };
const NEW_PASSWORD = "Silver-Orchard-83-lantern";

test.beforeAll(() => {
  ensureUser(ACCOUNT, "OPERATOR");
});

test.describe.serial("own account", () => {
  test("a user changes their own password: refused when wrong, then changed, other sessions end, and the new one signs in", async ({ page, browser }) => {
    // Another browser of the same person, signed in first.
    const elsewhere = await browser.newContext();
    const other = await elsewhere.newPage();
    await signIn(other, ACCOUNT);

    await signIn(page, ACCOUNT);
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
    await expect(page.getByTestId("account-name")).toHaveText(ACCOUNT.name);
    await expect(page.getByTestId("account-email")).toHaveText(ACCOUNT.email);
    await expect(page.getByTestId("account-role")).toHaveText("Operator");
    await expectAccessible(page);

    const hash = () => queryDb<{ passwordHash: string }>(`SELECT passwordHash FROM "User" WHERE email = ?`, ACCOUNT.email)[0]!.passwordHash;
    const before = hash();
    const form = page.getByRole("form", { name: "Change your password" });

    // A wrong current password is refused beside its field; nothing changes, and it is audited.
    await form.getByLabel("Current password").fill("not-the-password-at-all");
    await form.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByRole("alert")).toHaveText("That is not your current password. Nothing was changed.");
    await expect(form.getByText("That is not your current password.", { exact: true })).toBeVisible();
    expect(hash()).toBe(before);
    expect(queryDb(`SELECT e.action FROM "AuditEvent" e JOIN "User" u ON u.id = e.actorId WHERE u.email = ? AND e.action LIKE 'account.%'`, ACCOUNT.email)).toEqual([
      { action: "account.change_password_refused" },
    ]);

    // The password policy applies, and the repeat must match.
    await form.getByLabel("Current password").fill(ACCOUNT.password);
    await form.getByLabel("New password", { exact: true }).fill("short");
    await form.getByLabel("Repeat the new password").fill("different");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByText("A password needs at least 12 characters.")).toBeVisible();
    await expect(form.getByText("The two new passwords do not match.")).toBeVisible();
    expect(hash()).toBe(before);

    await form.getByLabel("Current password").fill(ACCOUNT.password);
    await form.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await form.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByRole("status")).toHaveText("Your password is changed. 1 other session was signed out; this browser stays signed in.");
    // The fields are cleared, never filled back in.
    await expect(form.getByLabel("Current password")).toHaveValue("");
    expect(hash()).not.toBe(before);

    // This browser is still signed in; the other one is not.
    await page.reload();
    await expect(page.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
    await other.goto("/today");
    await expect(other).toHaveURL(/\/login/);
    await elsewhere.close();

    // The old password no longer signs in; the new one does.
    const fresh = await browser.newContext();
    const again = await fresh.newPage();
    await again.goto("/login");
    await again.getByLabel("E-mail").fill(ACCOUNT.email);
    await again.getByLabel("Password").fill(ACCOUNT.password);
    await again.getByRole("button", { name: "Sign in" }).click();
    await expect(again.getByRole("main").getByRole("alert")).toHaveText(/Sign-in failed\./);
    await signIn(again, { email: ACCOUNT.email, password: NEW_PASSWORD });
    await expect(again).toHaveURL(/\/today$/);
    await fresh.close();

    const events = queryDb<{ action: string }>(`SELECT e.action FROM "AuditEvent" e JOIN "User" u ON u.id = e.actorId WHERE u.email = ? AND e.action LIKE 'account.%' ORDER BY e.seq`, ACCOUNT.email);
    expect(events.map((e) => e.action)).toEqual(["account.change_password_refused", "account.change_password"]);
  });

  test("an anonymous visitor is sent to sign in, and every role has the page", async ({ page, browser }) => {
    const response = await page.request.get("/account", { maxRedirects: 0 });
    expect([302, 303, 307, 308]).toContain(response.status());
    expect(new URL(response.headers().location!, "http://x").pathname).toBe("/login");

    const viewer = { name: "Vik Viewer-Account", email: "vik.account@opsbook.test", password: "Maple-Tunnel-27-otter" };
    ensureUser(viewer, "VIEWER");
    const context = await browser.newContext();
    const viewerPage = await context.newPage();
    await signIn(viewerPage, viewer);
    expect((await viewerPage.goto("/account"))?.status()).toBe(200);
    await expect(viewerPage.getByTestId("account-role")).toHaveText("Viewer (new hire)");
    await context.close();
  });
});
