import { expect, test, type Page } from "@playwright/test";
import { ADMIN, MANAGER, OPERATOR, callServerAction, ensureUser, queryDb, serverActionId, signIn } from "./support";

// One name for a change on every page that shows it, and one way of writing dates for people:
// "9 Dec 2026" (or, heading a day, "Wednesday 9 December 2026"), never 2026-12-09 or 12/09/2026.
// ISO dates stay where machines read them: form values, URLs, CSV files and commands.

const TITLE = "Consistency: renew the OWA certificate on EXHUB03";

test.beforeAll(() => {
  ensureUser(OPERATOR, "OPERATOR");
  ensureUser(MANAGER, "MANAGER");
});

/**
 * Dates in another shape than the portal's, in what the page shows a person: the rendered text,
 * without form controls (a date picker shows the browser's own format), code and command blocks,
 * and links to CSV files.
 */
async function foreignDates(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>("input, select, textarea, code, pre, kbd, samp, a[download], a[href*='.csv'], a[href^='/api/']")) el.style.display = "none";
    const text = document.body.innerText;
    const shapes = [/\b\d{4}-\d{2}-\d{2}\b/g, /\b\d{1,2}\/\d{1,2}\/(\d{4}|\d{2})\b/g, /\b\d{1,2}\.\d{1,2}\.\d{4}\b/g];
    const found: string[] = [];
    for (const shape of shapes) {
      for (const m of text.matchAll(shape)) found.push(text.slice(Math.max(0, m.index - 30), m.index + m[0].length + 30).replace(/\s+/g, " "));
    }
    return found;
  });
}

test.describe.serial("consistency", () => {
  let changeId = 0;

  test("an operator records and submits a change for the checks below", async ({ page, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    await signIn(page, OPERATOR);
    const server = queryDb<{ id: string }>(`SELECT id FROM "Server" WHERE name = 'EXHUB03'`)[0]!.id;
    const create = await callServerAction(page.request, origin, serverActionId("lib/changes/actions.ts", "createChangeAction"), {
      title: TITLE,
      type: "NORMAL",
      description: "Import-ExchangeCertificate, then Enable-ExchangeCertificate -Services IIS",
      reason: "The current certificate expires at the end of the month.",
      risk: "LOW",
      backoutPlan: "Enable the previous certificate again.",
      // Tomorrow evening, so the change sits in this month's calendar.
      plannedStart: "2026-12-10T20:00",
      plannedEnd: "2026-12-10T21:00",
      serverIds: server,
    });
    expect(create.status()).toBe(200);
    changeId = queryDb<{ id: number }>(`SELECT id FROM "Change" WHERE title = ?`, TITLE)[0]!.id;
    expect(await create.text()).toContain(`CHG-${changeId} saved as a draft.`);
    const submit = await callServerAction(page.request, origin, serverActionId("lib/changes/actions.ts", "submitChangeAction"), { changeId: String(changeId) });
    expect(await submit.text()).toContain("Submitted.");
  });

  test("the change is CHG-n on the dashboard, the list, its page, the calendar and in search", async ({ page }) => {
    const ref = `CHG-${changeId}`;
    const other = new RegExp(`(Change #${changeId}\\b|#${changeId} ${TITLE.slice(0, 12)})`);
    await signIn(page, MANAGER);

    const places: [string, () => Promise<void>][] = [
      ["/dashboard", async () => expect(page.getByRole("link", { name: `${ref} ${TITLE}` }).first()).toBeVisible()],
      ["/changes", async () => expect(page.getByRole("link", { name: `${ref} ${TITLE}` }).first()).toBeVisible()],
      [
        `/changes/${changeId}`,
        async () => {
          await expect(page.getByRole("heading", { name: `${ref}: ${TITLE}`, level: 1 })).toBeVisible();
          await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText(ref);
          await expect(page).toHaveTitle(new RegExp(`^${ref}\\b`));
        },
      ],
      ["/changes/calendar?view=month", async () => expect(page.getByRole("link", { name: new RegExp(`${ref} ${TITLE}`) }).first()).toBeVisible()],
      ["/changes/calendar?view=list", async () => expect(page.getByRole("link", { name: `${ref} ${TITLE}` })).toBeVisible()],
      [`/search?q=${ref}`, async () => expect(page.getByRole("region", { name: "Changes" }).getByRole("link", { name: new RegExp(`^${ref}\\b`) })).toBeVisible()],
    ];
    for (const [path, check] of places) {
      await page.goto(path);
      await check();
      const text = await page.locator("main").innerText();
      expect(text, path).toContain(ref);
      expect(text, path).not.toMatch(other);
    }
  });

  test("dates on the main pages are written one way", async ({ page, browser }) => {
    await signIn(page, MANAGER);
    const managerPages = [
      "/dashboard",
      "/today",
      "/schedule",
      "/history",
      "/incidents",
      "/incidents/weekly",
      "/changes",
      "/changes/calendar",
      `/changes/${changeId}`,
      "/training",
      "/training/matrix",
      "/training/matrix?view=lists&role=VIEWER",
      "/reports",
      "/audit",
      "/procedures",
      "/account",
    ];
    const problems: string[] = [];
    for (const path of managerPages) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      for (const found of await foreignDates(page)) problems.push(`${path}: …${found}…`);
    }
    // The dashboard writes today as the portal does (the suite runs on 9 December 2026, UTC).
    await page.goto("/dashboard");
    await expect(page.getByRole("main")).toContainText("9 Dec 2026");

    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, ADMIN);
    for (const path of ["/admin/users", "/admin/servers", "/admin/settings", "/admin/schedules"]) {
      const response = await admin.goto(path);
      expect(response?.status(), path).toBe(200);
      for (const found of await foreignDates(admin)) problems.push(`${path}: …${found}…`);
    }
    await adminContext.close();
    expect(problems).toEqual([]);
  });
});
