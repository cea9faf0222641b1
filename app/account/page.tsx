import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PasswordForm } from "@/components/account/password-form";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { formatDateTime } from "@/lib/time/format";
import { getAccount } from "@/lib/users/account";
import { changeOwnPasswordAction } from "@/lib/users/actions";
import { PASSWORD_MIN_LENGTH } from "@/lib/users/schemas";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await requirePage("/account");
  const [account, { timeZone }] = await Promise.all([getAccount(user.id), getOrganisationSettings()]);
  if (!account) notFound();
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Your account</h1>
        <p className="mt-1 text-sm text-slate-600">Your name, e-mail and role are set by an administrator under Users. Your password is yours to change.</p>
      </div>
      <div className="grid gap-5 lg:grid-cols-2">
        <section aria-labelledby="details" className={`${cardClass} self-start p-5`}>
          <h2 id="details" className="mb-3 text-lg font-semibold">
            Details
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <dt className="text-slate-600">Name</dt>
            <dd data-testid="account-name">{account.name}</dd>
            <dt className="text-slate-600">E-mail</dt>
            <dd data-testid="account-email" className="break-all">
              {account.email}
            </dd>
            <dt className="text-slate-600">Role</dt>
            <dd data-testid="account-role">{account.roleLabel}</dd>
            <dt className="text-slate-600">Password changed</dt>
            <dd>{formatDateTime(account.passwordChangedAt, timeZone)}</dd>
            <dt className="text-slate-600">Last sign-in</dt>
            <dd>{account.lastSignInAt ? formatDateTime(account.lastSignInAt, timeZone) : "—"}</dd>
          </dl>
        </section>
        <section aria-labelledby="password" className={`${cardClass} self-start p-5`}>
          <h2 id="password" className="text-lg font-semibold">
            Change your password
          </h2>
          <p className="mb-4 mt-1 text-sm text-slate-600">
            Your other browsers and devices are signed out when it changes; this one stays signed in. Wrong current passwords count like wrong
            sign-ins.
          </p>
          <PasswordForm action={changeOwnPasswordAction} minLength={PASSWORD_MIN_LENGTH} />
        </section>
      </div>
    </div>
  );
}
