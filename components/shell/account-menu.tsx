// Who is signed in, their account page and signing out, behind the avatar.
import Link from "next/link";
import { Menu } from "@/components/ui/menu";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { SignOutButton } from "./sign-out-button";

export function AccountMenu({ user }: { user: { name: string; email: string; role: Role } }) {
  return (
    <Menu
      className="group relative"
      panelId="account-menu"
      summaryClassName="flex items-center gap-2 rounded-md px-1.5 py-1 text-sm text-chrome-50 hover:bg-chrome-800 group-open:bg-chrome-800"
      summary={
        <>
          <span aria-hidden="true" className="flex h-7 w-7 items-center justify-center rounded-full bg-chrome-600 text-xs font-semibold text-white">
            {initials(user.name)}
          </span>
          <span className="sr-only">Account menu</span>
        </>
      }
      panelClassName="absolute right-0 z-30 mt-1 w-64 max-w-[calc(100vw-2rem)] rounded-md border border-slate-200 bg-white p-2 text-slate-900 shadow-lg"
    >
      <p className="px-3 pt-1 text-sm font-medium">{user.name}</p>
      <p className="truncate px-3 text-xs text-slate-600">{user.email}</p>
      <p className="px-3 pb-2 text-xs text-slate-600">{ROLE_LABELS[user.role]}</p>
      <div className="space-y-0.5 border-t border-slate-200 pt-1">
        <Link href="/account" className="block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100">
          Account
        </Link>
        <SignOutButton />
      </div>
    </Menu>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase() || "?";
}
