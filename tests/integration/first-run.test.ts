// The first-run guide against a real database: setup seeds the new hires' list, each step is
// detected from the data, "Looks right" and dismissing are administrators' actions (paired allow
// and deny), and retiring the demo servers withdraws only their untouched future runs.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import { writeAuditEvent } from "@/lib/audit/write";
import "@/lib/guide/actions";
import "@/lib/servers/actions";
import "@/lib/servers/demo-actions";
import "@/lib/settings/actions";
import "@/lib/runs/actions";
import { readGuideFacts } from "@/lib/guide/queries";
import { guideSteps, guideVisible } from "@/lib/guide/steps";
import { seedDatabase } from "@/lib/procedures/seed";
import { generateRuns } from "@/lib/scheduling/generation";
import { markSeededDemoServers } from "@/lib/servers/demo";
import { NEW_HIRE_CODES } from "@/lib/training/new-hires";
import { createFirstAdmin } from "@/lib/users/setup";
import { seedServers } from "@/prisma/seed/servers";
import type { CurrentUser } from "@/lib/auth/session";
import { actionDefinition, as, auditCount, makeUser, TEST_REQUEST } from "../support/fixtures";

// The main e2e suite's clock: 07:00 UTC on Wednesday 9 December 2026, before the dailies' 10:00.
const NOW = new Date("2026-12-09T07:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

const confirmStep = actionDefinition("guide.confirm_step");
const dismiss = actionDefinition("guide.dismiss");
const retireDemo = actionDefinition("server.retire_demo");
const createServer = actionDefinition("server.create");
const updateSettings = actionDefinition("settings.update");
const addHoliday = actionDefinition("settings.add_holiday");

let admin: CurrentUser;
const steps = async () => Object.fromEntries(guideSteps(await readGuideFacts(db)).map((s) => [s.step, s.done]));

beforeAll(async () => {
  await seedDatabase(db, { now: NOW });
  const made = await createFirstAdmin({ email: "ada@example.test", name: "Ada Admin", password: "Granite-Harbour-2026", confirm: "Granite-Harbour-2026" }, TEST_REQUEST);
  expect(made).toMatchObject({ ok: true });
  const row = await db.user.findUniqueOrThrow({ where: { email: "ada@example.test" }, select: { id: true, email: true, name: true } });
  admin = { ...row, role: "ADMIN" };
  // Schedules in force since the start of the month, so the demo servers have past runs too.
  await db.schedule.updateMany({ data: { effectiveFrom: new Date("2026-12-01T00:00:00Z"), anchorDate: "2026-12-01" } });
  await generateRuns(db, { now: NOW });
}, 120_000);

describe("the seed and setup", () => {
  it("seeds the demo servers marked as demo, and setup gives the new hires every daily, the recovery procedures and the MOF reading page", async () => {
    const servers = await db.server.findMany({ select: { name: true, demo: true } });
    expect(servers).toHaveLength(7);
    expect(servers.every((s) => s.demo)).toBe(true);

    const entries = await db.readingListEntry.findMany({ where: { role: "VIEWER" }, select: { mode: true, procedure: { select: { seedCode: true, currentVersion: { select: { cadence: true } } } } } });
    const dailies = await db.procedure.count({ where: { currentVersion: { cadence: "DAILY" } } });
    expect(dailies).toBe(16);
    expect(entries.every((e) => e.mode === "INCLUDE")).toBe(true);
    expect(entries.filter((e) => e.procedure.currentVersion?.cadence === "DAILY")).toHaveLength(dailies);
    expect(entries.filter((e) => e.procedure.currentVersion?.cadence !== "DAILY").map((e) => e.procedure.seedCode).sort()).toEqual([...NEW_HIRE_CODES].sort());
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "setup.create_first_admin" } });
    expect(JSON.parse(event.after!).newHireReadingList).toHaveLength(dailies + NEW_HIRE_CODES.length);
  });

  it("seeds again without adding anything, and never refills a list a manager emptied", async () => {
    const before = await db.readingListEntry.count();
    const events = await auditCount();
    await seedDatabase(db, { now: NOW });
    expect(await db.readingListEntry.count()).toBe(before);
    expect(await auditCount()).toBe(events);
    // Setup is what seeds the list, and it succeeds once per database.
    expect(await createFirstAdmin({ email: "bob@example.test", name: "Bob", password: "Granite-Harbour-2027", confirm: "Granite-Harbour-2027" }, TEST_REQUEST)).toMatchObject({ ok: false });
  });

  it("marks seeded demo servers of an older database, but not servers the seed did not create or whose host name changed", async () => {
    const names = ["EXMBX01", "EXMBX02", "EXHUB01"];
    await db.server.updateMany({ where: { name: { in: names } }, data: { demo: false } });
    // EXMBX02 was given its real host name; EXHUB01 is deleted and added again by a person.
    await db.server.update({ where: { name: "EXMBX02" }, data: { fqdn: "mbx02.example.org" } });
    const hub = await db.server.findUniqueOrThrow({ where: { name: "EXHUB01" } });
    await db.server.update({ where: { id: hub.id }, data: { name: "EXHUB01-OLD" } });
    const ownHub = await db.server.create({ data: { name: "EXHUB01", fqdn: "EXHUB01.contoso.local", site: "London-HQ" } });
    await db.$transaction((tx) => writeAuditEvent(tx, { id: admin.id, label: admin.email }, TEST_REQUEST, { action: "server.create", entityType: "Server", entityId: ownHub.id }));

    const marked = await db.$transaction((tx) => markSeededDemoServers(tx, seedServers));
    expect(marked).toEqual(["EXMBX01"]);
    expect((await db.server.findUniqueOrThrow({ where: { name: "EXMBX01" } })).demo).toBe(true);
    expect((await db.server.findUniqueOrThrow({ where: { name: "EXMBX02" } })).demo).toBe(false);
    expect((await db.server.findUniqueOrThrow({ where: { name: "EXHUB01" } })).demo).toBe(false);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "server.mark_demo" }, orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ actorId: null, actorLabel: "system:seed", entityType: "Server" });
    // Idempotent.
    expect(await db.$transaction((tx) => markSeededDemoServers(tx, seedServers))).toEqual([]);

    // Put the inventory back as the seed left it for the tests below.
    await db.server.delete({ where: { id: ownHub.id } });
    await db.server.update({ where: { id: hub.id }, data: { name: "EXHUB01", demo: true } });
    await db.server.update({ where: { name: "EXMBX02" }, data: { fqdn: "EXMBX02.contoso.local", demo: true } });
  });
});

describe("the guide's steps follow the data", () => {
  it("starts with only the reading list done, for administrators only", async () => {
    expect(await steps()).toEqual({ organisation: false, calendar: false, servers: false, users: false, readingList: true });
    expect(guideVisible(await readGuideFacts(db))).toBe(true);
    const { getFirstRunGuide } = await import("@/lib/guide/queries");
    expect(await getFirstRunGuide({ role: "MANAGER" })).toBeNull();
    expect((await getFirstRunGuide({ role: "ADMIN" }))?.done).toBe(1);
  });

  it("counts a person's settings save, a holiday, a second user and an own server", async () => {
    // The seed's own settings row is not a person's save.
    expect((await readGuideFacts(db)).settingsSavedAt).toBeNull();
    expect(await runAction(updateSettings, { name: "Contoso", timeZone: "UTC", businessDays: ["1", "2", "3", "4", "5"] }, as(admin, later(1)))).toMatchObject({ ok: true });
    expect(await steps()).toMatchObject({ organisation: true, calendar: false });
    // Saving the form with other business days confirms the calendar too.
    expect(await runAction(updateSettings, { name: "Contoso", timeZone: "UTC", businessDays: ["1", "2", "3", "4", "5", "6"] }, as(admin, later(2)))).toMatchObject({ ok: true });
    expect(await steps()).toMatchObject({ calendar: true });
    // When: the audit event's own instant (written from the clock, not the action's `now`).
    const save = await db.auditEvent.findFirstOrThrow({ where: { action: "settings.update" }, orderBy: { seq: "desc" } });
    expect((await readGuideFacts(db)).calendarChangedAt).toEqual(save.at);
    expect(await runAction(updateSettings, { name: "Contoso", timeZone: "UTC", businessDays: ["1", "2", "3", "4", "5"] }, as(admin, later(3)))).toMatchObject({ ok: true });

    await makeUser("OPERATOR");
    expect(await steps()).toMatchObject({ users: true });

    expect(await runAction(createServer, { name: "MBX-LON-1", fqdn: "", site: "London", description: "", roles: ["MAILBOX"] }, as(admin, later(4)))).toMatchObject({ ok: true });
    expect(await steps()).toMatchObject({ servers: true });
    await db.server.update({ where: { name: "MBX-LON-1" }, data: { active: false } });
    expect(await steps()).toMatchObject({ servers: false });

    const holiday = await db.holiday.count();
    expect(await runAction(addHoliday, { date: "2026-12-25", name: "Christmas Day" }, as(admin, later(5)))).toMatchObject({ ok: true });
    expect(await db.holiday.count()).toBe(holiday + 1);
  });
});

describe("confirming a step and dismissing the guide", () => {
  it("refuses anyone but an administrator (deny), and changes nothing", async () => {
    for (const role of ["VIEWER", "OPERATOR", "MANAGER"] as const) {
      const user = await makeUser(role);
      const before = { settings: await db.organisationSettings.findUniqueOrThrow({ where: { id: 1 } }), audit: await auditCount() };
      for (const [action, input] of [[confirmStep, { step: "organisation" }], [dismiss, { guide: "first-run" }]] as const) {
        expect(await runAction(action, input, as(user, later(6)))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
      }
      expect({ settings: await db.organisationSettings.findUniqueOrThrow({ where: { id: 1 } }), audit: await auditCount() }).toEqual(before);
    }
  });

  it("lets an administrator confirm a settings step once (allow), audited, and refuses the data-driven steps", async () => {
    await db.organisationSettings.update({ where: { id: 1 }, data: { guideSteps: "{}" } });
    const before = await auditCount();
    expect(await runAction(confirmStep, { step: "organisation" }, as(admin, later(7)))).toMatchObject({ ok: true, message: "Marked done: Organisation name and time zone." });
    expect(await auditCount()).toBe(before + 1);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "guide.confirm_step", entityType: "OrganisationSettings", entityId: "1", actorId: admin.id });
    expect(JSON.parse((await db.organisationSettings.findUniqueOrThrow({ where: { id: 1 } })).guideSteps)).toEqual({ organisation: later(7).toISOString() });
    expect(await runAction(confirmStep, { step: "organisation" }, as(admin, later(8)))).toMatchObject({ ok: false, error: "Organisation name and time zone is already marked done." });
    expect(await runAction(confirmStep, { step: "servers" }, as(admin, later(8)))).toMatchObject({ ok: false, fieldErrors: { step: ["Choose a step of the guide."] } });
    expect(await auditCount()).toBe(before + 1);
  });

  it("dismisses the guide once: it is then hidden whatever is left", async () => {
    expect(guideVisible(await readGuideFacts(db))).toBe(true);
    expect(await runAction(dismiss, { guide: "first-run" }, as(admin, later(9)))).toMatchObject({ ok: true });
    expect(guideVisible(await readGuideFacts(db))).toBe(false);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "guide.dismiss", actorId: admin.id });
    expect(JSON.parse(event.after!).stepsOpen).toEqual(["servers"]);
    expect(await runAction(dismiss, { guide: "first-run" }, as(admin, later(10)))).toMatchObject({ ok: false, error: "The first-run guide is already dismissed." });
    expect(await runAction(dismiss, { guide: "yes" }, as(admin, later(10)))).toMatchObject({ ok: false });
    await db.organisationSettings.update({ where: { id: 1 }, data: { guideDismissedAt: null } });
  });
});

describe("retiring the demo servers", () => {
  it("refuses anyone but an administrator (deny), writing nothing", async () => {
    const ids = (await db.server.findMany({ where: { demo: true, active: true }, select: { id: true } })).map((s) => s.id);
    for (const role of ["VIEWER", "OPERATOR", "MANAGER"] as const) {
      const user = await makeUser(role);
      const before = { active: await db.server.count({ where: { active: true } }), audit: await auditCount() };
      expect(await runAction(retireDemo, { serverIds: ids }, as(user, later(20)))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
      expect({ active: await db.server.count({ where: { active: true } }), audit: await auditCount() }).toEqual(before);
    }
  });

  it("refuses a server that is not a demo server or does not exist, changing nothing", async () => {
    const ids = (await db.server.findMany({ where: { demo: true, active: true }, select: { id: true } })).map((s) => s.id);
    const own = await db.server.findUniqueOrThrow({ where: { name: "MBX-LON-1" } });
    const before = { active: await db.server.count({ where: { active: true } }), runs: await db.run.count(), audit: await auditCount() };
    expect(await runAction(retireDemo, { serverIds: [...ids, own.id] }, as(admin, later(21)))).toMatchObject({ ok: false, error: "MBX-LON-1 is not a demo server; only demo servers are retired here." });
    expect(await runAction(retireDemo, { serverIds: [...ids, "no-such-server"] }, as(admin, later(21)))).toMatchObject({ ok: false });
    expect(await runAction(retireDemo, { serverIds: [] }, as(admin, later(21)))).toMatchObject({ ok: false });
    expect({ active: await db.server.count({ where: { active: true } }), runs: await db.run.count(), audit: await auditCount() }).toEqual(before);
  });

  it("retires them all in one audited step, withdrawing only untouched future runs, and does it once (allow)", async () => {
    const manager = await makeUser("MANAGER");
    const operator = await makeUser("OPERATOR");
    const demo = await db.server.findMany({ where: { demo: true, active: true }, select: { id: true, name: true } });
    expect(demo).toHaveLength(7);
    const ids = demo.map((s) => s.id);
    const at = later(30);
    const onDemo = { serverId: { in: ids } };

    // Three future runs someone touched: a result recorded, a skip, an incident; all stay.
    const future = await db.run.findMany({ where: { ...onDemo, scheduleId: { not: null }, dueAt: { gt: at } }, orderBy: [{ dueAt: "asc" }, { id: "asc" }], take: 3, include: { version: { include: { items: { orderBy: { position: "asc" } } } } } });
    expect(future).toHaveLength(3);
    const [recorded, skipped, withIncident] = future;
    await db.result.create({ data: { runId: recorded!.id, itemId: recorded!.version.items[0]!.id, revision: 1, outcome: "PASS", recordedById: operator.id, recordedAt: later(25) } });
    expect(await runAction(actionDefinition("run.skip"), { runId: skipped!.id, reason: "Server being rebuilt this week" }, as(manager, later(26)))).toMatchObject({ ok: true });
    await db.incident.create({ data: { title: "Queue growing", severity: 3, status: "OPEN", description: "", openedById: operator.id, sourceRunId: withIncident!.id } });
    const touched = [recorded!.id, skipped!.id, withIncident!.id];

    const past = await db.run.findMany({ where: { ...onDemo, dueAt: { lte: at } }, select: { id: true } });
    expect(past.length).toBeGreaterThan(0);
    const untouched = await db.run.findMany({ where: { ...onDemo, scheduleId: { not: null }, dueAt: { gt: at }, id: { notIn: touched } }, select: { id: true } });
    expect(untouched.length).toBeGreaterThan(0);

    const before = await auditCount();
    const result = await runAction(retireDemo, { serverIds: ids }, as(admin, at));
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/^7 demo servers retired \(EXCAS01, EXEDGE01, EXHUB01, EXHUB02, EXMBX01, EXMBX02, EXUM01\)\. \d+ untouched future runs were withdrawn; past runs and runs with results stay\.$/) });
    expect(await auditCount()).toBe(before + 1);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "server.retire_demo", entityType: "ServerInventory", entityId: "demo", actorId: admin.id });
    const withdrawn = (JSON.parse(event.after!) as { servers: { withdrawnRunIds: string[] }[] }).servers.flatMap((s) => s.withdrawnRunIds).sort();
    expect(withdrawn).toEqual(untouched.map((r) => r.id).sort());

    expect(await db.server.count({ where: { id: { in: ids }, active: true } })).toBe(0);
    // Counted by server and time (hundreds of ids would exceed a statement's parameters).
    expect(await db.run.findMany({ where: { ...onDemo, dueAt: { gt: at } }, select: { id: true }, orderBy: { id: "asc" } })).toEqual([...touched].sort().map((id) => ({ id })));
    expect(await db.run.count({ where: { ...onDemo, dueAt: { lte: at } } })).toBe(past.length);

    // Generation gives retired servers no new runs.
    await generateRuns(db, { now: later(31) });
    expect(await db.run.count({ where: { ...onDemo, dueAt: { gt: at }, id: { notIn: touched } } })).toBe(0);

    // Idempotent: the same request again changes nothing.
    const again = { servers: await db.server.findMany({ orderBy: { id: "asc" } }), runs: await db.run.count(), audit: await auditCount() };
    expect(await runAction(retireDemo, { serverIds: ids }, as(admin, later(32)))).toMatchObject({ ok: false, error: "Those demo servers are already retired." });
    expect({ servers: await db.server.findMany({ orderBy: { id: "asc" } }), runs: await db.run.count(), audit: await auditCount() }).toEqual(again);

    // Every demo server retired: the servers step is done even with the own one retired above.
    expect(await steps()).toMatchObject({ servers: true });
  }, 120_000);
});
