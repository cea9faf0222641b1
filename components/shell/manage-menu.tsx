"use client";
// The management pages (schedules, users, servers, tools, settings) in one menu, so the header
// keeps the daily pages in view.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Menu } from "@/components/ui/menu";
import { isCurrent } from "./current";

export function ManageMenu({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  const active = items.some((i) => isCurrent(pathname, i.href));
  return (
    <Menu
      className="relative"
      panelId="manage-menu"
      summaryClassName={`flex items-center gap-1 whitespace-nowrap rounded-md px-2 py-2 text-sm font-medium xl:px-1.5 ${
        active ? "bg-chrome-800 text-white" : "text-chrome-50 hover:bg-chrome-800/60 hover:text-white"
      }`}
      summary={
        <>
          Manage <span aria-hidden="true">▾</span>
        </>
      }
      panelClassName="absolute left-0 z-30 mt-1 w-52 rounded-md border border-slate-200 bg-white p-1 text-slate-900 shadow-lg"
    >
      <ul>
        {items.map((item) => {
          const current = isCurrent(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={`block rounded px-3 py-2 text-sm ${current ? "bg-brand-50 font-semibold text-brand-900" : "hover:bg-slate-100"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </Menu>
  );
}
