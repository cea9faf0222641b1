// Recurrence, checked against brute-force oracles that walk the calendar day by day with plain
// UTC date arithmetic (independent of the Temporal-based code under test).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RuleError, assertProducesOccurrences, nextOccurrences, occurrenceDates, parseRRule, ruleProblem, type WorkCalendar } from "@/lib/scheduling/recurrence";
import { localDateOf, localInstant } from "@/lib/time/dates";

const DAY = 86_400_000;
const CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

function toDate(s: string): Date {
  return new Date(`${s}T00:00:00Z`);
}
function fmt(d: Date): string {
  return d.toISOString().slice(0, 10);
}
function isoDow(d: Date): number {
  return ((d.getUTCDay() + 6) % 7) + 1;
}
function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate(); // month 1-12
}
function eachDay(from: string, to: string): Date[] {
  const out: Date[] = [];
  for (let t = toDate(from).getTime(); t <= toDate(to).getTime(); t += DAY) out.push(new Date(t));
  return out;
}

const NO_HOLIDAYS: WorkCalendar = { businessDays: [1, 2, 3, 4, 5], holidays: new Set() };

const dateArb = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2040-12-31T00:00:00Z"), noInvalidDate: true }).map(fmt);
const windowArb = fc.tuple(dateArb, fc.integer({ min: 0, max: 400 })).map(([from, len]) => ({ from, to: fmt(new Date(toDate(from).getTime() + len * DAY)) }));

describe("monthly on day N, clamped to the month's last day", () => {
  it("gives exactly one date per month: day N, or the last day of a shorter month (day 31 in February and April, leap years)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), windowArb, (n, { from, to }) => {
        const rule = n <= 28 ? `FREQ=MONTHLY;BYMONTHDAY=${n}` : `FREQ=MONTHLY;BYMONTHDAY=${Array.from({ length: n - 27 }, (_, i) => 28 + i).join(",")};BYSETPOS=-1`;
        const expected = eachDay(from, to)
          .filter((d) => d.getUTCDate() === Math.min(n, daysIn(d.getUTCFullYear(), d.getUTCMonth() + 1)))
          .map(fmt);
        expect(occurrenceDates(rule, "1999-01-01", from, to, NO_HOLIDAYS, "NONE")).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("lands on 29 February in leap years and 28 February otherwise", () => {
    const rule = "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1";
    expect(occurrenceDates(rule, "2023-01-01", "2024-02-01", "2024-02-29", NO_HOLIDAYS, "NONE")).toEqual(["2024-02-29"]);
    expect(occurrenceDates(rule, "2023-01-01", "2025-02-01", "2025-02-28", NO_HOLIDAYS, "NONE")).toEqual(["2025-02-28"]);
    expect(occurrenceDates(rule, "2023-01-01", "2100-02-01", "2100-02-28", NO_HOLIDAYS, "NONE")).toEqual(["2100-02-28"]);
    expect(occurrenceDates(rule, "2023-01-01", "2026-04-01", "2026-04-30", NO_HOLIDAYS, "NONE")).toEqual(["2026-04-30"]);
  });
});

describe("monthly on the nth or last weekday", () => {
  it("matches a day-by-day scan for first…fourth and last of every weekday", () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3, 4, -1), fc.integer({ min: 1, max: 7 }), windowArb, (nth, dow, { from, to }) => {
        const rule = `FREQ=MONTHLY;BYDAY=${nth}${CODES[dow - 1]}`;
        const expected = eachDay(from, to)
          .filter((d) => {
            if (isoDow(d) !== dow) return false;
            const day = d.getUTCDate();
            if (nth > 0) return Math.ceil(day / 7) === nth;
            return day + 7 > daysIn(d.getUTCFullYear(), d.getUTCMonth() + 1);
          })
          .map(fmt);
        expect(occurrenceDates(rule, "1999-01-01", from, to, NO_HOLIDAYS, "NONE")).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe("last business day of the month, with holidays", () => {
  it("is the last day of each month that is a business day and not a holiday", () => {
    const holidayArb = fc.uniqueArray(dateArb, { maxLength: 60 });
    fc.assert(
      fc.property(windowArb, holidayArb, fc.constantFrom<number[]>([1, 2, 3, 4, 5], [7, 1, 2, 3, 4], [1, 2, 3, 4, 5, 6]), ({ from, to }, holidayList, businessDays) => {
        // Make holidays likely near month ends, where they matter.
        const holidays = new Set(holidayList.concat(eachDay(from, to).filter((d) => d.getUTCDate() >= 27 && d.getUTCDate() % 2 === 0).map(fmt).slice(0, 8)));
        const calendar = { businessDays, holidays };
        const byday = businessDays.map((d) => CODES[d - 1]).join(",");
        const expected: string[] = [];
        for (const d of eachDay(from, to)) {
          const last = daysIn(d.getUTCFullYear(), d.getUTCMonth() + 1);
          if (d.getUTCDate() !== 1 && fmt(d) !== from) continue;
          // scan this month from its last day backwards
          for (let day = last; day >= 1; day--) {
            const c = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), day));
            if (businessDays.includes(isoDow(c)) && !holidays.has(fmt(c))) {
              if (fmt(c) >= from && fmt(c) <= to) expected.push(fmt(c));
              break;
            }
          }
        }
        const actual = occurrenceDates(`FREQ=MONTHLY;BYDAY=${byday};BYSETPOS=-1`, "1999-01-01", from, to, calendar, "PREVIOUS_BUSINESS_DAY");
        expect(actual).toEqual([...new Set(expected)]);
      }),
      { numRuns: 300 },
    );
  });

  it("moves back over a holiday on the last weekday (31 December 2026, a Thursday)", () => {
    const calendar = { businessDays: [1, 2, 3, 4, 5], holidays: new Set(["2026-12-31", "2026-12-30"]) };
    expect(occurrenceDates("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "2026-01-01", "2026-12-01", "2026-12-31", calendar, "PREVIOUS_BUSINESS_DAY")).toEqual(["2026-12-29"]);
  });
});

describe("every business day", () => {
  it("is every business weekday that is not a holiday", () => {
    fc.assert(
      fc.property(windowArb, fc.uniqueArray(dateArb, { maxLength: 40 }), ({ from, to }, holidayList) => {
        const calendar = { businessDays: [1, 2, 3, 4, 5], holidays: new Set(holidayList) };
        const expected = eachDay(from, to).filter((d) => isoDow(d) <= 5 && !calendar.holidays.has(fmt(d))).map(fmt);
        expect(occurrenceDates("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "1999-01-01", from, to, calendar, "SKIP")).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe("every N weeks on chosen weekdays", () => {
  it("counts weeks from the anchor's week (weeks start on Monday), never before the anchor", () => {
    fc.assert(
      fc.property(
        dateArb,
        fc.integer({ min: 1, max: 6 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 200 }),
        (anchor, n, days, startOffset, length) => {
          const from = fmt(new Date(toDate(anchor).getTime() + (startOffset - 30) * DAY));
          const to = fmt(new Date(toDate(from).getTime() + length * DAY));
          const anchorMonday = toDate(anchor).getTime() - (isoDow(toDate(anchor)) - 1) * DAY;
          const expected = eachDay(from, to)
            .filter((d) => {
              if (fmt(d) < anchor || !days.includes(isoDow(d))) return false;
              const monday = d.getTime() - (isoDow(d) - 1) * DAY;
              return Math.round((monday - anchorMonday) / (7 * DAY)) % n === 0;
            })
            .map(fmt);
          const rule = `FREQ=WEEKLY;INTERVAL=${n};BYDAY=${[...days].sort().map((d) => CODES[d - 1]).join(",")};WKST=MO`;
          expect(occurrenceDates(rule, anchor, from, to, NO_HOLIDAYS, "NONE")).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("quarterly and daily rules", () => {
  it("quarterly on day N of January, April, July and October", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 28 }), windowArb, (n, { from, to }) => {
        const expected = eachDay(from, to).filter((d) => d.getUTCDate() === n && d.getUTCMonth() % 3 === 0).map(fmt);
        expect(occurrenceDates(`FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=${n}`, "1999-01-01", from, to, NO_HOLIDAYS, "NONE")).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it("every day gives every date once", () => {
    fc.assert(
      fc.property(windowArb, ({ from, to }) => {
        expect(occurrenceDates("FREQ=DAILY", "1999-01-01", from, to, NO_HOLIDAYS, "NONE")).toEqual(eachDay(from, to).map(fmt));
      }),
      { numRuns: 100 },
    );
  });
});

describe("due instants across DST changes", () => {
  const zones = ["America/New_York", "Europe/London", "Australia/Sydney"];
  const transitions: Record<string, string[]> = {
    "America/New_York": ["2026-03-08", "2026-11-01"],
    "Europe/London": ["2026-03-29", "2026-10-25"],
    "Australia/Sydney": ["2026-04-05", "2026-10-04"],
  };

  function localParts(instant: Date, timeZone: string) {
    const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(instant);
    const get = (t: string) => parts.find((p) => p.type === t)!.value;
    return { date: `${get("year")}-${get("month")}-${get("day")}`, time: `${get("hour")}:${get("minute")}` };
  }

  it("gives each daily occurrence its local due time on its own date, none lost or doubled, around every transition", () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45), (zone, hour, minute) => {
        const due = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
        for (const transition of transitions[zone]!) {
          const from = fmt(new Date(toDate(transition).getTime() - 3 * DAY));
          const to = fmt(new Date(toDate(transition).getTime() + 3 * DAY));
          const dates = occurrenceDates("FREQ=DAILY", "2020-01-01", from, to, NO_HOLIDAYS, "NONE");
          expect(dates).toHaveLength(7);
          const instants = dates.map((d) => localInstant(d, due, zone));
          expect(new Set(instants.map((i) => i.getTime())).size).toBe(7);
          for (let i = 0; i < dates.length; i++) {
            const local = localParts(instants[i]!, zone);
            expect(local.date).toBe(dates[i]);
            expect(localDateOf(instants[i]!, zone)).toBe(dates[i]);
            if (local.time !== due) {
              // Only a time inside the spring-forward gap may move, and only forward, by under 2 hours.
              expect(dates[i]).toBe(transition);
              expect(local.time > due).toBe(true);
            }
            if (i > 0) expect(instants[i]!.getTime()).toBeGreaterThan(instants[i - 1]!.getTime());
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("moves a due time inside the gap forward and takes the first of a repeated hour", () => {
    expect(localInstant("2026-03-08", "02:30", "America/New_York").toISOString()).toBe("2026-03-08T07:30:00.000Z"); // 03:30 EDT
    expect(localInstant("2026-11-01", "01:30", "America/New_York").toISOString()).toBe("2026-11-01T05:30:00.000Z"); // first 01:30, EDT
    expect(localInstant("2026-03-29", "01:30", "Europe/London").toISOString()).toBe("2026-03-29T01:30:00.000Z"); // 02:30 BST
    expect(localInstant("2026-10-04", "02:15", "Australia/Sydney").toISOString()).toBe("2026-10-03T16:15:00.000Z"); // 03:15 AEDT
    expect(localInstant("2026-04-05", "02:30", "Australia/Sydney").toISOString()).toBe("2026-04-04T15:30:00.000Z"); // first 02:30, AEDT
  });
});

describe("rule validation", () => {
  it("refuses sub-daily and unknown rules with a clear message", () => {
    for (const [rule, message] of [
      ["FREQ=HOURLY", /FREQ=HOURLY is not supported/],
      ["FREQ=DAILY;BYHOUR=1,2,3", /BYHOUR is not supported: schedules recur on whole days/],
      ["FREQ=MINUTELY;INTERVAL=1", /not supported/],
      ["BYDAY=MO", /needs a FREQ/],
      ["FREQ=DAILY;INTERVAL=0", /INTERVAL must be/],
      ["FREQ=DAILY;FREQ=WEEKLY", /appears twice/],
      ["", /empty/],
      ["FREQ", /not a rule part/],
    ] as const) {
      expect(() => parseRRule(rule), rule).toThrow(message);
    }
  });

  it("refuses a rule that never produces an occurrence", () => {
    expect(() => assertProducesOccurrences("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "2026-01-01", NO_HOLIDAYS, "NONE")).toThrow(RuleError);
    expect(() => assertProducesOccurrences("FREQ=DAILY;COUNT=0", "2026-01-01", NO_HOLIDAYS, "NONE")).toThrow();
    expect(() => assertProducesOccurrences("FREQ=MONTHLY;BYMONTHDAY=31", "2026-01-01", NO_HOLIDAYS, "NONE")).not.toThrow();
  });

  it("previews the next ten occurrences", () => {
    expect(nextOccurrences("FREQ=MONTHLY;BYDAY=1MO", "2026-01-01", "2026-11-24", 10, NO_HOLIDAYS, "NONE")).toEqual([
      "2026-12-07", "2027-01-04", "2027-02-01", "2027-03-01", "2027-04-05", "2027-05-03", "2027-06-07", "2027-07-05", "2027-08-02", "2027-09-06",
    ]);
  });
});

describe("UNTIL", () => {
  it("refuses a date-time without Z (floating) with a sentence that shows both ways to write it, where the engine used to throw", () => {
    const message = "UNTIL=20270120T235959 has a time but no time zone. Give the last date (UNTIL=20270120) or the time in UTC, ending in Z (UNTIL=20270120T235959Z).";
    expect(() => occurrenceDates("FREQ=DAILY;UNTIL=20270120T235959", "2027-01-01", "2027-01-01", "2027-01-31", NO_HOLIDAYS, "NONE")).toThrow(new RuleError(message));
    expect(() => assertProducesOccurrences("FREQ=DAILY;UNTIL=20270120T235959", "2027-01-01", NO_HOLIDAYS, "NONE")).toThrow(RuleError);
    expect(ruleProblem("FREQ=DAILY;UNTIL=20270120T235959")).toBe(message);
  });

  it("keeps a run due at UNTIL or before it and drops one due after it, taking the due time in the schedule's zone", () => {
    const dates = (rule: string, dueTime: string, timeZone: string) =>
      occurrenceDates(rule, "2027-01-15", "2027-01-15", "2027-01-31", NO_HOLIDAYS, "NONE", { dueTime, timeZone });
    const through = (last: string) => datesFrom("2027-01-15", last);
    // 09:00 UTC on 20 January is UNTIL itself: that run is kept; one minute later it is not.
    expect(dates("FREQ=DAILY;UNTIL=20270120T090000Z", "09:00", "UTC")).toEqual(through("2027-01-20"));
    expect(dates("FREQ=DAILY;UNTIL=20270120T090000Z", "09:01", "UTC")).toEqual(through("2027-01-19"));
    // 22:59:59 in New York on 20 January (03:59:59 UTC on the 21st): a run due at 22:00 there is
    // kept, one due at 23:00 is not, and nothing on the 21st is.
    expect(dates("FREQ=DAILY;UNTIL=20270121T035959Z", "22:00", "America/New_York")).toEqual(through("2027-01-20"));
    expect(dates("FREQ=DAILY;UNTIL=20270121T035959Z", "23:00", "America/New_York")).toEqual(through("2027-01-19"));
    // 11:00 UTC on 20 January is 00:00 on the 21st in Auckland (summer time, +13): a run due at
    // midnight there is due exactly then, and kept.
    expect(dates("FREQ=DAILY;UNTIL=20270120T110000Z", "00:00", "Pacific/Auckland")).toEqual(through("2027-01-21"));
    expect(dates("FREQ=DAILY;UNTIL=20270120T110000Z", "00:01", "Pacific/Auckland")).toEqual(through("2027-01-20"));
  });

  it("as a date keeps every run on that date, whatever its due time", () => {
    for (const dueTime of ["00:00", "12:00", "23:59"]) {
      expect(occurrenceDates("FREQ=DAILY;UNTIL=20270120", "2027-01-15", "2027-01-15", "2027-01-31", NO_HOLIDAYS, "NONE", { dueTime, timeZone: "Pacific/Kiritimati" })).toEqual(
        datesFrom("2027-01-15", "2027-01-20"),
      );
    }
  });

  it("ends the rule, not the moved runs: a date after UNTIL moved back to a business day is not a run", () => {
    // The last weekday of January 2027 is Friday the 29th, a holiday here; UNTIL is the 28th.
    const calendar = { businessDays: [1, 2, 3, 4, 5], holidays: new Set(["2027-01-29"]) };
    const rule = "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;UNTIL=20270128";
    expect(occurrenceDates(rule, "2026-12-01", "2026-12-01", "2027-02-28", calendar, "PREVIOUS_BUSINESS_DAY", { dueTime: "09:00", timeZone: "UTC" })).toEqual(["2026-12-31"]);
  });
});

describe("combinations the engine gets wrong are refused (decision 021)", () => {
  it("refuses a numbered weekday beside BYMONTHDAY, which the engine answered on the wrong dates", () => {
    // The engine gave 8 January 2027 for this rule: the second Friday of the year, not on the 9th.
    const message = "A numbered weekday (2FR) cannot be combined with BYMONTHDAY. For the second Friday write BYDAY=2FR alone; for a Friday from the 8th to the 14th write BYDAY=FR;BYMONTHDAY=8,9,10,11,12,13,14.";
    expect(() => occurrenceDates("FREQ=YEARLY;BYDAY=2FR;BYMONTHDAY=9", "2026-01-01", "2026-01-01", "2027-12-31", NO_HOLIDAYS, "NONE")).toThrow(new RuleError(message));
    expect(ruleProblem("FREQ=YEARLY;BYDAY=2FR;BYMONTHDAY=9")).toBe(message);
    expect(ruleProblem("FREQ=MONTHLY;BYDAY=-1FR;BYMONTHDAY=-1,-2,-3")).toBe(message.replace("(2FR)", "(-1FR)"));
  });

  it("gives the dates its message suggests instead", () => {
    expect(occurrenceDates("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=8,9,10,11,12,13,14", "2026-01-01", "2026-01-01", "2026-04-30", NO_HOLIDAYS, "NONE")).toEqual([
      "2026-01-09", "2026-02-13", "2026-03-13", "2026-04-10",
    ]);
  });

  it("still accepts the rules operations teams write most", () => {
    for (const rule of [
      "FREQ=MONTHLY;BYDAY=2FR",
      "FREQ=MONTHLY;BYDAY=-1MO",
      "FREQ=MONTHLY;BYDAY=1TU,3TU",
      "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
      "FREQ=MONTHLY;BYMONTHDAY=28,29,30,31;BYSETPOS=-1",
      "FREQ=YEARLY;BYMONTH=12;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
      "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=MO;UNTIL=20271231T170000Z",
      "FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;COUNT=10",
    ]) {
      expect(ruleProblem(rule), rule).toBeNull();
    }
  });
});

function datesFrom(first: string, last: string): string[] {
  return eachDay(first, last).map(fmt);
}
