import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "@/lib/audit/csv";
import { recordedNumber, recordedValue } from "@/lib/format/values";

describe("a recorded number as shown", () => {
  it("keeps every digit that was recorded, unrounded and ungrouped", () => {
    expect(recordedNumber(0.0004)).toBe("0.0004");
    expect(recordedNumber(1234.5678)).toBe("1234.5678");
    expect(recordedNumber(123456789.1234)).toBe("123456789.1234");
    expect(recordedNumber(-5)).toBe("-5");
    expect(recordedNumber(0)).toBe("0");
    expect(recordedNumber(999999999999999)).toBe("999999999999999");
    expect(recordedNumber(0.1 + 0.2)).toBe("0.30000000000000004");
  });

  it("writes very large and very small numbers out in full, never with an exponent", () => {
    expect(recordedNumber(1e21)).toBe("1000000000000000000000");
    expect(recordedNumber(-1.5e22)).toBe("-15000000000000000000000");
    expect(recordedNumber(1e-7)).toBe("0.0000001");
    expect(recordedNumber(-1.25e-8)).toBe("-0.0000000125");
    expect(recordedNumber(1.2345e21)).toBe("1234500000000000000000");
  });

  it("shows -0 as 0", () => {
    expect(recordedNumber(-0)).toBe("0");
  });

  it("reads back as the same number, for any finite number (property)", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const shown = recordedNumber(n);
        expect(shown).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(shown)).toBe(Object.is(n, -0) ? 0 : n);
      }),
      { numRuns: 3_000 },
    );
  });

  it("is the number with its unit, or the text recorded", () => {
    expect(recordedValue({ valueNumber: -5, valueText: null }, "%")).toBe("-5 %");
    expect(recordedValue({ valueNumber: 0.0004, valueText: null }, "ms")).toBe("0.0004 ms");
    expect(recordedValue({ valueNumber: 1234.5678, valueText: null }, null)).toBe("1234.5678");
    expect(recordedValue({ valueNumber: null, valueText: "Backup;=1+1" }, "ms")).toBe("Backup;=1+1");
    expect(recordedValue({ valueNumber: null, valueText: null }, null)).toBe("");
  });
});

describe("CSV cells for spreadsheets", () => {
  it("writes numbers as plain numbers, exactly as the pages show them", () => {
    expect(csvRow([0.0004, 1234.5678, 123456789.1234, -5, 1e21, -0])).toBe("0.0004,1234.5678,123456789.1234,-5,1000000000000000000000,0\r\n");
    for (const n of [0.0004, 1234.5678, 123456789.1234, -5, 1e21, 1e-7]) expect(csvCell(n)).toBe(recordedNumber(n));
  });

  it("writes a string that is exactly a decimal number as that number, a negative one included", () => {
    for (const text of ["-5", "5", "0.0004", "-1234.5678", "0"]) expect(csvCell(text)).toBe(text);
  });

  it("treats a number with anything around it as text, and neutralises it when it could be a formula", () => {
    expect(csvCell("-5 %")).toBe(`"'-5 %"`);
    expect(csvCell("+5")).toBe(`"'+5"`);
    expect(csvCell("-1e5")).toBe(`"'-1e5"`);
    expect(csvCell("5 %")).toBe("5 %");
  });

  it("neutralises a formula at the start of the cell", () => {
    for (const [text, written] of [
      ["=cmd", `"'=cmd"`],
      ["+1+1", `"'+1+1"`],
      ["-2+3", `"'-2+3"`],
      ["@SUM(A1)", `"'@SUM(A1)"`],
      ["\tcmd", `"'\tcmd"`],
      ["\rcmd", `"'\rcmd"`],
      ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ]) {
      expect(csvCell(text), JSON.stringify(text)).toBe(written);
    }
  });

  it("neutralises a formula that starts after a list separator, a space or a line break", () => {
    for (const [text, written] of [
      ["Backup;=1+1", `"'Backup;=1+1"`],
      ["a,=b", `"'a,=b"`],
      ["a;+b", `"'a;+b"`],
      ["a;-b", `"'a;-b"`],
      ["a;@b", `"'a;@b"`],
      ["ok =1+1", `"'ok =1+1"`],
      ["line\n=1+1", `"'line\n=1+1"`],
      ["line\r\n@x", `"'line\r\n@x"`],
      ["a;\tb", `"'a;\tb"`],
    ]) {
      expect(csvCell(text), JSON.stringify(text)).toBe(written);
    }
  });

  it("quotes every field holding a comma, a semicolon, a quote or a line break", () => {
    expect(csvCell("a;b")).toBe(`"a;b"`);
    expect(csvCell("a,b")).toBe(`"a,b"`);
    expect(csvCell('say "hi"')).toBe(`"say ""hi"""`);
    expect(csvCell("two\nlines")).toBe(`"two\nlines"`);
    expect(csvCell("carriage\rreturn")).toBe(`"carriage\rreturn"`);
    expect(csvCell("plain text")).toBe("plain text");
  });

  it("never leaves text that a spreadsheet splitting on , or ; could start a formula with (property)", () => {
    const piece = fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", ";", ",", " ", '"', "a", "1", "5", ".", "%", "'");
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(piece, { maxLength: 10 }).map((p) => p.join(""))), (text) => {
        const cell = csvCell(text);
        if (/^-?\d+(\.\d+)?$/.test(text)) {
          expect(cell).toBe(text);
          return;
        }
        // Unquoted, the cell is the text itself; a spreadsheet reads it whole.
        const inner = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
        if (!cell.startsWith('"')) expect(/[",;\r\n]/.test(cell)).toBe(false);
        const neutralised = inner.startsWith("'") && inner.slice(1) === text;
        if (!neutralised) {
          expect(inner).toBe(text);
          for (const part of inner.split(/[;,\s]/)) expect(/^[=+\-@]/.test(part), JSON.stringify(text)).toBe(false);
          expect(/^[=+\-@\t\r\n]/.test(inner)).toBe(false);
        } else {
          expect(cell.startsWith(`"'`)).toBe(true);
        }
      }),
      { numRuns: 3_000 },
    );
  });
});
