import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { parseSearchRequest, SEARCH_MAX_LENGTH, SEARCH_MAX_WORDS } from "@/lib/search/schemas";
import { containsPattern } from "@/lib/sql/like";

describe("the search text", () => {
  it("is empty when absent, blank or not text", () => {
    for (const raw of [undefined, null, "", " \t\n ", [], 42, { q: "x" }]) expect(parseSearchRequest(raw), String(raw)).toEqual({ kind: "empty" });
  });

  it("is trimmed and split into distinct words", () => {
    expect(parseSearchRequest("  disk   usage EXMBX01 disk ")).toEqual({ kind: "search", text: "disk   usage EXMBX01 disk", words: ["disk", "usage", "EXMBX01"] });
  });

  it("keeps the first of a repeated parameter", () => {
    expect(parseSearchRequest(["queue", "backup"])).toMatchObject({ kind: "search", text: "queue" });
  });

  it("accepts 200 characters and refuses 201 with the length in the message", () => {
    expect(parseSearchRequest("x".repeat(SEARCH_MAX_LENGTH)).kind).toBe("search");
    expect(parseSearchRequest(` ${"x".repeat(SEARCH_MAX_LENGTH)} `).kind).toBe("search");
    expect(parseSearchRequest("x".repeat(5000))).toEqual({ kind: "refused", message: "Search for at most 200 characters; this search has 5,000." });
  });

  it("refuses control characters and too many words", () => {
    expect(parseSearchRequest("queue\u0000")).toMatchObject({ kind: "refused", message: expect.stringContaining("control character") });
    expect(parseSearchRequest(Array.from({ length: SEARCH_MAX_WORDS + 1 }, (_, i) => `w${i}`).join(" ")).kind).toBe("refused");
    expect(parseSearchRequest(Array.from({ length: SEARCH_MAX_WORDS }, (_, i) => `w${i}`).join(" ")).kind).toBe("search");
  });

  it("never throws, and what it accepts is bounded (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 300 }), fc.array(fc.string({ maxLength: 30 }), { maxLength: 3 }), fc.anything()), (raw) => {
        const request = parseSearchRequest(raw);
        if (request.kind === "search") {
          expect(request.text.length).toBeLessThanOrEqual(SEARCH_MAX_LENGTH * 3); // NFKC may expand a little
          expect(request.words.length).toBeGreaterThan(0);
          expect(request.words.length).toBeLessThanOrEqual(SEARCH_MAX_WORDS);
        }
      }),
    );
  });
});

describe("LIKE patterns", () => {
  it("escape the wildcards and the escape character, and match anywhere", () => {
    expect(containsPattern("queue")).toBe("%queue%");
    expect(containsPattern("100%")).toBe("%100\\%%");
    expect(containsPattern("Disk_Free")).toBe("%Disk\\_Free%");
    expect(containsPattern("C:\\Logs")).toBe("%C:\\\\Logs%");
  });
});
