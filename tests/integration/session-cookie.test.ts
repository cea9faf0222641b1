// The session cookie next-auth sets on a real sign-in (its own handler, our options, the real
// credentials check): HttpOnly and SameSite=Lax always, Secure with the __Secure- prefix behind https.
import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TEST_PASSWORD, makeUser } from "../support/fixtures";

// next-auth's request handler, which its route handler wraps; the package does not export it by name.
const { AuthHandler } = createRequire(import.meta.url)(path.resolve("node_modules/next-auth/core/index.js")) as {
  AuthHandler: (params: { req: Record<string, unknown>; options: unknown }) => Promise<{ body?: unknown; cookies?: unknown[] }>;
};

interface CookieOut {
  name: string;
  value: string;
  options: { httpOnly?: boolean; sameSite?: string; secure?: boolean; path?: string };
}

async function signInThrough(publicUrl: string, email: string): Promise<CookieOut[]> {
  vi.resetModules();
  process.env.NEXTAUTH_URL = publicUrl;
  const { authOptions } = await import("@/lib/auth/options");
  const origin = new URL(publicUrl).origin;
  const csrf = await AuthHandler({ req: { origin, method: "GET", action: "csrf", headers: {}, cookies: {}, query: {} }, options: authOptions });
  const csrfCookie = (csrf.cookies as CookieOut[]).find((c) => c.name.includes("csrf-token"))!;
  const token = (csrf.body as { csrfToken: string }).csrfToken;
  const callback = await AuthHandler({
    req: {
      origin,
      method: "POST",
      action: "callback",
      providerId: "credentials",
      headers: { "x-forwarded-for": "10.20.0.1", "user-agent": "vitest cookie" },
      cookies: { [csrfCookie.name]: csrfCookie.value },
      query: {},
      body: { csrfToken: token, email, password: TEST_PASSWORD, json: "true" },
    },
    options: authOptions,
  });
  return callback.cookies as CookieOut[];
}

afterEach(() => {
  delete process.env.NEXTAUTH_URL;
  vi.resetModules();
});

describe("the session cookie", () => {
  it("behind https: __Secure- prefix, Secure, HttpOnly, SameSite=Lax", async () => {
    const user = await makeUser("OPERATOR");
    const session = (await signInThrough("https://ops.example.test", user.email)).find((c) => c.name.endsWith("session-token"));
    expect(session?.name).toBe("__Secure-next-auth.session-token");
    expect(session?.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true, path: "/" });
    expect(session?.value.length).toBeGreaterThan(100);
  });

  it("over plain http (a loopback or LAN test install): HttpOnly and SameSite=Lax, without Secure", async () => {
    const user = await makeUser("OPERATOR");
    const session = (await signInThrough("http://127.0.0.1:3000", user.email)).find((c) => c.name.endsWith("session-token"));
    expect(session?.name).toBe("next-auth.session-token");
    expect(session?.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    expect(session?.options.secure).toBeFalsy();
  });

  it("a wrong password sets no session cookie", async () => {
    const user = await makeUser("OPERATOR");
    const cookies = await signInThrough("https://ops.example.test", `${user.email}x`);
    expect(cookies.find((c) => c.name.endsWith("session-token"))).toBeUndefined();
  });
});
