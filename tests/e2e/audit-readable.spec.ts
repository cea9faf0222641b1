import { expect, test } from "@playwright/test";
import { ADMIN, expectAccessible, queryDb, signIn } from "./support";

// The audit log as people read it: names rather than ids and e-mails, actions in words, a change
// as the fields it touched, and a people-only view that leaves run generation out while the
// default view keeps it. The user this spec changes is its own, so no other spec sees the change.
const AUDITED = { name: "Aurelia Auditee", email: "audit-readable@opsbook.test", password: "Lantern-Quarry-31-meadow" };

/** "2026-12-09" as the portal writes a calendar date: "9 Dec 2026". */
function dayText(localDate: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${localDate}T12:00:00Z`));
}

test.describe.serial("a readable audit log", () => {
  test("an admin reads who changed a role, in words, with the fields that changed; the raw event is one click away", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto("/admin/users");
    const form = page.getByRole("form", { name: "Add a user" });
    await form.getByLabel("Name").fill(AUDITED.name);
    await form.getByLabel("E-mail").fill(AUDITED.email);
    await form.getByLabel("Role").selectOption({ label: "Viewer (new hire)" });
    await form.getByLabel("Initial password").fill(AUDITED.password);
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByRole("status")).toContainText(`${AUDITED.name} (${AUDITED.email}) can now sign in`);
    const user = page.getByTestId(`user-${AUDITED.email}`);
    await user.getByLabel(`Role of ${AUDITED.name}`).selectOption({ label: "Operator" });
    await user.getByRole("button", { name: "Change role" }).click();
    await expect(user.getByRole("status")).toContainText(`${AUDITED.name} is now operator.`);

    // The action filter offers labels; the value sent is still the code.
    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
    await page.getByLabel("Action", { exact: true }).selectOption({ label: "Changed a role" });
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/[?&]action=user\.change_role(&|$)/);

    const row = page.getByTestId("audit-row").filter({ hasText: AUDITED.name }).first();
    await expect(row.getByTestId("audit-actor")).toHaveText(ADMIN.name);
    await expect(row).not.toContainText(ADMIN.email);
    await expect(row.getByRole("cell", { name: "changed a role", exact: true })).toBeVisible();
    // The code itself is only in Raw, closed.
    await expect(row.getByText("user.change_role")).toBeHidden();

    // Before → after: only the role, in the words the users page uses.
    const changed = row.getByTestId("audit-fields").first();
    await expect(changed.getByRole("columnheader")).toHaveText(["Field", "Before", "After"]);
    await expect(changed.getByRole("row")).toHaveCount(2);
    await expect(changed.getByRole("rowheader", { name: "Role" })).toBeVisible();
    await expect(changed.getByRole("cell", { name: "Viewer (new hire)" })).toBeVisible();
    await expect(changed.getByRole("cell", { name: "Operator", exact: true })).toBeVisible();

    // The unchanged fields, and the request and stored JSON, on request.
    await expect(row.getByRole("rowheader", { name: "E-mail" })).toBeHidden();
    await row.locator("summary", { hasText: /^Show all fields/ }).click();
    await expect(row.getByRole("rowheader", { name: "E-mail" })).toBeVisible();
    await expect(row.getByRole("cell", { name: AUDITED.email })).toHaveCount(2);
    await expect(row.getByText(/HeadlessChrome|Mozilla\/5\.0/)).toBeHidden();
    await row.locator("summary", { hasText: /^Raw$/ }).click();
    await expect(row.getByText(/HeadlessChrome|Mozilla\/5\.0/)).toBeVisible();
    await expect(row.getByText("user.change_role")).toBeVisible();
    await expect(row.locator("pre").last()).toContainText('"role": "OPERATOR"');
    await expectAccessible(page);
  });

  test("a generated run is named by its procedure, server and day, and links to the run", async ({ page }) => {
    await signIn(page, ADMIN);
    const run = queryDb<{ id: string; localDate: string }>(
      `SELECT r.id, r.localDate FROM "Run" r JOIN "Procedure" p ON p.id = r.procedureId JOIN "Server" s ON s.id = r.serverId
       WHERE p.seedCode = 'D5' AND s.name = 'EXHUB01' ORDER BY r.localDate LIMIT 1`,
    )[0]!;
    await page.goto(`/audit?action=run.generate&entityType=Run&entityId=${run.id}`);
    const row = page.getByTestId("audit-row");
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("audit-actor")).toHaveText(/^System\s*run generation$/);
    await expect(row).toContainText("generated a run");
    const link = row.getByRole("link", { name: `Examine message queues — EXHUB01 · ${dayText(run.localDate)}`, exact: true });
    await expect(link).toHaveAttribute("href", `/runs/${run.id}`);
    // The schedule and server inside the event are named too, not left as ids.
    const fields = row.getByTestId("audit-fields").first();
    await expect(fields.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Schedule" }) })).toContainText("Examine message queues");
    await expect(fields.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Server" }) })).toContainText("EXHUB01");
    await expectAccessible(page);

    await link.click();
    await expect(page).toHaveURL(new RegExp(`/runs/${run.id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Examine message queues");
  });

  test("people only leaves run generation out; the default view, everything, shows it", async ({ page }) => {
    await signIn(page, ADMIN);
    // The default view: no parameter means everything, run generation included.
    await page.goto("/audit?action=run.generate");
    const which = page.getByRole("navigation", { name: "Which events" });
    await expect(which.getByRole("link", { name: "Everything" })).toHaveAttribute("aria-current", "page");
    const rows = page.getByTestId("audit-row");
    await expect(rows.first()).toContainText("generated a run");
    expect(await rows.count()).toBeGreaterThan(1);

    // One click to people only, keeping the other filters: no run generation is left.
    await which.getByRole("link", { name: "People only" }).click();
    await expect(page).toHaveURL(/[?&]who=people(&|$)/);
    await expect(page).toHaveURL(/[?&]action=run\.generate(&|$)/);
    await expect(which.getByRole("link", { name: "People only" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("audit-row")).toHaveCount(0);
    await expect(page.getByText("No events match.")).toBeVisible();

    // Unfiltered: the newest run generation shows in the default view at its place in the log...
    const newest = queryDb<{ seq: number }>(`SELECT max(seq) AS seq FROM "AuditEvent" WHERE action = 'run.generate'`)[0]!.seq;
    await page.goto(`/audit?before=${newest + 1}`);
    await expect(rows.first()).toContainText(`#${newest}`);
    await expect(rows.first()).toContainText("generated a run");
    // ...and people only, from there, lists people's events alone: the admin's among them.
    await which.getByRole("link", { name: "People only" }).click();
    await expect(page).toHaveURL(/\/audit\?who=people$/);
    await expect(rows.first()).toBeVisible();
    await expect(rows.filter({ hasText: "generated a run" })).toHaveCount(0);
    expect((await page.getByTestId("audit-actor").allInnerTexts()).filter((who) => who.startsWith("System"))).toEqual([]);
    await expect(page.getByTestId("audit-actor").filter({ hasText: ADMIN.name }).first()).toBeVisible();
    await expectAccessible(page);

    // Back to everything with one click.
    await which.getByRole("link", { name: "Everything" }).click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(which.getByRole("link", { name: "Everything" })).toHaveAttribute("aria-current", "page");
  });
});
