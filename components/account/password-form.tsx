"use client";
import { Field } from "@/components/ui/form-field";
import { ActionAlert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/styles";
import { useSubmit } from "@/components/ui/use-submit";
import type { FormAction } from "@/lib/actions/define";

/** Changing one's own password: the current one, the new one twice. Passwords are never sent back to the form. */
export function PasswordForm({ action, minLength }: { action: FormAction; minLength: number }) {
  const { state, formAction, pending, formRef, errors } = useSubmit(action, { resetOnSuccess: true });
  return (
    <form ref={formRef} action={formAction} className="space-y-4" noValidate aria-label="Change your password">
      <ActionAlert state={state} />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={errors("currentPassword")} />
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={`At least ${minLength} characters and not built from common words; three or four unrelated words work well.`}
        errors={errors("password")}
      />
      <Field label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" required errors={errors("confirm")} />
      <button type="submit" className={buttonClass.primary} disabled={pending}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
