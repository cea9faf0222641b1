import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/forms/sign-in-form";
import { cardClass } from "@/components/ui/styles";
import { resolveCallbackTarget } from "@/lib/auth/callback-target";
import { hasAnyUser } from "@/lib/auth/guard";
import { portalOrigin } from "@/lib/auth/options";
import { getCurrentUser } from "@/lib/auth/session";
import { SESSION_COOKIE_NAMES } from "@/lib/http/security";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await hasAnyUser())) redirect("/setup");
  if (await getCurrentUser()) redirect("/");
  const params = await searchParams;
  // Only a path of the portal reaches the form (next-auth sends its own absolute URL here).
  const host = (await headers()).get("host");
  const callbackUrl = resolveCallbackTarget(params.callbackUrl, portalOrigin(`http://${host ?? "localhost"}`));
  // A session cookie that no longer resolves to a user: the session was ended (idle, time limit,
  // sign-out elsewhere, an administrator's change), so say why the sign-in form is back.
  const jar = await cookies();
  const staleSession = SESSION_COOKIE_NAMES.some((name) => jar.has(name));
  const notice =
    params.setup === "done"
      ? "The administrator account is ready. Sign in with it."
      : params.signedOut
        ? "You are signed out."
        : staleSession
          ? "Your session has ended: it was signed out, idle for too long or past its time limit, or your account changed. Sign in again to continue."
          : undefined;
  return (
    <div className="mx-auto mt-8 max-w-sm">
      <div className={`${cardClass} p-6`}>
        <h1 className="text-xl font-semibold">Sign in to Opsbook</h1>
        <p className="mb-5 mt-1 text-sm text-slate-600">Operations procedures for the Exchange organisation.</p>
        <SignInForm callbackUrl={callbackUrl} notice={notice} />
      </div>
    </div>
  );
}
