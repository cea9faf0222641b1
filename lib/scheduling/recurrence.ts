// Recurrence of schedules: pure functions, no I/O.
//
// A schedule's rule is an RFC 5545 RRULE evaluated on calendar dates: operations tasks recur on
// days, and the time of day is the schedule's due time. Dates are computed first, in a floating
// calendar (time-zone free, so no occurrence can fall into a DST gap or be doubled by a DST
// overlap), then each date gets its due instant in the schedule's time zone. A due time that does
// not exist on a DST-change day (02:30 when clocks jump from 02:00 to 03:00) moves forward by the
// gap (03:30); one that exists twice (01:30 when clocks fall back) takes the first.
//
// The engine (rrule-temporal) is given only rules it evaluates correctly: parseRRule refuses, with
// a sentence, the combinations where it disagrees with an independent implementation of RFC 5545
// (decision 021, tests/unit/recurrence-oracle.test.ts). UNTIL is never given to it: the dates are
// cut here, a date-time UNTIL against each date's due instant in the schedule's zone.
import { RRuleTemporal } from "rrule-temporal";
import { addDays, isLocalDate, isoWeekday, localInstant, type LocalDate } from "@/lib/time/dates";

export const HOLIDAY_POLICIES = ["NONE", "SKIP", "PREVIOUS_BUSINESS_DAY"] as const;
export type HolidayPolicy = (typeof HOLIDAY_POLICIES)[number];

export interface WorkCalendar {
  /** ISO weekday numbers (1 = Monday … 7 = Sunday) the organisation works. */
  businessDays: readonly number[];
  /** Local dates that are holidays. */
  holidays: ReadonlySet<LocalDate>;
}

export const WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];
export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

const FREQUENCIES = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"] as const;
export type Frequency = (typeof FREQUENCIES)[number];
const ALLOWED_PARTS = new Set(["FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST", "COUNT", "UNTIL"]);

export class RuleError extends Error {}

/** A weekday in BYDAY, with its number (2FR: the second Friday) or without (FR: every Friday). */
export interface RuleWeekday {
  ordinal: number | null;
  weekday: WeekdayCode;
}

/**
 * A rule's end: a date (runs on that date or before it), or a UTC instant (runs due at that instant
 * or before it, the due time taken in the schedule's zone).
 */
export type RuleUntil = { date: LocalDate } | { instant: Date };

/** A rule the portal accepts, read into its parts (absent lists are empty). */
export interface ParsedRule {
  freq: Frequency;
  interval: number;
  byDay: RuleWeekday[];
  byMonthDay: number[];
  byMonth: number[];
  bySetPos: number[];
  wkst: WeekdayCode | null;
  count: number | null;
  until: RuleUntil | null;
}

/** When the runs of a schedule fall due on each of its dates: its due time (HH:MM) in its zone. */
export interface DueTime {
  dueTime: string;
  timeZone: string;
}

const WEEKDAY_TOKEN = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const MONTH_DAY = /^[+-]?(?:[1-9]|[12]\d|3[01])$/;
const MONTH = /^(?:[1-9]|1[0-2])$/;
const SET_POSITION = /^[+-]?(?:[1-9]\d?|[12]\d\d|3[0-5]\d|36[0-6])$/;
const UNTIL_VALUE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/;

/** The values of one part, or a RuleError naming the part and what it takes. */
function listOf<T>(name: string, value: string, read: (item: string) => T | null, takes: string): T[] {
  const out: T[] = [];
  for (const item of value.split(",")) {
    const parsed = read(item);
    if (parsed === null) throw new RuleError(`${name}=${value} is not valid: ${takes}`);
    out.push(parsed);
  }
  return out;
}

function readWeekday(item: string): RuleWeekday | null {
  const m = WEEKDAY_TOKEN.exec(item);
  if (!m) return null;
  const ordinal = m[1] === undefined ? null : Number(m[1]);
  if (ordinal !== null && (ordinal === 0 || Math.abs(ordinal) > 53)) return null;
  return { ordinal, weekday: m[2] as WeekdayCode };
}

function readUntil(value: string): RuleUntil {
  const m = UNTIL_VALUE.exec(value);
  const takes =
    `UNTIL=${value} is not valid: give the last date as YYYYMMDD (UNTIL=20271231), ` + "or a time in UTC as YYYYMMDDTHHMMSSZ (UNTIL=20271231T170000Z).";
  if (!m) throw new RuleError(takes);
  const [, year, month, day, hour, minute, second, zulu] = m;
  const date = `${year}-${month}-${day}`;
  if (!isLocalDate(date)) throw new RuleError(takes);
  if (hour === undefined) return { date };
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) throw new RuleError(takes);
  if (zulu !== "Z") {
    // A time without Z is "floating": RFC 5545 leaves its zone to the reader, and a schedule's zone
    // can change (it follows the organisation's). The portal asks which was meant instead.
    throw new RuleError(
      `UNTIL=${value} has a time but no time zone. Give the last date (UNTIL=${year}${month}${day}) ` +
        `or the time in UTC, ending in Z (UNTIL=${value}Z).`,
    );
  }
  return { instant: new Date(`${date}T${hour}:${minute}:${second}Z`) };
}

/**
 * Reads an RRULE value into its parts, refusing anything the portal does not evaluate correctly:
 * sub-daily rules, malformed values, and the combinations listed in decision 021, which the
 * recurrence engine gets wrong, RFC 5545 forbids, or which mean nothing. The messages say what to
 * write instead.
 */
export function parseRRule(rrule: string): ParsedRule {
  const text = rrule.trim().replace(/^RRULE:/i, "");
  if (text.length === 0 || text.length > 300) throw new RuleError("The recurrence rule is empty or too long.");
  const parts = new Map<string, string>();
  for (const part of text.split(";")) {
    const [key, value, extra] = part.split("=");
    if (!key || value === undefined || extra !== undefined || value === "") throw new RuleError(`"${part}" is not a rule part.`);
    const name = key.toUpperCase();
    if (!ALLOWED_PARTS.has(name)) {
      throw new RuleError(`${name} is not supported: schedules recur on whole days (no hours, minutes or seconds).`);
    }
    if (parts.has(name)) throw new RuleError(`${name} appears twice.`);
    parts.set(name, value.toUpperCase());
  }
  const freq = parts.get("FREQ");
  if (!freq) throw new RuleError("The rule needs a FREQ.");
  if (!(FREQUENCIES as readonly string[]).includes(freq)) throw new RuleError(`FREQ=${freq} is not supported: use DAILY, WEEKLY, MONTHLY or YEARLY.`);
  const interval = parts.get("INTERVAL");
  if (interval !== undefined && (!/^\d{1,3}$/.test(interval) || Number(interval) < 1 || Number(interval) > 520)) {
    throw new RuleError("INTERVAL must be a whole number from 1 to 520.");
  }

  const value = (name: string) => parts.get(name);
  const rule: ParsedRule = {
    freq: freq as Frequency,
    interval: interval === undefined ? 1 : Number(interval),
    byDay: value("BYDAY") === undefined ? [] : listOf("BYDAY", value("BYDAY")!, readWeekday, "list weekdays as MO, TU, WE, TH, FR, SA or SU, each numbered or not (2FR is the second Friday, -1FR the last)."),
    byMonthDay: value("BYMONTHDAY") === undefined ? [] : listOf("BYMONTHDAY", value("BYMONTHDAY")!, (d) => (MONTH_DAY.test(d) ? Number(d) : null), "days of the month are 1 to 31, or -1 to -31 counted back from the month's last day."),
    byMonth: value("BYMONTH") === undefined ? [] : listOf("BYMONTH", value("BYMONTH")!, (m) => (MONTH.test(m) ? Number(m) : null), "months are 1 to 12."),
    bySetPos: value("BYSETPOS") === undefined ? [] : listOf("BYSETPOS", value("BYSETPOS")!, (p) => (SET_POSITION.test(p) ? Number(p) : null), "positions are 1 to 366, or -1 to -366 counted back from the last."),
    wkst: null,
    count: null,
    until: null,
  };
  const wkst = value("WKST");
  if (wkst !== undefined) {
    if (!(WEEKDAY_CODES as readonly string[]).includes(wkst)) throw new RuleError(`WKST=${wkst} is not valid: the week starts on MO, TU, WE, TH, FR, SA or SU.`);
    rule.wkst = wkst as WeekdayCode;
  }
  const count = value("COUNT");
  if (count !== undefined) {
    if (!/^[1-9]\d{0,5}$/.test(count)) throw new RuleError(`COUNT=${count} is not valid: the number of occurrences is a whole number from 1 to 999999.`);
    rule.count = Number(count);
  }
  const until = value("UNTIL");
  if (until !== undefined) rule.until = readUntil(until);
  refuseCombinations(rule, value("BYDAY") ?? "");
  return rule;
}

/**
 * The combinations the portal refuses although each part is well formed (decision 021). Each was
 * found by comparing the engine with an independent implementation over the whole grammar, or is
 * forbidden by RFC 5545, or selects nothing.
 */
function refuseCombinations(rule: ParsedRule, byDayText: string): void {
  if (rule.count !== null && rule.until !== null) throw new RuleError("Use COUNT or UNTIL, not both: a rule has one end.");
  const numbered = rule.byDay.filter((d) => d.ordinal !== null);
  const first = numbered[0];
  if (first) {
    const token = `${first.ordinal}${first.weekday}`;
    if (rule.freq === "DAILY" || rule.freq === "WEEKLY") {
      throw new RuleError(`A numbered weekday (${token}) needs FREQ=MONTHLY or FREQ=YEARLY; in a ${rule.freq.toLowerCase()} rule write the weekday alone (${first.weekday}).`);
    }
    if (numbered.length !== rule.byDay.length) {
      throw new RuleError(`BYDAY=${byDayText} mixes numbered and plain weekdays: use one kind in a rule (BYDAY=1MO,3MO or BYDAY=MO,WE).`);
    }
    if (rule.byMonthDay.length > 0) {
      throw new RuleError(
        `A numbered weekday (${token}) cannot be combined with BYMONTHDAY. For the second Friday write BYDAY=2FR alone; ` +
          "for a Friday from the 8th to the 14th write BYDAY=FR;BYMONTHDAY=8,9,10,11,12,13,14.",
      );
    }
    const withinMonth = rule.freq === "MONTHLY" || rule.byMonth.length > 0;
    const beyond = numbered.find((d) => withinMonth && Math.abs(d.ordinal!) > 5);
    if (beyond) {
      throw new RuleError(`${beyond.ordinal}${beyond.weekday} cannot occur: within a month a weekday is numbered 1 to 5, or -1 to -5 counted from the end.`);
    }
    // Most years have 52 of a weekday; for a year with 52 the engine puts a 53rd in the next year.
    const fiftyThird = numbered.find((d) => Math.abs(d.ordinal!) === 53);
    if (fiftyThird) {
      throw new RuleError(`${fiftyThird.ordinal}${fiftyThird.weekday} is not supported: in a yearly rule a weekday is numbered 1 to 52, or -1 to -52 counted from the end of the year.`);
    }
  }
  if (rule.freq === "WEEKLY" && rule.byMonthDay.length > 0) {
    throw new RuleError("BYMONTHDAY cannot be used with FREQ=WEEKLY: use FREQ=MONTHLY (or FREQ=DAILY) with BYMONTHDAY.");
  }
  if (rule.bySetPos.length > 0) {
    if (rule.freq === "DAILY") throw new RuleError("BYSETPOS needs FREQ=WEEKLY, MONTHLY or YEARLY: it picks among the days of each week, month or year.");
    if (rule.byDay.length === 0 && rule.byMonthDay.length === 0) {
      throw new RuleError("BYSETPOS picks among the days that BYDAY or BYMONTHDAY give: add one of them (BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1 is the last weekday).");
    }
    const most = rule.freq === "WEEKLY" ? 7 : rule.freq === "MONTHLY" ? 31 : 366;
    const beyond = rule.bySetPos.find((p) => Math.abs(p) > most);
    if (beyond !== undefined) {
      throw new RuleError(`BYSETPOS=${beyond} cannot occur: a ${rule.freq === "WEEKLY" ? "week has 7 days" : "month has at most 31 days"}.`);
    }
  }
}

/** Why the portal refuses a rule, in a sentence, or null when it accepts it. */
export function ruleProblem(rrule: string): string | null {
  try {
    parseRRule(rrule);
    return null;
  } catch (error) {
    if (error instanceof RuleError) return error.message;
    throw error;
  }
}

/** The rule as the engine is given it: every part but UNTIL, which is applied afterwards (below). */
function engineRule(rule: ParsedRule): string {
  const parts = [`FREQ=${rule.freq}`, `INTERVAL=${rule.interval}`];
  if (rule.byDay.length) parts.push(`BYDAY=${rule.byDay.map((d) => `${d.ordinal ?? ""}${d.weekday}`).join(",")}`);
  if (rule.byMonthDay.length) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(",")}`);
  if (rule.byMonth.length) parts.push(`BYMONTH=${rule.byMonth.join(",")}`);
  if (rule.bySetPos.length) parts.push(`BYSETPOS=${rule.bySetPos.join(",")}`);
  if (rule.wkst) parts.push(`WKST=${rule.wkst}`);
  if (rule.count !== null) parts.push(`COUNT=${rule.count}`);
  return parts.join(";");
}

/**
 * Whether a date of the rule is within its UNTIL. A date-time UNTIL is compared with the date's
 * due instant in the schedule's zone. Without the due time (a caller that does not pass it) the
 * date is taken as due at 00:00 UTC, which reads UNTIL as its UTC date.
 */
function withinUntil(date: LocalDate, until: RuleUntil, due: DueTime | undefined): boolean {
  if ("date" in until) return date <= until.date;
  const dueAt = due ? localInstant(date, due.dueTime, due.timeZone) : new Date(`${date}T00:00:00Z`);
  return dueAt.getTime() <= until.instant.getTime();
}

function toCompact(date: LocalDate): string {
  return date.replaceAll("-", "");
}

export function isBusinessDay(date: LocalDate, calendar: WorkCalendar): boolean {
  return calendar.businessDays.includes(isoWeekday(date)) && !calendar.holidays.has(date);
}

/** The dates the bare rule produces in [from, to], on or after the anchor, before holidays are applied. */
function ruleDates(rrule: string, anchor: LocalDate, from: LocalDate, to: LocalDate, due: DueTime | undefined): LocalDate[] {
  const rule = parseRRule(rrule);
  let dates: LocalDate[];
  try {
    const engine = new RRuleTemporal({ rruleString: `DTSTART;TZID=UTC:${toCompact(anchor)}T120000\nRRULE:${engineRule(rule)}`, maxIterations: 100_000 });
    dates = engine.between(new Date(`${from}T00:00:00Z`), new Date(`${to}T23:59:59Z`), true).map((d) => d.toPlainDate().toString());
  } catch {
    // Every rule that reaches here passed parseRRule; a failure is the engine's, and is reported as
    // a refused rule rather than an unexplained server error.
    throw new RuleError("This rule cannot be evaluated. Simplify it, or write it as one of the rule kinds above.");
  }
  const until = rule.until;
  return dates.filter((d) => d >= anchor && (until === null || withinUntil(d, until, due)));
}

/**
 * The local dates a schedule falls on within [from, to] (inclusive), in order, each once.
 * SKIP drops holidays; PREVIOUS_BUSINESS_DAY moves a date that is not a business day back to the
 * nearest business day before it (as "last business day of the month" needs when that day is a
 * holiday). `due` is the schedule's due time and zone, against which a date-time UNTIL is compared;
 * every caller that has a schedule should pass it.
 */
export function occurrenceDates(
  rrule: string,
  anchor: LocalDate,
  from: LocalDate,
  to: LocalDate,
  calendar: WorkCalendar,
  policy: HolidayPolicy,
  due?: DueTime,
): LocalDate[] {
  if (from > to) return [];
  if (policy === "NONE") return ruleDates(rrule, anchor, from, to, due);
  if (policy === "SKIP") return ruleDates(rrule, anchor, from, to, due).filter((d) => !calendar.holidays.has(d));
  if (calendar.businessDays.length === 0) throw new RuleError("The organisation has no business days.");
  // A date after `to` can move back into the window: look a little further ahead.
  const raw = ruleDates(rrule, anchor, from, addDays(to, 40), due);
  const out: LocalDate[] = [];
  for (const date of raw) {
    let moved = date;
    for (let i = 0; i < 60 && !isBusinessDay(moved, calendar); i++) moved = addDays(moved, -1);
    if (!isBusinessDay(moved, calendar)) continue;
    if (moved < from || moved > to || moved < anchor) continue;
    if (out.at(-1) !== moved) out.push(moved);
  }
  return out;
}

/** The next `count` occurrence dates on or after `from`, looking at most `horizonDays` ahead. */
export function nextOccurrences(
  rrule: string,
  anchor: LocalDate,
  from: LocalDate,
  count: number,
  calendar: WorkCalendar,
  policy: HolidayPolicy,
  horizonDays = 3 * 366,
  due?: DueTime,
): LocalDate[] {
  const out: LocalDate[] = [];
  let start = from;
  // Walk in slices so a frequent rule does not compute years of dates.
  for (let covered = 0; covered < horizonDays && out.length < count; covered += 120) {
    const end = addDays(start, 119);
    out.push(...occurrenceDates(rrule, anchor, start, end, calendar, policy, due));
    start = addDays(end, 1);
  }
  return out.slice(0, count);
}

/** Refuses rules that can never produce a run (within three years). */
export function assertProducesOccurrences(rrule: string, anchor: LocalDate, calendar: WorkCalendar, policy: HolidayPolicy, due?: DueTime): void {
  if (nextOccurrences(rrule, anchor, anchor, 1, calendar, policy, undefined, due).length === 0) {
    throw new RuleError("This rule produces no occurrence in the next three years.");
  }
}
