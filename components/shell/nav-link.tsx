"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export function NavLink({ href, label }: { href: string; label: string }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`whitespace-nowrap rounded-md px-2.5 py-2 text-sm font-medium ${
        active ? "bg-brand-800 text-white" : "text-brand-50 hover:bg-brand-800/60 hover:text-white"
      }`}
    >
      {label}
    </Link>
  );
}
