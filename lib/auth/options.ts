import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { currentRequestInfo, fromHeaders } from "@/lib/http/request-info";
import { resolveCallbackTarget } from "./callback-target";
import { authSecret } from "./secret";
import { checkCredentials, recordSignOut } from "./sign-in";

export function sessionMaxAgeSeconds(): number {
  return env().SESSION_MAX_AGE_HOURS * 3600;
}

/**
 * The portal's own origin: the public address when one is configured (npm start always sets it),
 * else the origin the request arrived on. Only the base a callback target is parsed against; a
 * target always resolves to a path, whichever origin this is.
 */
export function portalOrigin(requestOrigin: string): string {
  const configured = env().AUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // env() has validated it as a URL; fall through to the request's origin regardless.
    }
  }
  return requestOrigin;
}

export const authOptions: NextAuthOptions = {
  // Read when a request first needs it, not when the module loads: the build loads every module
  // and must not create the key file (or its folder) beside a database it never opens.
  get secret() {
    return authSecret();
  },
  // Cookies are HttpOnly and SameSite=Lax always; Secure (with the __Secure- prefix) when the
  // portal's public address is https. Stated here rather than left to next-auth's default.
  useSecureCookies: (env().AUTH_URL ?? "").startsWith("https:"),
  session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds() },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: {
        email: { label: "E-mail", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const headers = (req?.headers ?? {}) as Record<string, string | undefined>;
        const request = fromHeaders((name) => headers[name]);
        const user = await checkCredentials(
          { email: credentials?.email, password: credentials?.password },
          request,
        );
        return user
          ? { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, sessionId: user.sessionId }
          : null;
      },
    }),
  ],
  callbacks: {
    // Every target next-auth chooses (the callbackUrl parameter or form field, its callback-url
    // cookie) passes through here: the portal's origin followed by a path of the portal, never a
    // value that another host, a Location header or the cookie could misread.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${resolveCallbackTarget(url, baseUrl)}`;
    },
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sessionVersion ?? 1;
        token.sat = Date.now();
        token.sid = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      session.uid = token.uid;
      session.sv = token.sv;
      session.sat = token.sat;
      session.sid = token.sid;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      if (token?.uid) await recordSignOut(token.uid, token.sid, await currentRequestInfo());
    },
  },
};
