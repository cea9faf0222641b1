import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  belongsToShift,
  compareShiftRuns,
  currentShift,
  DEFAULT_SHIFT_STARTS,
  describeShift,
  parseShiftStarts,
  serialiseShiftStarts,
  shiftLocalDateRange,
  shiftMinutes,
  shiftQueue,
  shiftStartsProblem,
  type ShiftRunCandidate,
} from "@/lib/runs/shift";
import { SettingsSchema } from "@/lib/settings/schemas";

const at = (iso: string) => new Date(iso);
const DEFAULT = [...DEFAULT_SHIFT_STARTS];

describe("currentShift", () => {
  it("runs from one start to the next; a start belongs to the shift it begins", () => {
    const early = currentShift(at("2026-12-09T07:00:00Z"), "UTC", DEFAULT);
    expect(early).toMatchObject({ start: at("2026-12-09T07:00:00Z"), end: at("2026-12-09T15:00:00Z"), startTime: "07:00", endTime: "15:00", startDate: "2026-12-09" });
    const late = currentShift(at("2026-12-09T14:59:59Z"), "UTC", DEFAULT);
    expect(late.start).toEqual(at("2026-12-09T07:00:00Z"));
    expect(currentShift(at("2026-12-09T15:00:00Z"), "UTC", DEFAULT).startTime).toBe("15:00");
  });

  it("wraps the last shift past midnight, whichever side of midnight it is", () => {
    for (const now of ["2026-12-09T23:30:00Z", "2026-12-10T00:00:00Z", "2026-12-10T06:59:59Z"]) {
      const shift = currentShift(at(now), "UTC", DEFAULT);
      expect(shift, now).toMatchObject({ start: at("2026-12-09T23:00:00Z"), end: at("2026-12-10T07:00:00Z"), startTime: "23:00", endTime: "07:00", startDate: "2026-12-09" });
      expect(describeShift(shift, "UTC")).toBe("23:00–07:00 (next day)");
    }
    expect(describeShift(currentShift(at("2026-12-09T08:00:00Z"), "UTC", DEFAULT), "UTC")).toBe("07:00–15:00");
  });

  it("reads the start times in the organisation's zone", () => {
    // 07:00 in New York in December is 12:00 UTC.
    const shift = currentShift(at("2026-12-09T12:30:00Z"), "America/New_York", DEFAULT);
    expect(shift).toMatchObject({ start: at("2026-12-09T12:00:00Z"), end: at("2026-12-09T20:00:00Z"), startTime: "07:00" });
  });

  it("with one start, a shift lasts a day", () => {
    const shift = currentShift(at("2026-12-09T05:00:00Z"), "UTC", ["06:00"]);
    expect(shift).toMatchObject({ start: at("2026-12-08T06:00:00Z"), end: at("2026-12-09T06:00:00Z"), startTime: "06:00", endTime: "06:00" });
    expect(shiftMinutes(shift)).toBe(24 * 60);
  });

  describe("on the days the clocks change", () => {
    it("Europe/London in spring: the night shift is an hour shorter", () => {
      // 29 March 2026: 01:00 GMT becomes 02:00 BST. 23:00 GMT on the 28th to 07:00 BST (06:00 UTC).
      const night = currentShift(at("2026-03-29T05:30:00Z"), "Europe/London", DEFAULT);
      expect(night).toMatchObject({ start: at("2026-03-28T23:00:00Z"), end: at("2026-03-29T06:00:00Z"), startTime: "23:00", endTime: "07:00" });
      expect(shiftMinutes(night)).toBe(7 * 60);
      // The first minute after the change is 07:00 BST: the day shift, eight hours long.
      const day = currentShift(at("2026-03-29T06:00:00Z"), "Europe/London", DEFAULT);
      expect(day).toMatchObject({ start: at("2026-03-29T06:00:00Z"), end: at("2026-03-29T14:00:00Z") });
    });

    it("Europe/London in autumn: the night shift is an hour longer", () => {
      // 25 October 2026: 02:00 BST becomes 01:00 GMT. 23:00 BST (22:00 UTC) on the 24th to 07:00 GMT.
      const night = currentShift(at("2026-10-25T01:30:00Z"), "Europe/London", DEFAULT);
      expect(night).toMatchObject({ start: at("2026-10-24T22:00:00Z"), end: at("2026-10-25T07:00:00Z") });
      expect(shiftMinutes(night)).toBe(9 * 60);
    });

    it("America/New_York: shorter in March, longer in November", () => {
      // 8 March 2026: 02:00 EST becomes 03:00 EDT.
      const spring = currentShift(at("2026-03-08T08:00:00Z"), "America/New_York", DEFAULT);
      expect(spring).toMatchObject({ start: at("2026-03-08T04:00:00Z"), end: at("2026-03-08T11:00:00Z") });
      expect(shiftMinutes(spring)).toBe(7 * 60);
      // 1 November 2026: 02:00 EDT becomes 01:00 EST.
      const autumn = currentShift(at("2026-11-01T06:00:00Z"), "America/New_York", DEFAULT);
      expect(autumn).toMatchObject({ start: at("2026-11-01T03:00:00Z"), end: at("2026-11-01T12:00:00Z") });
      expect(shiftMinutes(autumn)).toBe(9 * 60);
    });

    it("a start inside the skipped hour moves forward by the gap; two starts on one instant make one shift", () => {
      // 02:30 does not exist in New York on 8 March: it starts at 03:30 EDT (07:30 UTC).
      const gap = currentShift(at("2026-03-08T07:00:00Z"), "America/New_York", ["02:30", "10:00", "18:00"]);
      expect(gap).toMatchObject({ start: at("2026-03-07T23:00:00Z"), end: at("2026-03-08T07:30:00Z"), endTime: "02:30" });
      // 02:00 and 03:00 are both 03:00 EDT that day: no shift of no length between them.
      const same = currentShift(at("2026-03-08T07:00:00Z"), "America/New_York", ["02:00", "03:00", "12:00"]);
      expect(same.start).toEqual(at("2026-03-08T07:00:00Z"));
      expect(same.end).toEqual(at("2026-03-08T16:00:00Z"));
      expect(shiftMinutes(same)).toBeGreaterThan(0);
    });
  });

  it("always holds now, starts before it ends, and lasts at most a day and an hour", () => {
    const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
    fc.assert(
      fc.property(
        fc.date({ min: at("2025-01-01T00:00:00Z"), max: at("2028-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.uniqueArray(time, { minLength: 1, maxLength: 6 }),
        fc.constantFrom("UTC", "Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata"),
        (now, starts, zone) => {
          const shift = currentShift(now, zone, parseShiftStarts(JSON.stringify(starts)));
          expect(shift.start.getTime()).toBeLessThanOrEqual(now.getTime());
          expect(shift.end.getTime()).toBeGreaterThan(now.getTime());
          expect(shiftMinutes(shift)).toBeLessThanOrEqual(25 * 60);
        },
      ),
      { seed: 20_261_209, numRuns: 400 },
    );
  });
});

describe("shift start times", () => {
  it("are read sorted, with the default for anything unusable", () => {
    expect(parseShiftStarts('["23:00","07:00","15:00"]')).toEqual(["07:00", "15:00", "23:00"]);
    expect(parseShiftStarts('["6:00"]')).toEqual(["06:00"]);
    for (const bad of ["", "not json", "[]", '["07:00","07:00"]', '["25:00"]', "[7]", '["1","2","3","4","5","6","7"]', "{}"]) {
      expect(parseShiftStarts(bad), bad).toEqual(DEFAULT);
    }
    expect(serialiseShiftStarts(["15:00", "7:00"])).toBe('["07:00","15:00"]');
  });

  it("say what is wrong with a list", () => {
    expect(shiftStartsProblem(["07:00", "19:00"])).toBeNull();
    expect(shiftStartsProblem([])).toBe("Enter at least one shift start time.");
    expect(shiftStartsProblem(["01:00", "02:00", "03:00", "04:00", "05:00", "06:00", "07:00"])).toBe("Enter at most 6 shift start times.");
    expect(shiftStartsProblem(["07:00", "7pm"])).toBe('"7pm" is not a time of day. Write times as HH:MM, e.g. 07:00.');
    expect(shiftStartsProblem(["24:00"])).toMatch(/not a time of day/);
    expect(shiftStartsProblem(["07:00", "7:00"])).toBe("07:00 is given twice. Each shift starts at a different time.");
  });

  it("come from the settings form as one field, separated by commas or spaces", () => {
    const base = { name: "Contoso", timeZone: "UTC", businessDays: ["1"] };
    expect(SettingsSchema.parse({ ...base, shiftStarts: "22:00, 6:00,14:00" }).shiftStarts).toEqual(["06:00", "14:00", "22:00"]);
    expect(SettingsSchema.parse({ ...base, shiftStarts: "08:00 20:00" }).shiftStarts).toEqual(["08:00", "20:00"]);
    // Absent: the times already set stay.
    expect(SettingsSchema.parse(base).shiftStarts).toBeUndefined();
    for (const [bad, message] of [
      ["", "Enter at least one shift start time."],
      ["07:00, 07:00", "07:00 is given twice. Each shift starts at a different time."],
      ["1:00,2:00,3:00,4:00,5:00,6:00,7:00", "Enter at most 6 shift start times."],
      ["noon", '"noon" is not a time of day. Write times as HH:MM, e.g. 07:00.'],
      ["x".repeat(5000), "Write times as HH:MM, e.g. 07:00."],
    ] as const) {
      const parsed = SettingsSchema.safeParse({ ...base, shiftStarts: bad });
      expect(parsed.success, bad.slice(0, 20)).toBe(false);
      expect(parsed.error?.issues.map((i) => i.message)).toContain(message);
    }
  });
});

describe("this shift's runs", () => {
  const shift = { start: at("2026-12-09T07:00:00Z"), end: at("2026-12-09T15:00:00Z") };
  const now = at("2026-12-09T11:00:00Z");
  const run = (id: string, due: string, graceHours: number, extra: Partial<ShiftRunCandidate> = {}): ShiftRunCandidate => ({
    id,
    title: "Check backups",
    serverName: null,
    opensAt: at("2026-12-09T00:00:00Z"),
    dueAt: at(due),
    graceEndsAt: new Date(at(due).getTime() + graceHours * 3_600_000),
    state: "DUE",
    ...extra,
  });

  it("holds the runs due in the shift and those gone late or missed since it started", () => {
    expect(belongsToShift(run("due", "2026-12-09T10:00:00Z", 4), shift, now)).toBe(true);
    expect(belongsToShift(run("at-start", "2026-12-09T07:00:00Z", 0), shift, now)).toBe(true);
    // Due in the night shift, late into this one; and one whose grace ended during this shift.
    expect(belongsToShift(run("late", "2026-12-09T05:00:00Z", 4), shift, now)).toBe(true);
    expect(belongsToShift(run("missed-now", "2026-12-09T03:00:00Z", 5), shift, now)).toBe(true);
    // Missed before the shift started: Today's backlog, not this shift's.
    expect(belongsToShift(run("missed-before", "2026-12-08T10:00:00Z", 4), shift, now)).toBe(false);
    // Due at or after the end, or not open yet.
    expect(belongsToShift(run("next-shift", "2026-12-09T15:00:00Z", 4), shift, now)).toBe(false);
    expect(belongsToShift(run("unopened", "2026-12-09T14:00:00Z", 4, { opensAt: at("2026-12-09T12:00:00Z") }), shift, now)).toBe(false);
  });

  it("are in Today's order: attention first, then due time, title and server", () => {
    const runs = [
      run("b", "2026-12-09T10:00:00Z", 4, { title: "Check disk usage", serverName: "EXMBX01" }),
      run("a", "2026-12-09T10:00:00Z", 4, { title: "Check disk usage", serverName: "EXCAS01" }),
      run("late", "2026-12-09T06:00:00Z", 6, { state: "LATE" }),
      run("earlier", "2026-12-09T09:00:00Z", 4, { title: "Zeta" }),
      run("c", "2026-12-09T10:00:00Z", 4, { title: "Check backups" }),
      run("old", "2026-12-07T10:00:00Z", 4, { state: "MISSED" }),
    ];
    expect(shiftQueue(runs, shift, now, "c").map((r) => r.id)).toEqual(["late", "earlier", "a", "b"]);
    expect([...runs].sort(compareShiftRuns).map((r) => r.id)).toEqual(["old", "late", "earlier", "c", "a", "b"]);
  });

  it("are looked for from a week before the shift to the day after it", () => {
    expect(shiftLocalDateRange({ start: at("2026-12-09T23:00:00Z"), end: at("2026-12-10T07:00:00Z") }, "UTC")).toEqual({ from: "2026-12-01", to: "2026-12-11" });
  });
});
