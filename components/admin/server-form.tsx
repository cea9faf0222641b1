"use client";
import { useActionState, useId } from "react";
import { ActionAlert } from "@/components/ui/alert";
import { ErrorList, Field, TextareaField } from "@/components/ui/form-field";
import { buttonClass } from "@/components/ui/styles";
import { useSubmit } from "@/components/ui/use-submit";
import type { FormAction } from "@/lib/actions/define";
import { VARIABLE_KIND_LABELS, type VariableKind } from "@/lib/procedures/placeholders";
import { EXCHANGE_ROLES, EXCHANGE_ROLE_LABELS, type ExchangeRole } from "@/lib/procedures/vocabulary";

interface ServerValues {
  id?: string;
  name: string;
  fqdn: string;
  site: string;
  description: string;
  roles: ExchangeRole[];
  storageGroups: string[];
  /** Per-server variable values by name. */
  variables: Record<string, string>;
}

/** A per-server variable the form offers a field for. */
export interface ServerVariableField {
  name: string;
  kind: VariableKind;
  description: string;
}

const EMPTY: ServerValues = { name: "", fqdn: "", site: "", description: "", roles: [], storageGroups: [], variables: {} };

/**
 * Adds a server (no id) or edits one: its names, roles, storage groups and the values its commands
 * use ({{var:NAME}}). Everything is saved together, or nothing when a field is refused.
 */
export function ServerForm({ action, server = EMPTY, variables, submitLabel }: { action: FormAction; server?: ServerValues; variables: readonly ServerVariableField[]; submitLabel: string }) {
  const { state, formAction, pending, formRef, errors, value } = useSubmit(action, { resetOnSuccess: !server.id });
  const id = useId();
  const submitted = state && !state.ok && state.values ? (state.values.roles ?? []) : undefined;
  const checkedRoles: string[] = submitted === undefined ? server.roles : Array.isArray(submitted) ? submitted : [submitted];
  return (
    <form ref={formRef} action={formAction} className="space-y-3" noValidate aria-label={server.id ? `Edit ${server.name}` : "Add a server"}>
      <ActionAlert state={state} />
      {server.id && <input type="hidden" name="serverId" value={server.id} />}
      <Field id={`${id}-name`} label="Name" name="name" defaultValue={value("name", server.name)} required hint="NetBIOS name, e.g. EXMBX03." errors={errors("name")} />
      <Field id={`${id}-fqdn`} label="Host name (FQDN)" name="fqdn" defaultValue={value("fqdn", server.fqdn)} errors={errors("fqdn")} />
      <Field id={`${id}-site`} label="Active Directory site" name="site" defaultValue={value("site", server.site)} required hint="As Active Directory names it, e.g. London-HQ." errors={errors("site")} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Exchange roles</legend>
        <div className="mt-1 grid grid-cols-2 gap-1">
          {EXCHANGE_ROLES.map((role) => (
            <label key={role} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="roles" value={role} defaultChecked={checkedRoles.includes(role)} className="h-4 w-4" />
              {EXCHANGE_ROLE_LABELS[role]}
            </label>
          ))}
        </div>
        <ErrorList errors={errors("roles")} />
      </fieldset>
      <Field id={`${id}-description`} label="Description" name="description" defaultValue={value("description", server.description)} errors={errors("description")} />
      <TextareaField
        id={`${id}-storage-groups`}
        label="Storage groups"
        name="storageGroups"
        rows={3}
        defaultValue={value("storageGroups", server.storageGroups.join("\n"))}
        hint="One per line, as Exchange names them. Commands that use {{storageGroup}} are shown once for each."
        errors={errors("storageGroups")}
      />
      {variables.length > 0 && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">Values for commands</legend>
          <p className="text-xs text-slate-600">Leave a value empty when the server has none; its commands then show the placeholder for the operator to fill in.</p>
          {variables.map((v) => (
            <Field
              key={v.name}
              id={`${id}-var-${v.name}`}
              label={<span className="font-mono text-xs">{`{{var:${v.name}}}`}</span>}
              name={`vars.${v.name}`}
              defaultValue={value(`vars.${v.name}`, server.variables[v.name] ?? "")}
              hint={`${VARIABLE_KIND_LABELS[v.kind]}. ${v.description}`}
              errors={errors(`vars.${v.name}`)}
            />
          ))}
        </fieldset>
      )}
      <button type="submit" className={buttonClass.primary} disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}

export function ServerActiveToggle({ action, serverId, active, name }: { action: FormAction; serverId: string; active: boolean; name: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="serverId" value={serverId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <button type="submit" className={active ? buttonClass.danger : buttonClass.small} disabled={pending} aria-label={`${active ? "Retire" : "Reactivate"} ${name}`}>
        {active ? "Retire" : "Reactivate"}
      </button>
      <ActionAlert state={state} />
    </form>
  );
}
