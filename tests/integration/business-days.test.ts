// The organisation's business days and holidays decide when business-day schedules fall due.
// Changing them on a portal that already has runs must move those schedules' future runs to the
// right dates, keep what operators already touched, and leave custom rules alone; the schedule
// preview must agree with what generation then creates. Every step runs at a pinned instant.
import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/define";
import { db } from "@/lib/db";
import { seedDatabase } from "@/lib/procedures/seed";
import { generateRuns } from "@/lib/scheduling/generation";
import { previewSchedule } from "@/lib/scheduling/preview";
import { listSchedules } from "@/lib/scheduling/queries";
import "@/lib/scheduling/actions";
import "@/lib/settings/actions";
import "@/lib/runs/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { actionDefinition, as, makeUser } from "../support/fixtures";

const createSchedule = actionDefinition("schedule.create");
const updateSettings = actionDefinition("settings.update");
const addHoliday = actionDefinition("settings.add_holiday");
const record = actionDefinition("result.record");

const ZONE = "Asia/Jerusalem"; // UTC+2 in winter
// Thursday 7 January 2027, 08:00 local: the portal generates its runs (Monday to Friday).
const T0 = new Date("2027-01-07T06:00:00Z");
// 00:30 local on Friday 8 January: an operator starts that day's business-day run.
const T_RECORD = new Date("2027-01-07T22:30:00Z");
// 01:00 local: the administrator declares two holidays, a Thursday and Sunday 31 January.
const T_HOLIDAYS = new Date("2027-01-07T23:00:00Z");
// 01:10 local: the week becomes Sunday to Thursday.
const T_CHANGE = new Date("2027-01-07T23:10:00Z");
const THURSDAY_HOLIDAY = "2027-01-21";
// Under Sunday to Thursday the last business day of January 2027 is Sunday the 31st.
const MONTH_END_HOLIDAY = "2027-01-31";

/** The dates in [from, to] whose weekday (1 = Monday … 7 = Sunday) is listed and that are not holidays: an oracle independent of the recurrence code. */
function expectedDates(from: string, to: string, weekdays: number[], holidays: string[]): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const weekday = new Date(t).getUTCDay() || 7;
    if (weekdays.includes(weekday) && !holidays.includes(date)) out.push(date);
  }
  return out;
}

async function runDates(scheduleId: string): Promise<string[]> {
  const runs = await db.run.findMany({ where: { scheduleId }, select: { localDate: true }, orderBy: { localDate: "asc" } });
  return runs.map((r) => r.localDate);
}

function scheduleForm(procedureId: string, rule: Record<string, string>) {
  return {
    procedureId,
    name: "",
    anchorDate: "2027-01-07",
    dueTime: "09:00",
    graceMinutes: "60",
    timeZone: ZONE,
    assignee: "role:OPERATOR",
    scope: "ORGANISATION",
    active: "on",
    ...rule,
  };
}

describe("changing the business days on a portal that already has runs", () => {
  let admin: CurrentUser;
  let operator: CurrentUser;
  let businessDaysId: string;
  let customId: string;
  let monthEndId: string;

  beforeAll(async () => {
    await db.organisationSettings.create({ data: { id: 1, timeZone: ZONE } });
    await seedDatabase(db, { now: T0 });
    admin = await makeUser("ADMIN");
    const manager = await makeUser("MANAGER");
    operator = await makeUser("OPERATOR");
    const procedures = await db.procedure.findMany({ where: { seedCode: { in: ["A9", "A8"] } }, select: { id: true, seedCode: true } });
    const byCode = Object.fromEntries(procedures.map((p) => [p.seedCode, p.id]));

    // "Every business day", made while the week was Monday to Friday.
    const made = await runAction(createSchedule, scheduleForm(byCode.A9!, { kind: "BUSINESS_DAYS" }), { ...as(manager), now: T0 });
    expect(made).toMatchObject({ ok: true });
    businessDaysId = (made as { data: { scheduleId: string } }).data.scheduleId;
    // A custom rule that happens to read like it: it is the manager's own and must stay as typed.
    const custom = await runAction(
      createSchedule,
      scheduleForm(byCode.A8!, { kind: "CUSTOM", rrule: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", holidayPolicy: "SKIP" }),
      { ...as(manager), now: T0 },
    );
    expect(custom).toMatchObject({ ok: true });
    customId = (custom as { data: { scheduleId: string } }).data.scheduleId;
    monthEndId = (await db.schedule.findUniqueOrThrow({ where: { seedKey: "M2" } })).id;
    await generateRuns(db, { now: T0 });
  });

  it("starts from Monday-to-Friday runs, one of which an operator has started", async () => {
    expect(await db.schedule.findUniqueOrThrow({ where: { id: businessDaysId } })).toMatchObject({ ruleKind: "BUSINESS_DAYS", rrule: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR" });
    expect(await runDates(businessDaysId)).toEqual(expectedDates("2027-01-07", "2027-02-11", [1, 2, 3, 4, 5], []));
    // The seeded "last business day" monthly task: Friday 29 January.
    expect(await runDates(monthEndId)).toEqual(["2027-01-29"]);

    const friday = await db.run.findFirstOrThrow({ where: { scheduleId: businessDaysId, localDate: "2027-01-08" }, select: { id: true, versionId: true } });
    const item = await db.checklistItem.findFirstOrThrow({ where: { versionId: friday.versionId }, orderBy: { position: "asc" } });
    const saved = await runAction(record, { runId: friday.id, itemId: item.id, outcome: "PASS", value: "", note: "", expectedRevision: "0" }, { ...as(operator), now: T_RECORD });
    expect(saved).toMatchObject({ ok: true });
  });

  it("withdraws the runs that fall on a new holiday, from the schedules that skip or move off holidays only", async () => {
    for (const date of [THURSDAY_HOLIDAY, MONTH_END_HOLIDAY]) {
      expect(await runAction(addHoliday, { date, name: `Holiday ${date}` }, { ...as(admin), now: T_HOLIDAYS })).toMatchObject({ ok: true });
    }
    // Generation after the change runs at 01:00 on Friday the 8th: its window reaches Friday 12 February.
    expect(await runDates(businessDaysId)).toEqual(expectedDates("2027-01-07", "2027-02-12", [1, 2, 3, 4, 5], [THURSDAY_HOLIDAY]));
    expect(await runDates(customId)).toEqual(expectedDates("2027-01-07", "2027-02-12", [1, 2, 3, 4, 5], [THURSDAY_HOLIDAY]));
    // Sunday 31 January is no business day yet, so the month still ends on Friday the 29th.
    expect(await runDates(monthEndId)).toEqual(["2027-01-29"]);
    // Daily checks run every day, holidays included.
    const daily = await db.schedule.findUniqueOrThrow({ where: { seedKey: "D1" } });
    expect(await runDates(daily.id)).toContain(THURSDAY_HOLIDAY);
  });

  it("moves every business-day schedule, old ones included, to Sunday to Thursday", async () => {
    const result = await runAction(updateSettings, { name: "Contoso", timeZone: ZONE, businessDays: ["7", "1", "2", "3", "4"] }, { ...as(admin), now: T_CHANGE });
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.message).toMatch(
      /^Settings saved\. Runs generated from now on use them\. 2 schedules follow the business days \(Sunday to Thursday\); \d+ future runs on days that no longer count were withdrawn, and runs for the new days are planned\.$/,
    );

    expect(await db.schedule.findUniqueOrThrow({ where: { id: businessDaysId } })).toMatchObject({
      ruleKind: "BUSINESS_DAYS",
      rrule: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,SU",
      effectiveFrom: T_CHANGE,
    });
    expect(await db.schedule.findUniqueOrThrow({ where: { id: monthEndId } })).toMatchObject({ ruleKind: "LAST_BUSINESS_DAY", rrule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,SU;BYSETPOS=-1" });

    // Past runs stay (Thursday the 7th), the started Friday run stays, and from Sunday the 10th
    // the runs fall on Sunday to Thursday, except the two holidays (Sunday the 31st is a business
    // day now). Local "today" is Friday the 8th.
    expect(await runDates(businessDaysId)).toEqual([
      "2027-01-07",
      "2027-01-08",
      ...expectedDates("2027-01-10", "2027-02-12", [7, 1, 2, 3, 4], [THURSDAY_HOLIDAY, MONTH_END_HOLIDAY]),
    ]);
    expect(await db.result.count({ where: { run: { scheduleId: businessDaysId, localDate: "2027-01-08" } } })).toBe(1);
    // The month's last business day is a holiday: the run moves back to Thursday the 28th.
    expect(await runDates(monthEndId)).toEqual(["2027-01-28"]);
    // The custom rule is unchanged.
    expect(await db.schedule.findUniqueOrThrow({ where: { id: customId } })).toMatchObject({ ruleKind: "CUSTOM", rrule: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR" });
    expect(await runDates(customId)).toEqual(expectedDates("2027-01-07", "2027-02-12", [1, 2, 3, 4, 5], [THURSDAY_HOLIDAY]));

    // One audit event names what was re-planned.
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "settings.update" }, orderBy: { seq: "desc" } });
    const after = JSON.parse(event.after ?? "{}") as { schedulesReplanned: { scheduleId: string; recompiled: boolean; withdrawnRunIds: string[] }[] };
    expect(after.schedulesReplanned.filter((s) => s.recompiled).map((s) => s.scheduleId).sort()).toEqual([businessDaysId, monthEndId].sort());
  });

  it("shows the schedules by their kind and previews the dates generation created", async () => {
    const rows = await listSchedules(T_CHANGE);
    expect(rows.find((r) => r.id === businessDaysId)).toMatchObject({ description: "Every business day (not on holidays)", next: "2027-01-10" });
    expect(rows.find((r) => r.id === monthEndId)).toMatchObject({ description: "Last business day of the month", next: "2027-01-28" });
    expect(rows.find((r) => r.id === customId)?.description).toBe("Custom: FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR, skipping holidays");

    // From today (Friday the 8th) on. The business-day schedule's Friday run is the one an operator
    // started before the change: kept, though Friday is no longer a business day.
    const generatedFrom = async (id: string) => (await runDates(id)).filter((d) => d >= "2027-01-08");
    const preview = async (rule: Record<string, string>) => {
      const response = await previewSchedule(scheduleForm("", rule), T_CHANGE);
      if (!response.ok) throw new Error(response.error);
      return response.occurrences.map((o) => o.date);
    };
    expect(await preview({ kind: "BUSINESS_DAYS" })).toEqual((await generatedFrom(businessDaysId)).filter((d) => d !== "2027-01-08").slice(0, 10));
    expect((await preview({ kind: "LAST_BUSINESS_DAY" }))[0]).toBe("2027-01-28");
    expect(await preview({ kind: "CUSTOM", rrule: "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", holidayPolicy: "SKIP" })).toEqual((await generatedFrom(customId)).slice(0, 10));
  });

  it("changes nothing when the same days are saved again", async () => {
    const before = await db.run.count();
    const schedules = await db.schedule.findMany({ orderBy: { id: "asc" } });
    const later = new Date(T_CHANGE.getTime() + 60_000);
    const result = await runAction(updateSettings, { name: "Contoso", timeZone: ZONE, businessDays: ["1", "2", "3", "4", "7"] }, { ...as(admin), now: later });
    expect(result).toMatchObject({ ok: true, message: "Settings saved. Runs generated from now on use them." });
    expect(await db.run.count()).toBe(before);
    expect(await db.schedule.findMany({ orderBy: { id: "asc" } })).toEqual(schedules);
  });
});
