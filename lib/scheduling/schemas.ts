import { z } from "zod";
import { asArray } from "@/lib/actions/form-data";
import { EXCHANGE_ROLES } from "@/lib/procedures/vocabulary";
import { localDateField, localDateTimeField } from "@/lib/time/local";
import { HOLIDAY_POLICIES, ruleProblem } from "./recurrence";
import { timeZoneField } from "@/lib/time/zones";
import { RULE_KINDS, type RuleSpec } from "./rules";
import { refineName } from "@/lib/validation/text";

const intField = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);

export const MAX_GRACE_MINUTES = 14 * 24 * 60;

/**
 * Why a custom rule is refused, or null: the whole grammar, values and combinations alike
 * (parseRRule in recurrence.ts, decision 021), so the form says it before anything is evaluated.
 */
export function customRuleProblem(rrule: string): string | null {
  // An empty rule is the form's concern (refineRuleFields), a long one the length check's.
  return rrule === "" || rrule.length > 300 ? null : ruleProblem(rrule);
}

/** The schedule form's fields, as submitted (strings from FormData). */
export const ScheduleFieldsSchema = z.object({
    procedureId: z.string({ error: "Choose a procedure." }).trim().min(1, "Choose a procedure.").max(64),
    name: z.string().trim().max(100, "A name has at most 100 characters.").superRefine(refineName("The name")).default(""),
    kind: z.enum(RULE_KINDS, { error: "Choose how often it recurs." }),
    weekdays: z.preprocess(asArray, z.array(intField("Weekday", 1, 7))).default([]),
    interval: z.preprocess((v) => (v === "" || v === undefined ? undefined : v), intField("Every N weeks", 1, 52).optional()),
    day: z.preprocess((v) => (v === "" || v === undefined ? undefined : v), intField("Day of the month", 1, 31).optional()),
    nth: z.preprocess((v) => (v === "" || v === undefined ? undefined : v), z.coerce.number().refine((n) => [1, 2, 3, 4, -1].includes(n), "Choose first, second, third, fourth or last.").optional()),
    weekday: z.preprocess((v) => (v === "" || v === undefined ? undefined : v), intField("Weekday", 1, 7).optional()),
    rrule: z
      .string()
      .trim()
      .max(300, "A rule has at most 300 characters.")
      .superRefine((rule, ctx) => {
        const problem = customRuleProblem(rule);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .default(""),
    holidayPolicy: z.enum(HOLIDAY_POLICIES).default("NONE"),
    anchorDate: localDateField("the start date"),
    dueTime: z.string({ error: "Enter the due time." }).trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter the due time as HH:MM (24-hour)."),
    graceMinutes: intField("Grace period", 0, MAX_GRACE_MINUTES),
    timeZone: timeZoneField("Unknown time zone."),
    assignee: z
      .string({ error: "Choose who it is assigned to." })
      .trim()
      .regex(/^(role:(VIEWER|OPERATOR|MANAGER|ADMIN)|user:[A-Za-z0-9_-]{1,64})$/, "Choose a role or a person."),
    scope: z.enum(["ORGANISATION", "PER_SERVER"], { error: "Choose the scope." }),
    scopeRoles: z.preprocess(asArray, z.array(z.enum(EXCHANGE_ROLES, { error: "Unknown Exchange role." }))).default([]),
    active: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  });

type RuleFields = Pick<z.output<typeof ScheduleFieldsSchema>, "kind" | "weekdays" | "interval" | "day" | "nth" | "weekday" | "rrule">;

/** The parameters each kind of rule needs. */
export function refineRuleFields(v: RuleFields, ctx: z.RefinementCtx) {
    if (v.kind === "WEEKLY" && v.weekdays.length === 0) ctx.addIssue({ code: "custom", path: ["weekdays"], message: "Choose at least one weekday." });
    if (v.kind === "WEEKLY" && v.interval === undefined) ctx.addIssue({ code: "custom", path: ["interval"], message: "Enter every how many weeks." });
    if ((v.kind === "MONTHLY_DAY" || v.kind === "QUARTERLY") && v.day === undefined) ctx.addIssue({ code: "custom", path: ["day"], message: "Enter the day of the month." });
    if (v.kind === "MONTHLY_WEEKDAY" && v.nth === undefined) ctx.addIssue({ code: "custom", path: ["nth"], message: "Choose which week." });
    if (v.kind === "MONTHLY_WEEKDAY" && v.weekday === undefined) ctx.addIssue({ code: "custom", path: ["weekday"], message: "Choose the weekday." });
    if (v.kind === "CUSTOM" && v.rrule === "") ctx.addIssue({ code: "custom", path: ["rrule"], message: "Enter an RRULE, e.g. FREQ=WEEKLY;BYDAY=MO." });
}

export const ScheduleFormSchema = ScheduleFieldsSchema.superRefine((v, ctx) => {
  refineRuleFields(v, ctx);
  if (v.scope === "PER_SERVER" && v.scopeRoles.length === 0) ctx.addIssue({ code: "custom", path: ["scopeRoles"], message: "Choose the Exchange roles whose servers each get a run." });
});

export type ScheduleForm = z.output<typeof ScheduleFormSchema>;

export function specFromForm(form: ScheduleForm): RuleSpec {
  switch (form.kind) {
    case "WEEKLY":
      return { kind: "WEEKLY", weekdays: [...new Set(form.weekdays)], interval: form.interval ?? 1 };
    case "MONTHLY_DAY":
      return { kind: "MONTHLY_DAY", day: form.day ?? 1 };
    case "QUARTERLY":
      return { kind: "QUARTERLY", day: form.day ?? 1 };
    case "MONTHLY_WEEKDAY":
      return { kind: "MONTHLY_WEEKDAY", nth: form.nth ?? 1, weekday: form.weekday ?? 1 };
    case "CUSTOM":
      return { kind: "CUSTOM", rrule: form.rrule, holidayPolicy: form.holidayPolicy };
    default:
      return { kind: form.kind };
  }
}

export const ScheduleIdSchema = z.object({ scheduleId: z.string().trim().min(1, "Missing schedule.").max(64) });
export const UpdateScheduleSchema = ScheduleFormSchema.and(ScheduleIdSchema);
export const SetScheduleActiveSchema = ScheduleIdSchema.extend({
  active: z.enum(["true", "false"], { error: "Invalid request." }).transform((v) => v === "true"),
});

/** Times are local to the organisation's time zone, as typed; the action converts them to UTC. */
export const MaintenanceWindowSchema = z.object({
  name: z.string({ error: "Name the window." }).trim().min(1, "Name the window.").max(100, "A name has at most 100 characters.").superRefine(refineName("The name")),
  reason: z.string().trim().max(500, "A reason has at most 500 characters.").default(""),
  startsAt: localDateTimeField("the start"),
  endsAt: localDateTimeField("the end"),
  serverId: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(64).optional()),
});

export const RemoveMaintenanceWindowSchema = z.object({ windowId: z.string().trim().min(1, "Missing window.").max(64) });
