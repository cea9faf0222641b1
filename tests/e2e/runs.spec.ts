import { expect, test, type Locator, type Page } from "@playwright/test";
import { ADMIN, MANAGER, OPERATOR, VIEWER, callServerAction, ensureUser, expectAccessible, queryDb, runRows, serverActionId, signIn, todayHeading, todaySection } from "./support";

test.beforeAll(() => {
  ensureUser(OPERATOR, "OPERATOR");
  ensureUser(VIEWER, "VIEWER");
  ensureUser(MANAGER, "MANAGER");
});

/** Records one item and waits until the server confirmed it (announced, and the item folded to one line). */
async function recordItem(item: Locator, outcome: "Pass" | "Fail" | "N/A", value?: string) {
  if (value !== undefined) await item.getByLabel(/^(Value|What you found)/).fill(value);
  await item.getByRole("button", { name: outcome, exact: true }).click();
  await expect(item.getByRole("status")).toHaveText(/^Saved/);
  await expect(item).toHaveAttribute("data-done", "");
}

async function openRun(page: Page, name: RegExp) {
  await page.goto("/today?scope=all");
  await page.getByRole("link", { name }).first().click();
  await expect(page).toHaveURL(/\/runs\//);
}

test.describe.serial("daily checklists", () => {
  test("an operator sees today's runs and completes Check backups with the values observed", async ({ page }) => {
    await signIn(page, OPERATOR);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Today" }).click();
    await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
    // The suite runs at 07:00 UTC on Wednesday 9 December 2026 (tests/e2e/clock/scenarios.ts): the
    // seeded dailies, due at 10:00, are today's work and open: "open, due at 10:00", never "Due"
    // alone. The other side of 10:00 is the clock scenarios' (tests/e2e/clock/due-and-grace.spec.ts).
    expect(await todayHeading(page)).toBe("Wednesday, 9 December 2026 · times in UTC");
    const daily = todaySection(page, "Daily");
    for (const name of ["Check backups", "Examine message queues on EXHUB01"]) {
      await expect(runRows(daily, name)).toHaveCount(1);
      await expect(runRows(daily, name)).toContainText("open, due at 10:00");
      await expect(runRows(daily, name).getByText("Open", { exact: true })).toBeVisible();
    }
    await expect(todaySection(page, "Late and missed")).toHaveCount(0);
    await expectAccessible(page);

    await runRows(daily, "Check backups").getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Check backups", level: 1 })).toBeVisible();
    const items = page.getByTestId("run-item");
    // An organisation-wide run: every item of the procedure's current version.
    const itemCount = queryDb<{ n: number }>(
      `SELECT count(*) AS n FROM "ChecklistItem" i JOIN "Procedure" p ON p.currentVersionId = i.versionId WHERE p.seedCode = 'D2'`,
    )[0]!.n;
    expect(itemCount).toBeGreaterThanOrEqual(9);
    await expect(items).toHaveCount(itemCount);
    await expectAccessible(page);
    const values: Record<string, string> = {
      "Time of the most recent good full backup": "23 Nov 2026 23:40, all storage groups",
      "Backup job duration": "95",
      "Errors and warnings reported by the backup job": "0",
    };
    for (let i = 0; i < itemCount; i++) {
      const item = items.nth(i);
      const text = (await item.locator("p").first().innerText()).replace(/^\d+\.\s*/, "");
      const key = Object.keys(values).find((k) => text.startsWith(k));
      await recordItem(item, "Pass", key ? values[key] : undefined);
    }
    await expect(page.getByRole("status").filter({ hasText: "Saved. Every required item is done: the run is complete." })).toHaveCount(1);
    await expect(page.getByTestId("run-banner")).toContainText(/^Run complete/);
    await page.reload();
    await expect(page.getByText(/^Completed/).first()).toBeVisible();
    const completion = page.getByRole("definition").first();
    await expect(completion).toHaveText(OPERATOR.name);
    await expect(page.getByText("Pass: 95 min")).toBeVisible();
  });

  test("an out-of-range queue length fails its item with the reason, and the run completes with exceptions", async ({ page }) => {
    await signIn(page, OPERATOR);
    await openRun(page, /^Examine message queues on EXHUB02$/);
    const items = page.getByTestId("run-item");
    const count = await items.count();
    for (let i = 0; i < count; i++) {
      const item = items.nth(i);
      const hasValue = (await item.getByLabel(/^Value/).count()) > 0;
      const isSubmission = /^\d+\.\s*Submission Queue Length/.test(await item.locator("p").first().innerText());
      await recordItem(item, "Pass", hasValue ? (isSubmission ? "180" : "0") : undefined);
      if (isSubmission) {
        await expect(item.getByRole("status")).toHaveText("Saved as failed: Submission Queue Length 180 messages exceeds the maximum of 100 messages.");
        await expect(item.getByRole("note")).toHaveText("Submission Queue Length 180 messages exceeds the maximum of 100 messages");
      }
    }
    await page.reload();
    await expect(page.getByText("Completed with exceptions").first()).toBeVisible();
    await expect(page.getByRole("note").filter({ hasText: "Submission Queue Length 180 messages exceeds the maximum of 100 messages" })).toBeVisible();

    // A correction keeps the first value in the item's history.
    const submission = items.filter({ hasText: "Submission Queue Length" }).first();
    // Done items fold to one line; Change opens the form again. By keyboard: type the value and
    // the note, Enter records it (as a pass).
    await submission.getByRole("button", { name: "Change" }).click();
    await submission.getByLabel(/^Value/).focus();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("90");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Queue drained after the connector restart");
    await page.keyboard.press("Enter");
    await expect(submission.getByText(/^Corrected by Omar Operator/)).toBeVisible();
    await submission.getByText("Earlier results (1)").click();
    await expect(submission.getByText("Fail: 180")).toBeVisible();
  });

  test("a viewer cannot open a run or record a result; an operator can", async ({ page, browser, baseURL }) => {
    const run = queryDb<{ id: string; itemId: string }>(
      `SELECT r.id, i.id AS itemId FROM "Run" r JOIN "Procedure" p ON p.id = r.procedureId JOIN "ChecklistItem" i ON i.versionId = r.versionId
       WHERE p.seedCode = 'D1' ORDER BY r.localDate, i.position LIMIT 1`,
    )[0]!;
    await signIn(page, VIEWER);
    expect((await page.goto(`/runs/${run.id}`))?.status()).toBe(404);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Today" })).toHaveCount(0);
    const action = serverActionId("lib/runs/actions.ts", "recordResultAction");
    const denied = await callServerAction(page.request, new URL(baseURL!).origin, action, { runId: run.id, itemId: run.itemId, outcome: "PASS", value: "", note: "", expectedRevision: "0" });
    expect(await denied.text()).toContain("You do not have permission to do that.");
    expect(queryDb(`SELECT id FROM "Result" WHERE runId = ?`, run.id)).toHaveLength(0);

    const operatorContext = await browser.newContext();
    const operatorPage = await operatorContext.newPage();
    await signIn(operatorPage, OPERATOR);
    expect((await operatorPage.goto(`/runs/${run.id}`))?.status()).toBe(200);
    const allowed = await callServerAction(operatorPage.request, new URL(baseURL!).origin, action, { runId: run.id, itemId: run.itemId, outcome: "PASS", value: "", note: "", expectedRevision: "0" });
    expect(await allowed.text()).toContain('"ok":true');
    expect(queryDb(`SELECT id FROM "Result" WHERE runId = ?`, run.id)).toHaveLength(1);
    await operatorContext.close();
  });

  test("a manager skips a run with a reason", async ({ page }) => {
    await signIn(page, MANAGER);
    await openRun(page, /^Perform physical environment checks$/);
    await page.getByText("Skip this run (managers)").click();
    const form = page.getByRole("form", { name: "Skip this run" });
    await form.getByRole("button", { name: "Skip run" }).click();
    await expect(form.getByText("Give a reason of at least 5 characters.")).toBeVisible();
    await form.getByLabel("Reason").fill("Facilities team inspects the server room this week");
    await form.getByRole("button", { name: "Skip run" }).click();
    await expect(page.getByText("Skipped because")).toBeVisible();
    await expect(page.getByText("Facilities team inspects the server room this week")).toBeVisible();
    await expect(page.getByText("Skipped", { exact: true }).first()).toBeVisible();
  });
});

test.describe.serial("schedules", () => {
  test("a manager creates a schedule, previewing its next ten occurrences, and operators find its runs in the calendar", async ({ page, browser }) => {
    await signIn(page, MANAGER);
    await page.goto("/admin/schedules");
    await expect(page.getByRole("heading", { name: "Schedules", level: 1 })).toBeVisible();
    await page.getByText("New schedule").click();
    const form = page.getByRole("form", { name: "New schedule" });
    const preview = page.getByRole("complementary", { name: "Next occurrences" }).first();
    await form.getByLabel("Procedure").selectOption({ label: "A9 Configure performance monitoring and alerts" });
    await form.getByLabel("Recurs").selectOption("MONTHLY_DAY");
    await form.getByLabel("Day of the month").fill("31");
    await form.getByLabel("Due at (UTC)").fill("15:00");
    await expect(preview.getByText("Monthly on the 31st (or the month's last day)")).toBeVisible();
    await expect(preview.getByRole("listitem")).toHaveCount(10);
    await expect(preview.getByText(/ February 20\d\d/)).toContainText(/(28|29) February/);
    await expectAccessible(page);

    // A per-server schedule needs roles: refused with the field named, nothing lost.
    await form.getByLabel("Once per server holding any of these roles:").check();
    await form.getByRole("button", { name: "Create schedule" }).click();
    await expect(form.getByText("Choose the Exchange roles whose servers each get a run.")).toBeVisible();
    await expect(form.getByLabel("Day of the month")).toHaveValue("31");
    await form.getByLabel("Once for the organisation").check();
    await form.getByRole("button", { name: "Create schedule" }).click();
    await expect(form.getByText("Schedule created. Its runs appear from now on.")).toBeVisible();

    const run = queryDb<{ localDate: string }>(
      `SELECT r.localDate FROM "Run" r JOIN "Procedure" p ON p.id = r.procedureId WHERE p.seedCode = 'A9' ORDER BY r.localDate LIMIT 1`,
    )[0]!;
    expect(Number(run.localDate.slice(8))).toBeGreaterThanOrEqual(28);

    const operatorContext = await browser.newContext();
    const operatorPage = await operatorContext.newPage();
    await signIn(operatorPage, OPERATOR);
    await operatorPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar" }).click();
    await operatorPage.goto(`/schedule?view=month&date=${run.localDate}`);
    await expect(operatorPage.getByRole("link", { name: /Configure performance monitoring and alerts/ })).toBeVisible();
    expect((await operatorPage.goto("/admin/schedules"))?.status()).toBe(404);
    await operatorContext.close();
  });
});

test.describe.serial("organisation settings", () => {
  test("an administrator sets the time zone and a holiday; a manager is refused the page", async ({ page, browser }) => {
    ensureUser(ADMIN, "ADMIN");
    const managerContext = await browser.newContext();
    const managerPage = await managerContext.newPage();
    await signIn(managerPage, MANAGER);
    expect((await managerPage.goto("/admin/settings"))?.status()).toBe(404);
    await managerContext.close();

    await signIn(page, ADMIN);
    await page.getByRole("navigation", { name: "Main" }).getByText("Manage").click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    await expectAccessible(page);
    const settings = page.getByRole("form", { name: "Organisation settings" });
    await settings.getByLabel("Time zone").selectOption("Europe/London");
    await settings.getByLabel("Saturday").uncheck();
    await settings.getByRole("button", { name: "Save settings" }).click();
    await expect(settings.getByRole("status")).toContainText(/Settings saved\. \d+ schedules now follow Europe\/London/);
    // The form shows what was saved, so saving it again changes nothing by accident.
    await expect(settings.getByLabel("Time zone")).toHaveValue("Europe/London");
    await expect(settings.getByLabel("Friday")).toBeChecked();
    await expect(settings.getByLabel("Saturday")).not.toBeChecked();

    const holiday = page.getByRole("form", { name: "Add a holiday" });
    await holiday.getByLabel("Date").fill("2026-12-25");
    await holiday.getByLabel("Name").fill("Christmas Day");
    await holiday.getByRole("button", { name: "Add holiday" }).click();
    await expect(page.getByRole("list", { name: "Holidays" })).toContainText("Christmas Day");
    await holiday.getByLabel("Date").fill("2026-12-25");
    await holiday.getByLabel("Name").fill("Again");
    await holiday.getByRole("button", { name: "Add holiday" }).click();
    await expect(holiday.getByText("This date is already in the list.")).toBeVisible();
    await expect(settings.getByLabel("Time zone")).toHaveValue("Europe/London");

    await page.goto("/today?scope=all");
    await expect(page.getByText(/times in Europe\/London/)).toBeVisible();
  });
});

test.describe.serial("audit log", () => {
  test("a manager filters the log by an operator, exports it as CSV and opens a run's timeline; an operator is refused", async ({ page, browser }) => {
    await signIn(page, MANAGER);
    await page.getByRole("navigation", { name: "Main" }).getByText("Manage").click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await page.getByLabel("Actor").selectOption({ label: OPERATOR.name });
    await page.getByRole("button", { name: "Apply" }).click();
    const rows = page.getByTestId("audit-row");
    // People by their name, as everywhere else in the portal; the export keeps the stored e-mail.
    await expect(rows.first()).toContainText(OPERATOR.name);
    expect(await rows.count()).toBeGreaterThan(5);
    await expectAccessible(page);

    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export CSV" }).click();
    const download = await downloadPromise;
    const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("seq,at_utc,actor,actor_id,action,entity_type,entity_id,before,after,ip,user_agent,prev_hash,hash");
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.slice(1).every((l) => l.includes(OPERATOR.email))).toBe(true);

    // A run's timeline: from its generation to its results and corrections.
    const run = queryDb<{ id: string }>(
      `SELECT r.id FROM "Run" r JOIN "Procedure" p ON p.id = r.procedureId JOIN "Server" s ON s.id = r.serverId WHERE p.seedCode = 'D5' AND s.name = 'EXHUB02' AND r.completedAt IS NOT NULL`,
    )[0]!;
    await page.goto(`/runs/${run.id}`);
    await page.getByRole("link", { name: "audit timeline" }).click();
    await expect(page.getByRole("heading", { name: /^Timeline of Examine message queues — EXHUB02 · \d{1,2} [A-Z][a-z]{2} 20\d\d$/, level: 1 })).toBeVisible();
    const actions = await page.getByTestId("audit-row").locator("td:nth-child(4)").allInnerTexts();
    expect(actions[0]).toBe("generated a run");
    expect(actions).toContain("recorded a result");
    expect(actions).toContain("corrected a result");

    // Bad input: an end before the start is explained, and the export refuses it.
    await page.goto("/audit?from=2026-12-01&to=2026-11-01");
    await expect(page.getByRole("alert").filter({ hasText: "The end date is before the start date." })).toBeVisible();
    await expect(page.getByText("Correct the filter to see events.")).toBeVisible();
    await expect(page.getByText("No events match.")).toHaveCount(0);
    expect((await page.request.get("/api/audit/export?from=2026-12-01&to=2026-11-01")).status()).toBe(400);
    const empty = await page.request.get("/api/audit/export?from=2001-01-01&to=2001-01-02");
    expect(await empty.text()).toBe("seq,at_utc,actor,actor_id,action,entity_type,entity_id,before,after,ip,user_agent,prev_hash,hash\r\n");

    const operatorContext = await browser.newContext();
    const operatorPage = await operatorContext.newPage();
    await signIn(operatorPage, OPERATOR);
    expect((await operatorPage.goto("/audit"))?.status()).toBe(404);
    expect((await operatorPage.request.get("/api/audit/export")).status()).toBe(404);
    await operatorContext.close();
  });
});

test.describe.serial("history", () => {
  test("an operator filters completed work and opens a run's full record; a viewer is refused", async ({ page, browser }) => {
    await signIn(page, OPERATOR);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "History" }).click();
    await expect(page.getByRole("heading", { name: "History", level: 1 })).toBeVisible();
    await page.getByLabel("State").selectOption({ label: "Skipped" });
    await page.getByRole("button", { name: "Filter" }).click();
    const rows = page.getByTestId("history-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("Perform physical environment checks");
    await expect(rows.first()).toContainText(`Skipped by ${MANAGER.name}: Facilities team inspects the server room this week`);
    await expectAccessible(page);
    await rows.first().getByRole("link", { name: "Perform physical environment checks" }).click();
    await expect(page.getByRole("heading", { name: "Perform physical environment checks", level: 1 })).toBeVisible();
    await expect(page.getByText("Skipped because")).toBeVisible();

    await page.goto("/history?from=2026-12-31&to=2026-01-01");
    await expect(page.getByRole("alert").filter({ hasText: "The end date is before the start date." })).toBeVisible();

    const viewerContext = await browser.newContext();
    const viewerPage = await viewerContext.newPage();
    await signIn(viewerPage, VIEWER);
    expect((await viewerPage.goto("/history"))?.status()).toBe(404);
    await viewerContext.close();
  });
});
