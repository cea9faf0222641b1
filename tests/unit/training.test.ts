import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROLES, type Role } from "@/lib/auth/roles";
import {
  acknowledgementStatus,
  entryFor,
  mayRecordOnRun,
  percentDone,
  progressOf,
  reasonLabel,
  roleListState,
  roleReadingList,
  userReadingList,
  type ReadingListData,
  type ScheduleAssignment,
} from "@/lib/training/reading-list";
import { parseMatrixFilter } from "@/lib/training/schemas";

const schedule = (procedureId: string, assignee: Role | { user: string }, active = true): ScheduleAssignment => ({
  procedureId,
  assigneeRole: typeof assignee === "string" ? assignee : null,
  assigneeUserId: typeof assignee === "string" ? null : assignee.user,
  active,
});

// p1, p2: operators' daily work; p3: the managers' review; p4: as needed (no schedule);
// p5: an operator schedule that was switched off; p6: assigned to Olga by name; archived: scheduled but not live.
const DATA: ReadingListData = {
  live: new Set(["p1", "p2", "p3", "p4", "p5", "p6"]),
  schedules: [
    schedule("p1", "OPERATOR"),
    schedule("p2", "OPERATOR"),
    schedule("p2", "OPERATOR"), // a second schedule of the same procedure changes nothing
    schedule("p3", "MANAGER"),
    schedule("p5", "OPERATOR", false),
    schedule("p6", { user: "olga" }),
    schedule("archived", "OPERATOR"),
  ],
  entries: [],
};

const ids = (m: Map<string, unknown>) => [...m.keys()].sort();

describe("default reading lists", () => {
  it("gives each role the live procedures with an active schedule assigned to it", () => {
    expect(ids(roleReadingList("VIEWER", DATA))).toEqual([]);
    expect(ids(roleReadingList("OPERATOR", DATA))).toEqual(["p1", "p2"]);
    expect(ids(roleReadingList("MANAGER", DATA))).toEqual(["p3"]);
  });

  it("gives administrators what is scheduled for managers too", () => {
    expect(ids(roleReadingList("ADMIN", DATA))).toEqual(["p3"]);
    const withAdminWork = { ...DATA, schedules: [...DATA.schedules, schedule("p4", "ADMIN")] };
    expect(ids(roleReadingList("ADMIN", withAdminWork))).toEqual(["p3", "p4"]);
    expect(ids(roleReadingList("MANAGER", withAdminWork))).toEqual(["p3"]);
  });

  it("marks each entry with why it is there", () => {
    expect(roleReadingList("OPERATOR", DATA).get("p1")).toBe("ROLE");
    expect(reasonLabel("ROLE", "OPERATOR")).toBe("Scheduled for operators");
    expect(reasonLabel("ADDED", "VIEWER")).toBe("Added to the viewers' list");
    expect(reasonLabel("ASSIGNED", "OPERATOR")).toBe("Assigned to you");
  });
});

describe("changes to a role's list", () => {
  it("adds INCLUDE entries and takes away EXCLUDE entries, for that role only", () => {
    const data: ReadingListData = {
      ...DATA,
      entries: [
        { role: "OPERATOR", procedureId: "p4", mode: "INCLUDE" },
        { role: "OPERATOR", procedureId: "p2", mode: "EXCLUDE" },
        { role: "VIEWER", procedureId: "p1", mode: "INCLUDE" },
        { role: "OPERATOR", procedureId: "archived", mode: "INCLUDE" },
      ],
    };
    const operators = roleReadingList("OPERATOR", data);
    expect(ids(operators)).toEqual(["p1", "p4"]);
    expect(operators.get("p4")).toBe("ADDED");
    expect(ids(roleReadingList("VIEWER", data))).toEqual(["p1"]);
    expect(ids(roleReadingList("MANAGER", data))).toEqual(["p3"]);
  });

  it("adds a person's own assignments, even when their role's list excludes the procedure", () => {
    const data: ReadingListData = { ...DATA, entries: [{ role: "OPERATOR", procedureId: "p6", mode: "EXCLUDE" }] };
    const olga = userReadingList({ id: "olga", role: "OPERATOR" }, data);
    expect(ids(olga)).toEqual(["p1", "p2", "p6"]);
    expect(olga.get("p6")).toBe("ASSIGNED");
    expect(ids(userReadingList({ id: "omar", role: "OPERATOR" }, data))).toEqual(["p1", "p2"]);
    // A viewer assigned by name (possible before a role change) reads it too.
    expect(ids(userReadingList({ id: "olga", role: "VIEWER" }, data))).toEqual(["p6"]);
  });

  it("records the smallest change: back to the default removes the entry", () => {
    expect(entryFor(true, true)).toBeNull();
    expect(entryFor(true, false)).toBe("INCLUDE");
    expect(entryFor(false, true)).toBe("EXCLUDE");
    expect(entryFor(false, false)).toBeNull();
  });

  it("states where a procedure stands on a role's list", () => {
    expect(roleListState("OPERATOR", "p1", DATA.schedules, null)).toEqual({ onList: true, byDefault: true, entry: null });
    expect(roleListState("OPERATOR", "p1", DATA.schedules, "EXCLUDE")).toEqual({ onList: false, byDefault: true, entry: "EXCLUDE" });
    expect(roleListState("VIEWER", "p1", DATA.schedules, "INCLUDE")).toEqual({ onList: true, byDefault: false, entry: "INCLUDE" });
    expect(roleListState("OPERATOR", "p5", DATA.schedules, null)).toEqual({ onList: false, byDefault: false, entry: null });
  });

  it("after applying entryFor, the procedure is on the list exactly when wanted (any role, schedule and entry)", () => {
    const procedures = ["p1", "p2", "p3", "p4", "p5", "p6"];
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), fc.constantFrom(...procedures), fc.constantFrom("INCLUDE", "EXCLUDE", null), fc.boolean(), (role, procedureId, existing, want) => {
        const before = roleListState(role, procedureId, DATA.schedules, existing as "INCLUDE" | "EXCLUDE" | null);
        const mode = entryFor(want, before.byDefault);
        const after = roleListState(role, procedureId, DATA.schedules, mode);
        expect(after.onList).toBe(want);
        const entries = mode ? [{ role, procedureId, mode }] : [];
        expect(roleReadingList(role, { ...DATA, entries }).has(procedureId)).toBe(want);
      }),
    );
  });
});

describe("acknowledgement status", () => {
  it("is current for the current version, outdated for an older one, missing for none", () => {
    expect(acknowledgementStatus(3, 3)).toBe("CURRENT");
    expect(acknowledgementStatus(3, 2)).toBe("OUTDATED");
    expect(acknowledgementStatus(3, 1)).toBe("OUTDATED");
    expect(acknowledgementStatus(1, null)).toBe("MISSING");
  });

  it("counts progress and an empty list as complete", () => {
    const p = progressOf(["CURRENT", "OUTDATED", "MISSING", "MISSING", "CURRENT"]);
    expect(p).toEqual({ total: 5, current: 2, outdated: 1, missing: 2 });
    expect(percentDone(p)).toBe(40);
    expect(percentDone(progressOf([]))).toBe(100);
    expect(percentDone(progressOf(["CURRENT", "MISSING", "MISSING"]))).toBe(33);
  });
});

describe("recording under the acknowledgement rule", () => {
  it("lets anyone record while the setting is off", () => {
    expect(mayRecordOnRun({ required: false, role: "OPERATOR", pinnedNumber: 2, acknowledgedNumber: null })).toBe(true);
  });

  it("holds operators to the run's version or a later one; managers and administrators are exempt", () => {
    expect(mayRecordOnRun({ required: true, role: "OPERATOR", pinnedNumber: 2, acknowledgedNumber: null })).toBe(false);
    expect(mayRecordOnRun({ required: true, role: "OPERATOR", pinnedNumber: 2, acknowledgedNumber: 1 })).toBe(false);
    expect(mayRecordOnRun({ required: true, role: "OPERATOR", pinnedNumber: 2, acknowledgedNumber: 2 })).toBe(true);
    expect(mayRecordOnRun({ required: true, role: "OPERATOR", pinnedNumber: 2, acknowledgedNumber: 3 })).toBe(true);
    expect(mayRecordOnRun({ required: true, role: "MANAGER", pinnedNumber: 2, acknowledgedNumber: null })).toBe(true);
    expect(mayRecordOnRun({ required: true, role: "ADMIN", pinnedNumber: 2, acknowledgedNumber: null })).toBe(true);
  });
});

describe("matrix filter", () => {
  it("accepts a role and ignores anything else", () => {
    expect(parseMatrixFilter({ role: "OPERATOR" })).toEqual({ role: "OPERATOR" });
    expect(parseMatrixFilter({ role: ["VIEWER", "ADMIN"] })).toEqual({ role: "VIEWER" });
    expect(parseMatrixFilter({ role: "ROOT" })).toEqual({ role: undefined });
    expect(parseMatrixFilter({})).toEqual({ role: undefined });
  });
});
