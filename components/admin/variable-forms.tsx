"use client";
// Placeholder variables on the Servers page: define one, change its description or (for the
// organisation) its value, remove one that no procedure uses.
import { useId } from "react";
import { ActionAlert } from "@/components/ui/alert";
import { Field, SelectField } from "@/components/ui/form-field";
import { buttonClass } from "@/components/ui/styles";
import { useSubmit } from "@/components/ui/use-submit";
import type { FormAction } from "@/lib/actions/define";
import { VARIABLE_KINDS, VARIABLE_KIND_LABELS, type VariableKind, type VariableScope } from "@/lib/procedures/placeholders";

const SCOPE_OPTIONS = [
  { value: "SERVER", label: "Per server: {{var:NAME}}" },
  { value: "ORGANISATION", label: "Organisation: {{org:NAME}}" },
];
const KIND_OPTIONS = VARIABLE_KINDS.map((k) => ({ value: k, label: VARIABLE_KIND_LABELS[k] }));

export function DefineVariableForm({ action }: { action: FormAction }) {
  const { state, formAction, pending, formRef, errors, value } = useSubmit(action, { resetOnSuccess: true });
  const id = useId();
  return (
    <form ref={formRef} action={formAction} className="space-y-3" noValidate aria-label="Define a variable">
      <ActionAlert state={state} />
      <Field id={`${id}-name`} label="Name" name="name" defaultValue={value("name")} required hint="Letters and digits, starting with a letter, e.g. queueDrive." errors={errors("name")} />
      <SelectField id={`${id}-scope`} label="Scope" name="scope" options={SCOPE_OPTIONS} defaultValue={value("scope", "SERVER")} errors={errors("scope")} />
      <SelectField id={`${id}-kind`} label="Kind of value" name="kind" options={KIND_OPTIONS} defaultValue={value("kind", "DRIVE")} hint="Values are checked against it when saved, so that none can break a command." errors={errors("kind")} />
      <Field id={`${id}-description`} label="Description" name="description" defaultValue={value("description")} hint="What the value is, for authors and for whoever sets it." errors={errors("description")} />
      <Field id={`${id}-value`} label="Organisation value" name="value" defaultValue={value("value")} hint="Organisation variables only; per-server values are set on each server." errors={errors("value")} />
      <button type="submit" className={buttonClass.primary} disabled={pending}>
        {pending ? "Saving…" : "Define variable"}
      </button>
    </form>
  );
}

export interface VariableValues {
  name: string;
  scope: VariableScope;
  kind: VariableKind;
  description: string;
  value: string;
}

const placeholderOf = (v: { scope: VariableScope; name: string }) => (v.scope === "SERVER" ? `{{var:${v.name}}}` : `{{org:${v.name}}}`);

export function EditVariableForm({ action, variable }: { action: FormAction; variable: VariableValues }) {
  const { state, formAction, pending, formRef, errors, value } = useSubmit(action);
  const id = useId();
  return (
    <form ref={formRef} action={formAction} className="space-y-2" noValidate aria-label={`Edit ${placeholderOf(variable)}`}>
      <ActionAlert state={state} />
      <input type="hidden" name="name" value={variable.name} />
      <Field id={`${id}-description`} label="Description" name="description" defaultValue={value("description", variable.description)} errors={errors("description")} />
      {variable.scope === "ORGANISATION" && (
        <Field id={`${id}-value`} label="Value" name="value" defaultValue={value("value", variable.value)} hint={VARIABLE_KIND_LABELS[variable.kind]} errors={errors("value")} />
      )}
      <button type="submit" className={buttonClass.small} disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </button>
    </form>
  );
}

export function RemoveVariableForm({ action, variable }: { action: FormAction; variable: { name: string; scope: VariableScope } }) {
  const { state, formAction, pending } = useSubmit(action);
  const placeholder = placeholderOf(variable);
  return (
    <form
      action={formAction}
      className="space-y-1"
      onSubmit={(e) => {
        if (!window.confirm(`Remove ${placeholder}? Its values on every server go with it.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="name" value={variable.name} />
      <button type="submit" className={buttonClass.danger} disabled={pending} aria-label={`Remove ${placeholder}`}>
        Remove
      </button>
      <ActionAlert state={state} />
    </form>
  );
}
