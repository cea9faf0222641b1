// The Markdown limits (decision 028): the four shapes that took the server's heap or minutes of
// its time are refused with the line they reach the limit on, the seeded library passes with room
// to spare, and each limit holds exactly at its number.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MARKDOWN_LIMITS, markdownLimitMessage, markdownProblem } from "@/lib/markdown/limits";
import { seedProcedures } from "@/prisma/seed/library";
import { PATHOLOGICAL_BODIES as PATHOLOGICAL } from "../support/pathological-markdown";

describe("markdownProblem", () => {
  it.each(Object.entries(PATHOLOGICAL))("refuses %s, naming the line and the limit", (_, body) => {
    const problem = markdownProblem(body);
    expect(problem).not.toBeNull();
    expect(problem!.line).toBe(1);
    expect(problem!.message).toMatch(/at most|more than/);
  });

  it("refuses each pathological shape on the line it reaches, after ordinary text", () => {
    const intro = "# Procedure\n\nSome text.\n\n";
    expect(markdownProblem(intro + ">".repeat(50_000).slice(0, 10_000))).toMatchObject({ line: 5, message: expect.stringContaining("nest at most 20 deep") });
    expect(markdownProblem(intro + "- ".repeat(5_000))).toMatchObject({ line: 5 });
    expect(markdownProblem(intro + "*a".repeat(5_000))).toMatchObject({ line: 5, message: expect.stringContaining("more than 200 emphasis markers") });
    expect(markdownProblem(intro + "> - ".repeat(3_000))).toMatchObject({ line: 5 });
  });

  it("passes every body of the seeded library, which is far inside every limit", () => {
    for (const p of seedProcedures) expect(markdownProblem(p.body), p.slug).toBeNull();
    // The seeded library within a tenth of each limit, a quarter for length (decision 028 set them at
    // twenty times the library of its day; the corrected Exchange 2007 procedures are longer, and the
    // MOF reading page, the longest body, is about 4,700 characters).
    const tight = { chars: 5_000, lines: 100, depth: 2, markers: 100, delimitersPerBlock: 20, delimiters: 200, tableColumns: 6, tableCells: 200 };
    for (const p of seedProcedures) expect(markdownProblem(p.body, tight), p.slug).toBeNull();
  });

  it("holds each limit exactly at its number", () => {
    const L = MARKDOWN_LIMITS;
    expect(markdownProblem("x".repeat(L.chars))).toBeNull();
    expect(markdownProblem("x".repeat(L.chars + 1))?.message).toContain("20,000");
    expect(markdownProblem("a\n".repeat(L.lines - 1) + "a")).toBeNull();
    expect(markdownProblem("a\n".repeat(L.lines) + "a")).toMatchObject({ line: L.lines + 1 });
    expect(markdownProblem("> ".repeat(L.depth) + "a")).toBeNull();
    expect(markdownProblem("> ".repeat(L.depth + 1) + "a")).toMatchObject({ line: 1 });
    expect(markdownProblem("1. ".repeat(L.depth) + "a")).toBeNull();
    expect(markdownProblem("1) ".repeat(L.depth + 1) + "a")).not.toBeNull();
    expect(markdownProblem("- a\n".repeat(L.markers))).toBeNull();
    expect(markdownProblem("- a\n".repeat(L.markers + 1))).toMatchObject({ line: L.markers + 1 });
    expect(markdownProblem("*".repeat(L.delimitersPerBlock))).toBeNull();
    expect(markdownProblem("*".repeat(L.delimitersPerBlock + 1))).not.toBeNull();
    expect(markdownProblem(("a_".repeat(L.delimitersPerBlock) + "\n\n").repeat(L.delimiters / L.delimitersPerBlock))).toBeNull();
    expect(markdownProblem(("a_".repeat(L.delimitersPerBlock) + "\n\n").repeat(L.delimiters / L.delimitersPerBlock) + "~")).not.toBeNull();
    const table = (columns: number, rows: number) => "|" + "a|".repeat(columns) + "\n|" + "-|".repeat(columns) + "\n" + "b\n".repeat(rows);
    expect(markdownProblem(table(L.tableColumns, 0))).toBeNull();
    expect(markdownProblem(table(L.tableColumns + 1, 0))).toMatchObject({ line: 2, message: expect.stringContaining("33 columns") });
    // Rows are padded to the header's columns: 32 columns × (2 + 60) rows is within 2,000 cells, 63 rows not.
    expect(markdownProblem(table(L.tableColumns, 60))).toBeNull();
    expect(markdownProblem(table(L.tableColumns, 61))?.message).toContain("2,000 cells");
  });

  it("counts the delimiters of a block from its last blank line, and names the block", () => {
    const block = "*a*\n".repeat(100) + "*a*";
    expect(markdownProblem(block)?.message).toMatch(/^The lines from line 1 to this one hold more than 200/);
    expect(markdownProblem("*a*\n".repeat(100) + "\n" + "*a*\n".repeat(100))).toBeNull();
  });

  it("does not count what is not a container marker", () => {
    expect(markdownProblem("-".repeat(5_000))).toBeNull(); // a thematic break, not 5,000 list items
    expect(markdownProblem("1234567890. a ".repeat(100))).toBeNull(); // ten digits is not a list marker
    expect(markdownProblem("a > b > c ".repeat(1_000))).toBeNull(); // > inside a line is text
  });

  it("reads \\r\\n, \\r and \\n as line breaks alike", () => {
    for (const br of ["\n", "\r\n", "\r"]) expect(markdownProblem(`a${br}b${br}${"> ".repeat(21)}c`)).toMatchObject({ line: 3 });
  });

  it("gives the editor one sentence with the body's line", () => {
    expect(markdownLimitMessage("ok\n\n" + "> ".repeat(30))).toMatch(/^Line 3 of the body: This line opens more than 20/);
    expect(markdownLimitMessage("ok")).toBeNull();
  });

  it("never throws and answers for any text (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(">", "-", " ", "*", "_", "~", "|", ":", "1", ".", ")", "\n", "\r", "a", "\t", "+"), maxLength: 3_000 }), (text) => {
        const problem = markdownProblem(text);
        if (problem) expect(problem.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});
