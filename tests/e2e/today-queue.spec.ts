// Today as a work queue: the summary strip counts what the filters show, the filters live in the
// URL (the form writes them, unknown values are dropped with a notice), groups collapse and done
// runs fold away, and the page fits a phone and passes axe in both themes.
//
// The suite runs at 07:00 UTC on Wednesday 9 December 2026 (tests/e2e/clock/scenarios.ts): the
// seeded dailies are open, due at 10:00. The spec works on EXMBX02, which the other specs leave
// alone: it completes two of its untouched daily runs through the portal's own action, one with
// every required item marked N/A with a reason, one with every required item failed, then checks
// the page against the database as it stands (other specs may have touched other runs of it).
import { expect, test, type Page } from "@playwright/test";
import { expectAccessibleInBothThemes } from "./a11y";
import { MAIN_SUITE_START } from "./clock/scenarios";
import { callServerAction, ensureUser, OPERATOR, queryDb, runRows, serverActionId, signIn, todaySection } from "./support";

const TODAY = MAIN_SUITE_START.slice(0, 10);
const WEEK_BEFORE = "2026-12-02";
const SERVER = "EXMBX02";
const FILTERED = `/today?server=${SERVER}&cadence=DAILY&assignee=all`;

test.beforeAll(() => ensureUser(OPERATOR, "OPERATOR"));

interface DbRun {
  id: string;
  title: string;
  localDate: string;
  opensAt: string;
  dueAt: string;
  graceEndsAt: string;
  completedAt: string | null;
  skippedAt: string | null;
  suppressed: number;
  hasExceptions: number;
  failedItems: number;
  naItems: number;
}

type Bucket = "upcoming" | "open" | "late" | "missed" | "done" | "skipped";

/** A run's word as the portal defines it (lib/runs/run-summary.ts), from its stored columns. */
function bucketOf(r: DbRun, now = Date.now()): Bucket {
  if (r.suppressed || r.skippedAt) return "skipped";
  if (r.completedAt) return "done";
  if (now < Date.parse(r.opensAt)) return "upcoming";
  if (now <= Date.parse(r.dueAt)) return "open";
  if (now <= Date.parse(r.graceEndsAt)) return "late";
  return "missed";
}

/** The server's daily runs on today's list: today's, and missed ones of the last week. */
function listedDailyRuns(): DbRun[] {
  const rows = queryDb<DbRun>(
    `SELECT r.id, v.title, r.localDate, r.opensAt, r.dueAt, r.graceEndsAt, r.completedAt, r.skippedAt, r.suppressed,
            r.hasExceptions, r.failedItems, r.naItems
     FROM "Run" r JOIN "ProcedureVersion" v ON v.id = r.versionId JOIN "Server" s ON s.id = r.serverId
     WHERE s.name = ? AND r.cadence = 'DAILY' AND r.localDate >= ? AND r.localDate <= ?`,
    SERVER,
    WEEK_BEFORE,
    TODAY,
  );
  return rows.filter((r) => r.localDate === TODAY || bucketOf(r) === "missed");
}

function expectedSummary(runs: DbRun[]) {
  const counts = { upcoming: 0, open: 0, late: 0, missed: 0, done: 0, skipped: 0, withFailures: 0, withNaOnly: 0 };
  for (const r of runs) {
    const bucket = bucketOf(r);
    counts[bucket]++;
    if (bucket === "done" && r.hasExceptions) {
      // A run with both kinds counts under failures, as reports count it.
      if (r.failedItems > 0 || r.naItems === 0) counts.withFailures++;
      else counts.withNaOnly++;
    }
  }
  return counts;
}

/** The required items of a run that apply to its server, in order, with what a result needs. */
function requiredItems(runId: string) {
  return queryDb<{ id: string; kind: string; choices: string }>(
    `SELECT i.id, i.kind, i.choices FROM "Run" r JOIN "ChecklistItem" i ON i.versionId = r.versionId
     WHERE r.id = ? AND i.required
       AND (NOT EXISTS (SELECT 1 FROM "ChecklistItemRole" ir WHERE ir.itemId = i.id)
         OR EXISTS (SELECT 1 FROM "ChecklistItemRole" ir JOIN "ServerRole" sr ON sr.role = ir.role WHERE ir.itemId = i.id AND sr.serverId = r.serverId))
     ORDER BY i.position`,
    runId,
  );
}

/** A count of the summary strip (its first value; the exceptions tile has a detail after it). */
function summaryValue(page: Page, key: string) {
  return page.getByTestId(`summary-${key}`).locator("dd").first();
}

/** A row by its link's text, title and server, found whether it is folded away or not. */
function rowOf(page: Page, title: string) {
  return page.getByTestId("run-row").filter({ hasText: `${title} on ${SERVER}` });
}

test.describe.serial("Today as a work queue", () => {
  let naRun: DbRun;
  let failedRun: DbRun;

  test("an operator completes one EXMBX02 run with N/A exceptions and one with failures", async ({ page, baseURL }) => {
    await signIn(page, OPERATOR);
    const untouched = queryDb<DbRun>(
      `SELECT r.id, v.title FROM "Run" r JOIN "ProcedureVersion" v ON v.id = r.versionId JOIN "Server" s ON s.id = r.serverId
       WHERE s.name = ? AND r.cadence = 'DAILY' AND r.localDate = ? AND r.completedAt IS NULL AND r.skippedAt IS NULL AND NOT r.suppressed
         AND NOT EXISTS (SELECT 1 FROM "Result" x WHERE x.runId = r.id)
       ORDER BY v.title`,
      SERVER,
      TODAY,
    );
    expect(untouched.length).toBeGreaterThanOrEqual(2);
    [naRun, failedRun] = untouched as [DbRun, DbRun];
    const action = serverActionId("lib/runs/actions.ts", "recordResultAction");
    const origin = new URL(baseURL!).origin;
    for (const item of requiredItems(naRun.id)) {
      const answer = await callServerAction(page.request, origin, action, { runId: naRun.id, itemId: item.id, outcome: "NOT_APPLICABLE", value: "", note: "Disk shelf replaced, checked by the vendor", expectedRevision: "0" });
      expect(await answer.text()).toContain('"ok":true');
    }
    for (const item of requiredItems(failedRun.id)) {
      const value = item.kind === "NUMBER" ? "0" : item.kind === "TEXT" ? "Service stopped" : item.kind === "CHOICE" ? (JSON.parse(item.choices) as string[])[0]! : "";
      const answer = await callServerAction(page.request, origin, action, { runId: failedRun.id, itemId: item.id, outcome: "FAIL", value, note: "", expectedRevision: "0" });
      expect(await answer.text()).toContain('"ok":true');
    }
    const stored = queryDb<{ id: string; completedAt: string | null; failedItems: number; naItems: number }>(`SELECT id, completedAt, failedItems, naItems FROM "Run" WHERE id IN (?, ?)`, naRun.id, failedRun.id);
    expect(stored.find((r) => r.id === naRun.id)).toMatchObject({ failedItems: 0, naItems: requiredItems(naRun.id).length, completedAt: expect.any(String) });
    expect(stored.find((r) => r.id === failedRun.id)).toMatchObject({ failedItems: requiredItems(failedRun.id).length, naItems: 0, completedAt: expect.any(String) });
  });

  test("filtered to one server and the daily cadence, the summary counts exactly the rows shown, and the rows are the database's", async ({ page }) => {
    await signIn(page, OPERATOR);
    await page.goto(FILTERED);
    await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
    const runs = listedDailyRuns();
    const counts = expectedSummary(runs);
    expect(counts.done).toBeGreaterThanOrEqual(2);
    expect(counts.withNaOnly).toBeGreaterThanOrEqual(1);
    expect(counts.withFailures).toBeGreaterThanOrEqual(1);

    for (const key of ["open", "late", "missed", "done"] as const) await expect(summaryValue(page, key)).toHaveText(String(counts[key]));
    await expect(summaryValue(page, "exceptions")).toHaveText(String(counts.withFailures + counts.withNaOnly));
    await expect(page.getByTestId("summary-exceptions")).toContainText(`${counts.withFailures} with failures · ${counts.withNaOnly} N/A only`);
    for (const key of ["upcoming", "skipped"] as const) {
      if (counts[key]) await expect(summaryValue(page, key)).toHaveText(String(counts[key]));
      else await expect(page.getByTestId(`summary-${key}`)).toHaveCount(0);
    }
    await expect(page.getByTestId("summary-shown")).toHaveText(new RegExp(`^${runs.length} of the \\d+ runs on today's list match the filters\\.$`));

    // Every row on the page (folded or not) is one of the server's daily runs, and each of them is there.
    const rows = page.getByTestId("run-row");
    await expect(rows).toHaveCount(runs.length);
    expect((await rows.locator("a").allTextContents()).sort()).toEqual(runs.map((r) => `${r.title} on ${SERVER}`).sort());
    const tiles = counts.open + counts.late + counts.missed + counts.done + counts.upcoming + counts.skipped;
    expect(tiles).toBe(runs.length);

    // Open runs are listed, with when they are due; done ones fold away under "N done".
    const daily = todaySection(page, "Daily");
    await expect(daily.getByRole("heading", { level: 2 })).toHaveText(`Daily (${runs.filter((r) => r.localDate === TODAY && !["late", "missed"].includes(bucketOf(r))).length})`);
    const open = runs.filter((r) => bucketOf(r) === "open");
    for (const r of open.slice(0, 3)) {
      const row = runRows(daily, `${r.title} on ${SERVER}`);
      await expect(row).toContainText("open, due at 10:00");
      await expect(row.getByText("Open", { exact: true })).toBeVisible();
    }
    const naRow = rowOf(page, naRun.title);
    await expect(naRow).toBeHidden();
    const settled = counts.done + counts.skipped;
    const fold = daily.getByText(counts.skipped ? new RegExp(`^${settled} done or skipped$`) : new RegExp(`^${settled} done$`));
    await fold.click();
    await expect(naRow).toBeVisible();
    await expect(naRow).toContainText(`N/A ${requiredItems(naRun.id).length}`);
    await expect(naRow.getByText("Completed with exceptions", { exact: true })).toBeVisible();
    await expect(rowOf(page, failedRun.title)).toContainText(`failed ${requiredItems(failedRun.id).length}`);
    await expectAccessibleInBothThemes(page);
  });

  test("the state filter narrows the same rows, and the summary follows", async ({ page }) => {
    await signIn(page, OPERATOR);
    await page.goto(`${FILTERED}&state=exceptions`);
    const withExceptions = listedDailyRuns().filter((r) => bucketOf(r) === "done" && r.hasExceptions);
    const rows = page.getByTestId("run-row");
    await expect(rows).toHaveCount(withExceptions.length);
    // Asked for, done runs are unfolded.
    for (const r of withExceptions) await expect(rowOf(page, r.title)).toBeVisible();
    await expect(summaryValue(page, "done")).toHaveText(String(withExceptions.length));
    await expect(summaryValue(page, "open")).toHaveText("0");

    await page.goto(`${FILTERED}&state=open`);
    const open = listedDailyRuns().filter((r) => bucketOf(r) === "open");
    await expect(page.getByTestId("run-row")).toHaveCount(open.length);
    await expect(summaryValue(page, "open")).toHaveText(String(open.length));
    await expect(summaryValue(page, "done")).toHaveText("0");
  });

  test("the filter form writes the URL, and the old ?scope= links still work", async ({ page }) => {
    await signIn(page, OPERATOR);
    await page.goto("/today");
    // No filter: the operator's own runs and the operators' (everything seeded is the operators').
    await expect(page.getByLabel("Assigned to", { exact: true })).toHaveValue("mine");
    const form = page.getByRole("form", { name: "Filter today's runs" });
    await form.getByLabel("Server", { exact: true }).selectOption(SERVER);
    await form.getByLabel("Cadence", { exact: true }).selectOption("DAILY");
    await form.getByLabel("Assigned to", { exact: true }).selectOption({ label: "Everyone" });
    await form.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/\/today\?server=EXMBX02&role=&cadence=DAILY&assignee=&state=$/);
    await expect(page.getByTestId("run-row")).toHaveCount(listedDailyRuns().length);
    await expect(form.getByLabel("Server", { exact: true })).toHaveValue(SERVER);
    await expect(form.getByRole("link", { name: "Clear filters" })).toHaveAttribute("href", "/today");

    await page.goto("/today?scope=all");
    await expect(page.getByLabel("Assigned to", { exact: true })).toHaveValue("");
    await page.goto("/today?scope=mine");
    await expect(page.getByLabel("Assigned to", { exact: true })).toHaveValue("mine");
  });

  test("unknown filter values are ignored with a notice, never an error page", async ({ page }) => {
    await signIn(page, OPERATOR);
    const response = await page.goto("/today?server=EXNOPE99&role=KING&cadence=HOURLY&state=sideways&scope=ours");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Today", level: 1 })).toBeVisible();
    const notice = page.getByRole("status").filter({ hasText: "was ignored" });
    for (const text of [
      'Unknown Exchange role "KING" was ignored.',
      'Unknown cadence "HOURLY" was ignored.',
      'Unknown state "sideways" was ignored.',
      'Unknown scope "ours" was ignored.',
      'No run on today\'s list is on server "EXNOPE99": the server filter was ignored.',
    ]) {
      await expect(notice.getByText(text, { exact: true })).toBeVisible();
    }
    // What could be used still applies: the default, the operator's runs.
    await expect(page.getByLabel("Assigned to", { exact: true })).toHaveValue("mine");
    await expect(page.getByLabel("Server", { exact: true })).toHaveValue("");
    await expect(page.getByTestId("run-row").first()).toBeAttached();
  });

  test("groups collapse and open again without a script", async ({ page }) => {
    await signIn(page, OPERATOR);
    await page.goto(FILTERED);
    const daily = todaySection(page, "Daily");
    const first = listedDailyRuns().find((r) => bucketOf(r) === "open")!;
    const row = rowOf(page, first.title);
    await expect(row).toBeVisible();
    await daily.locator("summary").first().click();
    await expect(row).toBeHidden();
    await expect(daily.getByRole("heading", { name: /^Daily \(\d+\)$/, level: 2 })).toBeVisible();
    await daily.locator("summary").first().click();
    await expect(row).toBeVisible();
  });

  test("on a phone the queue fits the width, and the whole list passes axe in both themes", async ({ page }) => {
    await signIn(page, OPERATOR);
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [FILTERED, "/today?assignee=all"]) {
      await page.goto(path);
      await expect(page.getByTestId("today-summary")).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/today?assignee=all");
    await expectAccessibleInBothThemes(page);
  });
});
