// Guards for pages and route handlers. Kept apart from session.ts because next/navigation needs a
// Next.js request, while the session lookup is also used by actions run from scripts and tests.
import "server-only";
import { notFound, redirect } from "next/navigation";
import { db } from "@/lib/db";
import { can, PAGE_POLICY, type PagePath, type Permission } from "./policy";
import { getCurrentUser, type CurrentUser } from "./session";

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
