"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { buttonClass } from "@/components/ui/styles";
import { shown, type ActionResult, type ActionState } from "@/lib/actions/result";
import { Field, FormMessage } from "./field";

type Action = (state: ActionState, form: FormData) => Promise<ActionResult>;

export function SetupForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.replace("/login?setup=done");
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <Field label="Your name" name="name" autoComplete="name" required defaultValue={shown(state, "name")} errors={errors.name} />
      <Field label="E-mail" name="email" type="email" autoComplete="username" required defaultValue={shown(state, "email")} errors={errors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters and not built from common words; three or four unrelated words work well."
        errors={errors.password}
      />
      <Field label="Repeat password" name="confirm" type="password" autoComplete="new-password" required errors={errors.confirm} />
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={pending}>
        {pending ? "Creating…" : "Create administrator"}
      </button>
    </form>
  );
}
