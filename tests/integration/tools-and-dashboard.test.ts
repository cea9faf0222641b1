import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/define";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session";
import { getDashboard } from "@/lib/dashboard/queries";
import { seedDatabase } from "@/lib/procedures/seed";
import { listToolCatalogue } from "@/lib/tools/queries";
import { actionDefinition, as, auditCount, makeUser } from "../support/fixtures";
import "@/lib/tools/actions";

const create = actionDefinition("tool.create");
const update = actionDefinition("tool.update");
let admin: CurrentUser;
let manager: CurrentUser;
let operator: CurrentUser;

beforeAll(async () => {
  await seedDatabase(db);
  admin = await makeUser("ADMIN");
  manager = await makeUser("MANAGER");
  operator = await makeUser("OPERATOR");
});

const bpa = { slug: "exchange-load-generator", name: "Exchange Load Generator", kind: "UTILITY", description: "Simulates client load against a test organisation before a change goes live." };

describe("tool catalogue", () => {
  it("refuses managers (deny) and lets administrators add and edit a tool (allow), one audit event each", async () => {
    const before = await auditCount();
    expect(await runAction(create, bpa, as(manager))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await db.tool.count({ where: { slug: bpa.slug } })).toBe(0);
    expect(await runAction(create, bpa, as(admin))).toMatchObject({ ok: true });
    const tool = await db.tool.findUniqueOrThrow({ where: { slug: bpa.slug } });
    expect(await runAction(update, { toolId: tool.id, name: "LoadGen", kind: "UTILITY", description: "Health and configuration scans." }, as(operator))).toMatchObject({ ok: false });
    expect(await runAction(update, { toolId: tool.id, name: "LoadGen", kind: "UTILITY", description: "Health and configuration scans." }, as(admin))).toMatchObject({ ok: true, message: "LoadGen saved." });
    expect(await db.tool.findUniqueOrThrow({ where: { id: tool.id } })).toMatchObject({ slug: bpa.slug, name: "LoadGen", description: "Health and configuration scans." });
    expect(await auditCount()).toBe(before + 2);
  });

  it("refuses duplicates, bad slugs, unknown kinds and unknown tools with field messages, writing nothing", async () => {
    const before = { tools: await db.tool.count(), events: await auditCount() };
    const queueViewer = await db.tool.findUniqueOrThrow({ where: { slug: "queue-viewer" } });
    const cases: [typeof create, Record<string, string>, string, string][] = [
      [create, { ...bpa, name: "Something else" }, "slug", "This slug is already used by another tool."],
      [create, { ...bpa, slug: "another-slug", name: "LoadGen" }, "name", "This name is already used by another tool."],
      [create, { ...bpa, slug: "Not A Slug", name: "Fresh" }, "slug", "Use lower-case letters, digits and single hyphens, e.g. check-backups."],
      [create, { ...bpa, slug: "fresh-tool", name: "Fresh", kind: "HAMMER" }, "kind", "Choose the kind of tool."],
      [create, { ...bpa, slug: "fresh-tool", name: "Fresh", description: " " }, "description", "Description cannot be empty."],
      [update, { toolId: queueViewer.id, name: "LoadGen", kind: "UTILITY", description: "x" }, "name", "This name is already used by another tool."],
    ];
    for (const [definition, input, field, message] of cases) {
      const result = await runAction(definition, input, as(admin));
      expect(result.ok, field).toBe(false);
      if (!result.ok) expect(result.fieldErrors[field], JSON.stringify(result)).toContain(message);
    }
    expect(await runAction(update, { toolId: "missing", name: "X", kind: "UTILITY", description: "x" }, as(admin))).toMatchObject({ ok: false, error: "That tool does not exist." });
    expect({ tools: await db.tool.count(), events: await auditCount() }).toEqual(before);
  });

  it("lists each tool with the published procedures that use it", async () => {
    const catalogue = await listToolCatalogue();
    const shell = catalogue.find((t) => t.slug === "exchange-management-shell")!;
    expect(shell.procedures.length).toBeGreaterThan(10);
    expect(catalogue.find((t) => t.slug === bpa.slug)!.procedures).toEqual([]);
  });
});

describe("manager dashboard", () => {
  it("counts today's runs, late and missed work, open incidents by severity, changes awaiting a decision and overdue reviews", async () => {
    const now = new Date("2026-11-24T15:00:00Z");
    const d1 = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D1" } });
    const run = (key: string, date: string, patch: Record<string, unknown> = {}) =>
      db.run.create({
        data: {
          procedureId: d1.id, versionId: d1.currentVersionId!, periodKey: key, scopeKey: "-", cadence: "DAILY", localDate: date,
          opensAt: new Date(`${date}T00:00:00Z`), dueAt: new Date(`${date}T10:00:00Z`), graceEndsAt: new Date(`${date}T16:00:00Z`), ...patch,
        },
      });
    await run("dash-late", "2026-11-24");
    await run("dash-done", "2026-11-24", { completedAt: new Date("2026-11-24T09:00:00Z"), completedById: operator.id });
    await run("dash-missed", "2026-11-20");
    await run("dash-old", "2026-11-01");
    for (const [severity, status] of [[1, "OPEN"], [2, "INVESTIGATING"], [2, "OPEN"], [3, "RESOLVED"]] as const) {
      await db.incident.create({ data: { title: `Incident ${severity} ${status}`, severity, status, openedById: operator.id } });
    }
    await db.change.create({
      data: { title: "Add a send connector", type: "NORMAL", status: "SUBMITTED", description: "d", reason: "r", risk: "LOW", backoutPlan: "b", plannedStart: now, plannedEnd: new Date(now.getTime() + 3_600_000), requesterId: operator.id },
    });
    await db.procedure.update({ where: { id: d1.id }, data: { lastReviewedAt: new Date("2025-01-01T00:00:00Z") } });

    const d = await getDashboard(now);
    expect(d.todaySummary).toMatchObject({ done: 1, late: 1, clean: 1, dueSoFar: 2, doneOfDueSoFar: 1 });
    expect(d.attentionCount).toBe(2); // today's late run and the one missed on the 20th; the 1st is too old
    expect(d.attention.map((r) => r.state).sort()).toEqual(["LATE", "MISSED"]);
    expect(d.incidentsBySeverity).toEqual([
      { severity: 1, count: 1 },
      { severity: 2, count: 2 },
      { severity: 3, count: 0 },
      { severity: 4, count: 0 },
    ]);
    expect(d.changesAwaiting.map((c) => c.title)).toEqual(["Add a send connector"]);
    expect(d.reviewsOverdue.map((p) => p.slug)).toContain(d1.slug);
  });
});
