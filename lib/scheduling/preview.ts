import "server-only";
import { fieldErrorsOf } from "@/lib/actions/map-error";
import { workCalendar } from "@/lib/settings/queries";
import { formatDateTime, formatLongDate } from "@/lib/time/format";
import { nextOccurrences, RuleError } from "./recurrence";
import { localDateOf, localInstant } from "@/lib/time/dates";
import { compileRule, describeRule } from "./rules";
import { ScheduleFieldsSchema, refineRuleFields, specFromForm, type ScheduleForm } from "./schemas";

/** Only the fields that decide when a schedule falls due. */
const PreviewSchema = ScheduleFieldsSchema.pick({
  kind: true,
  weekdays: true,
  interval: true,
  day: true,
  nth: true,
  weekday: true,
  rrule: true,
  holidayPolicy: true,
  anchorDate: true,
  dueTime: true,
  graceMinutes: true,
  timeZone: true,
}).superRefine(refineRuleFields);

export type PreviewResponse =
  | { ok: true; description: string; rrule: string; occurrences: { date: string; label: string; due: string }[] }
  | { ok: false; error: string; fieldErrors: Record<string, string[]> };

/** The next ten occurrences of a schedule as typed into the form, without saving anything. */
export async function previewSchedule(raw: unknown, now = new Date()): Promise<PreviewResponse> {
  const parsed = PreviewSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) };
  const form = parsed.data;
  const calendar = await workCalendar();
  const spec = specFromForm({ ...form, procedureId: "", name: "", assignee: "role:OPERATOR", scope: "ORGANISATION", scopeRoles: [], active: true } as ScheduleForm);
  const { rrule, holidayPolicy } = compileRule(spec, calendar.businessDays);
  try {
    const from = [form.anchorDate, localDateOf(now, form.timeZone)].sort()[1]!;
    const dates = nextOccurrences(rrule, form.anchorDate, from, 10, calendar, holidayPolicy);
    if (dates.length === 0) return { ok: false, error: "This rule produces no occurrence in the next three years.", fieldErrors: {} };
    return {
      ok: true,
      description: describeRule(spec),
      rrule,
      occurrences: dates.map((date) => ({ date, label: formatLongDate(date), due: formatDateTime(localInstant(date, form.dueTime, form.timeZone), form.timeZone) })),
    };
  } catch (error) {
    if (error instanceof RuleError) return { ok: false, error: error.message, fieldErrors: { rrule: [error.message] } };
    throw error;
  }
}
