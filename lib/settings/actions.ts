"use server";
import { defineAction } from "@/lib/actions/define";
import { Conflict, NotFound } from "@/lib/actions/errors";
import { HolidaySchema, RemoveHolidaySchema, SettingsSchema } from "./schemas";

export const updateSettingsAction = defineAction({
  name: "settings.update",
  permission: "settings:manage",
  revalidate: ["/admin/settings"],
  schema: SettingsSchema,
  async handler(input, { tx }) {
    const before = await tx.organisationSettings.findUnique({ where: { id: 1 } });
    const data = { name: input.name, timeZone: input.timeZone, businessDays: JSON.stringify(input.businessDays) };
    const after = await tx.organisationSettings.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    return {
      audit: { action: "settings.update", entityType: "OrganisationSettings", entityId: "1", before, after },
      message: "Settings saved. Runs generated from now on use them.",
    };
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
