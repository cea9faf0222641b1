import { expect, test, type Download, type Page } from "@playwright/test";
import { MANAGER, OPERATOR, VIEWER, callServerAction, ensureUser, expectAccessible, queryDb, serverActionId, signIn } from "./support";

const PROCEDURE = { slug: "check-security-logs", title: "Check security logs" };
const MATRIX_HEADER = "user,email,role,procedure_code,procedure,current_version,on_reading_list,reason,status,acknowledged_version,acknowledged_at_utc";

async function text(download: Download): Promise<string> {
  const chunks = await (await download.createReadStream()).toArray();
  return Buffer.concat(chunks).toString("utf8");
}

/** "3 of 29" from the progress line of /training. */
async function progress(page: Page): Promise<{ current: number; total: number }> {
  const line = await page.getByTestId("training-progress").innerText();
  const match = /(\d+) of (\d+)/.exec(line)!;
  return { current: Number(match[1]), total: Number(match[2]) };
}

function currentVersion(slug: string): number {
  return queryDb<{ number: number }>(`SELECT v.number FROM "Procedure" p JOIN "ProcedureVersion" v ON v.id = p.currentVersionId WHERE p.slug = ?`, slug)[0]!.number;
}

test.beforeAll(() => {
  ensureUser(OPERATOR, "OPERATOR");
  ensureUser(VIEWER, "VIEWER");
  ensureUser(MANAGER, "MANAGER");
});

test.describe.serial("training", () => {
  test("an operator sees their reading list and progress, marks a procedure read and understood, and the progress moves", async ({ page }) => {
    await signIn(page, OPERATOR);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Training" }).click();
    await expect(page.getByRole("heading", { name: "Training", level: 1 })).toBeVisible();
    const before = await progress(page);
    expect(before.total).toBeGreaterThanOrEqual(29);
    const toRead = page.getByRole("region", { name: /^To read/ });
    await expect(toRead.getByRole("row", { name: new RegExp(PROCEDURE.title) })).toContainText("Scheduled for operators");
    await expect(toRead.getByRole("row", { name: new RegExp(PROCEDURE.title) })).toContainText("Not read yet");
    // Managers' work is not on an operator's list; the matrix is not offered.
    await expect(page.getByRole("link", { name: "Review SLA performance figures" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Training matrix" })).toHaveCount(0);
    await expectAccessible(page);

    await toRead.getByRole("link", { name: PROCEDURE.title }).click();
    await expect(page.getByRole("heading", { name: PROCEDURE.title, level: 1 })).toBeVisible();
    const panel = page.getByRole("region", { name: "Read and understood" });
    const number = currentVersion(PROCEDURE.slug);
    await expect(panel).toContainText(`confirm that you have read and understood version ${number}`);
    await expect(panel).toContainText("It is on your reading list.");
    await expectAccessible(page);
    await panel.getByRole("button", { name: "Read and understood" }).click();
    await expect(panel.getByText(`You read and understood version ${number} on`)).toBeVisible();
    await expect(panel.getByRole("button", { name: "Read and understood" })).toHaveCount(0);

    await page.goto("/training");
    expect(await progress(page)).toEqual({ current: before.current + 1, total: before.total });
    const done = page.getByRole("region", { name: /^Read and understood/ });
    await expect(done.getByRole("row", { name: new RegExp(PROCEDURE.title) })).toContainText("Read and understood");
  });

  test("after a manager publishes a new version, the operator is asked again with what changed, acknowledges it, and the matrix and its CSV show it", async ({ page, browser }) => {
    const old = currentVersion(PROCEDURE.slug);
    const manager = await (await browser.newContext()).newPage();
    await signIn(manager, MANAGER);
    await manager.goto(`/procedures/${PROCEDURE.slug}/edit`);
    await manager.getByLabel("Purpose").fill("Find failed sign-ins, privilege use and audit policy changes on every Exchange server, before they become incidents.");
    await manager.getByRole("button", { name: "Save draft" }).click();
    await expect(manager.getByText(/^Draft saved/)).toBeVisible();
    await manager.getByLabel("Change note").fill("Purpose now names privilege use and audit policy changes.");
    await manager.getByRole("button", { name: "Publish" }).click();
    await expect(manager.getByRole("heading", { name: `Versions of ${PROCEDURE.title}` })).toBeVisible();
    const next = currentVersion(PROCEDURE.slug);
    expect(next).toBe(old + 1);

    await signIn(page, OPERATOR);
    await page.goto("/training");
    const row = page.getByRole("region", { name: /^To read/ }).getByRole("row", { name: new RegExp(PROCEDURE.title) });
    await expect(row).toContainText(`Version ${next} changed since you acknowledged version ${old}.`);
    await row.getByRole("link", { name: PROCEDURE.title }).click();
    const panel = page.getByRole("region", { name: "Read and understood" });
    await expect(panel).toContainText(`Version ${next} changed since you acknowledged version ${old}`);
    await expect(panel).toContainText("Purpose now names privilege use and audit policy changes.");
    await expect(panel.getByRole("link", { name: `Compare version ${old} with version ${next}` })).toHaveAttribute("href", `/procedures/${PROCEDURE.slug}/versions?compare=${old}..${next}`);
    await expectAccessible(page);
    await panel.getByRole("button", { name: "Read and understood" }).click();
    await expect(panel.getByText(`You read and understood version ${next} on`)).toBeVisible();

    await manager.goto("/training");
    await manager.getByRole("link", { name: "Training matrix" }).click();
    await expect(manager.getByRole("heading", { name: "Training matrix", level: 1 })).toBeVisible();
    const cell = manager.locator(`td[data-user="${OPERATOR.email}"][data-procedure="${PROCEDURE.slug}"]`);
    await expect(cell).toContainText("Current");
    await expect(cell).toContainText(`v${next}`);
    await expect(manager.locator(`td[data-user="${OPERATOR.email}"][data-procedure="check-backups"]`)).toContainText("Missing");
    await expectAccessible(manager);

    const download = manager.waitForEvent("download");
    await manager.getByRole("link", { name: "Export CSV" }).click();
    const lines = (await text(await download)).trim().split("\r\n");
    expect(lines[0]).toBe(MATRIX_HEADER);
    const mine = lines.find((l) => l.startsWith(`${OPERATOR.name},${OPERATOR.email},OPERATOR,`) && l.includes(`,${PROCEDURE.title},`))!.split(",");
    expect(mine.slice(5, 10)).toEqual([String(next), "yes", "ROLE", "CURRENT", String(next)]);
    await manager.context().close();
  });

  test("a manager adds a procedure to the viewers' reading list and the viewer finds it on theirs", async ({ page, browser }) => {
    const manager = await (await browser.newContext()).newPage();
    await signIn(manager, MANAGER);
    await manager.goto("/training/matrix");
    await manager.getByRole("link", { name: "Reading lists" }).click();
    await manager.getByRole("navigation", { name: "Roles" }).getByRole("link", { name: "Viewer (new hire)" }).click();
    // Setup gave new hires every daily procedure, the recovery ones (A3, A7, A8) and the MOF reading page (A11).
    const heading = manager.getByRole("heading", { name: /^The viewers' reading list \(\d+ procedures\)$/ });
    const seeded = Number(/\((\d+) procedures/.exec(await heading.innerText())![1]);
    expect(seeded).toBeGreaterThanOrEqual(19);
    await expect(manager.getByRole("button", { name: "Remove Recover a mailbox from the viewers' reading list" })).toBeVisible();
    await expectAccessible(manager);
    await manager.getByRole("button", { name: "Add Create public folders to the viewers' reading list" }).click();
    await expect(manager.getByRole("heading", { name: `The viewers' reading list (${seeded + 1} procedures)` })).toBeVisible();
    await expect(manager.getByRole("button", { name: "Remove Create public folders from the viewers' reading list" })).toBeVisible();
    await manager.context().close();

    await signIn(page, VIEWER);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Training" }).click();
    expect((await progress(page)).total).toBe(seeded + 1);
    await expect(page.getByRole("region", { name: /^To read/ }).getByRole("row", { name: /Create public folders/ })).toContainText("Added to the viewers' list");
    await expectAccessible(page);
  });

  test("viewers and operators are refused the matrix, its export and the list actions; a manager is allowed", async ({ page, browser, baseURL }) => {
    const folders = queryDb<{ id: string }>(`SELECT id FROM "Procedure" WHERE slug = 'create-public-folders'`)[0]!;
    const remove = serverActionId("lib/training/actions.ts", "removeFromReadingListAction");
    const entries = () => queryDb<{ n: number }>(`SELECT count(*) AS n FROM "ReadingListEntry" WHERE role = 'VIEWER'`)[0]!.n;
    const start = entries();

    for (const user of [VIEWER, OPERATOR]) {
      const context = await browser.newContext();
      const other = await context.newPage();
      await signIn(other, user);
      expect((await other.goto("/training/matrix"))?.status()).toBe(404);
      expect((await other.goto("/training/matrix?view=lists&role=VIEWER"))?.status()).toBe(404);
      expect((await other.request.get("/api/training/matrix")).status()).toBe(404);
      const refused = await callServerAction(other.request, baseURL!, remove, { role: "VIEWER", procedureId: folders.id });
      expect(await refused.text()).toContain("You do not have permission to do that.");
      expect(entries()).toBe(start);
      await context.close();
    }

    await signIn(page, MANAGER);
    expect((await page.goto("/training/matrix"))?.status()).toBe(200);
    const csv = await page.request.get("/api/training/matrix?role=VIEWER");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).split("\r\n");
    expect(lines[0]).toBe(MATRIX_HEADER);
    expect(lines.some((l) => l.startsWith(`${VIEWER.name},${VIEWER.email},VIEWER,A2,Create public folders,`))).toBe(true);
    expect((await page.request.get("/api/training/matrix?role=ROOT")).status()).toBe(400);
    const allowed = await callServerAction(page.request, baseURL!, remove, { role: "VIEWER", procedureId: folders.id });
    expect(await allowed.text()).toContain("Create public folders removed from the viewers' reading list.");
    expect(entries()).toBe(start - 1);
  });
});
