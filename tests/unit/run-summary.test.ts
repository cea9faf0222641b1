import { describe, expect, it } from "vitest";
import { RUN_STATES, runState, type RunState, type RunTimes } from "@/lib/scheduling/run-state";
import { bucketOf, completionKind, dueSoFarRate, duePhrase, exceptionsOf, formatShortDay, groupProgress, isSettled, summarizeRuns, type ClassifiedRun } from "@/lib/runs/run-summary";

const DUE = new Date("2026-12-09T10:00:00Z");
const run = (state: RunState, patch: Partial<ClassifiedRun> = {}): ClassifiedRun => ({ state, dueAt: DUE, hasExceptions: false, failedItems: 0, naItems: 0, ...patch });

describe("one word for each state", () => {
  it("puts every state in exactly one bucket", () => {
    expect(RUN_STATES.map((s) => [s, bucketOf(s)])).toEqual([
      ["UPCOMING", "upcoming"],
      ["DUE", "open"],
      ["LATE", "late"],
      ["MISSED", "missed"],
      ["COMPLETED", "done"],
      ["COMPLETED_LATE", "done"],
      ["COMPLETED_WITH_EXCEPTIONS", "done"],
      ["SKIPPED", "skipped"],
      ["SUPPRESSED", "skipped"],
    ]);
    expect(RUN_STATES.filter(isSettled)).toEqual(["COMPLETED", "COMPLETED_LATE", "COMPLETED_WITH_EXCEPTIONS", "SKIPPED", "SUPPRESSED"]);
  });

  it("tells failures from N/A exceptions; the flag alone, from before the counts, is a failure", () => {
    expect(exceptionsOf({ hasExceptions: false, failedItems: 0, naItems: 0 })).toEqual({ failures: false, na: false });
    expect(exceptionsOf({ hasExceptions: true, failedItems: 2, naItems: 0 })).toEqual({ failures: true, na: false });
    expect(exceptionsOf({ hasExceptions: true, failedItems: 0, naItems: 1 })).toEqual({ failures: false, na: true });
    expect(exceptionsOf({ hasExceptions: true, failedItems: 1, naItems: 1 })).toEqual({ failures: true, na: true });
    expect(exceptionsOf({ hasExceptions: true, failedItems: 0, naItems: 0 })).toEqual({ failures: true, na: false });
    // As reports count them: a run with both is a run with failures.
    expect(completionKind({ hasExceptions: true, failedItems: 1, naItems: 1 })).toBe("withFailures");
    expect(completionKind({ hasExceptions: true, failedItems: 0, naItems: 3 })).toBe("withNaOnly");
    expect(completionKind({ hasExceptions: false, failedItems: 0, naItems: 0 })).toBe("clean");
  });
});

describe("summing runs up", () => {
  it("counts each run once per bucket and the done ones by kind", () => {
    const s = summarizeRuns(
      [
        run("UPCOMING"),
        run("DUE"),
        run("DUE"),
        run("LATE", { dueAt: new Date("2026-12-09T09:00:00Z") }),
        run("MISSED", { dueAt: new Date("2026-12-08T10:00:00Z") }),
        run("COMPLETED"),
        run("COMPLETED_LATE", { dueAt: new Date("2026-12-09T08:00:00Z") }),
        run("COMPLETED_WITH_EXCEPTIONS", { hasExceptions: true, failedItems: 1 }),
        run("COMPLETED_WITH_EXCEPTIONS", { hasExceptions: true, naItems: 2 }),
        run("COMPLETED_WITH_EXCEPTIONS", { hasExceptions: true, failedItems: 1, naItems: 1 }),
        run("SKIPPED", { dueAt: new Date("2026-12-09T08:00:00Z") }),
        run("SUPPRESSED"),
      ],
      new Date("2026-12-09T09:30:00Z"),
    );
    expect(s).toMatchObject({ total: 12, upcoming: 1, open: 2, late: 1, missed: 1, done: 5, skipped: 2, clean: 2, withFailures: 2, withNaOnly: 1, exceptions: 3 });
    expect(s.clean + s.withFailures + s.withNaOnly).toBe(s.done);
  });

  it("counts as due so far only the runs whose due time has passed, not those done early (B10)", () => {
    // 01:00, every run due at 10:00: three done early, none due yet.
    const early = [run("COMPLETED"), run("COMPLETED"), run("COMPLETED"), run("DUE"), run("DUE")];
    const atOne = summarizeRuns(early, new Date("2026-12-09T01:00:00Z"));
    expect(atOne).toMatchObject({ done: 3, dueSoFar: 0, doneOfDueSoFar: 0 });
    expect(dueSoFarRate(atOne)).toBeNull();
    expect(atOne.nextDueAt).toEqual(DUE);
    // At the due time itself a run is still open, not yet due so far; a second later it is.
    expect(summarizeRuns(early, DUE).dueSoFar).toBe(0);
    const after = summarizeRuns([run("COMPLETED"), run("COMPLETED"), run("COMPLETED"), run("LATE"), run("LATE")], new Date(DUE.getTime() + 1000));
    expect(after).toMatchObject({ dueSoFar: 5, doneOfDueSoFar: 3, nextDueAt: null });
    expect(dueSoFarRate(after)).toBe(0.6);
    // Excused runs count neither way.
    expect(summarizeRuns([run("SKIPPED"), run("SUPPRESSED")], new Date(DUE.getTime() + 1000)).dueSoFar).toBe(0);
  });

  it("agrees with runState for a run at every instant around its boundaries", () => {
    const times: RunTimes = { opensAt: new Date("2026-12-09T00:00:00Z"), dueAt: DUE, graceEndsAt: new Date("2026-12-09T14:00:00Z"), completedAt: null, hasExceptions: false, skippedAt: null, suppressed: false };
    const expected: [string, string, number][] = [
      ["2026-12-08T23:59:59Z", "upcoming", 0],
      ["2026-12-09T00:00:00Z", "open", 0],
      ["2026-12-09T10:00:00Z", "open", 0],
      ["2026-12-09T10:00:01Z", "late", 1],
      ["2026-12-09T14:00:00Z", "late", 1],
      ["2026-12-09T14:00:01Z", "missed", 1],
    ];
    for (const [at, bucket, dueSoFar] of expected) {
      const now = new Date(at);
      const s = summarizeRuns([run(runState(times, now))], now);
      expect(s[bucket as "open"], at).toBe(1);
      expect(s.dueSoFar, at).toBe(dueSoFar);
    }
  });

  it("words a group's progress", () => {
    expect(groupProgress({ total: 1, done: 1, skipped: 0 })).toBeNull();
    expect(groupProgress({ total: 7, done: 3, skipped: 0 })).toBe("3 of 7 done");
    expect(groupProgress({ total: 7, done: 5, skipped: 1 })).toBe("5 of 7 done, 1 skipped");
  });
});

describe("when a run is due, in words", () => {
  const zone = "Europe/London";
  const today = formatShortDay(new Date("2026-12-09T07:00:00Z"), zone);

  it("says 'open, due at 10:00' today and the day otherwise, never 'Due' alone", () => {
    expect(today).toBe("Wed 9 Dec");
    expect(duePhrase("DUE", DUE, today, zone)).toBe("open, due at 10:00");
    expect(duePhrase("DUE", new Date("2026-12-10T10:00:00Z"), today, zone)).toBe("open, due Thu 10 Dec");
    expect(duePhrase("UPCOMING", new Date("2026-12-11T16:00:00Z"), today, zone)).toBe("upcoming, due Fri 11 Dec");
    expect(duePhrase("LATE", DUE, today, zone)).toBe("late, due at 10:00");
    expect(duePhrase("MISSED", new Date("2026-12-08T10:00:00Z"), today, zone)).toBe("missed, due Tue 8 Dec");
    expect(duePhrase("COMPLETED", DUE, today, zone)).toBe("due at 10:00");
    expect(duePhrase("SKIPPED", DUE, today, zone)).toBe("due at 10:00");
  });

  it("reads the day in the organisation's zone", () => {
    // 23:30 UTC on the 9th is already the 10th in Auckland.
    const late = new Date("2026-12-09T23:30:00Z");
    expect(duePhrase("DUE", late, formatShortDay(late, "Pacific/Auckland"), "Pacific/Auckland")).toBe("open, due at 12:30");
    expect(duePhrase("DUE", late, "Wed 9 Dec", "Pacific/Auckland")).toBe("open, due Thu 10 Dec");
  });
});
