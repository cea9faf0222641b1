import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breakdownLabel, buildMofMap, compactFigures, figuresFromCounts, figuresSentence, mofAnchor, rateLabel, type MapProcedure } from "@/lib/mof/map";
import { MOF_MAP_WINDOW_DAYS, QUADRANT_NEXT, QUADRANT_TEXTS, REVIEW_ORDER, REVIEW_TEXTS, SMF_TEXTS } from "@/lib/mof/model";
import { MANAGEMENT_REVIEWS, MOF_QUADRANTS, MOF_SMF_CODES } from "@/lib/procedures/vocabulary";
import { summarizePastDueCounts, summarizeRuns, type RunStateCount } from "@/lib/runs/run-summary";
import { RUN_STATES } from "@/lib/scheduling/run-state";

/** Sentences of a text: ends at ".", "!" or "?" followed by a space or the end. */
const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => s.trim().length > 0);

describe("the model's texts", () => {
  it("explains every quadrant in two or three sentences", () => {
    expect(Object.keys(QUADRANT_TEXTS).sort()).toEqual([...MOF_QUADRANTS].sort());
    for (const q of MOF_QUADRANTS) {
      expect(sentences(QUADRANT_TEXTS[q]).length, q).toBeGreaterThanOrEqual(2);
      expect(sentences(QUADRANT_TEXTS[q]).length, q).toBeLessThanOrEqual(3);
    }
  });

  it("explains every SMF in two or three sentences, and says in one what a procedure would do for a gap", () => {
    expect(Object.keys(SMF_TEXTS).sort()).toEqual([...MOF_SMF_CODES].sort());
    for (const code of MOF_SMF_CODES) {
      const { about, gap } = SMF_TEXTS[code];
      expect(sentences(about).length, code).toBeGreaterThanOrEqual(2);
      expect(sentences(about).length, code).toBeLessThanOrEqual(3);
      expect(sentences(gap), code).toHaveLength(1);
      expect(gap, code).toMatch(/^A procedure here would /);
    }
    const all = MOF_SMF_CODES.flatMap((c) => [SMF_TEXTS[c].about, SMF_TEXTS[c].gap]);
    expect(new Set(all).size).toBe(all.length);
  });

  it("puts the four management reviews at the four turns of the circle", () => {
    expect([...REVIEW_ORDER].sort()).toEqual([...MANAGEMENT_REVIEWS].sort());
    for (const r of REVIEW_ORDER) expect(QUADRANT_NEXT[REVIEW_TEXTS[r].from], r).toBe(REVIEW_TEXTS[r].to);
    expect(REVIEW_TEXTS.OPERATIONS).toMatchObject({ from: "OPERATING", to: "SUPPORTING" });
    expect(new Set(REVIEW_ORDER.map((r) => REVIEW_TEXTS[r].from)).size).toBe(4);
  });
});

const count = (state: RunStateCount["state"], n: number, failedItems = 0, naItems = 0): RunStateCount => ({
  state,
  count: n,
  failedItems,
  naItems,
  hasExceptions: state === "COMPLETED_WITH_EXCEPTIONS",
});

describe("the rate arithmetic", () => {
  it("counts done of due, keeps exceptions apart from clean and leaves skipped and suppressed runs out", () => {
    const f = figuresFromCounts([
      count("COMPLETED", 18),
      count("COMPLETED_LATE", 2),
      count("COMPLETED_WITH_EXCEPTIONS", 2, 1, 0),
      count("COMPLETED_WITH_EXCEPTIONS", 1, 0, 1),
      count("MISSED", 1),
      count("LATE", 1),
      count("SKIPPED", 3),
      count("SUPPRESSED", 1),
    ]);
    expect(f).toEqual({ due: 25, done: 23, clean: 20, withFailures: 2, withNaOnly: 1, exceptions: 3, missed: 1, late: 1, excused: 4, rate: 23 / 25 });
    expect(rateLabel(f)).toBe("23 of 25 done (92.0%)");
    expect(breakdownLabel(f)).toBe("20 clean, 3 with exceptions (2 with failures, 1 with N/A only); 1 missed, 1 late");
    expect(figuresSentence(f, 30)).toBe("23 of 25 done (92.0%): 20 clean, 3 with exceptions (2 with failures, 1 with N/A only); 1 missed, 1 late; 4 skipped, not counted.");
    expect(compactFigures(f)).toBe("23/25 (92.0%), 3 exc., 1 missed");
  });

  it("has no rate when nothing was due, and says so", () => {
    const none = figuresFromCounts([]);
    expect(none).toMatchObject({ due: 0, done: 0, rate: null });
    expect(rateLabel(none)).toBeNull();
    expect(figuresSentence(none, 30)).toBe("No run due in the last 30 days.");
    expect(compactFigures(none)).toBe("none due");
    expect(figuresSentence(figuresFromCounts([count("SKIPPED", 2)]), 30)).toBe("No run due in the last 30 days (2 skipped).");
  });

  it("rounds down, so 99.96% never reads as 100%", () => {
    const f = figuresFromCounts([count("COMPLETED", 2499), count("MISSED", 1)]);
    expect(rateLabel(f)).toBe("2499 of 2500 done (99.9%)");
    expect(rateLabel(figuresFromCounts([count("COMPLETED", 4)]))).toBe("4 of 4 done (100%)");
  });

  it("takes an exception flag without counts (from before the counts) as a failure, as reports do", () => {
    const f = figuresFromCounts([count("COMPLETED_WITH_EXCEPTIONS", 1, 0, 0)]);
    expect(f).toMatchObject({ withFailures: 1, withNaOnly: 0, clean: 0, exceptions: 1 });
  });

  it("gives the same figures from counts as summarizeRuns gives from the runs one by one (property)", () => {
    const now = new Date("2026-12-09T12:00:00Z");
    const run = fc.record({ state: fc.constantFrom(...RUN_STATES), failed: fc.boolean(), na: fc.boolean(), n: fc.integer({ min: 1, max: 4 }) });
    fc.assert(
      fc.property(fc.array(run, { maxLength: 12 }), (specs) => {
        // Runs past due cannot be upcoming or open; the window holds only runs due before now.
        const past = specs.filter((s) => s.state !== "UPCOMING" && s.state !== "DUE");
        const counts = past.map((s) => count(s.state, s.n, s.failed ? 1 : 0, s.na ? 1 : 0));
        const oneByOne = past.flatMap((s) =>
          Array.from({ length: s.n }, () => ({ state: s.state, dueAt: new Date(now.getTime() - 3_600_000), hasExceptions: s.state === "COMPLETED_WITH_EXCEPTIONS", failedItems: s.failed ? 1 : 0, naItems: s.na ? 1 : 0 })),
        );
        expect(summarizePastDueCounts(counts)).toEqual(summarizeRuns(oneByOne, now));
      }),
    );
  });
});

describe("placing procedures", () => {
  const proc = (patch: Partial<MapProcedure> & { id: string }): MapProcedure => ({
    slug: patch.id,
    code: null,
    title: patch.id,
    cadence: "DAILY",
    smf: "SERVICE_MONITORING_AND_CONTROL",
    relatedSmfs: [],
    managementReview: "",
    ...patch,
  });

  it("puts a procedure under its primary SMF in library order, mentions it under related ones, and marks the rest as gaps", () => {
    const map = buildMofMap(
      [
        proc({ id: "w1", code: "W1", cadence: "WEEKLY", smf: "STORAGE_MANAGEMENT" }),
        proc({ id: "d10", code: "D10", smf: "STORAGE_MANAGEMENT", relatedSmfs: ["JOB_SCHEDULING"] }),
        proc({ id: "d2", code: "D2", smf: "STORAGE_MANAGEMENT" }),
        proc({ id: "w9", code: "W9", cadence: "WEEKLY", smf: "SYSTEM_ADMINISTRATION", managementReview: "OPERATIONS" }),
      ],
      new Map([["d2", [count("COMPLETED", 3), count("MISSED", 1)]]]),
      MOF_MAP_WINDOW_DAYS,
    );
    const smfs = map.quadrants.flatMap((q) => q.smfs);
    const storage = smfs.find((s) => s.code === "STORAGE_MANAGEMENT")!;
    expect(storage.procedures.map((p) => p.code)).toEqual(["D2", "D10", "W1"]);
    expect(storage.procedures[0]!.figures).toMatchObject({ due: 4, done: 3, rate: 0.75 });
    expect(storage.gap).toBe(false);
    const jobs = smfs.find((s) => s.code === "JOB_SCHEDULING")!;
    expect(jobs).toMatchObject({ gap: true, procedures: [] });
    expect(jobs.mentions.map((p) => p.code)).toEqual(["D10"]);
    expect(map.covered).toBe(2);
    expect(map.gaps).toBe(MOF_SMF_CODES.length - 2);
    expect(map.reviews.find((r) => r.code === "OPERATIONS")!.procedures.map((p) => p.code)).toEqual(["W9"]);
    expect(map.reviews.find((r) => r.code === "SLA")!.procedures).toEqual([]);
    expect(map.reading).toBeNull();
  });

  it("links an SMF to its place on the map", () => {
    expect(mofAnchor("STORAGE_MANAGEMENT")).toBe("/mof#smf-STORAGE_MANAGEMENT");
  });
});
