import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { seedDatabase } from "@/lib/procedures/seed";
import { searchPortal } from "@/lib/search/queries";
import { makeUser } from "../support/fixtures";

// Every date below is built from this instant; the search is asked at it.
const NOW = new Date("2026-12-07T09:30:00Z");
const HOUR = 3_600_000;

let operator: CurrentUser;
let viewer: CurrentUser;
let manager: CurrentUser;
let openRunId: string;
let yesterdayRunId: string;
let hubRunId: string;
let futureRunId: string;
const incidents: Record<string, number> = {};
const changes: Record<string, number> = {};

/** A daily run of the seeded procedure `code` on `serverName`, opening `daysAgo` days before NOW's day. */
async function makeRun(code: string, serverName: string, daysAgo: number): Promise<string> {
  const procedure = await db.procedure.findUniqueOrThrow({ where: { seedCode: code }, select: { id: true, currentVersionId: true } });
  const server = await db.server.findUniqueOrThrow({ where: { name: serverName }, select: { id: true } });
  const opensAt = new Date(Date.UTC(2026, 11, 7 - daysAgo));
  const run = await db.run.create({
    data: {
      procedureId: procedure.id,
      versionId: procedure.currentVersionId!,
      serverId: server.id,
      periodKey: `search-test-${code}-${serverName}-${daysAgo}`,
      scopeKey: server.id,
      cadence: "DAILY",
      localDate: opensAt.toISOString().slice(0, 10),
      opensAt,
      dueAt: new Date(opensAt.getTime() + 10 * HOUR),
      graceEndsAt: new Date(opensAt.getTime() + 14 * HOUR),
    },
    select: { id: true },
  });
  return run.id;
}

async function makeIncident(title: string): Promise<number> {
  const incident = await db.incident.create({ data: { title, severity: 3, openedById: operator.id, openedAt: new Date(NOW.getTime() - HOUR) }, select: { id: true } });
  return incident.id;
}

async function makeChange(title: string): Promise<number> {
  const change = await db.change.create({
    data: {
      title,
      type: "NORMAL",
      description: "d",
      reason: "r",
      risk: "LOW",
      backoutPlan: "b",
      plannedStart: new Date(NOW.getTime() + 24 * HOUR),
      plannedEnd: new Date(NOW.getTime() + 25 * HOUR),
      requesterId: operator.id,
    },
    select: { id: true },
  });
  return change.id;
}

beforeAll(async () => {
  await seedDatabase(db, { now: NOW });
  operator = await makeUser("OPERATOR");
  viewer = await makeUser("VIEWER");
  manager = await makeUser("MANAGER");
  // "Check disk usage" (D2 is backups; find the disk one by title so the test does not pin a code).
  const disk = await db.procedureVersion.findFirstOrThrow({ where: { title: "Check disk usage", currentOf: { isNot: null } }, select: { procedure: { select: { seedCode: true } } } });
  const queues = await db.procedureVersion.findFirstOrThrow({ where: { title: "Examine message queues", currentOf: { isNot: null } }, select: { procedure: { select: { seedCode: true } } } });
  openRunId = await makeRun(disk.procedure.seedCode!, "EXMBX01", 0);
  yesterdayRunId = await makeRun(disk.procedure.seedCode!, "EXMBX01", 1);
  futureRunId = await makeRun(disk.procedure.seedCode!, "EXMBX01", -1);
  hubRunId = await makeRun(queues.procedure.seedCode!, "EXHUB01", 0);
  incidents.percent = await makeIncident("Submission queue at 100% on EXHUB01");
  incidents.hundreds = await makeIncident("Submission queue at 1000 messages on EXHUB01");
  incidents.underscore = await makeIncident("Counter Disk_Free below threshold");
  incidents.lookalike = await makeIncident("Counter DiskXFree below threshold");
  changes.limit = await makeChange("Raise the message size limit on EXHUB02");
  changes.other = await makeChange("Move the OAB generation to EXMBX02");
});

const titles = <T extends { title: string }>(hits: T[] | undefined) => (hits ?? []).map((h) => h.title);

describe("the header search", () => {
  it("finds a procedure through the library's full-text index, best match first", async () => {
    const page = await searchPortal(operator, "backup", NOW);
    expect(page.request.kind).toBe("search");
    expect(page.procedures!.hits[0]).toMatchObject({ title: "Check backups", slug: expect.any(String) });
    expect(page.procedures!.hits[0]!.snippet).toMatch(/\[\[[^\]]*\]\]/);
  });

  it("finds runs by procedure title and server name, latest first, and not those yet to open", async () => {
    const page = await searchPortal(operator, "disk usage EXMBX01", NOW);
    const ids = page.runs!.hits.map((r) => r.id);
    expect(ids).toEqual([openRunId, yesterdayRunId]);
    expect(ids).not.toContain(futureRunId);
    expect(page.runs!.hits[0]).toMatchObject({ title: "Check disk usage", serverName: "EXMBX01", localDate: "2026-12-07", state: "DUE" });
    expect(page.runs!.hits[1]!.state).toBe("MISSED");
    // A word must match the title or the server: the queue run on EXHUB01 is found by its server.
    expect((await searchPortal(operator, "EXHUB01", NOW)).runs!.hits.map((r) => r.id)).toEqual([hubRunId]);
  });

  it("finds an incident by title words, and by its number as INC-n, #n or n, the numbered one first", async () => {
    expect(titles((await searchPortal(operator, "submission queue", NOW)).incidents?.hits).sort()).toEqual(
      ["Submission queue at 1000 messages on EXHUB01", "Submission queue at 100% on EXHUB01"].sort(),
    );
    for (const text of [`INC-${incidents.underscore}`, `inc${incidents.underscore}`, `#${incidents.underscore}`, ` ${incidents.underscore} `]) {
      const page = await searchPortal(operator, text, NOW);
      expect(page.incidents!.hits[0], text).toMatchObject({ id: incidents.underscore, ref: `INC-${incidents.underscore}` });
    }
  });

  it("finds a change by title words, and by its number as CHG-n", async () => {
    expect(titles((await searchPortal(operator, "message size", NOW)).changes?.hits)).toEqual(["Raise the message size limit on EXHUB02"]);
    const page = await searchPortal(operator, `CHG-${changes.other}`, NOW);
    expect(page.changes!.hits[0]).toMatchObject({ id: changes.other, ref: `CHG-${changes.other}`, title: "Move the OAB generation to EXMBX02" });
    // "CHG-n" is no incident number.
    expect(page.incidents!.hits).toEqual([]);
  });

  it("takes % and _ literally, not as LIKE wildcards", async () => {
    expect(titles((await searchPortal(operator, "100%", NOW)).incidents?.hits)).toEqual(["Submission queue at 100% on EXHUB01"]);
    expect(titles((await searchPortal(operator, "Disk_Free", NOW)).incidents?.hits)).toEqual(["Counter Disk_Free below threshold"]);
    // A lone wildcard matches only text that holds that character.
    expect(titles((await searchPortal(operator, "%", NOW)).incidents?.hits)).toEqual(["Submission queue at 100% on EXHUB01"]);
    expect((await searchPortal(operator, "_", NOW)).changes!.hits).toEqual([]);
    expect((await searchPortal(operator, "\\", NOW)).incidents!.hits).toEqual([]);
  });

  it("searches only what the role may read: a viewer gets procedures, an operator and a manager everything", async () => {
    const forViewer = await searchPortal(viewer, `INC-${incidents.percent}`, NOW);
    expect(forViewer.scopes).toEqual(["procedures"]);
    expect(forViewer.runs).toBeUndefined();
    expect(forViewer.incidents).toBeUndefined();
    expect(forViewer.changes).toBeUndefined();
    expect((await searchPortal(viewer, "backup", NOW)).procedures!.hits[0]!.title).toBe("Check backups");

    for (const user of [operator, manager]) {
      const page = await searchPortal(user, `INC-${incidents.percent}`, NOW);
      expect(page.scopes).toEqual(["procedures", "runs", "incidents", "changes"]);
      expect(page.incidents!.hits[0]!.id).toBe(incidents.percent);
    }
    // An unknown role searches nothing at all.
    const unknown = await searchPortal({ role: "INTRUDER" as never }, "backup", NOW);
    expect(unknown.scopes).toEqual([]);
    expect(unknown.procedures).toBeUndefined();
  });

  it("bounds the input: empty and oversized text run no query, 200 characters do", async () => {
    for (const raw of [undefined, "", "   ", [] as string[]]) {
      const page = await searchPortal(operator, raw, NOW);
      expect(page.request).toEqual({ kind: "empty" });
      expect(page.procedures).toBeUndefined();
    }
    const long = await searchPortal(operator, "a".repeat(201), NOW);
    expect(long.request).toEqual({ kind: "refused", message: "Search for at most 200 characters; this search has 201." });
    expect([long.procedures, long.runs, long.incidents, long.changes]).toEqual([undefined, undefined, undefined, undefined]);
    const atLimit = await searchPortal(operator, "b".repeat(200), NOW);
    expect(atLimit.request.kind).toBe("search");
    expect(atLimit.incidents!.hits).toEqual([]);
    // A repeated parameter keeps its first value.
    expect((await searchPortal(operator, ["100%", "zzz"], NOW)).incidents!.hits.map((h) => h.id)).toEqual([incidents.percent]);
  });

  it("shows at most a section's limit and says that more match", async () => {
    for (let i = 0; i < 11; i++) await makeIncident(`Bulk incident for the limit ${i}`);
    const page = await searchPortal(operator, "bulk incident", NOW);
    expect(page.incidents!.hits).toHaveLength(10);
    expect(page.incidents!.more).toBe(true);
    expect((await searchPortal(operator, "100%", NOW)).incidents!.more).toBe(false);
  });
});
