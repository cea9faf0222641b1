import { z } from "zod";
import { asArray } from "@/lib/actions/form-data";
import { localDateField } from "@/lib/time/local";
import { timeZoneField } from "@/lib/time/zones";
import { refineName } from "@/lib/validation/text";

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
});

export const HolidaySchema = z.object({
  date: localDateField("the date"),
  name: z.string({ error: "Name the holiday." }).trim().min(1, "Name the holiday.").max(100, "A name has at most 100 characters.").superRefine(refineName("The name")),
});

export const RemoveHolidaySchema = z.object({ holidayId: z.string().trim().min(1, "Missing holiday.").max(64) });
