// Export and import of procedure files against real databases: the whole library exported from a
// seeded database and imported into an empty one comes back field by field; importing over
// existing procedures opens drafts and overwrites nothing; one bad file means nothing is written.
import { copyFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createClient, db, type Db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import type { CurrentUser } from "@/lib/auth/session";
import { verifyAuditChain } from "@/lib/audit/verify";
import { allCurrentContent, versionContent } from "@/lib/procedures/content";
import { exportLibraryArchive, exportProcedureFile } from "@/lib/procedures/file-export";
import { parseProcedureFile, readUploads } from "@/lib/procedures/files";
import type { ImportSummary } from "@/lib/procedures/import-actions";
import { DEFAULT_LIBRARY, seedDatabase } from "@/lib/procedures/seed";
import { searchProcedures } from "@/lib/procedures/search";
import type { ProcedureContent } from "@/lib/procedures/schemas";
import { actionDefinition, as, makeUser, libraryCounts } from "../support/fixtures";

/** The seeded library lives in a second database; `db` (this file's own) starts empty. */
let source: Db;
let sourceContent: Awaited<ReturnType<typeof allCurrentContent>>;
let archive: Uint8Array;
let manager: CurrentUser;

const importAction = () => actionDefinition("procedure.import");
/** What the form's action does: unpack the upload, then run the audited action on its files. */
const importFiles = async (uploads: { name: string; data: Uint8Array }[], user: CurrentUser = manager) => runAction(importAction(), await readUploads(uploads), as(user));

/** Rewrites some files of an archive (by name); null removes a file. */
function rewrite(zip: Uint8Array, change: (name: string, text: string) => string | null, extra: Record<string, string> = {}): Uint8Array {
  const out: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(unzipSync(zip))) {
    const text = change(name, strFromU8(data));
    if (text !== null) out[name] = strToU8(text);
  }
  for (const [name, text] of Object.entries(extra)) out[name] = strToU8(text);
  return zipSync(out);
}

const counts = libraryCounts;
/** Procedures in the shipped library, each exported as one file. */
const N = DEFAULT_LIBRARY.procedures.length;

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

beforeAll(async () => {
  await import("@/lib/procedures/import-actions");
  const template = inject("templateDb");
  const file = path.join(path.dirname(template), `export-source-${randomUUID()}.db`);
  copyFileSync(template, file);
  source = createClient(file);
  await seedDatabase(source);
  sourceContent = await allCurrentContent(source);
  archive = (await exportLibraryArchive(source, new Date("2026-11-24T08:00:00Z"))).data;

  // The target has the tools catalogue (procedure files name tools, they do not carry them) and nothing else.
  await seedDatabase(db, { demoServers: false, library: { ...DEFAULT_LIBRARY, procedures: [], schedules: [] } });
  manager = await makeUser("MANAGER");
});

afterAll(async () => {
  await source.$disconnect();
});

describe("exporting the library", () => {
  it("writes one <slug>.md per published procedure", async () => {
    const names = Object.keys(unzipSync(archive)).sort();
    expect(names).toHaveLength(DEFAULT_LIBRARY.procedures.length);
    expect(names).toEqual(sourceContent.map((p) => `${p.content.slug}.md`).sort());
  });

  it("exports one procedure as a file that reads back to its content, and nothing for an unknown slug", async () => {
    const file = await exportProcedureFile("check-backups", source);
    expect(file?.fileName).toBe("check-backups.md");
    expect(file?.text).toMatch(/^code: D\d+$/m);
    const parsed = parseProcedureFile(file!.fileName, file!.text);
    expect(parsed.ok && parsed.procedure.content).toEqual(sourceContent.find((p) => p.content.slug === "check-backups")!.content);
    expect(await exportProcedureFile("no-such-procedure", source)).toBeNull();
  });
});

describe("importing into an empty library", () => {
  it("reproduces every procedure field by field, each published as version 1 from its file", async () => {
    const before = await db.auditEvent.count();
    const result = await importFiles([{ name: "opsbook-procedures.zip", data: archive }]);
    expect(result, JSON.stringify(result).slice(0, 2000)).toMatchObject({ ok: true, message: `Imported ${N} files: ${N} new procedures published.` });
    const summary = (result as { data: ImportSummary }).data;
    expect(summary.created).toHaveLength(N);
    expect(summary.drafted).toEqual([]);

    expect(await db.procedure.count()).toBe(sourceContent.length);
    for (const { content: expected } of sourceContent) {
      const procedure = await db.procedure.findUniqueOrThrow({
        where: { slug: expected.slug },
        select: { reviewIntervalMonths: true, seedCode: true, currentVersion: { select: { id: true, number: true, source: true, changeNote: true, authorId: true } } },
      });
      expect(procedure.currentVersion, expected.slug).toMatchObject({ number: 1, source: "IMPORT", changeNote: `Imported from ${expected.slug}.md`, authorId: manager.id });
      expect(procedure.seedCode, "the seed code is informational only").toBeNull();
      const actual = await versionContent(db, procedure.currentVersion!.id);
      for (const field of Object.keys(expected) as (keyof ProcedureContent)[]) {
        expect(actual?.[field], `${expected.slug}: ${field}`).toEqual(expected[field]);
      }
      expect(actual).toEqual(expected);
    }

    const events = await db.auditEvent.findMany({ where: { seq: { gt: before } } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: "procedure.import", entityType: "ProcedureLibrary", actorId: manager.id });
    const after = JSON.parse(events[0]!.after!) as { files: number; created: { slug: string; version: number; procedureId: string }[]; drafted: unknown[] };
    expect(after.files).toBe(N);
    expect(after.created.map((c) => c.slug).sort()).toEqual(sourceContent.map((p) => p.content.slug).sort());
    expect(after.created.every((c) => c.version === 1)).toBe(true);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("makes imported procedures findable by search", async () => {
    const hits = await searchProcedures(db, "message queues");
    const queues = await db.procedure.findUniqueOrThrow({ where: { slug: "examine-message-queues" }, select: { id: true } });
    expect(hits.map((h) => h.procedureId)).toContain(queues.id);
  });
});

describe("importing over existing procedures", () => {
  it("leaves files identical to the published version alone", async () => {
    const before = await counts();
    const result = await importFiles([{ name: "again.zip", data: archive }]);
    expect(result).toMatchObject({ ok: true, message: `Imported ${N} files: ${N} unchanged.` });
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
  });

  it("opens a draft for every changed file and publishes nothing over the current versions", async () => {
    const changed = rewrite(archive, (_name, text) => text.replace(/^review_interval_months: 12$/m, "review_interval_months: 24"), { "check-widget-queue.md": NEW_PROCEDURE });
    const before = await counts();
    const result = await importFiles([{ name: "reviewed.zip", data: changed }]);
    expect(result, JSON.stringify(result).slice(0, 1500)).toMatchObject({ ok: true, message: `Imported ${N + 1} files: 1 new procedure published, ${N} drafts opened for review.` });
    expect(await counts()).toEqual({ procedures: before.procedures + 1, versions: before.versions + 1, drafts: before.drafts + N, audit: before.audit + 1 });

    for (const { content: expected } of sourceContent) {
      const procedure = await db.procedure.findUniqueOrThrow({ where: { slug: expected.slug }, select: { id: true, currentVersionId: true, drafts: true, versions: { select: { id: true } } } });
      // The published version is untouched: still version 1 with the exported content.
      expect(procedure.versions, expected.slug).toHaveLength(1);
      expect(await versionContent(db, procedure.currentVersionId!)).toEqual(expected);
      // The draft holds the file's content and starts from the current version.
      expect(procedure.drafts, expected.slug).toHaveLength(1);
      const draft = procedure.drafts[0]!;
      expect(draft).toMatchObject({ baseVersionId: procedure.currentVersionId, authorId: manager.id, status: "EDITING", revision: 1 });
      expect(JSON.parse(draft.content)).toEqual({ ...expected, reviewIntervalMonths: 24 });
    }
    const created = await db.procedure.findUniqueOrThrow({ where: { slug: "check-widget-queue" }, select: { currentVersion: { select: { number: true, source: true } } } });
    expect(created.currentVersion).toEqual({ number: 1, source: "IMPORT" });
  });

  it("refuses a changed file while its procedure has an open draft, and writes nothing", async () => {
    const again = rewrite(archive, (name, text) => (name === "check-backups.md" ? text.replace(/^title: .*$/m, "title: Check the backups") : null));
    const before = await counts();
    const result = await importFiles([{ name: "again.zip", data: again }]);
    expect(result).toMatchObject({
      ok: false,
      error: "Nothing was imported. Fix 1 problem in 1 file and upload again.",
      fieldErrors: { archive: [expect.stringMatching(/^check-backups\.md line \d+: "check-backups" already has an open draft \(started by Manager \d+\)\. Publish or discard that draft/)] },
    });
    expect(await counts()).toEqual(before);
  });
});

describe("refusing bad uploads", () => {
  it("one bad file among good ones: every problem listed by file and line, nothing written", async () => {
    const bad = NEW_PROCEDURE.replace("slug: check-widget-queue", "slug: check-gadget-queue").replace("    min: 0", "    min: 80").replace("tool: queue-viewer", "tool: gadget-viewer");
    const unknownTool = NEW_PROCEDURE.replace("slug: check-widget-queue", "slug: check-sprocket-queue").replace("tool: queue-viewer", "tool: sprocket-viewer");
    const good = NEW_PROCEDURE.replace("slug: check-widget-queue", "slug: check-gizmo-queue");
    const upload = zipSync({ "good.md": strToU8(good), "bad.md": strToU8(bad), "tool.md": strToU8(unknownTool), "notes.txt": strToU8("not a procedure") });
    const before = await counts();
    const result = await importFiles([{ name: "mixed.zip", data: upload }]);
    expect(result).toMatchObject({ ok: false, error: "Nothing was imported. Fix 4 problems in 3 files and upload again." });
    expect(result.ok ? [] : result.fieldErrors.archive).toEqual([
      "bad.md line 13: The minimum (80) is above the maximum (50).",
      'bad.md line 16: There is no tool "gadget-viewer" in the tools catalogue; use the slug of a catalogued tool (see Tools).',
      "notes.txt: Only Markdown files (.md) can be imported; remove this file from the archive.",
      'tool.md line 16: There is no tool "sprocket-viewer" in the tools catalogue; use the slug of a catalogued tool (see Tools).',
    ]);
    expect(await counts()).toEqual(before);
    expect(await db.procedure.findUnique({ where: { slug: "check-gizmo-queue" } })).toBeNull();
  });

  it("a malformed archive: a clear message, nothing written", async () => {
    const before = await counts();
    const result = await importFiles([{ name: "library.zip", data: archive.subarray(0, 2000) }]);
    expect(result).toMatchObject({
      ok: false,
      error: "Nothing was imported. Fix 1 problem in 1 file and upload again.",
      fieldErrors: { archive: [expect.stringMatching(/^library\.zip: This is not a \.zip archive, or it is damaged\./)] },
    });
    expect(await counts()).toEqual(before);
  });

  it("nothing chosen", async () => {
    const result = await importFiles([]);
    expect(result).toMatchObject({
      ok: false,
      error: "Nothing was imported. Choose a .zip archive of procedure files, or .md files, to import.",
      fieldErrors: { archive: ["Choose a .zip archive of procedure files, or .md files, to import."] },
    });
  });

  it("an operator may not import", async () => {
    const operator = await makeUser("OPERATOR");
    const before = await counts();
    const result = await importFiles([{ name: "check-gizmo-queue.md", data: strToU8(NEW_PROCEDURE.replace("check-widget-queue", "check-gizmo-queue")) }], operator);
    expect(result).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await counts()).toEqual(before);
  });

  it("a loose .md file is imported as well as an archive", async () => {
    const result = await importFiles([{ name: "gizmo.md", data: strToU8(NEW_PROCEDURE.replace("check-widget-queue", "check-gizmo-queue")) }]);
    expect(result).toMatchObject({ ok: true, message: "Imported 1 file: 1 new procedure published." });
    expect(await db.procedure.findUnique({ where: { slug: "check-gizmo-queue" }, select: { currentVersion: { select: { changeNote: true } } } })).toEqual({
      currentVersion: { changeNote: "Imported from gizmo.md" },
    });
  });

  it("when a second manager must approve publications, a new procedure arrives as a draft, not published", async () => {
    await db.organisationSettings.upsert({ where: { id: 1 }, create: { id: 1, requireSecondApproval: true }, update: { requireSecondApproval: true } });
    try {
      const result = await importFiles([{ name: "sprocket.md", data: strToU8(NEW_PROCEDURE.replace("check-widget-queue", "check-sprocket-queue")) }]);
      expect(result).toMatchObject({ ok: true, message: "Imported 1 file: 1 draft opened for review." });
      const p = await db.procedure.findUniqueOrThrow({ where: { slug: "check-sprocket-queue" }, include: { drafts: true } });
      expect(p.currentVersionId).toBeNull();
      expect(p.drafts).toHaveLength(1);
    } finally {
      await db.organisationSettings.update({ where: { id: 1 }, data: { requireSecondApproval: false } });
    }
  });
});
