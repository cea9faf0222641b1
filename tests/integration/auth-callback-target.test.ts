// The auth route handler with crafted callback targets, in the query, the form and next-auth's
// callback-url cookie: never a 500, never a target off the portal, and a malformed cookie does not
// outlive the request that carried it. The handler runs in a real Next.js request store
// (support/route-request.ts), since next-auth reads cookies and headers only through next/headers.
// First: it gives Next.js its AsyncLocalStorage before next/server and next-auth load.
import { inRouteRequest } from "../support/route-request";
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isResolvedCallbackTarget } from "@/lib/auth/callback-target";
import { TEST_PASSWORD, makeUser } from "../support/fixtures";

type Handler = (request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

const HTTP = "http://127.0.0.1:3000";
const HTTPS = "https://ops.example.test";

// Values a callback-url cookie has been found holding or could be given by a sibling site; several
// made next-auth answer every request with a 500 until the cookie expired.
const MALFORMED = [
  "/\n/evil.example",
  `${HTTP}/\n/evil.example`,
  "/\r\n/evil.example",
  "/\t/evil.example",
  "/\0",
  "/.//evil.example",
  "/..//evil.example",
  "//evil.example",
  "/\\evil.example",
  "https://evil.example/",
  "http:evil.example",
  "javascript:alert(1)",
  "data:text/html,x",
  "evil.example",
  "not a url",
  "%",
  "%zz",
  ":",
  "http://",
  "https://[::1",
  "{}",
  " ",
  "a".repeat(3000),
];

/** next-auth's callback-url cookie name for a portal at `base`. */
const cookieName = (base: string) => (base.startsWith("https:") ? "__Secure-next-auth.callback-url" : "next-auth.callback-url");

async function loadRoute(base: string): Promise<{ route: { GET: Handler; POST: Handler }; bare: Handler }> {
  vi.resetModules();
  process.env.NEXTAUTH_URL = base;
  const route = (await import("@/app/api/auth/[...nextauth]/route")) as unknown as { GET: Handler; POST: Handler };
  const { authOptions } = await import("@/lib/auth/options");
  // next-auth on its own, quiet: the control case logs each 500 it answers.
  const quiet = { error() {}, warn() {}, debug() {} };
  return { route, bare: NextAuth({ ...authOptions, logger: quiet }) as unknown as Handler };
}

/** One request through `handle`, as Next.js would route `path` (under /api/auth) to it. */
async function call(
  handle: Handler,
  base: string,
  path: string,
  init: { method?: string; cookies?: Record<string, string>; form?: Record<string, string> } = {},
): Promise<Response> {
  const url = new URL(`/api/auth/${path}`, base);
  const headers = new Headers({ host: url.host, "x-forwarded-for": "10.30.0.1", "user-agent": "vitest callback target" });
  // As browsers send them back: the value as next-auth serialized it (percent-encoded).
  const cookie = Object.entries(init.cookies ?? {}).map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("; ");
  if (cookie) headers.set("cookie", cookie);
  let body: string | undefined;
  if (init.form) {
    headers.set("content-type", "application/x-www-form-urlencoded");
    body = new URLSearchParams(init.form).toString();
  }
  const request = new NextRequest(url, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
  const nextauth = url.pathname.split("/").slice(3).filter(Boolean);
  return inRouteRequest(request, () => handle(request, { params: Promise.resolve({ nextauth }) }));
}

/** The callback-url cookies a response sets, decoded; the last one is the one the browser keeps. */
function callbackCookies(response: Response, base: string): string[] {
  return response.headers
    .getSetCookie()
    .filter((line) => line.startsWith(`${cookieName(base)}=`))
    .map((line) => decodeURIComponent(line.slice(cookieName(base).length + 1).split(";")[0]!));
}

function expectOnPortal(target: string, base: string, label: string) {
  const url = new URL(target, base);
  expect(url.origin, label).toBe(new URL(base).origin);
  expect(url.pathname.startsWith("//") || url.pathname.startsWith("/\\"), label).toBe(false);
}

afterEach(() => {
  delete process.env.NEXTAUTH_URL;
  vi.resetModules();
});

describe("a malformed callback-url cookie", () => {
  for (const base of [HTTP, HTTPS]) {
    it(`is dropped before next-auth reads it (${base})`, async () => {
      const { route, bare } = await loadRoute(base);
      let bareFailures = 0;
      for (const value of MALFORMED) {
        const label = JSON.stringify(value).slice(0, 80);
        for (const path of ["csrf", "session", "providers", "signin"]) {
          const response = await call(route.GET, base, path, { cookies: { [cookieName(base)]: value } });
          expect(response.status, `${path} with ${label}`).toBeLessThan(500);
          for (const stored of callbackCookies(response, base).slice(-1)) {
            if (stored !== "") expect(isResolvedCallbackTarget(stored, base), `${path} stores ${JSON.stringify(stored)}`).toBe(true);
          }
          const location = response.headers.get("location");
          if (location) expectOnPortal(location, base, `${path} with ${label} goes to ${location}`);
        }
        // The same request straight to next-auth, to show the harness meets the defect it guards.
        if ((await call(bare, base, "csrf", { cookies: { [cookieName(base)]: value } })).status >= 500) bareFailures += 1;
      }
      expect(bareFailures).toBeGreaterThan(0);
    });
  }

  it("is replaced in the browser by a resolved one, so the next request is clean too", async () => {
    const { route } = await loadRoute(HTTPS);
    const first = await call(route.GET, HTTPS, "csrf", { cookies: { [cookieName(HTTPS)]: "javascript:alert(1)" } });
    expect(first.status).toBe(200);
    const kept = callbackCookies(first, HTTPS).at(-1);
    expect(kept).toBe(`${HTTPS}`);
    const second = await call(route.GET, HTTPS, "csrf", { cookies: { [cookieName(HTTPS)]: kept! } });
    expect(second.status).toBe(200);
  });

  it("a resolved one is kept and followed", async () => {
    const { route } = await loadRoute(HTTP);
    const response = await call(route.GET, HTTP, "signin", { cookies: { [cookieName(HTTP)]: `${HTTP}/runs/abc` } });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!, HTTP);
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("callbackUrl")).toBe(`${HTTP}/runs/abc`);
    expect(callbackCookies(response, HTTP)).toEqual([]);
  });
});

describe("a malformed callbackUrl parameter", () => {
  it("is resolved to a path of the portal, never refused or followed elsewhere", async () => {
    const { route } = await loadRoute(HTTP);
    for (const value of [...MALFORMED, "/./\\evil.example", "%2f%2fevil.example", "/%2f%2fevil.example"]) {
      const label = JSON.stringify(value).slice(0, 80);
      const query = `callbackUrl=${encodeURIComponent(value)}`;
      for (const path of [`signin?${query}`, `csrf?${query}`, `signout?${query}`, `session?${query}`, `signin?${query}&${query}`]) {
        const response = await call(route.GET, HTTP, path);
        expect(response.status, `${path.split("?")[0]} with ${label}`).toBeLessThan(500);
        expect(response.status, `${path.split("?")[0]} with ${label}`).not.toBe(400);
        const location = response.headers.get("location");
        if (location) {
          expectOnPortal(location, HTTP, `${label} redirects to ${location}`);
          const next = new URL(location, HTTP).searchParams.get("callbackUrl");
          if (next) expectOnPortal(next, HTTP, `${label} carries ${next}`);
        }
        for (const stored of callbackCookies(response, HTTP)) expect(isResolvedCallbackTarget(stored, HTTP), `${label} stores ${stored}`).toBe(true);
      }
    }
  });

  it("the cookie a signin with \"/\\n/evil.example\" leaves behind does not break the next request", async () => {
    const { route } = await loadRoute(HTTP);
    const signin = await call(route.GET, HTTP, `signin?callbackUrl=${encodeURIComponent("/\n/evil.example")}`);
    expect(signin.status).toBe(302);
    const stored = callbackCookies(signin, HTTP).at(-1)!;
    expect(isResolvedCallbackTarget(stored, HTTP)).toBe(true);
    for (const path of ["csrf", "session", "signin"]) {
      const next = await call(route.GET, HTTP, path, { cookies: { [cookieName(HTTP)]: stored } });
      expect(next.status, path).toBeLessThan(500);
    }
  });

  it("a credentials sign-in posted with disguised targets succeeds and answers with a path of the portal", async () => {
    const { route } = await loadRoute(HTTP);
    for (const value of ["/.//evil.example", "/..//evil.example", "/\n/evil.example", "https://evil.example/", "javascript:alert(1)", "%"]) {
      const user = await makeUser("OPERATOR");
      const csrf = await call(route.GET, HTTP, "csrf");
      const csrfCookie = csrf.headers.getSetCookie().find((line) => line.startsWith("next-auth.csrf-token="))!.split(";")[0]!;
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const response = await call(route.POST, HTTP, `callback/credentials?callbackUrl=${encodeURIComponent(value)}`, {
        cookies: {
          "next-auth.csrf-token": decodeURIComponent(csrfCookie.slice("next-auth.csrf-token=".length)),
          [cookieName(HTTP)]: value,
        },
        form: { csrfToken, email: user.email, password: TEST_PASSWORD, callbackUrl: value, json: "true" },
      });
      const label = JSON.stringify(value);
      expect(response.status, label).toBe(200);
      const { url } = (await response.json()) as { url: string };
      expect(url, label).toBe(`${HTTP}/`);
      expect(response.headers.getSetCookie().some((line) => line.startsWith("next-auth.session-token=")), label).toBe(true);
    }
  });

  it("a GET of the credentials callback is still answered with 405", async () => {
    const { route } = await loadRoute(HTTP);
    const response = await call(route.GET, HTTP, `callback/credentials?callbackUrl=${encodeURIComponent("/.//evil.example")}`);
    expect(response.status).toBe(405);
  });
});
