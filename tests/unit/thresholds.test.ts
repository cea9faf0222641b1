import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { describeRange, formatNumber, rangeViolation, type NumberRange } from "@/lib/procedures/thresholds";

const range = (min: number | null, max: number | null, unit: string | null = "messages"): NumberRange => ({ unit, min, max });

describe("formatNumber", () => {
  it("groups thousands and keeps every digit as recorded", () => {
    expect(formatNumber(1000)).toBe("1,000");
    expect(formatNumber(100)).toBe("100");
    expect(formatNumber(1234567.891)).toBe("1,234,567.891");
    expect(formatNumber(0.12345)).toBe("0.12345");
    expect(formatNumber(0.0004)).toBe("0.0004");
    expect(formatNumber(1234.5678)).toBe("1,234.5678");
    expect(formatNumber(-123456789.1234)).toBe("-123,456,789.1234");
    expect(formatNumber(1e21)).toBe("1,000,000,000,000,000,000,000");
    expect(formatNumber(-5)).toBe("-5");
    expect(formatNumber(0)).toBe("0");
  });
});

describe("describeRange", () => {
  it("describes an upper bound as 'at most'", () => {
    expect(describeRange(range(null, 100))).toBe("at most 100 messages");
    expect(describeRange(range(null, 250, "ms"))).toBe("at most 250 ms");
  });

  it("describes a lower bound as 'at least'", () => {
    expect(describeRange(range(100, null, "MB"))).toBe("at least 100 MB");
    expect(describeRange(range(0, null, "MB"))).toBe("at least 0 MB");
  });

  it("describes both bounds as 'between', with the unit once at the end", () => {
    expect(describeRange(range(1, 5, "ms"))).toBe("between 1 and 5 ms");
    expect(describeRange(range(1500, 20000, "messages"))).toBe("between 1,500 and 20,000 messages");
  });

  it("describes equal bounds as 'exactly'", () => {
    expect(describeRange(range(0, 0, "restarts"))).toBe("exactly 0 restarts");
    expect(describeRange(range(3, 3, "%"))).toBe("exactly 3%");
  });

  it("describes a maximum of zero as none", () => {
    expect(describeRange(range(null, 0, "messages"))).toBe("0 messages (none)");
    expect(describeRange(range(null, 0, null))).toBe("0 (none)");
  });

  it("writes percentages without a space", () => {
    expect(describeRange(range(null, 80, "%"))).toBe("at most 80%");
    expect(describeRange(range(10, null, "%"))).toBe("at least 10%");
    expect(describeRange(range(10, 90, "%"))).toBe("between 10 and 90%");
    expect(describeRange(range(null, 12.5, "%"))).toBe("at most 12.5%");
  });

  it("writes a bare number without a unit", () => {
    expect(describeRange(range(null, 100, null))).toBe("at most 100");
    expect(describeRange(range(null, 100, ""))).toBe("at most 100");
  });

  it("returns null without any bound", () => {
    expect(describeRange(range(null, null))).toBeNull();
    expect(describeRange(range(null, null, "%"))).toBeNull();
  });
});

describe("rangeViolation", () => {
  it("names the item, the value and the maximum it exceeds", () => {
    expect(rangeViolation("Submission queue length", 180, { unit: "messages", min: null, max: 100 })).toBe(
      "Submission queue length 180 messages exceeds the maximum of 100 messages",
    );
  });

  it("names the minimum a value is below", () => {
    expect(rangeViolation("Free disk space", 5, { unit: "%", min: 10, max: null })).toBe("Free disk space 5% is below the minimum of 10%");
    expect(rangeViolation("Free space", 512, { unit: "MB", min: 1024, max: null })).toBe(
      "Free space 512 MB is below the minimum of 1,024 MB",
    );
  });

  it("accepts the bounds themselves (inclusive range)", () => {
    expect(rangeViolation("x", 100, range(null, 100))).toBeNull();
    expect(rangeViolation("x", 10, range(10, null))).toBeNull();
    expect(rangeViolation("x", 0, range(0, 0))).toBeNull();
    expect(rangeViolation("x", 1, range(0, 0))).not.toBeNull();
  });

  it("accepts any value without bounds", () => {
    expect(rangeViolation("x", -1e9, range(null, null))).toBeNull();
    expect(rangeViolation("x", 1e9, range(null, null))).toBeNull();
  });

  const finite = fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true });
  const bounds = fc
    .tuple(fc.option(finite, { nil: null }), fc.option(finite, { nil: null }))
    .map(([a, b]) => (a !== null && b !== null && a > b ? [b, a] : [a, b]) as [number | null, number | null]);

  it("never reports a value inside [min, max], and always reports one outside (property)", () => {
    fc.assert(
      fc.property(bounds, finite, fc.constantFrom("messages", "%", "ms", null), ([min, max], value, unit) => {
        const inside = (min === null || value >= min) && (max === null || value <= max);
        const message = rangeViolation("Item", value, { unit, min, max });
        if (inside) {
          expect(message).toBeNull();
        } else {
          expect(message).not.toBeNull();
          expect(message!.startsWith("Item ")).toBe(true);
          expect(message).toMatch(max !== null && value > max ? /exceeds the maximum of/ : /is below the minimum of/);
        }
      }),
    );
  });

  it("reports values just past either bound (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 1000 }), (min, width, step) => {
        const max = min + width;
        expect(rangeViolation("Item", max + step, range(min, max))).toMatch(/exceeds the maximum/);
        expect(rangeViolation("Item", min - step, range(min, max))).toMatch(/is below the minimum/);
        expect(rangeViolation("Item", min + Math.floor(width / 2), range(min, max))).toBeNull();
      }),
    );
  });
});
