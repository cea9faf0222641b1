// The upgrade path of a library release (decision 003) on a real database: a portal seeded with
// the previous library (tests/fixtures/library-2026-12), with runs, a recorded result and a
// procedure the team edited, then started with the current library.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import { verifyAuditChain } from "@/lib/audit/verify";
import { versionContent } from "@/lib/procedures/content";
import { DEFAULT_LIBRARY, seedDatabase, seedHashOf, type SeedLibrary, type SeedReport } from "@/lib/procedures/seed";
import { LIBRARY_DRAFT_ACTION } from "@/lib/procedures/library-upgrade";
import { generateRuns } from "@/lib/scheduling/generation";
import type { CurrentUser } from "@/lib/auth/session";
import type { SeedProcedure } from "@/prisma/seed/types";
import * as previous from "../fixtures/library-2026-12/library";
import { seedSchedules as previousSchedules } from "../fixtures/library-2026-12/schedules";
import { actionDefinition, as, makeUser } from "../support/fixtures";
import "@/lib/procedures/actions";
import "@/lib/runs/actions";

const save = actionDefinition("procedure.draft_save");
const publish = actionDefinition("procedure.publish");
const discard = actionDefinition("procedure.draft_discard");
const record = actionDefinition("result.record");

const PREVIOUS: SeedLibrary = {
  tools: previous.seedTools,
  servers: previous.seedServers,
  variables: previous.seedVariables,
  procedures: previous.seedProcedures as unknown as SeedProcedure[],
  schedules: previousSchedules,
};

// A schedule this test adds to the release (an as-needed procedure made daily), so that a new
// seeded schedule is always there to check, whatever schedules the release itself adds.
const EXTRA_SCHEDULE = { code: "A9", rule: { kind: "DAILY" as const }, dueTime: "10:00", graceMinutes: 240, assigneeRole: "OPERATOR" as const, scope: "ORGANISATION" as const };
const NEXT: SeedLibrary = { ...DEFAULT_LIBRARY, schedules: [...DEFAULT_LIBRARY.schedules, EXTRA_SCHEDULE] };

// The organisation is on UTC (the default). The previous library goes in on 1 December; the
// release arrives on the morning of 3 December; "tomorrow" is then 4 December.
const INSTALLED = new Date("2026-12-01T07:00:00Z");
const UPGRADED = new Date("2026-12-03T09:30:00Z");
const TODAY = "2026-12-03";
const TOMORROW = "2026-12-04";

const GENERIC_NOTE = "Updated from a newer Opsbook library release.";
const hashes = (library: SeedLibrary) => new Map(library.procedures.map((p) => [p.code, seedHashOf(p)]));
const changedCodes = () => {
  const before = hashes(PREVIOUS);
  return NEXT.procedures.filter((p) => before.has(p.code) && before.get(p.code) !== seedHashOf(p)).map((p) => p.code);
};

/** The edited procedure and the procedure whose runs are followed: both changed by the release, if it changes them. */
const EDITED = "D4";
const FOLLOWED = "D5";
/** An edited procedure with a draft of the team's open when the release arrives. */
const BUSY = "D3";
const busySlug = NEXT.procedures.find((p) => p.code === BUSY)!.slug;

let manager: CurrentUser;
let operator: CurrentUser;
let editedId: string;
let busyId: string;
let editedVersionId: string;
let startedRunId: string;
let futureRunId: string;
let oldFollowedVersionId: string;
let report: SeedReport;

beforeAll(async () => {
  await seedDatabase(db, { library: PREVIOUS, now: INSTALLED, releaseChecks: false });
  manager = await makeUser("MANAGER", { name: "Maya Manager" });
  operator = await makeUser("OPERATOR", { name: "Omar Operator" });
  await generateRuns(db, { now: UPGRADED });

  // A run of today that the operator started: one result recorded.
  const followed = await db.procedure.findUniqueOrThrow({ where: { seedCode: FOLLOWED }, select: { id: true, currentVersionId: true } });
  oldFollowedVersionId = followed.currentVersionId!;
  const today = await db.run.findFirstOrThrow({ where: { procedureId: followed.id, localDate: TODAY }, orderBy: { id: "asc" }, include: { version: { include: { items: { include: { roles: true }, orderBy: { position: "asc" } } } }, server: { include: { roles: true } } } });
  const serverRoles = new Set(today.server?.roles.map((r) => r.role) ?? []);
  const item = today.version.items.find((i) => i.kind === "CHECK" && (i.roles.length === 0 || i.roles.some((r) => serverRoles.has(r.role))))!;
  const recorded = await runAction(record, { runId: today.id, itemId: item.id, outcome: "PASS", value: "", note: "", expectedRevision: "0" }, as(operator, UPGRADED));
  expect(recorded).toMatchObject({ ok: true });
  startedRunId = today.id;
  futureRunId = (await db.run.findFirstOrThrow({ where: { procedureId: followed.id, localDate: "2026-12-05" }, select: { id: true } })).id;

  // The team edits and publishes one seeded procedure from the editor.
  const edited = await db.procedure.findUniqueOrThrow({ where: { seedCode: EDITED }, select: { id: true, currentVersionId: true } });
  editedId = edited.id;
  const content = (await versionContent(db, edited.currentVersionId!))!;
  const saved = await runAction(save, { procedureId: edited.id, expectedRevision: "0", content: JSON.stringify({ ...content, purpose: `${content.purpose} Our site checks the SAN console too.` }) }, as(manager, UPGRADED));
  expect(saved).toMatchObject({ ok: true });
  const published = await runAction(publish, { procedureId: edited.id, expectedRevision: "1", changeNote: "Our SAN console check." }, as(manager, UPGRADED));
  expect(published).toMatchObject({ ok: true });
  editedVersionId = (await db.procedure.findUniqueOrThrow({ where: { id: edited.id }, select: { currentVersionId: true } })).currentVersionId!;

  // A second edited procedure on which the team has a draft open when the release arrives.
  const busy = await db.procedure.findUniqueOrThrow({ where: { seedCode: BUSY }, select: { id: true, currentVersionId: true } });
  busyId = busy.id;
  const busyContent = (await versionContent(db, busy.currentVersionId!))!;
  expect(await runAction(save, { procedureId: busy.id, expectedRevision: "0", content: JSON.stringify({ ...busyContent, purpose: `${busyContent.purpose} Local note.` }) }, as(manager, UPGRADED))).toMatchObject({ ok: true });
  expect(await runAction(publish, { procedureId: busy.id, expectedRevision: "1", changeNote: "Local note." }, as(manager, UPGRADED))).toMatchObject({ ok: true });
  expect(await runAction(save, { procedureId: busy.id, expectedRevision: "0", content: JSON.stringify({ ...busyContent, purpose: `${busyContent.purpose} Work in progress.` }) }, as(manager, UPGRADED))).toMatchObject({ ok: true });

  report = await seedDatabase(db, { library: NEXT, now: UPGRADED });
});

describe("a portal that starts with a new library release", () => {
  it("the release corrects the procedures the test follows", () => {
    expect(changedCodes()).toEqual(expect.arrayContaining([EDITED, FOLLOWED]));
  });

  it("publishes a new version of every untouched procedure the release changed, with its change note", async () => {
    const changed = changedCodes().filter((code) => code !== EDITED && code !== BUSY);
    expect(report.proceduresUpdated).toBe(changed.length);
    for (const code of changed) {
      const seed = NEXT.procedures.find((p) => p.code === code)!;
      const p = await db.procedure.findUniqueOrThrow({ where: { seedCode: code }, select: { currentVersion: { select: { number: true, source: true, changeNote: true } } } });
      expect(p.currentVersion, code).toEqual({ number: 2, source: "SEED", changeNote: seed.changeNote?.trim() || GENERIC_NOTE });
    }
    const unchanged = NEXT.procedures.filter((p) => PREVIOUS.procedures.some((q) => q.code === p.code) && !changedCodes().includes(p.code));
    for (const seed of unchanged) {
      const p = await db.procedure.findUniqueOrThrow({ where: { seedCode: seed.code }, select: { currentVersion: { select: { number: true } } } });
      expect(p.currentVersion?.number, seed.code).toBe(1);
    }
  });

  it("keeps a started run on its old version and moves an untouched future run to the new one", async () => {
    const followed = await db.procedure.findUniqueOrThrow({ where: { seedCode: FOLLOWED }, select: { currentVersionId: true } });
    expect(followed.currentVersionId).not.toBe(oldFollowedVersionId);
    expect((await db.run.findUniqueOrThrow({ where: { id: startedRunId } })).versionId).toBe(oldFollowedVersionId);
    expect((await db.run.findUniqueOrThrow({ where: { id: futureRunId } })).versionId).toBe(followed.currentVersionId);
    expect(report.runsRepinned).toBeGreaterThan(0);
  });

  it("never overwrites the edited procedure: it gets one draft from the team's version, with the library's corrections in its note", async () => {
    const edited = NEXT.procedures.find((p) => p.code === EDITED)!;
    expect(report.proceduresKeptAsEdited).toContain(edited.slug);
    expect(report.draftsOffered).toEqual([edited.slug]);
    const procedure = await db.procedure.findUniqueOrThrow({ where: { id: editedId }, select: { currentVersionId: true, drafts: true } });
    expect(procedure.currentVersionId).toBe(editedVersionId);
    expect(procedure.drafts).toHaveLength(1);
    const draft = procedure.drafts[0]!;
    expect(draft).toMatchObject({ baseVersionId: editedVersionId, authorId: manager.id, status: "EDITING" });
    // The draft starts from the team's text, not the library's.
    expect(JSON.parse(draft.content)).toEqual(await versionContent(db, editedVersionId));
    if (edited.changeNote) expect(draft.libraryNote).toContain(edited.changeNote.trim().slice(0, 60));
    expect(draft.libraryNote).toMatch(/\*\*Why:\*\*/);
    expect(draft.libraryNote).toMatch(/→/);
    expect(draft.libraryNote.length).toBeLessThan(16_000);
    const events = await db.auditEvent.findMany({ where: { action: LIBRARY_DRAFT_ACTION, entityId: editedId } });
    expect(events).toHaveLength(1);
  });

  it("starts a newly seeded schedule tomorrow, not today", async () => {
    const before = new Set(PREVIOUS.schedules.map((s) => s.code));
    const added = NEXT.schedules.filter((s) => !before.has(s.code)).map((s) => s.code);
    expect(added).toContain("A9");
    await generateRuns(db, { now: UPGRADED });
    for (const code of added) {
      const schedule = await db.schedule.findUniqueOrThrow({ where: { seedKey: code }, select: { id: true, effectiveFrom: true, anchorDate: true } });
      expect(schedule, code).toMatchObject({ effectiveFrom: new Date(`${TOMORROW}T00:00:00Z`), anchorDate: TOMORROW });
      const first = await db.run.findFirst({ where: { scheduleId: schedule.id }, orderBy: { localDate: "asc" }, select: { localDate: true } });
      if (first) expect(first.localDate >= TOMORROW, code).toBe(true);
    }
    const daily = await db.run.findFirst({ where: { schedule: { seedKey: "A9" } }, orderBy: { localDate: "asc" }, select: { localDate: true } });
    expect(daily?.localDate).toBe(TOMORROW);
  });

  it("offers no draft for an edited procedure whose team draft is open, and reports it; the team's draft is untouched", async () => {
    expect(changedCodes()).toContain(BUSY);
    expect(report.draftsSkippedExisting).toEqual([busySlug]);
    const drafts = await db.procedureDraft.findMany({ where: { procedureId: busyId } });
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.libraryNote).toBe("");
    expect(drafts[0]!.content).toContain("Work in progress.");
  });

  it("adds no second draft when the same library is seeded again, and says so", async () => {
    const edited = NEXT.procedures.find((p) => p.code === EDITED)!;
    const again = await seedDatabase(db, { library: NEXT, now: UPGRADED });
    expect(again).toMatchObject({ proceduresUpdated: 0, proceduresCreated: 0, schedulesCreated: 0, draftsOffered: [], draftsSkippedExisting: [busySlug], draftsAlreadyOffered: [edited.slug] });
    expect(await db.procedureDraft.count({ where: { procedureId: editedId } })).toBe(1);
  });

  it("does not offer the same corrections again once the team discarded the draft", async () => {
    const edited = NEXT.procedures.find((p) => p.code === EDITED)!;
    const draft = await db.procedureDraft.findFirstOrThrow({ where: { procedureId: editedId } });
    expect(await runAction(discard, { procedureId: editedId, expectedRevision: String(draft.revision) }, as(manager, UPGRADED))).toMatchObject({ ok: true });
    const again = await seedDatabase(db, { library: NEXT, now: UPGRADED });
    expect(again).toMatchObject({ draftsOffered: [], draftsSkippedExisting: [busySlug], draftsAlreadyOffered: [edited.slug] });
    expect(await db.procedureDraft.count({ where: { procedureId: editedId } })).toBe(0);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
