// The form kit: every labelled control with its hint and errors, announced to assistive
// technology the same way everywhere. Errors come from an action's fieldErrors by field name.
import type { ComponentProps, ReactNode } from "react";
import { inputClass, labelClass } from "@/components/ui/styles";

interface Described {
  label: ReactNode;
  name: string;
  errors?: string[];
  hint?: ReactNode;
  id?: string;
}

function ids(name: string, id: string | undefined, hint: unknown, errors: string[] | undefined) {
  const fieldId = id ?? `field-${name}`;
  const describedBy = [hint ? `${fieldId}-hint` : null, errors?.length ? `${fieldId}-error` : null].filter(Boolean).join(" ");
  return { fieldId, describedBy: describedBy || undefined, invalid: errors?.length ? true : undefined };
}

/** The hint and the errors under a control. */
export function FieldNotes({ fieldId, hint, errors }: { fieldId: string; hint?: ReactNode; errors?: string[] }) {
  return (
    <>
      {hint && (
        <p id={`${fieldId}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <ErrorList id={`${fieldId}-error`} errors={errors} />
    </>
  );
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="text-sm text-red-700">
      {errors.join(" ")}
    </p>
  );
}

type InputProps = Described & Omit<ComponentProps<"input">, "name" | "id">;

/** A labelled input. */
export function Field({ label, name, errors, hint, id, className, ...input }: InputProps) {
  const { fieldId, describedBy, invalid } = ids(name, id, hint, errors);
  return (
    <div className={`space-y-1 ${className ?? ""}`}>
      <label htmlFor={fieldId} className={labelClass}>
        {label}
      </label>
      <input id={fieldId} name={name} className={inputClass} aria-invalid={invalid} aria-describedby={describedBy} {...input} />
      <FieldNotes fieldId={fieldId} hint={hint} errors={errors} />
    </div>
  );
}

type TextareaProps = Described & Omit<ComponentProps<"textarea">, "name" | "id">;

/** A labelled textarea. */
export function TextareaField({ label, name, errors, hint, id, className, ...textarea }: TextareaProps) {
  const { fieldId, describedBy, invalid } = ids(name, id, hint, errors);
  return (
    <div className={`space-y-1 ${className ?? ""}`}>
      <label htmlFor={fieldId} className={labelClass}>
        {label}
      </label>
      <textarea id={fieldId} name={name} className={inputClass} aria-invalid={invalid} aria-describedby={describedBy} {...textarea} />
      <FieldNotes fieldId={fieldId} hint={hint} errors={errors} />
    </div>
  );
}

type SelectProps = Described & Omit<ComponentProps<"select">, "name" | "id"> & { options: readonly { value: string; label: string }[] };

/**
 * A labelled select. It remounts when its default changes: React applies a select's default only
 * when it mounts, so after a save the page would otherwise show the first option, not the saved one.
 */
export function SelectField({ label, name, errors, hint, id, className, options, defaultValue, ...select }: SelectProps) {
  const { fieldId, describedBy, invalid } = ids(name, id, hint, errors);
  return (
    <div className={`space-y-1 ${className ?? ""}`}>
      <label htmlFor={fieldId} className={labelClass}>
        {label}
      </label>
      <select
        key={Array.isArray(defaultValue) ? defaultValue.join("\u0000") : String(defaultValue ?? "")}
        id={fieldId}
        name={name}
        className={inputClass}
        defaultValue={defaultValue}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldNotes fieldId={fieldId} hint={hint} errors={errors} />
    </div>
  );
}

type CheckboxProps = Described & Omit<ComponentProps<"input">, "name" | "id" | "type">;

/** A checkbox with its label beside it. */
export function CheckboxField({ label, name, errors, hint, id, className, ...input }: CheckboxProps) {
  const { fieldId, describedBy, invalid } = ids(name, id, hint, errors);
  return (
    <div className={`space-y-1 ${className ?? ""}`}>
      <div className="flex items-start gap-2">
        <input
          id={fieldId}
          name={name}
          type="checkbox"
          className="mt-0.5 h-4 w-4 rounded border-slate-300 text-brand-700 focus:ring-brand-600"
          aria-invalid={invalid}
          aria-describedby={describedBy}
          {...input}
        />
        <label htmlFor={fieldId} className="text-sm text-slate-800">
          {label}
        </label>
      </div>
      <FieldNotes fieldId={fieldId} hint={hint} errors={errors} />
    </div>
  );
}
