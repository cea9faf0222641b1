import { z } from "zod";
import { asArray } from "@/lib/actions/form-data";
import { localDateField } from "@/lib/time/local";
import { timeZoneField } from "@/lib/time/zones";
import { refineName } from "@/lib/validation/text";
import { shiftStartsProblem, sortShiftStarts } from "@/lib/runs/shift";
import { MAILBOX_USERS_TIERS } from "@/lib/procedures/vocabulary";

/** "07:00, 15:00, 23:00" (or the times as separate fields) as a list of times; bounded before it is split. */
function splitTimes(value: unknown): unknown {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === "string" ? v : String(v)));
  if (parts.join(",").length > 200) return parts;
  return parts.flatMap((p) => p.split(/[,;\s]+/)).filter((p) => p !== "");
}

export const SettingsSchema = z.object({
  name: z.string().trim().min(1, "Enter the organisation's name.").max(100, "A name has at most 100 characters.").superRefine(refineName("The name")),
  timeZone: timeZoneField(),
  businessDays: z.preprocess(
    asArray,
    z
      .array(z.coerce.number().int().min(1, "Unknown weekday.").max(7, "Unknown weekday."))
      .min(1, "Choose at least one business day.")
      .max(7, "Choose at most the seven days of the week.")
      .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
  ),
  // A checkbox: present ("on") when ticked, absent when not.
  requireAcknowledgement: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  requireSecondApproval: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  // Local shift start times (lib/runs/shift.ts); absent keeps the times already set.
  shiftStarts: z.preprocess(
    splitTimes,
    z
      .array(z.string().max(200, "Write times as HH:MM, e.g. 07:00."), { error: "Enter the shift start times." })
      .max(50, "Enter at most 6 shift start times.")
      .superRefine((times, ctx) => {
        const problem = shiftStartsProblem(times);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .transform(sortShiftStarts)
      .optional(),
  ),
  // Which of Microsoft's size tiers applies to limits that depend on it; absent keeps the setting.
  mailboxUsers: z.enum(MAILBOX_USERS_TIERS, { error: "Choose one of the three sizes: under 500, 500 to 3,000, or over 3,000 mailbox users." }).optional(),
});

export const HolidaySchema = z.object({
  date: localDateField("the date"),
  name: z.string({ error: "Name the holiday." }).trim().min(1, "Name the holiday.").max(100, "A name has at most 100 characters.").superRefine(refineName("The name")),
});

export const RemoveHolidaySchema = z.object({ holidayId: z.string().trim().min(1, "Missing holiday.").max(64) });
