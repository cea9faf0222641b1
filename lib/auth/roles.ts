// Roles are cumulative: each role can do everything the roles before it can.
export const ROLES = ["VIEWER", "OPERATOR", "MANAGER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  VIEWER: "Viewer (new hire)",
  OPERATOR: "Operator",
  MANAGER: "Manager",
  ADMIN: "Administrator",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Rank of a role, or -1 for anything that is not a known role. */
export function roleRank(role: unknown): number {
  return isRole(role) ? ROLES.indexOf(role) : -1;
}
