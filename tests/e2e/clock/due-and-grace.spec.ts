// The seeded daily runs fall due at 10:00 UTC and are missed when their 240-minute grace ends at
// 14:00. The portal starts at 09:50 on Wednesday 9 December 2026; the test moves the clock across
// both boundaries and checks what Today, the run page and History say on each side.
import { expect, test } from "@playwright/test";
import { completeOpenRun, ensureUser, expectAccessible, openAs, OPERATOR, queryDb, runRows, todayHeading, todaySection } from "../support";
import { expectBefore, moveClockTo } from "./clock";

const DUE = "2026-12-09T10:00:00Z";
const GRACE_END = "2026-12-09T14:00:00Z";
const BACKUPS = "Check backups";

test.beforeAll(() => {
  ensureUser(OPERATOR, "OPERATOR");
});

test.describe.serial("a daily run across its due time and the end of its grace period", () => {
  test("before 10:00 the morning's runs are open, and a run completed now is on time", async ({ page }) => {
    await moveClockTo("2026-12-09T09:58:00Z");
    await openAs(page, OPERATOR, "/today?scope=all");
    expect(await todayHeading(page)).toBe("Wednesday, 9 December 2026 · times in UTC");
    const daily = todaySection(page, "Daily");
    await expect(runRows(daily, BACKUPS)).toHaveCount(1);
    await expect(runRows(daily, BACKUPS)).toContainText("open, due at 10:00");
    await expect(runRows(daily, BACKUPS).getByText("Open", { exact: true })).toBeVisible();
    await expect(todaySection(page, "Late and missed")).toHaveCount(0);
    await expectAccessible(page);

    await runRows(daily, "Check Exchange services on EXCAS01").getByRole("link").click();
    await completeOpenRun(page);
    expectBefore(DUE);
    await page.reload();
    await expect(page.getByText("Completed", { exact: true }).first()).toBeVisible();
  });

  test("after 10:00 the same runs are late, listed with their date, and a run completed now is completed late", async ({ page }) => {
    await moveClockTo("2026-12-09T10:00:05Z");
    await openAs(page, OPERATOR, "/today?scope=all");
    const attention = todaySection(page, "Late and missed");
    await expect(runRows(attention, BACKUPS)).toHaveCount(1);
    await expect(runRows(attention, BACKUPS)).toContainText("late, due at 10:00");
    await expect(runRows(attention, BACKUPS).getByText("Late", { exact: true })).toBeVisible();
    await expect(runRows(todaySection(page, "Daily"), BACKUPS)).toHaveCount(0);
    // The run finished before 10:00 stays on time, folded away with the day's done runs.
    await todaySection(page, "Daily").getByText(/^\d+ done$/).click();
    await expect(runRows(todaySection(page, "Daily"), "Check Exchange services on EXCAS01").getByText("Completed", { exact: true })).toBeVisible();

    await runRows(attention, "Check Exchange services on EXMBX01").getByRole("link").click();
    await completeOpenRun(page);
    await page.reload();
    await expect(page.getByText("Completed late", { exact: true }).first()).toBeVisible();
  });

  test("a minute before the grace ends the run is still late; after it, missed, and History agrees", async ({ page }) => {
    await moveClockTo("2026-12-09T13:59:00Z");
    // Four hours passed: the idle limit ended the session, so openAs signs in again.
    await openAs(page, OPERATOR, "/today?scope=all");
    await expect(runRows(todaySection(page, "Late and missed"), BACKUPS).getByText("Late", { exact: true })).toBeVisible();
    expectBefore(GRACE_END);

    await moveClockTo("2026-12-09T14:00:05Z");
    await page.reload();
    await expect(runRows(todaySection(page, "Late and missed"), BACKUPS).getByText("Missed", { exact: true })).toBeVisible();

    // History, filtered by procedure and state: the missed backup check, the run finished on time
    // and the one finished late.
    const procedureId = (code: string) => queryDb<{ id: string }>(`SELECT id FROM "Procedure" WHERE seedCode = ?`, code)[0]!.id;
    const history = async (code: string, state: string) => {
      await openAs(page, OPERATOR, `/history?from=2026-12-09&to=2026-12-09&procedure=${procedureId(code)}&state=${state}`);
      return page.getByTestId("history-row");
    };
    await expect(await history("D2", "MISSED")).toHaveCount(1);
    await expect(page.getByTestId("history-row")).toContainText(BACKUPS);
    await expect(await history("D13", "COMPLETED")).toHaveCount(1);
    await expect(page.getByTestId("history-row")).toContainText("EXCAS01");
    await expect(await history("D13", "COMPLETED_LATE")).toHaveCount(1);
    await expect(page.getByTestId("history-row")).toContainText("EXMBX01");
    await expectAccessible(page);
  });
});
