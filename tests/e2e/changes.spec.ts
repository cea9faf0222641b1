import { expect, test } from "@playwright/test";
import { MANAGER, OPERATOR, VIEWER, callServerAction, completeOpenRun, ensureUser, expectAccessible, queryDb, serverActionId, signIn } from "./support";

// EXHUB03 is the Hub Transport server the foundation flow adds; other flows use EXHUB01 and EXHUB02
// from today's list, where this change's verification runs would otherwise sit beside theirs.
const TITLE = "Raise the message size limit on EXHUB03";

test.beforeAll(() => {
  ensureUser(OPERATOR, "OPERATOR");
  ensureUser(MANAGER, "MANAGER");
  ensureUser(VIEWER, "VIEWER");
});

function plannedDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

test.describe.serial("changes", () => {
  let changeId: number;

  test("an operator records and submits a normal change for a Hub Transport server, and cannot approve it", async ({ page, baseURL }) => {
    await signIn(page, OPERATOR);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Changes" }).click();
    await expect(page.getByRole("heading", { name: "Changes", level: 1 })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Record a change" }).click();
    await expect(page.getByRole("heading", { name: "Record a change", level: 1 })).toBeVisible();

    const form = page.getByRole("form", { name: "New change" });
    await form.getByLabel("Title").fill(TITLE);
    await form.getByLabel("Description").fill("Set-TransportConfig -MaxSendSize 20MB -MaxReceiveSize 20MB");
    await form.getByLabel("Reason").fill("Users cannot send the 14 MB quarterly report.");
    await form.getByLabel("Risk").selectOption("MEDIUM");
    await form.getByLabel("Back-out plan").fill("Set-TransportConfig -MaxSendSize 10MB -MaxReceiveSize 10MB");
    // A window that ends before it starts is refused, and what was typed stays.
    await form.getByLabel("Planned start").fill(`${plannedDay(1)}T20:00`);
    await form.getByLabel("Planned end").fill(`${plannedDay(1)}T19:00`);
    await form.getByLabel(/^EXHUB03/).check();
    await expectAccessible(page);
    await form.getByRole("button", { name: "Save as draft" }).click();
    await expect(form.getByText("The planned window must end after it starts.")).toBeVisible();
    await expect(form.getByLabel("Title")).toHaveValue(TITLE);
    expect(queryDb(`SELECT id FROM "Change" WHERE title = ?`, TITLE)).toHaveLength(0);

    await form.getByLabel("Planned end").fill(`${plannedDay(1)}T22:00`);
    await expect(form.getByLabel(/^EXHUB03/)).toBeChecked();
    await form.getByRole("button", { name: "Save as draft" }).click();
    await expect(page).toHaveURL(/\/changes\/\d+$/);
    changeId = Number(new URL(page.url()).pathname.split("/").at(-1));
    await expect(page.getByRole("heading", { name: `CHG-${changeId}: ${TITLE}`, level: 1 })).toBeVisible();
    await expect(page.getByText("Draft", { exact: true }).first()).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("button", { name: "Submit for approval" }).click();
    await expect(page.getByText("Submitted. A manager other than you can now approve or reject it.")).toBeVisible();
    await expect(page.getByText("Awaiting approval", { exact: true }).first()).toBeVisible();

    // The same operator has no way to approve it, and the server refuses a direct call.
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Mark implemented" })).toHaveCount(0);
    const approve = serverActionId("lib/changes/actions.ts", "approveChangeAction");
    const denied = await callServerAction(page.request, new URL(baseURL!).origin, approve, { changeId: String(changeId), note: "" });
    expect(await denied.text()).toContain("You do not have permission to do that.");
    expect(queryDb<{ status: string }>(`SELECT status FROM "Change" WHERE id = ?`, changeId)[0]!.status).toBe("SUBMITTED");
  });

  test("a manager approves it from the list of changes awaiting approval", async ({ page }) => {
    await signIn(page, MANAGER);
    await page.goto("/changes");
    const awaiting = page.getByRole("region", { name: /Awaiting approval/ }).or(page.locator("section", { has: page.getByRole("heading", { name: /^Awaiting approval/ }) }));
    await awaiting.getByRole("link", { name: `CHG-${changeId} ${TITLE}` }).click();
    await expect(page.getByRole("heading", { name: `CHG-${changeId}: ${TITLE}`, level: 1 })).toBeVisible();
    await expectAccessible(page);
    const decision = page.getByRole("form", { name: "Decision" });
    await decision.getByLabel(/Decision note/).fill("Go ahead after 20:00; tell the service desk first.");
    await decision.getByRole("button", { name: "Approve", exact: true }).click();
    await expect(page.getByText("Approved. It can now be implemented.")).toBeVisible();
    await expect(page.getByText("“Go ahead after 20:00; tell the service desk first.”")).toBeVisible();
    expect(queryDb<{ status: string }>(`SELECT status FROM "Change" WHERE id = ?`, changeId)[0]!.status).toBe("APPROVED");
  });

  test("the operator marks it implemented with two verification procedures; completing their runs verifies it", async ({ page }) => {
    await signIn(page, OPERATOR);
    await page.goto(`/changes/${changeId}`);
    const implement = page.getByRole("form", { name: "Mark implemented" });
    const suggested = implement.getByRole("list", { name: "Suggested procedures" });
    await expect(suggested.getByLabel("Examine message queues")).toBeVisible();
    await expect(suggested.getByLabel("Check message paths and mail flow")).toBeVisible();
    await expectAccessible(page);
    // Nothing chosen: refused with the reason.
    await implement.getByRole("button", { name: "Mark implemented" }).click();
    await expect(implement.getByText("Choose at least one verification procedure.")).toBeVisible();

    await suggested.getByLabel("Examine message queues").check();
    await suggested.getByLabel("Check message paths and mail flow").check();
    await implement.getByRole("button", { name: "Mark implemented" }).click();
    await expect(page.getByText(/^Marked implemented\. 2 verification runs were created and assigned to you/)).toBeVisible();
    const runs = page.getByTestId("verification-run");
    await expect(runs).toHaveCount(2);
    await expect(page.getByText("Implemented", { exact: true }).first()).toBeVisible();
    await expectAccessible(page);

    for (const name of ["Examine message queues on EXHUB03", "Check message paths and mail flow on EXHUB03"]) {
      await page.goto(`/changes/${changeId}`);
      await page.getByRole("link", { name }).click();
      await expect(page).toHaveURL(/\/runs\//);
      const changes = page.getByRole("region", { name: "Changes in this period" });
      await expect(changes.getByRole("link", { name: `CHG-${changeId} ${TITLE}` })).toBeVisible();
      await expect(changes.getByText(/this run verifies it/)).toBeVisible();
      await completeOpenRun(page);
    }

    await page.goto(`/changes/${changeId}`);
    await expect(page.getByText("Verified", { exact: true }).first()).toBeVisible();
    await expect(page.getByTestId("change-stands")).toContainText("Verified: every verification run completed without exceptions.");
    await expect(page.getByTestId("verification-run").getByText("Completed", { exact: true })).toHaveCount(2);
    const row = queryDb<{ status: string; verifiedAt: number | null }>(`SELECT status, verifiedAt FROM "Change" WHERE id = ?`, changeId)[0]!;
    expect(row.status).toBe("VERIFIED");
    expect(row.verifiedAt).not.toBeNull();
  });

  test("the change calendar shows the implemented change, in the month grid and in the list", async ({ page }) => {
    await signIn(page, OPERATOR);
    await page.goto("/changes/calendar");
    await expect(page.getByRole("heading", { name: "Change calendar", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: new RegExp(`Implemented\\s*CHG-${changeId} `) })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("navigation", { name: "View" }).getByRole("link", { name: "List" }).click();
    await expect(page.getByRole("table").getByRole("link", { name: `CHG-${changeId} ${TITLE}` })).toBeVisible();
    await expectAccessible(page);
  });

  test("a viewer cannot see changes or record one; an operator can", async ({ page, browser, baseURL }) => {
    await signIn(page, VIEWER);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Changes" })).toHaveCount(0);
    expect((await page.goto("/changes"))?.status()).toBe(404);
    expect((await page.goto(`/changes/${changeId}`))?.status()).toBe(404);
    expect((await page.goto("/changes/new"))?.status()).toBe(404);
    const before = queryDb<{ n: number }>(`SELECT COUNT(*) AS n FROM "Change"`)[0]!.n;
    const server = queryDb<{ id: string }>(`SELECT id FROM "Server" WHERE name = 'EXHUB01'`)[0]!;
    const create = serverActionId("lib/changes/actions.ts", "createChangeAction");
    const fields = {
      title: "Viewer's change",
      type: "NORMAL",
      description: "d",
      reason: "r",
      risk: "LOW",
      backoutPlan: "b",
      plannedStart: `${plannedDay(2)}T20:00`,
      plannedEnd: `${plannedDay(2)}T21:00`,
      serverIds: server.id,
    };
    const denied = await callServerAction(page.request, new URL(baseURL!).origin, create, fields);
    expect(await denied.text()).toContain("You do not have permission to do that.");
    expect(queryDb<{ n: number }>(`SELECT COUNT(*) AS n FROM "Change"`)[0]!.n).toBe(before);

    const operatorContext = await browser.newContext();
    const operatorPage = await operatorContext.newPage();
    await signIn(operatorPage, OPERATOR);
    const allowed = await callServerAction(operatorPage.request, new URL(baseURL!).origin, create, { ...fields, title: "Operator's change" });
    expect(await allowed.text()).toContain('"ok":true');
    expect(queryDb<{ n: number }>(`SELECT COUNT(*) AS n FROM "Change"`)[0]!.n).toBe(before + 1);
    await operatorContext.close();
  });
});
