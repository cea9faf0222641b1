"use client";
// The management pages (schedules, users, servers, tools, settings) in one menu, so the header
// keeps the daily pages in view. Closes itself after navigating.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

export function ManageMenu({ items }: { items: { href: string; label: string }[] }) {
  const pathname = usePathname();
  const ref = useRef<HTMLDetailsElement>(null);
  const active = items.some((i) => pathname === i.href || pathname.startsWith(`${i.href}/`));
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details ref={ref} className="relative">
      <summary
        className={`flex cursor-pointer list-none items-center gap-1 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${
          active ? "bg-brand-800 text-white" : "text-brand-50 hover:bg-brand-800/60 hover:text-white"
        }`}
      >
        Manage <span aria-hidden="true">▾</span>
      </summary>
      <ul className="absolute right-0 z-20 mt-1 w-52 rounded-md border border-slate-200 bg-white p-1 text-slate-900 shadow-lg">
        {items.map((item) => {
          const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link href={item.href} aria-current={current ? "page" : undefined} className={`block rounded px-3 py-2 text-sm ${current ? "bg-brand-50 font-medium text-brand-900" : "hover:bg-slate-100"}`}>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
