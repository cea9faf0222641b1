import { spawn } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify";
import { seedDatabase } from "@/lib/procedures/seed";
import { generateRuns } from "@/lib/scheduling/generation";

const root = path.resolve(import.meta.dirname, "../..");
const NOW = new Date("2026-11-24T08:00:00Z"); // a Tuesday; the organisation is on UTC

/** What the seeded schedules must produce over the window [now − 7 days, now + 35 days]. */
async function expectedRunCount(): Promise<number> {
  const schedules = await db.schedule.findMany({ where: { active: true } });
  const servers = await db.server.findMany({ where: { active: true }, include: { roles: true } });
  let total = 0;
  for (const s of schedules) {
    const targets = s.scope === "PER_SERVER" ? servers.filter((srv) => srv.roles.some((r) => (JSON.parse(s.scopeRoles) as string[]).includes(r.role))).length : 1;
    // Seeded schedules take effect from the start of the day they were created: count dates from then.
    const firstDate = s.effectiveFrom.toISOString().slice(0, 10);
    let dates = 0;
    for (let t = Date.parse("2026-11-17T00:00:00Z"); t <= Date.parse("2026-12-29T00:00:00Z"); t += 86_400_000) {
      const d = new Date(t);
      const iso = d.toISOString().slice(0, 10);
      if (iso < firstDate) continue;
      const dow = ((d.getUTCDay() + 6) % 7) + 1;
      if (s.rrule === "FREQ=DAILY") dates += 1;
      else if (s.rrule.startsWith("FREQ=WEEKLY")) {
        const byday = /BYDAY=([A-Z,]+)/.exec(s.rrule)![1]!.split(",");
        dates += byday.includes(["MO", "TU", "WE", "TH", "FR", "SA", "SU"][dow - 1]!) ? 1 : 0;
      }
    }
    if (s.rrule.startsWith("FREQ=MONTHLY")) {
      const monthly: Record<string, string[]> = {
        "FREQ=MONTHLY;BYDAY=1MO": ["2026-12-07"],
        "FREQ=MONTHLY;BYDAY=3WE": ["2026-11-18", "2026-12-16"],
        "FREQ=MONTHLY;BYDAY=2WE": ["2026-12-09"],
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1": ["2026-11-30"],
        "FREQ=MONTHLY;BYDAY=2TH": ["2026-12-10"],
        "FREQ=MONTHLY;BYDAY=1TU": ["2026-12-01"],
        "FREQ=MONTHLY;BYDAY=1TH": ["2026-12-03"],
      };
      const inWindow = monthly[s.rrule];
      if (!inWindow) throw new Error(`The test's calendar has no dates for ${s.rrule}: add them`);
      dates = inWindow.filter((d) => d >= firstDate).length;
    }
    total += dates * targets;
  }
  return total;
}

describe("run generation", () => {
  beforeAll(async () => {
    await seedDatabase(db);
    // Let the seeded schedules start well before the window, as on an installation in use.
    await db.schedule.updateMany({ data: { effectiveFrom: new Date("2026-01-01T00:00:00Z"), anchorDate: "2026-01-01" } });
  });

  it("creates every run of the window once, each pinned to the current version, with one audit event each", async () => {
    const expected = await expectedRunCount();
    expect(expected).toBeGreaterThan(2000);
    const auditBefore = await db.auditEvent.count();
    // Other work (a request) gets turns while the pass runs: the driver is synchronous, so the pass
    // yields between schedules; without that it would hold the server for its whole length.
    let turns = 0;
    let running = true;
    const otherWork = () => {
      if (!running) return;
      turns += 1;
      setImmediate(otherWork);
    };
    setImmediate(otherWork);
    const report = await generateRuns(db, { now: NOW });
    running = false;
    expect(turns).toBeGreaterThanOrEqual(report.schedules / 2);
    expect(report).toMatchObject({ from: "2026-11-17", to: "2026-12-29", created: expected });
    expect(await db.run.count()).toBe(expected);
    expect(await db.auditEvent.count()).toBe(auditBefore + expected);
    expect((await verifyAuditChain(db)).ok).toBe(true);

    const queues = await db.run.findMany({
      where: { procedure: { seedCode: "D5" }, localDate: "2026-11-24" },
      include: { server: true, procedure: { select: { currentVersionId: true } } },
    });
    expect(queues.map((r) => r.server?.name).sort()).toEqual(["EXEDGE01", "EXHUB01", "EXHUB02"]);
    for (const run of queues) {
      expect(run.versionId).toBe(run.procedure.currentVersionId);
      expect(run.dueAt.toISOString()).toBe("2026-11-24T10:00:00.000Z");
      expect(run.graceEndsAt.toISOString()).toBe("2026-11-24T14:00:00.000Z");
      expect(run.opensAt.toISOString()).toBe("2026-11-24T00:00:00.000Z");
      expect(run).toMatchObject({ cadence: "DAILY", assigneeRole: "OPERATOR", periodKey: "2026-11-24" });
    }
    const capacity = await db.run.findMany({ where: { procedure: { seedCode: "M2" } } });
    expect(capacity.map((r) => r.localDate)).toEqual(["2026-11-30"]);
  });

  it("creates nothing on a second pass, nor when many passes race in one process", async () => {
    const before = await db.run.count();
    // A pass with nothing to add never queues for the write lock that every other writer needs.
    const transactions = vi.spyOn(db, "$transaction");
    expect(await generateRuns(db, { now: NOW })).toMatchObject({ created: 0, replanned: 0, deferred: [] });
    expect(transactions).not.toHaveBeenCalled();
    transactions.mockRestore();
    const reports = await Promise.all(Array.from({ length: 6 }, () => generateRuns(db, { now: NOW })));
    expect(reports.map((r) => r.created)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(await db.run.count()).toBe(before);
  });

  it("finds every run exactly once when parallel passes race on a fresh day, in one process and in two", async () => {
    // Move the window forward three days: each pass wants to add the same new runs.
    const later = new Date("2026-11-27T08:00:00Z");
    const before = await db.run.count();
    const transactions = vi.spyOn(db, "$transaction");
    const inProcess = await Promise.all(Array.from({ length: 4 }, () => generateRuns(db, { now: later })));
    expect(transactions).toHaveBeenCalled();
    transactions.mockRestore();
    const addedInProcess = inProcess.reduce((sum, r) => sum + r.created, 0);
    expect(addedInProcess).toBeGreaterThan(0);
    expect(await db.run.count()).toBe(before + addedInProcess);

    // Two processes on the same database file, each with two parallel passes, a further day on.
    const evenLater = new Date("2026-11-28T08:00:00Z");
    const workers = [0, 1].map(() =>
      spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tests/support/generation-worker.ts", evenLater.toISOString()], {
        cwd: root,
        env: { ...process.env },
        stdio: ["pipe", "pipe", "pipe"],
      }),
    );
    const outputs = workers.map(
      (child) =>
        new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
          let out = "";
          let err = "";
          child.stdout.on("data", (d: Buffer) => (out += d.toString()));
          child.stderr.on("data", (d: Buffer) => (err += d.toString()));
          child.on("close", (code) => resolve({ code, out, err }));
        }),
    );
    await Promise.all(
      workers.map(
        (child) =>
          new Promise<void>((resolve) => {
            const onData = (d: Buffer) => {
              if (d.toString().includes("ready")) {
                child.stdout.off("data", onData);
                resolve();
              }
            };
            child.stdout.on("data", onData);
          }),
      ),
    );
    const countBefore = await db.run.count();
    for (const child of workers) child.stdin.write("go\n");
    const results = await Promise.all(outputs);
    for (const r of results) expect(r.code, r.err).toBe(0);
    const created = results.flatMap((r) => JSON.parse(r.out.trim().split("\n").at(-1)!) as { created: number }[]).reduce((s, r) => s + r.created, 0);
    expect(created).toBeGreaterThan(0);
    expect(await db.run.count()).toBe(countBefore + created);

    const duplicates = await db.run.groupBy({ by: ["scheduleId", "periodKey", "scopeKey"], _count: { _all: true }, having: { id: { _count: { gt: 1 } } } });
    expect(duplicates).toEqual([]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "run.generate" } })).toBe(await db.run.count());
  });

  it("marks runs inside a maintenance window as suppressed", async () => {
    const hub = await db.server.findUniqueOrThrow({ where: { name: "EXHUB01" } });
    const admin = await db.user.create({ data: { email: "mw@example.test", name: "MW", role: "ADMIN", passwordHash: "x" } });
    await db.maintenanceWindow.create({
      data: { name: "Update rollup", serverId: hub.id, startsAt: new Date("2027-01-03T08:00:00Z"), endsAt: new Date("2027-01-03T12:00:00Z"), createdById: admin.id },
    });
    await generateRuns(db, { now: new Date("2026-11-29T08:00:00Z") });
    // 3 January 2027 enters the window only with this pass, after the maintenance window exists.
    const runs = await db.run.findMany({ where: { localDate: "2027-01-03", procedure: { seedCode: "D5" } }, include: { server: true } });
    expect(runs.map((r) => [r.server?.name, r.suppressed]).sort()).toEqual([
      ["EXEDGE01", false],
      ["EXHUB01", true],
      ["EXHUB02", false],
    ]);
  });
});
