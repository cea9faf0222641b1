"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef } from "react";
import { ActionAlert } from "@/components/ui/alert";
import { Field } from "@/components/ui/form-field";
import { buttonClass } from "@/components/ui/styles";
import { useSubmit } from "@/components/ui/use-submit";
import type { FormAction } from "@/lib/actions/define";

/**
 * Creates the first administrator, then signs them in with what they just typed, through the same
 * sign-in as everyone (limits, audit, session row): no other way in is opened. Should that sign-in
 * not succeed (the server unreachable, say), the sign-in page takes over, as it always did after setup.
 */
export function SetupForm({ action }: { action: FormAction }) {
  const credentials = useRef<{ email: string; password: string } | null>(null);
  const router = useRouter();
  const { state, formAction, pending, errors, value } = useSubmit(action, {
    onSuccess: () => {
      const typed = credentials.current;
      credentials.current = null;
      const fallback = () => router.replace("/login?setup=done");
      if (!typed) return fallback();
      signIn("credentials", { redirect: false, email: typed.email, password: typed.password })
        // A full load, so the layout (the header's account menu) is rendered signed in too.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        .then((result) => (result?.ok && !result.error ? window.location.assign("/") : fallback()))
        .catch(fallback);
    },
  });
  const submit = (form: FormData) => {
    // Kept only until the answer comes back, to sign in with; never rendered or stored.
    credentials.current = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    formAction(form);
  };
  const finishing = pending || Boolean(state?.ok);
  return (
    <form action={submit} className="space-y-4" noValidate>
      <ActionAlert state={state?.ok ? { ok: true, message: "Administrator created. Signing you in…" } : state} />
      <Field label="Your name" name="name" autoComplete="name" required defaultValue={value("name")} errors={errors("name")} />
      <Field label="E-mail" name="email" type="email" autoComplete="username" required defaultValue={value("email")} errors={errors("email")} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 12 characters and not built from common words; three or four unrelated words work well."
        errors={errors("password")}
      />
      <Field label="Repeat password" name="confirm" type="password" autoComplete="new-password" required errors={errors("confirm")} />
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={finishing}>
        {pending ? "Creating…" : state?.ok ? "Signing in…" : "Create administrator"}
      </button>
    </form>
  );
}
