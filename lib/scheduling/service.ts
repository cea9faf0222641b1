// Schedule changes shared by the actions: validation against the database and withdrawing the
// future runs an edit or a pause replaces.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Invalid, NotFound } from "@/lib/actions/errors";
import { roleRank } from "@/lib/auth/roles";
import { assertProducesOccurrences, RuleError, type HolidayPolicy } from "./recurrence";
import { compileRule } from "./rules";
import { specFromForm, type ScheduleForm } from "./schemas";

export async function scheduleData(tx: Prisma.TransactionClient, form: ScheduleForm) {
  const procedure = await tx.procedure.findUnique({ where: { id: form.procedureId }, select: { id: true, archivedAt: true, currentVersionId: true } });
  if (!procedure || procedure.archivedAt || !procedure.currentVersionId) throw new Invalid("Choose a procedure from the library.", { procedureId: ["Unknown procedure."] });

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

  const settings = await tx.organisationSettings.findUnique({ where: { id: 1 }, select: { businessDays: true } });
  const businessDays = (JSON.parse(settings?.businessDays ?? "[1,2,3,4,5]") as number[]) ?? [1, 2, 3, 4, 5];
  const holidays = new Set((await tx.holiday.findMany({ select: { date: true } })).map((h) => h.date));
  const { rrule, holidayPolicy } = compileRule(specFromForm(form), businessDays);
  try {
    assertProducesOccurrences(rrule, form.anchorDate, { businessDays, holidays }, holidayPolicy as HolidayPolicy);
  } catch (error) {
    if (error instanceof RuleError) throw new Invalid(error.message, { [form.kind === "CUSTOM" ? "rrule" : "kind"]: [error.message] });
    throw error;
  }
  return {
    procedureId: procedure.id,
    name: form.name,
    rrule,
    holidayPolicy,
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

/** Removes a schedule's runs that are still ahead and untouched; past and started runs stay as they are. */
export async function withdrawFutureRuns(tx: Prisma.TransactionClient, scheduleId: string, now: Date): Promise<string[]> {
  const runs = await tx.run.findMany({
    where: { scheduleId, dueAt: { gt: now }, completedAt: null, skippedAt: null, results: { none: {} }, incidents: { none: {} } },
    select: { id: true },
  });
  const ids = runs.map((r) => r.id);
  if (ids.length > 0) await tx.run.deleteMany({ where: { id: { in: ids } } });
  return ids;
}

export async function getSchedule(tx: Prisma.TransactionClient, id: string) {
  const schedule = await tx.schedule.findUnique({ where: { id } });
  if (!schedule) throw new NotFound("That schedule does not exist.");
  return schedule;
}
