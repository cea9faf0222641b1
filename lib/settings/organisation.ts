// The one reader of the organisation's settings. Every place that needs the time zone, the
// business days, the holidays or a policy switch reads them here, typed, through whichever client
// it holds (the shared client for pages, a transaction client inside an action), so all of them
// agree on how the stored text is read and on the defaults.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { LocalDate } from "@/lib/time/dates";
import { DEFAULT_SHIFT_STARTS, parseShiftStarts } from "@/lib/runs/shift";
import { DEFAULT_MAILBOX_USERS, MAILBOX_USERS_TIERS, type MailboxUsersTier } from "@/lib/procedures/vocabulary";

export interface OrganisationSettings {
  name: string;
  /** IANA time zone name. */
  timeZone: string;
  /** ISO weekday numbers (1 = Monday … 7 = Sunday), ascending, each once, never empty. */
  businessDays: number[];
  requireSecondApproval: boolean;
  requireAcknowledgement: boolean;
  /** Local shift start times "HH:MM" in the organisation's zone, in the order of the day (lib/runs/shift.ts). */
  shiftStarts: string[];
  /** The organisation's mailbox users, which picks the tier of limits that depend on it (lib/runs/limits.ts). */
  mailboxUsers: MailboxUsersTier;
}

/** The organisation's working calendar: what recurrence needs besides the rule. */
export interface OrganisationCalendar {
  timeZone: string;
  businessDays: number[];
  holidays: Set<LocalDate>;
}

export const DEFAULT_BUSINESS_DAYS: readonly number[] = [1, 2, 3, 4, 5];

export const DEFAULT_SETTINGS: Readonly<OrganisationSettings> = Object.freeze({
  name: "Opsbook",
  timeZone: "UTC",
  businessDays: [...DEFAULT_BUSINESS_DAYS],
  requireSecondApproval: false,
  requireAcknowledgement: false,
  shiftStarts: [...DEFAULT_SHIFT_STARTS],
  mailboxUsers: DEFAULT_MAILBOX_USERS,
});

/** The stored setting as a tier; a value that names none reads as the default (under 500). */
export function parseMailboxUsers(text: string | null | undefined): MailboxUsersTier {
  return (MAILBOX_USERS_TIERS as readonly string[]).includes(text ?? "") ? (text as MailboxUsersTier) : DEFAULT_MAILBOX_USERS;
}

/** Any client that can read the two tables: the shared client or a transaction's. */
export type SettingsReader = Pick<Prisma.TransactionClient, "organisationSettings" | "holiday">;

/**
 * The stored business days (a JSON array of ISO weekday numbers) as a sorted list. The settings
 * form stores numbers; numeric strings are accepted too, as older rows may hold them. A value that
 * names no weekday at all falls back to Monday to Friday rather than leaving a calendar with no
 * business day.
 */
export function parseBusinessDays(text: string): number[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [...DEFAULT_BUSINESS_DAYS];
  }
  if (!Array.isArray(value)) return [...DEFAULT_BUSINESS_DAYS];
  const days = new Set<number>();
  for (const entry of value) {
    const day = typeof entry === "string" && /^\s*\d\s*$/.test(entry) ? Number(entry) : entry;
    if (typeof day === "number" && Number.isInteger(day) && day >= 1 && day <= 7) days.add(day);
  }
  return days.size > 0 ? [...days].sort((a, b) => a - b) : [...DEFAULT_BUSINESS_DAYS];
}

/** The form in which business days are stored. */
export function serialiseBusinessDays(days: readonly number[]): string {
  return JSON.stringify([...new Set(days)].sort((a, b) => a - b));
}

/** The settings row read into its typed form; defaults while the row does not exist yet. */
export async function readSettings(client: SettingsReader): Promise<OrganisationSettings> {
  const row = await client.organisationSettings.findUnique({ where: { id: 1 } });
  if (!row) return { ...DEFAULT_SETTINGS, businessDays: [...DEFAULT_SETTINGS.businessDays], shiftStarts: [...DEFAULT_SETTINGS.shiftStarts] };
  return {
    name: row.name,
    timeZone: row.timeZone,
    businessDays: parseBusinessDays(row.businessDays),
    requireSecondApproval: row.requireSecondApproval,
    requireAcknowledgement: row.requireAcknowledgement,
    shiftStarts: parseShiftStarts(row.shiftStarts),
    mailboxUsers: parseMailboxUsers(row.mailboxUsers),
  };
}

/** The organisation's time zone. */
export async function readTimeZone(client: SettingsReader): Promise<string> {
  return (await readSettings(client)).timeZone;
}

/** The time zone, business days and holidays, read together. */
export async function readCalendar(client: SettingsReader): Promise<OrganisationCalendar> {
  const [settings, holidays] = await Promise.all([readSettings(client), client.holiday.findMany({ select: { date: true } })]);
  return { timeZone: settings.timeZone, businessDays: settings.businessDays, holidays: new Set(holidays.map((h) => h.date)) };
}
