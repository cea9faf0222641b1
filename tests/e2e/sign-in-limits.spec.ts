// Sign-in limits seen from the outside (decision 027): an attacker's wrong passwords from other
// addresses do not keep the administrator out at the address they sign in from.
//
// The portal listens on 127.0.0.1 only and trusts no proxy (TRUSTED_PROXY_HOPS=0), so the client
// address it records is the connection's own. The browser always connects from 127.0.0.1. The
// attacker connects to the same 127.0.0.1 listener but binds its end of the connection to another
// loopback address (127.0.0.2 and up: all of 127.0.0.0/8 is loopback on Linux), with Node's
// `localAddress`; the listener then sees that address, exactly as it would see a second machine.
// The attacker talks to next-auth's own sign-in endpoint as any script would: fetch the CSRF token
// (and its cookie), post the credentials form.
import { spawnSync } from "node:child_process";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { E2E_DATABASE, E2E_PORT } from "../../playwright.config";
import { ADMIN, queryDb, signIn } from "./support";

interface Answer {
  status: number;
  body: string;
  cookies: string[];
}

/** One HTTP request to the portal, sent from the loopback address `from`. */
function request(from: string, method: "GET" | "POST", path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      { host: "127.0.0.1", port: E2E_PORT, localAddress: from, method, path, headers: { ...headers, ...(body ? { "Content-Length": String(Buffer.byteLength(body)) } : {}) } },
      (incoming) => {
        let text = "";
        incoming.setEncoding("utf8");
        incoming.on("data", (chunk: string) => (text += chunk));
        incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, body: text, cookies: (incoming.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]!) }));
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** A wrong password for `email` through next-auth's credentials endpoint, from `from`. */
async function guess(from: string, email: string, password: string): Promise<void> {
  const csrf = await request(from, "GET", "/api/auth/csrf");
  expect(csrf.status).toBe(200);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email, password, json: "true" }).toString();
  const answer = await request(
    from,
    "POST",
    "/api/auth/callback/credentials",
    { "Content-Type": "application/x-www-form-urlencoded", Cookie: csrf.cookies.join("; "), Origin: `http://127.0.0.1:${E2E_PORT}` },
    form,
  );
  // Refused the generic way: no session cookie, and nothing but next-auth's error code in the answer.
  expect(answer.cookies.some((c) => c.includes("session-token"))).toBe(false);
  expect(answer.body).not.toMatch(/prisma|SignInAttempt|invocation/i);
}

/** The reasons the audit trail gives for the administrator's refused sign-ins from `ip`. */
function reasonsFrom(ip: string): string[] {
  return queryDb<{ after: string }>(
    `SELECT after FROM "AuditEvent" WHERE action = 'auth.sign_in_failed' AND ip = ? AND actorLabel = ? ORDER BY seq`,
    ip,
    ADMIN.email,
  ).map((row) => (JSON.parse(row.after) as { reason: string }).reason);
}

test.describe.serial("sign-in limits", () => {
  test("wrong passwords from another address, in a burst and then from rotating addresses, do not keep the administrator out", async ({ browser }) => {
    // The administrator signs in from the browser's address, which makes it known for the account.
    const first = await browser.newContext();
    await signIn(await first.newPage(), ADMIN);
    await first.close();

    // A burst of twelve wrong passwords from 127.0.0.2: the first five are checked, then that
    // address waits, longer with every further attempt.
    for (let i = 0; i < 12; i++) await guess("127.0.0.2", ADMIN.email, `Wrong-Password-${i}`);
    const burst = reasonsFrom("127.0.0.2");
    expect(burst.slice(-12, -7)).toEqual(Array(5).fill("wrong password"));
    expect(burst.slice(-7)).toEqual(Array(7).fill("throttled"));

    // The administrator, at once, from the browser: signed in.
    const during = await browser.newContext();
    await signIn(await during.newPage(), ADMIN);
    await during.close();

    // Guesses from ten more addresses, one each, lock the account against addresses it has never
    // signed in from...
    for (let i = 3; i <= 12; i++) await guess(`127.0.0.${i}`, ADMIN.email, `Rotating-Guess-${i}`);
    const locked = queryDb<{ lockedUntil: unknown }>(`SELECT lockedUntil FROM "User" WHERE email = ?`, ADMIN.email);
    expect(locked[0]?.lockedUntil ?? null).not.toBeNull();
    await guess("127.0.0.13", ADMIN.email, ADMIN.password);
    expect(reasonsFrom("127.0.0.13")).toEqual(["account locked"]);

    // ...but not at the administrator's own address.
    const after = await browser.newContext();
    await signIn(await after.newPage(), ADMIN);
    await after.close();

    // The command line clears every limit, so the rest of the suite starts clean.
    const unlock = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", "user", "unlock", "--email", ADMIN.email], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: `file:./${E2E_DATABASE}` },
    });
    expect(unlock.stderr).toBe("");
    expect(unlock.status).toBe(0);
    expect(unlock.stdout).toContain("lockout lifted");
    expect(queryDb(`SELECT id FROM "SignInAttempt" WHERE email = ? AND success = 0`, ADMIN.email)).toEqual([]);
  });
});
