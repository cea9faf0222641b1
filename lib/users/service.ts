// User changes as plain functions on a transaction, shared by the server actions and the CLI.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Conflict, Invalid, NotFound } from "@/lib/actions/errors";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";

export const PUBLIC_USER_FIELDS = { id: true, email: true, name: true, role: true, active: true } as const;

export async function createUser(
  tx: Prisma.TransactionClient,
  input: { email: string; name: string; role: Role; password: string },
) {
  const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) throw new Conflict("A user with that e-mail already exists.", { email: ["This e-mail is already in use."] });
  return tx.user.create({
    data: { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) },
    select: PUBLIC_USER_FIELDS,
  });
}

async function getUser(tx: Prisma.TransactionClient, id: string) {
  const user = await tx.user.findUnique({ where: { id }, select: PUBLIC_USER_FIELDS });
  if (!user) throw new NotFound("That user does not exist.");
  return user;
}

/** Refuses any change that would leave the organisation without an active administrator. */
async function assertAdminRemains(tx: Prisma.TransactionClient, losingId: string) {
  const others = await tx.user.count({ where: { role: "ADMIN", active: true, id: { not: losingId } } });
  if (others === 0) throw new Invalid("At least one active administrator must remain.");
}

export async function changeRole(tx: Prisma.TransactionClient, userId: string, role: Role) {
  const before = await getUser(tx, userId);
  if (before.role === role) throw new Invalid(`${before.name} already has that role.`);
  if (before.role === "ADMIN" && before.active) await assertAdminRemains(tx, userId);
  const after = await tx.user.update({
    where: { id: userId },
    data: { role, sessionVersion: { increment: 1 } },
    select: PUBLIC_USER_FIELDS,
  });
  return { before, after };
}

export async function setActive(tx: Prisma.TransactionClient, userId: string, active: boolean, actorId: string | null) {
  const before = await getUser(tx, userId);
  if (before.active === active) throw new Invalid(`${before.name} is already ${active ? "active" : "deactivated"}.`);
  if (!active) {
    if (userId === actorId) throw new Invalid("You cannot deactivate your own account.");
    if (before.role === "ADMIN") await assertAdminRemains(tx, userId);
  }
  const after = await tx.user.update({
    where: { id: userId },
    data: { active, deactivatedAt: active ? null : new Date(), sessionVersion: { increment: 1 } },
    select: PUBLIC_USER_FIELDS,
  });
  return { before, after };
}

export async function resetPassword(tx: Prisma.TransactionClient, userId: string, password: string) {
  const user = await getUser(tx, userId);
  await tx.user.update({
    where: { id: userId },
    // A new password also lifts a lockout: the administrator has just chosen it for them.
    data: {
      passwordHash: await hashPassword(password),
      passwordChangedAt: new Date(),
      sessionVersion: { increment: 1 },
      failedSignIns: 0,
      lockedUntil: null,
    },
  });
  return user;
}

/** Lifts a lockout before it ends by itself; refused when the account is not locked. */
export async function unlock(tx: Prisma.TransactionClient, userId: string, now = new Date()) {
  const user = await getUser(tx, userId);
  const row = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { lockedUntil: true, failedSignIns: true } });
  if (!row.lockedUntil || row.lockedUntil <= now) throw new Conflict(`${user.name} is not locked out.`);
  await tx.user.update({ where: { id: userId }, data: { lockedUntil: null, failedSignIns: 0 } });
  return { user, before: { lockedUntil: row.lockedUntil.toISOString() } };
}
