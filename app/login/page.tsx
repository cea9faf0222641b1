import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/forms/sign-in-form";
import { cardClass } from "@/components/ui/styles";
import { hasAnyUser } from "@/lib/auth/guard";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await hasAnyUser())) redirect("/setup");
  if (await getCurrentUser()) redirect("/");
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : undefined;
  const notice =
    params.setup === "done"
      ? "The administrator account is ready. Sign in with it."
      : params.signedOut
        ? "You are signed out."
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
