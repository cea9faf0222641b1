import "server-only";
import { fieldErrorsOf } from "@/lib/actions/map-error";
import { workCalendar } from "@/lib/settings/queries";
import { formatDateTime, formatLongDate } from "@/lib/time/format";
import { nextOccurrences, RuleError } from "./recurrence";
import { localDateOf, localInstant } from "@/lib/time/dates";
import { compileRule, describeRule } from "./rules";
import { ScheduleFieldsSchema, refineRuleFields, specFromForm, type ScheduleForm } from "./schemas";
import { BODY_LIMITS } from "@/lib/http/body-limits.mjs";

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
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    // A refused rule is what the person is typing: say why, not only that something is wrong.
    return { ok: false, error: fieldErrors.rrule?.[0] ?? "Some fields need attention.", fieldErrors };
  }
  const form = parsed.data;
  const calendar = await workCalendar();
  const spec = specFromForm({ ...form, procedureId: "", name: "", assignee: "role:OPERATOR", scope: "ORGANISATION", scopeRoles: [], active: true } as ScheduleForm);
  const { rrule, holidayPolicy } = compileRule(spec, calendar.businessDays);
  const due = { dueTime: form.dueTime, timeZone: form.timeZone };
  try {
    const from = [form.anchorDate, localDateOf(now, form.timeZone)].sort()[1]!;
    const dates = nextOccurrences(rrule, form.anchorDate, from, 10, calendar, holidayPolicy, undefined, due);
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

/**
 * The most a preview request's body may hold: the limit of every /api address, which the portal's
 * listener enforces before Next.js reads a body (decision 023). Checked here as well, so that it
 * holds under any other server too (`next dev`, tests).
 */
export const PREVIEW_BODY_LIMIT = BODY_LIMITS.api;

const json = (body: unknown, status: number) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
const refusal = (error: string, status: number) => json({ ok: false, error, fieldErrors: {} }, status);
const TOO_LARGE = `The request is too large: this address accepts at most ${PREVIEW_BODY_LIMIT / 1024} kB.`;

/**
 * The body as text, or null when it is larger than `limit` bytes. A declared length over the limit
 * is refused before anything is read; otherwise the stream is counted as it arrives and abandoned
 * at the limit, so a body without a length (chunked) cannot grow the heap either.
 */
async function readBodyWithin(request: Request, limit: number): Promise<string | null> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(body);
}

/**
 * The preview handler's answer to a signed-in request (the route checks the permission first):
 * always JSON. 413 for a body over the limit, 400 for one that is not a schedule form, 422 for a
 * form or a rule the portal refuses, with the sentence to show; never an empty server error.
 */
export async function previewResponse(request: Request, now = new Date()): Promise<Response> {
  let text: string | null;
  try {
    text = await readBodyWithin(request, PREVIEW_BODY_LIMIT);
  } catch {
    return refusal("The request body could not be read as UTF-8 text.", 400);
  }
  if (text === null) return refusal(TOO_LARGE, 413);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refusal("The request is not valid JSON.", 400);
  }
  // The schedule form sends its fields as text (weekdays as a list of text); nothing else is read.
  const isField = (v: unknown) => typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"));
  if (!body || typeof body !== "object" || Array.isArray(body) || !Object.values(body).every(isField)) {
    return refusal("The request is not a schedule form.", 400);
  }
  try {
    const result = await previewSchedule(body, now);
    return json(result, result.ok ? 200 : 422);
  } catch (error) {
    if (error instanceof RuleError) return json({ ok: false, error: error.message, fieldErrors: { rrule: [error.message] } }, 422);
    console.error("Schedule preview failed", error);
    return refusal("The preview could not be worked out. Try again, and tell an administrator if it keeps happening.", 500);
  }
}
