import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseAuditFilter } from "@/lib/audit/filters";
import { AUDIT_PAGE_SIZE, auditFilterOptions, entityTimeline, listAuditEvents, streamAuditEvents } from "@/lib/audit/queries";
import { seedDatabase } from "@/lib/procedures/seed";
import { writeAuditEvent } from "@/lib/audit/write";
import { seedTools } from "@/prisma/seed/library";

function filter(params: Record<string, string>) {
  const parsed = parseAuditFilter(params);
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
}

beforeAll(async () => {
  await seedDatabase(db);
});

describe("audit log queries", () => {
  it("offers every distinct action and record kind, the same as a full GROUP BY", async () => {
    const options = await auditFilterOptions();
    const actions = (await db.auditEvent.groupBy({ by: ["action"], orderBy: { action: "asc" } })).map((a) => a.action);
    const types = (await db.auditEvent.groupBy({ by: ["entityType"], orderBy: { entityType: "asc" } })).map((t) => t.entityType);
    expect(actions.length).toBeGreaterThan(1);
    expect(options.actions).toEqual(actions);
    expect(options.entityTypes).toEqual(types);
  });

  it("pages newest first with a cursor, covering every event exactly once", async () => {
    const total = await db.auditEvent.count();
    expect(total).toBeGreaterThan(AUDIT_PAGE_SIZE * 2);
    const seen: number[] = [];
    let before: number | null = null;
    do {
      const page: Awaited<ReturnType<typeof listAuditEvents>> = await listAuditEvents(filter(before ? { before: String(before) } : {}), "UTC");
      seen.push(...page.events.map((e) => e.seq));
      before = page.nextBefore;
    } while (before);
    expect(seen).toHaveLength(total);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(total);
  });

  it("filters by action, actor, record and date range", async () => {
    const tools = await listAuditEvents(filter({ action: "tool.create" }), "UTC");
    expect(tools.events.length).toBe(seedTools.length);
    expect(tools.events.every((e) => e.action === "tool.create" && e.actorLabel === "system:seed")).toBe(true);
    expect((await listAuditEvents(filter({ actor: "nobody@example.test" }), "UTC")).events).toEqual([]);
    const procedure = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D5" } });
    const timeline = await entityTimeline("Procedure", procedure.id);
    expect(timeline.map((e) => e.action)).toEqual(["procedure.publish"]);
    expect((await listAuditEvents(filter({ from: "2000-01-01", to: "2000-12-31" }), "UTC")).events).toEqual([]);
  });

  it("streams a filtered export in chunks without loading it all", async () => {
    let rows = 0;
    let chunks = 0;
    for await (const chunk of streamAuditEvents(filter({}), "UTC", 25)) {
      chunks += 1;
      rows += chunk.length;
      expect(chunk.length).toBeLessThanOrEqual(25);
    }
    expect(rows).toBe(await db.auditEvent.count());
    expect(chunks).toBe(Math.ceil(rows / 25));
  });

  // The log is read in windows of sequence numbers (AUDIT_SEQ_WINDOW); small windows put many
  // boundaries inside the seeded log, where a page or chunk must neither drop nor repeat an event.
  it("reads the same events however small the sequence windows, for pages and for the export", async () => {
    const cases: [ReturnType<typeof filter>, { action?: string }][] = [
      [filter({}), {}], // more than two pages
      [filter({ action: "tool.create" }), { action: "tool.create" }], // fewer than a page, spread out
    ];
    for (const [rare, where] of cases) {
      for (const window of [1, 7, 50, 1000]) {
        const expected = (await db.auditEvent.findMany({ where, orderBy: { seq: "desc" }, select: { seq: true } })).map((e) => e.seq);
        expect(expected.length).toBeGreaterThan(0);
        const seen: number[] = [];
        let before: number | null = null;
        do {
          const f: typeof rare = before ? { ...rare, before } : rare;
          const page: Awaited<ReturnType<typeof listAuditEvents>> = await listAuditEvents(f, "UTC", window);
          seen.push(...page.events.map((e) => e.seq));
          before = page.nextBefore;
        } while (before);
        expect(seen).toEqual(expected);

        const streamed: number[] = [];
        for await (const chunk of streamAuditEvents(rare, "UTC", 9, window)) {
          expect(chunk.length).toBeGreaterThan(0);
          expect(chunk.length).toBeLessThanOrEqual(9);
          streamed.push(...chunk.map((e) => e.seq));
        }
        expect(streamed).toEqual([...expected].reverse());
      }
    }
  });

  it("ends the export at the newest event of its start", async () => {
    const before = await db.auditEvent.count();
    const stream = streamAuditEvents(filter({}), "UTC", 10);
    const first = await stream.next();
    expect(first.done).toBe(false);
    await db.$transaction((tx) => writeAuditEvent(tx, { id: null, label: "system:test" }, { ip: "", userAgent: "" }, { action: "test.late", entityType: "Test", entityId: "late" }));
    let rows = first.value!.length;
    for await (const chunk of stream) rows += chunk.length;
    expect(rows).toBe(before);
    expect(await db.auditEvent.count()).toBe(before + 1);
  });
});
