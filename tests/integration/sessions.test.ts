// Server-side sessions: every request resolves the cookie's claims against its UserSession row,
// so sign-out, idle time, the absolute limit and account changes end a session at once.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import { checkCredentials, recordSignOut } from "@/lib/auth/sign-in";
import { ACTIVITY_WRITE_INTERVAL_MS, resolveSession, sessionIdleMs, type SessionClaims } from "@/lib/auth/session";
import { sessionMaxAgeSeconds } from "@/lib/auth/options";
import { pruneSecurityRecords, SECURITY_RECORDS_KEPT_DAYS } from "@/lib/auth/housekeeping";
import "@/lib/users/actions";
import { TEST_PASSWORD, actionDefinition, as, makeUser } from "../support/fixtures";

let address = 0;
function request() {
  address += 1;
  return { ip: `10.9.0.${address}`, userAgent: "vitest sessions" };
}

/** Signs in for real and returns the claims next-auth would put in the cookie, signed in at `at`. */
async function signedIn(role: "VIEWER" | "OPERATOR" | "MANAGER" | "ADMIN" = "OPERATOR") {
  const user = await makeUser(role);
  const result = await checkCredentials({ email: user.email, password: TEST_PASSWORD }, request());
  expect(result).not.toBeNull();
  const row = await db.userSession.findUniqueOrThrow({ where: { id: result!.sessionId } });
  const claims: SessionClaims = { uid: user.id, sv: result!.sessionVersion, sat: row.createdAt.getTime(), sid: result!.sessionId };
  return { user, claims, start: row.createdAt };
}

const at = (start: Date, ms: number) => new Date(start.getTime() + ms);
const rowOf = (sid: string) => db.userSession.findUniqueOrThrow({ where: { id: sid } });

describe("server-side sessions", () => {
  it("a sign-in opens a session row with a 256-bit id, the address and the browser", async () => {
    const { user, claims } = await signedIn();
    expect(Buffer.from(claims.sid!, "base64url")).toHaveLength(32);
    expect(await rowOf(claims.sid!)).toMatchObject({ userId: user.id, endedAt: null, userAgent: "vitest sessions" });
    expect(await resolveSession(claims)).toEqual({ id: user.id, email: user.email, name: user.name, role: "OPERATOR" });
  });

  it("refuses claims without a session id, with another user's id, or naming a session that does not exist", async () => {
    const { claims } = await signedIn();
    const other = await makeUser("ADMIN");
    expect(await resolveSession({ ...claims, sid: undefined })).toBeNull();
    expect(await resolveSession({ ...claims, uid: other.id })).toBeNull();
    expect(await resolveSession({ ...claims, sid: "forged" })).toBeNull();
    expect(await resolveSession(null)).toBeNull();
    expect(await resolveSession(claims)).not.toBeNull();
  });

  it("after sign-out the same cookie is refused, even though it is still validly signed", async () => {
    const { user, claims } = await signedIn();
    await recordSignOut(user.id, claims.sid, request());
    expect(await rowOf(claims.sid!)).toMatchObject({ endReason: "signed out" });
    expect(await resolveSession(claims)).toBeNull();
  });

  it("ends a session left idle longer than SESSION_IDLE_MINUTES, for good", async () => {
    const { claims, start } = await signedIn();
    expect(await resolveSession(claims, at(start, sessionIdleMs() - 1000))).not.toBeNull();
    // That request was activity: the idle period starts again from it.
    const seen = (await rowOf(claims.sid!)).lastSeenAt;
    expect(seen.getTime()).toBe(start.getTime() + sessionIdleMs() - 1000);
    expect(await resolveSession(claims, at(seen, sessionIdleMs() + 1000))).toBeNull();
    expect(await rowOf(claims.sid!)).toMatchObject({ endReason: "idle" });
    // Coming back sooner afterwards does not revive it.
    expect(await resolveSession(claims, at(seen, 1000))).toBeNull();
  });

  it("writes activity at most once a minute", async () => {
    const { claims, start } = await signedIn();
    await resolveSession(claims, at(start, ACTIVITY_WRITE_INTERVAL_MS - 1000));
    expect((await rowOf(claims.sid!)).lastSeenAt).toEqual(start);
    await resolveSession(claims, at(start, ACTIVITY_WRITE_INTERVAL_MS));
    expect((await rowOf(claims.sid!)).lastSeenAt).toEqual(at(start, ACTIVITY_WRITE_INTERVAL_MS));
  });

  it("ends a session SESSION_MAX_AGE_HOURS after sign-in however active it is", async () => {
    const { claims, start } = await signedIn();
    const maxMs = sessionMaxAgeSeconds() * 1000;
    // Active all along: one request every half idle period.
    for (let t = sessionIdleMs() / 2; t < maxMs; t += sessionIdleMs() / 2) {
      expect(await resolveSession(claims, at(start, t)), `at ${t} ms`).not.toBeNull();
    }
    expect(await resolveSession(claims, at(start, maxMs + 1000))).toBeNull();
    // The cookie's own sign-in time is checked too, before the row is read.
    expect(await resolveSession({ ...claims, sat: Date.now() - maxMs - 1000 })).toBeNull();
  });

  it("deactivating a user ends their open sessions at once; reactivating does not revive them", async () => {
    const admin = await makeUser("ADMIN");
    const { user, claims } = await signedIn();
    expect(await resolveSession(claims)).not.toBeNull();
    expect(await runAction(actionDefinition("user.set_active"), { userId: user.id, active: "false" }, as(admin))).toMatchObject({ ok: true });
    expect(await resolveSession(claims)).toBeNull();
    expect(await runAction(actionDefinition("user.set_active"), { userId: user.id, active: "true" }, as(admin))).toMatchObject({ ok: true });
    expect(await resolveSession(claims)).toBeNull();
  });

  it("a role change or password reset ends open sessions at once", async () => {
    const admin = await makeUser("ADMIN");
    const a = await signedIn();
    const b = await signedIn();
    await runAction(actionDefinition("user.change_role"), { userId: a.user.id, role: "VIEWER" }, as(admin));
    await runAction(actionDefinition("user.reset_password"), { userId: b.user.id, password: "Harbour-Lantern-42" }, as(admin));
    expect(await resolveSession(a.claims)).toBeNull();
    expect(await resolveSession(b.claims)).toBeNull();
  });

  it("prunes sessions and sign-in attempts older than the kept period, and nothing newer", async () => {
    const { claims } = await signedIn();
    const old = new Date(Date.now() - (SECURITY_RECORDS_KEPT_DAYS + 1) * 86_400_000);
    const user = await makeUser("VIEWER");
    await db.userSession.create({ data: { id: "old-session", userId: user.id, createdAt: old, lastSeenAt: old, ip: "x", userAgent: "x" } });
    await db.signInAttempt.create({ data: { email: "old@example.test", ip: "x", success: false, at: old } });
    const pruned = await pruneSecurityRecords(db);
    expect(pruned).toEqual({ attempts: 1, sessions: 1 });
    expect(await db.userSession.findUnique({ where: { id: "old-session" } })).toBeNull();
    expect(await resolveSession(claims)).not.toBeNull();
  });
});
