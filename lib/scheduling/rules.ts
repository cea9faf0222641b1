// The schedule rules operations work needs, as a form-friendly description, compiled to RFC 5545
// RRULEs (the stored form) and read back for editing and display. Pure functions.
import { WEEKDAY_CODES, WEEKDAY_NAMES, type HolidayPolicy } from "./recurrence";

export const RULE_KINDS = [
  "DAILY",
  "BUSINESS_DAYS",
  "WEEKLY",
  "MONTHLY_DAY",
  "MONTHLY_WEEKDAY",
  "LAST_BUSINESS_DAY",
  "QUARTERLY",
  "CUSTOM",
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  DAILY: "Every day",
  BUSINESS_DAYS: "Every business day",
  WEEKLY: "Weekly on chosen weekdays (every N weeks)",
  MONTHLY_DAY: "Monthly on day N",
  MONTHLY_WEEKDAY: "Monthly on the first … last weekday",
  LAST_BUSINESS_DAY: "Last business day of the month",
  QUARTERLY: "Quarterly on day N",
  CUSTOM: "Custom RRULE",
};

/** Kinds whose rule is built from the organisation's business days, compiled again when they change. */
export const BUSINESS_DAY_KINDS = ["BUSINESS_DAYS", "LAST_BUSINESS_DAY"] as const satisfies readonly RuleKind[];

export function followsBusinessDays(kind: string): kind is (typeof BUSINESS_DAY_KINDS)[number] {
  return (BUSINESS_DAY_KINDS as readonly string[]).includes(kind);
}

export type RuleSpec =
  | { kind: "DAILY" }
  | { kind: "BUSINESS_DAYS" }
  | { kind: "WEEKLY"; weekdays: number[]; interval: number }
  | { kind: "MONTHLY_DAY"; day: number }
  | { kind: "MONTHLY_WEEKDAY"; nth: number; weekday: number }
  | { kind: "LAST_BUSINESS_DAY" }
  | { kind: "QUARTERLY"; day: number }
  | { kind: "CUSTOM"; rrule: string; holidayPolicy: HolidayPolicy };

const code = (isoDay: number) => WEEKDAY_CODES[isoDay - 1]!;
const days = (isoDays: readonly number[]) => [...isoDays].sort((a, b) => a - b).map(code).join(",");

/** Day N of a month, clamped to the month's last day (BYMONTHDAY=28..N with BYSETPOS=-1). */
function clampedMonthDay(day: number): string {
  if (day <= 28) return `BYMONTHDAY=${day}`;
  const candidates = Array.from({ length: day - 27 }, (_, i) => 28 + i).join(",");
  return `BYMONTHDAY=${candidates};BYSETPOS=-1`;
}

export function compileRule(spec: RuleSpec, businessDays: readonly number[]): { rrule: string; holidayPolicy: HolidayPolicy } {
  switch (spec.kind) {
    case "DAILY":
      return { rrule: "FREQ=DAILY", holidayPolicy: "NONE" };
    case "BUSINESS_DAYS":
      return { rrule: `FREQ=DAILY;BYDAY=${days(businessDays)}`, holidayPolicy: "SKIP" };
    case "WEEKLY":
      return { rrule: `FREQ=WEEKLY;INTERVAL=${spec.interval};BYDAY=${days(spec.weekdays)};WKST=MO`, holidayPolicy: "NONE" };
    case "MONTHLY_DAY":
      return { rrule: `FREQ=MONTHLY;${clampedMonthDay(spec.day)}`, holidayPolicy: "NONE" };
    case "MONTHLY_WEEKDAY":
      return { rrule: `FREQ=MONTHLY;BYDAY=${spec.nth}${code(spec.weekday)}`, holidayPolicy: "NONE" };
    case "LAST_BUSINESS_DAY":
      return { rrule: `FREQ=MONTHLY;BYDAY=${days(businessDays)};BYSETPOS=-1`, holidayPolicy: "PREVIOUS_BUSINESS_DAY" };
    case "QUARTERLY":
      return { rrule: `FREQ=MONTHLY;INTERVAL=3;${clampedMonthDay(spec.day)}`, holidayPolicy: "NONE" };
    case "CUSTOM":
      return { rrule: spec.rrule.trim().replace(/^RRULE:/i, "").toUpperCase(), holidayPolicy: spec.holidayPolicy };
  }
}

function partsOf(rrule: string): Record<string, string> {
  return Object.fromEntries(rrule.split(";").map((p) => p.split("=") as [string, string]));
}

function isoDaysOf(byday: string): number[] | null {
  const out: number[] = [];
  for (const token of byday.split(",")) {
    const i = (WEEKDAY_CODES as readonly string[]).indexOf(token);
    if (i < 0) return null;
    out.push(i + 1);
  }
  return out;
}

function monthDayOf(p: Record<string, string>): number | null {
  const list = (p.BYMONTHDAY ?? "").split(",").map(Number);
  if (list.length === 1 && !p.BYSETPOS && list[0]! >= 1 && list[0]! <= 28) return list[0]!;
  if (p.BYSETPOS === "-1" && list[0] === 28 && list.every((d, i) => d === 28 + i)) return list.at(-1)!;
  return null;
}

/**
 * Reads a stored rule back into the form's terms. A schedule made as one of the business-day kinds
 * keeps that kind whatever days its rule was compiled with; any other kind is read from the rule
 * itself, and a rule the form cannot show is CUSTOM (a custom rule that happens to list today's
 * business days stays custom, and is never compiled again).
 */
export function specOf(rrule: string, holidayPolicy: HolidayPolicy, ruleKind: string): RuleSpec {
  if (followsBusinessDays(ruleKind)) return { kind: ruleKind };
  const p = partsOf(rrule);
  const keys = Object.keys(p).sort().join(",");
  const custom: RuleSpec = { kind: "CUSTOM", rrule, holidayPolicy };
  if (rrule === "FREQ=DAILY" && holidayPolicy === "NONE") return { kind: "DAILY" };
  if (p.FREQ === "WEEKLY" && keys === "BYDAY,FREQ,INTERVAL,WKST" && p.WKST === "MO" && holidayPolicy === "NONE") {
    const weekdays = isoDaysOf(p.BYDAY!);
    if (weekdays) return { kind: "WEEKLY", weekdays, interval: Number(p.INTERVAL) };
  }
  if (p.FREQ === "MONTHLY" && holidayPolicy === "NONE" && !p.INTERVAL && !p.BYDAY) {
    const day = monthDayOf(p);
    if (day) return { kind: "MONTHLY_DAY", day };
  }
  if (p.FREQ === "MONTHLY" && p.INTERVAL === "3" && holidayPolicy === "NONE" && !p.BYDAY) {
    const day = monthDayOf(p);
    if (day) return { kind: "QUARTERLY", day };
  }
  if (p.FREQ === "MONTHLY" && keys === "BYDAY,FREQ" && holidayPolicy === "NONE") {
    const m = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(p.BYDAY!);
    if (m) return { kind: "MONTHLY_WEEKDAY", nth: Number(m[1]), weekday: (WEEKDAY_CODES as readonly string[]).indexOf(m[2]!) + 1 };
  }
  return custom;
}

const ORDINALS: Record<number, string> = { 1: "first", 2: "second", 3: "third", 4: "fourth", [-1]: "last" };

function ordinalDay(day: number): string {
  const suffix = day % 10 === 1 && day !== 11 ? "st" : day % 10 === 2 && day !== 12 ? "nd" : day % 10 === 3 && day !== 13 ? "rd" : "th";
  return `${day}${suffix}`;
}

/** The rule in plain words, e.g. "Every 2 weeks on Monday and Thursday". */
export function describeRule(spec: RuleSpec): string {
  const names = (isoDays: number[]) => {
    const n = [...isoDays].sort((a, b) => a - b).map((d) => WEEKDAY_NAMES[d - 1]!);
    return n.length > 1 ? `${n.slice(0, -1).join(", ")} and ${n.at(-1)}` : (n[0] ?? "");
  };
  switch (spec.kind) {
    case "DAILY":
      return "Every day";
    case "BUSINESS_DAYS":
      return "Every business day (not on holidays)";
    case "WEEKLY":
      return `${spec.interval === 1 ? "Every week" : `Every ${spec.interval} weeks`} on ${names(spec.weekdays)}`;
    case "MONTHLY_DAY":
      return spec.day > 28 ? `Monthly on the ${ordinalDay(spec.day)} (or the month's last day)` : `Monthly on the ${ordinalDay(spec.day)}`;
    case "MONTHLY_WEEKDAY":
      return `Monthly on the ${ORDINALS[spec.nth]} ${WEEKDAY_NAMES[spec.weekday - 1]}`;
    case "LAST_BUSINESS_DAY":
      return "Last business day of the month";
    case "QUARTERLY":
      return `Every 3 months on the ${ordinalDay(spec.day)}${spec.day > 28 ? " (or the month's last day)" : ""}`;
    case "CUSTOM":
      return `Custom: ${spec.rrule}${spec.holidayPolicy === "SKIP" ? ", skipping holidays" : spec.holidayPolicy === "PREVIOUS_BUSINESS_DAY" ? ", moved back to a business day" : ""}`;
  }
}
