// Placeholders end to end (decision 033): the printed checklist of a per-server run names that
// server in its commands (B1) and leaves out the items for roles the server does not hold (B9),
// only for those who may read the run; the reading view shows placeholders as chips; the editor
// lists them, refuses one that names nothing, and marks the change note a publish needs (B2); the
// server form refuses a value of the wrong kind beside its field.
import { expect, test } from "@playwright/test";
import { ADMIN, MANAGER, OPERATOR, VIEWER, ensureUser, expectAccessible, queryDb, signIn } from "./support";

test.beforeAll(() => {
  ensureUser(OPERATOR, "OPERATOR");
  ensureUser(MANAGER, "MANAGER");
  ensureUser(VIEWER, "VIEWER");
});

/** A run of "Examine message queues" (D5) for EXEDGE01 from its schedule; Today generates them first. */
function edgeQueueRun(): string {
  const rows = queryDb<{ id: string }>(
    `SELECT r.id FROM "Run" r JOIN "Procedure" p ON p.id = r.procedureId JOIN "Server" s ON s.id = r.serverId
     WHERE p.seedCode = 'D5' AND s.name = 'EXEDGE01' AND r.scheduleId IS NOT NULL ORDER BY r.dueAt LIMIT 1`,
  );
  expect(rows, "a D5 run for EXEDGE01").toHaveLength(1);
  return rows[0]!.id;
}

test.describe.serial("placeholders", () => {
  test("the printed checklist of the EXEDGE01 queue run names EXEDGE01 in its commands, never EXHUB01, and says which items it leaves out", async ({ page }) => {
    await signIn(page, OPERATOR);
    await page.goto("/today?scope=all");
    const runId = edgeQueueRun();
    const response = await page.goto(`/procedures/examine-message-queues/print?run=${runId}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Examine message queues — EXEDGE01" })).toBeVisible();
    await expect(page.getByTestId("sheet-server")).toHaveText("EXEDGE01");

    const commands = page.getByTestId("printed-command");
    await expect(commands.filter({ hasText: /^Get-Queue -Server EXEDGE01 \| Sort-Object MessageCount/ })).toHaveCount(1);
    await expect(commands.filter({ hasText: "Get-Message -Queue EXEDGE01\\Poison" })).toHaveCount(1);
    await expect(commands.filter({ hasText: "Retry-Queue -Identity EXEDGE01\\<QueueId>" })).toHaveCount(1);
    await expect(page.locator("main")).not.toContainText("EXHUB01");
    await expect(page.locator("main")).not.toContainText("{{");

    // The mailbox delivery queue is a Hub Transport item: left out on an Edge Transport server, and said so.
    const leftOut = page.getByTestId("left-out");
    await expect(leftOut).toContainText("EXEDGE01 does not hold");
    await expect(leftOut).toContainText("Active Mailbox Delivery Queue Length — Hub Transport servers only");
    await expect(page.getByRole("table").filter({ hasText: "Measured value" })).not.toContainText("Active Mailbox Delivery Queue Length");
    await expectAccessible(page);

    // Back to the run it was printed from.
    await expect(page.getByRole("link", { name: "Back to the run" })).toHaveAttribute("href", `/runs/${runId}`);

    // The run under another procedure's address, or a run that does not exist: nothing there.
    expect((await page.goto(`/procedures/check-backups/print?run=${runId}`))?.status()).toBe(404);
    expect((await page.goto("/procedures/examine-message-queues/print?run=no-such-run"))?.status()).toBe(404);
  });

  test("a viewer reads the paper checklist but not a run's (404), which the operator above could", async ({ page }) => {
    const runId = edgeQueueRun();
    await signIn(page, VIEWER);
    expect((await page.goto(`/procedures/examine-message-queues/print?run=${runId}`))?.status()).toBe(404);
    expect((await page.goto("/procedures/examine-message-queues/print"))?.status()).toBe(200);
    // Without a run the sheet names no server: placeholders are shown to fill in.
    await expect(page.getByTestId("printed-command").filter({ hasText: /^Get-Queue -Server ‹server› \|/ })).toHaveCount(1);
  });

  test("the reading view shows each placeholder as a chip and copies it in the fill-in form", async ({ page }) => {
    await signIn(page, VIEWER);
    await page.goto("/procedures/examine-message-queues");
    await expect(page.getByRole("button", { name: /^Copy command: Get-Queue -Server <server> \| Sort-Object/ })).toBeVisible();
    await expect(page.getByTestId("command-text").filter({ hasText: /^Get-Queue -Server ‹server› \|/ })).toHaveCount(1);
    await expect(page.getByText("Hub Transport servers only")).toBeVisible();
    await expectAccessible(page);
  });

  test("the editor lists the placeholders, refuses {{nope}} beside the command with the valid ones, and marks the change note a publish needs", async ({ page }) => {
    await signIn(page, MANAGER);
    await page.goto("/procedures/examine-message-queues/edit");
    await expect(page.getByRole("heading", { name: "Edit: Examine message queues", level: 1 })).toBeVisible();

    const reference = page.getByTestId("placeholder-reference");
    await reference.getByText(/placeholders you can use$/).click();
    for (const name of ["{{server}}", "{{storageGroup}}", "{{var:queueDrive}}", "{{org:domainController}}"]) await expect(reference.getByText(name, { exact: true })).toBeVisible();

    // The mailbox delivery queue item is limited to Hub Transport servers.
    const mailboxQueue = page.getByRole("listitem", { name: /Active Mailbox Delivery Queue Length/ });
    const roles = mailboxQueue.getByRole("group", { name: "Only for servers with these Exchange roles" });
    await expect(roles.getByLabel("Hub Transport")).toBeChecked();
    await expect(roles.getByLabel("Edge Transport")).not.toBeChecked();

    const tool = page.getByTestId("editor-tool").filter({ has: page.getByLabel("Command") }).nth(1);
    const command = tool.getByLabel("Command");
    await expect(command).toHaveValue(/^Get-Queue -Server \{\{server\}\} \|/);
    await command.fill("Get-Queue -Server {{nope}}");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("A placeholder names nothing Opsbook knows; see the marked field.")).toBeVisible();
    await expect(tool.getByText(/^\{\{nope\}\} is not a placeholder Opsbook knows\. Valid placeholders: \{\{server\}\}, \{\{fqdn\}\}, \{\{site\}\}, \{\{storageGroup\}\}, .*\{\{var:queueDrive\}\}/)).toBeVisible();
    await expect(command).toHaveAttribute("aria-invalid", "true");
    await expect(command).toHaveValue("Get-Queue -Server {{nope}}");
    expect(queryDb(`SELECT d.id FROM "ProcedureDraft" d JOIN "Procedure" p ON p.id = d.procedureId WHERE p.seedCode = 'D5'`)).toHaveLength(0);

    await command.fill("Get-Queue -Server {{server}} | Format-List Identity,MessageCount");
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("Draft saved (revision 1)")).toBeVisible();

    // B2: publishing without a change note marks the field, and keeps what was typed.
    const note = page.getByLabel("Change note");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(note).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("#changeNote-error")).toHaveText("Write a change note of at least 5 characters: what changed and why.");
    await note.fill("abc");
    await page.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(page.locator("#changeNote-error")).toHaveText("Write a change note of at least 5 characters: what changed and why.");
    await expect(note).toHaveValue("abc");
    await expectAccessible(page);

    // Nothing was published: discard the draft, and the library is as it was.
    page.on("dialog", (dialog) => dialog.accept());
    await page.getByRole("button", { name: "Discard draft" }).click();
    await expect(page.getByText(/Your first save opens a draft/)).toBeVisible();
    expect(queryDb<{ n: number }>(`SELECT count(*) AS n FROM "ProcedureVersion" v JOIN "Procedure" p ON p.id = v.procedureId WHERE p.seedCode = 'D5'`)[0]!.n).toBe(1);
  });

  test("the server form refuses a value of the wrong kind beside its field and saves nothing", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto("/admin/servers");
    await expect(page.getByRole("heading", { name: "Placeholder variables", level: 2 })).toBeVisible();
    await page.getByRole("row").filter({ hasText: "EXEDGE01" }).getByText("Edit", { exact: true }).click();
    const form = page.getByRole("form", { name: "Edit EXEDGE01" });
    const queueDrive = form.getByLabel("{{var:queueDrive}}", { exact: true });
    await expect(queueDrive).toHaveValue("D:");
    await queueDrive.fill("D:\\Queue'; Stop-Computer");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByText("Enter a drive letter with its colon, such as E:.")).toBeVisible();
    await expect(queueDrive).toHaveAttribute("aria-invalid", "true");
    await expect(queueDrive).toHaveValue("D:\\Queue'; Stop-Computer");
    const stored = queryDb<{ value: string }>(`SELECT v.value FROM "ServerVariable" v JOIN "Server" s ON s.id = v.serverId WHERE s.name = 'EXEDGE01' AND v.name = 'queueDrive'`);
    expect(stored).toEqual([{ value: "D:" }]);
    await expectAccessible(page);
  });
});
