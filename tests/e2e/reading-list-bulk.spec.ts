import { expect, test } from "@playwright/test";
import { MANAGER, VIEWER, callServerAction, ensureUser, expectAccessible, queryDb, serverActionId, signIn } from "./support";

// Works on the managers' reading list, which no other flow reads, so the viewers' and operators'
// lists (tests/e2e/training.spec.ts) stay as they were.

test.beforeAll(() => {
  ensureUser(MANAGER, "MANAGER");
  ensureUser(VIEWER, "VIEWER");
});

const managerEntries = () => queryDb<{ procedureId: string; mode: string }>(`SELECT procedureId, mode FROM "ReadingListEntry" WHERE role = 'MANAGER'`);

test.describe.serial("adding to a reading list in bulk", () => {
  test("a manager picks every as-needed procedure and one weekly one, and adds them in one go", async ({ page }) => {
    await signIn(page, MANAGER);
    await page.goto("/training/matrix?view=lists&role=MANAGER");
    const heading = page.getByRole("heading", { name: /^The managers' reading list \(\d+ procedures?\)$/ });
    await expect(heading).toBeVisible();
    const before = Number(/\((\d+) procedure/.exec(await heading.innerText())![1]);
    const entriesBefore = managerEntries().length;
    await expectAccessible(page);

    const bulk = page.getByRole("form", { name: "Add several procedures to the managers' reading list" });
    const submit = bulk.getByRole("button", { name: /^Add( \d+)? selected$/ });
    await expect(submit).toBeDisabled();

    await bulk.getByRole("button", { name: "Select all as needed" }).click();
    const asNeeded = page.locator('[data-testid="reading-list-row"][data-cadence="AS_NEEDED"]').getByRole("checkbox");
    const picked = await asNeeded.count();
    expect(picked).toBeGreaterThanOrEqual(9);
    for (let i = 0; i < picked; i++) await expect(asNeeded.nth(i)).toBeChecked();
    await page.getByRole("checkbox", { name: "Select Archive event logs" }).check();
    await expect(submit).toHaveText(`Add ${picked + 1} selected`);

    await submit.click();
    await expect(bulk.getByRole("status")).toHaveText(new RegExp(`^${picked + 1} procedures added to the managers' reading list: .+\\.$`));
    await expect(page.getByRole("heading", { name: `The managers' reading list (${before + picked + 1} procedures)` })).toBeVisible();
    // Added rows now offer Remove and no checkbox; the selection is empty again.
    await expect(page.getByRole("button", { name: "Remove Archive event logs from the managers' reading list" })).toBeVisible();
    await expect(page.getByRole("checkbox", { name: "Select Archive event logs" })).toHaveCount(0);
    await expect(submit).toBeDisabled();

    expect(managerEntries().length).toBe(entriesBefore + picked + 1);
    expect(managerEntries().every((e) => e.mode === "INCLUDE")).toBe(true);
    const events = queryDb<{ action: string; entityId: string; after: string }>(
      `SELECT e.action, e.entityId, e.after FROM "AuditEvent" e JOIN "User" u ON u.id = e.actorId WHERE u.email = ? AND e.action LIKE 'training.reading_list%' ORDER BY e.seq DESC LIMIT 1`,
      MANAGER.email,
    );
    expect(events[0]).toMatchObject({ action: "training.reading_list_add_many", entityId: "MANAGER" });
    expect((JSON.parse(events[0]!.after) as { added: unknown[] }).added).toHaveLength(picked + 1);
  });

  test("a viewer is refused the bulk action and writes nothing; an unknown procedure refuses the whole request", async ({ page, browser, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const addMany = serverActionId("lib/training/actions.ts", "addManyToReadingListAction");
    const weekly = queryDb<{ id: string }>(`SELECT id FROM "Procedure" WHERE seedCode = 'W2'`)[0]!.id;
    const count = () => managerEntries().length;
    const start = count();

    await signIn(page, VIEWER);
    const denied = await callServerAction(page.request, origin, addMany, { role: "MANAGER", procedureIds: weekly });
    expect(await denied.text()).toContain("You do not have permission to do that.");
    expect(count()).toBe(start);

    const context = await browser.newContext();
    const manager = await context.newPage();
    await signIn(manager, MANAGER);
    const refused = await callServerAction(manager.request, origin, addMany, { role: "MANAGER", procedureIds: "no-such-procedure" });
    expect(await refused.text()).toContain("Nothing was added");
    expect(count()).toBe(start);
    const allowed = await callServerAction(manager.request, origin, addMany, { role: "MANAGER", procedureIds: weekly });
    expect(await allowed.text()).toContain("1 procedure added to the managers' reading list: Check for security updates.");
    expect(count()).toBe(start + 1);
    await context.close();
  });
});
