import type { Metadata } from "next";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UserRowActions } from "@/components/admin/user-row-actions";
import { cardClass } from "@/components/ui/styles";
import { ROLE_LABELS, isRole } from "@/lib/auth/roles";
import { requirePage } from "@/lib/auth/guard";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { formatDateTime } from "@/lib/time/format";
import { changeRoleAction, createUserAction, resetPasswordAction, setUserActiveAction, unlockUserAction } from "@/lib/users/actions";
import { listUsers } from "@/lib/users/queries";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await requirePage("/admin/users");
  const [users, settings] = await Promise.all([listUsers(), getOrganisationSettings()]);
  const now = new Date();
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Users</h1>
        <p className="mt-1 text-sm text-slate-600">
          Roles are cumulative: an operator can do what a viewer can, a manager what an operator can, an administrator everything.
          Changing a role, resetting a password or deactivating a user ends their open sessions. Ten wrong passwords in a row from addresses where an account has not signed in lock it for 30 minutes at such addresses; where the user has signed in before, they can still sign in. Unlocking an account or setting a new password lifts the lockout and clears the failed sign-ins that slow it down.
        </p>
      </div>
      <div className="grid gap-5 lg:grid-cols-3">
        <section aria-labelledby="add-user" className={`${cardClass} self-start p-5 lg:order-2`}>
          <h2 id="add-user" className="mb-3 text-lg font-semibold">
            Add a user
          </h2>
          <CreateUserForm action={createUserAction} />
        </section>
        <section aria-labelledby="user-list" className={`${cardClass} self-start overflow-x-auto lg:col-span-2`}>
          <h2 id="user-list" className="sr-only">
            All users
          </h2>
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2">User</th>
                <th scope="col" className="px-4 py-2">Role and status</th>
                <th scope="col" className="px-4 py-2">Actions</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {users.map((user) => (
                <tr key={user.id} className="align-top" data-testid={`user-${user.email}`}>
                  <td className="px-4 py-3">
                    <span className="font-medium">{user.name}</span>
                    {user.id === me.id && <span className="ml-1 text-xs text-slate-500">(you)</span>}
                    <span className="block text-slate-600">{user.email}</span>
                  </td>
                  <td className="px-4 py-3">
                    {isRole(user.role) ? ROLE_LABELS[user.role] : user.role}
                    <span className={`block text-xs ${user.active ? "text-green-800" : "text-red-700"}`}>
                      {user.active ? "Active" : "Deactivated"}
                    </span>
                    {user.lockedUntil && user.lockedUntil > now && (
                      <span className="block text-xs font-medium text-amber-800">
                        Locked out until {formatDateTime(user.lockedUntil, settings.timeZone)} after repeated wrong passwords
                      </span>
                    )}
                    {user.recentFailures > 0 && (
                      <span className="block text-xs text-slate-600">
                        {user.recentFailures} failed sign-in{user.recentFailures === 1 ? "" : "s"} in the last 15 minutes
                      </span>
                    )}
                    <span className="block text-xs text-slate-500">
                      {user.lastSignInAt ? `Last sign-in ${formatDateTime(user.lastSignInAt, settings.timeZone)}` : "Never signed in"}
                    </span>
                  </td>
                  <td className="px-4 py-3">
                    {isRole(user.role) && (
                      <UserRowActions
                        user={{ id: user.id, name: user.name, role: user.role, active: user.active, locked: Boolean(user.lockedUntil && user.lockedUntil > now) || user.recentFailures > 0 }}
                        isSelf={user.id === me.id}
                        actions={{ changeRole: changeRoleAction, setActive: setUserActiveAction, resetPassword: resetPasswordAction, unlock: unlockUserAction }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </div>
  );
}
