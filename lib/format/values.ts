// Recorded values as text: one form for every page, the print view and each CSV export, so that
// what a reader sees is the value that was stored, digit for digit (decision 030).

/**
 * The number exactly as recorded: the shortest decimal that reads back as the same stored number
 * (JavaScript's own round-trip form), with no rounding, no grouping and never in exponent
 * notation (1e21 is written out in full, 1e-7 as 0.0000001). -0 is shown as 0.
 */
export function recordedNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Object.is(value, -0)) return "0";
  const text = String(Math.abs(value));
  const sign = value < 0 ? "-" : "";
  const exponent = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponent) return `${sign}${text}`;
  // d.ddd e±n: place the point n places to the right of the first digit.
  const digits = `${exponent[1]}${exponent[2] ?? ""}`;
  const point = 1 + Number(exponent[3]);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** What a result holds, as shown: a number with its unit after a space, or the text recorded. */
export function recordedValue(result: { valueNumber: number | null; valueText: string | null }, unit: string | null): string {
  if (result.valueNumber !== null) return unit ? `${recordedNumber(result.valueNumber)} ${unit}` : recordedNumber(result.valueNumber);
  return result.valueText ?? "";
}
