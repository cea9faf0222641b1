import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import { Forbidden } from "@/lib/actions/errors";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { CurrentUser } from "@/lib/auth/session";
import { versionContent } from "@/lib/procedures/content";
import { publishVersion } from "@/lib/procedures/publish";
import { seedDatabase } from "@/lib/procedures/seed";
import { seedSchedules } from "@/prisma/seed/schedules";
import "@/lib/settings/actions";
import "@/lib/training/actions";
import { acknowledgementNeeded, assertMayRecord } from "@/lib/training/enforcement";
import { acknowledgementNeededForRun, cellKey, getAcknowledgementPanel, getMyTraining, getReadingListEditor, getTrainingMatrix, trainingMatrixRows } from "@/lib/training/queries";
import { actionDefinition, as, auditCount, makeUser } from "../support/fixtures";

// No browser session in tests: an action run without an explicit actor is anonymous.
vi.mock("next-auth", async (importOriginal) => ({ ...(await importOriginal<typeof import("next-auth")>()), getServerSession: async () => null }));

const acknowledge = actionDefinition("training.acknowledge");
const addToList = actionDefinition("training.reading_list_add");
const removeFromList = actionDefinition("training.reading_list_remove");
const HOUR = 3_600_000;
/** Procedures with a seeded schedule for operators: the operators' default reading list. */
const OPS = new Set(seedSchedules.filter((sc) => sc.assigneeRole === "OPERATOR").map((sc) => sc.code)).size;

let operator: CurrentUser;
let colleague: CurrentUser;
let viewer: CurrentUser;
let manager: CurrentUser;
let admin: CurrentUser;

async function procedure(code: string) {
  return db.procedure.findUniqueOrThrow({ where: { seedCode: code }, select: { id: true, slug: true, currentVersionId: true, currentVersion: { select: { number: true, title: true } } } });
}

async function publishNewVersion(code: string, changeNote: string, change: (content: NonNullable<Awaited<ReturnType<typeof versionContent>>>) => void) {
  const p = await procedure(code);
  const content = (await versionContent(db, p.currentVersionId!))!;
  change(content);
  return db.$transaction((tx) => publishVersion(tx, p.id, content, { source: "EDITOR", changeNote, authorId: manager.id }));
}

async function listOf(user: CurrentUser) {
  return (await getMyTraining(user)).items;
}

beforeAll(async () => {
  await seedDatabase(db);
  operator = await makeUser("OPERATOR", { name: "Omar Operator" });
  colleague = await makeUser("OPERATOR", { name: "Cleo Colleague" });
  viewer = await makeUser("VIEWER", { name: "Vera Viewer" });
  manager = await makeUser("MANAGER", { name: "Maya Manager" });
  admin = await makeUser("ADMIN", { name: "Ada Admin" });
});

describe("reading lists", () => {
  it("gives each role the procedures of the work scheduled for it: every operators' schedule for operators, 3 for managers and administrators, none for viewers", async () => {
    const operators = await listOf(operator);
    expect(OPS).toBeGreaterThanOrEqual(29);
    expect(operators).toHaveLength(OPS);
    expect(operators.every((i) => i.reason === "ROLE" && i.status === "MISSING")).toBe(true);
    expect(operators.map((i) => i.code)).toContain("D2");
    expect(operators.map((i) => i.code)).not.toContain("W3");
    expect(operators.map((i) => i.code)).not.toContain("A1");
    expect((await listOf(manager)).map((i) => i.code).sort()).toEqual(["M2", "W3", "W9"]);
    expect((await listOf(admin)).map((i) => i.code).sort()).toEqual(["M2", "W3", "W9"]);
    expect(await listOf(viewer)).toEqual([]);
    expect((await getMyTraining(viewer)).progress).toEqual({ total: 0, current: 0, outdated: 0, missing: 0 });
  });

  it("leaves out procedures whose only schedule is inactive, and archived procedures", async () => {
    const w12 = await procedure("W12");
    await db.schedule.updateMany({ where: { procedureId: w12.id }, data: { active: false } });
    expect((await listOf(operator)).map((i) => i.code)).not.toContain("W12");
    await db.schedule.updateMany({ where: { procedureId: w12.id }, data: { active: true } });
    expect((await listOf(operator)).map((i) => i.code)).toContain("W12");
    await db.procedure.update({ where: { id: w12.id }, data: { archivedAt: new Date() } });
    expect((await listOf(operator)).map((i) => i.code)).not.toContain("W12");
    expect(await getAcknowledgementPanel(operator.id, w12.slug)).toBeNull();
    await db.procedure.update({ where: { id: w12.id }, data: { archivedAt: null } });
  });

  it("refuses an operator who tries to change a list (deny) and lets a manager add and remove (allow), one audit event each", async () => {
    const recover = await procedure("A3");
    const before = await auditCount();
    expect(await runAction(addToList, { role: "VIEWER", procedureId: recover.id }, as(operator))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await runAction(addToList, { role: "VIEWER", procedureId: recover.id }, as(viewer))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await auditCount()).toBe(before);
    expect(await db.readingListEntry.count()).toBe(0);

    expect(await runAction(addToList, { role: "VIEWER", procedureId: recover.id }, as(manager))).toMatchObject({
      ok: true,
      message: "Recover a mailbox added to the viewers' reading list.",
    });
    expect(await auditCount()).toBe(before + 1);
    expect(await db.readingListEntry.findMany({ select: { role: true, procedureId: true, mode: true } })).toEqual([{ role: "VIEWER", procedureId: recover.id, mode: "INCLUDE" }]);
    const viewers = await listOf(viewer);
    expect(viewers.map((i) => [i.code, i.reason, i.reasonLabel])).toEqual([["A3", "ADDED", "Added to the viewers' list"]]);
    // Other roles are not affected.
    expect((await listOf(operator)).map((i) => i.code)).not.toContain("A3");

    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "training.reading_list_add" } });
    expect(event).toMatchObject({ entityType: "ReadingList", entityId: "VIEWER", actorId: manager.id });
    expect(JSON.parse(event.after!)).toMatchObject({ procedureId: recover.id, onList: true, entry: "INCLUDE" });

    // Twice is refused and writes nothing.
    const again = await auditCount();
    expect(await runAction(addToList, { role: "VIEWER", procedureId: recover.id }, as(manager))).toMatchObject({
      ok: false,
      error: "Recover a mailbox is already on the viewers' reading list.",
    });
    expect(await auditCount()).toBe(again);

    expect(await runAction(removeFromList, { role: "VIEWER", procedureId: recover.id }, as(manager))).toMatchObject({ ok: true, message: "Recover a mailbox removed from the viewers' reading list." });
    expect(await db.readingListEntry.count()).toBe(0);
    expect(await listOf(viewer)).toEqual([]);
    expect(await runAction(removeFromList, { role: "VIEWER", procedureId: recover.id }, as(manager))).toMatchObject({ ok: false, error: "Recover a mailbox is not on the viewers' reading list." });
  });

  it("takes a scheduled procedure off a role's list with an exclusion, and puts it back by removing it", async () => {
    const events = await procedure("D6");
    expect(await runAction(removeFromList, { role: "OPERATOR", procedureId: events.id }, as(manager))).toMatchObject({ ok: true });
    expect(await db.readingListEntry.findUniqueOrThrow({ where: { role_procedureId: { role: "OPERATOR", procedureId: events.id } } })).toMatchObject({ mode: "EXCLUDE" });
    expect((await listOf(operator)).map((i) => i.code)).not.toContain("D6");
    const editor = await getReadingListEditor("OPERATOR");
    expect(editor.count).toBe(OPS - 1);
    expect(editor.rows.find((r) => r.code === "D6")!.state).toEqual({ onList: false, byDefault: true, entry: "EXCLUDE" });

    expect(await runAction(addToList, { role: "OPERATOR", procedureId: events.id }, as(admin))).toMatchObject({ ok: true });
    expect(await db.readingListEntry.count()).toBe(0);
    expect((await listOf(operator)).map((i) => i.code)).toContain("D6");
  });

  it("adds what is assigned to a person by name, to that person only, even when the role's list excludes it", async () => {
    const recover = await procedure("A3");
    const disk = await procedure("D4");
    const schedule = await db.schedule.create({
      data: { procedureId: recover.id, rrule: "FREQ=MONTHLY;BYMONTHDAY=1", timeZone: "UTC", anchorDate: "2026-11-01", dueTime: "09:00", assigneeUserId: colleague.id },
    });
    await runAction(removeFromList, { role: "OPERATOR", procedureId: disk.id }, as(manager));
    const diskForCleo = await db.schedule.create({
      data: { procedureId: disk.id, rrule: "FREQ=DAILY", timeZone: "UTC", anchorDate: "2026-11-01", dueTime: "09:00", assigneeUserId: colleague.id },
    });
    const cleo = await listOf(colleague);
    expect(cleo.find((i) => i.code === "A3")).toMatchObject({ reason: "ASSIGNED", reasonLabel: "Assigned to you" });
    expect(cleo.find((i) => i.code === "D4")).toMatchObject({ reason: "ASSIGNED" });
    expect(cleo).toHaveLength(OPS + 1);
    const omar = await listOf(operator);
    expect(omar.map((i) => i.code)).not.toContain("A3");
    expect(omar.map((i) => i.code)).not.toContain("D4");
    expect((await getReadingListEditor("OPERATOR")).rows.find((r) => r.code === "A3")).toMatchObject({ personal: 1, state: { onList: false } });
    // Clean up for the tests below.
    await db.schedule.deleteMany({ where: { id: { in: [schedule.id, diskForCleo.id] } } });
    await runAction(addToList, { role: "OPERATOR", procedureId: disk.id }, as(manager));
    expect(await listOf(colleague)).toHaveLength(OPS);
  });

  it("refuses an unknown procedure, an unknown role and a missing field, writing nothing", async () => {
    const before = await auditCount();
    expect(await runAction(addToList, { role: "VIEWER", procedureId: "nope" }, as(manager))).toMatchObject({ ok: false, error: "That procedure does not exist." });
    expect(await runAction(addToList, { role: "ROOT", procedureId: (await procedure("A3")).id }, as(manager))).toMatchObject({ ok: false, fieldErrors: { role: ["Choose a role."] } });
    expect(await runAction(addToList, { role: "VIEWER" }, as(manager))).toMatchObject({ ok: false, fieldErrors: { procedureId: ["Choose a procedure."] } });
    expect(await auditCount()).toBe(before);
  });
});

describe("read and understood", () => {
  it("records an acknowledgement of the current version with its audit event, for an operator and for a viewer", async () => {
    const backups = await procedure("D2");
    const before = await auditCount();
    expect(await runAction(acknowledge, { versionId: backups.currentVersionId }, as(operator))).toMatchObject({
      ok: true,
      message: "Recorded: you have read and understood version 1 of Check backups.",
    });
    expect(await runAction(acknowledge, { versionId: backups.currentVersionId }, as(viewer))).toMatchObject({ ok: true });
    expect(await auditCount()).toBe(before + 2);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "training.acknowledge", actorId: operator.id } });
    expect(event.entityType).toBe("Acknowledgement");
    expect(JSON.parse(event.after!)).toMatchObject({ userId: operator.id, versionId: backups.currentVersionId, versionNumber: 1, title: "Check backups" });

    const training = await getMyTraining(operator);
    expect(training.progress).toEqual({ total: OPS, current: 1, outdated: 0, missing: OPS - 1 });
    expect(training.items.at(-1)).toMatchObject({ code: "D2", status: "CURRENT", acknowledged: { number: 1 } });
    // A viewer may acknowledge what is not on their list; it does not count as progress.
    expect((await getMyTraining(viewer)).progress.total).toBe(0);
  });

  it("refuses acknowledging the same version twice, and writes nothing", async () => {
    const backups = await procedure("D2");
    const before = { audit: await auditCount(), acks: await db.acknowledgement.count() };
    const result = await runAction(acknowledge, { versionId: backups.currentVersionId }, as(operator));
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toMatch(/^You already acknowledged version 1 of Check backups on \d{1,2} \w{3} \d{4}\.$/);
    expect({ audit: await auditCount(), acks: await db.acknowledgement.count() }).toEqual(before);
  });

  it("refuses anonymous callers, unknown versions and missing input, writing nothing", async () => {
    const backups = await procedure("D2");
    const before = { audit: await auditCount(), acks: await db.acknowledgement.count() };
    expect(await runAction(acknowledge, { versionId: backups.currentVersionId })).toMatchObject({ ok: false, error: "Your session has ended. Sign in again." });
    expect(await runAction(acknowledge, { versionId: "no-such-version" }, as(colleague))).toMatchObject({ ok: false, error: "That procedure version does not exist." });
    expect(await runAction(acknowledge, {}, as(colleague))).toMatchObject({ ok: false, fieldErrors: { versionId: ["Missing procedure version."] } });
    expect({ audit: await auditCount(), acks: await db.acknowledgement.count() }).toEqual(before);
  });

  it("after a new version, marks the old acknowledgement outdated, shows what changed, refuses the old version and accepts the new one", async () => {
    const old = await procedure("D2");
    await runAction(acknowledge, { versionId: old.currentVersionId }, as(colleague));
    const v2 = await publishNewVersion("D2", "Check the tape library's cleaning cartridge too.", (c) => {
      c.items.push({ ...c.items[0]!, key: "cleaning-cartridge", text: "Cleaning cartridge present and not expired", kind: "CHECK", required: true });
    });
    expect(v2.number).toBe(2);

    // The matrix: Omar and Cleo acknowledged version 1 (outdated), Vera acknowledged it off-list, Maya never (not on her list).
    const matrix = await getTrainingMatrix();
    const backups = matrix.procedures.find((p) => p.code === "D2")!;
    expect(backups.number).toBe(2);
    expect(matrix.cells.get(cellKey(operator.id, backups.id))).toMatchObject({ required: true, status: "OUTDATED", acknowledged: { number: 1 } });
    expect(matrix.cells.get(cellKey(colleague.id, backups.id))).toMatchObject({ required: true, status: "OUTDATED" });
    expect(matrix.cells.get(cellKey(viewer.id, backups.id))).toMatchObject({ required: false, status: "OUTDATED" });
    expect(matrix.cells.get(cellKey(manager.id, backups.id))).toBeUndefined();
    const disk = matrix.procedures.find((p) => p.code === "D4")!;
    expect(matrix.cells.get(cellKey(operator.id, disk.id))).toMatchObject({ required: true, status: "MISSING", acknowledged: null });
    expect(matrix.users.find((u) => u.id === operator.id)!.progress).toEqual({ total: OPS, current: 0, outdated: 1, missing: OPS - 1 });
    // Procedures on nobody's list are not rows.
    expect(matrix.procedures.map((p) => p.code)).not.toContain("A5");

    // The panel on the procedure page asks again, with the change notes and the summary.
    const panel = await getAcknowledgementPanel(operator.id, old.slug);
    expect(panel).toMatchObject({
      status: "OUTDATED",
      number: 2,
      acknowledged: { number: 1 },
      onList: true,
      changes: [{ number: 2, changeNote: "Check the tape library's cleaning cartridge too." }],
      summary: ["Checklist: 1 added."],
    });

    const before = await auditCount();
    expect(await runAction(acknowledge, { versionId: old.currentVersionId }, as(operator))).toMatchObject({
      ok: false,
      error: "Version 1 of Check backups is no longer current: version 2 replaced it. Read version 2 and acknowledge that one.",
    });
    expect(await auditCount()).toBe(before);

    expect(await runAction(acknowledge, { versionId: v2.id }, as(operator))).toMatchObject({ ok: true, message: "Recorded: you have read and understood version 2 of Check backups." });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "training.acknowledge", actorId: operator.id }, orderBy: { seq: "desc" } });
    expect(JSON.parse(event.before!)).toMatchObject({ versionNumber: 1 });

    const after = await getTrainingMatrix({ role: "OPERATOR" });
    expect(after.users.map((u) => u.name)).toEqual(["Cleo Colleague", "Omar Operator"]);
    expect(after.cells.get(cellKey(operator.id, backups.id))).toMatchObject({ status: "CURRENT", acknowledged: { number: 2 } });
    expect(after.cells.get(cellKey(colleague.id, backups.id))).toMatchObject({ status: "OUTDATED", acknowledged: { number: 1 } });
    expect(after.totals.get(backups.id)).toEqual({ required: 2, current: 1 });
    expect(await getAcknowledgementPanel(operator.id, old.slug)).toMatchObject({ status: "CURRENT", changes: [], summary: [] });
    expect(await getAcknowledgementPanel(manager.id, old.slug)).toMatchObject({ status: "MISSING", onList: false });
    expect(await getAcknowledgementPanel(operator.id, "no-such-procedure")).toBeNull();
  });

  it("exports the matrix in long form: one row per person and procedure on their list or acknowledged", async () => {
    const rows = await trainingMatrixRows();
    const omar = rows.filter((r) => r.email === operator.email);
    expect(omar).toHaveLength(OPS);
    expect(omar.find((r) => r.code === "D2")).toMatchObject({ status: "CURRENT", currentVersion: 2, acknowledgedVersion: 2, onReadingList: "yes", reason: "ROLE" });
    expect(omar.find((r) => r.code === "D4")).toMatchObject({ status: "MISSING", acknowledgedVersion: "", acknowledgedAt: "" });
    expect(rows.filter((r) => r.email === viewer.email)).toEqual([expect.objectContaining({ code: "D2", onReadingList: "no", status: "OUTDATED" })]);
    expect((await trainingMatrixRows({ role: "MANAGER" })).map((r) => r.code).sort()).toEqual(["M2", "W3", "W9"]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe("requiring acknowledgement before recording", () => {
  /** A run of the procedure's current version whose day has started. */
  async function makeRun(code: string) {
    const p = await procedure(code);
    const now = Date.now();
    return db.run.create({
      data: {
        procedureId: p.id, versionId: p.currentVersionId!, periodKey: `ack-${Math.random()}`, scopeKey: "-", cadence: "DAILY",
        localDate: new Date(now).toISOString().slice(0, 10), opensAt: new Date(now - 6 * HOUR), dueAt: new Date(now + 2 * HOUR), graceEndsAt: new Date(now + 4 * HOUR),
      },
    });
  }
  const check = (user: CurrentUser, runId: string) => db.$transaction((tx) => assertMayRecord(tx, user, runId));
  const setting = (on: boolean) => db.organisationSettings.update({ where: { id: 1 }, data: { requireAcknowledgement: on } });

  it("is switched on and off by an administrator in the organisation settings, one audit event each; a manager is refused", async () => {
    const update = actionDefinition("settings.update");
    const current = await db.organisationSettings.findUniqueOrThrow({ where: { id: 1 } });
    const form = { name: "Contoso", timeZone: current.timeZone, businessDays: ["1", "2", "3", "4", "5"] };
    const before = await auditCount();
    expect(await runAction(update, { ...form, requireAcknowledgement: "on" }, as(manager))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await auditCount()).toBe(before);
    expect(await runAction(update, { ...form, requireAcknowledgement: "on" }, as(admin))).toMatchObject({
      ok: true,
      message: "Settings saved. Runs generated from now on use them. Operators now acknowledge a procedure's version before recording results on it.",
    });
    expect((await db.organisationSettings.findUniqueOrThrow({ where: { id: 1 } })).requireAcknowledgement).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "settings.update" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(event.before!)).toMatchObject({ requireAcknowledgement: false });
    expect(JSON.parse(event.after!)).toMatchObject({ requireAcknowledgement: true });
    // An unticked box sends nothing: the setting goes off.
    expect(await runAction(update, form, as(admin))).toMatchObject({
      ok: true,
      message: "Settings saved. Runs generated from now on use them. Operators no longer need to acknowledge a procedure before recording results.",
    });
    expect(await auditCount()).toBe(before + 2);
  });

  it("is off by default: anyone who may record, records", async () => {
    expect((await db.organisationSettings.findUniqueOrThrow({ where: { id: 1 } })).requireAcknowledgement).toBe(false);
    expect(await db.organisationSettings.count()).toBe(1);
    const run = await makeRun("D3");
    await expect(check(colleague, run.id)).resolves.toBeUndefined();
  });

  it("when on, refuses an operator who has not acknowledged the run's version, and allows one who has (and managers)", async () => {
    await setting(true);
    try {
      const cpu = await makeRun("D3");
      await expect(check(colleague, cpu.id)).rejects.toThrow(new Forbidden("Read and acknowledge version 1 of Check CPU and memory use before recording results on this run."));
      expect(await acknowledgementNeeded(db, colleague, cpu.id)).toMatchObject({ slug: "check-cpu-and-memory-use", number: 1 });
      expect(await acknowledgementNeededForRun(manager, cpu.id)).toBeNull();
      await expect(check(manager, cpu.id)).resolves.toBeUndefined();
      await expect(check(admin, cpu.id)).resolves.toBeUndefined();

      const d3 = await procedure("D3");
      expect(await runAction(acknowledge, { versionId: d3.currentVersionId }, as(colleague))).toMatchObject({ ok: true });
      await expect(check(colleague, cpu.id)).resolves.toBeUndefined();

      // A run still pinned to version 2 of Check backups: Cleo acknowledged only version 1.
      const backupsRun = await makeRun("D2");
      await expect(check(colleague, backupsRun.id)).rejects.toThrow("Read and acknowledge version 2 of Check backups before recording results on this run.");
      await expect(check(operator, backupsRun.id)).resolves.toBeUndefined();

      // A later version counts for a run pinned to an earlier one (only the current can be acknowledged).
      const v3 = await publishNewVersion("D2", "Clearer wording.", (c) => {
        c.purpose = `${c.purpose} Clearer.`;
      });
      await expect(check(colleague, backupsRun.id)).rejects.toThrow("Read and acknowledge version 3 of Check backups before recording results on this run.");
      expect(await runAction(acknowledge, { versionId: v3.id }, as(colleague))).toMatchObject({ ok: true });
      await expect(check(colleague, backupsRun.id)).resolves.toBeUndefined();
    } finally {
      await setting(false);
    }
  });

  it("is enforced by the real result.record action: refused with the message and nothing written, then accepted once acknowledged", async () => {
    await import("@/lib/runs/actions");
    const record = actionDefinition("result.record");
    const learner = await makeUser("OPERATOR", { name: "Lee Learner" });
    await setting(true);
    try {
      const run = await makeRun("D1");
      const item = await db.checklistItem.findFirstOrThrow({ where: { versionId: run.versionId }, orderBy: { position: "asc" } });
      const input = { runId: run.id, itemId: item.id, outcome: "PASS", value: "", note: "", expectedRevision: "0" };
      const before = await auditCount();
      const refused = await runAction(record, input, as(learner));
      expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/^Read and acknowledge version \d+ of Perform physical environment checks before recording results on this run\.$/) });
      expect(await db.result.count({ where: { runId: run.id } })).toBe(0);
      expect(await auditCount()).toBe(before);
      expect((await runAction(acknowledge, { versionId: run.versionId }, as(learner))).ok).toBe(true);
      expect(await runAction(record, input, as(learner))).toMatchObject({ ok: true });
      expect(await db.result.count({ where: { runId: run.id } })).toBe(1);
    } finally {
      await setting(false);
    }
  });
});
