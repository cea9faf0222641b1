// The shared input rules: text that is well-formed Unicode without control or direction-override
// characters, names on one line, dates inside the portal's range, time zones bounded before they
// are parsed, loops over dates bounded by count, and CSV exports that fail visibly.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanName, inputProblem, MAX_FIELD_CHARS, nameProblem, nameText, textProblem } from "@/lib/validation/text";
import { datesBetween, dateProblem, isDateInRange, MAX_DATES_PER_LOOP, weekGrid } from "@/lib/time/dates";
import { isUsableTimeZone, isValidTimeZone, timeZoneField } from "@/lib/time/zones";
import { localDateField, localDateTimeField } from "@/lib/time/local";
import { isMonth } from "@/lib/changes/calendar";
import { resolveReportPeriod } from "@/lib/reports/periods";
import { parseAuditFilter } from "@/lib/audit/filters";
import { weekFromParam } from "@/lib/incidents/queries";
import { csvStreamResponse } from "@/lib/http/csv-stream";
import { SettingsSchema } from "@/lib/settings/schemas";
import { NameSchema } from "@/lib/users/schemas";
import { ToolSchema } from "@/lib/procedures/schemas";

const LONE_SURROGATES = ["\ud800x", "x\udfff", "\udc00", "a\ud83d", "\ud83d\ud83d"];
const CONTROLS = ["\u0000", "\u0001", "\u0008", "\u000b", "\u000c", "\u001b", "\u007f", "\u0085", "\u009f"];
const OVERRIDES = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e"];
const DIRECTION_MARKS = ["\u2066", "\u2067", "\u2068", "\u2069", "\u200e", "\u200f", "\u061c"];

describe("free text", () => {
  it("keeps ordinary text, line breaks, tabs, emoji and other scripts", () => {
    for (const text of ["Queue 42 > 100", "line one\nline two\r\n\tindented", "🙂 ok", "שלום", "مرحبا", "日本語", "a\u2067b\u2069c", ""]) {
      expect(textProblem(text), JSON.stringify(text)).toBeNull();
    }
  });

  it("refuses lone surrogates, control characters other than line breaks and tabs, and overrides", () => {
    for (const bad of [...LONE_SURROGATES, ...CONTROLS.map((c) => `a${c}b`), ...OVERRIDES.map((c) => `admin${c}nimda`)]) {
      expect(textProblem(bad), JSON.stringify(bad)).toMatch(/broken character|control character|direction/);
    }
  });

  it("refuses a field longer than any form needs", () => {
    expect(textProblem("x".repeat(MAX_FIELD_CHARS))).toBeNull();
    expect(textProblem("x".repeat(MAX_FIELD_CHARS + 1))).toMatch(/too long/);
  });

  it("any string with a lone surrogate is refused, any well-formed one without controls is kept", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.constantFrom(...LONE_SURROGATES), fc.nat(40), (text, bad, at) => {
        const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e]/g, "");
        expect(textProblem(clean)).toBeNull();
        const cut = Math.min(at, clean.length);
        expect(textProblem(clean.slice(0, cut) + bad + clean.slice(cut))).not.toBeNull();
      }),
      { seed: 20_261_207, numRuns: 500 },
    );
  });
});

describe("names and titles", () => {
  it("are one line without direction characters", () => {
    expect(nameProblem("EXMBX01 — mailbox server")).toBeNull();
    for (const bad of ["two\nlines", "tab\there", ...DIRECTION_MARKS.map((c) => `Ann${c}a`), ...OVERRIDES.map((c) => `Ann${c}a`), "\ud800", "NUL\u0000"]) {
      expect(nameProblem(bad), JSON.stringify(bad)).not.toBeNull();
    }
  });

  it("are refused by every name schema with a message naming the field", () => {
    const spoof = "Mallory\u202eeciA";
    expect(NameSchema.safeParse(spoof).error?.issues[0]?.message).toMatch(/^A name contains a text-direction/);
    expect(nameText("The title", 50).safeParse("ok\u0000").error?.issues[0]?.message).toMatch(/^The title contains a control character/);
    const tool = ToolSchema.safeParse({ slug: "x", name: "Queue\u2066Viewer", kind: "GUI", description: "d" });
    expect(tool.error?.issues.map((i) => i.message).join(" ")).toMatch(/Tool name contains a text-direction character/);
    const settings = SettingsSchema.safeParse({ name: "Contoso\nLtd", timeZone: "Europe/London", businessDays: ["1"] });
    expect(settings.error?.issues[0]?.message).toMatch(/must be one line/);
  });

  it("from another system are cleaned rather than refused", () => {
    expect(cleanName("  Mallory\u202e  eciA\u0000\n")).toBe("Mallory eciA");
    expect(cleanName("x\ud800y\u2066z")).toBe("xyz");
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
        const cleaned = cleanName(text);
        expect(nameProblem(cleaned)).toBeNull();
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});

describe("an action's raw input", () => {
  it("names the first field that carries a bad string, at any depth", () => {
    expect(inputProblem({ title: "ok", note: "fine\nlines" })).toBeNull();
    expect(inputProblem({ title: "ok", note: "bad\ud800" })).toEqual({ field: "note", message: expect.stringMatching(/^This field contains a broken character/) });
    expect(inputProblem({ items: [{ label: "a" }, { label: "b\u0000" }] })?.field).toBe("items.1.label");
    expect(inputProblem({ x: "y".repeat(MAX_FIELD_CHARS + 1) })?.message).toMatch(/too long/);
  });

  it("is bounded itself: too many values or too deep a nesting is refused, not walked", () => {
    expect(inputProblem({ list: Array.from({ length: 5_000 }, () => "a") })?.message).toBe("The form has too many fields.");
    let deep: unknown = "x";
    for (let i = 0; i < 50; i++) deep = { deep };
    expect(inputProblem(deep)?.message).toBe("The form is nested too deeply.");
  });

  it("leaves non-strings and top-level scalars to the schema", () => {
    for (const raw of [null, undefined, 42, "text", { n: 1, b: true, nil: null }, new Map([["a", "\u0000"]])]) expect(inputProblem(raw)).toBeNull();
  });
});

describe("dates", () => {
  it("run from 2000-01-01 to 2100-12-31, and the message gives the range", () => {
    expect(isDateInRange("2000-01-01")).toBe(true);
    expect(isDateInRange("2100-12-31")).toBe(true);
    for (const date of ["1999-12-31", "2101-01-01", "9999-12-31", "0000-01-01"]) {
      expect(dateProblem(date, "the date")).toBe("Enter the date from 2000-01-01 to 2100-12-31.");
    }
    for (const date of ["+010000-01-01", "2026-02-30", "2026-1-1", "x".repeat(10_000), ""]) expect(dateProblem(date, "the date")).toBe("Enter the date as YYYY-MM-DD.");
    expect(localDateField("the start date").safeParse("9999-12-31").error?.issues[0]?.message).toBe("Enter the start date from 2000-01-01 to 2100-12-31.");
    expect(localDateTimeField("the start").safeParse("9999-12-31T10:00").error?.issues[0]?.message).toBe("Enter the start from 2000-01-01 to 2100-12-31.");
    expect(localDateTimeField("the start").safeParse("2026-12-07T10:00").success).toBe(true);
  });

  it("loops over dates are bounded by count, so no span can fill the heap", () => {
    expect(datesBetween("2026-12-30", "2027-01-02")).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
    expect(datesBetween("2027-01-02", "2026-12-30")).toEqual([]);
    expect(datesBetween("2100-12-31", "2100-12-31")).toEqual(["2100-12-31"]);
    expect(() => datesBetween("9999-12-31", "+010000-01-01")).not.toThrow();
    expect(() => datesBetween("2000-01-01", "2100-12-31")).toThrow(RangeError);
    expect(weekGrid("2100-12-01", "2100-12-31").days.at(-1)).toBe("2101-01-02");
    expect(datesBetween("2026-01-01", "2028-09-26")).toHaveLength(MAX_DATES_PER_LOOP);
  });

  it("reports, the audit log, the change calendar and the weekly incident review refuse dates past the range", () => {
    const today = "2026-12-07";
    for (const params of [{ date: "9999-12-31" }, { period: "quarter", date: "9999-10-01" }, { period: "custom", from: "9999-12-31", to: "9999-12-31" }, { period: "custom", from: "1999-01-01", to: "1999-01-02" }]) {
      const { period, errors } = resolveReportPeriod(params, today);
      expect(errors.join(" "), JSON.stringify(params)).toMatch(/from 2000-01-01 to 2100-12-31/);
      expect(period.from.startsWith("2026-12")).toBe(true);
    }
    expect(parseAuditFilter({ to: "9999-12-31" }).error?.issues[0]?.message).toBe("Enter the end date from 2000-01-01 to 2100-12-31.");
    expect(isMonth("9999-12")).toBe(false);
    expect(isMonth("2100-12")).toBe(true);
    expect(isMonth("1999-12")).toBe(false);
    expect(weekFromParam("9999-12-31", today).error).toBe("Enter a day of the week from 2000-01-01 to 2100-12-31. Showing this week instead.");
  });
});

describe("time zones", () => {
  it("are bounded and checked for their characters before they are parsed", () => {
    const huge = "Europe/London".repeat(40_000);
    const started = performance.now();
    expect(isValidTimeZone(huge)).toBe(false);
    expect(isUsableTimeZone(huge)).toBe(false);
    expect(timeZoneField().safeParse(huge).success).toBe(false);
    // Not a timing assertion: the figure only explains a failure of the lines above.
    const elapsed = performance.now() - started;
    expect(elapsed, `took ${elapsed.toFixed(1)} ms`).toBeGreaterThanOrEqual(0);
    expect(timeZoneField().safeParse("America/Argentina/ComodRivadavia").success).toBe(true);
    expect(timeZoneField().safeParse("Europe/London\u0000").success).toBe(false);
    expect(timeZoneField().safeParse(" Pacific/Auckland ").data).toBe("Pacific/Auckland");
  });
});

describe("a streamed CSV export", () => {
  async function drain(response: Response): Promise<{ text: string; error: unknown }> {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return { text, error: null };
        text += decoder.decode(value);
      }
    } catch (error) {
      return { text, error };
    }
  }

  it("streams every page", async () => {
    async function* pages() {
      yield [{ a: 1 }, { a: 2 }];
      yield [{ a: 3 }];
    }
    const { text, error } = await drain(csvStreamResponse({ header: ["a"], pages: pages(), row: (r) => [r.a], filename: "x.csv", label: "Test export" }));
    expect(error).toBeNull();
    expect(text.trim().split(/\r?\n/)).toEqual(["a", "1", "2", "3"]);
  });

  it("ends in an error, not a complete-looking file, when a page fails part-way", async () => {
    async function* pages() {
      yield [{ a: 1 }];
      throw new Error("the database went away");
    }
    const logged: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    try {
      const { text, error } = await drain(csvStreamResponse({ header: ["a"], pages: pages(), row: (r) => [r.a], filename: "x.csv", label: "Test export" }));
      expect(text.trim().split(/\r?\n/)).toEqual(["a", "1"]);
      expect(String(error)).toMatch(/Test export failed part-way/);
      expect(logged).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });
});
