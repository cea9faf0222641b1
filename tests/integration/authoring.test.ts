import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/define";
import { db } from "@/lib/db";
import { versionContent } from "@/lib/procedures/content";
import { seedDatabase } from "@/lib/procedures/seed";
import type { ProcedureContent } from "@/lib/procedures/schemas";
import type { CurrentUser } from "@/lib/auth/session";
import { actionDefinition, as, auditCount, makeUser } from "../support/fixtures";
import "@/lib/procedures/actions";

const create = actionDefinition("procedure.create");
const save = actionDefinition("procedure.draft_save");
const submit = actionDefinition("procedure.draft_submit");
const approve = actionDefinition("procedure.draft_approve");
const publish = actionDefinition("procedure.publish");
const discard = actionDefinition("procedure.draft_discard");
const restore = actionDefinition("procedure.restore");
const reviewed = actionDefinition("procedure.mark_reviewed");

let manager: CurrentUser;
let manager2: CurrentUser;
let manager3: CurrentUser;
let operator: CurrentUser;
let viewer: CurrentUser;
let diskId: string;
let disk: ProcedureContent;

beforeAll(async () => {
  await seedDatabase(db);
  manager = await makeUser("MANAGER", { name: "Maya" });
  manager2 = await makeUser("MANAGER", { name: "Mo" });
  manager3 = await makeUser("MANAGER", { name: "Mia" });
  operator = await makeUser("OPERATOR");
  viewer = await makeUser("VIEWER");
  const p = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D3" } });
  diskId = p.id;
  disk = (await versionContent(db, p.currentVersionId!))!;
});

async function counts() {
  return {
    procedures: await db.procedure.count(),
    versions: await db.procedureVersion.count(),
    drafts: await db.procedureDraft.count(),
    events: await auditCount(),
  };
}

const json = (c: unknown) => JSON.stringify(c);

describe("drafts and publishing", () => {
  it("refuses viewers and operators every authoring action, writing nothing", async () => {
    const before = await counts();
    for (const user of [viewer, operator]) {
      for (const [definition, input] of [
        [save, { procedureId: diskId, expectedRevision: "0", content: json(disk) }],
        [create, { content: json({ ...disk, slug: "someone-elses" }) }],
        [publish, { procedureId: diskId, expectedRevision: "1", changeNote: "Sneaky change" }],
        [reviewed, { procedureId: diskId }],
      ] as const) {
        const result = await runAction(definition, input, as(user));
        expect(result).toMatchObject({ ok: false, error: "You do not have permission to do that." });
      }
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses bad content with a message per field and writes nothing", async () => {
    const before = await counts();
    const cases: [Partial<ProcedureContent> | Record<string, unknown>, string, string][] = [
      [{ title: "  " }, "content.title", "Title cannot be empty."],
      [{ slug: "check-backups" }, "content.slug", "This slug is already used by another procedure."],
      [{ items: [{ ...disk.items[0]!, kind: "NUMBER", unit: "%", min: 90, max: 10 }] }, "content.items.0.min", "The minimum (90) is above the maximum (10)."],
      [{ items: [{ ...disk.items[0]!, kind: "NUMBER", unit: undefined, min: 1 }] }, "content.items.0.unit", "A number item needs a unit (for example messages, ms, %)."],
      [{ items: [{ ...disk.items[0]!, kind: "CHOICE", min: undefined, max: undefined, unit: undefined, choices: [], passChoices: [] }] }, "content.items.0.choices", "A choice item needs at least two choices."],
      [{ body: "Click <a href=\"#\" onclick=\"alert(1)\">here</a>" }, "content.body", "Remove the HTML that could run code (script, iframe or image tags, on… event handlers, javascript: links); write plain Markdown."],
      [{ items: [{ ...disk.items[0]!, kind: "NUMBER", unit: "%", min: "lots" }] }, "content.items.0.min", "Minimum must be a number."],
    ];
    for (const [patch, field, message] of cases) {
      const result = await runAction(save, { procedureId: diskId, expectedRevision: "0", content: json({ ...disk, ...patch }) }, as(manager));
      expect(result.ok, field).toBe(false);
      if (!result.ok) expect(result.fieldErrors[field], `${field}: ${JSON.stringify(result)}`).toContain(message);
    }
    expect((await runAction(save, { procedureId: diskId, expectedRevision: "0", content: "{not json" }, as(manager))).ok).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it("saves a draft, detects a second tab's stale save, and publishes a new version that re-pins unstarted runs only", async () => {
    // Two runs on the current version: one performed (a result), one not started.
    const version = await db.procedureVersion.findFirstOrThrow({ where: { procedureId: diskId }, orderBy: { number: "desc" }, include: { items: true } });
    const mk = (key: string) =>
      db.run.create({
        data: { procedureId: diskId, versionId: version.id, periodKey: key, scopeKey: "-", cadence: "DAILY", localDate: "2030-01-01", opensAt: new Date("2030-01-01T00:00:00Z"), dueAt: new Date("2030-01-01T10:00:00Z"), graceEndsAt: new Date("2030-01-01T14:00:00Z") },
      });
    const performed = await mk("authoring-performed");
    const untouched = await mk("authoring-untouched");
    await db.result.create({ data: { runId: performed.id, itemId: version.items[0]!.id, revision: 1, outcome: "PASS", recordedById: operator.id } });

    const edited: ProcedureContent = {
      ...disk,
      items: [...disk.items, { key: "disk-queue", kind: "NUMBER", text: "Average disk queue length", help: "", required: true, unit: "requests", min: 0, max: 2, counter: undefined, choices: [], passChoices: [], roles: [] }],
    };
    const first = await runAction(save, { procedureId: diskId, expectedRevision: "0", content: json(edited) }, as(manager));
    expect(first).toMatchObject({ ok: true, data: { revision: 1 } });
    const second = await runAction(save, { procedureId: diskId, expectedRevision: "1", content: json({ ...edited, purpose: `${edited.purpose} Tab one.` }) }, as(manager));
    expect(second).toMatchObject({ ok: true, data: { revision: 2 } });
    // The other tab still thinks it is at revision 1: refused, nothing overwritten.
    const stale = await runAction(save, { procedureId: diskId, expectedRevision: "1", content: json({ ...edited, purpose: "Tab two." }) }, as(manager2));
    expect(stale.ok).toBe(false);
    if (!stale.ok) expect(stale.error).toMatch(/^This draft was saved by Maya .* after you opened it\. Nothing of yours was overwritten/);
    const draft = await db.procedureDraft.findFirstOrThrow({ where: { procedureId: diskId } });
    expect(JSON.parse(draft.content).purpose).toBe(`${edited.purpose} Tab one.`);

    expect(await runAction(publish, { procedureId: diskId, expectedRevision: "2", changeNote: "  " }, as(manager))).toMatchObject({ ok: false, fieldErrors: { changeNote: ["Write a change note of at least 5 characters: what changed and why."] } });
    const published = await runAction(publish, { procedureId: diskId, expectedRevision: "2", changeNote: "Added the disk queue length check." }, as(manager));
    expect(published).toMatchObject({ ok: true, data: { number: 2 } });
    const now = await db.procedure.findUniqueOrThrow({ where: { id: diskId }, include: { currentVersion: { include: { items: true } } } });
    expect(now.currentVersion).toMatchObject({ number: 2, changeNote: "Added the disk queue length check.", authorId: manager.id, source: "EDITOR" });
    expect(now.currentVersion!.items.find((i) => i.key === "disk-queue")).toMatchObject({ kind: "NUMBER", unit: "requests", min: 0, max: 2 });
    expect(await db.procedureDraft.count({ where: { procedureId: diskId } })).toBe(0);
    expect((await db.run.findUniqueOrThrow({ where: { id: performed.id } })).versionId).toBe(version.id);
    expect((await db.run.findUniqueOrThrow({ where: { id: untouched.id } })).versionId).toBe(now.currentVersionId);
    // The old version is untouched.
    expect((await versionContent(db, version.id))!.items).toHaveLength(disk.items.length);
  });

  it("refuses to publish a draft identical to the current version", async () => {
    const current = await db.procedure.findUniqueOrThrow({ where: { id: diskId } });
    const content = (await versionContent(db, current.currentVersionId!))!;
    expect((await runAction(save, { procedureId: diskId, expectedRevision: "0", content: json(content) }, as(manager))).ok).toBe(true);
    expect(await runAction(publish, { procedureId: diskId, expectedRevision: "1", changeNote: "Nothing really" }, as(manager))).toMatchObject({ ok: false, error: expect.stringMatching(/same as the current version/) });
    expect(await runAction(discard, { procedureId: diskId, expectedRevision: "1" }, as(manager))).toMatchObject({ ok: true, data: { removed: false } });
  });

  it("with second approval required: the author and editors cannot approve, another manager can, and only then it publishes", async () => {
    await db.organisationSettings.upsert({ where: { id: 1 }, create: { id: 1, requireSecondApproval: true }, update: { requireSecondApproval: true } });
    try {
      const p = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D2" } });
      const content = (await versionContent(db, p.currentVersionId!))!;
      expect((await runAction(save, { procedureId: p.id, expectedRevision: "0", content: json({ ...content, purpose: `${content.purpose} Revised.` }) }, as(manager))).ok).toBe(true);
      expect((await runAction(save, { procedureId: p.id, expectedRevision: "1", content: json({ ...content, purpose: `${content.purpose} Revised twice.` }) }, as(manager2))).ok).toBe(true);
      expect(await runAction(publish, { procedureId: p.id, expectedRevision: "2", changeNote: "Clarified the purpose." }, as(manager))).toMatchObject({ ok: false, error: expect.stringMatching(/requires a second manager/) });
      expect(await runAction(approve, { procedureId: p.id, expectedRevision: "2" }, as(manager3))).toMatchObject({ ok: false, error: "Submit the draft for approval first." });
      expect((await runAction(submit, { procedureId: p.id, expectedRevision: "2" }, as(manager))).ok).toBe(true);
      expect(await runAction(approve, { procedureId: p.id, expectedRevision: "2" }, as(manager))).toMatchObject({ ok: false, error: expect.stringMatching(/started this draft/) });
      expect(await runAction(approve, { procedureId: p.id, expectedRevision: "2" }, as(manager2))).toMatchObject({ ok: false, error: expect.stringMatching(/edited this draft/) });
      expect(await runAction(approve, { procedureId: p.id, expectedRevision: "2" }, as(operator))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
      expect(await runAction(approve, { procedureId: p.id, expectedRevision: "2" }, as(manager3))).toMatchObject({ ok: true });
      const published = await runAction(publish, { procedureId: p.id, expectedRevision: "2", changeNote: "Clarified the purpose." }, as(manager));
      expect(published).toMatchObject({ ok: true, data: { number: 2 } });
      expect(await db.procedureVersion.findFirstOrThrow({ where: { procedureId: p.id, number: 2 } })).toMatchObject({ authorId: manager.id, approvedById: manager3.id });
    } finally {
      await db.organisationSettings.update({ where: { id: 1 }, data: { requireSecondApproval: false } });
    }
  });

  it("an edit after approval needs approval again", async () => {
    await db.organisationSettings.update({ where: { id: 1 }, data: { requireSecondApproval: true } });
    try {
      const p = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D4" } });
      const content = (await versionContent(db, p.currentVersionId!))!;
      await runAction(save, { procedureId: p.id, expectedRevision: "0", content: json({ ...content, title: `${content.title} (revised)` }) }, as(manager));
      await runAction(submit, { procedureId: p.id, expectedRevision: "1" }, as(manager));
      expect((await runAction(approve, { procedureId: p.id, expectedRevision: "1" }, as(manager3))).ok).toBe(true);
      const resaved = await runAction(save, { procedureId: p.id, expectedRevision: "1", content: json({ ...content, title: `${content.title} (revised again)` }) }, as(manager));
      expect(resaved).toMatchObject({ ok: true, message: expect.stringMatching(/needs approval again/) });
      expect(await db.procedureDraft.findFirstOrThrow({ where: { procedureId: p.id } })).toMatchObject({ status: "EDITING", approvedById: null });
      expect((await runAction(publish, { procedureId: p.id, expectedRevision: "2", changeNote: "Renamed." }, as(manager))).ok).toBe(false);
      expect((await runAction(discard, { procedureId: p.id, expectedRevision: "2" }, as(manager))).ok).toBe(true);
    } finally {
      await db.organisationSettings.update({ where: { id: 1 }, data: { requireSecondApproval: false } });
    }
  });

  it("creates a new procedure as a draft, publishes it as version 1, and frees the slug when an unpublished one is discarded", async () => {
    const content = { ...disk, slug: "check-journal-mailbox-size", title: "Check journal mailbox size" };
    expect(await runAction(create, { content: json(content) }, as(manager))).toMatchObject({ ok: true, data: { slug: "check-journal-mailbox-size" } });
    expect(await runAction(create, { content: json(content) }, as(manager))).toMatchObject({ ok: false, fieldErrors: { slug: ["This slug is already used by another procedure."] } });
    const p = await db.procedure.findUniqueOrThrow({ where: { slug: content.slug } });
    expect(p.currentVersionId).toBeNull();
    expect(await runAction(publish, { procedureId: p.id, expectedRevision: "1", changeNote: "First version." }, as(manager))).toMatchObject({ ok: true, data: { number: 1 } });

    const throwaway = { ...disk, slug: "never-published", title: "Never published" };
    await runAction(create, { content: json(throwaway) }, as(manager));
    const t = await db.procedure.findUniqueOrThrow({ where: { slug: "never-published" } });
    expect(await runAction(discard, { procedureId: t.id, expectedRevision: "1" }, as(manager))).toMatchObject({ ok: true, data: { removed: true } });
    expect(await db.procedure.findUnique({ where: { slug: "never-published" } })).toBeNull();
  });

  it("restores an old version as a new draft, keeping today's slug; refused while a draft is open", async () => {
    const v1 = await db.procedureVersion.findFirstOrThrow({ where: { procedureId: diskId, number: 1 } });
    const restored = await runAction(restore, { versionId: v1.id }, as(manager));
    expect(restored).toMatchObject({ ok: true });
    const draft = await db.procedureDraft.findFirstOrThrow({ where: { procedureId: diskId } });
    expect(JSON.parse(draft.content).items).toHaveLength(disk.items.length);
    expect(await runAction(restore, { versionId: v1.id }, as(manager))).toMatchObject({ ok: false, error: expect.stringMatching(/already has an open draft/) });
    expect((await runAction(publish, { procedureId: diskId, expectedRevision: "1", changeNote: "Back to the original checklist." }, as(manager))).ok).toBe(true);
    expect((await versionContent(db, (await db.procedure.findUniqueOrThrow({ where: { id: diskId } })).currentVersionId!))!.items).toHaveLength(disk.items.length);
    expect(await runAction(restore, { versionId: "nope" }, as(manager))).toMatchObject({ ok: false, error: "That version does not exist." });
  });

  it("marks a procedure reviewed without changes (managers only)", async () => {
    expect(await runAction(reviewed, { procedureId: diskId, note: "Still accurate." }, as(manager))).toMatchObject({ ok: true });
    const review = await db.procedureReview.findFirstOrThrow({ where: { procedureId: diskId } });
    expect(review).toMatchObject({ reviewerId: manager.id, note: "Still accurate." });
    expect((await db.procedure.findUniqueOrThrow({ where: { id: diskId } })).lastReviewedAt).not.toBeNull();
    expect(await runAction(reviewed, { procedureId: diskId }, as(operator))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
  });
});
