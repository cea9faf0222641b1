import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { readCalendar, readSettings, type OrganisationCalendar, type OrganisationSettings } from "./organisation";

/** The settings, read once per request. */
export const getOrganisationSettings = cache((): Promise<OrganisationSettings> => readSettings(db));

export function listHolidays() {
  return db.holiday.findMany({ orderBy: { date: "asc" }, select: { id: true, date: true, name: true } });
}

/** The organisation's working calendar for recurrence: time zone, business days and holiday dates. */
export function workCalendar(): Promise<OrganisationCalendar> {
  return readCalendar(db);
}
