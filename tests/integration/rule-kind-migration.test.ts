// Schedules made by a release that did not store the rule's kind: the migration reads the kind
// back from the stored rule, and the next start compiles business-day rules again when they were
// made with other business days than today's.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { applyMigrations } from "@/lib/maintenance/migrate";
import { seedDatabase } from "@/lib/procedures/seed";
import { compileRule, type RuleSpec } from "@/lib/scheduling/rules";

describe("schedules made before rule kinds were stored", () => {
  const MIGRATION = "20261207000000_schedule_rule_kind";
  const NOW = new Date("2027-01-07T06:00:00Z");
  const MON_FRI = [1, 2, 3, 4, 5];
  const SUN_THU = [7, 1, 2, 3, 4];
  const specs: { spec: RuleSpec; days: number[]; kind: string }[] = [
    { spec: { kind: "DAILY" }, days: MON_FRI, kind: "DAILY" },
    { spec: { kind: "BUSINESS_DAYS" }, days: MON_FRI, kind: "BUSINESS_DAYS" },
    { spec: { kind: "BUSINESS_DAYS" }, days: SUN_THU, kind: "BUSINESS_DAYS" },
    { spec: { kind: "LAST_BUSINESS_DAY" }, days: MON_FRI, kind: "LAST_BUSINESS_DAY" },
    { spec: { kind: "LAST_BUSINESS_DAY" }, days: SUN_THU, kind: "LAST_BUSINESS_DAY" },
    { spec: { kind: "WEEKLY", weekdays: [1, 4], interval: 2 }, days: MON_FRI, kind: "WEEKLY" },
    { spec: { kind: "MONTHLY_DAY", day: 15 }, days: MON_FRI, kind: "MONTHLY_DAY" },
    { spec: { kind: "MONTHLY_DAY", day: 31 }, days: MON_FRI, kind: "MONTHLY_DAY" },
    { spec: { kind: "MONTHLY_WEEKDAY", nth: -1, weekday: 5 }, days: MON_FRI, kind: "MONTHLY_WEEKDAY" },
    { spec: { kind: "MONTHLY_WEEKDAY", nth: 3, weekday: 3 }, days: MON_FRI, kind: "MONTHLY_WEEKDAY" },
    { spec: { kind: "QUARTERLY", day: 30 }, days: MON_FRI, kind: "QUARTERLY" },
    { spec: { kind: "CUSTOM", rrule: "FREQ=DAILY;BYDAY=MO,WE", holidayPolicy: "SKIP" }, days: MON_FRI, kind: "CUSTOM" },
    { spec: { kind: "CUSTOM", rrule: "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=2", holidayPolicy: "NONE" }, days: MON_FRI, kind: "CUSTOM" },
    { spec: { kind: "CUSTOM", rrule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", holidayPolicy: "SKIP" }, days: MON_FRI, kind: "CUSTOM" },
  ];

  it("gets the kind its rule was compiled from, and the seed compiles business-day rules again with today's days", async () => {
    await db.organisationSettings.upsert({ where: { id: 1 }, create: { id: 1, businessDays: "[7,1,2,3,4]" }, update: { businessDays: "[7,1,2,3,4]" } });
    await seedDatabase(db, { now: NOW });
    const procedureId = (await db.procedure.findFirstOrThrow({ where: { seedCode: "A9" } })).id;

    // The database as the previous release left it: no column, the migration not yet applied.
    await db.$executeRawUnsafe(`ALTER TABLE "Schedule" DROP COLUMN "ruleKind"`);
    await db.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE migration_name = ?`, MIGRATION);
    const ids: string[] = [];
    for (const { spec, days } of specs) {
      const { rrule, holidayPolicy } = compileRule(spec, days);
      const id = randomUUID();
      ids.push(id);
      await db.$executeRawUnsafe(
        `INSERT INTO "Schedule" (id, procedureId, rrule, holidayPolicy, timeZone, anchorDate, dueTime, updatedAt, effectiveFrom)
         VALUES (?, ?, ?, ?, 'UTC', '2027-01-07', '09:00', ?, ?)`,
        id,
        procedureId,
        rrule,
        holidayPolicy,
        NOW.toISOString(),
        NOW.toISOString(),
      );
    }
    // Migrations run with the portal stopped: nothing else may hold the file open.
    await db.$disconnect();
    applyMigrations(process.env.DATABASE_URL!);

    const rows = await db.schedule.findMany({ where: { id: { in: ids } }, select: { id: true, ruleKind: true } });
    const kindOf = new Map(rows.map((r) => [r.id, r.ruleKind]));
    expect(ids.map((id) => kindOf.get(id))).toEqual(specs.map((s) => s.kind));

    // Starting the portal (the seed) brings the Monday-to-Friday business-day rules to Sunday to Thursday.
    const report = await seedDatabase(db, { now: NOW });
    expect(report.schedulesRecompiled).toBe(2);
    const after = await db.schedule.findMany({ where: { id: { in: ids } }, select: { id: true, rrule: true } });
    const ruleOf = new Map(after.map((r) => [r.id, r.rrule]));
    expect(ruleOf.get(ids[1]!)).toBe("FREQ=DAILY;BYDAY=MO,TU,WE,TH,SU");
    expect(ruleOf.get(ids[3]!)).toBe("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,SU;BYSETPOS=-1");
    for (const i of [0, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]) expect(ruleOf.get(ids[i]!)).toBe(compileRule(specs[i]!.spec, specs[i]!.days).rrule);
    expect(await db.auditEvent.count({ where: { action: "schedule.follow_business_days", entityId: { in: [ids[1]!, ids[3]!] } } })).toBe(2);
    // A second start finds nothing more to do.
    expect((await seedDatabase(db, { now: NOW })).schedulesRecompiled).toBe(0);
  });
});
