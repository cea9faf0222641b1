import { describe, expect, it } from "vitest";
import { guideSteps, guideVisible, parseConfirmed, withConfirmed, type GuideFacts } from "@/lib/guide/steps";
import { newHireSelection } from "@/lib/training/new-hires";

const AT = new Date("2026-12-09T07:00:00Z");

/** A portal just after setup: demo servers in service, one user, nothing confirmed. */
function fresh(over: Partial<GuideFacts> = {}): GuideFacts {
  return {
    confirmed: {},
    settingsSavedAt: null,
    calendarChangedAt: null,
    servers: { activeDemo: 7, demo: 7, activeOwn: 0, firstOwnAt: null, demoRetiredAt: null },
    users: { count: 1, secondAt: null },
    readingList: { entries: 0 },
    dismissedAt: null,
    ...over,
  };
}

const doneOf = (facts: GuideFacts) => Object.fromEntries(guideSteps(facts).map((s) => [s.step, s.done]));

describe("first-run guide steps", () => {
  it("lists the five steps in order, none done on a fresh portal, each linking where it is done", () => {
    const steps = guideSteps(fresh());
    expect(steps.map((s) => [s.step, s.href, s.done])).toEqual([
      ["organisation", "/admin/settings", false],
      ["calendar", "/admin/settings", false],
      ["servers", "/admin/servers", false],
      ["users", "/admin/users", false],
      ["readingList", "/training/matrix?view=lists&role=VIEWER", false],
    ]);
    expect(steps.filter((s) => s.confirmable).map((s) => s.step)).toEqual(["organisation", "calendar"]);
    expect(steps[2]!.todo).toContain("retire the 7 demo servers");
    expect(guideVisible(fresh())).toBe(true);
  });

  it("marks the settings steps done by a save of the form or by a confirmation, whichever came first", () => {
    const saved = new Date("2026-12-09T08:00:00Z");
    const steps = guideSteps(fresh({ settingsSavedAt: saved, confirmed: { organisation: AT } }));
    expect(steps[0]).toMatchObject({ done: true, doneAt: AT });
    expect(guideSteps(fresh({ settingsSavedAt: saved }))[0]).toMatchObject({ done: true, doneAt: saved });
    expect(guideSteps(fresh({ calendarChangedAt: saved }))[1]).toMatchObject({ done: true, doneAt: saved });
    // Saving the settings form does not confirm the holidays, which live elsewhere on the page.
    expect(doneOf(fresh({ settingsSavedAt: saved })).calendar).toBe(false);
  });

  it("counts servers done with an own server in service, or with every demo server retired, never on an empty inventory", () => {
    const own = { activeDemo: 7, demo: 7, activeOwn: 1, firstOwnAt: AT, demoRetiredAt: null };
    expect(guideSteps(fresh({ servers: own }))[2]).toMatchObject({ done: true, doneAt: AT });
    expect(guideSteps(fresh({ servers: own }))[2]!.doneText).toContain("7 demo servers are still in service");
    expect(doneOf(fresh({ servers: { activeDemo: 0, demo: 7, activeOwn: 0, firstOwnAt: null, demoRetiredAt: AT } })).servers).toBe(true);
    expect(doneOf(fresh({ servers: { activeDemo: 0, demo: 0, activeOwn: 0, firstOwnAt: null, demoRetiredAt: null } })).servers).toBe(false);
    expect(doneOf(fresh({ servers: { activeDemo: 1, demo: 7, activeOwn: 0, firstOwnAt: null, demoRetiredAt: null } })).servers).toBe(false);
  });

  it("counts users done from a second user, and the reading list from its first entry", () => {
    expect(doneOf(fresh({ users: { count: 2, secondAt: AT } })).users).toBe(true);
    expect(guideSteps(fresh({ users: { count: 2, secondAt: AT } }))[3]!.doneAt).toEqual(AT);
    expect(doneOf(fresh({ readingList: { entries: 1 } })).readingList).toBe(true);
  });

  it("hides the guide when every step is done or it was dismissed", () => {
    const allDone = fresh({
      confirmed: { organisation: AT, calendar: AT },
      servers: { activeDemo: 0, demo: 7, activeOwn: 2, firstOwnAt: AT, demoRetiredAt: AT },
      users: { count: 3, secondAt: AT },
      readingList: { entries: 19 },
    });
    expect(guideVisible(allDone)).toBe(false);
    expect(guideVisible(fresh({ dismissedAt: AT }))).toBe(false);
    expect(guideVisible({ ...allDone, readingList: { entries: 0 } })).toBe(true);
  });

  it("reads the stored confirmations defensively and keeps the first instant of each", () => {
    expect(parseConfirmed('{"organisation":"2026-12-09T07:00:00.000Z","calendar":"not a date","servers":5,"__proto__":"x"}')).toEqual({ organisation: AT });
    for (const broken of ["", "null", "[]", "{", '"x"', undefined, null]) expect(parseConfirmed(broken)).toEqual({});
    const once = withConfirmed("{}", "calendar", AT);
    expect(JSON.parse(once)).toEqual({ calendar: AT.toISOString() });
    const twice = withConfirmed(once, "calendar", new Date("2027-01-01T00:00:00Z"));
    expect(JSON.parse(twice)).toEqual({ calendar: AT.toISOString() });
    expect(JSON.parse(withConfirmed(twice, "organisation", AT))).toEqual({ organisation: AT.toISOString(), calendar: AT.toISOString() });
  });
});

describe("the new hires' default reading list", () => {
  it("takes every daily procedure, the recovery procedures A3, A7 and A8 and the MOF reading page A11, nothing else", () => {
    const library = [
      { code: "D1", cadence: "DAILY" },
      { code: null, cadence: "DAILY" },
      { code: "W1", cadence: "WEEKLY" },
      { code: "M3", cadence: "MONTHLY" },
      ...["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11"].map((code) => ({ code, cadence: "AS_NEEDED" })),
    ];
    expect(newHireSelection(library).map((p) => p.code)).toEqual(["D1", null, "A3", "A7", "A8", "A11"]);
  });
});
