// CSV for every export: RFC 4180 quoting, numbers a spreadsheet reads as numbers, and text that a
// spreadsheet cannot take for a formula (decision 030).
import { recordedNumber } from "@/lib/format/values";

// A cell that is nothing but a decimal number ("-5", "0.0004"): written as it is, so that it stays
// a number. Anything else that looks numeric ("+5", "1e5", "-5 %") is text.
const DECIMAL = /^-?\d+(?:\.\d+)?$/;
// Where a spreadsheet may start a formula: at the start of the cell, or at the start of any piece
// it splits the cell into (after a ";" or "," list separator, or after white space or a line break).
const FORMULA_START = /^[=+\-@\t\r\n]/;
const FORMULA_INSIDE = /[;,\s][=+\-@\t\r]/;
// Fields holding any of these are quoted: both list separators, the quote and line breaks.
const NEEDS_QUOTES = /[",;\r\n]/;

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

export function csvCell(value: unknown): string {
  if (typeof value === "number" && Number.isFinite(value)) return recordedNumber(value);
  if (typeof value === "bigint") return value.toString();
  const text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : String(value);
  if (DECIMAL.test(text)) return text;
  // Neutralised: a leading apostrophe makes the whole field text, and quoting keeps it one field.
  if (FORMULA_START.test(text) || FORMULA_INSIDE.test(text)) return quoted(`'${text}`);
  return NEEDS_QUOTES.test(text) ? quoted(text) : text;
}

export function csvRow(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
