import "server-only";
import { db } from "@/lib/db";

/** Users for the administration page; never the password hash. */
export function listUsers() {
  return db.user.findMany({
    orderBy: [{ active: "desc" }, { name: "asc" }],
    select: { id: true, email: true, name: true, role: true, active: true, lastSignInAt: true, lockedUntil: true, createdAt: true },
  });
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];
