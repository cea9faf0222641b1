"use client";
import { signIn } from "next-auth/react";
import { useState, useSyncExternalStore } from "react";
import { buttonClass } from "@/components/ui/styles";
import { resolveCallbackTarget } from "@/lib/auth/callback-target";
import { Field } from "./field";

export function SignInForm({ callbackUrl, notice }: { callbackUrl?: string; notice?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The form signs in through script. Until the script has loaded, the button stays disabled: a
  // submit before then would be the browser's own, and must never put the password in a URL.
  const ready = useSyncExternalStore(noSubscription, () => true, () => false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    try {
      const result = await signIn("credentials", {
        redirect: false,
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
      });
      if (result?.ok && !result.error) {
        // Resolved again here, against the origin the browser is actually on, just before it is followed.
        window.location.assign(resolveCallbackTarget(callbackUrl, window.location.origin));
        return;
      }
      setError("Sign-in failed. Check your e-mail and password. After several failures, wait a few minutes before trying again.");
    } catch {
      setError("The server could not be reached. Try again in a moment.");
    }
    setBusy(false);
  }

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      {notice && (
        <p role="status" className="rounded-md border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900">
          {notice}
        </p>
      )}
      {error && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {error}
        </p>
      )}
      <Field label="E-mail" name="email" type="email" autoComplete="username" required autoFocus />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required />
      <button type="submit" className={`${buttonClass.primary} w-full`} disabled={busy || !ready}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}

/** Nothing to subscribe to: the value only differs between the server's render and the browser's. */
function noSubscription(): () => void {
  return () => {};
}
