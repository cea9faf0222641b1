// A recorded number with its unit, as the run page shows it: "95 min", "85%", and "1 thread", not
// "1 threads" (units are stored in the plural, as a range reads them: "at most 2 threads").
import { recordedNumber } from "@/lib/format/values";

/**
 * The unit for a value: the singular of a plural word unit when the value is exactly 1 or -1
 * ("messages" → "message", "stalls/s" → "stall/s"). Symbols and abbreviations ("%", "ms", "MB",
 * "s", "°C") and words that are not plurals stay as they are.
 */
export function unitFor(value: number, unit: string): string {
  if (Math.abs(value) !== 1) return unit;
  const [word = "", ...per] = unit.split("/");
  if (!/^[a-z]{2,}s$/.test(word) || /(ss|us|is)$/.test(word)) return unit;
  const singular = /ies$/.test(word) ? `${word.slice(0, -3)}y` : /(sh|ch|x)es$/.test(word) ? word.slice(0, -2) : word.slice(0, -1);
  return [singular, ...per].join("/");
}

/** A number as recorded, with its unit: "%" directly after it, any other unit after a space. */
export function quantity(value: number, unit: string | null): string {
  const number = recordedNumber(value);
  if (!unit) return number;
  return unit === "%" ? `${number}%` : `${number} ${unitFor(value, unit)}`;
}
