"use server";
import { db } from "@/lib/db";
import { defineAction } from "@/lib/actions/define";
import { Invalid, NotFound } from "@/lib/actions/errors";
import { generateRuns } from "./generation";
import { fromLocalInput } from "@/lib/time/local";
import { MaintenanceWindowSchema, RemoveMaintenanceWindowSchema, ScheduleFormSchema, SetScheduleActiveSchema, UpdateScheduleSchema } from "./schemas";
import { getSchedule, scheduleData, withdrawFutureRuns } from "./service";
import { readTimeZone } from "@/lib/settings/organisation";

const regenerate = async (scheduleId: string | undefined, now: Date) => {
  if (scheduleId) await generateRuns(db, { scheduleIds: [scheduleId], now });
};

export const createScheduleAction = defineAction({
  name: "schedule.create",
  permission: "schedule:manage",
  revalidate: ["/admin/schedules", "/today", "/schedule"],
  schema: ScheduleFormSchema,
  async handler(input, { tx, now }) {
    const data = await scheduleData(tx, input);
    const schedule = await tx.schedule.create({ data: { ...data, effectiveFrom: now } });
    return {
      audit: { action: "schedule.create", entityType: "Schedule", entityId: schedule.id, after: schedule },
      message: "Schedule created. Its runs appear from now on.",
      data: { scheduleId: schedule.id },
    };
  },
  afterCommit: (_input, data, { now }) => regenerate(data?.scheduleId, now),
});

export const updateScheduleAction = defineAction({
  name: "schedule.update",
  permission: "schedule:manage",
  revalidate: ["/admin/schedules", "/today", "/schedule"],
  schema: UpdateScheduleSchema,
  async handler(input, { tx, now }) {
    const before = await getSchedule(tx, input.scheduleId);
    const data = await scheduleData(tx, input);
    const withdrawn = await withdrawFutureRuns(tx, before.id, now);
    const after = await tx.schedule.update({ where: { id: before.id }, data: { ...data, effectiveFrom: now } });
    return {
      audit: { action: "schedule.update", entityType: "Schedule", entityId: after.id, before, after: { ...after, withdrawnRunIds: withdrawn } },
      message: `Schedule saved. ${withdrawn.length} future ${withdrawn.length === 1 ? "run was" : "runs were"} replaced; past and started runs are unchanged.`,
      data: { scheduleId: after.id },
    };
  },
  afterCommit: (input, _data, { now }) => regenerate(input.scheduleId, now),
});

export const setScheduleActiveAction = defineAction({
  name: "schedule.set_active",
  permission: "schedule:manage",
  revalidate: ["/admin/schedules", "/today", "/schedule"],
  schema: SetScheduleActiveSchema,
  async handler(input, { tx, now }) {
    const before = await getSchedule(tx, input.scheduleId);
    if (before.active === input.active) throw new Invalid(`The schedule is already ${input.active ? "active" : "paused"}.`);
    const withdrawn = input.active ? [] : await withdrawFutureRuns(tx, before.id, now);
    const after = await tx.schedule.update({ where: { id: before.id }, data: { active: input.active, effectiveFrom: now } });
    return {
      audit: { action: input.active ? "schedule.resume" : "schedule.pause", entityType: "Schedule", entityId: after.id, before, after: { ...after, withdrawnRunIds: withdrawn } },
      message: input.active ? "Schedule resumed: runs are generated again from now on." : `Schedule paused: ${withdrawn.length} future runs withdrawn; past runs are unchanged.`,
    };
  },
  afterCommit: (input, _data, { now }) => regenerate(input.active ? input.scheduleId : undefined, now),
});

export const createMaintenanceWindowAction = defineAction({
  name: "maintenance.create",
  permission: "schedule:manage",
  revalidate: ["/admin/schedules", "/today", "/schedule"],
  schema: MaintenanceWindowSchema,
  async handler(input, { tx, user }) {
    if (input.serverId && !(await tx.server.findUnique({ where: { id: input.serverId }, select: { id: true } }))) {
      throw new Invalid("Unknown server.", { serverId: ["Choose a server from the inventory, or the whole organisation."] });
    }
    const timeZone = await readTimeZone(tx);
    const startsAt = fromLocalInput(input.startsAt, timeZone);
    const endsAt = fromLocalInput(input.endsAt, timeZone);
    if (endsAt <= startsAt) throw new Invalid("The window must end after it starts.", { endsAt: ["The window must end after it starts."] });
    if (endsAt.getTime() - startsAt.getTime() > 31 * 86_400_000) throw new Invalid("A maintenance window lasts at most 31 days.", { endsAt: ["A maintenance window lasts at most 31 days."] });
    const window = await tx.maintenanceWindow.create({
      data: { name: input.name, reason: input.reason, startsAt, endsAt, serverId: input.serverId ?? null, createdById: user.id },
    });
    const suppressed = await tx.run.updateMany({
      where: { completedAt: null, dueAt: { gte: startsAt, lte: endsAt }, ...(input.serverId ? { serverId: input.serverId } : {}) },
      data: { suppressed: true },
    });
    return {
      audit: { action: "maintenance.create", entityType: "MaintenanceWindow", entityId: window.id, after: { ...window, runsSuppressed: suppressed.count } },
      message: `Maintenance window saved; ${suppressed.count} ${suppressed.count === 1 ? "run falls" : "runs fall"} inside it and will not count as missed.`,
    };
  },
});

export const removeMaintenanceWindowAction = defineAction({
  name: "maintenance.remove",
  permission: "schedule:manage",
  revalidate: ["/admin/schedules", "/today", "/schedule"],
  schema: RemoveMaintenanceWindowSchema,
  async handler(input, { tx }) {
    const window = await tx.maintenanceWindow.findUnique({ where: { id: input.windowId } });
    if (!window) throw new NotFound("That maintenance window no longer exists.");
    await tx.maintenanceWindow.delete({ where: { id: window.id } });
    // Runs inside it count again, unless another window still covers them.
    const runs = await tx.run.findMany({
      where: { suppressed: true, completedAt: null, dueAt: { gte: window.startsAt, lte: window.endsAt }, ...(window.serverId ? { serverId: window.serverId } : {}) },
      select: { id: true, serverId: true, dueAt: true },
    });
    const others = await tx.maintenanceWindow.findMany({ where: { endsAt: { gte: window.startsAt }, startsAt: { lte: window.endsAt } } });
    const restore = runs
      .filter((r) => !others.some((w) => (w.serverId === null || w.serverId === r.serverId) && w.startsAt <= r.dueAt && r.dueAt <= w.endsAt))
      .map((r) => r.id);
    if (restore.length) await tx.run.updateMany({ where: { id: { in: restore } }, data: { suppressed: false } });
    return {
      audit: { action: "maintenance.remove", entityType: "MaintenanceWindow", entityId: window.id, before: window, after: { runsRestored: restore.length } },
      message: `Maintenance window removed; ${restore.length} runs count again.`,
    };
  },
});
