"use client";
import { startTransition, useActionState, useCallback, useEffect, useId, useRef, useState } from "react";
import { FormMessage } from "@/components/forms/field";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import { EXCHANGE_ROLES, EXCHANGE_ROLE_LABELS } from "@/lib/procedures/vocabulary";
import { RULE_KINDS, RULE_KIND_LABELS, type RuleSpec } from "@/lib/scheduling/rules";
import { DATE_INPUT_HINT } from "@/lib/time/format";
import { Select } from "@/components/forms/select";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const NTH = [
  [1, "First"],
  [2, "Second"],
  [3, "Third"],
  [4, "Fourth"],
  [-1, "Last"],
] as const;

export interface ScheduleFormValues {
  id?: string;
  procedureId: string;
  name: string;
  spec: RuleSpec;
  anchorDate: string;
  dueTime: string;
  graceMinutes: number;
  timeZone: string;
  assignee: string;
  scope: "ORGANISATION" | "PER_SERVER";
  scopeRoles: string[];
  active: boolean;
}

interface Options {
  procedures: { id: string; label: string; roles: string[] }[];
  users: { id: string; name: string }[];
}

type Preview = { ok: true; description: string; rrule: string; occurrences: { date: string; label: string; due: string }[] } | { ok: false; error: string };

function specFields(spec: RuleSpec) {
  return {
    kind: spec.kind,
    weekdays: spec.kind === "WEEKLY" ? spec.weekdays.map(String) : ["1"],
    interval: spec.kind === "WEEKLY" ? String(spec.interval) : "1",
    day: spec.kind === "MONTHLY_DAY" || spec.kind === "QUARTERLY" ? String(spec.day) : "1",
    nth: spec.kind === "MONTHLY_WEEKDAY" ? String(spec.nth) : "1",
    weekday: spec.kind === "MONTHLY_WEEKDAY" ? String(spec.weekday) : "1",
    rrule: spec.kind === "CUSTOM" ? spec.rrule : "",
    holidayPolicy: spec.kind === "CUSTOM" ? spec.holidayPolicy : "NONE",
  };
}

/** Creates or edits a schedule, previewing its next ten occurrences as the rule is typed. */
export function ScheduleForm({ action, values, options, submitLabel }: { action: FormAction; values: ScheduleFormValues; options: Options; submitLabel: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const initial = specFields(values.spec);
  const [kind, setKind] = useState<string>(initial.kind);
  const [scope, setScope] = useState(values.scope);
  const [preview, setPreview] = useState<Preview | null>(null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const f = (name: string) => `${id}-${name}`;

  const refreshPreview = useCallback(async () => {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    const body: Record<string, unknown> = {};
    for (const [k, v] of data.entries()) {
      if (k.startsWith("$ACTION")) continue;
      body[k] = k === "weekdays" ? data.getAll(k) : v;
    }
    try {
      const response = await fetch("/api/schedules/preview", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const json = (await response.json()) as Preview & { fieldErrors?: Record<string, string[]> };
      setPreview(json.ok ? json : { ok: false, error: Object.values(json.fieldErrors ?? {})[0]?.[0] ?? json.error });
    } catch {
      setPreview({ ok: false, error: "The preview could not be loaded." });
    }
  }, []);

  // First preview once the form is on screen; later ones follow edits (onChange below).
  useEffect(() => {
    const first = setTimeout(() => void refreshPreview(), 0);
    return () => clearTimeout(first);
  }, [refreshPreview]);

  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onChange = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void refreshPreview(), 300);
  };

  const err = (name: string) => (errors[name] ? <p className="text-sm text-red-700">{errors[name]!.join(" ")}</p> : null);

  return (
    <div className="grid gap-5 lg:grid-cols-3">
      <form
        ref={formRef}
        // Submitted by hand so a refused save keeps everything as typed (a form action would reset it).
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          startTransition(() => formAction(data));
        }}
        onChange={onChange} className="space-y-4 lg:col-span-2" noValidate aria-label={values.id ? "Edit schedule" : "New schedule"}>
        <FormMessage state={state} />
        {values.id && <input type="hidden" name="scheduleId" value={values.id} />}
        <input type="hidden" name="timeZone" value={values.timeZone} />
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1 sm:col-span-2">
            <label htmlFor={f("procedure")} className={labelClass}>
              Procedure
            </label>
            <Select id={f("procedure")} name="procedureId" defaultValue={values.procedureId} className={inputClass} aria-invalid={errors.procedureId ? true : undefined}>
              <option value="">Choose…</option>
              {options.procedures.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </Select>
            {err("procedureId")}
          </div>
          <div className="space-y-1">
            <label htmlFor={f("kind")} className={labelClass}>
              Recurs
            </label>
            <Select id={f("kind")} name="kind" value={kind} onChange={(e) => setKind(e.target.value)} className={inputClass}>
              {RULE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {RULE_KIND_LABELS[k]}
                </option>
              ))}
            </Select>
            {err("kind")}
          </div>
          <div className="space-y-1">
            <label htmlFor={f("anchor")} className={labelClass}>
              Starting on
            </label>
            <input id={f("anchor")} name="anchorDate" type="date" defaultValue={values.anchorDate} className={inputClass} aria-invalid={errors.anchorDate ? true : undefined} aria-describedby={f("anchor-hint")} />
            <p id={f("anchor-hint")} className="text-xs text-slate-600">
              {DATE_INPUT_HINT}
            </p>
            {err("anchorDate")}
          </div>
        </div>

        {kind === "WEEKLY" && (
          <fieldset className="space-y-2">
            <legend className={labelClass}>On</legend>
            <div className="grid grid-cols-2 gap-1 sm:grid-cols-4">
              {WEEKDAYS.map((d, i) => (
                <label key={d} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="weekdays" value={i + 1} defaultChecked={initial.weekdays.includes(String(i + 1))} className="h-4 w-4" />
                  {d}
                </label>
              ))}
            </div>
            {err("weekdays")}
            <label htmlFor={f("interval")} className={labelClass}>
              Every how many weeks
            </label>
            <input id={f("interval")} name="interval" type="number" min={1} max={52} defaultValue={initial.interval} className={`${inputClass} w-24`} />
            {err("interval")}
          </fieldset>
        )}
        {(kind === "MONTHLY_DAY" || kind === "QUARTERLY") && (
          <div className="space-y-1">
            <label htmlFor={f("day")} className={labelClass}>
              Day of the month
            </label>
            <input id={f("day")} name="day" type="number" min={1} max={31} defaultValue={initial.day} className={`${inputClass} w-24`} aria-describedby={f("day-hint")} />
            <p id={f("day-hint")} className="text-xs text-slate-600">
              In shorter months, days after the last one fall on the last day (31 → 30 April, 28 or 29 February).
            </p>
            {err("day")}
          </div>
        )}
        {kind === "MONTHLY_WEEKDAY" && (
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="space-y-1">
              <label htmlFor={f("nth")} className={labelClass}>
                Which
              </label>
              <Select id={f("nth")} name="nth" defaultValue={initial.nth} className={inputClass}>
                {NTH.map(([n, label]) => (
                  <option key={n} value={n}>
                    {label}
                  </option>
                ))}
              </Select>
            </div>
            <div className="space-y-1">
              <label htmlFor={f("weekday")} className={labelClass}>
                Weekday
              </label>
              <Select id={f("weekday")} name="weekday" defaultValue={initial.weekday} className={inputClass}>
                {WEEKDAYS.map((d, i) => (
                  <option key={d} value={i + 1}>
                    {d}
                  </option>
                ))}
              </Select>
            </div>
          </div>
        )}
        {kind === "CUSTOM" && (
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="space-y-1">
              <label htmlFor={f("rrule")} className={labelClass}>
                RRULE (RFC 5545, whole days)
              </label>
              <input id={f("rrule")} name="rrule" defaultValue={initial.rrule} placeholder="FREQ=MONTHLY;BYDAY=2TU" className={`${inputClass} font-mono`} aria-invalid={errors.rrule ? true : undefined} />
              {err("rrule")}
            </div>
            <div className="space-y-1">
              <label htmlFor={f("holidays")} className={labelClass}>
                Holidays
              </label>
              <Select id={f("holidays")} name="holidayPolicy" defaultValue={initial.holidayPolicy} className={inputClass}>
                <option value="NONE">Ignore holidays</option>
                <option value="SKIP">Skip holidays</option>
                <option value="PREVIOUS_BUSINESS_DAY">Move back to the previous business day</option>
              </Select>
            </div>
          </div>
        )}

        <div className="grid gap-3 sm:grid-cols-3">
          <div className="space-y-1">
            <label htmlFor={f("due")} className={labelClass}>
              Due at ({values.timeZone})
            </label>
            <input id={f("due")} name="dueTime" type="time" defaultValue={values.dueTime} className={inputClass} aria-invalid={errors.dueTime ? true : undefined} />
            {err("dueTime")}
          </div>
          <div className="space-y-1">
            <label htmlFor={f("grace")} className={labelClass}>
              Grace period (minutes)
            </label>
            <input id={f("grace")} name="graceMinutes" type="number" min={0} defaultValue={values.graceMinutes} className={inputClass} aria-invalid={errors.graceMinutes ? true : undefined} />
            {err("graceMinutes")}
          </div>
          <div className="space-y-1">
            <label htmlFor={f("assignee")} className={labelClass}>
              Assigned to
            </label>
            <Select id={f("assignee")} name="assignee" defaultValue={values.assignee} className={inputClass}>
              <optgroup label="A role">
                <option value="role:OPERATOR">Operators</option>
                <option value="role:MANAGER">Managers</option>
                <option value="role:ADMIN">Administrators</option>
              </optgroup>
              <optgroup label="A person">
                {options.users.map((u) => (
                  <option key={u.id} value={`user:${u.id}`}>
                    {u.name}
                  </option>
                ))}
              </optgroup>
            </Select>
            {err("assignee")}
          </div>
        </div>

        <fieldset className="space-y-2">
          <legend className={labelClass}>Runs</legend>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="scope" value="ORGANISATION" checked={scope === "ORGANISATION"} onChange={() => setScope("ORGANISATION")} />
            Once for the organisation
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name="scope" value="PER_SERVER" checked={scope === "PER_SERVER"} onChange={() => setScope("PER_SERVER")} />
            Once per server holding any of these roles:
          </label>
          {scope === "PER_SERVER" && (
            <div className="ml-6 grid grid-cols-2 gap-1 sm:grid-cols-3">
              {EXCHANGE_ROLES.map((r) => (
                <label key={r} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="scopeRoles" value={r} defaultChecked={values.scopeRoles.includes(r)} className="h-4 w-4" />
                  {EXCHANGE_ROLE_LABELS[r]}
                </label>
              ))}
            </div>
          )}
          {err("scopeRoles")}
        </fieldset>

        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor={f("name")} className={labelClass}>
              Label (optional)
            </label>
            <input id={f("name")} name="name" defaultValue={values.name} className={inputClass} />
          </div>
          <label className="flex items-center gap-2 self-end pb-2 text-sm">
            <input type="checkbox" name="active" defaultChecked={values.active} className="h-4 w-4" />
            Active
          </label>
        </div>
        <button type="submit" className={buttonClass.primary} disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
      </form>

      <aside aria-live="polite" aria-label="Next occurrences" className="rounded-md border border-slate-200 bg-slate-50 p-4 text-sm">
        <h3 className="font-semibold">Next ten occurrences</h3>
        {!preview && <p className="mt-2 text-slate-600">Working out the dates…</p>}
        {preview && !preview.ok && <p className="mt-2 text-red-700">{preview.error}</p>}
        {preview?.ok && (
          <>
            <p className="mt-1 text-slate-700">{preview.description}</p>
            <p className="break-all font-mono text-xs text-slate-600">RRULE:{preview.rrule}</p>
            <ol className="mt-2 list-decimal space-y-0.5 pl-5">
              {preview.occurrences.map((o) => (
                <li key={o.date}>
                  {o.label} <span className="text-slate-600">· due {o.due}</span>
                </li>
              ))}
            </ol>
          </>
        )}
      </aside>
    </div>
  );
}
