// Checking credentials: throttled per account and per address, locked after repeated wrong
// passwords, one generic answer for every failure, every attempt recorded and audited.
import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { writeAuditEvent, writeAuditEvents, type AuditInput, type RequestInfo } from "@/lib/audit/write";
import { dummyPasswordHash, verifyPassword } from "./password";
import { LOCKOUT_FAILURES, THROTTLE_WINDOW_MS, afterWrongPassword, isLocked, remainingWait, type FailureSummary } from "./throttle";
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

async function failures(tx: Prisma.TransactionClient, where: { email: string } | { ip: string }, since: Date): Promise<FailureSummary> {
  const [count, last] = await Promise.all([
    tx.signInAttempt.count({ where: { ...where, success: false, at: { gte: since } } }),
    tx.signInAttempt.findFirst({
      where: { ...where, success: false, at: { gte: since } },
      orderBy: { at: "desc" },
      select: { at: true },
    }),
  ]);
  return { failures: count, lastFailureAt: last?.at ?? null };
}

/**
 * The attempt is recorded as a failure, under the write lock, before the password is checked, so a
 * burst of parallel guesses sees every earlier guess and cannot slip past the throttle together.
 * A correct password then turns the record into a success.
 */
export async function checkCredentials(raw: unknown, request: RequestInfo): Promise<SignedInUser | null> {
  // Broken or control characters cannot be in an address or a password anyone set here.
  if (inputProblem(raw)) return null;
  const parsed = SignInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;

  const { attemptId, wait } = await db.$transaction(async (tx) => {
    const now = new Date();
    const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
    const [byAccount, byAddress] = await Promise.all([failures(tx, { email }, since), failures(tx, { ip: request.ip }, since)]);
    const attempt = await tx.signInAttempt.create({ data: { at: now, email, ip: request.ip, success: false }, select: { id: true } });
    return { attemptId: attempt.id, wait: remainingWait(byAccount, byAddress, now) };
  });

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true, active: true, sessionVersion: true, failedSignIns: true, lockedUntil: true },
  });

  const now = new Date();
  let reason = "";
  let passwordChecked = false;
  if (wait > 0) {
    reason = "throttled";
  } else {
    // The hash is checked in every case (a dummy one for unknown accounts), so the answer takes
    // the same time whether the account exists, is locked or not.
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user) reason = "unknown account";
    else if (isLocked(user.lockedUntil, now)) reason = "account locked";
    else if (!passwordOk) {
      reason = "wrong password";
      passwordChecked = true;
    } else if (!user.active) reason = "account deactivated";
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
              ...(reason === "account locked" && user?.lockedUntil ? { lockedUntil: user.lockedUntil.toISOString() } : {}),
            },
      },
    ];
    if (ok) {
      await tx.signInAttempt.update({ where: { id: attemptId }, data: { success: true } });
      await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now, failedSignIns: 0, lockedUntil: null } });
      await tx.userSession.create({
        data: { id: sessionId, userId: user.id, createdAt: now, lastSeenAt: now, ip: request.ip.slice(0, 100), userAgent: request.userAgent.slice(0, 500) },
      });
    } else if (user && passwordChecked) {
      // Counted from the stored value inside the write transaction, so parallel guesses add up.
      const current = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { failedSignIns: true } });
      const next = afterWrongPassword(current.failedSignIns, now);
      await tx.user.update({ where: { id: user.id }, data: next.lockedUntil ? next : { failedSignIns: next.failedSignIns } });
      if (next.lockedUntil) {
        events.push({
          action: "auth.account_locked",
          entityType: "User",
          entityId: user.id,
          after: { failedSignIns: LOCKOUT_FAILURES, lockedUntil: next.lockedUntil.toISOString() },
        });
      }
    }
    await writeAuditEvents(tx, actor, request, events);
  });

  return ok ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, sessionId } : null;
}

/** Ends the browser's session row, so its cookie is refused even if replayed, and audits it. */
export async function recordSignOut(userId: string, sessionId: string | undefined, request: RequestInfo): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
  if (!user) return;
  await db.$transaction(async (tx) => {
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
