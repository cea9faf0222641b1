// Reads for the first-run guide: the facts its rules (steps.ts) decide from, each a small indexed
// query, and the guide as the dashboard shows it to an administrator.
import "server-only";
import { db, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can } from "@/lib/auth/policy";
import type { CurrentUser } from "@/lib/auth/session";
import { parseBusinessDays, serialiseBusinessDays } from "@/lib/settings/organisation";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { guideSteps, guideVisible, parseConfirmed, type GuideFacts, type StepView } from "./steps";

type Client = Db | Prisma.TransactionClient;

/** Settings saves read to find a change of the business days; a team saves its settings a handful of times. */
const SETTINGS_SAVES_READ = 200;

/** A person's action (not the seed's or the scheduler's), first or latest. */
async function personEvent(client: Client, actions: string[], order: "asc" | "desc" = "asc") {
  return client.auditEvent.findFirst({
    where: { action: { in: actions }, actorId: { not: null } },
    orderBy: { seq: order },
    select: { at: true },
  });
}

function businessDaysOf(json: string | null): string | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as { businessDays?: unknown };
    return typeof value.businessDays === "string" ? serialiseBusinessDays(parseBusinessDays(value.businessDays)) : null;
  } catch {
    return null;
  }
}

/** The first time a person saved the settings with other business days than before. */
async function businessDaysChangedAt(client: Client): Promise<Date | null> {
  const saves = await client.auditEvent.findMany({
    where: { action: "settings.update", actorId: { not: null } },
    orderBy: { seq: "asc" },
    take: SETTINGS_SAVES_READ,
    select: { at: true, before: true, after: true },
  });
  const changed = saves.find((e) => {
    const before = businessDaysOf(e.before);
    const after = businessDaysOf(e.after);
    return before !== null && after !== null && before !== after;
  });
  return changed?.at ?? null;
}

export async function readGuideFacts(client: Client = db): Promise<GuideFacts> {
  // One query after another: inside a transaction the client runs them in turn anyway.
  const settings = await client.organisationSettings.findUnique({ where: { id: 1 }, select: { guideSteps: true, guideDismissedAt: true } });
  const settingsSaved = await personEvent(client, ["settings.update"]);
  const holidayChanged = await personEvent(client, ["settings.add_holiday", "settings.remove_holiday"]);
  const daysChanged = await businessDaysChangedAt(client);
  const activeDemo = await client.server.count({ where: { demo: true, active: true } });
  const demo = await client.server.count({ where: { demo: true } });
  const activeOwn = await client.server.count({ where: { demo: false, active: true } });
  const firstOwn = await client.server.findFirst({ where: { demo: false, active: true }, orderBy: { createdAt: "asc" }, select: { createdAt: true } });
  const demoRetired = await personEvent(client, ["server.retire_demo"], "desc");
  const firstUsers = await client.user.findMany({ orderBy: { createdAt: "asc" }, take: 2, select: { createdAt: true } });
  const users = await client.user.count();
  const entries = await client.readingListEntry.count({
    where: { role: "VIEWER", mode: "INCLUDE", procedure: { archivedAt: null, currentVersionId: { not: null } } },
  });
  const calendarChanges = [holidayChanged?.at, daysChanged].filter((d): d is Date => d instanceof Date).sort((a, b) => a.getTime() - b.getTime());
  return {
    confirmed: parseConfirmed(settings?.guideSteps),
    settingsSavedAt: settingsSaved?.at ?? null,
    calendarChangedAt: calendarChanges[0] ?? null,
    servers: { activeDemo, demo, activeOwn, firstOwnAt: firstOwn?.createdAt ?? null, demoRetiredAt: demoRetired?.at ?? null },
    users: { count: users, secondAt: firstUsers[1]?.createdAt ?? null },
    readingList: { entries },
    dismissedAt: settings?.guideDismissedAt ?? null,
  };
}

export interface FirstRunGuide {
  steps: StepView[];
  done: number;
  timeZone: string;
}

/** The guide for this user, or null: only administrators see it, and only until it is done or dismissed. */
export async function getFirstRunGuide(user: Pick<CurrentUser, "role">): Promise<FirstRunGuide | null> {
  if (!can(user.role, "settings:manage")) return null;
  const facts = await readGuideFacts(db);
  const steps = guideSteps(facts);
  if (!guideVisible(facts, steps)) return null;
  const { timeZone } = await getOrganisationSettings();
  return { steps, done: steps.filter((s) => s.done).length, timeZone };
}
