import "server-only";
import { db } from "@/lib/db";
import { THROTTLE_WINDOW_MS } from "@/lib/auth/throttle";

/**
 * Users for the administration page; never the password hash. `recentFailures` counts the failed
 * sign-ins the limits still count (last 15 minutes), which Unlock clears.
 */
export async function listUsers(now = new Date()) {
  const [users, failures] = await Promise.all([
    db.user.findMany({
      orderBy: [{ active: "desc" }, { name: "asc" }],
      select: { id: true, email: true, name: true, role: true, active: true, lastSignInAt: true, lockedUntil: true, createdAt: true },
    }),
    db.signInAttempt.groupBy({
      by: ["email"],
      where: { success: false, at: { gte: new Date(now.getTime() - THROTTLE_WINDOW_MS) } },
      _count: { _all: true },
    }),
  ]);
  const byEmail = new Map(failures.map((f) => [f.email, f._count._all]));
  return users.map((user) => ({ ...user, recentFailures: byEmail.get(user.email) ?? 0 }));
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
