import { describe, expect, it } from "vitest";
import { approvalProblem, publishProblem, submitProblem } from "@/lib/procedures/approval";
import { diffContent, summariseDiff, wordDiff } from "@/lib/procedures/diff";
import { DRAFT_STATUSES } from "@/lib/procedures/drafts";
import { ProcedureContentSchema, type ProcedureContent } from "@/lib/procedures/schemas";
import { seedContentOf, DEFAULT_LIBRARY } from "@/lib/procedures/seed";

const base: ProcedureContent = ProcedureContentSchema.parse({
  slug: "check-disk-usage",
  title: "Check disk usage",
  cadence: "DAILY",
  roles: ["MAILBOX", "HUB_TRANSPORT"],
  smf: "STORAGE_MANAGEMENT",
  purpose: "Keep enough free space.",
  body: "## Steps\n\n1. Open the console.\n2. Look at free space.\n3. Write it down.\n",
  items: [
    { key: "free-space", kind: "NUMBER", text: "Free space on the log drive", unit: "%", min: 20 },
    { key: "reviewed", kind: "CHECK", text: "Reviewed the trend" },
    { key: "status", kind: "CHOICE", text: "Copy status", choices: ["Healthy", "Failed"], passChoices: ["Healthy"] },
  ],
  tools: [{ tool: "performance-monitor", command: "perfmon", purpose: "" }],
  references: [],
});

describe("comparing versions", () => {
  it("finds nothing between identical contents, for every seeded procedure", () => {
    for (const p of DEFAULT_LIBRARY.procedures) {
      const c = seedContentOf(p);
      expect(diffContent(c, structuredClone(c)).same, p.slug).toBe(true);
    }
  });

  it("reports changed metadata field by field", () => {
    const d = diffContent(base, { ...base, title: "Check disk space", cadence: "WEEKLY", roles: ["MAILBOX"], reviewIntervalMonths: 6 });
    expect(d.fields.map((f) => [f.label, f.before, f.after])).toEqual([
      ["Title", "Check disk usage", "Check disk space"],
      ["Cadence", "Daily", "Weekly"],
      ["Exchange roles", "Hub Transport, Mailbox", "Mailbox"],
      ["Review interval", "12 months", "6 months"],
    ]);
    expect(d.same).toBe(false);
  });

  it("shows the body line by line, and role order alone is no change", () => {
    const d = diffContent(base, { ...base, roles: ["HUB_TRANSPORT", "MAILBOX"], body: base.body.replace("2. Look at free space.", "2. Look at free space on every volume.") });
    expect(d.fields).toEqual([]);
    expect(d.bodyChanged).toBe(true);
    expect(d.body.filter((p) => p.removed).map((p) => p.value)).toEqual(["2. Look at free space.\n"]);
    expect(d.body.filter((p) => p.added).map((p) => p.value)).toEqual(["2. Look at free space on every volume.\n"]);
  });

  it("matches checklist items by key: added, removed, changed (with the fields), moved", () => {
    const after: ProcedureContent = {
      ...base,
      items: [
        base.items[1]!, // moved up
        { ...base.items[0]!, max: 95, min: 25 }, // changed range
        { key: "queue", kind: "NUMBER", text: "Disk queue length", help: "", required: true, unit: "requests", min: undefined, max: 2, counter: "\\PhysicalDisk(*)\\Avg. Disk Queue Length", choices: [], passChoices: [], roles: [] },
      ],
    };
    const d = diffContent(base, after);
    expect(d.items.map((c) => [c.kind, c.key])).toEqual([
      ["moved", "reviewed"],
      ["changed", "free-space"],
      ["added", "queue"],
      ["removed", "status"],
    ]);
    const changed = d.items.find((c) => c.kind === "changed");
    expect(changed?.kind === "changed" && changed.fields.map((f) => [f.label, f.before, f.after])).toEqual([["Range", "20 to no maximum %", "25 to 95 %"]]);
    expect(summariseDiff(d)).toEqual(["Checklist: 1 added, 1 removed, 1 changed, 1 moved."]);
  });

  it("an item changed in place is not also reported as moved", () => {
    const d = diffContent(base, { ...base, items: [base.items[0]!, { ...base.items[1]!, text: "Reviewed the weekly trend" }, base.items[2]!] });
    expect(d.items).toHaveLength(1);
    expect(d.items[0]).toMatchObject({ kind: "changed", moved: false });
  });

  it("matches tool uses by tool and occurrence", () => {
    const d = diffContent(base, { ...base, tools: [{ tool: "performance-monitor", command: "perfmon /res", purpose: "" }, { tool: "exchange-management-shell", command: "Get-Queue", purpose: "" }] });
    expect(d.tools.map((t) => [t.kind, t.tool])).toEqual([["changed", "performance-monitor"], ["added", "exchange-management-shell"]]);
    expect(diffContent(base, { ...base, tools: [] }).tools).toEqual([{ kind: "removed", tool: "performance-monitor", before: { command: "perfmon", purpose: "" } }]);
  });

  it("highlights words within a field", () => {
    expect(wordDiff("Free space on the log drive", "Free space on the database drive").filter((p) => p.added || p.removed)).toEqual([
      { value: "log", removed: true },
      { value: "database", added: true },
    ]);
  });
});

describe("approval rules", () => {
  const c = { status: "AWAITING_APPROVAL" as const, authorId: "author", editorIds: ["author", "editor"], userId: "other" };

  it("lets a manager who neither started nor edited the draft approve a submitted draft", () => {
    expect(approvalProblem(c)).toBeNull();
  });

  it("refuses the author, anyone who edited it, an unsubmitted draft and an approved one", () => {
    expect(approvalProblem({ ...c, userId: "author" })).toMatch(/started this draft/);
    expect(approvalProblem({ ...c, userId: "editor" })).toMatch(/edited this draft/);
    expect(approvalProblem({ ...c, status: "EDITING" })).toMatch(/Submit the draft/);
    expect(approvalProblem({ ...c, status: "APPROVED" })).toMatch(/already approved/);
  });

  it("allows publishing without approval unless the organisation requires it, for every status", () => {
    for (const status of DRAFT_STATUSES) {
      expect(publishProblem({ status, requireSecondApproval: false })).toBeNull();
      expect(publishProblem({ status, requireSecondApproval: true }) === null).toBe(status === "APPROVED");
    }
  });

  it("submits only drafts being edited", () => {
    expect(DRAFT_STATUSES.map((s) => submitProblem(s) === null)).toEqual([true, false, false]);
  });
});

describe("procedure content rules", () => {
  const issues = (patch: Partial<Record<string, unknown>>) => {
    const r = ProcedureContentSchema.safeParse({ ...base, ...patch });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  };

  it("refuses markup that could run code in the body or in guidance", () => {
    for (const body of ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "<a href=\"#\" onclick=\"steal()\">x</a>", "<iframe src=//evil></iframe>"]) {
      expect(issues({ body }), body).toEqual([expect.stringMatching(/^body: Remove the HTML that could run code/)]);
    }
    expect(issues({ items: [{ ...base.items[1]!, help: "<svg onload=alert(1)>" }] })).toEqual([expect.stringMatching(/^items.0.help: Remove the HTML/)]);
    expect(issues({ body: "Use `Get-Queue | Where {$_.MessageCount -gt 100}` and compare 5 < 10." })).toEqual([]);
  });

  it("refuses reserved slugs and review intervals out of range", () => {
    expect(issues({ slug: "new" })).toEqual(["slug: This slug is reserved; choose another."]);
    expect(issues({ reviewIntervalMonths: 0 })).toHaveLength(1);
    expect(issues({ reviewIntervalMonths: 61 })).toHaveLength(1);
    expect(issues({ reviewIntervalMonths: 1.5 })).toEqual(["reviewIntervalMonths: The review interval is a whole number of months."]);
  });
});
