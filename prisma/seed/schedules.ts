// Default schedules of the seeded library: when each daily, weekly and monthly procedure recurs,
// when it is due, who does it and whether it runs once or once per matching server.
import type { RuleSpec } from "../../lib/scheduling/rules";

export interface SeedSchedule {
  /** Procedure code (D1…M6). */
  code: string;
  rule: RuleSpec;
  dueTime: string;
  graceMinutes: number;
  assigneeRole: "OPERATOR" | "MANAGER";
  /** PER_SERVER: one run per active server holding one of the procedure's Exchange roles. */
  scope: "ORGANISATION" | "PER_SERVER";
}

const daily = (code: string, scope: SeedSchedule["scope"] = "PER_SERVER"): SeedSchedule => ({
  code,
  rule: { kind: "DAILY" },
  dueTime: "10:00",
  graceMinutes: 240,
  assigneeRole: "OPERATOR",
  scope,
});

const weekly = (code: string, weekday = 1, assigneeRole: SeedSchedule["assigneeRole"] = "OPERATOR", dueTime = "16:00"): SeedSchedule => ({
  code,
  rule: { kind: "WEEKLY", weekdays: [weekday], interval: 1 },
  dueTime,
  graceMinutes: 24 * 60,
  assigneeRole,
  scope: "ORGANISATION",
});

const monthly = (code: string, rule: RuleSpec, assigneeRole: SeedSchedule["assigneeRole"] = "OPERATOR"): SeedSchedule => ({
  code,
  rule,
  dueTime: "16:00",
  graceMinutes: 3 * 24 * 60,
  assigneeRole,
  scope: "ORGANISATION",
});

export const seedSchedules: SeedSchedule[] = [
  // Daily checks: morning round, per server where the check is about each server.
  daily("D1", "ORGANISATION"), // the server room as a whole
  daily("D2", "ORGANISATION"), // the backup job covers every storage group
  daily("D3"),
  daily("D4"),
  daily("D5"), // one run per Hub Transport and Edge Transport server
  daily("D6"),
  daily("D7"),
  daily("D8"),
  daily("D9", "ORGANISATION"), // round trips between servers and to the Internet
  daily("D10"),
  daily("D11"),
  daily("D12"),
  daily("D13"),
  daily("D14"),
  daily("D15"),
  daily("D16", "ORGANISATION"), // Active Directory, not an Exchange server
  // Weekly tasks: Monday afternoon, the management reviews on their own days.
  weekly("W1"),
  weekly("W2", 3), // Wednesday, the day after Microsoft's monthly release
  weekly("W3", 1, "MANAGER"),
  weekly("W4"),
  weekly("W5", 5),
  weekly("W6", 4),
  weekly("W7", 5),
  weekly("W8", 5),
  weekly("W9", 5, "MANAGER", "11:00"),
  weekly("W10", 2),
  weekly("W11", 2),
  weekly("W12"),
  // Online maintenance is a per-server job: one run per Mailbox server, Tuesday after the weekend's passes.
  { ...weekly("W13", 2), scope: "PER_SERVER" },
  weekly("W14", 4), // Thursday: offline address book generation and distribution
  // Monthly tasks.
  monthly("M1", { kind: "MONTHLY_WEEKDAY", nth: 1, weekday: 1 }), // first Monday
  monthly("M2", { kind: "LAST_BUSINESS_DAY" }, "MANAGER"),
  monthly("M3", { kind: "MONTHLY_WEEKDAY", nth: 3, weekday: 3 }), // third Wednesday
  monthly("M4", { kind: "MONTHLY_WEEKDAY", nth: 2, weekday: 3 }), // second Wednesday, after the monthly updates
  monthly("M5", { kind: "MONTHLY_WEEKDAY", nth: 2, weekday: 4 }), // second Thursday: ExBPA after the month's updates (also after every change)
  // Certificates are per server: one run per Hub Transport, Client Access, Edge Transport and UM server.
  { ...monthly("M6", { kind: "MONTHLY_WEEKDAY", nth: 1, weekday: 2 }), scope: "PER_SERVER" }, // first Tuesday
  // The standard tool set, per server: first Thursday, so that the deployment record is fresh for the month.
  { ...monthly("M7", { kind: "MONTHLY_WEEKDAY", nth: 1, weekday: 4 }), scope: "PER_SERVER" },
];
