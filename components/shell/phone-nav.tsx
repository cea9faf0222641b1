"use client";
// Navigation below the sm breakpoint: the current page's name in the bar, and a "Menu" button that
// opens a panel with the search box and every page the user may open (main pages, then the
// management ones), the current one marked. It replaces a strip that scrolled sideways and hid
// most entries, often the current one among them.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Menu } from "@/components/ui/menu";
import { isCurrent } from "./current";
import { HeaderSearch } from "./header-search";

interface Item {
  href: string;
  label: string;
}

export function PhoneNav({ main, admin }: { main: Item[]; admin: Item[] }) {
  const pathname = usePathname();
  const current = [...main, ...admin].find((i) => isCurrent(pathname, i.href));
  return (
    <>
      {current && (
        <p className="min-w-0 flex-1 truncate text-sm font-medium text-chrome-50 sm:hidden" data-testid="phone-current-page">
          <span className="sr-only">Current page: </span>
          {current.label}
        </p>
      )}
      <Menu
        dataName="phone-nav"
        panelId="phone-nav"
        className="group ml-auto sm:hidden"
        summaryClassName="flex items-center gap-1.5 rounded-md px-2.5 py-2 text-sm font-medium text-chrome-50 hover:bg-chrome-800 group-open:bg-chrome-800"
        summary={
          <>
            <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5 fill-none stroke-current" strokeWidth="2">
              <path d="M3 5h14M3 10h14M3 15h14" />
            </svg>
            Menu
          </>
        }
        panelClassName="absolute inset-x-0 top-full z-30 max-h-[calc(100dvh-3.5rem)] overflow-y-auto border-b border-slate-200 bg-white px-4 pb-4 pt-3 text-slate-900 shadow-lg"
      >
        <HeaderSearch id="phone-search" inputClassName="border border-slate-300 bg-white text-slate-900 placeholder:text-slate-600" />
        <nav aria-label="Main" className="mt-3">
          <NavList items={main} pathname={pathname} />
          {admin.length > 0 && (
            <>
              <p id="phone-nav-manage" className="mt-3 border-t border-slate-200 px-3 pt-3 text-xs font-semibold uppercase tracking-wide text-slate-600">
                Manage
              </p>
              <NavList items={admin} pathname={pathname} labelledBy="phone-nav-manage" />
            </>
          )}
        </nav>
      </Menu>
    </>
  );
}

function NavList({ items, pathname, labelledBy }: { items: Item[]; pathname: string; labelledBy?: string }) {
  return (
    <ul aria-labelledby={labelledBy} className="mt-1 grid grid-cols-2 gap-1">
      {items.map((item) => {
        const active = isCurrent(pathname, item.href);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`block rounded-md border-l-4 px-3 py-2.5 text-sm ${
                active ? "border-brand-600 bg-brand-50 font-semibold text-brand-900" : "border-transparent text-slate-800 hover:bg-slate-100"
              }`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
