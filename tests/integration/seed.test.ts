import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify";
import { publishVersion } from "@/lib/procedures/publish";
import { DEFAULT_LIBRARY, seedContentOf, seedDatabase } from "@/lib/procedures/seed";
import { CADENCES } from "@/lib/procedures/vocabulary";

async function countsPerCadence() {
  const rows = await db.procedureVersion.groupBy({
    by: ["cadence"],
    where: { currentOf: { isNot: null } },
    _count: { _all: true },
  });
  return Object.fromEntries(rows.map((r) => [r.cadence, r._count._all]));
}

async function rowCounts() {
  return {
    procedures: await db.procedure.count(),
    versions: await db.procedureVersion.count(),
    items: await db.checklistItem.count(),
    tools: await db.tool.count(),
    servers: await db.server.count(),
    variables: await db.placeholderVariable.count(),
    serverValues: await db.serverVariable.count(),
    itemRoles: await db.checklistItemRole.count(),
    schedules: await db.schedule.count(),
    audit: await db.auditEvent.count(),
  };
}

describe("seeding the library", () => {
  it("creates every procedure of the library, the tools and the demo servers, each audited", async () => {
    // In the last minute of a day: the schedules count from that day, from its first minute.
    const report = await seedDatabase(db, { now: new Date("2026-11-24T23:59:30Z") });
    expect(report.proceduresCreated).toBe(DEFAULT_LIBRARY.procedures.length);
    expect(report.toolsCreated).toBe(DEFAULT_LIBRARY.tools.length);
    expect(report.serversCreated).toBe(7);
    expect(await countsPerCadence()).toEqual({ DAILY: 16, WEEKLY: 14, MONTHLY: 7, AS_NEEDED: 11 });
    expect(await db.procedure.count()).toBe(DEFAULT_LIBRARY.procedures.length);
    expect(await db.server.count()).toBe(7);
    const chain = await verifyAuditChain(db);
    expect(chain.ok).toBe(true);
    // settings + tools + variables + servers + procedures + schedules
    expect(report.schedulesCreated).toBe(DEFAULT_LIBRARY.schedules.length);
    expect(report.variablesCreated).toBe(DEFAULT_LIBRARY.variables!.length);
    expect(chain.verified).toBe(1 + DEFAULT_LIBRARY.tools.length + DEFAULT_LIBRARY.variables!.length + 7 + DEFAULT_LIBRARY.procedures.length + DEFAULT_LIBRARY.schedules.length);
  });

  it("gives every daily, weekly and monthly procedure a schedule, per server where the check is about each server", async () => {
    const schedules = await db.schedule.findMany({ include: { procedure: { select: { seedCode: true } } } });
    const codes = schedules.map((s) => s.procedure.seedCode).sort();
    const expected = DEFAULT_LIBRARY.procedures.filter((p) => p.cadence !== "AS_NEEDED").map((p) => p.code).sort();
    expect(codes).toEqual(expected);
    const queues = schedules.find((s) => s.procedure.seedCode === "D5")!;
    expect(queues).toMatchObject({ scope: "PER_SERVER", rrule: "FREQ=DAILY", ruleKind: "DAILY", dueTime: "10:00", assigneeRole: "OPERATOR" });
    expect(queues).toMatchObject({ anchorDate: "2026-11-24", effectiveFrom: new Date("2026-11-24T00:00:00Z"), timeZone: "UTC" });
    expect(JSON.parse(queues.scopeRoles).sort()).toEqual(["EDGE_TRANSPORT", "HUB_TRANSPORT"]);
    expect(schedules.find((s) => s.procedure.seedCode === "D2")).toMatchObject({ scope: "ORGANISATION" });
    expect(schedules.find((s) => s.procedure.seedCode === "M2")).toMatchObject({
      rrule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
      ruleKind: "LAST_BUSINESS_DAY",
      holidayPolicy: "PREVIOUS_BUSINESS_DAY",
      assigneeRole: "MANAGER",
    });
  });

  it("gives every number item a unit and a sensible range", async () => {
    const numberItems = await db.checklistItem.findMany({ where: { kind: "NUMBER" } });
    expect(numberItems.length).toBeGreaterThan(40);
    for (const item of numberItems) {
      expect(item.unit, `${item.text} has a unit`).toBeTruthy();
      if (item.min !== null && item.max !== null) expect(item.min).toBeLessThanOrEqual(item.max);
    }
    const submission = numberItems.find((i) => i.counter?.endsWith("\\Submission Queue Length"));
    expect(submission).toMatchObject({ unit: "messages", max: 100 });
  });

  it("gives every procedure items (but the reading page A11), tools and references, and every cadence its procedures", async () => {
    const versions = await db.procedureVersion.findMany({
      where: { currentOf: { isNot: null } },
      select: { title: true, cadence: true, references: true, procedure: { select: { seedCode: true } }, _count: { select: { items: true, tools: true } } },
    });
    for (const v of versions) {
      expect(CADENCES).toContain(v.cadence);
      // A11 is a reading page: as-needed, no checklist, read and acknowledged like the others.
      if (v.procedure.seedCode === "A11") expect([v.cadence, v._count.items]).toEqual(["AS_NEEDED", 0]);
      else expect(v._count.items, v.title).toBeGreaterThan(0);
      expect(v._count.tools, v.title).toBeGreaterThan(0);
      expect(JSON.parse(v.references).length, v.title).toBeGreaterThan(0);
    }
  });

  it("creates nothing twice when run again", async () => {
    const before = await rowCounts();
    const report = await seedDatabase(db);
    expect(report).toMatchObject({ toolsCreated: 0, variablesCreated: 0, serversCreated: 0, proceduresCreated: 0, proceduresUpdated: 0, schedulesCreated: 0 });
    expect(await rowCounts()).toEqual(before);
  });

  it("never overwrites a procedure someone has edited, but updates untouched seeded ones", async () => {
    const edited = DEFAULT_LIBRARY.procedures.find((p) => p.code === "D4")!;
    const untouched = DEFAULT_LIBRARY.procedures.find((p) => p.code === "D5")!;
    const procedure = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D4" } });
    const manager = await db.user.create({ data: { email: "editor@example.test", name: "Editor", role: "MANAGER", passwordHash: "x" } });
    await db.$transaction((tx) =>
      publishVersion(tx, procedure.id, { ...seedContentOf(edited), title: "Check disk usage (site edition)" }, {
        source: "EDITOR",
        changeNote: "Local thresholds",
        authorId: manager.id,
      }),
    );

    // A newer library release changes both procedures.
    const library = {
      ...DEFAULT_LIBRARY,
      procedures: DEFAULT_LIBRARY.procedures.map((p) =>
        p === edited || p === untouched ? { ...p, purpose: `${p.purpose} (revised)` } : p,
      ),
    };
    const report = await seedDatabase(db, { library });
    expect(report.proceduresUpdated).toBe(1);
    expect(report.proceduresKeptAsEdited).toEqual(["check-disk-usage"]);

    const d4 = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D4" }, select: { currentVersion: true } });
    expect(d4.currentVersion).toMatchObject({ title: "Check disk usage (site edition)", source: "EDITOR", number: 2 });
    const d5 = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D5" }, select: { currentVersion: true } });
    expect(d5.currentVersion).toMatchObject({ source: "SEED", number: 2 });
    expect(d5.currentVersion?.purpose).toMatch(/\(revised\)$/);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
