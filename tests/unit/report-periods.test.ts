import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { completionRate, formatRate, onTimeRate, addFigures, emptyFigures } from "@/lib/reports/figures";
import { customPeriod, daysBetween, periodContaining, resolveReportPeriod, shiftPeriod, trendPeriods } from "@/lib/reports/periods";
import { addDays, datesBetween as datesOf } from "@/lib/time/dates";

describe("report periods", () => {
  it("finds the Monday-to-Sunday week, the month and the quarter holding a date", () => {
    expect(periodContaining("week", "2026-11-24")).toMatchObject({ from: "2026-11-23", to: "2026-11-29", label: "Week 48 of 2026 (23 Nov – 29 Nov 2026)", short: "W48" });
    expect(periodContaining("week", "2026-11-29")).toMatchObject({ from: "2026-11-23", to: "2026-11-29" });
    // ISO week 1 of 2027 starts on Monday 4 January; 1–3 January 2027 belong to week 53 of 2026.
    expect(periodContaining("week", "2027-01-02")).toMatchObject({ from: "2026-12-28", to: "2027-01-03", label: "Week 53 of 2026 (28 Dec – 3 Jan 2027)" });
    expect(periodContaining("month", "2028-02-10")).toMatchObject({ from: "2028-02-01", to: "2028-02-29", label: "February 2028", short: "Feb 28" });
    expect(periodContaining("month", "2026-02-28")).toMatchObject({ from: "2026-02-01", to: "2026-02-28" });
    expect(periodContaining("quarter", "2026-11-24")).toMatchObject({ from: "2026-10-01", to: "2026-12-31", label: "Q4 2026" });
    expect(periodContaining("quarter", "2026-03-31")).toMatchObject({ from: "2026-01-01", to: "2026-03-31", label: "Q1 2026" });
  });

  it("moves to the neighbouring period without gaps or overlaps, for every kind and any date", () => {
    fc.assert(
      fc.property(fc.constantFrom("week" as const, "month" as const, "quarter" as const), fc.integer({ min: 0, max: 20_000 }), (kind, offset) => {
        const p = periodContaining(kind, addDays("2000-01-01", offset));
        expect(shiftPeriod(p, 1).from).toBe(addDays(p.to, 1));
        expect(shiftPeriod(p, -1).to).toBe(addDays(p.from, -1));
        expect(shiftPeriod(shiftPeriod(p, 1), -1)).toEqual(p);
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it("moves a custom range by its own length", () => {
    const p = customPeriod("2026-11-10", "2026-11-19");
    expect(shiftPeriod(p, -1)).toMatchObject({ from: "2026-10-31", to: "2026-11-09" });
    expect(shiftPeriod(p, 1)).toMatchObject({ from: "2026-11-20", to: "2026-11-29" });
  });

  it("gives a trend of twelve contiguous periods ending with the chosen one (months for a custom range)", () => {
    for (const p of [periodContaining("week", "2026-01-07"), periodContaining("month", "2026-11-24"), periodContaining("quarter", "2026-05-05"), customPeriod("2026-06-10", "2026-07-20")]) {
      const trend = trendPeriods(p);
      expect(trend).toHaveLength(12);
      for (let i = 1; i < trend.length; i++) expect(trend[i]!.from).toBe(addDays(trend[i - 1]!.to, 1));
      if (p.kind === "custom") expect(trend.at(-1)).toMatchObject({ kind: "month", from: "2026-07-01", to: "2026-07-31" });
      else expect(trend.at(-1)).toEqual(p);
    }
    expect(trendPeriods(periodContaining("month", "2026-11-24"))[0]).toMatchObject({ from: "2025-12-01", to: "2025-12-31" });
  });

  it("lists every date of a range", () => {
    expect(datesOf("2028-02-27", "2028-03-01")).toEqual(["2028-02-27", "2028-02-28", "2028-02-29", "2028-03-01"]);
    expect(daysBetween("2026-01-01", "2026-12-31")).toBe(364);
  });
});

describe("report query strings", () => {
  const today = "2026-11-24";

  it("defaults to the current month and reads each period kind", () => {
    expect(resolveReportPeriod({}, today)).toMatchObject({ period: { kind: "month", from: "2026-11-01", to: "2026-11-30" }, errors: [] });
    expect(resolveReportPeriod({ period: "week", date: "2026-11-05" }, today).period).toMatchObject({ from: "2026-11-02", to: "2026-11-08" });
    expect(resolveReportPeriod({ period: "quarter" }, today).period).toMatchObject({ from: "2026-10-01", to: "2026-12-31" });
    expect(resolveReportPeriod({ period: "custom", from: "2026-01-01", to: "2026-12-31" }, today).period).toMatchObject({ kind: "custom", from: "2026-01-01", to: "2026-12-31" });
    // Empty fields count as absent, as a submitted form sends them.
    expect(resolveReportPeriod({ period: "month", date: "", from: "", to: "" }, today).errors).toEqual([]);
  });

  it.each([
    [{ period: "custom", from: "2026-12-01", to: "2026-11-01" }, "The end date is before the start date."],
    [{ period: "custom", from: "2020-01-01", to: "2026-11-01" }, "Choose a range of at most 366 days; use quarters or months for longer views."],
    [{ period: "custom", from: "2026-01-01" }, "A custom range needs a start date and an end date."],
    [{ period: "custom" }, "A custom range needs a start date and an end date."],
    [{ period: "decade" }, "Choose a week, month, quarter or custom range."],
    [{ period: "month", date: "2026-02-30" }, "Enter the date as YYYY-MM-DD."],
    [{ period: "month", date: "'; DROP TABLE Run; --" }, "Enter the date as YYYY-MM-DD."],
    [{ period: "custom", from: "2026-01-01", to: "tomorrow" }, "Enter the end date as YYYY-MM-DD."],
  ])("refuses %j with a clear message and falls back to the current month", (params, message) => {
    const { period, errors } = resolveReportPeriod(params, today);
    expect(errors).toContain(message);
    expect(period).toMatchObject({ kind: "month", from: "2026-11-01" });
  });

  it("accepts a custom range of exactly 366 days", () => {
    expect(resolveReportPeriod({ period: "custom", from: "2028-01-01", to: "2028-12-31" }, today).errors).toEqual([]);
  });
});

describe("report figures", () => {
  const f = { ...emptyFigures(), expected: 40, completed: 39, onTime: 29 };

  it("derives rates from the expected runs, and none when nothing was expected", () => {
    expect(completionRate(f)).toBeCloseTo(0.975);
    expect(onTimeRate(f)).toBeCloseTo(0.725);
    expect(completionRate(emptyFigures())).toBeNull();
    expect(addFigures(f, f)).toMatchObject({ expected: 80, completed: 78, onTime: 58 });
  });

  it("formats rates rounded down, so an almost-perfect month never reads 100%", () => {
    expect(formatRate(0.975)).toBe("97.5%");
    expect(formatRate(9999 / 10000)).toBe("99.9%");
    expect(formatRate(1)).toBe("100%");
    expect(formatRate(29 / 100)).toBe("29.0%");
    expect(formatRate(0)).toBe("0.0%");
    expect(formatRate(null)).toBe("—");
  });
});
