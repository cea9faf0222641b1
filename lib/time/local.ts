// Local date-times as typed into a datetime-local input (YYYY-MM-DDTHH:MM, in the organisation's
// time zone): the form field's schema, and the conversions to and from an instant.
import { Temporal } from "@js-temporal/polyfill";
import { z } from "zod";
import { DATE_RANGE_TEXT, dateProblem, isDateInRange, isLocalDate, localInstant } from "@/lib/time/dates";

/** A required datetime-local field; `label` completes "Enter …", e.g. "the start". */
export const localDateTimeField = (label: string) =>
  z
    .string({ error: `Enter ${label}.` })
    .max(40, `Enter ${label} as a date and time.`)
    .trim()
    .min(1, `Enter ${label}.`)
    .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, `Enter ${label} as a date and time.`)
    .refine((v) => isLocalDate(v.slice(0, 10)), `Enter ${label} as a valid date and time.`)
    .refine((v) => !isLocalDate(v.slice(0, 10)) || isDateInRange(v.slice(0, 10)), `Enter ${label} ${DATE_RANGE_TEXT}.`);

/**
 * A required date field (YYYY-MM-DD) inside the portal's date range; `label` completes "Enter …",
 * e.g. "the start date". Every date typed into a form or a query string goes through this check.
 */
export const localDateField = (label: string) =>
  z
    .string({ error: `Enter ${label}.` })
    .max(40, `Enter ${label} as YYYY-MM-DD.`)
    .trim()
    .min(1, `Enter ${label}.`)
    .superRefine((value, ctx) => {
      const problem = dateProblem(value, label);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/** An instant as the text a datetime-local input shows, in a time zone (YYYY-MM-DDTHH:MM). */
export function toLocalInput(instant: Date, timeZone: string): string {
  const z = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
  return `${z.toPlainDate().toString()}T${String(z.hour).padStart(2, "0")}:${String(z.minute).padStart(2, "0")}`;
}

/** Local date-time text (as validated by localDateTimeField) to an instant in a time zone. */
export function fromLocalInput(value: string, timeZone: string): Date {
  return localInstant(value.slice(0, 10), value.slice(11, 16), timeZone);
}
