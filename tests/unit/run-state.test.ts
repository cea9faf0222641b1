import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { acceptsResults, RUN_STATE_LABELS, runState, type RunTimes } from "@/lib/scheduling/run-state";

const opensAt = new Date("2026-11-24T00:00:00Z");
const dueAt = new Date("2026-11-24T09:00:00Z");
const graceEndsAt = new Date("2026-11-24T11:00:00Z");
const base: RunTimes = { opensAt, dueAt, graceEndsAt, completedAt: null, hasExceptions: false, skippedAt: null, suppressed: false };
const at = (d: Date, seconds: number) => new Date(d.getTime() + seconds * 1000);

describe("run state at its boundaries", () => {
  it("is upcoming before its day opens and due from the moment it opens", () => {
    expect(runState(base, at(opensAt, -1))).toBe("UPCOMING");
    expect(runState(base, opensAt)).toBe("DUE");
  });

  it("is due one second before and at the due time, late one second after", () => {
    expect(runState(base, at(dueAt, -1))).toBe("DUE");
    expect(runState(base, dueAt)).toBe("DUE");
    expect(runState(base, at(dueAt, 1))).toBe("LATE");
  });

  it("is late one second before and at the end of grace, missed one second after", () => {
    expect(runState(base, at(graceEndsAt, -1))).toBe("LATE");
    expect(runState(base, graceEndsAt)).toBe("LATE");
    expect(runState(base, at(graceEndsAt, 1))).toBe("MISSED");
  });

  it("is completed when finished by the due time, completed late one second after it", () => {
    expect(runState({ ...base, completedAt: dueAt }, at(graceEndsAt, 3600))).toBe("COMPLETED");
    expect(runState({ ...base, completedAt: at(dueAt, -1) }, at(dueAt, -1))).toBe("COMPLETED");
    expect(runState({ ...base, completedAt: at(dueAt, 1) }, at(dueAt, 1))).toBe("COMPLETED_LATE");
  });

  it("shows a missed run that is completed later as completed late", () => {
    const later = at(graceEndsAt, 86_400);
    expect(runState(base, later)).toBe("MISSED");
    expect(runState({ ...base, completedAt: later }, later)).toBe("COMPLETED_LATE");
  });

  it("puts exceptions, skips and maintenance above the clock", () => {
    expect(runState({ ...base, completedAt: at(dueAt, -60), hasExceptions: true }, dueAt)).toBe("COMPLETED_WITH_EXCEPTIONS");
    expect(runState({ ...base, skippedAt: dueAt }, at(graceEndsAt, 1))).toBe("SKIPPED");
    expect(runState({ ...base, suppressed: true }, at(graceEndsAt, 1))).toBe("SUPPRESSED");
  });

  it("accepts results only once its day has opened, and never when skipped or suppressed", () => {
    expect(acceptsResults(base, at(opensAt, -1))).toBe(false);
    expect(acceptsResults(base, opensAt)).toBe(true);
    expect(acceptsResults(base, at(graceEndsAt, 1))).toBe(true);
    expect(acceptsResults({ ...base, skippedAt: dueAt }, dueAt)).toBe(false);
    expect(acceptsResults({ ...base, suppressed: true }, dueAt)).toBe(false);
  });

  it("moves only forward through upcoming → due → late → missed as time passes", () => {
    const order = ["UPCOMING", "DUE", "LATE", "MISSED"];
    fc.assert(
      fc.property(fc.integer({ min: -86_400, max: 2 * 86_400 }), fc.integer({ min: 0, max: 86_400 }), (t, step) => {
        const a = runState(base, at(opensAt, t));
        const b = runState(base, at(opensAt, t + step));
        expect(order.indexOf(b)).toBeGreaterThanOrEqual(order.indexOf(a));
      }),
    );
  });

  it("calls a run between its opening and its due time open, not due (B10)", () => {
    expect(runState(base, at(dueAt, -3600))).toBe("DUE");
    expect(RUN_STATE_LABELS.DUE).toBe("Open");
    expect(Object.values(RUN_STATE_LABELS)).not.toContain("Due");
  });
});
