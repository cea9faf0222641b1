// Checking credentials: limited per account at an address and per address (decision 027), one
// generic answer for every failure, every attempt recorded and audited, and the same queries and
// writes whether the e-mail belongs to an account or not.
import "server-only";
import { randomBytes } from "node:crypto";
import { db as portalDb, type Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { writeAuditEvent, writeAuditEvents, type AuditInput, type RequestInfo } from "@/lib/audit/write";
import { DUMMY_PASSWORD_HASH, verifyPassword } from "./password";
import {
  KNOWN_ADDRESS_MS,
  LOCKOUT_FAILURES,
  THROTTLE_WINDOW_MS,
  afterWrongPassword,
  isLocked,
  isLockedFor,
  remainingWait,
  type FailureSummary,
} from "./throttle";
import { SignInSchema } from "@/lib/users/schemas";
import { inputProblem } from "@/lib/validation/text";

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  sessionVersion: number;
  /** The UserSession row opened by this sign-in. */
  sessionId: string;
}

export interface CheckOptions {
  /** The client to use (tests point it at a broken or instrumented database); the portal's by default. */
  db?: Db;
  /** The instant of the attempt; the clock by default. */
  now?: Date;
}

async function failures(tx: Prisma.TransactionClient, where: Prisma.SignInAttemptWhereInput, since: Date): Promise<FailureSummary> {
  const found = await tx.signInAttempt.aggregate({ where: { ...where, success: false, at: { gte: since } }, _count: true, _max: { at: true } });
  return { failures: found._count, lastFailureAt: found._max.at ?? null };
}

/**
 * Never throws: a failure of the database (or anything else) is logged here and answered like any
 * other refusal, since next-auth would put a thrown error's message into the page's address.
 */
export async function checkCredentials(raw: unknown, request: RequestInfo, options: CheckOptions = {}): Promise<SignedInUser | null> {
  try {
    return await check(raw, request, options.db ?? portalDb, options.now ?? new Date());
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`Sign-in could not be checked and was refused: ${message.replace(/\s+/g, " ").slice(0, 500)}`);
    return null;
  }
}

/**
 * The attempt is recorded as a failure, under the write lock, before the password is checked, and
 * an attempt that will count towards the lockout is counted there too; so a burst of parallel
 * guesses, from one address or many, sees every earlier guess and cannot slip past the limits
 * together. A correct password then turns the record into a success.
 */
async function check(raw: unknown, request: RequestInfo, db: Db, now: Date): Promise<SignedInUser | null> {
  // Broken or control characters cannot be in an address or a password anyone set here.
  if (inputProblem(raw)) return null;
  const parsed = SignInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const ip = request.ip;

  // Every statement below runs for an unknown e-mail as for an account: the lookups find nothing
  // and the account's update matches no row.
  const before = await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { email },
      select: { id: true, email: true, name: true, passwordHash: true, active: true, sessionVersion: true, failedSignIns: true, lockedUntil: true },
    });
    const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
    const pair = await failures(tx, { email, ip }, since);
    const address = await failures(tx, { ip }, since);
    const known = await tx.signInAttempt.findFirst({
      where: { email, ip, success: true, at: { gte: new Date(now.getTime() - KNOWN_ADDRESS_MS) } },
      select: { id: true },
    });
    const knownAddress = known !== null;
    const wait = remainingWait({ pair, address, knownAddress }, now);
    const lockedUntil = user?.lockedUntil ?? null;
    const locked = wait === 0 && isLockedFor(lockedUntil, knownAddress, now);
    // Counted before the check, as a wrong password; the right one resets the count afterwards.
    const counted = wait === 0 && !locked && !knownAddress;
    const current = { failedSignIns: user?.failedSignIns ?? 0, lockedUntil };
    const next = counted ? afterWrongPassword(current, false, now) : { ...current, startsLockout: false };
    await tx.user.updateMany({ where: { email }, data: { failedSignIns: next.failedSignIns, lockedUntil: next.lockedUntil } });
    const attempt = await tx.signInAttempt.create({ data: { at: now, email, ip, success: false }, select: { id: true } });
    return { user, attemptId: attempt.id, wait, locked, lockout: next.startsLockout ? next.lockedUntil : null };
  });
  const { user, attemptId, wait, locked, lockout } = before;

  let reason = "";
  let passwordOk = false;
  if (wait > 0) {
    reason = "throttled";
  } else {
    // The hash is checked in every case (a dummy one for unknown accounts), so the answer takes
    // the same time whether the account exists, is locked or not.
    passwordOk = await verifyPassword(user?.passwordHash ?? DUMMY_PASSWORD_HASH, password);
    if (!user) reason = "unknown account";
    else if (locked) reason = "account locked";
    else if (!passwordOk) reason = "wrong password";
    else if (!user.active) reason = "account deactivated";
  }
  const ok = reason === "" && user !== null;

  const sessionId = randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    const actor = { id: user?.id ?? null, label: email };
    const events: AuditInput[] = [
      {
        action: ok ? "auth.sign_in" : "auth.sign_in_failed",
        entityType: "User",
        entityId: user?.id ?? email,
        after: ok
          ? undefined
          : {
              reason,
              ...(wait > 0 ? { retryAfterSeconds: Math.ceil(wait / 1000) } : {}),
              ...(locked && user?.lockedUntil ? { lockedUntil: user.lockedUntil.toISOString() } : {}),
            },
      },
    ];
    await tx.signInAttempt.updateMany({ where: { id: attemptId }, data: { success: ok } });
    if (user && passwordOk && !locked) {
      // The right password ends the run of wrong ones (also for a deactivated account, which is
      // refused all the same). A lockout this attempt started is withdrawn, and an ended one
      // cleared; one started meanwhile by another attempt stays.
      await tx.user.updateMany({ where: { id: user.id }, data: { failedSignIns: 0, ...(ok ? { lastSignInAt: now } : {}) } });
      const ended = user.lockedUntil && !isLocked(user.lockedUntil, now) ? [user.lockedUntil] : [];
      const clearable = [...(lockout ? [lockout] : []), ...ended];
      if (clearable.length) await tx.user.updateMany({ where: { id: user.id, lockedUntil: { in: clearable } }, data: { lockedUntil: null } });
    } else if (user && lockout) {
      events.push({
        action: "auth.account_locked",
        entityType: "User",
        entityId: user.id,
        after: { failedSignIns: LOCKOUT_FAILURES, lockedUntil: lockout.toISOString() },
      });
    }
    if (ok) {
      await tx.userSession.create({
        data: { id: sessionId, userId: user.id, createdAt: now, lastSeenAt: now, ip: ip.slice(0, 100), userAgent: request.userAgent.slice(0, 500) },
      });
    }
    await writeAuditEvents(tx, actor, request, events);
  });

  return ok ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, sessionId } : null;
}

/** Ends the browser's session row, so its cookie is refused even if replayed, and audits it. */
export async function recordSignOut(userId: string, sessionId: string | undefined, request: RequestInfo): Promise<void> {
  const user = await portalDb.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
  if (!user) return;
  await portalDb.$transaction(async (tx) => {
    if (sessionId) {
      await tx.userSession.updateMany({ where: { id: sessionId, userId, endedAt: null }, data: { endedAt: new Date(), endReason: "signed out" } });
    }
    await writeAuditEvent(tx, { id: user.id, label: user.email }, request, {
      action: "auth.sign_out",
      entityType: "User",
      entityId: user.id,
    });
  });
}
