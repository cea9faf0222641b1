import { describe, expect, it } from "vitest";
import { parseBusinessDays, serialiseBusinessDays } from "@/lib/settings/organisation";

describe("business days as stored", () => {
  it("reads the numbers the settings form stores, sorted, each once", () => {
    expect(parseBusinessDays("[1,2,3,4,5]")).toEqual([1, 2, 3, 4, 5]);
    expect(parseBusinessDays("[7,1,2,3,4]")).toEqual([1, 2, 3, 4, 7]);
    expect(parseBusinessDays("[3,3,1]")).toEqual([1, 3]);
  });

  it("accepts weekday numbers written as text, as older rows may hold them", () => {
    expect(parseBusinessDays('["7","1","2"]')).toEqual([1, 2, 7]);
  });

  it("ignores entries that name no weekday, and falls back to Monday to Friday when none is left", () => {
    expect(parseBusinessDays('[0, 8, 1.5, "x", null, 6]')).toEqual([6]);
    for (const text of ["[]", "not json", "{}", '"1,2"', "[0]", ""]) expect(parseBusinessDays(text), text).toEqual([1, 2, 3, 4, 5]);
  });

  it("round-trips through the stored form", () => {
    for (const days of [[1], [7, 1, 2, 3, 4], [1, 2, 3, 4, 5, 6, 7]]) expect(parseBusinessDays(serialiseBusinessDays(days))).toEqual([...days].sort((a, b) => a - b));
  });
});
