// Limits that depend on the organisation's mailbox users (decision 036): a value is judged against
// the tier of the setting as it is when the value is recorded, the result keeps the limits it was
// judged against, and a later change of setting rewrites nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import { checkAuditTrail, verifyEvidence } from "@/lib/audit/check";
import { writeAuditEvent } from "@/lib/audit/write";
import { versionContent } from "@/lib/procedures/content";
import { parseProcedureFile, serializeProcedure } from "@/lib/procedures/files";
import { publishVersion } from "@/lib/procedures/publish";
import { ProcedureContentSchema } from "@/lib/procedures/schemas";
import "@/lib/runs/actions";
import { getRun } from "@/lib/runs/queries";
import "@/lib/settings/actions";
import { readSettings } from "@/lib/settings/organisation";
import type { CurrentUser } from "@/lib/auth/session";
import { actionDefinition, as, auditCount, makeUser } from "../support/fixtures";

const record = actionDefinition("result.record");
const updateSettings = actionDefinition("settings.update");
const NOW = new Date("2026-12-10T08:00:00Z");
const HOUR = 3_600_000;
const TIERS = { UNDER_500: { max: 15 }, FROM_500_TO_3000: { max: 30 }, OVER_3000: { max: 50 } };

const content = ProcedureContentSchema.parse({
  slug: "rpc-latency",
  title: "RPC latency",
  cadence: "DAILY",
  roles: ["MAILBOX"],
  smf: "SERVICE_MONITORING_AND_CONTROL",
  purpose: "Watch how long the store takes to answer clients.",
  body: "Read the counters in Performance Monitor.",
  managementReview: "OPERATIONS",
  items: [
    { key: "rpc-averaged-latency", kind: "NUMBER", text: "RPC Averaged Latency", unit: "ms", counter: "MSExchangeIS\\RPC Averaged Latency", limitsByMailboxUsers: TIERS },
    { key: "rpc-requests", kind: "NUMBER", text: "RPC Requests", unit: "requests", max: 70 },
    { key: "done", kind: "CHECK", text: "Counters read" },
  ],
});

let admin: CurrentUser;
let operator: CurrentUser;
let procedureId: string;
let versionId: string;
let items: { id: string; key: string }[];
let runCount = 0;

async function setMailboxUsers(mailboxUsers: string) {
  return runAction(updateSettings, { name: "Opsbook", timeZone: "UTC", businessDays: ["1", "2", "3", "4", "5"], mailboxUsers }, as(admin, NOW));
}

async function makeRun() {
  runCount += 1;
  return db.run.create({
    data: {
      procedureId,
      versionId,
      periodKey: `adhoc-${runCount}`,
      scopeKey: "-",
      cadence: "DAILY",
      localDate: "2026-12-10",
      opensAt: new Date(NOW.getTime() - 6 * HOUR),
      dueAt: new Date(NOW.getTime() + 2 * HOUR),
      graceEndsAt: new Date(NOW.getTime() + 4 * HOUR),
    },
  });
}

const itemId = (key: string) => items.find((i) => i.key === key)!.id;

beforeAll(async () => {
  admin = await makeUser("ADMIN");
  operator = await makeUser("OPERATOR");
  expect(await setMailboxUsers("UNDER_500")).toMatchObject({ ok: true });
  await db.$transaction(async (tx) => {
    const procedure = await tx.procedure.create({ data: { slug: content.slug, reviewIntervalMonths: 12 }, select: { id: true } });
    procedureId = procedure.id;
    versionId = (await publishVersion(tx, procedure.id, content, { source: "EDITOR", changeNote: "First version", authorId: admin.id })).id;
  });
  items = await db.checklistItem.findMany({ where: { versionId }, select: { id: true, key: true } });
});

describe("the published item", () => {
  it("stores the tiers and the management review, and reads them back as content", async () => {
    const stored = await db.checklistItem.findFirstOrThrow({ where: { versionId, key: "rpc-averaged-latency" } });
    expect(JSON.parse(stored.limitsByMailboxUsers)).toEqual(TIERS);
    expect(stored).toMatchObject({ min: null, max: null });
    expect((await db.checklistItem.findFirstOrThrow({ where: { versionId, key: "rpc-requests" } })).limitsByMailboxUsers).toBe("");
    expect(await db.procedureVersion.findUniqueOrThrow({ where: { id: versionId } })).toMatchObject({ managementReview: "OPERATIONS" });
    expect(await versionContent(db, versionId)).toEqual(content);
  });

  it("survives export to a file and import back", async () => {
    const exported = await versionContent(db, versionId);
    const text = serializeProcedure(exported!);
    expect(text).toContain("management_review: OPERATIONS");
    expect(text).toContain("UNDER_500: {max: 15}");
    const parsed = parseProcedureFile("rpc-latency.md", text);
    expect(parsed.ok && parsed.procedure.content).toEqual(content);
  });
});

describe("recording against the organisation's mailbox users", () => {
  it("judges a value against the tier of the setting when it is recorded, and keeps that limit on the result", async () => {
    const first = await makeRun();
    const rpc = itemId("rpc-averaged-latency");
    const saved = await runAction(record, { runId: first.id, itemId: rpc, outcome: "PASS", value: "42", expectedRevision: "0" }, as(operator, NOW));
    expect(saved).toMatchObject({ ok: true, message: "Saved as failed: RPC Averaged Latency 42 ms exceeds the maximum of 15 ms for under 500 mailbox users." });
    const under500 = await db.result.findFirstOrThrow({ where: { runId: first.id, itemId: rpc } });
    expect(under500).toMatchObject({ outcome: "FAIL", valueNumber: 42, limitMin: null, limitMax: 15 });

    // The audit event says which limits were applied.
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "result.record", entityId: first.id }, orderBy: { seq: "desc" } });
    expect(JSON.parse(event.after!)).toMatchObject({ resultId: under500.id, limitMin: null, limitMax: 15 });

    const changed = await setMailboxUsers("FROM_500_TO_3000");
    expect(changed).toMatchObject({ ok: true });
    expect(changed.ok && changed.message).toContain("judged against the limits for 500–3,000 mailbox users");
    expect((await readSettings(db)).mailboxUsers).toBe("FROM_500_TO_3000");
    // Nothing recorded before the change is rewritten.
    expect(await db.result.findUniqueOrThrow({ where: { id: under500.id } })).toMatchObject({ outcome: "FAIL", limitMax: 15, failureReason: "RPC Averaged Latency 42 ms exceeds the maximum of 15 ms for under 500 mailbox users" });

    const second = await makeRun();
    // 28 ms fails the first tier's 15 ms, and passes this one's 30 ms.
    expect(await runAction(record, { runId: second.id, itemId: rpc, outcome: "PASS", value: "28", expectedRevision: "0" }, as(operator, NOW))).toMatchObject({ ok: true, message: "Saved." });
    expect(await db.result.findFirstOrThrow({ where: { runId: second.id, itemId: rpc } })).toMatchObject({ outcome: "PASS", valueNumber: 28, limitMin: null, limitMax: 30, failureReason: null });
    const third = await makeRun();
    expect(await runAction(record, { runId: third.id, itemId: rpc, outcome: "PASS", value: "60", expectedRevision: "0" }, as(operator, NOW))).toMatchObject({
      ok: true,
      message: "Saved as failed: RPC Averaged Latency 60 ms exceeds the maximum of 30 ms for 500–3,000 mailbox users.",
    });
    expect(await db.result.findFirstOrThrow({ where: { runId: third.id, itemId: rpc } })).toMatchObject({ outcome: "FAIL", limitMax: 30 });

    // The run pages say which limit each value was judged against, and what is expected now.
    const firstView = (await getRun(first.id, NOW))!;
    const rpcView = firstView.items.find((i) => i.id === rpc)!;
    expect(rpcView.current).toMatchObject({ valueNumber: 42, limitMax: 15, limit: "limit 15 ms (under 500 mailbox users)" });
    expect(rpcView.limits).toEqual({ min: null, max: 30, tier: "FROM_500_TO_3000" });
    expect((await getRun(second.id, NOW))!.items.find((i) => i.id === rpc)!.current).toMatchObject({ limit: "limit 30 ms (500–3,000 mailbox users)" });
    await setMailboxUsers("UNDER_500");
  });

  it("stores the item's own limits for a number item without tiers", async () => {
    const run = await makeRun();
    const requests = itemId("rpc-requests");
    expect(await runAction(record, { runId: run.id, itemId: requests, outcome: "PASS", value: "80", expectedRevision: "0" }, as(operator, NOW))).toMatchObject({
      ok: true,
      message: "Saved as failed: RPC Requests 80 requests exceeds the maximum of 70 requests.",
    });
    expect(await db.result.findFirstOrThrow({ where: { runId: run.id, itemId: requests } })).toMatchObject({ limitMin: null, limitMax: 70 });
    // Other kinds of item are judged against no limit.
    expect(await runAction(record, { runId: run.id, itemId: itemId("done"), outcome: "PASS", value: "", expectedRevision: "0" }, as(operator, NOW))).toMatchObject({ ok: true });
    expect(await db.result.findFirstOrThrow({ where: { runId: run.id, itemId: itemId("done") } })).toMatchObject({ limitMin: null, limitMax: null });
  });

  it("reads a result from before limits were stored against the item's own limits, and the audit check accepts its event", async () => {
    const run = await makeRun();
    const requests = itemId("rpc-requests");
    // A result and its event as they were written before this change: no limits on either.
    await db.$transaction(async (tx) => {
      const result = await tx.result.create({
        data: { runId: run.id, itemId: requests, revision: 1, outcome: "PASS", valueNumber: 65, note: "", recordedById: operator.id, recordedAt: NOW },
        select: { id: true, revision: true, outcome: true, valueNumber: true, valueText: true, failureReason: true, note: true, recordedAt: true },
      });
      await writeAuditEvent(tx, { id: operator.id, label: operator.email }, { ip: "127.0.0.1", userAgent: "vitest" }, {
        action: "result.record",
        entityType: "Run",
        entityId: run.id,
        after: { resultId: result.id, itemId: requests, ...result, runCompleted: false },
      });
    });
    const view = (await getRun(run.id, NOW))!;
    expect(view.items.find((i) => i.id === requests)!.current).toMatchObject({ valueNumber: 65, limitMin: null, limitMax: null, limit: "limit 70 requests" });
    expect(await verifyEvidence(db, { maxFindings: 5 })).toMatchObject({ ok: true });
    expect(await checkAuditTrail(db)).toMatchObject({ ok: true });
  });
});

describe("the mailbox users setting", () => {
  it("refuses an unknown size beside the field and saves nothing", async () => {
    const before = { audit: await auditCount(), settings: await readSettings(db) };
    const refused = await runAction(updateSettings, { name: "Opsbook", timeZone: "UTC", businessDays: ["1", "2", "3", "4", "5"], mailboxUsers: "ABOUT_1000" }, as(admin, NOW));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { mailboxUsers: ["Choose one of the three sizes: under 500, 500 to 3,000, or over 3,000 mailbox users."] } });
    expect(await auditCount()).toBe(before.audit);
    expect(await readSettings(db)).toEqual(before.settings);
  });

  it("is audited like the other settings, and left as it is when the form does not send it", async () => {
    expect(await setMailboxUsers("OVER_3000")).toMatchObject({ ok: true });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "settings.update" }, orderBy: { seq: "desc" } });
    expect(JSON.parse(event.before!)).toMatchObject({ mailboxUsers: "UNDER_500" });
    expect(JSON.parse(event.after!)).toMatchObject({ mailboxUsers: "OVER_3000" });
    expect(await runAction(updateSettings, { name: "Opsbook", timeZone: "UTC", businessDays: ["1", "2", "3", "4", "5"] }, as(admin, NOW))).toMatchObject({ ok: true });
    expect((await readSettings(db)).mailboxUsers).toBe("OVER_3000");
  });

  it("may be changed by administrators only", async () => {
    expect(await runAction(updateSettings, { name: "Opsbook", timeZone: "UTC", businessDays: ["1"], mailboxUsers: "UNDER_500" }, as(operator, NOW))).toMatchObject({ ok: false });
    expect((await readSettings(db)).mailboxUsers).toBe("OVER_3000");
  });
});
