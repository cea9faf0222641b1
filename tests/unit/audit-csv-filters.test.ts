import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "@/lib/audit/csv";
import { parseAuditFilter } from "@/lib/audit/filters";

/** A small RFC 4180 reader, to check that what we write reads back. */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = "";
      i++;
      for (;;) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else value += line[i++];
      }
      cells.push(value);
      i++;
    } else {
      const end = line.indexOf(",", i);
      cells.push(line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    }
  }
  return cells;
}

describe("CSV cells", () => {
  // Text a spreadsheet could read as a formula is neutralised instead (tests/unit/csv-values.test.ts).
  it("quotes commas, quotes and line breaks, and round-trips any text", () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell(null)).toBe("");
    expect(csvCell(new Date("2026-11-24T10:00:00Z"))).toBe("2026-11-24T10:00:00.000Z");
    fc.assert(
      fc.property(fc.array(fc.string().filter((s) => !/^[=+\-@\t\r\n]/.test(s) && !/[;,\s][=+\-@\t\r]/.test(s)), { minLength: 1, maxLength: 6 }), (cells) => {
        const row = csvRow(cells);
        expect(row.endsWith("\r\n")).toBe(true);
        expect(parseCsvLine(row.slice(0, -2))).toEqual(cells);
      }),
    );
  });

  it("neutralises spreadsheet formulas", () => {
    for (const formula of ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd"]) {
      expect(csvCell(formula).replace(/^"/, "").startsWith("'")).toBe(true);
    }
  });
});

describe("audit filters", () => {
  it("accepts a valid filter and refuses an end before the start, absurd spans and malformed values", () => {
    expect(parseAuditFilter({ action: "result.record", from: "2026-11-01", to: "2026-11-30", before: "120" }).success).toBe(true);
    const backwards = parseAuditFilter({ from: "2026-11-30", to: "2026-11-01" });
    expect(backwards.success).toBe(false);
    if (!backwards.success) expect(backwards.error.issues[0]!.message).toBe("The end date is before the start date.");
    const absurd = parseAuditFilter({ from: "2000-01-01", to: "2026-01-01" });
    expect(absurd.success).toBe(false);
    if (!absurd.success) expect(absurd.error.issues[0]!.message).toBe("Choose a range of at most ten years.");
    const outside = parseAuditFilter({ from: "1900-01-01", to: "2026-01-01" });
    expect(outside.error?.issues[0]!.message).toBe("Enter the start date from 2000-01-01 to 2100-12-31.");
    for (const bad of [{ from: "2026-02-30" }, { action: "DROP TABLE" }, { entityType: "Run;" }, { before: "-4" }, { before: "x" }]) {
      expect(parseAuditFilter(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("never throws on arbitrary query strings", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("actor", "action", "entityType", "entityId", "from", "to", "before", "x"), fc.oneof(fc.string(), fc.array(fc.string()))), (params) => {
        expect(() => parseAuditFilter(params)).not.toThrow();
      }),
    );
  });
});
