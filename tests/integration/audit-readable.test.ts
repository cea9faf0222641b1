// The audit page as people read it, on a real database: names instead of ids, looked up in a
// number of statements that does not grow with the page, and a people-only view that leaves out
// what the portal did by itself and nothing else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db, type Db } from "@/lib/db";
import { databaseFile } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapter } from "@/lib/sql";
import { runAction } from "@/lib/actions/define";
import { parseAuditFilter } from "@/lib/audit/filters";
import { AUDIT_PAGE_SIZE, auditLogView, describeAuditEvents, listAuditEvents } from "@/lib/audit/queries";
import { wantedNames } from "@/lib/audit/describe";
import { writeAuditEvent } from "@/lib/audit/write";
import { seedDatabase } from "@/lib/procedures/seed";
import { generateRuns } from "@/lib/scheduling/generation";
import type { CurrentUser } from "@/lib/auth/session";
import "@/lib/runs/actions";
import "@/lib/users/actions";
import { actionDefinition, as, makeUser } from "../support/fixtures";

const NOW = new Date("2026-11-24T08:00:00Z");

let operator: CurrentUser;
let admin: CurrentUser;
let renamed: CurrentUser;
let runId: string;

function filter(params: Record<string, string>) {
  const parsed = parseAuditFilter(params);
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
}

/** A client on this file's database that records every statement it sends. */
function countingClient() {
  const client = new PrismaClient({ adapter: createAdapter(databaseFile()), log: [{ emit: "event", level: "query" }] });
  const statements: string[] = [];
  client.$on("query", (event) => statements.push(event.query));
  return { client: client as unknown as Db, statements };
}
const counting = countingClient();
afterAll(() => counting.client.$disconnect());

async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
  counting.statements.length = 0;
  await run();
  return [...counting.statements];
}

beforeAll(async () => {
  await seedDatabase(db, { now: NOW });
  await generateRuns(db, { now: NOW });
  operator = await makeUser("OPERATOR", { name: "Omar Operator", email: "omar@example.test" });
  admin = await makeUser("ADMIN", { name: "Ada Admin" });
  renamed = await makeUser("VIEWER", { name: "Vera Viewer" });

  // A result and its correction on today's queue check of EXHUB01, by the operator.
  const run = await db.run.findFirstOrThrow({
    where: { procedure: { seedCode: "D5" }, server: { name: "EXHUB01" }, localDate: "2026-11-24" },
    select: { id: true, version: { select: { items: { orderBy: { position: "asc" }, select: { id: true, text: true } } } } },
  });
  runId = run.id;
  const submission = run.version.items.find((i) => i.text === "Submission Queue Length")!;
  const record = actionDefinition("result.record");
  expect(await runAction(record, { runId, itemId: submission.id, outcome: "PASS", value: "95", expectedRevision: "0" }, as(operator, NOW))).toMatchObject({ ok: true });
  expect(
    await runAction(record, { runId, itemId: submission.id, outcome: "PASS", value: "88", note: "Misread 88 as 95", expectedRevision: "1" }, as(operator, NOW)),
  ).toMatchObject({ ok: true });
  expect(await runAction(actionDefinition("user.change_role"), { userId: renamed.id, role: "OPERATOR" }, as(admin, NOW))).toMatchObject({ ok: true });
  // The person's name today is the one shown, not the e-mail stored with the event.
  await db.user.update({ where: { id: operator.id }, data: { name: "Omar Okafor" } });

  // Actors without an account: someone at the command line, and a sign-in for an unknown address.
  await db.$transaction((tx) => writeAuditEvent(tx, { id: null, label: "cli" }, { ip: "", userAgent: "" }, { action: "user.unlock", entityType: "User", entityId: renamed.id }));
  await db.$transaction((tx) =>
    writeAuditEvent(tx, { id: null, label: "nobody@example.test" }, { ip: "10.0.0.9", userAgent: "curl" }, { action: "auth.sign_in_failed", entityType: "User", entityId: "nobody@example.test", after: { reason: "unknown account" } }),
  );
});

describe("a readable audit page", () => {
  it("names the actor, the run and the checklist item, and shows a correction as the fields that changed", async () => {
    const page = await listAuditEvents(filter({ action: "result.correct" }), "UTC");
    const [correction] = await describeAuditEvents(page.events, "ADMIN", "UTC");
    expect(correction).toMatchObject({
      actor: { name: "Omar Okafor", automatic: false },
      action: { code: "result.correct", label: "corrected a result" },
      record: { label: "Examine message queues — EXHUB01 · 24 Nov 2026", href: `/runs/${runId}`, unknown: false },
      request: { ip: "127.0.0.1", userAgent: "vitest" },
    });
    const changed = Object.fromEntries(correction!.changes.changed.map((r) => [r.field, [r.before?.text, r.after?.text]]));
    expect(changed).toMatchObject({ Value: ["95", "88"], Note: ["(empty)", "Misread 88 as 95"], Revision: ["1", "2"] });
    expect(changed).not.toHaveProperty("Checklist item");
    expect(correction!.changes.unchanged.find((r) => r.key === "itemId")?.after?.text).toBe("Submission Queue Length");
    expect(correction!.raw.before).toContain('"valueNumber": 95');

    const [roleChange] = await describeAuditEvents((await listAuditEvents(filter({ action: "user.change_role" }), "UTC")).events, "MANAGER", "UTC");
    expect(roleChange).toMatchObject({ actor: { name: "Ada Admin" }, record: { label: "Vera Viewer", href: null } });
    expect(roleChange!.changes.changed.map((r) => [r.field, r.before?.text, r.after?.text])).toEqual([["Role", "Viewer (new hire)", "Operator"]]);
  });

  it("names generated runs by procedure, server and date, and their schedule", async () => {
    const page = await listAuditEvents(filter({ action: "run.generate" }), "UTC");
    const views = await describeAuditEvents(page.events, "MANAGER", "UTC");
    expect(views).toHaveLength(AUDIT_PAGE_SIZE);
    for (const view of views) {
      expect(view.actor).toEqual({ name: "System", detail: "run generation", automatic: true });
      expect(view.action.label).toBe("generated a run");
      expect(view.record.unknown).toBe(false);
      expect(view.record.label).toMatch(/^.+ · \d{1,2} [A-Z][a-z]{2} 20\d\d$/);
      expect(view.record.href).toMatch(/^\/runs\//);
      expect(view.changes.changed.find((r) => r.key === "scheduleId")?.after?.text).not.toMatch(/^c[a-z0-9]{20,}$/);
    }
  });

  it("looks names up in a number of statements that does not grow with the page", async () => {
    const generated = (await listAuditEvents(filter({ action: "run.generate" }), "UTC")).events;
    expect(generated).toHaveLength(AUDIT_PAGE_SIZE);
    const full = await statementsOf(() => describeAuditEvents(generated, "ADMIN", "UTC", counting.client));
    const two = await statementsOf(() => describeAuditEvents(generated.slice(0, 2), "ADMIN", "UTC", counting.client));
    // A run names its version and server, a schedule its procedure and that procedure's version:
    // the same handful of statements for fifty events as for two.
    expect(full.length).toBe(two.length);
    expect(full.length).toBeLessThanOrEqual(8);

    // Every page of the log: at most three statements per kind of record named on it (a kind
    // with nested names reads one more level each), whatever the number of events.
    let before: number | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listAuditEvents>> = await listAuditEvents(filter(before ? { before: String(before) } : {}), "UTC");
      const kinds = wantedNames(page.events).size;
      const statements = await statementsOf(() => describeAuditEvents(page.events, "ADMIN", "UTC", counting.client));
      expect(statements.length, `page before ${before}`).toBeLessThanOrEqual(3 * kinds);
      before = page.nextBefore;
      pages += 1;
    } while (before);
    expect(pages).toBeGreaterThan(10);
  });

  it("falls back to the stored label and the id for records and people it cannot find", async () => {
    const views = await describeAuditEvents(
      [
        { seq: 1, at: NOW, actorId: "gone-user", actorLabel: "gone@example.test", action: "run.skip", entityType: "Run", entityId: "gone-run", before: null, after: null, ip: "", userAgent: "" },
        { seq: 2, at: NOW, actorId: null, actorLabel: "nobody@example.test", action: "auth.sign_in_failed", entityType: "User", entityId: "nobody@example.test", before: null, after: null, ip: "", userAgent: "" },
      ],
      "ADMIN",
      "UTC",
    );
    expect(views[0]).toMatchObject({ actor: { name: "gone@example.test" }, record: { label: "Run gone-run", href: null, unknown: true } });
    expect(views[1]).toMatchObject({ actor: { name: "nobody@example.test", automatic: false }, record: { label: "User nobody@example.test", unknown: true } });
  });
});

describe("people only", () => {
  async function allPages(params: Record<string, string>, window?: number): Promise<{ seq: number; actorId: string | null; actorLabel: string; action: string }[]> {
    const seen: { seq: number; actorId: string | null; actorLabel: string; action: string }[] = [];
    let before: number | null = null;
    do {
      const f: ReturnType<typeof filter> = filter(before ? { ...params, before: String(before) } : params);
      const page: Awaited<ReturnType<typeof listAuditEvents>> = await listAuditEvents(f, "UTC", window);
      seen.push(...page.events);
      before = page.nextBefore;
    } while (before);
    return seen;
  }

  it("leaves out the portal's own events and keeps every event of a person, however the log is windowed", async () => {
    const all = await db.auditEvent.findMany({ orderBy: { seq: "desc" }, select: { seq: true, actorId: true, actorLabel: true, action: true } });
    const expected = all.filter((e) => e.actorId !== null || !e.actorLabel.startsWith("system:")).map((e) => e.seq);
    expect(all.some((e) => e.action === "run.generate")).toBe(true);
    expect(expected.length).toBeGreaterThan(4);
    for (const window of [undefined, 7, 100]) {
      const people = await allPages({ who: "people" }, window);
      expect(people.map((e) => e.seq)).toEqual(expected);
      expect(people.some((e) => e.action === "run.generate" || e.actorLabel.startsWith("system:"))).toBe(false);
    }
    const people = await allPages({ who: "people" });
    // The command line and a sign-in for an unknown address are people too.
    expect(people.map((e) => e.actorLabel)).toEqual(expect.arrayContaining(["cli", "nobody@example.test", operator.email]));
    // Everything (no parameter, or who=everything) is the whole log.
    expect((await allPages({})).length).toBe(all.length);
    expect((await allPages({ who: "everything" })).length).toBe(all.length);
  });

  it("combines with the other filters, and explains a system actor asked for among people", async () => {
    expect((await listAuditEvents(filter({ who: "people", action: "run.generate" }), "UTC")).events).toEqual([]);
    const results = await listAuditEvents(filter({ who: "people", action: "result.record" }), "UTC");
    expect(results.events.map((e) => e.actorId)).toEqual([operator.id]);
    const view = await auditLogView({ who: "people", actor: "system:scheduler" }, "MANAGER");
    expect(view.events).toEqual([]);
    expect(view.notices).toEqual(["People only leaves out what the portal did by itself: choose Everything to see this actor's events."]);
  });
});

describe("the page's view", () => {
  it("titles a record's timeline by the record's name, oldest first, and labels the filter's choices", async () => {
    const view = await auditLogView({ entityType: "Run", entityId: runId }, "MANAGER");
    expect(view.timeline).toMatchObject({ label: "Examine message queues — EXHUB01 · 24 Nov 2026", href: `/runs/${runId}` });
    expect(view.events.map((e) => e.action.label)).toEqual(["generated a run", "recorded a result", "corrected a result"]);
    const runs = view.options.actions.find((g) => g.label === "Runs");
    expect(runs?.actions).toContainEqual({ code: "run.generate", label: "Generated a run" });
    expect(view.options.entityTypes).toContainEqual({ value: "OrganisationSettings", label: "Organisation settings" });
  });

  it("keeps the filter's notices: unreadable values, and codes no event has", async () => {
    const bad = await auditLogView({ from: "2026-12-01", to: "2026-11-01" }, "MANAGER");
    expect(bad.errors).toEqual(["The end date is before the start date."]);
    expect(bad.events).toEqual([]);
    expect((await auditLogView({ who: "robots" }, "MANAGER")).errors).toEqual(["Show either everything or people only."]);
    const unknown = await auditLogView({ action: "legacy.gone" }, "MANAGER");
    expect(unknown.errors).toEqual([]);
    expect(unknown.notices).toEqual(["No event has the action legacy.gone."]);
  });

  it("names a timeline's record even when it has no events, and falls back to its id when it does not exist", async () => {
    const none = await auditLogView({ entityType: "Run", entityId: "no-such-run" }, "MANAGER");
    expect(none.timeline).toMatchObject({ label: "Run no-such-run", unknown: true });
    expect(none.events).toEqual([]);
  });
});
