// Who is signed in, checked against the database on every request: a deactivated user, a reset
// password or a changed role takes effect at once, also for sessions already open.
import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { db } from "@/lib/db";
import { authOptions, sessionMaxAgeSeconds } from "./options";
import { can, PAGE_POLICY, type PagePath, type Permission } from "./policy";
import { isRole, type Role } from "./roles";

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.uid || !session.sat) return null;
  if (Date.now() - session.sat > sessionMaxAgeSeconds() * 1000) return null;
  const user = await db.user.findUnique({
    where: { id: session.uid },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true },
  });
  if (!user || !user.active || user.sessionVersion !== session.sv || !isRole(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
});

let usersExist = false;
/** True once any user exists; then cached for the life of the process (users are never deleted). */
export async function hasAnyUser(): Promise<boolean> {
  if (usersExist) return true;
  usersExist = (await db.user.findFirst({ select: { id: true } })) !== null;
  return usersExist;
}

/**
 * The guard every page calls first. Sends everyone to /setup while no user exists, anonymous
 * visitors to /login, and answers 404 to a signed-in user the policy does not allow.
 */
export async function requirePage(page: PagePath, currentPath?: string): Promise<CurrentUser> {
  if (!(await hasAnyUser())) redirect("/setup");
  const user = await getCurrentUser();
  const permission = PAGE_POLICY[page];
  if (!user) {
    redirect(`/login?callbackUrl=${encodeURIComponent(currentPath ?? page)}`);
  }
  if (permission !== "public" && !can(user.role, permission)) notFound();
  return user;
}

/** For route handlers: the user when allowed, or null (the handler answers 401/404). */
export async function userWith(permission: Permission): Promise<CurrentUser | null> {
  const user = await getCurrentUser();
  return user && can(user.role, permission) ? user : null;
}
