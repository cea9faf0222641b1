// Helpers for integration tests: real users in the test database and a way to act as them.
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session";
import type { Role } from "@/lib/auth/roles";
import { hashPassword } from "@/lib/auth/password";
import { actionRegistry, type Actor } from "@/lib/actions/define";

export const TEST_PASSWORD = "correct horse battery staple";
export const TEST_REQUEST = { ip: "127.0.0.1", userAgent: "vitest" };

let counter = 0;

export async function makeUser(role: Role, overrides: { email?: string; name?: string; password?: string } = {}): Promise<CurrentUser> {
  counter += 1;
  const user = await db.user.create({
    data: {
      email: overrides.email ?? `${role.toLowerCase()}${counter}@example.test`,
      name: overrides.name ?? `${role[0]}${role.slice(1).toLowerCase()} ${counter}`,
      role,
      passwordHash: await hashPassword(overrides.password ?? TEST_PASSWORD),
    },
    select: { id: true, email: true, name: true, role: true },
  });
  return { ...user, role };
}

/** Acting as `user`; with `now`, the action acts at that instant instead of reading the clock. */
export function as(user: CurrentUser, now?: Date): Actor {
  return now ? { user, request: TEST_REQUEST, now } : { user, request: TEST_REQUEST };
}

export function auditCount(): Promise<number> {
  return db.auditEvent.count();
}

/** The rows a library import or an editor save writes: unchanged after a refusal. */
export async function libraryCounts() {
  return {
    procedures: await db.procedure.count(),
    versions: await db.procedureVersion.count(),
    drafts: await db.procedureDraft.count(),
    audit: await db.auditEvent.count(),
  };
}

/** The real definition behind an exported server action, as registered by defineAction. */
export function actionDefinition(name: string) {
  const registered = actionRegistry.get(name)?.definition;
  if (!registered) throw new Error(`No action ${name}; import its actions module first`);
  return registered;
}
