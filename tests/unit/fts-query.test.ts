import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { toFtsQuery } from "@/lib/sql/sqlite";

/** An FTS5 query of quoted strings only: no operator, column filter or bare syntax can slip through. */
const QUOTED_TERMS = /^"(?:[^"]|"")+"(?: "(?:[^"]|"")+")*\*$/;

describe("toFtsQuery", () => {
  it("returns null for empty, blank and punctuation-only text", () => {
    for (const text of ["", " ", "\t\n", '"', '""', "***", "()", "- + : ^ *", "'\"`", "…", "  --  "]) {
      expect(toFtsQuery(text), JSON.stringify(text)).toBeNull();
    }
  });

  it("quotes every word and makes only the last one a prefix", () => {
    expect(toFtsQuery("queue")).toBe('"queue"*');
    expect(toFtsQuery("message queue length")).toBe('"message" "queue" "length"*');
    expect(toFtsQuery("  Get-Queue  ")).toBe('"Get" "Queue"*');
  });

  it("splits on punctuation, so quotes in the text never reach the query unescaped", () => {
    expect(toFtsQuery('say "hello" world')).toBe('"say" "hello" "world"*');
    expect(toFtsQuery('a"b')).toBe('"a" "b"*');
    expect(toFtsQuery('"unbalanced')).toBe('"unbalanced"*');
    // Full-width quotation marks become ASCII quotes under NFKC and are split off as well.
    expect(toFtsQuery("＂backup＂")).toBe('"backup"*');
  });

  it("turns FTS5 operators and syntax into plain quoted words", () => {
    expect(toFtsQuery("backup AND restore")).toBe('"backup" "AND" "restore"*');
    expect(toFtsQuery("NOT queue")).toBe('"NOT" "queue"*');
    expect(toFtsQuery("NEAR(a b, 5)")).toBe('"NEAR" "a" "b" "5"*');
    expect(toFtsQuery("title:queue")).toBe('"title" "queue"*');
    expect(toFtsQuery("-queue +backup ^start")).toBe('"queue" "backup" "start"*');
    expect(toFtsQuery("queue*")).toBe('"queue"*');
  });

  it("keeps at most 12 words", () => {
    const words = Array.from({ length: 20 }, (_, i) => `w${i}`);
    expect(toFtsQuery(words.join(" "))).toBe(`${words.slice(0, 12).map((w) => `"${w}"`).join(" ")}*`);
    expect(toFtsQuery(words.slice(0, 12).join(" "))!.match(/"[^"]+"/g)).toHaveLength(12);
  });

  it("keeps letters and digits of any script, normalised (NFKC)", () => {
    expect(toFtsQuery("Größe 100 Mo")).toBe('"Größe" "100" "Mo"*');
    expect(toFtsQuery("ｑｕｅｕｅ")).toBe('"queue"*'); // full-width letters
    expect(toFtsQuery("日本語")).toBe('"日本語"*');
    expect(toFtsQuery("ﬁle")).toBe('"file"*'); // ligature
  });

  it("always gives null or a list of quoted terms, the last with *, at most 12 (property)", () => {
    const noisy = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 80 }),
      fc.string({ unit: fc.constantFrom('"', "*", "(", ")", ":", "^", "-", "+", " ", "a", "B", "7", "NEAR", "AND", "OR", "NOT", "é"), maxLength: 40 }),
    );
    fc.assert(
      fc.property(noisy, (text) => {
        const query = toFtsQuery(text);
        if (query === null) {
          expect(text.normalize("NFKC")).not.toMatch(/[\p{L}\p{N}]/u);
          return;
        }
        expect(query).toMatch(QUOTED_TERMS);
        const terms = query.match(/"(?:[^"]|"")+"/g)!;
        expect(terms.length).toBeGreaterThanOrEqual(1);
        expect(terms.length).toBeLessThanOrEqual(12);
        for (const term of terms) expect(term.slice(1, -1)).toMatch(/^[\p{L}\p{N}]+$/u);
      }),
      { numRuns: 500 },
    );
  });
});
