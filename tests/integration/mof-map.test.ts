// The MOF map on a real database: the seeded library placed on the MOF 3.0 model (coverage, gaps,
// related mentions, the management reviews), and the completion figures of the last 30 days
// against a history built here, with the clock pinned (every call passes `now`).
//
// History of D2 "Check backups", looked at on 2026-12-09 12:00 UTC (window: due from
// 2026-11-09 12:00 up to, not including, 2026-12-09 12:00):
//   clean        due 12-01 10:00, completed 09:00                         → done, clean
//   cleanLate    due 12-02 10:00, completed 11:00                         → done late, clean
//   failed       completed, one failed item                               → done, with failures
//   failedAndNa  completed, a failure and a required N/A                  → done, with failures
//   naOnly       completed, two required N/As and no failure              → done, with N/A only
//   legacy       completed with the exception flag and no counts          → done, with failures
//   missed       due 12-05 10:00, grace to 14:00, nothing recorded        → due, not done
//   late         due 12-09 11:00, grace to 15:00, nothing recorded        → due, not done (late)
//   boundary     due exactly at the window's start, completed             → done, clean (inside)
//   skipped      skipped by a manager                                     → left out
//   suppressed   in a maintenance window                                  → left out
//   old          due 11-08 10:00, completed                               → outside the window
//   ahead        due 12-09 14:00 (after now), completed early at 08:00    → not yet due: left out
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { buildMofMap, figuresOf, type MofMap, type SmfOnMap } from "@/lib/mof/map";
import { MOF_MAP_WINDOW_DAYS } from "@/lib/mof/model";
import { getMofMap, mapProcedures, runCountsByProcedure } from "@/lib/mof/queries";
import { DEFAULT_LIBRARY, seedDatabase } from "@/lib/procedures/seed";
import { MOF_SMF_CODES, quadrantOf } from "@/lib/procedures/vocabulary";
import { summarizeRuns } from "@/lib/runs/run-summary";
import { runState } from "@/lib/scheduling/run-state";

const NOW = new Date("2026-12-09T12:00:00Z");
const SINCE = new Date(NOW.getTime() - MOF_MAP_WINDOW_DAYS * 86_400_000);
const HOUR = 3_600_000;

let backups: { id: string; versionId: string };
let map: MofMap;

function smf(m: MofMap, code: string): SmfOnMap {
  const found = m.quadrants.flatMap((q) => q.smfs).find((s) => s.code === code);
  if (!found) throw new Error(`no SMF ${code} on the map`);
  return found;
}

interface RunSpec {
  dueAt: string;
  graceHours?: number;
  completedAt?: string;
  failedItems?: number;
  naItems?: number;
  hasExceptions?: boolean;
  skipped?: boolean;
  suppressed?: boolean;
}

async function makeRun(key: string, spec: RunSpec) {
  const dueAt = new Date(spec.dueAt);
  const localDate = spec.dueAt.slice(0, 10);
  const failedItems = spec.failedItems ?? 0;
  const naItems = spec.naItems ?? 0;
  await db.run.create({
    data: {
      procedureId: backups.id,
      versionId: backups.versionId,
      periodKey: `mof-${key}`,
      scopeKey: "-",
      cadence: "DAILY",
      localDate,
      opensAt: new Date(`${localDate}T00:00:00Z`),
      dueAt,
      graceEndsAt: new Date(dueAt.getTime() + (spec.graceHours ?? 4) * HOUR),
      completedAt: spec.completedAt ? new Date(spec.completedAt) : null,
      hasExceptions: spec.hasExceptions ?? (failedItems > 0 || naItems > 0),
      failedItems,
      naItems,
      skippedAt: spec.skipped ? new Date(dueAt.getTime() - HOUR) : null,
      skipReason: spec.skipped ? "Backup server replaced that day" : null,
      suppressed: spec.suppressed ?? false,
    },
  });
}

beforeAll(async () => {
  await seedDatabase(db, { now: new Date("2026-11-01T00:00:00Z") });
  const p = await db.procedure.findUniqueOrThrow({ where: { slug: "check-backups" }, select: { id: true, currentVersionId: true } });
  backups = { id: p.id, versionId: p.currentVersionId! };

  await makeRun("clean", { dueAt: "2026-12-01T10:00:00Z", completedAt: "2026-12-01T09:00:00Z" });
  await makeRun("cleanLate", { dueAt: "2026-12-02T10:00:00Z", completedAt: "2026-12-02T11:00:00Z" });
  await makeRun("failed", { dueAt: "2026-12-03T10:00:00Z", completedAt: "2026-12-03T09:30:00Z", failedItems: 1 });
  await makeRun("failedAndNa", { dueAt: "2026-12-04T10:00:00Z", completedAt: "2026-12-04T09:30:00Z", failedItems: 1, naItems: 1 });
  await makeRun("naOnly", { dueAt: "2026-12-06T10:00:00Z", completedAt: "2026-12-06T09:30:00Z", naItems: 2 });
  await makeRun("legacy", { dueAt: "2026-12-07T10:00:00Z", completedAt: "2026-12-07T09:30:00Z", hasExceptions: true });
  await makeRun("missed", { dueAt: "2026-12-05T10:00:00Z" });
  await makeRun("late", { dueAt: "2026-12-09T11:00:00Z" });
  await makeRun("boundary", { dueAt: SINCE.toISOString(), completedAt: "2026-11-09T11:00:00Z" });
  await makeRun("skipped", { dueAt: "2026-12-08T10:00:00Z", skipped: true });
  await makeRun("suppressed", { dueAt: "2026-11-20T10:00:00Z", suppressed: true });
  await makeRun("old", { dueAt: "2026-11-08T10:00:00Z", completedAt: "2026-11-08T09:00:00Z" });
  await makeRun("ahead", { dueAt: "2026-12-09T14:00:00Z", completedAt: "2026-12-09T08:00:00Z" });

  map = await getMofMap(NOW);
}, 120_000);

describe("the seeded library on the MOF 3.0 model", () => {
  it("shows the four quadrants with every SMF of the vocabulary once, each in its home quadrant", () => {
    expect(map.quadrants.map((q) => q.code)).toEqual(["CHANGING", "OPERATING", "SUPPORTING", "OPTIMIZING"]);
    const placed = map.quadrants.flatMap((q) => q.smfs.map((s) => [s.code, q.code]));
    expect(placed.map(([code]) => code).sort()).toEqual([...MOF_SMF_CODES].sort());
    for (const [code, quadrant] of placed) expect(quadrantOf(code as never), code).toBe(quadrant);
  });

  it("places every live procedure under its primary SMF, once, and mentions it under its related SMFs", () => {
    const primary = map.quadrants.flatMap((q) => q.smfs.flatMap((s) => s.procedures.map((p) => [p.code, s.code])));
    expect(primary).toHaveLength(DEFAULT_LIBRARY.procedures.length);
    for (const seed of DEFAULT_LIBRARY.procedures) {
      expect(primary.filter(([code]) => code === seed.code), seed.code).toEqual([[seed.code, seed.smf]]);
      for (const related of seed.relatedSmfs ?? []) {
        if (related === seed.smf) continue;
        expect(smf(map, related).mentions.map((p) => p.code), `${seed.code} under ${related}`).toContain(seed.code);
      }
    }
  });

  it("marks exactly the SMFs that no procedure has as its primary SMF as gaps, each with what a procedure would do", () => {
    const homes = new Set(DEFAULT_LIBRARY.procedures.map((p) => p.smf));
    const gaps = map.quadrants.flatMap((q) => q.smfs).filter((s) => s.gap);
    expect(gaps.map((s) => s.code).sort()).toEqual(MOF_SMF_CODES.filter((c) => !homes.has(c)).sort());
    expect(map.gaps).toBe(gaps.length);
    expect(map.covered).toBe(MOF_SMF_CODES.length - gaps.length);
    expect(map.gaps).toBeGreaterThan(0);
    for (const s of gaps) {
      expect(s.procedures, s.code).toEqual([]);
      expect(s.gapText, s.code).toMatch(/^A procedure here would .+\.$/);
    }
    // The Service Desk has no procedure; the reading page covers Workforce Management.
    expect(smf(map, "SERVICE_DESK").gap).toBe(true);
    expect(smf(map, "WORKFORCE_MANAGEMENT").procedures.map((p) => p.code)).toEqual(["A11"]);
    expect(map.reading).toEqual({ slug: "how-this-team-runs-exchange-2007-with-mof", title: "How this team runs Exchange 2007 with MOF" });
  });

  it("shows the four management reviews, with the weekly status meeting W9 as the Operations Review", () => {
    expect(map.reviews.map((r) => r.code)).toEqual(["CHANGE_INITIATION", "RELEASE_READINESS", "OPERATIONS", "SLA"]);
    const operations = map.reviews.find((r) => r.code === "OPERATIONS")!;
    expect(operations).toMatchObject({ label: "Operations Review", from: "Operating", to: "Supporting" });
    expect(operations.procedures.map((p) => p.code)).toEqual(["W9"]);
    const serving = DEFAULT_LIBRARY.procedures.filter((p) => p.managementReview).map((p) => p.code).sort();
    expect(map.reviews.flatMap((r) => r.procedures.map((p) => p.code)).sort()).toEqual(serving);
  });

  it("leaves archived procedures off the map", async () => {
    const archived = await db.procedure.update({ where: { slug: "create-public-folders" }, data: { archivedAt: NOW }, select: { id: true } });
    try {
      const procedures = await mapProcedures(db);
      expect(procedures.map((p) => p.slug)).not.toContain("create-public-folders");
      expect(procedures).toHaveLength(DEFAULT_LIBRARY.procedures.length - 1);
    } finally {
      await db.procedure.update({ where: { id: archived.id }, data: { archivedAt: null } });
    }
  });
});

describe("completion over the last 30 days", () => {
  it("counts runs due in the window, leaves skipped, suppressed and not-yet-due runs out, and keeps exceptions apart from clean", () => {
    const d2 = smf(map, "STORAGE_MANAGEMENT").procedures.find((p) => p.code === "D2")!;
    expect(d2.figures).toEqual({
      due: 9,
      done: 7,
      clean: 3,
      withFailures: 3,
      withNaOnly: 1,
      exceptions: 4,
      missed: 1,
      late: 1,
      excused: 2,
      rate: 7 / 9,
    });
  });

  it("gives procedures without runs in the window no rate", () => {
    for (const q of map.quadrants) {
      for (const s of q.smfs) {
        for (const p of s.procedures) {
          if (p.code === "D2") continue;
          expect(p.figures.due, p.code ?? p.slug).toBe(0);
          expect(p.figures.rate, p.code ?? p.slug).toBeNull();
        }
      }
    }
  });

  it("agrees with the run states and summary the other pages use, run by run", async () => {
    const runs = await db.run.findMany({ where: { procedureId: backups.id } });
    const inWindow = runs.filter((r) => r.dueAt.getTime() >= SINCE.getTime() && r.dueAt.getTime() < NOW.getTime());
    const summary = summarizeRuns(
      inWindow.map((r) => ({ state: runState(r, NOW), dueAt: r.dueAt, hasExceptions: r.hasExceptions, failedItems: r.failedItems, naItems: r.naItems })),
      NOW,
    );
    const counts = await runCountsByProcedure(db, NOW);
    const fromSql = buildMofMap([{ id: backups.id, slug: "check-backups", code: "D2", title: "Check backups", cadence: "DAILY", smf: "STORAGE_MANAGEMENT", relatedSmfs: [], managementReview: "" }], counts, MOF_MAP_WINDOW_DAYS);
    expect(smf(fromSql, "STORAGE_MANAGEMENT").procedures[0]!.figures).toEqual(figuresOf(summary));
    // Only D2 has runs; the counts come back grouped, not one row per run.
    expect([...counts.keys()]).toEqual([backups.id]);
    expect(counts.get(backups.id)!.reduce((n, c) => n + c.count, 0)).toBe(inWindow.length);
  });

  it("moves with the clock: a day later the late run is missed, and a week later the oldest runs have left the window", async () => {
    const dayLater = await getMofMap(new Date(NOW.getTime() + 24 * HOUR));
    const d2 = smf(dayLater, "STORAGE_MANAGEMENT").procedures.find((p) => p.code === "D2")!;
    // "ahead" is now due and done; "late" is now missed; "boundary" has left the window.
    expect(d2.figures).toMatchObject({ due: 9, done: 7, missed: 2, late: 0, clean: 3 });

    const later = await getMofMap(new Date("2027-02-01T00:00:00Z"));
    const gone = smf(later, "STORAGE_MANAGEMENT").procedures.find((p) => p.code === "D2")!;
    expect(gone.figures).toMatchObject({ due: 0, done: 0, rate: null });
  });
});
