// Plain-language ranges of number items, and the check of a recorded value against them.
import { recordedNumber } from "@/lib/format/values";

export interface NumberRange {
  unit: string | null;
  min: number | null;
  max: number | null;
}

/**
 * A limit or a recorded value in a sentence: thousands grouped for reading, but every digit as
 * stored (decision 030). A failure reason must name the value that was recorded, and a limit of
 * 0.0005 is not one of 0.001.
 */
export function formatNumber(value: number): string {
  const [whole, fraction] = recordedNumber(value).split(".");
  const sign = whole!.startsWith("-") ? "-" : "";
  const digits = whole!.slice(sign.length);
  let grouped = "";
  for (let end = digits.length; end > 0; end -= 3) grouped = `${digits.slice(Math.max(0, end - 3), end)}${grouped ? `,${grouped}` : ""}`;
  return `${sign}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

function withUnit(value: number, unit: string | null): string {
  if (!unit) return formatNumber(value);
  return unit === "%" ? `${formatNumber(value)}%` : `${formatNumber(value)} ${unit}`;
}

/** "at most 100 messages", "at least 100 MB", "between 1 and 5 ms", "exactly 0 restarts", or null. */
export function describeRange(range: NumberRange): string | null {
  const { min, max, unit } = range;
  if (min !== null && max !== null) {
    return min === max ? `exactly ${withUnit(min, unit)}` : `between ${formatNumber(min)} and ${withUnit(max, unit)}`;
  }
  if (max !== null) return max === 0 ? `${withUnit(0, unit)} (none)` : `at most ${withUnit(max, unit)}`;
  if (min !== null) return `at least ${withUnit(min, unit)}`;
  return null;
}

/** Null when the value is inside the range; otherwise why it is not, naming the item. */
export function rangeViolation(label: string, value: number, range: NumberRange): string | null {
  if (range.max !== null && value > range.max) {
    return `${label} ${withUnit(value, range.unit)} exceeds the maximum of ${withUnit(range.max, range.unit)}`;
  }
  if (range.min !== null && value < range.min) {
    return `${label} ${withUnit(value, range.unit)} is below the minimum of ${withUnit(range.min, range.unit)}`;
  }
  return null;
}
