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
// The instant the report is asked at and the skips are made at.
const now = new Date("2026-12-07T12:00:00Z");
const today = "2026-12-07";
const oldDay = addDays(today, -(SETTLE_DAYS + 25));
const recentDay = addDays(today, -2);
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
  await seedDatabase(db, { now });
  for (let i = 0; i < 3; i++) runIds.push(await missedRun(oldDay, `old-${i}`));
  runIds.push(await missedRun(recentDay, "recent"));
});

describe("figures of settled days", () => {
  it("places the boundary past the longest grace period", () => {
    expect(SETTLE_DAYS).toBeGreaterThanOrEqual(14 + 2);
    expect(settledBoundary(new Date("2026-03-31T23:00:00Z"))).toBe(addDays("2026-03-31", -SETTLE_DAYS));
    // The boundary moves at midnight UTC, whatever the organisation's zone: the last second of a
    // day and the first of the next.
    expect(settledBoundary(new Date("2026-12-07T23:59:59.999Z"))).toBe(addDays("2026-12-07", -SETTLE_DAYS));
    expect(settledBoundary(new Date("2026-12-08T00:00:00Z"))).toBe(addDays("2026-12-08", -SETTLE_DAYS));
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
    expect(await runAction(skip, { runId: runIds[0], reason: "Server room closed for the move" }, as(manager, now))).toMatchObject({ ok: true });
    const after = await getReportFigures(month, now);
    expect(after.totals.missed).toBe(2);
    expect(after.totals.skipped).toBe(first.totals.skipped + 1);
    expect(after.days.find((d) => d.date === oldDay)).toMatchObject({ missed: 2, skipped: 1 });
  });

  it("joins kept settled days and freshly counted recent days in one daily series", async () => {
    const from = addDays(oldDay, -3);
    const to = today;
    const days = await aggregateRuns("day", from, to, now);
    expect(days.get(oldDay)?.missed).toBe(await missedBetween(oldDay, oldDay));
    expect(days.get(recentDay)?.missed).toBe(await missedBetween(recentDay, recentDay));

    const trend = await getTrend(periodContaining("month", to), now);
    const total = (p: (typeof trend)[number]) => p.missed;
    expect(trend.reduce((sum, p) => sum + total(p), 0)).toBe(await missedBetween(trend[0]!.period.from, trend.at(-1)!.period.to));

    const manager = await makeUser("MANAGER");
    expect(await runAction(skip, { runId: runIds[1], reason: "Duplicate of the check done by hand" }, as(manager, now))).toMatchObject({ ok: true });
    const later = await aggregateRuns("day", from, to, now);
    expect(later.get(oldDay)?.missed).toBe(days.get(oldDay)!.missed - 1);
  });

  it("counts the day that settles at midnight the same in its last second as fresh and in the next as kept", async () => {
    const lastSecond = new Date(`${today}T23:59:59.999Z`);
    const firstSecond = new Date(`${addDays(today, 1)}T00:00:00Z`);
    const day = settledBoundary(lastSecond);
    expect(settledBoundary(firstSecond)).toBe(addDays(day, 1));
    const runId = await missedRun(day, "boundary");
    const fresh = await aggregateRuns("day", day, day, lastSecond);
    const kept = await aggregateRuns("day", day, day, firstSecond);
    expect(fresh.get(day)).toMatchObject({ missed: 1, skipped: 0 });
    expect(kept.get(day)).toEqual(fresh.get(day));

    // A write on that day shows on both sides of midnight.
    const manager = await makeUser("MANAGER");
    expect(await runAction(skip, { runId, reason: "Replaced by the site visit" }, as(manager, firstSecond))).toMatchObject({ ok: true });
    expect((await aggregateRuns("day", day, day, firstSecond)).get(day)).toMatchObject({ missed: 0, skipped: 1 });
    expect((await aggregateRuns("day", day, day, lastSecond)).get(day)).toMatchObject({ missed: 0, skipped: 1 });
  });
});
