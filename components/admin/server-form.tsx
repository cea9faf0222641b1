"use client";
import { useActionState, useEffect, useId, useRef } from "react";
import { Field, FormMessage } from "@/components/forms/field";
import { buttonClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import { shown } from "@/lib/actions/result";
import { EXCHANGE_ROLES, EXCHANGE_ROLE_LABELS, type ExchangeRole } from "@/lib/procedures/vocabulary";

interface ServerValues {
  id?: string;
  name: string;
  fqdn: string;
  site: string;
  description: string;
  roles: ExchangeRole[];
}

const EMPTY: ServerValues = { name: "", fqdn: "", site: "", description: "", roles: [] };

/** Adds a server (no id) or edits one. */
export function ServerForm({ action, server = EMPTY, submitLabel }: { action: FormAction; server?: ServerValues; submitLabel: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  const id = useId();
  useEffect(() => {
    if (state?.ok && !server.id) formRef.current?.reset();
  }, [state, server.id]);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const submitted = state && !state.ok && state.values ? (state.values.roles ?? []) : undefined;
  const checkedRoles: string[] = submitted === undefined ? server.roles : Array.isArray(submitted) ? submitted : [submitted];
  return (
    <form ref={formRef} action={formAction} className="space-y-3" noValidate aria-label={server.id ? `Edit ${server.name}` : "Add a server"}>
      <FormMessage state={state} />
      {server.id && <input type="hidden" name="serverId" value={server.id} />}
      <Field id={`${id}-name`} label="Name" name="name" defaultValue={shown(state, "name", server.name)} required hint="NetBIOS name, e.g. EXMBX03." errors={errors.name} />
      <Field id={`${id}-fqdn`} label="Host name (FQDN)" name="fqdn" defaultValue={shown(state, "fqdn", server.fqdn)} errors={errors.fqdn} />
      <Field id={`${id}-site`} label="Active Directory site" name="site" defaultValue={shown(state, "site", server.site)} required errors={errors.site} />
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
        {errors.roles && <p className="mt-1 text-sm text-red-700">{errors.roles.join(" ")}</p>}
      </fieldset>
      <Field id={`${id}-description`} label="Description" name="description" defaultValue={shown(state, "description", server.description)} errors={errors.description} />
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
      <FormMessage state={state} />
    </form>
  );
}
