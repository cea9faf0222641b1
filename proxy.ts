// Runs before every request (static files aside):
// 1. refuses writes and data-handler reads that come from another site (403);
// 2. gives every response a Content-Security-Policy with a fresh script nonce (Next.js reads it
//    from the request's policy header and stamps its own scripts), and HSTS behind HTTPS;
// 3. drops a callback-url cookie the portal did not write (next-auth throws on some, which would
//    sign the visitor out of every page until it expired), from the request and from the browser;
// 4. sends anonymous visitors of pages to the sign-in page. That is a convenience, not the guard:
//    every page, action and handler checks the signed-in user and the policy again on the server.
import { NextResponse, type NextRequest } from "next/server";
import { CALLBACK_URL_COOKIES, isResolvedCallbackTarget } from "@/lib/auth/callback-target";
import { contentSecurityPolicy, crossSiteRefusal, HSTS_VALUE, isHttps, makeNonce, SESSION_COOKIE_NAMES } from "@/lib/http/security";

const PUBLIC_PREFIXES = ["/login", "/setup", "/api/", "/_next/", "/favicon"];
const SITE_URL = process.env.AUTH_URL || process.env.NEXTAUTH_URL || "";
const DEVELOPMENT = process.env.NODE_ENV === "development";

export function proxy(request: NextRequest) {
  const { pathname, search, protocol } = request.nextUrl;
  const get = (name: string) => request.headers.get(name);

  const refusal = crossSiteRefusal(
    { method: request.method, pathname, host: get("x-forwarded-host") ?? get("host") },
    get,
    SITE_URL ? [SITE_URL] : [],
  );
  if (refusal) {
    return NextResponse.json({ error: refusal }, { status: 403, headers: { "Cache-Control": "no-store" } });
  }

  const https = isHttps(protocol, get) || SITE_URL.startsWith("https:");
  const nonce = makeNonce();
  const policy = contentSecurityPolicy(nonce, { development: DEVELOPMENT, https });

  const strayCookies = CALLBACK_URL_COOKIES.filter((name) => {
    const value = request.cookies.get(name)?.value;
    return value !== undefined && !isResolvedCallbackTarget(value, request.nextUrl.origin);
  });
  for (const name of strayCookies) request.cookies.delete(name);

  let response: NextResponse;
  const isPublic = pathname === "/" || PUBLIC_PREFIXES.some((p) => pathname.startsWith(p));
  if (!isPublic && !SESSION_COOKIE_NAMES.some((name) => request.cookies.has(name))) {
    const url = request.nextUrl.clone();
    url.pathname = "/login";
    url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
    response = NextResponse.redirect(url);
  } else {
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("Content-Security-Policy", policy);
    response = NextResponse.next({ request: { headers } });
  }
  // Expired in the browser too; a __Secure- cookie can only be replaced by a Secure one.
  for (const name of strayCookies) response.cookies.set(name, "", { path: "/", expires: new Date(0), secure: name.startsWith("__Secure-"), sameSite: "lax" });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|favicon.svg).*)"],
};
