import { expect, test, type Page } from "@playwright/test";
import { MANAGER, OPERATOR, VIEWER, callServerAction, ensureUser, expectAccessible, queryDb, serverActionId, signIn } from "./support";

const TITLE = "EXHUB01: Submission Queue Length 180 messages exceeds the maximum of 100 messages";

test.beforeAll(() => {
  ensureUser(OPERATOR, "OPERATOR");
  ensureUser(MANAGER, "MANAGER");
  ensureUser(VIEWER, "VIEWER");
});

/** The incident this flow raised, and the run it came from. */
function raised() {
  const row = queryDb<{ id: number; sourceRunId: string; status: string }>(`SELECT id, sourceRunId, status FROM "Incident" WHERE title = ? ORDER BY id DESC LIMIT 1`, TITLE)[0];
  if (!row) throw new Error("The incident was not raised");
  return row;
}

async function openIncidentPage(page: Page, id: number) {
  await page.goto(`/incidents/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(TITLE);
}

test.describe.serial("incidents", () => {
  test("an operator records a failed queue check and raises an incident from it, prefilled", async ({ page }) => {
    await signIn(page, OPERATOR);
    await page.goto("/today?scope=all");
    await page.getByRole("link", { name: /^Examine message queues on EXHUB01$/ }).first().click();
    await expect(page).toHaveURL(/\/runs\//);
    const runId = new URL(page.url()).pathname.split("/").at(-1)!;

    const submission = page.getByTestId("run-item").filter({ hasText: "Submission Queue Length" }).first();
    await submission.getByLabel(/^Value/).fill("180");
    await submission.getByRole("button", { name: "Pass", exact: true }).click();
    await expect(submission.getByText("Saved as failed: Submission Queue Length 180 messages exceeds the maximum of 100 messages.")).toBeVisible();

    await submission.getByRole("link", { name: "Raise an incident" }).click();
    await expect(page).toHaveURL(new RegExp(`/incidents/new\\?run=${runId}&item=`));
    await expect(page.getByRole("heading", { name: "Open an incident", level: 1 })).toBeVisible();

    // What was recorded, beside the form.
    const check = page.getByRole("complementary", { name: "The failed check" });
    await expect(check.getByRole("link", { name: "Examine message queues" })).toBeVisible();
    await expect(check.getByText("EXHUB01", { exact: true })).toBeVisible();
    await expect(check.getByText("Submission Queue Length", { exact: true })).toBeVisible();
    await expect(check.getByTestId("recorded-value")).toHaveText("180 messages");
    await expect(check.getByRole("link", { name: /on EXHUB01$/ })).toHaveAttribute("href", `/runs/${runId}`);

    // The form, prefilled.
    const form = page.getByRole("form", { name: "New incident" });
    await expect(form.getByLabel("Title")).toHaveValue(TITLE);
    await expect(form.getByLabel("EXHUB01")).toBeChecked();
    await expect(form.getByLabel("EXHUB02")).not.toBeChecked();
    await expect(form.getByLabel("Description")).toHaveValue(/Submission Queue Length: 180 messages, recorded by Omar Operator/);
    await expectAccessible(page);

    await form.getByLabel("Severity").selectOption("2");
    await form.getByRole("button", { name: "Open incident" }).click();
    await expect(page).toHaveURL(/\/incidents\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText(TITLE);
    await expect(page.getByText("Sev 2 · High")).toBeVisible();
    const source = page.getByRole("region", { name: "Raised from a failed check" });
    await expect(source.getByRole("link", { name: /on EXHUB01$/ })).toHaveAttribute("href", `/runs/${runId}`);
    await expect(source).toContainText("180 messages");
    await expectAccessible(page);

    const incident = raised();
    expect(incident).toMatchObject({ sourceRunId: runId, status: "OPEN" });
  });

  test("a manager resolves it; closing before it is resolved, or resolving without a resolution, is refused", async ({ page, baseURL }) => {
    const incident = raised();
    await signIn(page, MANAGER);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
    await expect(page.getByRole("heading", { name: "Incidents", level: 1 })).toBeVisible();
    await expectAccessible(page);
    await page.getByTestId("incident-row").getByRole("link", { name: TITLE }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(TITLE);

    // A stale or hostile client asking to close an open incident is refused, and nothing changes.
    const close = await callServerAction(page.request, new URL(baseURL!).origin, serverActionId("lib/incidents/actions.ts", "changeStatusAction"), { incidentId: String(incident.id), step: "close" });
    expect(await close.text()).toContain("Resolve the incident before closing it: it is still open and has no resolution yet.");
    expect(raised().status).toBe("OPEN");

    const status = page.getByRole("form", { name: "Change the status" });
    await expect(status.getByRole("button", { name: "Close" })).toHaveCount(0);
    await status.getByRole("button", { name: "Resolve" }).click();
    await expect(status.getByText("Write the resolution: what was done to restore the service.").first()).toBeVisible();
    expect(raised().status).toBe("OPEN");

    await status.getByLabel("Resolution").fill("Restarted the Microsoft Exchange Transport service; the queue drained within ten minutes.");
    await status.getByLabel("Root cause (if known)").fill("The Internet send connector's smart host stopped answering.");
    await status.getByRole("button", { name: "Resolve" }).click();
    await expect(page.getByRole("status").filter({ hasText: `INC-${incident.id} is resolved.` })).toBeVisible();
    await expect(page.getByText("Resolved", { exact: true }).first()).toBeVisible();
    const timeline = page.getByRole("region", { name: "Timeline" });
    await expect(timeline.getByText("Open → Resolved")).toBeVisible();
    await expect(timeline.getByText(/^Resolved: Restarted the Microsoft Exchange Transport service/)).toBeVisible();
    await expect(page.getByRole("region", { name: "Resolution and root cause" })).toContainText("smart host stopped answering");
    expect(raised().status).toBe("RESOLVED");
    await expectAccessible(page);
  });

  test("the run shows the incident raised from it", async ({ page }) => {
    const incident = raised();
    await signIn(page, OPERATOR);
    await page.goto(`/runs/${incident.sourceRunId}`);
    const section = page.getByRole("region", { name: "Incidents" });
    const link = section.getByRole("link", { name: `INC-${incident.id} ${TITLE}` });
    await expect(link).toBeVisible();
    await expect(section.getByText("Resolved", { exact: true })).toBeVisible();
    await link.click();
    await openIncidentPage(page, incident.id);
  });

  test("the weekly report lists it with its duration", async ({ page }) => {
    const incident = raised();
    await signIn(page, OPERATOR);
    await page.goto("/incidents/weekly");
    await expect(page.getByRole("heading", { name: /^Incident report: Week \d+/, level: 1 })).toBeVisible();
    const row = page.getByTestId("weekly-row").filter({ hasText: TITLE });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(`INC-${incident.id}`);
    await expect(row).toContainText("Resolved");
    await expect(row.locator("td").last()).toHaveText(/^\d+ min$|^\d+ h/);
    await expect(page.getByTestId("still-open-row").filter({ hasText: TITLE })).toHaveCount(0);
    await expectAccessible(page);

    await page.goto("/incidents/weekly?week=2026-02-30");
    await expect(page.getByRole("alert").filter({ hasText: "Enter a day of the week as YYYY-MM-DD." })).toBeVisible();
  });

  test("a viewer gets 404 for the incident pages and the action refuses them; an operator may open one", async ({ page, browser, baseURL }) => {
    const incident = raised();
    const action = serverActionId("lib/incidents/actions.ts", "openIncidentAction");
    const count = () => queryDb<{ n: number }>(`SELECT COUNT(*) AS n FROM "Incident"`)[0]!.n;
    const fields = { title: "Raised by a direct call", severity: "4", description: "" };

    await signIn(page, VIEWER);
    for (const path of ["/incidents", "/incidents/new", "/incidents/weekly", `/incidents/${incident.id}`]) {
      expect((await page.goto(path))?.status(), path).toBe(404);
    }
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" })).toHaveCount(0);
    const before = count();
    const denied = await callServerAction(page.request, new URL(baseURL!).origin, action, fields);
    expect(await denied.text()).toContain("You do not have permission to do that.");
    expect(count()).toBe(before);

    const operatorContext = await browser.newContext();
    const operatorPage = await operatorContext.newPage();
    await signIn(operatorPage, OPERATOR);
    expect((await operatorPage.goto("/incidents"))?.status()).toBe(200);
    const allowed = await callServerAction(operatorPage.request, new URL(baseURL!).origin, action, fields);
    expect(await allowed.text()).toContain('"ok":true');
    expect(count()).toBe(before + 1);
    await operatorContext.close();
  });
});
