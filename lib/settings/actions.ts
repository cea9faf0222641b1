"use server";
import { db } from "@/lib/db";
import { defineAction } from "@/lib/actions/define";
import { generateRuns } from "@/lib/scheduling/generation";
import { withdrawFutureRuns } from "@/lib/scheduling/service";
import { Conflict, NotFound } from "@/lib/actions/errors";
import { HolidaySchema, RemoveHolidaySchema, SettingsSchema } from "./schemas";

export const updateSettingsAction = defineAction({
  name: "settings.update",
  permission: "settings:manage",
  revalidate: ["/admin/settings"],
  schema: SettingsSchema,
  async handler(input, { tx }) {
    const before = await tx.organisationSettings.findUnique({ where: { id: 1 } });
    const data = { name: input.name, timeZone: input.timeZone, businessDays: JSON.stringify(input.businessDays), requireAcknowledgement: input.requireAcknowledgement, requireSecondApproval: input.requireSecondApproval };
    const after = await tx.organisationSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    // Schedules that followed the organisation's zone move with it, from now on.
    const moved: string[] = [];
    if (before && before.timeZone !== input.timeZone) {
      const now = new Date();
      const schedules = await tx.schedule.findMany({ where: { timeZone: before.timeZone }, select: { id: true } });
      for (const { id } of schedules) {
        await withdrawFutureRuns(tx, id, now);
        await tx.schedule.update({ where: { id }, data: { timeZone: input.timeZone, effectiveFrom: now } });
        moved.push(id);
      }
    }
    const acknowledgement =
      (before?.requireAcknowledgement ?? false) === input.requireAcknowledgement
        ? ""
        : input.requireAcknowledgement
          ? " Operators now acknowledge a procedure's version before recording results on it."
          : " Operators no longer need to acknowledge a procedure before recording results.";
    const approval =
      (before?.requireSecondApproval ?? false) === input.requireSecondApproval
        ? ""
        : input.requireSecondApproval
          ? " Procedure drafts now need a second manager's approval before they are published."
          : " Procedure drafts can now be published without a second approval.";
    return {
      audit: { action: "settings.update", entityType: "OrganisationSettings", entityId: "1", before, after: { ...after, schedulesMoved: moved } },
      message:
        (moved.length
          ? `Settings saved. ${moved.length} schedules now follow ${input.timeZone}; their future runs were replanned.`
          : "Settings saved. Runs generated from now on use them.") + acknowledgement + approval,
      data: { moved: moved.length },
    };
  },
  afterCommit: async (_input, data) => {
    if ((data as { moved?: number } | undefined)?.moved) await generateRuns(db);
  },
});

export const addHolidayAction = defineAction({
  name: "settings.add_holiday",
  permission: "settings:manage",
  revalidate: ["/admin/settings"],
  schema: HolidaySchema,
  async handler(input, { tx }) {
    if (await tx.holiday.findUnique({ where: { date: input.date } })) {
      throw new Conflict("That date is already a holiday.", { date: ["This date is already in the list."] });
    }
    const holiday = await tx.holiday.create({ data: input });
    return {
      audit: { action: "settings.add_holiday", entityType: "Holiday", entityId: holiday.id, after: holiday },
      message: `${input.name} (${input.date}) added.`,
    };
  },
});

export const removeHolidayAction = defineAction({
  name: "settings.remove_holiday",
  permission: "settings:manage",
  revalidate: ["/admin/settings"],
  schema: RemoveHolidaySchema,
  async handler(input, { tx }) {
    const holiday = await tx.holiday.findUnique({ where: { id: input.holidayId } });
    if (!holiday) throw new NotFound("That holiday no longer exists.");
    await tx.holiday.delete({ where: { id: holiday.id } });
    return {
      audit: { action: "settings.remove_holiday", entityType: "Holiday", entityId: holiday.id, before: holiday },
      message: `${holiday.name} (${holiday.date}) removed.`,
    };
  },
});
