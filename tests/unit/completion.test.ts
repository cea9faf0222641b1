import { describe, expect, it } from "vitest";
import { completionOf, currentResults, itemApplies } from "@/lib/runs/completion";

const items = [
  { id: "a", required: true, roles: [] },
  { id: "b", required: true, roles: ["MAILBOX"] },
  { id: "c", required: false, roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"] },
  { id: "d", required: true, roles: ["CLIENT_ACCESS"] },
];
const results = (entries: [string, string][]) => new Map(entries.map(([id, outcome]) => [id, { outcome }]));

describe("itemApplies", () => {
  it("takes every item on an organisation-wide run and role-free items everywhere", () => {
    expect(itemApplies(["MAILBOX"], null)).toBe(true);
    expect(itemApplies([], ["EDGE_TRANSPORT"])).toBe(true);
  });
  it("takes a role-limited item only on a server holding one of its roles", () => {
    expect(itemApplies(["HUB_TRANSPORT", "EDGE_TRANSPORT"], ["EDGE_TRANSPORT"])).toBe(true);
    expect(itemApplies(["MAILBOX"], ["CLIENT_ACCESS", "HUB_TRANSPORT"])).toBe(false);
  });
});

describe("completionOf", () => {
  it("leaves out the items for roles the server does not hold, in the count and the completion", () => {
    const cas = completionOf(items, ["CLIENT_ACCESS"], results([["a", "PASS"]]));
    expect(cas).toMatchObject({ requiredTotal: 2, requiredDone: 1, complete: false });
    const done = completionOf(items, ["CLIENT_ACCESS"], results([["a", "PASS"], ["d", "PASS"]]));
    expect(done).toEqual({ requiredTotal: 2, requiredDone: 2, complete: true, failedItems: 0, naItems: 0, hasExceptions: false });
  });

  it("counts every item on a run without a server", () => {
    expect(completionOf(items, null, results([]))).toMatchObject({ requiredTotal: 3, requiredDone: 0, complete: false });
  });

  it("counts a required N/A as an exception apart from failures, and an optional N/A as neither", () => {
    const c = completionOf(items, ["MAILBOX", "HUB_TRANSPORT"], results([["a", "NOT_APPLICABLE"], ["b", "FAIL"], ["c", "NOT_APPLICABLE"]]));
    expect(c).toEqual({ requiredTotal: 2, requiredDone: 2, complete: true, failedItems: 1, naItems: 1, hasExceptions: true });
    const optionalOnly = completionOf(items, ["HUB_TRANSPORT"], results([["a", "PASS"], ["c", "NOT_APPLICABLE"]]));
    expect(optionalOnly).toMatchObject({ complete: true, naItems: 0, hasExceptions: false });
  });

  it("still counts a failure on an item left out since it was recorded (the server's roles changed)", () => {
    const c = completionOf(items, ["CLIENT_ACCESS"], results([["a", "PASS"], ["d", "PASS"], ["b", "FAIL"]]));
    expect(c).toMatchObject({ requiredTotal: 2, complete: true, failedItems: 1, hasExceptions: true });
  });
});

describe("currentResults", () => {
  it("keeps the latest revision of each item", () => {
    const latest = currentResults([
      { itemId: "a", revision: 1, outcome: "FAIL" },
      { itemId: "a", revision: 2, outcome: "PASS" },
      { itemId: "b", revision: 1, outcome: "PASS" },
    ]);
    expect(latest.get("a")?.outcome).toBe("PASS");
    expect(latest.size).toBe(2);
  });
});
