import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SetupForm } from "@/components/forms/setup-form";
import { cardClass } from "@/components/ui/styles";
import { hasAnyUser } from "@/lib/auth/guard";
import { setupAction } from "@/lib/users/setup-actions";

export const metadata: Metadata = { title: "Set up" };

export default async function SetupPage() {
  // Once anyone exists, setup is gone for good.
  if (await hasAnyUser()) notFound();
  return (
    <div className="mx-auto mt-8 max-w-md">
      <div className={`${cardClass} p-6`}>
        <h1 className="text-xl font-semibold">Welcome to Opsbook</h1>
        <p className="mb-5 mt-1 text-sm text-slate-600">
          Create the first administrator. This page is shown only once: you are then signed in, and the dashboard lists what to set up
          next. Further accounts are added by an administrator.
        </p>
        <SetupForm action={setupAction} />
      </div>
    </div>
  );
}
