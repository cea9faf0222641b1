// The one policy table. Every page, server action and route handler asks it before doing anything;
// the UI asks it only to hide what a user cannot use. Unknown roles and permissions are denied.
import { roleRank, type Role } from "./roles";

/** Each permission with the least role that holds it (roles are cumulative). */
export const PERMISSIONS = {
  // Reading the library
  "procedure:read": "VIEWER",
  "tool:read": "VIEWER",
  "training:read": "VIEWER",
  "procedure:acknowledge": "VIEWER",
  // One's own account (/account): name, role, own password
  "account:update": "VIEWER",
  // Daily work
  "run:read": "OPERATOR",
  "run:record": "OPERATOR",
  "schedule:read": "OPERATOR",
  "history:read": "OPERATOR",
  "incident:read": "OPERATOR",
  "incident:create": "OPERATOR",
  "incident:update": "OPERATOR",
  "change:read": "OPERATOR",
  "change:create": "OPERATOR",
  "change:implement": "OPERATOR",
  // The deployment record of the standard tool set, by hand (verification runs use run:record)
  "tool:deploy": "OPERATOR",
  // Management
  "run:skip": "MANAGER",
  "schedule:manage": "MANAGER",
  "procedure:edit": "MANAGER",
  "procedure:publish": "MANAGER",
  "procedure:approve": "MANAGER",
  "procedure:review": "MANAGER",
  "training:manage": "MANAGER",
  "report:read": "MANAGER",
  "audit:read": "MANAGER",
  "change:approve": "MANAGER",
  // Raising a change to the standard tool set (add, retire, approve a version); always Normal
  "tool:change": "MANAGER",
  "dashboard:read": "MANAGER",
  // Administration
  "user:manage": "ADMIN",
  "server:manage": "ADMIN",
  "settings:manage": "ADMIN",
  "tool:manage": "ADMIN",
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export function can(role: unknown, permission: Permission): boolean {
  if (typeof permission !== "string" || !Object.hasOwn(PERMISSIONS, permission)) return false;
  const least = (PERMISSIONS as Record<string, Role>)[permission]!;
  const rank = roleRank(role);
  return rank >= 0 && rank >= roleRank(least);
}

/**
 * What each page of the app requires. "public" pages are reachable without signing in.
 * A test compares this table with the page files under app/, so a page cannot be added without
 * deciding who may see it.
 */
export const PAGE_POLICY = {
  "/": "procedure:read",
  "/login": "public",
  "/setup": "public",
  "/account": "account:update",
  "/today": "run:read",
  "/runs/[id]": "run:read",
  "/schedule": "schedule:read",
  "/procedures": "procedure:read",
  "/procedures/[slug]": "procedure:read",
  "/procedures/[slug]/print": "procedure:read",
  "/procedures/[slug]/versions": "procedure:read",
  "/procedures/[slug]/edit": "procedure:edit",
  "/procedures/new": "procedure:edit",
  "/procedures/review": "procedure:review",
  "/procedures/import": "procedure:edit",
  "/training": "training:read",
  "/training/matrix": "training:manage",
  "/incidents": "incident:read",
  "/incidents/new": "incident:create",
  "/incidents/weekly": "incident:read",
  "/incidents/[id]": "incident:read",
  "/changes": "change:read",
  "/changes/new": "change:create",
  "/changes/calendar": "change:read",
  "/changes/[id]": "change:read",
  "/dashboard": "dashboard:read",
  // The header search: every role reads procedures; the other sections ask the policy themselves.
  "/search": "procedure:read",
  "/admin/tools": "tool:manage",
  // The benchmark's floor: answers 404 unless BENCH_ENDPOINTS=true.
  "/bench/floor": "procedure:read",
  "/tools": "tool:read",
  // The MOF map: every role reads the library; its completion rates are aggregates, no run detail.
  "/mof": "procedure:read",
  "/audit": "audit:read",
  "/history": "history:read",
  "/reports": "report:read",
  "/reports/print": "report:read",
  "/admin/users": "user:manage",
  "/admin/servers": "server:manage",
  "/admin/settings": "settings:manage",
  "/admin/schedules": "schedule:manage",
} as const satisfies Record<string, Permission | "public">;

export type PagePath = keyof typeof PAGE_POLICY;

/** Route handlers under app/api and who may call them. */
export const ROUTE_HANDLER_POLICY = {
  "/api/health": "public",
  "/api/bench/floor": "procedure:read",
  "/api/auth/[...nextauth]": "public",
  "/api/schedules/preview": "schedule:manage",
  "/api/audit/export": "audit:read",
  "/api/reports/export": "report:read",
  "/api/procedures/export": "procedure:edit",
  "/api/training/matrix": "training:manage",
} as const satisfies Record<string, Permission | "public">;
