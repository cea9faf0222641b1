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

/** The id of the user with this (normalised) e-mail, for the command line. */
export async function userIdByEmail(tx: Prisma.TransactionClient, email: string): Promise<string> {
  const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new NotFound(`No user has the e-mail ${email}.`);
  return user.id;
}

/** The sign-in limits of an account after an unlock, as the audit trail records them. */
export const CLEARED_LIMITS = { lockedUntil: null, failedSignIns: 0, failedAttempts: 0 } as const;

/**
 * Clears every sign-in limit on the account (decision 027): the lockout, the count of wrong
 * passwords towards it, and the recorded failed attempts that the per-address limits count. The
 * audit trail keeps one event for each of those attempts, so deleting the rows loses nothing.
 */
async function clearSignInLimits(tx: Prisma.TransactionClient, userId: string, now: Date) {
  const row = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, lockedUntil: true, failedSignIns: true } });
  const { count } = await tx.signInAttempt.deleteMany({ where: { email: row.email, success: false } });
  await tx.user.update({ where: { id: userId }, data: { lockedUntil: null, failedSignIns: 0 } });
  const locked = row.lockedUntil !== null && row.lockedUntil > now;
  return {
    cleared: locked || row.failedSignIns > 0 || count > 0,
    before: { lockedUntil: locked ? row.lockedUntil!.toISOString() : null, failedSignIns: row.failedSignIns, failedAttempts: count },
  };
}

export async function resetPassword(tx: Prisma.TransactionClient, userId: string, password: string, now = new Date()) {
  const user = await getUser(tx, userId);
  await tx.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(password), passwordChangedAt: now, sessionVersion: { increment: 1 } },
  });
  // A new password also lifts every sign-in limit: whoever set it has just chosen it for them.
  const { before } = await clearSignInLimits(tx, userId, now);
  return { ...user, limitsBefore: before };
}

/**
 * Lets the owner in again at once: lifts a lockout and clears the failures the sign-in limits count.
 * Refused when there is nothing to clear.
 */
export async function unlock(tx: Prisma.TransactionClient, userId: string, now = new Date()) {
  const user = await getUser(tx, userId);
  const { cleared, before } = await clearSignInLimits(tx, userId, now);
  if (!cleared) throw new Conflict(`${user.name} is not locked out and has no failed sign-ins to clear.`);
  return { user, before };
}
