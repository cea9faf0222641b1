"use client";
// Records a change, or edits its draft: what, why, the risk, the back-out plan, the planned window
// (in the organisation's time zone) and the affected servers.
import { useRouter } from "next/navigation";
import { useActionState, useId } from "react";
import { Field, FormMessage } from "@/components/forms/field";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import { shown, type ActionState } from "@/lib/actions/result";
import { CHANGE_RISKS, CHANGE_RISK_LABELS, CHANGE_TYPES, CHANGE_TYPE_HINTS, CHANGE_TYPE_LABELS } from "@/lib/changes/workflow";
import { EXCHANGE_ROLE_LABELS, type ExchangeRole } from "@/lib/procedures/vocabulary";
import { Select } from "@/components/forms/select";

export interface ChangeFormValues {
  title: string;
  type: string;
  description: string;
  reason: string;
  risk: string;
  backoutPlan: string;
  plannedStart: string;
  plannedEnd: string;
  serverIds: string[];
}

export const EMPTY_CHANGE: ChangeFormValues = {
  title: "",
  type: "NORMAL",
  description: "",
  reason: "",
  risk: "MEDIUM",
  backoutPlan: "",
  plannedStart: "",
  plannedEnd: "",
  serverIds: [],
};

interface ServerOption {
  id: string;
  name: string;
  site: string;
  roles: ExchangeRole[];
}

function TextArea({ id, name, label, hint, rows, defaultValue, errors }: { id: string; name: string; label: string; hint?: string; rows: number; defaultValue: string; errors?: string[] }) {
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <textarea id={id} name={name} rows={rows} defaultValue={defaultValue} className={inputClass} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy || undefined} />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function ChangeForm({
  action,
  values,
  servers,
  timeZone,
  changeId,
}: {
  action: FormAction;
  values: ChangeFormValues;
  servers: ServerOption[];
  timeZone: string;
  /** Editing this change's draft; absent when recording a new change. */
  changeId?: number;
}) {
  const router = useRouter();
  const id = useId();
  const [state, formAction, pending] = useActionState<ActionState, FormData>(async (previous, data) => {
    const result = await action(previous, data);
    if (result.ok) {
      const created = (result.data as { id?: number } | undefined)?.id;
      if (changeId === undefined && created) router.push(`/changes/${created}`);
      else router.refresh();
    }
    return result;
  }, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const f = (name: string) => `${id}-${name}`;
  const submittedServers = state && !state.ok && state.values ? (state.values.serverIds ?? []) : undefined;
  const chosenServers = submittedServers === undefined ? values.serverIds : Array.isArray(submittedServers) ? submittedServers : [submittedServers];
  const type = shown(state, "type", values.type);
  const formLabel = changeId === undefined ? "New change" : "Edit draft";

  return (
    <form action={formAction} className="space-y-5" noValidate aria-label={formLabel}>
      <FormMessage state={state} />
      {changeId !== undefined && <input type="hidden" name="changeId" value={changeId} />}
      <Field id={f("title")} label="Title" name="title" defaultValue={shown(state, "title", values.title)} required maxLength={150} errors={errors.title} hint="What changes, in a few words, e.g. Raise the message size limit on the Hub Transport servers." />

      <fieldset className="space-y-2">
        <legend className={labelClass}>Type</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {CHANGE_TYPES.map((t) => (
            <div key={t} className="rounded-md border border-slate-200 p-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
              <label className="flex items-center gap-2 text-sm font-medium text-slate-900">
                <input type="radio" name="type" value={t} defaultChecked={type === t} className="h-4 w-4" aria-describedby={f(`type-${t}`)} />
                {CHANGE_TYPE_LABELS[t]}
              </label>
              <p id={f(`type-${t}`)} className="mt-1 pl-6 text-xs text-slate-600">
                {CHANGE_TYPE_HINTS[t]}
              </p>
            </div>
          ))}
        </div>
        {errors.type && <p className="text-sm text-red-700">{errors.type.join(" ")}</p>}
      </fieldset>

      <TextArea id={f("description")} name="description" label="Description" rows={4} defaultValue={shown(state, "description", values.description)} errors={errors.description} hint="What will be done, step by step, with the commands where there are any." />
      <TextArea id={f("reason")} name="reason" label="Reason" rows={2} defaultValue={shown(state, "reason", values.reason)} errors={errors.reason} hint="Why the change is needed." />

      <div className="grid gap-4 sm:grid-cols-3">
        <div className="space-y-1">
          <label htmlFor={f("risk")} className={labelClass}>
            Risk
          </label>
          <Select id={f("risk")} name="risk" defaultValue={shown(state, "risk", values.risk)} className={inputClass} aria-invalid={errors.risk ? true : undefined}>
            {CHANGE_RISKS.map((r) => (
              <option key={r} value={r}>
                {CHANGE_RISK_LABELS[r]}
              </option>
            ))}
          </Select>
          {errors.risk && <p className="text-sm text-red-700">{errors.risk.join(" ")}</p>}
        </div>
        <Field id={f("plannedStart")} label="Planned start" name="plannedStart" type="datetime-local" defaultValue={shown(state, "plannedStart", values.plannedStart)} required errors={errors.plannedStart} hint={`Local time, ${timeZone}`} />
        <Field id={f("plannedEnd")} label="Planned end" name="plannedEnd" type="datetime-local" defaultValue={shown(state, "plannedEnd", values.plannedEnd)} required errors={errors.plannedEnd} hint={`Local time, ${timeZone}`} />
      </div>

      <TextArea id={f("backoutPlan")} name="backoutPlan" label="Back-out plan" rows={3} defaultValue={shown(state, "backoutPlan", values.backoutPlan)} errors={errors.backoutPlan} hint="How to undo the change if it goes wrong." />

      <fieldset aria-describedby={errors.serverIds ? f("servers-error") : undefined}>
        <legend className={labelClass}>Affected servers</legend>
        {servers.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">There are no servers in service. An administrator adds them under Servers.</p>
        ) : (
          <div className="mt-1 grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
            {servers.map((s) => (
              <label key={s.id} className="flex items-start gap-2 rounded-md px-1 py-1 text-sm hover:bg-slate-50">
                <input type="checkbox" name="serverIds" value={s.id} defaultChecked={chosenServers.includes(s.id)} className="mt-0.5 h-4 w-4" />
                <span>
                  <span className="font-medium">{s.name}</span>{" "}
                  <span className="text-xs text-slate-600">
                    {s.roles.map((r) => EXCHANGE_ROLE_LABELS[r]).join(", ") || "no Exchange role"} · {s.site}
                  </span>
                </span>
              </label>
            ))}
          </div>
        )}
        {errors.serverIds && (
          <p id={f("servers-error")} className="mt-1 text-sm text-red-700">
            {errors.serverIds.join(" ")}
          </p>
        )}
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass.primary} disabled={pending}>
          {pending ? "Saving…" : changeId === undefined ? "Save as draft" : "Save draft"}
        </button>
        <p className="text-sm text-slate-600">{changeId === undefined ? "You can review the draft before submitting it for approval." : "Only you can edit this draft until you submit it."}</p>
      </div>
    </form>
  );
}
