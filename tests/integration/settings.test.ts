import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import "@/lib/settings/actions";
import { workCalendar } from "@/lib/settings/queries";
import { actionDefinition, as, auditCount, makeUser } from "../support/fixtures";

const updateSettings = actionDefinition("settings.update");
const addHoliday = actionDefinition("settings.add_holiday");
const removeHoliday = actionDefinition("settings.remove_holiday");

describe("organisation settings", () => {
  it("lets an administrator set the time zone and business days (allow), and refuses a manager (deny)", async () => {
    const admin = await makeUser("ADMIN");
    const manager = await makeUser("MANAGER");
    const input = { name: "Contoso Messaging", timeZone: "Europe/London", businessDays: ["1", "2", "3", "4", "5", "5"] };

    const before = await auditCount();
    expect(await runAction(updateSettings, input, as(manager))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await auditCount()).toBe(before);

    expect(await runAction(updateSettings, input, as(admin))).toMatchObject({ ok: true });
    const calendar = await workCalendar();
    expect(calendar).toMatchObject({ timeZone: "Europe/London", businessDays: [1, 2, 3, 4, 5] });
    expect(await auditCount()).toBe(before + 1);
  });

  it("refuses an unknown time zone and an empty week, changing nothing", async () => {
    const admin = await makeUser("ADMIN");
    const before = await db.organisationSettings.findUnique({ where: { id: 1 } });
    const result = await runAction(updateSettings, { name: "X", timeZone: "Mars/Olympus_Mons", businessDays: [] }, as(admin));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fieldErrors.timeZone).toEqual(["Unknown time zone. Use an IANA name such as Europe/London or America/New_York."]);
      expect(result.fieldErrors.businessDays).toEqual(["Choose at least one business day."]);
    }
    expect(await db.organisationSettings.findUnique({ where: { id: 1 } })).toEqual(before);
  });

  it("adds and removes holidays, refusing duplicates and impossible dates", async () => {
    const admin = await makeUser("ADMIN");
    expect(await runAction(addHoliday, { date: "2026-12-25", name: "Christmas Day" }, as(admin))).toMatchObject({ ok: true });
    expect(await runAction(addHoliday, { date: "2026-12-25", name: "Again" }, as(admin))).toMatchObject({
      ok: false,
      fieldErrors: { date: ["This date is already in the list."] },
    });
    expect(await runAction(addHoliday, { date: "2026-02-30", name: "Nope" }, as(admin))).toMatchObject({
      ok: false,
      fieldErrors: { date: ["Enter the date as YYYY-MM-DD."] },
    });
    expect((await workCalendar()).holidays).toEqual(new Set(["2026-12-25"]));
    const holiday = await db.holiday.findUniqueOrThrow({ where: { date: "2026-12-25" } });
    expect(await runAction(removeHoliday, { holidayId: holiday.id }, as(admin))).toMatchObject({ ok: true });
    expect(await runAction(removeHoliday, { holidayId: holiday.id }, as(admin))).toMatchObject({ ok: false, error: "That holiday no longer exists." });
    expect((await workCalendar()).holidays.size).toBe(0);
  });

  it("moves schedules that followed the organisation's time zone, replanning only their future untouched runs", async () => {
    const admin = await makeUser("ADMIN");
    const { seedDatabase } = await import("@/lib/procedures/seed");
    const now = new Date("2026-11-24T08:00:00Z");
    await seedDatabase(db, { now });
    const before = await db.schedule.findMany({ select: { timeZone: true } });
    expect(new Set(before.map((s) => s.timeZone))).toEqual(new Set(["Europe/London"]));
    const result = await runAction(updateSettings, { name: "Contoso", timeZone: "America/New_York", businessDays: ["1", "2", "3", "4", "5"] }, { ...as(admin), now });
    expect(result).toMatchObject({ ok: true, message: `Settings saved. ${before.length} schedules now follow America/New_York; their future runs were replanned.` });
    const after = await db.schedule.findMany({ select: { timeZone: true } });
    expect(new Set(after.map((s) => s.timeZone))).toEqual(new Set(["America/New_York"]));
    const queues = await db.run.findFirst({ where: { procedure: { seedCode: "D5" }, dueAt: { gt: new Date(now.getTime() + 2 * 86_400_000) } } });
    // 10:00 in New York is 14:00 or 15:00 UTC.
    expect(queues?.dueAt.toISOString()).toMatch(/T1[45]:00:00/);
  }, 120_000); // seeds the whole library and generates its runs: slow on a loaded machine
});
