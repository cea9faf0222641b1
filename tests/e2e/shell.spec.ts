import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessibleInBothThemes } from "./a11y";
import { MANAGER, OPERATOR, VIEWER, callServerAction, ensureUser, queryDb, serverActionId, signIn } from "./support";

// The app shell: header menus, the phone menu, the header search, the dark theme and pages that fit
// a 390 px phone. Its own incident and change are made through the server actions, so the file
// depends on no other spec; the runs are the seeded dailies, open at the suite's pinned 07:00.
const INCIDENT_TITLE = "Shell search: OWA sign-in slow on EXCAS01";
const CHANGE_TITLE = "Shell search: rotate the EXCAS01 certificate";
const PHONE = { width: 390, height: 844 };

test.beforeAll(() => {
  ensureUser(OPERATOR, "OPERATOR");
  ensureUser(MANAGER, "MANAGER");
  ensureUser(VIEWER, "VIEWER");
});

function plannedDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** The latest run already open on a server: what the run search lists first for its title and server. */
function latestRun(): { id: string; title: string; server: string } {
  return queryDb<{ id: string; title: string; server: string }>(
    `SELECT r.id AS id, v.title AS title, s.name AS server
     FROM "Run" r JOIN "ProcedureVersion" v ON v.id = r.versionId JOIN "Server" s ON s.id = r.serverId
     WHERE julianday(r.opensAt) <= julianday(?)
     ORDER BY julianday(r.opensAt) DESC, v.title, s.name, r.id LIMIT 1`,
    new Date().toISOString(),
  )[0]!;
}

/** The page's width fits the viewport: nothing scrolls sideways. */
async function expectNoHorizontalOverflow(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect.soft(scroll, `${path} is ${scroll} px wide in a ${client} px viewport`).toBeLessThanOrEqual(client);
}

async function phonePage(browser: Browser, user: { email: string; password: string }) {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await signIn(page, user);
  return { context, page };
}

test.describe.serial("the app shell", () => {
  let incidentId: number;
  let changeId: number;

  test("an operator records an incident and a change to search for", async ({ page, baseURL }) => {
    await signIn(page, OPERATOR);
    const origin = new URL(baseURL!).origin;
    const server = queryDb<{ id: string }>(`SELECT id FROM "Server" WHERE name = 'EXCAS01'`)[0]!;
    if (queryDb(`SELECT id FROM "Incident" WHERE title = ?`, INCIDENT_TITLE).length === 0) {
      const opened = await callServerAction(page.request, origin, serverActionId("lib/incidents/actions.ts", "openIncidentAction"), {
        title: INCIDENT_TITLE,
        severity: "4",
        description: "Users wait a minute for the sign-in page.",
        serverIds: server.id,
      });
      expect(await opened.text()).toContain('"ok":true');
    }
    if (queryDb(`SELECT id FROM "Change" WHERE title = ?`, CHANGE_TITLE).length === 0) {
      const created = await callServerAction(page.request, origin, serverActionId("lib/changes/actions.ts", "createChangeAction"), {
        title: CHANGE_TITLE,
        type: "NORMAL",
        description: "Import the renewed certificate and enable it for IIS.",
        reason: "The current certificate expires next month.",
        risk: "LOW",
        backoutPlan: "Enable the old certificate again.",
        plannedStart: `${plannedDay(3)}T20:00`,
        plannedEnd: `${plannedDay(3)}T21:00`,
        serverIds: server.id,
      });
      expect(await created.text()).toContain('"ok":true');
    }
    incidentId = queryDb<{ id: number }>(`SELECT id FROM "Incident" WHERE title = ?`, INCIDENT_TITLE)[0]!.id;
    changeId = queryDb<{ id: number }>(`SELECT id FROM "Change" WHERE title = ?`, CHANGE_TITLE)[0]!.id;
  });

  test("header menus close on Escape and on a click outside, and only one is open at a time", async ({ page }) => {
    await signIn(page, MANAGER);
    const nav = page.getByRole("navigation", { name: "Main" });
    const manage = nav.locator("summary", { hasText: "Manage" });
    const account = page.locator("summary", { hasText: "Account menu" });
    const audit = nav.getByRole("link", { name: "Audit log" });
    const signOut = page.getByRole("button", { name: "Sign out" });

    // Escape closes the menu and puts focus back on its button.
    await manage.click();
    await expect(audit).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(audit).toBeHidden();
    await expect(manage).toBeFocused();

    // So does Escape from a link inside it, as a keyboard user would be.
    await manage.click();
    await audit.focus();
    await page.keyboard.press("Escape");
    await expect(audit).toBeHidden();
    await expect(manage).toBeFocused();

    // A click elsewhere on the page closes it.
    await manage.click();
    await expect(audit).toBeVisible();
    await page.getByRole("heading", { level: 1 }).click();
    await expect(audit).toBeHidden();

    // Opening the account menu closes Manage, and the other way round.
    await manage.click();
    await expect(audit).toBeVisible();
    await account.click();
    await expect(signOut).toBeVisible();
    await expect(audit).toBeHidden();
    await expect(page.locator("details[data-menu][open]")).toHaveCount(1);
    await manage.click();
    await expect(audit).toBeVisible();
    await expect(signOut).toBeHidden();
    await expect(page.locator("details[data-menu][open]")).toHaveCount(1);
    await page.keyboard.press("Escape");

    // The account menu links to the account page, and passes axe open, in both themes.
    await account.click();
    await expect(page.getByRole("link", { name: "Account", exact: true })).toHaveAttribute("href", "/account");
    await expectAccessibleInBothThemes(page);
    await page.keyboard.press("Escape");
    await expect(signOut).toBeHidden();
    await expect(account).toBeFocused();

    // Following a link in a menu closes it on the next page.
    await manage.click();
    await audit.click();
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await expect(page.locator("details[data-menu][open]")).toHaveCount(0);
  });

  test("on a 390 px phone a Menu button lists every page with the current one marked, and closes on Escape, a tap outside and navigation", async ({ browser }) => {
    const { context, page } = await phonePage(browser, OPERATOR);
    await page.goto("/history");
    await expect(page.getByRole("heading", { name: "History", level: 1 })).toBeVisible();
    // The bar names the current page; the sideways-scrolling strip is gone.
    await expect(page.getByTestId("phone-current-page")).toHaveText("Current page: History");
    const menu = page.locator('details[data-menu-name="phone-nav"] > summary');
    await expect(menu).toBeVisible();
    await expect(menu).toHaveText("Menu");

    await menu.click();
    const nav = page.getByRole("navigation", { name: "Main" });
    const current = nav.getByRole("link", { name: "History", exact: true });
    await expect(current).toHaveAttribute("aria-current", "page");
    await expect(current).toBeInViewport();
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    for (const label of ["Today", "Calendar", "History", "Incidents", "Changes", "Procedures", "Tools", "Training"]) {
      await expect(nav.getByRole("link", { name: label, exact: true }), label).toBeInViewport();
    }
    await expect(page.getByRole("searchbox", { name: "Search Opsbook" })).toBeVisible();
    await expectAccessibleInBothThemes(page);

    await page.keyboard.press("Escape");
    await expect(current).toBeHidden();
    await expect(menu).toBeFocused();

    // A tap on the page beside the panel (the page's left margin, below it) closes it.
    await menu.click();
    await expect(current).toBeVisible();
    await page.mouse.click(4, PHONE.height - 40);
    await expect(current).toBeHidden();

    // Opening the account menu closes it.
    await menu.click();
    await page.locator("summary", { hasText: "Account menu" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(current).toBeHidden();
    await page.keyboard.press("Escape");

    // Navigating from it closes it, and the new page is the current one.
    await menu.click();
    await nav.getByRole("link", { name: "Calendar", exact: true }).click();
    await expect(page).toHaveURL(/\/schedule$/);
    await expect(page.getByTestId("phone-current-page")).toHaveText("Current page: Calendar");
    await expect(page.locator("details[data-menu][open]")).toHaveCount(0);

    // "/" opens the menu at the search box.
    await page.getByRole("heading", { level: 1 }).click();
    await page.keyboard.press("/");
    await expect(page.getByRole("searchbox", { name: "Search Opsbook" })).toBeFocused();
    await context.close();
  });

  test("at 390 px no page scrolls sideways: Today, a run, the calendars, History, search and Reports", async ({ browser }) => {
    const run = latestRun();
    const operator = await phonePage(browser, OPERATOR);
    for (const path of ["/today", `/runs/${run.id}`, "/schedule", "/schedule?view=month", "/changes/calendar", "/changes/calendar?view=list", "/history", "/search?q=check"]) {
      await expectNoHorizontalOverflow(operator.page, path);
    }
    // The month calendar is a list of days on a phone, each under its full date, today's marked.
    await operator.page.goto("/schedule?view=month");
    const today = operator.page.locator('li[aria-current="date"]');
    await expect(today).toBeVisible();
    await expect(today.getByRole("heading", { level: 2 })).toContainText(/^\w+day,? \d{1,2} \w+ \d{4}/);
    await expect(today.getByRole("link").first()).toBeVisible();
    await expectAccessibleInBothThemes(operator.page);
    await operator.page.goto("/changes/calendar");
    await expect(operator.page.getByRole("list", { name: /^Changes in / })).toBeVisible();
    await expectAccessibleInBothThemes(operator.page);
    await operator.context.close();

    const manager = await phonePage(browser, MANAGER);
    await expectNoHorizontalOverflow(manager.page, "/reports");
    await manager.context.close();
  });

  test("the header search opens with / and finds a procedure, a run, an incident and a change", async ({ page }) => {
    await signIn(page, OPERATOR);
    const box = page.getByRole("searchbox", { name: "Search Opsbook" });
    await expect(box).toHaveAttribute("maxlength", "200");

    // "/" outside a text field jumps to the box; the key itself is not typed.
    await page.getByRole("heading", { name: "Today", level: 1 }).click();
    await page.keyboard.press("/");
    await expect(box).toBeFocused();
    await expect(box).toHaveValue("");
    await box.fill("backup");
    await box.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=backup$/);
    await expect(page.getByRole("heading", { name: "Search", level: 1 })).toBeVisible();
    await expect(page.getByRole("region", { name: "Procedures" }).getByRole("link", { name: "Check backups", exact: true })).toBeVisible();
    await expectAccessibleInBothThemes(page);

    // In a text field "/" is just a character.
    const again = page.getByRole("searchbox", { name: "Search for" });
    await again.fill("a");
    await again.press("/");
    await expect(again).toHaveValue("a/");
    await expect(box).not.toBeFocused();

    const run = latestRun();
    const words = `${run.title} ${run.server}`.split(/\s+/).slice(-8).join(" ");
    await box.fill(words);
    await box.press("Enter");
    await expect(page.getByRole("region", { name: "Runs" }).getByRole("link", { name: `${run.title} on ${run.server}`, exact: true }).first()).toHaveAttribute("href", `/runs/${run.id}`);

    await box.fill(`INC-${incidentId}`);
    await box.press("Enter");
    const incident = page.getByRole("region", { name: "Incidents" }).getByRole("link", { name: `INC-${incidentId} ${INCIDENT_TITLE}` });
    await expect(incident).toHaveAttribute("href", `/incidents/${incidentId}`);

    await box.fill(`CHG-${changeId}`);
    await box.press("Enter");
    const change = page.getByRole("region", { name: "Changes" }).getByRole("link", { name: `CHG-${changeId} ${CHANGE_TITLE}` });
    await expect(change).toHaveAttribute("href", `/changes/${changeId}`);
    await expectAccessibleInBothThemes(page);
    await change.click();
    await expect(page).toHaveURL(new RegExp(`/changes/${changeId}$`));
  });

  test("a viewer's search covers procedures only; empty and oversized text run no search", async ({ page }) => {
    await signIn(page, VIEWER);
    for (const q of [`INC-${incidentId}`, `CHG-${changeId}`, "backup"]) {
      await page.goto(`/search?q=${encodeURIComponent(q)}`);
      await expect(page.getByRole("region", { name: "Procedures" })).toBeVisible();
      for (const name of ["Runs", "Incidents", "Changes"]) await expect(page.getByRole("region", { name })).toHaveCount(0);
    }
    await expect(page.getByRole("region", { name: "Procedures" }).getByRole("link", { name: "Check backups", exact: true })).toBeVisible();
    await expect(page.getByText(INCIDENT_TITLE)).toHaveCount(0);
    await expect(page.getByText(CHANGE_TITLE)).toHaveCount(0);

    await page.goto("/search");
    await expect(page.getByText("Type what you are looking for")).toBeVisible();
    await expect(page.getByRole("region", { name: "Procedures" })).toHaveCount(0);

    await page.goto(`/search?q=${"x".repeat(201)}`);
    await expect(page.getByRole("alert").filter({ hasText: "Search for at most 200 characters; this search has 201." })).toBeVisible();
    await expect(page.getByRole("region", { name: "Procedures" })).toHaveCount(0);
  });

  test("the calendars and Today pass axe in both themes on a desktop screen", async ({ page }) => {
    await signIn(page, OPERATOR);
    for (const path of ["/today", "/schedule", "/schedule?view=month", "/changes/calendar"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectAccessibleInBothThemes(page);
    }
    // The seven-column grid is back from the md breakpoint, its weekday header included.
    await page.goto("/schedule?view=month");
    await expect(page.getByText("Wed", { exact: true })).toBeVisible();
    await expect(page.locator('li[aria-current="date"]')).toBeVisible();
  });
});
