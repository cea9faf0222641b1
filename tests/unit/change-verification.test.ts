// Pure parts of change verification and the change calendar.
import { describe, expect, it } from "vitest";
import { daysTouched, monthGrid, runPeriod } from "@/lib/changes/calendar";
import { fromLocalInput, toLocalInput } from "@/lib/time/local";
import { planVerificationRuns, verificationProblem, verificationTimes, type VerificationRunView } from "@/lib/changes/verification";

const hub = { id: "hub", roles: ["HUB_TRANSPORT"] };
const mbx = { id: "mbx", roles: ["MAILBOX"] };
const bare = { id: "bare", roles: [] };

describe("planning verification runs", () => {
  it("runs each procedure on the affected servers it applies to", () => {
    const queues = { id: "queues", roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"] };
    const paths = { id: "paths", roles: ["MAILBOX", "HUB_TRANSPORT", "EDGE_TRANSPORT"] };
    expect(planVerificationRuns([queues, paths], [hub])).toEqual([
      { procedureId: "queues", serverId: "hub" },
      { procedureId: "paths", serverId: "hub" },
    ]);
    expect(planVerificationRuns([queues, paths], [hub, mbx])).toEqual([
      { procedureId: "queues", serverId: "hub" },
      { procedureId: "paths", serverId: "hub" },
      { procedureId: "paths", serverId: "mbx" },
    ]);
  });

  it("runs a chosen procedure that fits none of the servers on all of them", () => {
    const meeting = { id: "meeting", roles: [] };
    expect(planVerificationRuns([meeting], [hub, bare])).toEqual([
      { procedureId: "meeting", serverId: "hub" },
      { procedureId: "meeting", serverId: "bare" },
    ]);
  });
});

describe("verification times", () => {
  it("opens now, is due in four hours and late at the end of the local day", () => {
    const now = new Date("2026-11-24T10:00:00Z");
    expect(verificationTimes(now, "Europe/London")).toEqual({
      localDate: "2026-11-24",
      opensAt: now,
      dueAt: new Date("2026-11-24T14:00:00Z"),
      graceEndsAt: new Date("2026-11-25T00:00:00Z"),
    });
  });

  it("never turns late before it is due, late in the evening", () => {
    const now = new Date("2026-11-24T22:30:00Z");
    const times = verificationTimes(now, "UTC");
    expect(times.graceEndsAt).toEqual(times.dueAt);
  });
});

describe("why a change cannot be verified", () => {
  const now = new Date("2026-11-24T12:00:00Z");
  const base: VerificationRunView = {
    title: "Examine message queues",
    serverName: "EXHUB01",
    opensAt: new Date("2026-11-24T10:00:00Z"),
    dueAt: new Date("2026-11-24T14:00:00Z"),
    graceEndsAt: new Date("2026-11-25T00:00:00Z"),
    completedAt: null,
    hasExceptions: false,
    skippedAt: null,
    suppressed: false,
  };
  const done = { ...base, completedAt: new Date("2026-11-24T11:00:00Z") };
  const paths = { ...base, title: "Check message paths and mail flow" };

  it("accepts runs completed without exceptions, also when completed late", () => {
    expect(verificationProblem([done, { ...paths, completedAt: new Date("2026-11-24T15:00:00Z") }], now)).toBeNull();
  });

  it("names open, failed and skipped runs", () => {
    expect(verificationProblem([done, paths], now)).toBe(
      "The change cannot be verified yet: the verification run Check message paths and mail flow on EXHUB01 is not complete. It is verified when every verification run completes without exceptions.",
    );
    expect(verificationProblem([{ ...done, hasExceptions: true }, paths], now)).toBe(
      "The change cannot be verified: the verification run Examine message queues on EXHUB01 completed with exceptions. Put the problem right and correct the failed checks, or follow the back-out plan.",
    );
    expect(verificationProblem([done, { ...paths, skippedAt: now }], now)).toMatch(/was skipped or fall in a maintenance window/);
    expect(verificationProblem([], now)).toMatch(/no verification runs/);
  });
});

describe("change calendar arithmetic", () => {
  it("builds a Monday-to-Sunday grid around the month", () => {
    const grid = monthGrid("2026-11");
    expect(grid.first).toBe("2026-11-01");
    expect(grid.gridStart).toBe("2026-10-26");
    expect(grid.gridEnd).toBe("2026-12-06");
    expect(grid.days).toHaveLength(42);
  });

  it("lists the local days a window touches, an end at midnight not reaching the next day", () => {
    expect(daysTouched(new Date("2026-11-24T22:00:00Z"), new Date("2026-11-26T00:00:00Z"), "UTC", "2026-11-01", "2026-11-30")).toEqual(["2026-11-24", "2026-11-25"]);
    // 23:30 UTC on 24 March 2027 is already the 25th in Paris.
    expect(daysTouched(new Date("2027-03-24T23:30:00Z"), new Date("2027-03-25T01:00:00Z"), "Europe/Paris", "2027-03-01", "2027-03-31")).toEqual(["2027-03-25"]);
    expect(daysTouched(new Date("2026-10-30T10:00:00Z"), new Date("2026-11-02T10:00:00Z"), "UTC", "2026-11-01", "2026-11-30")).toEqual(["2026-11-01", "2026-11-02"]);
  });

  it("gives each run the period of its cadence ending with its day", () => {
    const grace = new Date("2026-11-24T12:00:00Z");
    expect(runPeriod({ localDate: "2026-11-24", cadence: "DAILY", graceEndsAt: grace }, "UTC")).toEqual({
      from: new Date("2026-11-24T00:00:00Z"),
      to: new Date("2026-11-25T00:00:00Z"),
      fromDate: "2026-11-24",
    });
    expect(runPeriod({ localDate: "2026-11-24", cadence: "WEEKLY", graceEndsAt: grace }, "UTC").fromDate).toBe("2026-11-18");
    expect(runPeriod({ localDate: "2026-03-31", cadence: "MONTHLY", graceEndsAt: grace }, "UTC").fromDate).toBe("2026-03-01");
    // A grace period that runs past midnight extends the period.
    const late = new Date("2026-11-25T06:00:00Z");
    expect(runPeriod({ localDate: "2026-11-24", cadence: "DAILY", graceEndsAt: late }, "UTC").to).toEqual(late);
  });

  it("converts datetime-local text in the organisation's zone both ways, across a DST change", () => {
    expect(fromLocalInput("2026-07-01T09:30", "Europe/London")).toEqual(new Date("2026-07-01T08:30:00Z"));
    expect(toLocalInput(new Date("2026-07-01T08:30:00Z"), "Europe/London")).toBe("2026-07-01T09:30");
    expect(toLocalInput(new Date("2026-12-01T08:30:00Z"), "Europe/London")).toBe("2026-12-01T08:30");
  });
});
