import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { can, PAGE_POLICY, PERMISSION_NAMES, PERMISSIONS, ROUTE_HANDLER_POLICY, type Permission } from "@/lib/auth/policy";
import { ROLES, roleRank, type Role } from "@/lib/auth/roles";

/**
 * The expected policy, written out independently of lib/auth/policy.ts: the least role holding
 * each permission. A change to the policy table has to be made here too, on purpose.
 */
const LEAST_ROLE: Record<string, Role> = {
  "procedure:read": "VIEWER",
  "tool:read": "VIEWER",
  "training:read": "VIEWER",
  "procedure:acknowledge": "VIEWER",
  "account:update": "VIEWER",
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
  "tool:deploy": "OPERATOR",
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
  "tool:change": "MANAGER",
  "dashboard:read": "MANAGER",
  "user:manage": "ADMIN",
  "server:manage": "ADMIN",
  "settings:manage": "ADMIN",
  "tool:manage": "ADMIN",
};

const ORDER: Role[] = ["VIEWER", "OPERATOR", "MANAGER", "ADMIN"];

/** The full matrix: which roles hold each permission (cumulative roles). */
const EXPECTED: Record<string, Record<Role, boolean>> = Object.fromEntries(
  Object.entries(LEAST_ROLE).map(([permission, least]) => [
    permission,
    Object.fromEntries(ORDER.map((role) => [role, ORDER.indexOf(role) >= ORDER.indexOf(least)])) as Record<Role, boolean>,
  ]),
);

const APP_DIR = path.resolve(import.meta.dirname, "../../app");

/** Route of an app-router file: app/procedures/[slug]/page.tsx -> /procedures/[slug]; app/page.tsx -> /. */
function routeOf(file: string): string {
  const segments = path
    .dirname(path.relative(APP_DIR, file))
    .split(path.sep)
    .filter((s) => s !== "." && s !== "")
    // Route groups "(name)" and parallel-route slots "@name" do not appear in the URL.
    .filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return `/${segments.join("/")}`;
}

function routesOf(fileName: RegExp): string[] {
  const files = readdirSync(APP_DIR, { recursive: true, encoding: "utf8" })
    .filter((f) => fileName.test(path.basename(f)))
    .map((f) => path.join(APP_DIR, f));
  return files.map(routeOf).sort();
}

describe("the permission table", () => {
  it("holds exactly the permissions of the expected matrix, with the same least role", () => {
    expect([...PERMISSION_NAMES].sort()).toEqual(Object.keys(LEAST_ROLE).sort());
    expect(PERMISSIONS).toEqual(LEAST_ROLE);
  });

  it("roles are ordered VIEWER < OPERATOR < MANAGER < ADMIN", () => {
    expect([...ROLES]).toEqual(ORDER);
    expect(ORDER.map(roleRank)).toEqual([0, 1, 2, 3]);
  });

  for (const permission of Object.keys(EXPECTED)) {
    for (const role of ORDER) {
      const allowed = EXPECTED[permission]![role];
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission as Permission)).toBe(allowed);
      });
    }
  }

  it("every role holds every permission of the roles below it (cumulative)", () => {
    for (const permission of PERMISSION_NAMES) {
      const holders = ORDER.map((role) => can(role, permission));
      // Once true, stays true going up.
      const firstTrue = holders.indexOf(true);
      expect(firstTrue, permission).toBeGreaterThanOrEqual(0);
      expect(holders.slice(firstTrue).every(Boolean), permission).toBe(true);
      expect(holders.slice(0, firstTrue).some(Boolean), permission).toBe(false);
    }
  });
});

describe("unknown roles and permissions", () => {
  const unknownRoles: unknown[] = ["ROOT", "", undefined, null, "admin", "Admin", " ADMIN", "ADMIN ", 3, {}, ["ADMIN"], "SUPERADMIN", "toString"];
  for (const role of unknownRoles) {
    it(`denies everything to role ${JSON.stringify(role) ?? "undefined"}`, () => {
      for (const permission of PERMISSION_NAMES) expect(can(role, permission), permission).toBe(false);
    });
  }

  it("denies a permission that is not in the table, to every role", () => {
    for (const role of ORDER) {
      for (const permission of ["user:delete", "", "USER:MANAGE", "procedure:read ", "*", "admin"]) {
        expect(can(role, permission as Permission), `${role} ${permission}`).toBe(false);
      }
    }
  });

  // Regression: a plain lookup would walk the prototype chain and resolve Object.prototype members.
  it("denies names inherited from Object.prototype (e.g. 'constructor', 'toString')", () => {
    for (const role of ORDER) {
      for (const permission of ["constructor", "toString", "hasOwnProperty", "valueOf", "__proto__", "isPrototypeOf"]) {
        expect(can(role, permission as Permission), `${role} ${permission}`).toBe(false);
      }
    }
  });
});

describe("the page policy", () => {
  it("has exactly one entry per page file under app/", () => {
    const pages = routesOf(/^page\.(tsx|ts|jsx|js|mdx)$/);
    expect(pages.length).toBeGreaterThan(0);
    expect(pages).toContain("/");
    expect(pages).toContain("/procedures/[slug]");
    expect(Object.keys(PAGE_POLICY).sort()).toEqual(pages);
  });

  it("has exactly one route handler entry per route file under app/", () => {
    const routes = routesOf(/^route\.(ts|js)$/);
    expect(routes).toContain("/api/health");
    expect(Object.keys(ROUTE_HANDLER_POLICY).sort()).toEqual(routes);
  });

  it("gives every page either 'public' or a known permission", () => {
    for (const [page, rule] of Object.entries({ ...PAGE_POLICY, ...ROUTE_HANDLER_POLICY })) {
      expect(rule === "public" || PERMISSION_NAMES.includes(rule as Permission), `${page}: ${rule}`).toBe(true);
    }
  });

  it("makes only /login and /setup public", () => {
    const publicPages = Object.entries(PAGE_POLICY)
      .filter(([, rule]) => rule === "public")
      .map(([page]) => page)
      .sort();
    expect(publicPages).toEqual(["/login", "/setup"]);
  });

  it("keeps the administration pages for administrators, except schedules, which managers run", () => {
    for (const page of Object.keys(PAGE_POLICY).filter((p) => p.startsWith("/admin"))) {
      const rule = PAGE_POLICY[page as keyof typeof PAGE_POLICY];
      expect(rule, page).not.toBe("public");
      const leastRole = page === "/admin/schedules" ? "MANAGER" : "ADMIN";
      expect(can(leastRole === "MANAGER" ? "OPERATOR" : "MANAGER", rule as Permission), page).toBe(false);
      expect(can(leastRole, rule as Permission), page).toBe(true);
    }
  });
});

describe("the action registry", () => {
  it("registers every action with 'public' or a known permission, and only setup is public", async () => {
    await import("@/lib/users/actions");
    await import("@/lib/servers/actions");
    await import("@/lib/users/setup");
    const { actionRegistry } = await import("@/lib/actions/define");
    const entries = [...actionRegistry.entries()];
    expect(entries.map(([name]) => name)).toEqual(
      expect.arrayContaining(["user.create", "user.change_role", "user.set_active", "user.reset_password", "server.create", "setup.create_first_admin"]),
    );
    for (const [name, { permission }] of entries) {
      expect(permission === "public" || PERMISSION_NAMES.includes(permission), name).toBe(true);
    }
    expect(entries.filter(([, e]) => e.permission === "public").map(([name]) => name)).toEqual(["setup.create_first_admin"]);
    for (const [name, { permission }] of entries.filter(([n]) => n.startsWith("user.") || n.startsWith("server."))) {
      expect(permission, name).toBe(name.startsWith("user.") ? "user:manage" : "server:manage");
    }
  });
});
