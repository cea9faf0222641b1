// Sunday 28 March 2027 in London: at 01:00 GMT the clocks go forward to 02:00 BST, so the day has
// 23 hours and every local time after the change is an hour nearer midnight UTC. The seeded daily
// runs are due at 10:00 local, which is 09:00 UTC that day; a schedule due at 01:30 names a time
// that does not exist that day and falls due at 02:30 BST. The portal starts at 00:20 GMT.
import { expect, test } from "@playwright/test";
import { ensureUser, MANAGER, openAs, OPERATOR, runRows, todayHeading, todaySection } from "../support";
import { expectBefore, moveClockTo } from "./clock";

const BACKUPS = "Check backups";
const NIGHT_CHECK = "Configure performance monitoring and alerts";

test.beforeAll(() => {
  ensureUser(OPERATOR, "OPERATOR");
  ensureUser(MANAGER, "MANAGER");
});

test.describe.serial("a daily run on the day the clocks go forward", () => {
  test("a manager schedules a check at 01:30, a time that day skips; the preview and the run say 02:30 BST", async ({ page }) => {
    await moveClockTo("2027-03-28T00:25:00Z");
    await openAs(page, MANAGER, "/admin/schedules");
    await page.getByText("New schedule").click();
    const form = page.getByRole("form", { name: "New schedule" });
    await form.getByLabel("Procedure").selectOption({ label: `A9 ${NIGHT_CHECK}` });
    await form.getByLabel("Recurs").selectOption("DAILY");
    await form.getByLabel(/^Due at/).fill("01:30");
    await form.getByLabel("Grace period").fill("30");
    const preview = page.getByRole("complementary", { name: "Next occurrences" }).first();
    await expect(preview.getByRole("listitem").first()).toContainText("Sunday, 28 March 2027");
    await expect(preview.getByRole("listitem").first()).toContainText("28 Mar 2027, 02:30 BST");
    await expect(preview.getByRole("listitem").nth(1)).toContainText("29 Mar 2027, 01:30 BST");
    await form.getByRole("button", { name: "Create schedule" }).click();
    await expect(form.getByText("Schedule created. Its runs appear from now on.")).toBeVisible();
  });

  test("before 10:00 BST the backup check is open, across the change of the clocks; the 01:30 check falls late at 02:30 BST", async ({ page }) => {
    await moveClockTo("2027-03-28T00:40:00Z");
    await openAs(page, OPERATOR, "/today?scope=all");
    expect(await todayHeading(page)).toBe("Sunday, 28 March 2027 · times in Europe/London");
    const daily = todaySection(page, "Daily");
    await expect(runRows(daily, BACKUPS)).toContainText("open, due at 10:00");
    await expect(runRows(daily, NIGHT_CHECK)).toContainText("open, due at 02:30");
    await expect(runRows(daily, NIGHT_CHECK).getByText("Open", { exact: true })).toBeVisible();

    // 02:29 BST, after the clocks went forward: still open.
    await moveClockTo("2027-03-28T01:29:00Z");
    await page.reload();
    await expect(runRows(todaySection(page, "Daily"), NIGHT_CHECK).getByText("Open", { exact: true })).toBeVisible();
    expectBefore("2027-03-28T01:30:00Z");
    // 02:30 BST is 01:30 UTC: late from then on, an hour earlier than 01:30 on an ordinary day.
    await moveClockTo("2027-03-28T01:30:05Z");
    await page.reload();
    await expect(runRows(todaySection(page, "Late and missed"), NIGHT_CHECK).getByText("Late", { exact: true })).toBeVisible();
    await expect(runRows(todaySection(page, "Daily"), BACKUPS).getByText("Open", { exact: true })).toBeVisible();
  });

  test("10:00 BST is 09:00 UTC: the backup check is late from then, not an hour later", async ({ page }) => {
    await moveClockTo("2027-03-28T08:59:00Z");
    await openAs(page, OPERATOR, "/today?scope=all");
    await expect(runRows(todaySection(page, "Daily"), BACKUPS).getByText("Open", { exact: true })).toBeVisible();
    expectBefore("2027-03-28T09:00:00Z");
    await moveClockTo("2027-03-28T09:00:05Z");
    await page.reload();
    const late = runRows(todaySection(page, "Late and missed"), BACKUPS);
    await expect(late.getByText("Late", { exact: true })).toBeVisible();
    await expect(late).toContainText("late, due at 10:00");
    await late.getByRole("link").click();
    await expect(page.getByText("28 Mar 2027, 10:00 BST").first()).toBeVisible();
  });
});
