// The run page for a whole shift: an operator works through a per-server run by keyboard alone
// (only that server's items, commands naming that server, "Next run" at the end), a required N/A
// without a reason is refused beside the note and with one counts as an exception (on the page and
// in history), the keys are listed in a dialog, and the page fits a phone and passes axe in both
// themes. The suite runs at 07:00 UTC on 9 December 2026: the seeded dailies (due 10:00) are this
// shift's runs (07:00-15:00).
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessibleInBothThemes } from "./a11y";
import { completeOpenRun, ensureUser, OPERATOR, queryDb, signIn } from "./support";

test.beforeAll(() => ensureUser(OPERATOR, "OPERATOR"));

/** Procedures other specs work through on this day's runs; this spec leaves their runs alone. */
const USED_ELSEWHERE = [
  "Check backups",
  "Examine message queues",
  "Perform physical environment checks",
  "Check directory service availability",
  "Check security logs",
  "Check message paths and mail flow",
];
/** Today's queue spec works on every run of this server. */
const SERVERS_USED_ELSEWHERE = ["EXMBX02"];

interface PickedRun {
  id: string;
  server: string;
  serverId: string;
  title: string;
}

/**
 * Today's untouched per-server runs for operators, of procedures with an item for Exchange roles
 * the server does not hold and a command naming {{server}}; fewest items first.
 */
function perServerRuns(): PickedRun[] {
  return queryDb<PickedRun>(
    `SELECT r.id, s.name AS server, s.id AS serverId, v.title
     FROM "Run" r JOIN "Server" s ON s.id = r.serverId JOIN "ProcedureVersion" v ON v.id = r.versionId
     WHERE r.localDate = '2026-12-09' AND r.completedAt IS NULL AND r.skippedAt IS NULL AND NOT r.suppressed
       AND r.assigneeRole = 'OPERATOR' AND r.assigneeUserId IS NULL
       AND v.title NOT IN (${USED_ELSEWHERE.map(() => "?").join(", ")}) AND s.name NOT IN (${SERVERS_USED_ELSEWHERE.map(() => "?").join(", ")})
       AND NOT EXISTS (SELECT 1 FROM "Result" x WHERE x.runId = r.id)
       AND EXISTS (SELECT 1 FROM "ChecklistItem" i WHERE i.versionId = r.versionId
                   AND EXISTS (SELECT 1 FROM "ChecklistItemRole" ir WHERE ir.itemId = i.id)
                   AND NOT EXISTS (SELECT 1 FROM "ChecklistItemRole" ir JOIN "ServerRole" sr ON sr.role = ir.role
                                   WHERE ir.itemId = i.id AND sr.serverId = r.serverId))
       AND EXISTS (SELECT 1 FROM "ProcedureTool" t WHERE t.versionId = r.versionId AND t.command LIKE '%{{server}}%')
     ORDER BY (SELECT count(*) FROM "ChecklistItem" i WHERE i.versionId = r.versionId), v.title, s.name`,
    ...USED_ELSEWHERE,
    ...SERVERS_USED_ELSEWHERE,
  );
}

/** How many of a run's items apply to its server (role-free, or for a role it holds). */
function applicableItems(runId: string): number {
  return queryDb<{ n: number }>(
    `SELECT count(*) AS n FROM "Run" r JOIN "ChecklistItem" i ON i.versionId = r.versionId
     WHERE r.id = ? AND (NOT EXISTS (SELECT 1 FROM "ChecklistItemRole" ir WHERE ir.itemId = i.id)
       OR EXISTS (SELECT 1 FROM "ChecklistItemRole" ir JOIN "ServerRole" sr ON sr.role = ir.role WHERE ir.itemId = i.id AND sr.serverId = r.serverId))`,
    runId,
  )[0]!.n;
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
}

/** Records the focused item by keyboard: a value item gets its value first (v, type, Esc), then p. */
async function passByKeyboard(page: Page, item: Locator) {
  const value = item.locator("[name=value]");
  if ((await value.count()) > 0) {
    await page.keyboard.press("v");
    await expect(value).toBeFocused();
    const tag = await value.evaluate((el) => el.tagName);
    if (tag === "SELECT") await page.keyboard.press("ArrowDown");
    else await page.keyboard.type((await value.getAttribute("inputmode")) === "decimal" ? "1" : "As expected");
    await page.keyboard.press("Escape");
    await expect(item).toBeFocused();
  }
  await page.keyboard.press("p");
  await expect(item).toHaveAttribute("data-done", "");
}

test.describe.serial("a run page for the shift", () => {
  test("an operator works through a per-server run by keyboard alone and ends on the next run", async ({ page }) => {
    const [run] = perServerRuns();
    expect(run, "a seeded per-server run with an item for another role and a command naming {{server}}").toBeDefined();
    const others = queryDb<{ name: string }>(`SELECT name FROM "Server" WHERE id <> ?`, run!.serverId).map((s) => s.name);

    await signIn(page, OPERATOR);
    await page.goto(`/runs/${run!.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${run!.title} — ${run!.server}`);

    // Only this server's items; the others are left out, and the page says why, once.
    const items = page.getByTestId("run-item");
    await expect(items).toHaveCount(applicableItems(run!.id));
    await expect(page.getByTestId("left-out").locator("summary")).toHaveText(new RegExp(`^\\d+ items? left out: (it applies|they apply) to .+ servers; ${run!.server} holds .+\\.$`));
    // Commands name this server and no other.
    const commands = page.getByRole("region", { name: "Tools and commands" });
    await expect(commands).toContainText(run!.server);
    for (const name of others) await expect(commands).not.toContainText(name);
    // Calm controls: nothing chosen, so no filled Pass or Fail button.
    await expect(page.locator("button.bg-red-700, button.bg-green-700")).toHaveCount(0);
    await expect(page.getByTestId("run-progress")).toContainText(/^.*0 of \d+ required/);

    // The keys, listed in a dialog that ? opens and Escape closes.
    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await expect(help).toContainText("Next item");
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();

    // j to the first item, then each item by keys alone; a save moves to the next open item.
    await page.keyboard.press("j");
    const count = await items.count();
    for (let i = 0; i < count; i++) {
      const item = items.nth(i);
      await expect(item).toBeFocused();
      await expect(item).toHaveAttribute("data-current", "");
      if (i === 1) {
        // k goes back, ↓ forward again.
        await page.keyboard.press("k");
        await expect(items.nth(0)).toBeFocused();
        await page.keyboard.press("ArrowDown");
        await expect(item).toBeFocused();
      }
      await passByKeyboard(page, item);
      // Done, it folds to one line saying what was recorded, with Change.
      await expect(item.getByRole("button", { name: "Change" })).toBeVisible();
      await expect(item.getByText(new RegExp(`^Recorded by ${OPERATOR.name} at \\d\\d:\\d\\d$`))).toBeVisible();
      await expect(item.locator("form")).toHaveCount(0);
    }
    // After the last required item: the run is complete and the focus is on the shift's next run.
    const banner = page.getByTestId("run-banner");
    await expect(banner).toContainText(/^Run complete/);
    const next = page.getByRole("link", { name: /^Next run: / });
    await expect(next).toBeFocused();
    await expect(page.getByTestId("run-progress")).toContainText(/(\d+) of \1 required/);
    await page.keyboard.press("Enter");
    await expect(page).not.toHaveURL(new RegExp(`/runs/${run!.id}$`));
    await expect(page).toHaveURL(/\/runs\/c[a-z0-9]+$/);
  });

  test("a required N/A without a reason is refused beside the note; with one it saves, and the run is completed with exceptions here and in history", async ({ page }) => {
    const run = perServerRuns()[0]!;
    await signIn(page, OPERATOR);
    await page.goto(`/runs/${run.id}`);
    const items = page.getByTestId("run-item");
    const item = items.filter({ hasNot: page.getByText("optional", { exact: true }) }).first();
    const value = item.locator("[name=value]");
    const typed = (await value.count()) > 0 && (await value.evaluate((el) => el.tagName)) === "INPUT" ? "42" : null;
    if (typed) await value.fill(typed);
    await item.getByLabel(/^Note/).fill("n/a");
    await item.getByRole("button", { name: "N/A", exact: true }).click();
    const note = item.getByLabel(/^Note/);
    const refusal = "This item is required: say in the note why it does not apply (at least 5 characters).";
    // Beside the note (and read out with it), announced, and the focus on the field.
    await expect(item.getByRole("form").getByText(refusal)).toBeVisible();
    await expect(note).toHaveAccessibleDescription(refusal);
    await expect(item.getByRole("status")).toHaveText(`Not saved: ${refusal}`);
    await expect(note).toBeFocused();
    await expect(note).toHaveAttribute("aria-invalid", "true");
    await expect(note).toHaveValue("n/a");
    if (typed) await expect(value).toHaveValue(typed);
    expect(queryDb(`SELECT id FROM "Result" WHERE runId = ?`, run.id)).toHaveLength(0);

    await note.fill("Not installed on this server");
    await item.getByRole("button", { name: "N/A", exact: true }).click();
    await expect(item).toHaveAttribute("data-done", "");
    await expect(item.getByText(/^N\/A/)).toBeVisible();
    await expect(item).toContainText("Not installed on this server");
    // The note stays in its box when the result is changed.
    await item.getByRole("button", { name: "Change" }).click();
    await expect(item.getByLabel(/^Note/)).toHaveValue("Not installed on this server");
    await expect(item.getByRole("button", { name: "N/A", exact: true })).toHaveClass(/bg-slate-200/);
    await item.getByRole("button", { name: "Cancel" }).click();

    await completeOpenRun(page);
    await page.reload();
    // (completeOpenRun records numbers as 0, which may fail an item with a minimum.)
    await expect(page.getByTestId("run-banner")).toContainText(/^Run complete, with exceptions: (\d+ failures? and )?1 required item marked N\/A/);
    await expect(page.getByTestId("run-progress")).toContainText("1 N/A exception");
    await expect(page.getByTestId("run-progress").getByText("Completed with exceptions")).toBeVisible();
    await expectAccessibleInBothThemes(page);

    await page.goto("/history?state=COMPLETED_WITH_EXCEPTIONS");
    const row = page.getByTestId("history-row").filter({ has: page.locator(`a[href="/runs/${run.id}"]`) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Completed with exceptions");
  });

  test("the run page fits a phone, with open and done items, and passes axe in both themes with the keys open", async ({ page }) => {
    const run = perServerRuns()[0]!;
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, OPERATOR);
    await page.goto(`/runs/${run.id}`);
    const first = page.getByTestId("run-item").first();
    await first.focus();
    await passByKeyboard(page, first);
    await noSidewaysScroll(page);
    // Counter paths wrap only after a backslash.
    for (const path of await page.locator(".path-text").all()) expect(await path.evaluate((el) => getComputedStyle(el).overflowWrap)).toBe("normal");
    await expectAccessibleInBothThemes(page);
    await page.keyboard.press("?");
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await noSidewaysScroll(page);
    await expectAccessibleInBothThemes(page);
    await page.keyboard.press("Escape");
  });
});
