import { expect, test, type Download } from "@playwright/test";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { MANAGER, VIEWER, callServerAction, ensureUser, expectAccessible, queryDb, serverActionId, signIn } from "./support";

async function bytes(download: Download): Promise<Uint8Array> {
  const chunks = await (await download.createReadStream()).toArray();
  return new Uint8Array(Buffer.concat(chunks));
}

function counts() {
  const [row] = queryDb<{ procedures: number; versions: number; drafts: number; audit: number }>(
    `SELECT (SELECT count(*) FROM "Procedure") AS procedures, (SELECT count(*) FROM "ProcedureVersion") AS versions,
            (SELECT count(*) FROM "ProcedureDraft") AS drafts, (SELECT count(*) FROM "AuditEvent") AS audit`,
  );
  return row!;
}

const NEW_PROCEDURE = `---
slug: check-widget-queue
title: Check the widget queue
cadence: WEEKLY
roles: [HUB_TRANSPORT]
smf: SERVICE_MONITORING_AND_CONTROL
purpose: Keep the widget queue short.
items:
  - key: widget-queue-length
    kind: NUMBER
    text: Widget queue length
    unit: messages
    min: 0
    max: 50
tools:
  - tool: queue-viewer
    command: Get-Queue -Identity widgets
---

Look at the widget queue once a week.
`;

/** The export, kept between the tests of this file. */
let exported: Record<string, string> = {};

test.beforeAll(() => {
  ensureUser(MANAGER, "MANAGER");
  ensureUser(VIEWER, "VIEWER");
});

test.describe.serial("procedures as files", () => {
  test("a manager downloads the whole library as a .zip of Markdown files", async ({ page }) => {
    await signIn(page, MANAGER);
    await page.goto("/procedures/import");
    await expect(page.getByRole("heading", { name: "Import procedures", level: 1 })).toBeVisible();
    await expectAccessible(page);
    const downloadPromise = page.waitForEvent("download");
    await page.getByRole("link", { name: "download the library as a .zip" }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^opsbook-procedures-\d{4}-\d{2}-\d{2}\.zip$/);
    exported = Object.fromEntries(Object.entries(unzipSync(await bytes(download))).map(([name, data]) => [name, strFromU8(data)]));
    const [{ n }] = queryDb<{ n: number }>(`SELECT count(*) AS n FROM "Procedure" WHERE "currentVersionId" IS NOT NULL AND "archivedAt" IS NULL`) as [{ n: number }];
    expect(Object.keys(exported)).toHaveLength(n);
    expect(exported["check-backups.md"]).toMatch(/^---\n/);
    expect(exported["check-backups.md"]).toContain("\nslug: check-backups\n");
  });

  test("a malformed archive lists every problem by file and line, and changes nothing", async ({ page }) => {
    await signIn(page, MANAGER);
    await page.goto("/procedures/import");
    const before = counts();
    const bad = NEW_PROCEDURE.replace("    min: 0", "    min: 80");
    const archive = zipSync({ "check-widget-queue.md": strToU8(bad), "notes.txt": strToU8("not a procedure"), "archive-event-logs.md": strToU8(exported["archive-event-logs.md"]!) });
    await page.getByLabel("Procedure files").setInputFiles({ name: "library.zip", mimeType: "application/zip", buffer: Buffer.from(archive) });
    await page.getByRole("button", { name: "Import" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
    await expect(alert).toContainText("Nothing was imported. Fix 2 problems in 2 files and upload again.");
    const problems = alert.getByRole("listitem");
    await expect(problems).toHaveText([
      "check-widget-queue.md line 13: The minimum (80) is above the maximum (50).",
      "notes.txt: Only Markdown files (.md) can be imported; remove this file from the archive.",
    ]);
    await expectAccessible(page);
    expect(counts()).toEqual(before);

    // Not an archive at all.
    await page.getByLabel("Procedure files").setInputFiles({ name: "broken.zip", mimeType: "application/zip", buffer: Buffer.from("this is not a zip file") });
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("alert").getByRole("listitem")).toHaveText([/^broken\.zip: This is not a \.zip archive, or it is damaged\./]);
    expect(counts()).toEqual(before);
  });

  test("a valid archive publishes a new procedure and opens a draft for an existing one", async ({ page }) => {
    await signIn(page, MANAGER);
    await page.goto("/procedures/import");
    const before = counts();
    const changed = exported["archive-event-logs.md"]!.replace(/^review_interval_months: \d+$/m, "review_interval_months: 6");
    expect(changed).not.toBe(exported["archive-event-logs.md"]);
    const archive = zipSync({ "check-widget-queue.md": strToU8(NEW_PROCEDURE), "archive-event-logs.md": strToU8(changed), "check-backups.md": strToU8(exported["check-backups.md"]!) });
    await page.getByLabel("Procedure files").setInputFiles({ name: "library.zip", mimeType: "application/zip", buffer: Buffer.from(archive) });
    await page.getByRole("button", { name: "Import" }).click();
    const status = page.getByRole("status").filter({ hasText: "Imported 3 files" });
    await expect(status).toContainText("Imported 3 files: 1 new procedure published, 1 draft opened for review, 1 unchanged.");
    await expect(status.getByRole("region", { name: "Published as new procedures" }).getByRole("link", { name: "Check the widget queue" })).toBeVisible();
    await expect(status.getByRole("region", { name: /^Drafts opened/ }).getByRole("link")).toHaveCount(1);
    await expectAccessible(page);
    expect(counts()).toEqual({ procedures: before.procedures + 1, versions: before.versions + 1, drafts: before.drafts + 1, audit: before.audit + 1 });

    // The published version of the existing procedure is untouched; its draft holds the file.
    const [existing] = queryDb<{ versions: number; interval: number; draft: string }>(
      `SELECT (SELECT count(*) FROM "ProcedureVersion" v WHERE v."procedureId" = p.id) AS versions, p."reviewIntervalMonths" AS interval,
              (SELECT d.content FROM "ProcedureDraft" d WHERE d."procedureId" = p.id) AS draft
         FROM "Procedure" p WHERE p.slug = 'archive-event-logs'`,
    );
    expect(existing!.versions).toBe(1);
    expect(existing!.interval).toBe(12);
    expect(JSON.parse(existing!.draft)).toMatchObject({ slug: "archive-event-logs", reviewIntervalMonths: 6 });

    await page.goto("/procedures");
    await page.getByRole("link", { name: "Check the widget queue" }).click();
    await expect(page.getByRole("heading", { name: "Check the widget queue", level: 1 })).toBeVisible();
  });

  test("a viewer gets 404 for the import page and the export, and the import action refuses them", async ({ page, baseURL }) => {
    await signIn(page, VIEWER);
    expect((await page.goto("/procedures/import"))?.status()).toBe(404);
    expect((await page.request.get("/api/procedures/export")).status()).toBe(404);
    expect((await page.request.get("/api/procedures/export?slug=check-backups")).status()).toBe(404);
    const before = counts();
    const action = serverActionId("lib/procedures/import-actions.ts", "importProceduresAction");
    const refused = await callServerAction(page.request, new URL(baseURL!).origin, action, { archive: NEW_PROCEDURE.replace(/check-widget-queue/g, "check-viewer-queue") });
    expect(await refused.text()).toContain("You do not have permission to do that.");
    expect(counts()).toEqual(before);
  });
});
