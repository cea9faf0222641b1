import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { seedDatabase } from "@/lib/procedures/seed";
import { listHistory, parseHistoryFilter } from "@/lib/runs/history";
import { runStateWhere } from "@/lib/runs/state-filter";
import { RUN_STATES, runState } from "@/lib/scheduling/run-state";

const NOW = new Date("2026-11-24T12:00:00Z");
const HOUR = 3_600_000;

beforeAll(async () => {
  await seedDatabase(db);
  const procedure = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D2" } });
  const user = await db.user.create({ data: { email: "h@example.test", name: "H", role: "OPERATOR", passwordHash: "x" } });
  // Runs spread around NOW with every combination of completion, skip and suppression.
  const runs = fc.sample(
    fc.record({
      open: fc.integer({ min: -72, max: 24 }),
      dueAfterOpen: fc.integer({ min: 0, max: 24 }),
      grace: fc.integer({ min: 0, max: 12 }),
      completedAfterDue: fc.option(fc.integer({ min: -20, max: 40 })),
      exceptions: fc.boolean(),
      skipped: fc.boolean(),
      suppressed: fc.boolean(),
    }),
    { numRuns: 400, seed: 42 },
  );
  await db.run.createMany({
    data: runs.map((r, i) => {
      const opensAt = new Date(NOW.getTime() + r.open * HOUR);
      const dueAt = new Date(opensAt.getTime() + r.dueAfterOpen * HOUR);
      const boundary = i % 10 === 0; // some exactly on the boundaries
      return {
        procedureId: procedure.id,
        versionId: procedure.currentVersionId!,
        periodKey: `h-${i}`,
        scopeKey: "-",
        cadence: "DAILY",
        localDate: opensAt.toISOString().slice(0, 10),
        opensAt: boundary ? NOW : opensAt,
        dueAt: i % 10 === 1 ? NOW : dueAt,
        graceEndsAt: i % 10 === 2 ? NOW : new Date(dueAt.getTime() + r.grace * HOUR),
        completedAt: r.completedAfterDue === null || r.skipped ? null : new Date(dueAt.getTime() + r.completedAfterDue * HOUR),
        completedById: r.completedAfterDue === null || r.skipped ? null : user.id,
        hasExceptions: r.completedAfterDue !== null && r.exceptions,
        skippedAt: r.skipped ? NOW : null,
        suppressed: r.suppressed && i % 3 === 0,
      };
    }),
  });
});

describe("run states in SQL", () => {
  it("selects exactly the runs whose computed state is the one asked for, for every state", async () => {
    const all = await db.run.findMany({ where: { periodKey: { startsWith: "h-" } } });
    for (const state of RUN_STATES) {
      const selected = await db.run.findMany({ where: { AND: [{ periodKey: { startsWith: "h-" } }, runStateWhere(state, NOW)] }, select: { id: true } });
      const expected = all.filter((r) => runState(r, NOW) === state).map((r) => r.id);
      expect(selected.map((r) => r.id).sort(), state).toEqual(expected.sort());
    }
  });
});

describe("history", () => {
  it("pages through every due or done run exactly once, newest first", async () => {
    const parsed = parseHistoryFilter({ from: "2026-11-01", to: "2026-11-30" });
    if (!parsed.success) throw new Error("filter");
    const seen: string[] = [];
    let cursor: string | undefined;
    let lastDue = Infinity;
    do {
      const page = await listHistory({ ...parsed.data, cursor }, NOW);
      for (const run of page.runs) {
        expect(run.dueAt.getTime()).toBeLessThanOrEqual(lastDue);
        lastDue = run.dueAt.getTime();
        expect(["UPCOMING", "DUE"]).not.toContain(run.state);
        seen.push(run.id);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const all = await db.run.findMany({ where: { localDate: { gte: "2026-11-01", lte: "2026-11-30" } } });
    const expected = all.filter((r) => !["UPCOMING", "DUE"].includes(runState(r, NOW)));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual(expected.map((r) => r.id).sort());
  });

  it("filters by state and reports unknown ids and bad ranges", async () => {
    const missed = await listHistory({ from: "2026-11-01", to: "2026-11-30", state: "MISSED" }, NOW);
    expect(missed.runs.length).toBeGreaterThan(0);
    expect(missed.runs.every((r) => r.state === "MISSED")).toBe(true);
    const unknown = await listHistory({ server: "no-such-server" }, NOW);
    expect(unknown).toMatchObject({ unknown: ["server"], runs: [] });
    const backwards = parseHistoryFilter({ from: "2026-11-30", to: "2026-11-01" });
    expect(backwards.success).toBe(false);
    expect(parseHistoryFilter({ state: "UPCOMING" }).success).toBe(false);
    expect(parseHistoryFilter({ cursor: "'; DROP TABLE Run; --" }).success).toBe(false);
  });
});
