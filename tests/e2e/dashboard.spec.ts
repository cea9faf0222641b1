import { expect, test } from "@playwright/test";
import { ADMIN, MANAGER, OPERATOR, callServerAction, ensureUser, expectAccessible, queryDb, serverActionId, signIn } from "./support";

test.beforeAll(() => {
  ensureUser(OPERATOR, "OPERATOR");
  ensureUser(MANAGER, "MANAGER");
});

test.describe.serial("dashboard and tool catalogue", () => {
  test("a manager lands on the dashboard with today's completion, late and missed work, incidents, changes and reviews; an operator is refused it", async ({ page, browser }) => {
    await signIn(page, MANAGER);
    await expect(page).toHaveURL(/\/dashboard$/);
    const today = page.getByRole("definition").first();
    await expect(today).toHaveText(/^\d+ of \d+$/);
    for (const heading of [/^Late and missed, last 7 days/, /^Open incidents by severity/, /^Changes awaiting a decision/, /^Procedures$/]) {
      await expect(page.getByRole("heading", { name: heading, level: 2 })).toBeVisible();
    }
    await expect(page.getByRole("link", { name: /Severity 1 \(critical\)/ })).toHaveAttribute("href", "/incidents?severity=1");
    await expectAccessible(page);

    const context = await browser.newContext();
    const operator = await context.newPage();
    await signIn(operator, OPERATOR);
    await expect(operator).toHaveURL(/\/today$/);
    await expect(operator.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toHaveCount(0);
    expect((await operator.goto("/dashboard"))?.status()).toBe(404);
    await context.close();
  });

  test("an administrator adds a tool to the catalogue and edits it; a manager is refused the page and the action", async ({ page, browser, baseURL }) => {
    await signIn(page, ADMIN);
    await page.getByRole("navigation", { name: "Main" }).getByText("Manage").click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tool catalogue" }).click();
    await expect(page.getByRole("heading", { name: "Tool catalogue", level: 1 })).toBeVisible();
    const add = page.getByRole("form", { name: "Add a tool" });
    await add.getByLabel("Slug").fill("exchange-load-generator");
    await add.getByLabel("Name").fill("Exchange Load Generator");
    await add.getByLabel("Kind").selectOption("UTILITY");
    await add.getByLabel("Description").fill("Simulates client load against a test organisation.");
    await add.getByRole("button", { name: "Add tool" }).click();
    await expect(add.getByText("Exchange Load Generator added to the catalogue.")).toBeVisible();
    // A duplicate is refused beside the field, with what was typed kept.
    await add.getByLabel("Slug").fill("queue-viewer");
    await add.getByLabel("Name").fill("Another queue viewer");
    await add.getByLabel("Description").fill("Duplicate.");
    await add.getByRole("button", { name: "Add tool" }).click();
    await expect(add.getByText("This slug is already used by another tool.")).toBeVisible();
    await expect(add.getByLabel("Name")).toHaveValue("Another queue viewer");

    const card = page.getByTestId("catalogue-tool").filter({ hasText: "exchange-load-generator" });
    await expect(card).toContainText("Used by 0 procedures");
    await card.getByText("Edit", { exact: true }).click();
    await card.getByLabel("Description").fill("Simulates Outlook and SMTP load before a change goes live.");
    await card.getByRole("button", { name: "Save" }).click();
    await expect(card.getByText("Exchange Load Generator saved.")).toBeVisible();
    await expect(page.getByTestId("catalogue-tool").filter({ hasText: "exchange-management-shell" })).toContainText(/Used by \d+ procedures/);
    await expectAccessible(page);

    const context = await browser.newContext();
    const manager = await context.newPage();
    await signIn(manager, MANAGER);
    expect((await manager.goto("/admin/tools"))?.status()).toBe(404);
    const refused = await callServerAction(manager.request, baseURL!, serverActionId("lib/tools/actions.ts", "createToolAction"), { slug: "sneaky-tool", name: "Sneaky", kind: "UTILITY", description: "x" });
    expect(await refused.text()).toContain("You do not have permission to do that.");
    expect(queryDb<{ n: number }>(`SELECT count(*) AS n FROM "Tool" WHERE slug = 'sneaky-tool'`)[0]!.n).toBe(0);
    await context.close();
  });
});
