import Link from "next/link";
import type { NavItem } from "@/lib/navigation";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { ManageMenu } from "./manage-menu";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";

interface Props {
  user: { name: string; email: string; role: Role } | null;
  nav: NavItem[];
}

export function Header({ user, nav }: Props) {
  const main = nav.filter((n) => n.group === "main");
  const admin = nav.filter((n) => n.group === "admin");
  return (
    <header className="no-print bg-brand-900 text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 sm:px-6">
        <Link href="/" className="flex items-center gap-2 py-1 text-lg font-semibold tracking-tight text-white">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 fill-none stroke-current" strokeWidth="2">
            <path d="M5 4h11l3 3v13H5z" />
            <path d="M8 11l2 2 4-4M8 16h8" />
          </svg>
          Opsbook
        </Link>
        {user && (
          <nav aria-label="Main" className="order-3 -mx-1 flex w-full min-w-0 items-center gap-1 sm:order-none sm:w-auto sm:flex-1">
            <div className="flex min-w-0 gap-1 overflow-x-auto">
              {main.map((item) => (
                <NavLink key={item.href} href={item.href} label={item.label} />
              ))}
            </div>
            {admin.length > 0 && <ManageMenu items={admin.map(({ href, label }) => ({ href, label }))} />}
          </nav>
        )}
        {user && (
          <details className="relative ml-auto">
            <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-brand-800">
              <span
                aria-hidden="true"
                className="flex h-7 w-7 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold"
              >
                {initials(user.name)}
              </span>
              <span className="hidden sm:inline">{user.name}</span>
              <span className="sr-only">Account menu</span>
            </summary>
            <div className="absolute right-0 z-20 mt-1 w-64 rounded-md border border-slate-200 bg-white p-2 text-slate-900 shadow-lg">
              <p className="px-3 pt-1 text-sm font-medium">{user.name}</p>
              <p className="truncate px-3 text-xs text-slate-600">{user.email}</p>
              <p className="px-3 pb-2 text-xs text-slate-600">{ROLE_LABELS[user.role]}</p>
              <div className="border-t border-slate-200 pt-1">
                <SignOutButton />
              </div>
            </div>
          </details>
        )}
      </div>
    </header>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts.at(-1)?.[0] ?? "") : "")).toUpperCase() || "?";
}
