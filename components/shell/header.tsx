import Link from "next/link";
import type { NavItem } from "@/lib/navigation";
import type { Role } from "@/lib/auth/roles";
import { AccountMenu } from "./account-menu";
import { HeaderSearch } from "./header-search";
import { ManageMenu } from "./manage-menu";
import { NavLink } from "./nav-link";
import { PhoneNav } from "./phone-nav";
import { SearchShortcut } from "./search-shortcut";

interface Props {
  user: { name: string; email: string; role: Role } | null;
  nav: NavItem[];
}

// Below the sm breakpoint the pages move into PhoneNav's panel. From sm up they sit in the bar: on
// a row of their own up to lg, beside the logo from lg; a row that does not fit wraps rather than
// scrolling sideways out of sight. The bar keeps its own navy ("chrome") colours in both themes.
export function Header({ user, nav }: Props) {
  const main = nav.filter((n) => n.group === "main").map(({ href, label }) => ({ href, label }));
  const admin = nav.filter((n) => n.group === "admin").map(({ href, label }) => ({ href, label }));
  return (
    <header className="app-header no-print relative bg-chrome-900 text-chrome-50">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 sm:px-6">
        <Link href="/" className="flex shrink-0 items-center gap-2 py-1 text-lg font-semibold tracking-tight text-white">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6 fill-none stroke-current" strokeWidth="2">
            <path d="M5 4h11l3 3v13H5z" />
            <path d="M8 11l2 2 4-4M8 16h8" />
          </svg>
          Opsbook
        </Link>
        {user && (
          <>
            <nav aria-label="Main" className="hidden min-w-0 sm:order-last sm:block sm:w-full xl:order-none xl:w-auto xl:flex-1">
              <ul className="flex flex-wrap items-center gap-1 xl:gap-0.5">
                {main.map((item) => (
                  <li key={item.href}>
                    <NavLink href={item.href} label={item.label} />
                  </li>
                ))}
                {admin.length > 0 && (
                  <li>
                    <ManageMenu items={admin} />
                  </li>
                )}
              </ul>
            </nav>
            <HeaderSearch
              id="header-search"
              className="hidden w-44 shrink-0 sm:ml-auto sm:block xl:ml-0 xl:w-36"
              inputClassName="border border-chrome-700 bg-chrome-800 text-white placeholder:text-chrome-100"
            />
            <PhoneNav main={main} admin={admin} />
            <AccountMenu user={user} />
            <SearchShortcut />
          </>
        )}
      </div>
    </header>
  );
}
