// Schedule changes shared by the actions: validation against the database, withdrawing the
// future runs an edit or a pause replaces, and re-planning after the organisation's calendar changed.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Invalid, NotFound } from "@/lib/actions/errors";
import { roleRank } from "@/lib/auth/roles";
import { readCalendar, type OrganisationCalendar } from "@/lib/settings/organisation";
import { addDays, localDateOf } from "@/lib/time/dates";
import { assertProducesOccurrences, occurrenceDates, RuleError, type HolidayPolicy } from "./recurrence";
import { compileRule, followsBusinessDays, BUSINESS_DAY_KINDS } from "./rules";
import { WINDOW_DAYS_AHEAD, WINDOW_DAYS_BACK } from "./generation";
import { specFromForm, type ScheduleForm } from "./schemas";
import { parseStringArray } from "@/lib/json";

export async function scheduleData(tx: Prisma.TransactionClient, form: ScheduleForm) {
  const procedure = await tx.procedure.findUnique({ where: { id: form.procedureId }, select: { id: true, archivedAt: true, currentVersionId: true } });
  if (!procedure || procedure.archivedAt || !procedure.currentVersionId) throw new Invalid("Choose a procedure from the library.", { procedureId: ["Unknown procedure."] });
  // A reading page has no checklist: its runs could never be completed and would fall missed.
  if ((await tx.checklistItem.count({ where: { versionId: procedure.currentVersionId } })) === 0) {
    throw new Invalid("That procedure has no checklist to work through, so it cannot be scheduled.", { procedureId: ["A reading page is read and acknowledged, not scheduled."] });
  }

  let assigneeRole: string | null = null;
  let assigneeUserId: string | null = null;
  if (form.assignee.startsWith("role:")) {
    assigneeRole = form.assignee.slice(5);
    if (roleRank(assigneeRole) < roleRank("OPERATOR")) throw new Invalid("Viewers cannot be assigned work.", { assignee: ["Choose operators, managers or a person."] });
  } else {
    const user = await tx.user.findUnique({ where: { id: form.assignee.slice(5) }, select: { id: true, active: true, role: true } });
    if (!user || !user.active || roleRank(user.role) < roleRank("OPERATOR")) {
      throw new Invalid("That person cannot be assigned work.", { assignee: ["Choose an active operator, manager or administrator."] });
    }
    assigneeUserId = user.id;
  }

  const calendar = await readCalendar(tx);
  const spec = specFromForm(form);
  const { rrule, holidayPolicy } = compileRule(spec, calendar.businessDays);
  try {
    assertProducesOccurrences(rrule, form.anchorDate, calendar, holidayPolicy, { dueTime: form.dueTime, timeZone: form.timeZone });
  } catch (error) {
    if (error instanceof RuleError) throw new Invalid(error.message, { [form.kind === "CUSTOM" ? "rrule" : "kind"]: [error.message] });
    throw error;
  }
  return {
    procedureId: procedure.id,
    name: form.name,
    rrule,
    holidayPolicy,
    ruleKind: spec.kind,
    timeZone: form.timeZone,
    anchorDate: form.anchorDate,
    dueTime: form.dueTime,
    graceMinutes: form.graceMinutes,
    assigneeRole,
    assigneeUserId,
    scope: form.scope,
    scopeRoles: JSON.stringify(form.scope === "PER_SERVER" ? [...new Set(form.scopeRoles)].sort() : []),
    active: form.active,
  };
}

/** A schedule's runs still ahead of `now` that nobody has touched: no result, completion, skip or incident. */
function untouchedFutureRuns(scheduleId: string, now: Date): Prisma.RunWhereInput {
  return { scheduleId, dueAt: { gt: now }, completedAt: null, skippedAt: null, results: { none: {} }, incidents: { none: {} } };
}

/**
 * Untouched future runs of one server that its schedules no longer cover: all of them when the
 * server is retired (`roles` null), otherwise those of per-server schedules whose roles it no
 * longer has. Runs of changes (no schedule) stay: the change still needs its verification.
 */
export async function withdrawServerRuns(tx: Prisma.TransactionClient, serverId: string, roles: string[] | null, now: Date): Promise<string[]> {
  const runs = await tx.run.findMany({
    where: { serverId, scheduleId: { not: null }, dueAt: { gt: now }, completedAt: null, skippedAt: null, results: { none: {} }, incidents: { none: {} } },
    select: { id: true, schedule: { select: { scopeRoles: true } } },
  });
  const ids = runs.filter((r) => roles === null || !parseStringArray(r.schedule?.scopeRoles ?? "[]").some((role) => roles.includes(role))).map((r) => r.id);
  if (ids.length > 0) await tx.run.deleteMany({ where: { id: { in: ids } } });
  return ids;
}

/** Removes a schedule's runs that are still ahead and untouched; past and started runs stay as they are. */
export async function withdrawFutureRuns(tx: Prisma.TransactionClient, scheduleId: string, now: Date): Promise<string[]> {
  const runs = await tx.run.findMany({ where: untouchedFutureRuns(scheduleId, now), select: { id: true } });
  const ids = runs.map((r) => r.id);
  if (ids.length > 0) await tx.run.deleteMany({ where: { id: { in: ids } } });
  return ids;
}

export async function getSchedule(tx: Prisma.TransactionClient, id: string) {
  const schedule = await tx.schedule.findUnique({ where: { id } });
  if (!schedule) throw new NotFound("That schedule does not exist.");
  return schedule;
}

export interface CalendarChange {
  /** The business days changed: rules that move to a business day depend on them. */
  businessDays?: boolean;
  /** A holiday was added or removed: rules that skip holidays or move off them depend on them. */
  holidays?: boolean;
}

/** One schedule brought in line with the calendar. */
export interface ReplannedSchedule {
  scheduleId: string;
  /** Its rule was compiled again with the current business days. */
  recompiled: boolean;
  /** Untouched future runs withdrawn because their date no longer occurs. */
  withdrawnRunIds: string[];
}

/**
 * Brings schedules in line with the organisation's calendar as it is now. Rules made as
 * business-day kinds are compiled again whenever their stored form differs from the current
 * business days; schedules that depend on what changed are re-planned. Re-planning withdraws the
 * untouched future runs whose date the schedule no longer has and makes the schedule effective
 * from now, as a schedule edit does: the next generation pass adds the dates it gained, never in
 * the past. Runs that are past, started, completed or skipped stay as they are.
 */
export async function replanForCalendar(tx: Prisma.TransactionClient, change: CalendarChange, now: Date): Promise<ReplannedSchedule[]> {
  const calendar = await readCalendar(tx);
  const dependsOn: Prisma.ScheduleWhereInput[] = [{ ruleKind: { in: [...BUSINESS_DAY_KINDS] } }];
  if (change.businessDays) dependsOn.push({ holidayPolicy: "PREVIOUS_BUSINESS_DAY" });
  if (change.holidays) dependsOn.push({ holidayPolicy: { in: ["SKIP", "PREVIOUS_BUSINESS_DAY"] } });
  const schedules = await tx.schedule.findMany({
    where: { OR: dependsOn },
    select: { id: true, ruleKind: true, rrule: true, holidayPolicy: true, anchorDate: true, dueTime: true, timeZone: true },
    orderBy: { id: "asc" },
  });
  const report: ReplannedSchedule[] = [];
  for (const schedule of schedules) {
    let { rrule, holidayPolicy } = schedule as { rrule: string; holidayPolicy: HolidayPolicy };
    let recompiled = false;
    if (followsBusinessDays(schedule.ruleKind)) {
      const compiled = compileRule({ kind: schedule.ruleKind }, calendar.businessDays);
      recompiled = compiled.rrule !== rrule || compiled.holidayPolicy !== holidayPolicy;
      ({ rrule, holidayPolicy } = compiled);
    }
    const affected = recompiled || (change.businessDays && holidayPolicy === "PREVIOUS_BUSINESS_DAY") || (change.holidays && holidayPolicy !== "NONE");
    if (!affected) continue;
    const withdrawn = await withdrawRunsOffCalendar(tx, schedule.id, { rrule, holidayPolicy, anchorDate: schedule.anchorDate, dueTime: schedule.dueTime, timeZone: schedule.timeZone }, calendar, now);
    await tx.schedule.update({ where: { id: schedule.id }, data: { rrule, holidayPolicy, effectiveFrom: now } });
    report.push({ scheduleId: schedule.id, recompiled, withdrawnRunIds: withdrawn });
  }
  return report;
}

/** Withdraws a schedule's untouched future runs in the generation window whose date its rule no longer gives. */
async function withdrawRunsOffCalendar(
  tx: Prisma.TransactionClient,
  scheduleId: string,
  rule: { rrule: string; holidayPolicy: HolidayPolicy; anchorDate: string; dueTime: string; timeZone: string },
  calendar: OrganisationCalendar,
  now: Date,
): Promise<string[]> {
  const today = localDateOf(now, calendar.timeZone);
  const from = addDays(today, -WINDOW_DAYS_BACK);
  const to = addDays(today, WINDOW_DAYS_AHEAD);
  let dates: Set<string>;
  try {
    dates = new Set(occurrenceDates(rule.rrule, rule.anchorDate, from, to, calendar, rule.holidayPolicy, { dueTime: rule.dueTime, timeZone: rule.timeZone }));
  } catch (error) {
    // A rule that cannot be evaluated generates nothing; its future runs go.
    if (!(error instanceof RuleError)) throw error;
    dates = new Set();
  }
  const runs = await tx.run.findMany({ where: untouchedFutureRuns(scheduleId, now), select: { id: true, periodKey: true } });
  const ids = runs.filter((r) => !dates.has(r.periodKey)).map((r) => r.id);
  if (ids.length > 0) await tx.run.deleteMany({ where: { id: { in: ids } } });
  return ids;
}
