// Limits by the organisation's mailbox users (decision 036): the rule that picks them, the content
// rules that refuse bad tiers, procedure files that carry them, and the audit check of results.
import { describe, expect, it } from "vitest";
import { checkRunEvidence, type EvidenceEvent, type EvidenceResult, type EvidenceRun } from "@/lib/audit/evidence";
import { expectation } from "@/components/procedures/checklist-table";
import { parseProcedureFile, serializeProcedure } from "@/lib/procedures/files";
import { ChecklistItemSchema, ProcedureContentSchema } from "@/lib/procedures/schemas";
import { evaluate } from "@/lib/runs/evaluate";
import { appliedLimitText, describeLimits, effectiveLimits, parseLimitsByMailboxUsers, serialiseLimitsByMailboxUsers } from "@/lib/runs/limits";

const TIERS = { UNDER_500: { max: 15 }, FROM_500_TO_3000: { max: 30 }, OVER_3000: { max: 50 } };
const rpc = { kind: "NUMBER", text: "RPC Averaged Latency", unit: "ms", min: null, max: null, limitsByMailboxUsers: TIERS, choices: [], passChoices: [] };
const queue = { kind: "NUMBER", text: "Submission queue length", unit: "messages", min: null, max: 100, choices: [], passChoices: [] };

describe("effectiveLimits", () => {
  it("takes the tier of the organisation's mailbox users when the item has tiers", () => {
    expect(effectiveLimits(rpc, "UNDER_500")).toEqual({ min: null, max: 15, tier: "UNDER_500" });
    expect(effectiveLimits(rpc, "FROM_500_TO_3000")).toEqual({ min: null, max: 30, tier: "FROM_500_TO_3000" });
    expect(effectiveLimits(rpc, "OVER_3000")).toEqual({ min: null, max: 50, tier: "OVER_3000" });
  });

  it("takes the item's own min and max otherwise, whatever the setting", () => {
    for (const size of ["UNDER_500", "FROM_500_TO_3000", "OVER_3000"] as const) {
      expect(effectiveLimits(queue, size)).toEqual({ min: null, max: 100, tier: null });
      expect(effectiveLimits({ ...queue, limitsByMailboxUsers: null }, size)).toEqual({ min: null, max: 100, tier: null });
    }
    const both = { UNDER_500: { min: 1, max: 5 }, FROM_500_TO_3000: { min: 2 }, OVER_3000: { max: 9 } };
    expect(effectiveLimits({ min: null, max: null, limitsByMailboxUsers: both }, "FROM_500_TO_3000")).toEqual({ min: 2, max: null, tier: "FROM_500_TO_3000" });
  });

  it("says what is expected for the setting, or every size without one", () => {
    expect(describeLimits(rpc, "FROM_500_TO_3000")).toBe("at most 30 ms (500–3,000 mailbox users)");
    expect(describeLimits(queue, "OVER_3000")).toBe("at most 100 messages");
    expect(describeLimits(rpc, null)).toBe("at most 15 ms under 500 mailbox users; at most 30 ms 500–3,000 mailbox users; at most 50 ms over 3,000 mailbox users");
    expect(expectation(rpc, "FROM_500_TO_3000")).toBe("at most 30 ms (500–3,000 mailbox users)");
    expect(expectation({ ...queue, max: null }, "OVER_3000")).toBe("Record in messages; compare with the baseline");
  });

  it("names the limit a stored result was judged against, and the item's own for results from before limits were stored", () => {
    expect(appliedLimitText({ limitMin: null, limitMax: 30 }, rpc)).toBe("limit 30 ms (500–3,000 mailbox users)");
    expect(appliedLimitText({ limitMin: null, limitMax: 100 }, queue)).toBe("limit 100 messages");
    expect(appliedLimitText({ limitMin: null, limitMax: null }, queue)).toBe("limit 100 messages");
    expect(appliedLimitText({ limitMin: 1, limitMax: 5 }, { ...queue, max: null })).toBe("limit: between 1 and 5 messages");
    expect(appliedLimitText({ limitMin: null, limitMax: null }, { ...queue, max: null })).toBeNull();
  });

  it("stores tiers as JSON in a fixed order and reads back only valid tiers", () => {
    const text = serialiseLimitsByMailboxUsers({ OVER_3000: { max: 50 }, UNDER_500: { max: 15 }, FROM_500_TO_3000: { max: 30 } });
    expect(text).toBe('{"UNDER_500":{"max":15},"FROM_500_TO_3000":{"max":30},"OVER_3000":{"max":50}}');
    expect(parseLimitsByMailboxUsers(text)).toEqual(TIERS);
    expect(serialiseLimitsByMailboxUsers(undefined)).toBe("");
    for (const bad of ["", "not json", "[]", '{"UNDER_500":{"max":15}}']) expect(parseLimitsByMailboxUsers(bad), bad).toBeNull();
  });
});

describe("evaluate with tiers", () => {
  it("judges against the tier and names it in the failure reason, returning the limits applied", () => {
    expect(evaluate(rpc, { outcome: "PASS", value: "42" }, "FROM_500_TO_3000")).toEqual({
      ok: true,
      outcome: "FAIL",
      valueNumber: 42,
      valueText: null,
      failureReason: "RPC Averaged Latency 42 ms exceeds the maximum of 30 ms for 500–3,000 mailbox users",
      limitMin: null,
      limitMax: 30,
    });
    expect(evaluate(rpc, { outcome: "PASS", value: "42" }, "OVER_3000")).toMatchObject({ outcome: "PASS", failureReason: null, limitMax: 50 });
    expect(evaluate(queue, { outcome: "PASS", value: "42" }, "OVER_3000")).toMatchObject({ outcome: "PASS", limitMin: null, limitMax: 100 });
    // Not a number, or not applicable: no limit was applied.
    expect(evaluate(rpc, { outcome: "NOT_APPLICABLE", value: "" }, "OVER_3000")).toMatchObject({ ok: true, limitMin: null, limitMax: null });
  });
});

describe("content rules for tiers", () => {
  const item = (extra: Record<string, unknown>) => ({ key: "rpc", kind: "NUMBER", text: "RPC Averaged Latency", unit: "ms", ...extra });
  const messages = (input: unknown) => {
    const parsed = ChecklistItemSchema.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join("."), i.message]);
  };

  it("accepts three tiers on a number item", () => {
    expect(ChecklistItemSchema.parse(item({ limitsByMailboxUsers: TIERS })).limitsByMailboxUsers).toEqual(TIERS);
  });

  it("refuses a missing tier, an empty tier, a minimum above the maximum and an unknown size, each with a clear message", () => {
    expect(messages(item({ limitsByMailboxUsers: { UNDER_500: { max: 15 }, FROM_500_TO_3000: { max: 30 } } }))).toEqual([
      ["limitsByMailboxUsers.OVER_3000", "The limits for over 3,000 mailbox users are missing: give limits for all three sizes (UNDER_500, FROM_500_TO_3000, OVER_3000)."],
    ]);
    expect(messages(item({ limitsByMailboxUsers: { ...TIERS, UNDER_500: {} } }))).toEqual([["limitsByMailboxUsers.UNDER_500", "The limits for under 500 mailbox users need a minimum, a maximum or both."]]);
    expect(messages(item({ limitsByMailboxUsers: { ...TIERS, FROM_500_TO_3000: { min: 40, max: 30 } } }))).toEqual([
      ["limitsByMailboxUsers.FROM_500_TO_3000.min", "The limits for 500–3,000 mailbox users: the minimum (40) is above the maximum (30)."],
    ]);
    expect(messages(item({ limitsByMailboxUsers: { ...TIERS, ABOUT_1000: { max: 20 } } }))).toEqual([
      ["limitsByMailboxUsers", 'Limits by mailbox users are given for UNDER_500, FROM_500_TO_3000, OVER_3000 only; "ABOUT_1000" is not one of them.'],
    ]);
    expect(messages(item({ limitsByMailboxUsers: { ...TIERS, OVER_3000: { max: 50, warn: 40 } } }))).toEqual([["limitsByMailboxUsers.OVER_3000", "The limits for over 3,000 mailbox users have only a min and a max."]]);
    expect(messages(item({ limitsByMailboxUsers: { ...TIERS, OVER_3000: { max: "fifty" } } }))).toEqual([["limitsByMailboxUsers.OVER_3000.max", "The limits for over 3,000 mailbox users: the maximum must be a number."]]);
    expect(messages(item({ limitsByMailboxUsers: "15/30/50" }))).toEqual([["limitsByMailboxUsers", "Limits by mailbox users must name each size (UNDER_500, FROM_500_TO_3000, OVER_3000) with its min and max."]]);
  });

  it("refuses tiers beside the item's own range, and on items that are not numbers", () => {
    expect(messages(item({ max: 20, limitsByMailboxUsers: TIERS }))).toEqual([
      ["limitsByMailboxUsers", "An item with limits by mailbox users has no minimum or maximum of its own; remove one or the other."],
    ]);
    expect(messages({ key: "done", kind: "CHECK", text: "Done", limitsByMailboxUsers: TIERS })).toEqual([["limitsByMailboxUsers", "Only number items have limits by mailbox users."]]);
  });

  it("takes a management review from the vocabulary, none by default", () => {
    const base = { slug: "rpc-latency", title: "RPC latency", cadence: "DAILY", smf: "SERVICE_MONITORING_AND_CONTROL", purpose: "Watch latency.", items: [item({ limitsByMailboxUsers: TIERS })] };
    expect(ProcedureContentSchema.parse(base).managementReview).toBe("");
    expect(ProcedureContentSchema.parse({ ...base, managementReview: "SLA" }).managementReview).toBe("SLA");
    const refused = ProcedureContentSchema.safeParse({ ...base, managementReview: "WEEKLY_MEETING" });
    expect(!refused.success && refused.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["managementReview", "Choose a management review (RELEASE_READINESS, OPERATIONS, SLA, CHANGE_INITIATION) or none."],
    ]);
  });
});

describe("procedure files", () => {
  const content = ProcedureContentSchema.parse({
    slug: "rpc-latency",
    title: "RPC latency",
    cadence: "DAILY",
    smf: "SERVICE_MONITORING_AND_CONTROL",
    purpose: "Watch latency.",
    managementReview: "OPERATIONS",
    items: [
      { key: "rpc", kind: "NUMBER", text: "RPC Averaged Latency", unit: "ms", limitsByMailboxUsers: { UNDER_500: { max: 15 }, FROM_500_TO_3000: { min: 0.5, max: 30 }, OVER_3000: { max: 50 } } },
      { key: "queue", kind: "NUMBER", text: "Queue", unit: "messages", max: 100 },
    ],
  });

  it("write the tiers and the management review and read them back", () => {
    const text = serializeProcedure(content);
    expect(text).toContain("management_review: OPERATIONS\n");
    expect(text).toContain("    limits_by_mailbox_users:\n      UNDER_500: {max: 15}\n      FROM_500_TO_3000: {min: 0.5, max: 30}\n      OVER_3000: {max: 50}\n");
    const parsed = parseProcedureFile("rpc-latency.md", text);
    expect(parsed.ok && parsed.procedure.content).toEqual(content);
  });

  it("read files without them as before", () => {
    const text = serializeProcedure({ ...content, managementReview: "", items: [content.items[1]!] });
    expect(text).not.toContain("management_review");
    const parsed = parseProcedureFile("rpc-latency.md", text);
    expect(parsed.ok && parsed.procedure.content.managementReview).toBe("");
    expect(parsed.ok && parsed.procedure.content.items[0]!.limitsByMailboxUsers).toBeUndefined();
  });

  it("name a bad tier by its line", () => {
    const text = serializeProcedure(content).replace("FROM_500_TO_3000: {min: 0.5, max: 30}", "FROM_500_TO_3000: {min: 40, max: 30}");
    const parsed = parseProcedureFile("rpc-latency.md", text);
    const line = text.split("\n").findIndex((l) => l.includes("min: 40")) + 1;
    expect(!parsed.ok && parsed.problems).toEqual([{ file: "rpc-latency.md", line, message: "The limits for 500–3,000 mailbox users: the minimum (40) is above the maximum (30)." }]);
  });
});

describe("audit verify and the limits on a result", () => {
  const at = new Date("2026-12-10T08:00:00Z");
  const run: EvidenceRun = { id: "run1", skippedAt: null, skippedById: null, skipReason: null, completedAt: null, completedById: null, hasExceptions: false, failedItems: 0, naItems: 0 };
  const row = (limits: { limitMin: number | null; limitMax: number | null }): EvidenceResult => ({
    id: "res1",
    runId: "run1",
    itemId: "item1",
    revision: 1,
    supersedesId: null,
    outcome: "PASS",
    valueNumber: 28,
    valueText: null,
    failureReason: null,
    ...limits,
    note: "",
    recordedById: "user1",
    recordedAt: at,
    item: { required: true },
  });
  const event = (extra: Record<string, unknown>): EvidenceEvent => ({
    seq: 7,
    action: "result.record",
    entityId: "run1",
    actorId: "user1",
    before: null,
    after: JSON.stringify({ resultId: "res1", itemId: "item1", revision: 1, outcome: "PASS", valueNumber: 28, valueText: null, failureReason: null, note: "", recordedAt: at.toISOString(), runCompleted: false, ...extra }),
  });

  it("agrees when the row holds the limits its event records", () => {
    expect(checkRunEvidence("run1", run, [row({ limitMin: null, limitMax: 30 })], [event({ limitMin: null, limitMax: 30 })])).toBeNull();
  });

  it("accepts events from before limits were recorded when the row holds none", () => {
    expect(checkRunEvidence("run1", run, [row({ limitMin: null, limitMax: null })], [event({})])).toBeNull();
  });

  it("names a stored limit that disagrees with the trail", () => {
    expect(checkRunEvidence("run1", run, [row({ limitMin: null, limitMax: 50 })], [event({ limitMin: null, limitMax: 30 })])).toMatchObject({ table: "Result", id: "res1", field: "limitMax", expected: "30", found: "50" });
    expect(checkRunEvidence("run1", run, [row({ limitMin: null, limitMax: 15 })], [event({})])).toMatchObject({ field: "limitMax", expected: "empty", found: "15" });
    expect(checkRunEvidence("run1", run, [row({ limitMin: null, limitMax: 30 })], [event({ limitMin: null, limitMax: "30" })])).toMatchObject({ table: "AuditEvent", field: "the limits the result was judged against" });
  });
});
