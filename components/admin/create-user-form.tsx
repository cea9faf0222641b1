"use client";
import { useActionState, useEffect, useRef } from "react";
import { Field, FormMessage } from "@/components/forms/field";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import { shown } from "@/lib/actions/result";
import { ROLES, ROLE_LABELS } from "@/lib/auth/roles";
import { Select } from "@/components/forms/select";

export function CreateUserForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form ref={formRef} action={formAction} className="space-y-3" noValidate aria-label="Add a user">
      <FormMessage state={state} />
      <Field label="Name" name="name" autoComplete="off" required defaultValue={shown(state, "name")} errors={errors.name} />
      <Field label="E-mail" name="email" type="email" autoComplete="off" required defaultValue={shown(state, "email")} errors={errors.email} />
      <div className="space-y-1">
        <label htmlFor="new-user-role" className={labelClass}>
          Role
        </label>
        <Select id="new-user-role" name="role" defaultValue={shown(state, "role", "OPERATOR")} key={shown(state, "role", "OPERATOR")} className={inputClass} aria-invalid={errors.role ? true : undefined}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </Select>
        {errors.role && <p className="text-sm text-red-700">{errors.role.join(" ")}</p>}
      </div>
      <Field
        label="Initial password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters and not built from common words; three or four unrelated words work well. Give it to the person through a safe channel."
        errors={errors.password}
      />
      <button type="submit" className={buttonClass.primary} disabled={pending}>
        {pending ? "Adding…" : "Add user"}
      </button>
    </form>
  );
}
