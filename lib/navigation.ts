import { can, type Permission } from "@/lib/auth/policy";
import type { Role } from "@/lib/auth/roles";

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
  group: "main" | "admin";
}

/** The app's navigation; each entry shows only to roles that may use it. */
export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", label: "Dashboard", permission: "dashboard:read", group: "main" },
  { href: "/today", label: "Today", permission: "run:read", group: "main" },
  { href: "/schedule", label: "Calendar", permission: "schedule:read", group: "main" },
  { href: "/history", label: "History", permission: "history:read", group: "main" },
  { href: "/incidents", label: "Incidents", permission: "incident:read", group: "main" },
  { href: "/changes", label: "Changes", permission: "change:read", group: "main" },
  { href: "/procedures", label: "Procedures", permission: "procedure:read", group: "main" },
  { href: "/tools", label: "Tools", permission: "tool:read", group: "main" },
  { href: "/mof", label: "MOF map", permission: "procedure:read", group: "main" },
  { href: "/training", label: "Training", permission: "training:read", group: "main" },
  { href: "/reports", label: "Reports", permission: "report:read", group: "main" },
  { href: "/audit", label: "Audit log", permission: "audit:read", group: "admin" },
  { href: "/admin/schedules", label: "Schedules", permission: "schedule:manage", group: "admin" },
  { href: "/admin/users", label: "Users", permission: "user:manage", group: "admin" },
  { href: "/admin/servers", label: "Servers", permission: "server:manage", group: "admin" },
  { href: "/admin/tools", label: "Tool catalogue", permission: "tool:manage", group: "admin" },
  { href: "/admin/settings", label: "Settings", permission: "settings:manage", group: "admin" },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.permission));
}
