// The organisation works in Auckland (UTC+13 in December): its Wednesday 9 December ends at 11:00
// UTC, and 23:59 and 00:00 local fall on the same UTC date. The portal starts at 23:45 local; the
// test checks the last minute of the local day and the first minute of the next, as Today, the run
// page and the audit log's day filter see them.
import { expect, test } from "@playwright/test";
import { completeOpenRun, ensureUser, MANAGER, openAs, OPERATOR, queryDb, runRows, todayHeading, todaySection } from "../support";
import { expectBefore, moveClockTo } from "./clock";

const LOCAL_MIDNIGHT = "2026-12-09T11:00:00Z";
const SERVICES = "Check Exchange services on EXCAS01";
const BACKUPS = "Check backups";

test.beforeAll(() => {
  ensureUser(OPERATOR, "OPERATOR");
  ensureUser(MANAGER, "MANAGER");
});

test.describe.serial("the first and last minute of the organisation's day", () => {
  test("at 23:59 local, Today is still Wednesday: its runs are missed and Thursday's are not listed yet", async ({ page }) => {
    await moveClockTo("2026-12-09T10:59:00Z");
    await openAs(page, OPERATOR, "/today?scope=all");
    expect(await todayHeading(page)).toBe("Wednesday, 9 December 2026 · times in Pacific/Auckland");
    // Wednesday's backup check fell due at 10:00 local and its grace ended at 14:00.
    const attention = todaySection(page, "Late and missed");
    await expect(runRows(attention, BACKUPS)).toHaveCount(1);
    await expect(runRows(attention, BACKUPS)).toContainText("missed, due at 10:00");
    await expect(runRows(attention, BACKUPS).getByText("Missed", { exact: true })).toBeVisible();
    // Thursday's daily runs exist already (generated ahead) but belong to tomorrow: the only backup
    // check listed is Wednesday's, and no daily run is still to do today.
    expect(queryDb(`SELECT r.id FROM "Run" r JOIN "Procedure" p ON p.id = r.procedureId WHERE p.seedCode = 'D2' AND r.localDate = '2026-12-10'`)).toHaveLength(1);
    await expect(page.getByTestId("run-row").filter({ has: page.getByRole("link", { name: BACKUPS, exact: true }) })).toHaveCount(1);
    await expect(todaySection(page, "Daily")).toHaveCount(0);

    // Wednesday's services check, finished in the day's last minute: late, but on Wednesday.
    await runRows(attention, SERVICES).getByRole("link").click();
    await completeOpenRun(page);
    expectBefore(LOCAL_MIDNIGHT);
  });

  test("at 00:00 local, Today is Thursday: its runs are open, and Wednesday's stay behind with their date", async ({ page }) => {
    await moveClockTo("2026-12-09T11:00:05Z");
    await openAs(page, OPERATOR, "/today?scope=all");
    expect(await todayHeading(page)).toBe("Thursday, 10 December 2026 · times in Pacific/Auckland");
    const daily = todaySection(page, "Daily");
    await expect(runRows(daily, BACKUPS)).toHaveCount(1);
    await expect(runRows(daily, BACKUPS)).toContainText("open, due at 10:00");
    await expect(runRows(daily, BACKUPS).getByText("Open", { exact: true })).toBeVisible();
    await expect(runRows(todaySection(page, "Late and missed"), BACKUPS)).toContainText("missed, due Wed 9 Dec");

    // Thursday's services check, opened and finished in the day's first minute.
    await runRows(daily, SERVICES).getByRole("link").click();
    await completeOpenRun(page);
    await page.reload();
    await expect(page.getByText("Completed", { exact: true }).first()).toBeVisible();
  });

  test("the audit log's day filter puts each result on its local day, though both have the same UTC date", async ({ page }) => {
    const operatorId = queryDb<{ id: string }>(`SELECT id FROM "User" WHERE email = ?`, OPERATOR.email)[0]!.id;
    const resultsOn = async (day: string) => {
      await openAs(page, MANAGER, `/audit?actor=${operatorId}&action=result.record&from=${day}&to=${day}`);
      return page.getByTestId("audit-row");
    };
    const wednesday = await resultsOn("2026-12-09");
    await expect(wednesday).toHaveCount(2); // the two items of Wednesday's check
    await expect(wednesday.first()).toContainText("9 Dec 2026, 23:59");
    const thursday = await resultsOn("2026-12-10");
    await expect(thursday).toHaveCount(2);
    await expect(thursday.first()).toContainText("10 Dec 2026, 00:0");
    // In UTC all four were recorded on 9 December.
    expect(queryDb(`SELECT seq FROM "AuditEvent" WHERE action = 'result.record' AND substr(at, 1, 10) = '2026-12-09'`)).toHaveLength(4);
  });
});
