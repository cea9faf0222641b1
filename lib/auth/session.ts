// Who is signed in, checked against the database on every request: the session cookie names a
// UserSession row, and the row and its user decide. A deactivated user, a reset password or a
// changed role (sessionVersion), a sign-out, too long without activity (SESSION_IDLE_MINUTES) or
// too long since signing in (SESSION_MAX_AGE_HOURS) ends the session at once, for every browser.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { authOptions, sessionMaxAgeSeconds } from "./options";
import { isRole, type Role } from "./roles";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/** What the signed and encrypted session cookie carries. */
export interface SessionClaims {
  uid?: string;
  sv?: number;
  sat?: number;
  sid?: string;
}

/** Activity is written at most this often per session, so reading pages does not mean a write each time. */
export const ACTIVITY_WRITE_INTERVAL_MS = 60_000;

export function sessionIdleMs(): number {
  return env().SESSION_IDLE_MINUTES * 60_000;
}

/** The user a session cookie stands for at `now`, or null when the session has ended for any reason. */
export async function resolveSession(claims: SessionClaims | null | undefined, now = new Date()): Promise<CurrentUser | null> {
  if (!claims?.uid || !claims.sat || !claims.sid) return null;
  if (now.getTime() - claims.sat > sessionMaxAgeSeconds() * 1000) return null;
  const row = await db.userSession.findUnique({
    where: { id: claims.sid },
    select: {
      userId: true,
      createdAt: true,
      lastSeenAt: true,
      endedAt: true,
      user: { select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true } },
    },
  });
  if (!row || row.endedAt || row.userId !== claims.uid) return null;

  const expired = now.getTime() - row.createdAt.getTime() > sessionMaxAgeSeconds() * 1000;
  const idle = now.getTime() - row.lastSeenAt.getTime() > sessionIdleMs();
  if (expired || idle) {
    await db.userSession.updateMany({
      where: { id: claims.sid, endedAt: null },
      data: { endedAt: now, endReason: expired ? "expired" : "idle" },
    });
    return null;
  }

  const user = row.user;
  if (!user.active || user.sessionVersion !== claims.sv || !isRole(user.role)) return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= ACTIVITY_WRITE_INTERVAL_MS) {
    await db.userSession.updateMany({ where: { id: claims.sid, endedAt: null }, data: { lastSeenAt: now } });
  }
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  let session: SessionClaims | null;
  try {
    session = await getServerSession(authOptions);
  } catch (error) {
    // Next.js's own control-flow signals (render per request, redirect, not found) carry a digest:
    // they are not cookie problems, and go back to Next.js untouched and unlogged. (Checked by
    // shape: importing next/navigation here breaks the CLI and workers that load this module
    // outside Next.js.)
    if (typeof error === "object" && error !== null && typeof (error as { digest?: unknown }).digest === "string") throw error;
    // next-auth throws on a malformed companion cookie (e.g. a callback URL that is not a URL);
    // the visitor is then treated as signed out instead of getting an error page.
    console.warn("Session cookie could not be read; treating the request as signed out", error instanceof Error ? error.message : error);
    return null;
  }
  return resolveSession(session);
});
