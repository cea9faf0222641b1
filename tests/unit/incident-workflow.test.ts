import { describe, expect, it } from "vitest";
import {
  ACTION_PERMISSIONS,
  availableSteps,
  decide,
  durationMinutes,
  formatDuration,
  INCIDENT_ACTIONS,
  INCIDENT_STATUSES,
  RESOLUTION_NEEDED,
  summariseDurations,
  WORKFLOW,
  type IncidentAction,
  type IncidentStatus,
} from "@/lib/incidents/workflow";

/**
 * The expected workflow, written out independently of lib/incidents/workflow.ts: for every status
 * and every action, the next status or the exact refusal. Changing the workflow means changing
 * this table too, on purpose.
 */
const EXPECTED: Record<IncidentStatus, Record<IncidentAction, IncidentStatus | string>> = {
  OPEN: {
    investigate: "INVESTIGATING",
    resolve: "RESOLVED",
    reopen: "This incident is still open; only a resolved incident can be reopened.",
    close: "Resolve the incident before closing it: it is still open and has no resolution yet.",
    add_update: "OPEN",
    edit: "OPEN",
    link_problem: "OPEN",
  },
  INVESTIGATING: {
    investigate: "This incident is already being investigated.",
    resolve: "RESOLVED",
    reopen: "This incident is being investigated; only a resolved incident can be reopened.",
    close: "Resolve the incident before closing it: it is still being investigated and has no resolution yet.",
    add_update: "INVESTIGATING",
    edit: "INVESTIGATING",
    link_problem: "INVESTIGATING",
  },
  RESOLVED: {
    investigate: "This incident is resolved. Reopen it if the fault has come back.",
    resolve: "This incident is already resolved.",
    reopen: "OPEN",
    close: "CLOSED",
    add_update: "RESOLVED",
    edit: "RESOLVED",
    link_problem: "RESOLVED",
  },
  CLOSED: {
    investigate: "This incident is closed. If the fault has come back, open a new incident and link both to a problem.",
    resolve: "This incident is already closed.",
    reopen: "A closed incident cannot be reopened. Open a new incident and link both to a problem.",
    close: "This incident is already closed.",
    add_update: "This incident is closed; its record can no longer be changed.",
    edit: "This incident is closed; its record can no longer be changed.",
    link_problem: "CLOSED",
  },
};

const isStatus = (v: string): v is IncidentStatus => (INCIDENT_STATUSES as readonly string[]).includes(v);
const WITH_RESOLUTION = { resolution: "Restarted the Microsoft Exchange Transport service; the queue drained." };

describe("the incident workflow", () => {
  it("covers exactly four statuses and seven actions", () => {
    expect([...INCIDENT_STATUSES]).toEqual(["OPEN", "INVESTIGATING", "RESOLVED", "CLOSED"]);
    expect([...INCIDENT_ACTIONS]).toEqual(["investigate", "resolve", "reopen", "close", "add_update", "edit", "link_problem"]);
    expect(Object.keys(WORKFLOW)).toEqual([...INCIDENT_STATUSES]);
    for (const status of INCIDENT_STATUSES) expect(Object.keys(WORKFLOW[status]).sort()).toEqual([...INCIDENT_ACTIONS].sort());
  });

  for (const status of INCIDENT_STATUSES) {
    for (const action of INCIDENT_ACTIONS) {
      const expected = EXPECTED[status][action];
      it(`${status} × ${action}: ${isStatus(expected) ? `allowed, → ${expected}` : "refused"}`, () => {
        const decision = decide(status, action, WITH_RESOLUTION);
        expect(decision).toEqual(isStatus(expected) ? { ok: true, to: expected } : { ok: false, message: expected });
      });
    }
  }

  it("needs a resolution to resolve, to close, and to keep a resolved incident resolved, whatever else is allowed", () => {
    for (const status of INCIDENT_STATUSES) {
      for (const action of INCIDENT_ACTIONS) {
        const withText = decide(status, action, WITH_RESOLUTION);
        for (const blank of ["", "   \n "]) {
          const without = decide(status, action, { resolution: blank });
          if (!withText.ok) {
            // A refused step stays refused with the same message: the workflow speaks first.
            expect(without, `${status} × ${action}`).toEqual(withText);
          } else if (action === "resolve") {
            expect(without).toEqual({ ok: false, message: RESOLUTION_NEEDED.resolve, field: "resolution" });
          } else if (action === "close") {
            expect(without).toEqual({ ok: false, message: RESOLUTION_NEEDED.close, field: "resolution" });
          } else if (action === "edit" && status === "RESOLVED") {
            expect(without).toEqual({ ok: false, message: RESOLUTION_NEEDED.edit, field: "resolution" });
          } else {
            expect(without, `${status} × ${action}`).toEqual(withText);
          }
        }
      }
    }
  });

  it("never skips a step: closing is reachable only through a resolution", () => {
    for (const status of ["OPEN", "INVESTIGATING"] as const) {
      expect(decide(status, "close", WITH_RESOLUTION).ok).toBe(false);
    }
    // Every path to CLOSED passes through RESOLVED.
    const into = (target: IncidentStatus) =>
      INCIDENT_STATUSES.filter((from) => from !== target && INCIDENT_ACTIONS.some((a) => {
        const d = decide(from, a, WITH_RESOLUTION);
        return d.ok && d.to === target;
      }));
    expect(into("CLOSED")).toEqual(["RESOLVED"]);
    expect(into("RESOLVED")).toEqual(["OPEN", "INVESTIGATING"]);
    expect(into("INVESTIGATING")).toEqual(["OPEN"]);
    expect(into("OPEN")).toEqual(["RESOLVED"]);
  });

  it("offers in the UI exactly the status steps the table allows", () => {
    expect(availableSteps("OPEN")).toEqual(["investigate", "resolve"]);
    expect(availableSteps("INVESTIGATING")).toEqual(["resolve"]);
    expect(availableSteps("RESOLVED")).toEqual(["reopen", "close"]);
    expect(availableSteps("CLOSED")).toEqual([]);
  });

  it("asks operators' incident:update permission for every action", () => {
    for (const action of INCIDENT_ACTIONS) expect(ACTION_PERMISSIONS[action], action).toBe("incident:update");
  });
});

describe("durations", () => {
  it("counts whole minutes from opening to resolution", () => {
    expect(durationMinutes(new Date("2026-11-24T08:00:00Z"), new Date("2026-11-24T10:35:59Z"))).toBe(155);
    expect(durationMinutes(new Date("2026-11-24T08:00:00Z"), new Date("2026-11-24T07:00:00Z"))).toBe(0);
  });

  it("reads naturally", () => {
    expect(formatDuration(0)).toBe("0 min");
    expect(formatDuration(45)).toBe("45 min");
    expect(formatDuration(60)).toBe("1 h");
    expect(formatDuration(185)).toBe("3 h 5 min");
    expect(formatDuration(1440)).toBe("1 d");
    expect(formatDuration(2 * 1440 + 4 * 60 + 30)).toBe("2 d 4 h");
  });

  it("summarises mean, median and longest", () => {
    expect(summariseDurations([])).toEqual({ count: 0, mean: null, median: null, longest: null });
    expect(summariseDurations([30])).toEqual({ count: 1, mean: 30, median: 30, longest: 30 });
    expect(summariseDurations([120, 30, 60])).toEqual({ count: 3, mean: 70, median: 60, longest: 120 });
    expect(summariseDurations([10, 40, 20, 1000])).toEqual({ count: 4, mean: 268, median: 30, longest: 1000 });
  });
});
