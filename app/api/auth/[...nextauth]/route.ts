import NextAuth from "next-auth";
import { cookies } from "next/headers";
import { NextRequest } from "next/server";
import { CALLBACK_URL_COOKIES, isResolvedCallbackTarget, resolveCallbackTarget } from "@/lib/auth/callback-target";
import { authOptions, portalOrigin } from "@/lib/auth/options";

const nextAuth = NextAuth(authOptions) as (request: NextRequest, context: unknown) => Promise<Response>;


/**
 * The request with its callbackUrl query parameter resolved to a path of the portal. next-auth
 * checks that parameter itself before anything else and answers one it cannot parse with a 500
 * (or a redirect to the error page); resolved first, a malformed one is simply not followed.
 */
async function withResolvedCallbackParam(request: NextRequest, origin: string): Promise<NextRequest> {
  const url = new URL(request.url);
  const values = url.searchParams.getAll("callbackUrl");
  // next-auth reads the last value of a repeated parameter; that one is resolved, the rest dropped.
  const last = values.at(-1);
  if (last === undefined || (values.length === 1 && (last === "" || isResolvedCallbackTarget(last, origin)))) return request;
  url.searchParams.delete("callbackUrl");
  url.searchParams.set("callbackUrl", resolveCallbackTarget(last, origin));
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
  return new NextRequest(url, { method: request.method, headers: request.headers, body, signal: request.signal });
}

/**
 * next-auth's callback-url cookie, unless it holds a value the portal wrote. next-auth reads that
 * cookie through next/headers on every request (the CSRF token and the session included) and
 * answers one it cannot parse with a 500 until the cookie expires. A route handler's cookie store
 * shows its own changes to later reads, so emptying it here hides the value from next-auth, and the
 * response tells the browser to forget it (next-auth then writes a resolved one in its place).
 */
async function dropUnresolvedCallbackCookies(origin: string): Promise<void> {
  const jar = await cookies();
  for (const name of CALLBACK_URL_COOKIES) {
    const value = jar.get(name)?.value;
    if (value === undefined || value === "" || isResolvedCallbackTarget(value, origin)) continue;
    jar.set(name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-") });
  }
}

/**
 * A callback target in the query, the form or the cookie is never a reason to fail: an unusable
 * one is replaced by a path of the portal before next-auth sees it (and next-auth's redirect
 * callback resolves whatever it chooses once more). A GET of the credentials callback is the
 * client's mistake and gets a 405; everything else goes to next-auth.
 */
async function handler(request: NextRequest, context: unknown): Promise<Response> {
  const url = new URL(request.url);
  if (request.method === "GET" && /\/callback\/credentials\/?$/.test(url.pathname)) {
    return Response.json({ error: "Sign in with the sign-in form." }, { status: 405, headers: { Allow: "POST" } });
  }
  const origin = portalOrigin(url.origin);
  await dropUnresolvedCallbackCookies(origin);
  return nextAuth(await withResolvedCallbackParam(request, origin), context);
}

export { handler as GET, handler as POST };
