import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";

export interface OrganisationSettingsView {
  name: string;
  timeZone: string;
  businessDays: number[];
  requireSecondApproval: boolean;
  requireAcknowledgement: boolean;
}

const DEFAULTS: OrganisationSettingsView = {
  name: "Opsbook",
  timeZone: "UTC",
  businessDays: [1, 2, 3, 4, 5],
  requireSecondApproval: false,
  requireAcknowledgement: false,
};

export const getOrganisationSettings = cache(async (): Promise<OrganisationSettingsView> => {
  const row = await db.organisationSettings.findUnique({ where: { id: 1 } });
  if (!row) return DEFAULTS;
  let businessDays = DEFAULTS.businessDays;
  try {
    const parsed: unknown = JSON.parse(row.businessDays);
    if (Array.isArray(parsed)) businessDays = parsed.filter((d): d is number => Number.isInteger(d));
  } catch {
    // keep defaults
  }
  return {
    name: row.name,
    timeZone: row.timeZone,
    businessDays,
    requireSecondApproval: row.requireSecondApproval,
    requireAcknowledgement: row.requireAcknowledgement,
  };
});

export function listHolidays() {
  return db.holiday.findMany({ orderBy: { date: "asc" }, select: { id: true, date: true, name: true } });
}

/** The organisation's working calendar for recurrence: business days and the set of holiday dates. */
export async function workCalendar(): Promise<{ timeZone: string; businessDays: number[]; holidays: Set<string> }> {
  const [settings, holidays] = await Promise.all([getOrganisationSettings(), db.holiday.findMany({ select: { date: true } })]);
  return { timeZone: settings.timeZone, businessDays: settings.businessDays, holidays: new Set(holidays.map((h) => h.date)) };
}
