import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import { seedDatabase } from "@/lib/procedures/seed";
import "@/lib/scheduling/actions";
import { previewSchedule } from "@/lib/scheduling/preview";
import type { CurrentUser } from "@/lib/auth/session";
import { actionDefinition, as, auditCount, makeUser } from "../support/fixtures";

const create = actionDefinition("schedule.create");
const update = actionDefinition("schedule.update");
const setActive = actionDefinition("schedule.set_active");
const createWindow = actionDefinition("maintenance.create");
const removeWindow = actionDefinition("maintenance.remove");

// The file runs at a pinned instant: the seed, every action and run generation act at NOW.
const NOW = new Date("2026-11-24T08:00:00Z");

let manager: CurrentUser;
let operator: CurrentUser;
let procedureId: string;

/** Acts as the user at NOW. */
const at = (user: CurrentUser) => ({ ...as(user), now: NOW });

function form(overrides: Record<string, unknown> = {}) {
  return {
    procedureId,
    name: "",
    kind: "WEEKLY",
    weekdays: ["1", "4"],
    interval: "2",
    anchorDate: "2026-11-02",
    dueTime: "09:30",
    graceMinutes: "60",
    timeZone: "Europe/London",
    assignee: "role:OPERATOR",
    scope: "PER_SERVER",
    scopeRoles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"],
    active: "on",
    ...overrides,
  };
}

beforeAll(async () => {
  await seedDatabase(db, { now: NOW });
  manager = await makeUser("MANAGER");
  operator = await makeUser("OPERATOR");
  procedureId = (await db.procedure.findUniqueOrThrow({ where: { seedCode: "A9" } })).id;
});

describe("schedule actions", () => {
  it("lets a manager create a schedule (allow) and refuses an operator (deny); runs follow at once", async () => {
    const before = await auditCount();
    expect(await runAction(create, form(), at(operator))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await auditCount()).toBe(before);
    const result = await runAction(create, form(), at(manager));
    expect(result).toMatchObject({ ok: true });
    const schedule = await db.schedule.findFirstOrThrow({ where: { procedureId } });
    expect(schedule).toMatchObject({ rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=MO", dueTime: "09:30", scope: "PER_SERVER" });
    const runs = await db.run.findMany({ where: { scheduleId: schedule.id } });
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(run.dueAt.getTime()).toBeGreaterThanOrEqual(schedule.effectiveFrom.getTime());
    expect(new Set(runs.map((r) => r.serverId)).size).toBe(3); // two Hub Transport and one Edge Transport server
  });

  it("refuses rules that produce nothing, sub-daily rules, missing parameters and unknown procedures, writing nothing", async () => {
    const count = await db.schedule.count();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ kind: "CUSTOM", rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" }, "rrule", "This rule produces no occurrence in the next three years."],
      [{ kind: "CUSTOM", rrule: "FREQ=MINUTELY" }, "rrule", "FREQ=MINUTELY is not supported: use DAILY, WEEKLY, MONTHLY or YEARLY."],
      [{ kind: "CUSTOM", rrule: "FREQ=DAILY;BYHOUR=1,2,3,4" }, "rrule", "BYHOUR is not supported: schedules recur on whole days (no hours, minutes or seconds)."],
      [{ weekdays: [] }, "weekdays", "Choose at least one weekday."],
      [{ scopeRoles: [] }, "scopeRoles", "Choose the Exchange roles whose servers each get a run."],
      [{ dueTime: "25:00" }, "dueTime", "Enter the due time as HH:MM (24-hour)."],
      [{ procedureId: "nope" }, "procedureId", "Unknown procedure."],
      [{ assignee: "role:VIEWER" }, "assignee", "Choose operators, managers or a person."],
      [{ anchorDate: "2026-02-30" }, "anchorDate", "Enter the start date as YYYY-MM-DD."],
    ];
    for (const [overrides, field, message] of cases) {
      const result = await runAction(create, form(overrides), at(manager));
      expect(result.ok, JSON.stringify(overrides)).toBe(false);
      if (!result.ok) expect(result.fieldErrors[field], JSON.stringify(overrides)).toEqual([message]);
    }
    expect(await db.schedule.count()).toBe(count);
  });

  it("changes only future untouched runs when a schedule is edited or paused", async () => {
    const schedule = await db.schedule.findFirstOrThrow({ where: { procedureId } });
    // Make one run past and one future run started: both must survive the edit.
    const runs = await db.run.findMany({ where: { scheduleId: schedule.id }, orderBy: { dueAt: "asc" }, include: { version: { include: { items: true } } } });
    const past = runs[0]!;
    await db.run.update({ where: { id: past.id }, data: { dueAt: new Date(NOW.getTime() - 86_400_000), graceEndsAt: new Date(NOW.getTime() - 86_000_000) } });
    const started = runs.at(-1)!;
    await db.result.create({ data: { runId: started.id, itemId: started.version.items[0]!.id, revision: 1, outcome: "PASS", recordedById: operator.id } });

    const result = await runAction(update, { ...form({ dueTime: "11:00", scopeRoles: ["MAILBOX"] }), scheduleId: schedule.id }, at(manager));
    expect(result.ok).toBe(true);
    const after = await db.run.findMany({ where: { scheduleId: schedule.id } });
    expect(after.find((r) => r.id === past.id)).toBeDefined();
    expect(after.find((r) => r.id === started.id)).toBeDefined();
    const fresh = after.filter((r) => r.id !== past.id && r.id !== started.id);
    expect(fresh.length).toBeGreaterThan(0);
    for (const run of fresh) {
      expect(run.dueAt.getTime()).toBeGreaterThan(NOW.getTime());
      expect(run.dueAt.toISOString()).toMatch(/T1[01]:00:00/); // 11:00 London is 11:00 or 10:00 UTC
    }
    const mailbox = await db.server.findMany({ where: { roles: { some: { role: "MAILBOX" } } }, select: { id: true } });
    expect(new Set(fresh.map((r) => r.serverId))).toEqual(new Set(mailbox.map((s) => s.id)));

    expect(await runAction(setActive, { scheduleId: schedule.id, active: "false" }, at(manager))).toMatchObject({ ok: true });
    const paused = await db.run.findMany({ where: { scheduleId: schedule.id } });
    expect(paused.map((r) => r.id).sort()).toEqual([past.id, started.id].sort());
    expect(await runAction(setActive, { scheduleId: schedule.id, active: "false" }, at(manager))).toMatchObject({ ok: false, error: "The schedule is already paused." });
    expect(await runAction(setActive, { scheduleId: schedule.id, active: "true" }, at(manager))).toMatchObject({ ok: true });
    expect(await db.run.count({ where: { scheduleId: schedule.id } })).toBeGreaterThan(2);
  });

  it("suppresses runs inside a maintenance window, refuses a window that ends before it starts, and restores runs when it is removed", async () => {
    const hub = await db.server.findUniqueOrThrow({ where: { name: "EXHUB01" } });
    const dailyRun = await db.run.create({
      data: {
        procedureId, versionId: (await db.procedure.findUniqueOrThrow({ where: { id: procedureId } })).currentVersionId!, serverId: hub.id,
        periodKey: "mw-test", scopeKey: hub.id, cadence: "DAILY", localDate: "2030-06-01",
        opensAt: new Date("2030-06-01T00:00:00Z"), dueAt: new Date("2030-06-01T10:00:00Z"), graceEndsAt: new Date("2030-06-01T12:00:00Z"),
      },
    });
    expect(await runAction(createWindow, { name: "Rollup 5", startsAt: "2030-06-01T12:00", endsAt: "2030-06-01T08:00", serverId: hub.id }, at(manager))).toMatchObject({
      ok: false,
      fieldErrors: { endsAt: ["The window must end after it starts."] },
    });
    expect(await runAction(createWindow, { name: "Rollup 5", startsAt: "2030-06-01T08:00", endsAt: "2030-06-01T12:00", serverId: "ghost" }, at(manager))).toMatchObject({
      ok: false,
      fieldErrors: { serverId: ["Choose a server from the inventory, or the whole organisation."] },
    });
    expect(await runAction(createWindow, { name: "Rollup 5", startsAt: "2030-06-01T08:00", endsAt: "2030-06-01T12:00", serverId: hub.id }, at(manager))).toMatchObject({ ok: true });
    expect((await db.run.findUniqueOrThrow({ where: { id: dailyRun.id } })).suppressed).toBe(true);
    const window = await db.maintenanceWindow.findFirstOrThrow({ where: { name: "Rollup 5" } });
    expect(await runAction(removeWindow, { windowId: window.id }, at(manager))).toMatchObject({ ok: true });
    expect((await db.run.findUniqueOrThrow({ where: { id: dailyRun.id } })).suppressed).toBe(false);
  });

  it("previews the next ten occurrences of what is typed, and explains a rule that has none", async () => {
    const preview = await previewSchedule(
      { kind: "MONTHLY_DAY", day: "31", anchorDate: "2027-01-01", dueTime: "02:30", graceMinutes: "0", timeZone: "America/New_York" },
      new Date("2026-11-24T12:00:00Z"),
    );
    expect(preview.ok).toBe(true);
    if (preview.ok) {
      expect(preview.description).toBe("Monthly on the 31st (or the month's last day)");
      expect(preview.occurrences.map((o) => o.date)).toEqual([
        "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30", "2027-07-31", "2027-08-31", "2027-09-30", "2027-10-31",
      ]);
    }
    expect(await previewSchedule({ kind: "CUSTOM", rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", anchorDate: "2027-01-01", dueTime: "02:30", graceMinutes: "0", timeZone: "UTC" })).toMatchObject({
      ok: false,
      error: "This rule produces no occurrence in the next three years.",
    });
  });
});
