import { expect, test, type Page } from "@playwright/test";
import { MANAGER, OPERATOR, VIEWER, callServerAction, ensureUser, expectAccessible, queryDb, serverActionId, signIn } from "./support";

test.beforeAll(() => {
  ensureUser(OPERATOR, "OPERATOR");
  ensureUser(VIEWER, "VIEWER");
  ensureUser(MANAGER, "MANAGER");
});

/** Completes every item of the open run page with a pass (numbers get a plausible value). */
async function completeRun(page: Page) {
  const items = page.getByTestId("run-item");
  const count = await items.count();
  for (let i = 0; i < count; i++) {
    const item = items.nth(i);
    if ((await item.getByLabel(/^Value/).count()) > 0) await item.getByLabel(/^Value/).fill("30");
    else if ((await item.getByLabel(/^What you found/).count()) > 0) await item.getByLabel(/^What you found/).fill("As expected");
    await item.getByRole("button", { name: "Pass", exact: true }).click();
    await expect(item.getByText(/^Saved/)).toBeVisible();
  }
}

test.describe.serial("procedure authoring", () => {
  let performedRunId = "";

  test("an operator completes a Check disk usage run on version 1", async ({ page }) => {
    await signIn(page, OPERATOR);
    await page.goto("/today?scope=all");
    await page.getByRole("link", { name: /^Check disk usage on EXMBX01$/ }).first().click();
    await expect(page.getByText(/version 1\b/)).toBeVisible();
    performedRunId = page.url().split("/runs/")[1]!;
    await completeRun(page);
    await page.reload();
    await expect(page.getByText(/^Completed/).first()).toBeVisible();
  });

  test("a manager edits Check disk usage, adds a number item with a range, previews and publishes with a change note; the diff shows it", async ({ page }) => {
    await signIn(page, MANAGER);
    await page.goto("/procedures/check-disk-usage");
    await page.getByRole("link", { name: "Edit", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Edit: Check disk usage", level: 1 })).toBeVisible();

    // Live preview of the instructions.
    const body = page.getByLabel("Markdown");
    await body.press("ControlOrMeta+End");
    await body.pressSequentially("\n\n## Queue volume\n\nAlso look at the **disk queue** on the log volume.");
    await expect(page.getByTestId("body-preview").getByRole("heading", { name: "Queue volume" })).toBeVisible();
    await expect(page.getByTestId("body-preview").locator("strong", { hasText: "disk queue" })).toBeVisible();

    await page.getByRole("button", { name: "Add item" }).click();
    const item = page.getByTestId("editor-item").last();
    await item.getByLabel("Item text").fill("Average disk queue length on the log volume");
    await item.getByLabel("Kind").selectOption("NUMBER");
    await item.getByLabel("Unit").fill("requests");
    await item.getByLabel("Minimum").fill("5");
    await item.getByLabel("Maximum").fill("2");
    // Reordering by keyboard: move the new item up one place and back.
    await item.getByRole("button", { name: /Move item \d+ up/ }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("editor-item").nth(-2).getByLabel("Item text")).toHaveValue("Average disk queue length on the log volume");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("editor-item").last().getByLabel("Item text")).toHaveValue("Average disk queue length on the log volume");

    await page.getByRole("button", { name: "Save draft" }).click();
    // Refused with the reason beside the field; everything typed is still there.
    await expect(item.getByText("The minimum (5) is above the maximum (2).")).toBeVisible();
    await expect(item.getByLabel("Kind")).toHaveValue("NUMBER");
    await expect(item.getByLabel("Item text")).toHaveValue("Average disk queue length on the log volume");
    await item.getByLabel("Minimum").fill("0");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("Draft saved (revision 1)")).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Change note").fill("Added the disk queue length check on log volumes.");
    await page.getByRole("button", { name: "Publish" }).click();
    await expect(page.getByRole("heading", { name: "Versions of Check disk usage" })).toBeVisible();
    const rows = page.getByTestId("version-row");
    await expect(rows.first()).toContainText("Added the disk queue length check on log volumes.");
    await expect(rows.first()).toContainText(MANAGER.name);
    const diff = page.getByTestId("version-diff");
    await expect(diff.getByTestId("diff-item").filter({ hasText: "Added" })).toContainText("Average disk queue length on the log volume");
    await expect(diff.getByTestId("diff-item").filter({ hasText: "Added" })).toContainText("0 to 2 requests");
    await expect(diff.locator("ins", { hasText: "Also look at the **disk queue** on the log volume." })).toBeVisible();
    await expectAccessible(page);

    // Readers see version 2 and what changed.
    await page.goto("/procedures/check-disk-usage");
    await expect(page.getByText(/^Version 2, changed on/)).toContainText("Added the disk queue length check on log volumes.");
    // The run completed earlier still shows version 1.
    await page.goto(`/runs/${performedRunId}`);
    await expect(page.getByText(/· version 1 of the/)).toContainText("a newer version exists; this run keeps the version it was performed against");
  });

  test("a draft saved in two tabs: the second save is told of the conflict and keeps what was typed", async ({ browser }) => {
    const context = await browser.newContext();
    const first = await context.newPage();
    await signIn(first, MANAGER);
    const second = await context.newPage();
    await first.goto("/procedures/check-backups/edit");
    await second.goto("/procedures/check-backups/edit");
    await first.getByLabel("Purpose").fill("Tab one's purpose.");
    await first.getByRole("button", { name: "Save draft" }).click();
    await expect(first.getByText("Draft saved (revision 1)")).toBeVisible();
    await second.getByLabel("Purpose").fill("Tab two's purpose.");
    await second.getByRole("button", { name: "Save draft" }).click();
    await expect(second.getByText(/This draft was saved by Maya Manager .* after you opened it\. Nothing of yours was overwritten/)).toBeVisible();
    await expect(second.getByLabel("Purpose")).toHaveValue("Tab two's purpose.");
    const stored = queryDb<{ content: string }>(`SELECT d.content FROM "ProcedureDraft" d JOIN "Procedure" p ON p.id = d.procedureId WHERE p.slug = 'check-backups'`)[0]!;
    expect(JSON.parse(stored.content).purpose).toBe("Tab one's purpose.");
    // Clean up: discard the draft.
    first.on("dialog", (dialog) => dialog.accept());
    await first.reload();
    await first.getByRole("button", { name: "Discard draft" }).click();
    await expect(first.getByText(/Your first save opens a draft/)).toBeVisible();
    await context.close();
  });

  test("a viewer cannot reach the editor or its actions; the same action from a manager is accepted", async ({ page, browser, baseURL }) => {
    await signIn(page, VIEWER);
    await page.goto("/procedures/check-disk-usage");
    await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
    await expect(page.getByRole("link", { name: /^Versions/ })).toBeVisible();
    expect((await page.goto("/procedures/check-disk-usage/edit"))?.status()).toBe(404);
    expect((await page.goto("/procedures/new"))?.status()).toBe(404);
    expect((await page.goto("/procedures/review"))?.status()).toBe(404);

    const procedure = queryDb<{ id: string }>(`SELECT id FROM "Procedure" WHERE slug = 'check-disk-usage'`)[0]!;
    const review = serverActionId("lib/procedures/actions.ts", "markReviewedAction");
    const refused = await callServerAction(page.request, baseURL!, review, { procedureId: procedure.id, note: "viewer" });
    expect(await refused.text()).toContain("You do not have permission to do that.");
    expect(queryDb<{ n: number }>(`SELECT count(*) AS n FROM "ProcedureReview"`)[0]!.n).toBe(0);

    const managerContext = await browser.newContext();
    const managerPage = await managerContext.newPage();
    await signIn(managerPage, MANAGER);
    const allowed = await callServerAction(managerPage.request, baseURL!, review, { procedureId: procedure.id, note: "Checked with the storage team." });
    expect(await allowed.text()).toContain("Marked as reviewed without changes.");
    expect(queryDb<{ n: number }>(`SELECT count(*) AS n FROM "ProcedureReview"`)[0]!.n).toBe(1);
    await managerContext.close();
  });
});
