import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

const nextAuth = NextAuth(authOptions) as (request: Request, context: unknown) => Promise<Response>;

/** next-auth's own test of a callback URL: http(s), absolute or a path on this site. */
function usableCallbackUrl(value: string, origin: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

/**
 * next-auth answers a callbackUrl that is no URL with a 500 ("a problem with the server
 * configuration") or an uncaught TypeError, and a GET of the credentials callback with an uncaught
 * error. Both are the client's mistake and get a 400 or 405 here; everything else goes to next-auth.
 */
async function handler(request: Request, context: unknown): Promise<Response> {
  const url = new URL(request.url);
  const callbackUrls = url.searchParams.getAll("callbackUrl");
  if (request.method === "POST" && /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(request.headers.get("content-type") ?? "")) {
    const form = await request.clone().formData().catch(() => null);
    for (const value of form?.getAll("callbackUrl") ?? []) if (typeof value === "string") callbackUrls.push(value);
  }
  if (callbackUrls.some((value) => value !== "" && !usableCallbackUrl(value, url.origin))) {
    return Response.json({ error: "Invalid callback URL." }, { status: 400 });
  }
  if (request.method === "GET" && /\/callback\/credentials\/?$/.test(url.pathname)) {
    return Response.json({ error: "Sign in with the sign-in form." }, { status: 405, headers: { Allow: "POST" } });
  }
  return nextAuth(request, context);
}

export { handler as GET, handler as POST };
