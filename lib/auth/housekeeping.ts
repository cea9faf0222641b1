// Keeps the sign-in tables small. Both only serve checks over recent time (the throttle window,
// the idle and absolute session limits); the audit trail keeps the permanent record of every
// sign-in, failure, lockout and sign-out.
import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const SECURITY_RECORDS_KEPT_DAYS = 30;

/** Deletes sign-in attempts and ended or long-unused sessions older than the kept period. */
export async function pruneSecurityRecords(db: PrismaClient, now = new Date()): Promise<{ attempts: number; sessions: number }> {
  const before = new Date(now.getTime() - SECURITY_RECORDS_KEPT_DAYS * 86_400_000);
  const [attempts, sessions] = await db.$transaction([
    db.signInAttempt.deleteMany({ where: { at: { lt: before } } }),
    db.userSession.deleteMany({ where: { OR: [{ endedAt: { lt: before } }, { lastSeenAt: { lt: before } }] } }),
  ]);
  return { attempts: attempts.count, sessions: sessions.count };
}
