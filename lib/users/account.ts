// One's own account: the details /account shows, and changing one's own password.
//
// A wrong current password counts as a wrong sign-in from that address for that account (decision
// 027's limits): it is recorded as a failed sign-in attempt, so the pair and address limits slow
// down guessing through this form exactly as through the sign-in page, and at an address the
// account is not known at it counts towards the lockout. Without that, someone holding a session
// left open on a shared machine could guess the password here without limit.
//
// The new password ends every other session of the account at once (their UserSession rows are
// ended), while the browser that changed it stays signed in. The sessionVersion is not bumped:
// that would end this session too, and the session rows already end each of the others.
import "server-only";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Invalid, NotFound } from "@/lib/actions/errors";
import type { RequestInfo } from "@/lib/audit/write";
import { authOptions, sessionMaxAgeSeconds } from "@/lib/auth/options";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { sessionIdleMs, type SessionClaims } from "@/lib/auth/session";
import { afterWrongPassword, isLockedFor, KNOWN_ADDRESS_MS, remainingWait, THROTTLE_WINDOW_MS, type FailureSummary } from "@/lib/auth/throttle";
import { ROLE_LABELS, isRole } from "@/lib/auth/roles";

export const SESSION_END_REASON = "password changed";

export interface AccountView {
  name: string;
  email: string;
  roleLabel: string;
  passwordChangedAt: Date;
  lastSignInAt: Date | null;
}

export async function getAccount(userId: string): Promise<AccountView | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { name: true, email: true, role: true, passwordChangedAt: true, lastSignInAt: true } });
  if (!user) return null;
  return {
    name: user.name,
    email: user.email,
    roleLabel: isRole(user.role) ? ROLE_LABELS[user.role] : user.role,
    passwordChangedAt: user.passwordChangedAt,
    lastSignInAt: user.lastSignInAt,
  };
}

/** The UserSession row of the browser making this request, or null outside a request (tests, CLI). */
export async function currentSessionId(): Promise<string | null> {
  try {
    const claims = (await getServerSession(authOptions)) as SessionClaims | null;
    return typeof claims?.sid === "string" ? claims.sid : null;
  } catch {
    return null;
  }
}

async function failures(tx: Prisma.TransactionClient, where: Prisma.SignInAttemptWhereInput, since: Date): Promise<FailureSummary> {
  const found = await tx.signInAttempt.aggregate({ where: { ...where, success: false, at: { gte: since } }, _count: true, _max: { at: true } });
  return { failures: found._count, lastFailureAt: found._max.at ?? null };
}

function waitSentence(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return ms < 60_000 ? `${Math.ceil(ms / 1000)} seconds` : `${minutes} ${minutes === 1 ? "minute" : "minutes"}`;
}

export type OwnPasswordOutcome =
  | { changed: true; /** Other sessions that were still in use (rows past their idle or time limit are ended too, uncounted). */ sessionsEnded: number; passwordChangedAt: Date }
  | { changed: false; reason: "wrong current password"; lockedUntil: Date | null };

/**
 * Checks the current password under the sign-in limits and, when it is right, sets the new one and
 * ends the account's other sessions (all of them when `keepSessionId` is null). A wrong current
 * password is not an error: it is recorded (so it must be committed) and reported as the outcome.
 * Refusals that record nothing (waiting, locked, a new password containing the e-mail name) throw.
 */
export async function changeOwnPassword(
  tx: Prisma.TransactionClient,
  input: { userId: string; currentPassword: string; password: string; keepSessionId: string | null },
  request: RequestInfo,
  now: Date,
): Promise<OwnPasswordOutcome> {
  const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, passwordHash: true, failedSignIns: true, lockedUntil: true } });
  if (!user) throw new NotFound("Your account no longer exists.");
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const pair = await failures(tx, { email: user.email, ip: request.ip }, since);
  const address = await failures(tx, { ip: request.ip }, since);
  const known =
    (await tx.signInAttempt.findFirst({
      where: { email: user.email, ip: request.ip, success: true, at: { gte: new Date(now.getTime() - KNOWN_ADDRESS_MS) } },
      select: { id: true },
    })) !== null;
  const wait = remainingWait({ pair, address, knownAddress: known }, now);
  if (wait > 0) {
    throw new Invalid(`Too many wrong passwords from here. Try again in ${waitSentence(wait)}.`, { currentPassword: ["Too many wrong passwords; wait before trying again."] });
  }
  if (isLockedFor(user.lockedUntil, known, now)) {
    throw new Invalid("This account is locked after too many wrong passwords. Try again later or ask an administrator to unlock it.", {
      currentPassword: ["The account is locked for now."],
    });
  }

  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await tx.signInAttempt.create({ data: { at: now, email: user.email, ip: request.ip, success: false } });
    const next = afterWrongPassword({ failedSignIns: user.failedSignIns, lockedUntil: user.lockedUntil }, known, now);
    await tx.user.update({ where: { id: user.id }, data: { failedSignIns: next.failedSignIns, lockedUntil: next.lockedUntil } });
    return { changed: false, reason: "wrong current password", lockedUntil: next.startsLockout ? next.lockedUntil : null };
  }

  const local = user.email.split("@")[0]!.toLowerCase();
  if (local.length >= 4 && input.password.toLowerCase().includes(local)) {
    throw new Invalid("Some fields need attention.", { password: ["A password cannot contain the e-mail name."] });
  }
  await tx.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(input.password), passwordChangedAt: now } });
  const others: Prisma.UserSessionWhereInput = { userId: user.id, endedAt: null, ...(input.keepSessionId ? { id: { not: input.keepSessionId } } : {}) };
  const live = await tx.userSession.count({
    where: { ...others, lastSeenAt: { gte: new Date(now.getTime() - sessionIdleMs()) }, createdAt: { gte: new Date(now.getTime() - sessionMaxAgeSeconds() * 1000) } },
  });
  await tx.userSession.updateMany({ where: others, data: { endedAt: now, endReason: SESSION_END_REASON } });
  return { changed: true, sessionsEnded: live, passwordChangedAt: now };
}
