import "server-only";
import { db } from "@/lib/db";
import { workCalendar } from "@/lib/settings/queries";
import { CADENCES, type Cadence } from "@/lib/procedures/vocabulary";
import { nextOccurrences, ruleProblem, type HolidayPolicy } from "./recurrence";
import { localDateOf } from "@/lib/time/dates";
import { describeRule, specOf, type RuleSpec } from "./rules";

export interface ScheduleRow {
  id: string;
  procedureId: string;
  title: string;
  code: string | null;
  cadence: Cadence;
  name: string;
  spec: RuleSpec;
  description: string;
  rrule: string;
  holidayPolicy: HolidayPolicy;
  anchorDate: string;
  dueTime: string;
  graceMinutes: number;
  timeZone: string;
  assignee: string;
  assigneeLabel: string;
  scope: "ORGANISATION" | "PER_SERVER";
  scopeRoles: string[];
  active: boolean;
  next: string | null;
  /**
   * Why the stored rule cannot be used (a rule saved before the portal began to refuse it, or one
   * changed in the database): the schedule then generates no runs until it is edited.
   */
  problem: string | null;
}

export async function listSchedules(now = new Date()): Promise<ScheduleRow[]> {
  const [schedules, calendar] = await Promise.all([
    db.schedule.findMany({
      include: {
        procedure: { select: { seedCode: true, currentVersion: { select: { title: true, cadence: true } } } },
        assigneeUser: { select: { name: true } },
      },
    }),
    workCalendar(),
  ]);
  const rows = schedules.map((s) => {
    const spec = specOf(s.rrule, s.holidayPolicy as HolidayPolicy, s.ruleKind);
    let next: string | null = null;
    let problem = ruleProblem(s.rrule);
    if (problem === null) {
      try {
        next = nextOccurrences(s.rrule, s.anchorDate, localDateOf(now, s.timeZone), 1, calendar, s.holidayPolicy as HolidayPolicy, 400, { dueTime: s.dueTime, timeZone: s.timeZone })[0] ?? null;
      } catch (error) {
        problem = `Its dates cannot be worked out (${error instanceof Error ? error.message : String(error)}).`;
      }
    }
    return {
      id: s.id,
      procedureId: s.procedureId,
      title: s.procedure.currentVersion?.title ?? "(archived procedure)",
      code: s.procedure.seedCode,
      cadence: (s.procedure.currentVersion?.cadence ?? "AS_NEEDED") as Cadence,
      name: s.name,
      spec,
      description: describeRule(spec),
      rrule: s.rrule,
      holidayPolicy: s.holidayPolicy as HolidayPolicy,
      anchorDate: s.anchorDate,
      dueTime: s.dueTime,
      graceMinutes: s.graceMinutes,
      timeZone: s.timeZone,
      assignee: s.assigneeUserId ? `user:${s.assigneeUserId}` : `role:${s.assigneeRole ?? "OPERATOR"}`,
      assigneeLabel: s.assigneeUser?.name ?? `${(s.assigneeRole ?? "OPERATOR").toLowerCase()}s`,
      scope: s.scope as "ORGANISATION" | "PER_SERVER",
      scopeRoles: JSON.parse(s.scopeRoles) as string[],
      active: s.active,
      next,
      problem,
    };
  });
  return rows.sort((a, b) => CADENCES.indexOf(a.cadence) - CADENCES.indexOf(b.cadence) || (a.code ?? "Z").localeCompare(b.code ?? "Z", undefined, { numeric: true }) || a.title.localeCompare(b.title));
}

export async function scheduleFormOptions(now = new Date()) {
  const [procedures, users, servers, windows] = await Promise.all([
    db.procedure.findMany({
      // A reading page (no checklist) has nothing to record on a run, so it is never scheduled.
      where: { archivedAt: null, currentVersion: { is: { items: { some: {} } } } },
      select: { id: true, seedCode: true, currentVersion: { select: { title: true, roles: { select: { role: true } } } } },
    }),
    db.user.findMany({ where: { active: true, role: { in: ["OPERATOR", "MANAGER", "ADMIN"] } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.server.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.maintenanceWindow.findMany({ where: { endsAt: { gte: new Date(now.getTime() - 7 * 86_400_000) } }, orderBy: { startsAt: "asc" }, include: { server: { select: { name: true } } } }),
  ]);
  return {
    procedures: procedures
      .map((p) => ({ id: p.id, label: `${p.seedCode ? `${p.seedCode} ` : ""}${p.currentVersion!.title}`, roles: p.currentVersion!.roles.map((r) => r.role) }))
      .sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true })),
    users,
    servers,
    windows: windows.map((w) => ({ id: w.id, name: w.name, reason: w.reason, startsAt: w.startsAt, endsAt: w.endsAt, server: w.server?.name ?? null })),
  };
}
