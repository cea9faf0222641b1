// Form pieces shared by the incident forms: long text, the affected servers, severity and assignee.
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { inputClass, labelClass } from "@/components/ui/styles";
import type { ActionState } from "@/lib/actions/result";
import { SEVERITIES, SEVERITY_HINTS, SEVERITY_LABELS } from "@/lib/incidents/workflow";
import { Select } from "@/components/forms/select";

/** The form-level message; when it would only repeat a field's message, the same summary a validation failure gets. */
export function formLevel(state: ActionState): ActionState {
  if (state && !state.ok && Object.values(state.fieldErrors).some((messages) => messages.includes(state.error))) {
    return { ...state, error: "Some fields need attention." };
  }
  return state;
}

/** What to tick after a refused submission: what was submitted, else the stored list. */
export function shownList(state: ActionState, name: string, fallback: string[]): string[] {
  if (state && !state.ok && state.values) {
    const v = state.values[name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  }
  return fallback;
}

export function Errors({ id, errors }: { id: string; errors?: string[] }) {
  return errors?.length ? (
    <p id={id} className="text-sm text-red-700">
      {errors.join(" ")}
    </p>
  ) : null;
}

export function TextAreaField({
  id,
  label,
  name,
  defaultValue,
  errors,
  hint,
  rows = 4,
}: {
  id: string;
  label: string;
  name: string;
  defaultValue: string;
  errors?: string[];
  hint?: string;
  rows?: number;
}) {
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        className={inputClass}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <Errors id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function SeveritySelect({ id, value, errors }: { id: string; value: string; errors?: string[] }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className={labelClass}>
        Severity
      </label>
      <Select
        id={id}
        name="severity"
        defaultValue={value}
        key={value}
        className={inputClass}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={`${id}-hint`}
      >
        {SEVERITIES.map((s) => (
          <option key={s} value={s}>
            {s} — {SEVERITY_LABELS[s]}
          </option>
        ))}
      </Select>
      <details id={`${id}-hint`} className="text-xs text-slate-600">
        <summary className="cursor-pointer">What the levels mean</summary>
        <ul className="mt-1 space-y-0.5">
          {SEVERITIES.map((s) => (
            <li key={s}>
              <strong>
                {s} {SEVERITY_LABELS[s]}:
              </strong>{" "}
              {SEVERITY_HINTS[s]}
            </li>
          ))}
        </ul>
      </details>
      <Errors id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function AssigneeSelect({ id, value, assignees, errors }: { id: string; value: string; assignees: { id: string; name: string }[]; errors?: string[] }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className={labelClass}>
        Assignee
      </label>
      <Select id={id} name="assigneeId" defaultValue={value} key={value} className={inputClass} aria-invalid={errors?.length ? true : undefined}>
        <option value="">Nobody yet</option>
        {assignees.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </Select>
      <Errors id={`${id}-error`} errors={errors} />
    </div>
  );
}

export function ServerPicker({
  idPrefix,
  servers,
  selected,
  errors,
}: {
  idPrefix: string;
  servers: { id: string; name: string }[];
  selected: string[];
  errors?: string[];
}) {
  return (
    <fieldset className="space-y-1" aria-describedby={errors?.length ? `${idPrefix}-servers-error` : undefined}>
      <legend className={labelClass}>Affected servers</legend>
      {servers.length === 0 ? (
        <p className="text-sm text-slate-600">The server inventory is empty.</p>
      ) : (
        <div className="grid grid-cols-2 gap-1 sm:grid-cols-3">
          {servers.map((s) => (
            <label key={s.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="serverIds" value={s.id} defaultChecked={selected.includes(s.id)} className="h-4 w-4" />
              {s.name}
            </label>
          ))}
        </div>
      )}
      <Errors id={`${idPrefix}-servers-error`} errors={errors} />
    </fieldset>
  );
}

/** Re-reads the page after a successful change, so the timeline and badges follow. */
export function useRefreshOnSuccess(state: { ok: boolean } | null) {
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
}
