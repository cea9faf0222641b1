import { describe, expect, it } from "vitest";
import { diffContent } from "@/lib/procedures/diff";
import type { ChecklistItemContent, ProcedureContent } from "@/lib/procedures/schemas";
import { assignSeriesKeys, unitSlug } from "@/lib/procedures/series";

const number = (key: string, unit: string, extra: Partial<ChecklistItemContent> = {}): ChecklistItemContent => ({
  key,
  kind: "NUMBER",
  text: `Value ${key}`,
  help: "",
  required: true,
  unit,
  choices: [],
  passChoices: [],
  roles: [],
  ...extra,
});

describe("a number item whose unit changes starts a new series", () => {
  it("keeps the key while the unit stays, and for new keys", () => {
    const { items, renamed } = assignSeriesKeys([number("latency", "ms"), number("fresh", "%")], [{ key: "latency", unit: "ms", versionNumber: 1 }]);
    expect(items.map((i) => i.key)).toEqual(["latency", "fresh"]);
    expect(renamed).toEqual([]);
  });

  it("gives <key>-<unit> when the unit differs from what the key last recorded", () => {
    const { items, renamed } = assignSeriesKeys([number("latency", "ms")], [{ key: "latency", unit: "s", versionNumber: 1 }]);
    expect(items[0]!.key).toBe("latency-ms");
    expect(renamed).toEqual([{ from: "latency", to: "latency-ms", unit: "ms", previousUnit: "s" }]);
  });

  it("follows the latest use of a key, and numbers the key when <key>-<unit> is taken by another unit or item", () => {
    // latency: s in v1, ms in v2 (before series existed): v2 decides.
    expect(assignSeriesKeys([number("latency", "ms")], [{ key: "latency", unit: "s", versionNumber: 1 }, { key: "latency", unit: "ms", versionNumber: 2 }]).items[0]!.key).toBe("latency");
    const taken = assignSeriesKeys([number("latency", "ms"), number("latency-ms", "ms")], [{ key: "latency", unit: "s", versionNumber: 1 }]);
    expect(taken.items.map((i) => i.key)).toEqual(["latency-ms-2", "latency-ms"]);
    const otherUnit = assignSeriesKeys([number("latency", "ms")], [{ key: "latency", unit: "s", versionNumber: 2 }, { key: "latency-ms", unit: "us", versionNumber: 1 }]);
    expect(otherUnit.items[0]!.key).toBe("latency-ms-2");
  });

  it("makes valid keys of any unit, within 60 characters, and leaves other kinds alone", () => {
    expect(unitSlug("%")).toBe("percent");
    expect(unitSlug("messages/s")).toBe("messages-s");
    expect(unitSlug("°C")).toBe("c");
    expect(unitSlug("µs")).toBe("s");
    expect(unitSlug("!!")).toBe("unit");
    const long = assignSeriesKeys([number("x".repeat(60), "reads/s")], [{ key: "x".repeat(60), unit: "writes/s", versionNumber: 1 }]);
    expect(long.items[0]!.key).toMatch(/^x+-reads-s$/);
    expect(long.items[0]!.key.length).toBeLessThanOrEqual(60);
    const check = { ...number("done", "ms"), kind: "CHECK" as const, unit: undefined };
    expect(assignSeriesKeys([check], [{ key: "done", unit: "s", versionNumber: 1 }]).items[0]!.key).toBe("done");
  });
});

describe("the comparison of versions", () => {
  const content = (items: ChecklistItemContent[]): ProcedureContent => ({
    slug: "x-procedure",
    title: "X",
    cadence: "DAILY",
    roles: [],
    smf: "STORAGE_MANAGEMENT",
    relatedSmfs: [],
    purpose: "X",
    body: "",
    items,
    tools: [],
    references: [],
    managementReview: "",
    reviewIntervalMonths: 12,
  });

  it("names a unit change in a draft as a new series, and item roles as a field", () => {
    const d = diffContent(content([number("latency", "s")]), content([number("latency", "ms", { roles: ["MAILBOX"] })]));
    const change = d.items[0]!;
    expect(change.kind === "changed" && change.newSeries).toBe(true);
    expect(change.kind === "changed" && change.fields.map((f) => [f.label, f.before, f.after])).toEqual([
      ["Range", "no minimum to no maximum s", "no minimum to no maximum ms"],
      ["Unit", "s", "ms"],
      ["Exchange roles", "every server", "Mailbox servers only"],
    ]);
  });

  it("pairs the removed and added items of a published unit change", () => {
    const d = diffContent(content([number("latency", "s")]), content([number("latency-ms", "ms")]));
    const added = d.items.find((c) => c.kind === "added");
    expect(added?.kind === "added" && added.replaces).toEqual({ key: "latency", text: "Value latency", unit: "s" });
    expect(d.items.map((c) => c.kind).sort()).toEqual(["added", "removed"]);
  });
});
