import { describe, expect, it } from "vitest";
import { emptyFigures } from "@/lib/reports/figures";
import { periodContaining, trendPeriods } from "@/lib/reports/periods";
import type { TrendPoint } from "@/lib/reports/queries";
import { trendSummary } from "@/lib/reports/trend-summary";

/** Twelve months ending with December 2026; `done` gives month index → [completed, expected]. */
function months(done: Record<number, [number, number]>): TrendPoint[] {
  return trendPeriods(periodContaining("month", "2026-12-09")).map((period, i) => {
    const [completed, expected] = done[i] ?? [0, 0];
    return { period, ...emptyFigures(), completed, expected };
  });
}

describe("the trend caption", () => {
  it("names a single month with runs once (B8: it said December 2026 three times)", () => {
    const text = trendSummary(months({ 11: [3, 3] }));
    expect(text).toBe("Completion rate 100% in December 2026, the only one of the last 12 months with runs due.");
    expect(text.match(/December 2026/g)).toHaveLength(1);
  });

  it("says when every period had the same rate", () => {
    expect(trendSummary(months({ 9: [4, 4], 10: [5, 5], 11: [3, 3] }))).toBe("Completion rate 100% in each of the 3 months with runs due, October 2026 to December 2026.");
  });

  it("names the lowest apart only when it is neither the first nor the last", () => {
    expect(trendSummary(months({ 9: [9, 10], 10: [1, 2], 11: [3, 3] }))).toBe("Completion rate 90.0% in October 2026, 100% in December 2026; lowest 50.0% in November 2026.");
    expect(trendSummary(months({ 9: [1, 2], 10: [9, 10], 11: [3, 3] }))).toBe("Completion rate 50.0% in October 2026 (the lowest), 100% in December 2026.");
    expect(trendSummary(months({ 9: [3, 3], 10: [9, 10], 11: [1, 2] }))).toBe("Completion rate 100% in October 2026, 50.0% in December 2026 (the lowest).");
  });

  it("says when nothing was due, in the period's own word", () => {
    expect(trendSummary(months({}))).toBe("No runs were due in the last 12 months.");
    const weeks = trendPeriods(periodContaining("week", "2026-12-09")).map((period) => ({ period, ...emptyFigures() }));
    expect(trendSummary(weeks)).toBe("No runs were due in the last 12 weeks.");
  });

  it("never names a period twice, whatever the rates", () => {
    for (let seed = 0; seed < 200; seed++) {
      const done: Record<number, [number, number]> = {};
      for (let i = 0; i < 12; i++) if ((seed * 7 + i * 3) % 5 !== 0) done[i] = [(seed + i) % 4, 3];
      const text = trendSummary(months(done));
      for (const label of ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]) {
        expect((text.match(new RegExp(`${label} 2026`, "g")) ?? []).length, text).toBeLessThanOrEqual(1);
      }
    }
  });
});
