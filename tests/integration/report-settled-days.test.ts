import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import { seedDatabase } from "@/lib/procedures/seed";
import { periodContaining } from "@/lib/reports/periods";
import { aggregateRuns, getReportFigures, getTrend, SETTLE_DAYS, settledBoundary } from "@/lib/reports/queries";
import { addDays } from "@/lib/time/dates";
import "@/lib/runs/actions";
import { actionDefinition, as, makeUser } from "../support/fixtures";

// Figures of settled days are kept per process until the newest audit event changes
// (decision 014). These tests prove the kept figures are the database's, and that a write through
// an action shows at once, both in a settled period and in a trend that spans the boundary.
const skip = actionDefinition("run.skip");
const HOUR = 3_600_000;
const now = new Date();
const oldDay = addDays(now.toISOString().slice(0, 10), -(SETTLE_DAYS + 25));
const recentDay = addDays(now.toISOString().slice(0, 10), -2);
const runIds: string[] = [];

async function missedRun(date: string, key: string): Promise<string> {
  const procedure = await db.procedure.findFirstOrThrow({ where: { seedCode: "D1" } });
  const dueAt = new Date(`${date}T10:00:00Z`);
  const run = await db.run.create({
    data: {
      procedureId: procedure.id,
      versionId: procedure.currentVersionId!,
      periodKey: `settled-${key}`,
      scopeKey: "-",
      cadence: "DAILY",
      localDate: date,
      opensAt: new Date(`${date}T00:00:00Z`),
      dueAt,
      graceEndsAt: new Date(dueAt.getTime() + 4 * HOUR),
    },
  });
  return run.id;
}

/** The same figures counted straight from the runs, without the report's SQL or its cache. */
async function missedBetween(from: string, to: string): Promise<number> {
  return db.run.count({ where: { localDate: { gte: from, lte: to }, completedAt: null, skippedAt: null, suppressed: false, graceEndsAt: { lt: now } } });
}

beforeAll(async () => {
  await seedDatabase(db);
  for (let i = 0; i < 3; i++) runIds.push(await missedRun(oldDay, `old-${i}`));
  runIds.push(await missedRun(recentDay, "recent"));
});

describe("figures of settled days", () => {
  it("places the boundary past the longest grace period", () => {
    expect(SETTLE_DAYS).toBeGreaterThanOrEqual(14 + 2);
    expect(settledBoundary(new Date("2026-03-31T23:00:00Z"))).toBe(addDays("2026-03-31", -SETTLE_DAYS));
    expect(oldDay < settledBoundary(now)).toBe(true);
    expect(recentDay >= settledBoundary(now)).toBe(true);
  });

  it("gives the database's figures, asked once or many times, and a write through an action shows at once", async () => {
    const month = periodContaining("month", oldDay);
    const first = await getReportFigures(month, now);
    expect(first.totals.missed).toBe(await missedBetween(month.from, month.to));
    expect(first.totals.missed).toBe(3);
    const again = await getReportFigures(month, now);
    expect(again.totals).toEqual(first.totals);

    const manager = await makeUser("MANAGER");
    expect(await runAction(skip, { runId: runIds[0], reason: "Server room closed for the move" }, as(manager))).toMatchObject({ ok: true });
    const after = await getReportFigures(month, now);
    expect(after.totals.missed).toBe(2);
    expect(after.totals.skipped).toBe(first.totals.skipped + 1);
    expect(after.days.find((d) => d.date === oldDay)).toMatchObject({ missed: 2, skipped: 1 });
  });

  it("joins kept settled days and freshly counted recent days in one daily series", async () => {
    const from = addDays(oldDay, -3);
    const to = now.toISOString().slice(0, 10);
    const days = await aggregateRuns("day", from, to, now);
    expect(days.get(oldDay)?.missed).toBe(await missedBetween(oldDay, oldDay));
    expect(days.get(recentDay)?.missed).toBe(await missedBetween(recentDay, recentDay));

    const trend = await getTrend(periodContaining("month", to), now);
    const total = (p: (typeof trend)[number]) => p.missed;
    expect(trend.reduce((sum, p) => sum + total(p), 0)).toBe(await missedBetween(trend[0]!.period.from, trend.at(-1)!.period.to));

    const manager = await makeUser("MANAGER");
    expect(await runAction(skip, { runId: runIds[1], reason: "Duplicate of the check done by hand" }, as(manager))).toMatchObject({ ok: true });
    const later = await aggregateRuns("day", from, to, now);
    expect(later.get(oldDay)?.missed).toBe(days.get(oldDay)!.missed - 1);
  });
});
