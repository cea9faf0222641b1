"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { isCurrent } from "./current";

export function NavLink({ href, label }: { href: string; label: string }) {
  const active = isCurrent(usePathname(), href);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`block whitespace-nowrap rounded-md px-2 py-2 text-sm font-medium xl:px-1.5 ${
        active ? "bg-chrome-800 text-white" : "text-chrome-50 hover:bg-chrome-800/60 hover:text-white"
      }`}
    >
      {label}
    </Link>
  );
}
