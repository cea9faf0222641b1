import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { checkCredentials, recordSignOut } from "@/lib/auth/sign-in";
import { verifyAuditChain } from "@/lib/audit/verify";
import { runAction } from "@/lib/actions/define";
import { LOCKOUT_FAILURES, LOCKOUT_MS } from "@/lib/auth/throttle";
import "@/lib/users/actions";
import { TEST_PASSWORD, actionDefinition, as, auditCount, makeUser } from "../support/fixtures";

let addressCounter = 0;
/** A fresh client address per test, so address-based throttling never leaks between tests. */
function freshRequest() {
  addressCounter += 1;
  return { ip: `10.0.0.${addressCounter}`, userAgent: "vitest sign-in" };
}

async function lastAuditFor(entityId: string) {
  return db.auditEvent.findFirstOrThrow({ where: { entityId }, orderBy: { seq: "desc" } });
}

async function attemptsFor(email: string) {
  return db.signInAttempt.findMany({ where: { email }, orderBy: { at: "asc" } });
}

describe("checking credentials", () => {
  it("signs in with the right password: returns the user, records a success and audits 'auth.sign_in'", async () => {
    const user = await makeUser("OPERATOR");
    const request = freshRequest();

    const signedIn = await checkCredentials({ email: user.email, password: TEST_PASSWORD }, request);

    expect(signedIn).toEqual({ id: user.id, email: user.email, name: user.name, sessionVersion: 1, sessionId: expect.any(String) });
    expect(await attemptsFor(user.email)).toEqual([expect.objectContaining({ email: user.email, ip: request.ip, success: true })]);
    expect(await lastAuditFor(user.id)).toMatchObject({
      action: "auth.sign_in",
      actorId: user.id,
      actorLabel: user.email,
      entityType: "User",
      after: null,
      ip: request.ip,
      userAgent: request.userAgent,
    });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).toBeInstanceOf(Date);
  });

  it("refuses a wrong password with null and audits 'auth.sign_in_failed'", async () => {
    const user = await makeUser("VIEWER");
    const request = freshRequest();

    expect(await checkCredentials({ email: user.email, password: "not the password" }, request)).toBeNull();

    expect(await attemptsFor(user.email)).toEqual([expect.objectContaining({ success: false, ip: request.ip })]);
    const event = await lastAuditFor(user.id);
    expect(event).toMatchObject({ action: "auth.sign_in_failed", actorId: user.id });
    expect(JSON.parse(event.after!)).toEqual({ reason: "wrong password" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).toBeNull();
  });

  it("refuses an unknown e-mail the same way, auditing it under the e-mail", async () => {
    const request = freshRequest();
    const email = "nobody@example.test";

    expect(await checkCredentials({ email, password: TEST_PASSWORD }, request)).toBeNull();

    expect(await attemptsFor(email)).toEqual([expect.objectContaining({ success: false })]);
    const event = await lastAuditFor(email);
    expect(event).toMatchObject({ action: "auth.sign_in_failed", actorId: null, actorLabel: email, entityType: "User" });
    expect(JSON.parse(event.after!)).toEqual({ reason: "unknown account" });
  });

  it("refuses a deactivated user even with the right password", async () => {
    const user = await makeUser("MANAGER");
    await db.user.update({ where: { id: user.id }, data: { active: false, deactivatedAt: new Date() } });

    expect(await checkCredentials({ email: user.email, password: TEST_PASSWORD }, freshRequest())).toBeNull();

    const event = await lastAuditFor(user.id);
    expect(event.action).toBe("auth.sign_in_failed");
    expect(JSON.parse(event.after!)).toEqual({ reason: "account deactivated" });
    expect(await attemptsFor(user.email)).toEqual([expect.objectContaining({ success: false })]);
  });

  it("matches the e-mail without regard to case or surrounding spaces", async () => {
    const user = await makeUser("VIEWER", { email: "mixed.case@example.test" });
    const signedIn = await checkCredentials({ email: "  Mixed.CASE@Example.Test ", password: TEST_PASSWORD }, freshRequest());
    expect(signedIn?.id).toBe(user.id);
    // The attempt is recorded under the normalised address, so throttling counts every spelling together.
    expect(await attemptsFor("mixed.case@example.test")).toHaveLength(1);
  });

  it("does not record or audit malformed requests", async () => {
    const before = { attempts: await db.signInAttempt.count(), audit: await db.auditEvent.count() };
    for (const raw of [undefined, null, {}, { email: "a@b.co" }, { email: "not-an-email", password: "x" }, { email: "a@b.co", password: "" }, "a@b.co"]) {
      expect(await checkCredentials(raw, freshRequest()), JSON.stringify(raw)).toBeNull();
    }
    expect({ attempts: await db.signInAttempt.count(), audit: await db.auditEvent.count() }).toEqual(before);
  });
});

describe("signing out", () => {
  it("audits 'auth.sign_out' for a known user and nothing for an unknown one", async () => {
    const user = await makeUser("VIEWER");
    const request = freshRequest();
    await recordSignOut(user.id, undefined, request);
    expect(await lastAuditFor(user.id)).toMatchObject({ action: "auth.sign_out", actorId: user.id, actorLabel: user.email, ip: request.ip });

    const before = await db.auditEvent.count();
    await recordSignOut("no-such-user", undefined, request);
    expect(await db.auditEvent.count()).toBe(before);
  });
});

describe("throttling", () => {
  it("refuses even the right password after 5 failures for one account at one address; elsewhere it still signs in", async () => {
    const victim = await makeUser("OPERATOR");
    const bystander = await makeUser("OPERATOR");
    const attacker = freshRequest();

    // Four failures are free: the right password still works after them...
    for (let i = 0; i < 4; i++) expect(await checkCredentials({ email: victim.email, password: `wrong ${i}` }, attacker)).toBeNull();
    expect(await checkCredentials({ email: victim.email, password: TEST_PASSWORD }, freshRequest())).not.toBeNull();
    // ...the fifth uses up the allowance at that address (in any spelling of the e-mail).
    expect(await checkCredentials({ email: victim.email.toUpperCase(), password: "wrong 4" }, attacker)).toBeNull();

    // From the attacker's address even the right password now waits.
    expect(await checkCredentials({ email: victim.email, password: TEST_PASSWORD }, attacker)).toBeNull();
    const event = await lastAuditFor(victim.id);
    expect(event.action).toBe("auth.sign_in_failed");
    const after = JSON.parse(event.after!) as { reason: string; retryAfterSeconds: number };
    expect(after.reason).toBe("throttled");
    expect(after.retryAfterSeconds).toBeGreaterThan(0);
    expect(after.retryAfterSeconds).toBeLessThanOrEqual(15);

    // The owner elsewhere is not held back by the attacker's failures.
    expect(await checkCredentials({ email: victim.email, password: TEST_PASSWORD }, freshRequest())).not.toBeNull();
    // Another account from another address is not affected...
    expect(await checkCredentials({ email: bystander.email, password: TEST_PASSWORD }, freshRequest())).not.toBeNull();
    // ...nor from the attacker's address, which is still within its own allowance.
    expect(await checkCredentials({ email: bystander.email, password: TEST_PASSWORD }, attacker)).not.toBeNull();
  });

  it("lets the account sign in again once the wait has passed", async () => {
    const user = await makeUser("VIEWER");
    const request = freshRequest();
    for (let i = 0; i < 5; i++) await checkCredentials({ email: user.email, password: "wrong" }, request);
    expect(await checkCredentials({ email: user.email, password: TEST_PASSWORD }, request)).toBeNull();

    // Six failures now (the throttled attempt counts too): the wait is 30 s after the last one.
    const failures = await db.signInAttempt.count({ where: { email: user.email, success: false } });
    expect(failures).toBe(6);
    await db.signInAttempt.updateMany({ where: { email: user.email }, data: { at: new Date(Date.now() - 31_000) } });

    expect(await checkCredentials({ email: user.email, password: TEST_PASSWORD }, request)).not.toBeNull();
  });

  it("forgets failures older than the 15-minute window", async () => {
    const user = await makeUser("VIEWER");
    const request = freshRequest();
    await db.signInAttempt.createMany({
      data: Array.from({ length: 30 }, () => ({ email: user.email, ip: request.ip, success: false, at: new Date(Date.now() - 16 * 60_000) })),
    });
    expect(await checkCredentials({ email: user.email, password: TEST_PASSWORD }, request)).not.toBeNull();
  });

  it("throttles an address after 20 failures across accounts", async () => {
    const target = await makeUser("VIEWER");
    const sprayer = freshRequest();
    // Spread over many accounts, so no single account reaches its own allowance.
    await db.signInAttempt.createMany({
      data: Array.from({ length: 20 }, (_, i) => ({ email: `sprayed${i}@example.test`, ip: sprayer.ip, success: false, at: new Date() })),
    });

    expect(await checkCredentials({ email: target.email, password: TEST_PASSWORD }, sprayer)).toBeNull();
    expect(JSON.parse((await lastAuditFor(target.id)).after!)).toMatchObject({ reason: "throttled" });
    // The same account from a clean address is fine.
    expect(await checkCredentials({ email: target.email, password: TEST_PASSWORD }, freshRequest())).not.toBeNull();
  });

  it("19 failures from one address are still allowed", async () => {
    const target = await makeUser("VIEWER");
    const request = freshRequest();
    await db.signInAttempt.createMany({
      data: Array.from({ length: 19 }, (_, i) => ({ email: `other${i}@example.test`, ip: request.ip, success: false, at: new Date() })),
    });
    expect(await checkCredentials({ email: target.email, password: TEST_PASSWORD }, request)).not.toBeNull();
  });

  // Regression: each attempt must be counted, under the write lock, before its password is
  // checked; otherwise a burst of parallel guesses all see the same old count.
  it("does not let parallel guesses get past the account's 5 free failures", async () => {
    const user = await makeUser("VIEWER");
    const request = freshRequest();

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => checkCredentials({ email: user.email, password: `parallel guess ${i}` }, request)),
    );

    expect(results.every((r) => r === null)).toBe(true);
    const events = await db.auditEvent.findMany({ where: { entityId: user.id, action: "auth.sign_in_failed" } });
    expect(events).toHaveLength(20);
    const reasons = events.map((e) => (JSON.parse(e.after!) as { reason: string }).reason);
    // Sequentially, only 5 guesses are checked before throttling starts; a burst must not get more.
    expect(reasons.filter((r) => r === "wrong password").length).toBeLessThanOrEqual(5);
    expect(reasons.filter((r) => r === "throttled").length).toBeGreaterThanOrEqual(15);
  });

  // Regression: one failure of another account from the same address (a colleague behind the same
  // NAT), stored a moment after this request read the clock, must not refuse a user with no failures.
  it("does not throttle a user with no failures because another account's failure is stamped a moment later", async () => {
    const user = await makeUser("VIEWER");
    const request = freshRequest();
    await db.signInAttempt.create({ data: { email: "colleague@example.test", ip: request.ip, success: false, at: new Date(Date.now() + 2000) } });

    expect(await checkCredentials({ email: user.email, password: TEST_PASSWORD }, request)).not.toBeNull();
  });

});

describe("account lockout", () => {
  /** A wrong password as if the throttle's wait had passed since the previous one. */
  async function spacedGuess(email: string, request: { ip: string; userAgent: string }, password = "not the password") {
    await db.signInAttempt.deleteMany({ where: { OR: [{ email }, { ip: request.ip }] } });
    return checkCredentials({ email, password }, request);
  }
  const reasonsOf = async (userId: string) =>
    (await db.auditEvent.findMany({ where: { entityId: userId }, orderBy: { seq: "asc" } })).map((e) => [e.action, e.after ? (JSON.parse(e.after) as { reason?: string }).reason : undefined]);

  it("locks the account after ten wrong passwords in a row: the right one is then refused, and both steps are audited", async () => {
    const user = await makeUser("OPERATOR");
    const request = freshRequest();
    for (let i = 0; i < LOCKOUT_FAILURES - 1; i++) expect(await spacedGuess(user.email, request)).toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ failedSignIns: 9, lockedUntil: null });

    const before = Date.now();
    expect(await spacedGuess(user.email, request)).toBeNull();
    const locked = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(locked.failedSignIns).toBe(0);
    expect(locked.lockedUntil!.getTime()).toBeGreaterThanOrEqual(before + LOCKOUT_MS);
    const lockEvent = await lastAuditFor(user.id);
    expect(lockEvent).toMatchObject({ action: "auth.account_locked", entityType: "User", ip: request.ip });
    expect(JSON.parse(lockEvent.after!)).toEqual({ failedSignIns: 10, lockedUntil: locked.lockedUntil!.toISOString() });

    expect(await spacedGuess(user.email, request, TEST_PASSWORD)).toBeNull();
    const refused = await lastAuditFor(user.id);
    expect(refused.action).toBe("auth.sign_in_failed");
    expect(JSON.parse(refused.after!)).toEqual({ reason: "account locked", lockedUntil: locked.lockedUntil!.toISOString() });
    expect((await reasonsOf(user.id)).filter(([a]) => a === "auth.sign_in")).toHaveLength(0);
    // Guesses while locked are not checked and do not extend the lockout.
    expect(await spacedGuess(user.email, request)).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lockedUntil).toEqual(locked.lockedUntil);
  });

  it("lets the right password in once the lockout has ended, and starts counting again from zero", async () => {
    const user = await makeUser("VIEWER");
    const request = freshRequest();
    await db.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    expect(await spacedGuess(user.email, request, TEST_PASSWORD)).not.toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ failedSignIns: 0, lockedUntil: null });
  });

  it("a successful sign-in resets the count, so wrong passwords must be in a row", async () => {
    const user = await makeUser("VIEWER");
    const request = freshRequest();
    for (let i = 0; i < LOCKOUT_FAILURES - 1; i++) await spacedGuess(user.email, request);
    expect(await spacedGuess(user.email, request, TEST_PASSWORD)).not.toBeNull();
    expect(await spacedGuess(user.email, request)).toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ failedSignIns: 1, lockedUntil: null });
  });

  it("unknown accounts and throttled attempts do not lock anything", async () => {
    const user = await makeUser("VIEWER");
    const request = freshRequest();
    // Twenty guesses without spacing: five are checked, the rest are throttled before the check.
    for (let i = 0; i < 20; i++) await checkCredentials({ email: user.email, password: `guess ${i}` }, request);
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ failedSignIns: 5, lockedUntil: null });
  });

  it("an administrator unlocks the account (audited); a manager may not, and an unlocked account cannot be unlocked again", async () => {
    const admin = await makeUser("ADMIN");
    const manager = await makeUser("MANAGER");
    const user = await makeUser("OPERATOR");
    const request = freshRequest();
    for (let i = 0; i < LOCKOUT_FAILURES; i++) await spacedGuess(user.email, request);
    const { lockedUntil } = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(lockedUntil).not.toBeNull();
    const unlock = actionDefinition("user.unlock");

    const eventsBefore = await auditCount();
    expect(await runAction(unlock, { userId: user.id }, as(manager))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await auditCount()).toBe(eventsBefore);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lockedUntil).toEqual(lockedUntil);

    expect(await runAction(unlock, { userId: user.id }, as(admin))).toMatchObject({ ok: true });
    expect(await lastAuditFor(user.id)).toMatchObject({ action: "user.unlock", actorId: admin.id });
    expect(await spacedGuess(user.email, request, TEST_PASSWORD)).not.toBeNull();

    const eventsAfter = await auditCount();
    expect(await runAction(unlock, { userId: user.id }, as(admin))).toMatchObject({ ok: false, error: expect.stringMatching(/not locked out/) });
    expect(await auditCount()).toBe(eventsAfter);
  });

  it("a password reset by an administrator lifts the lockout", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("OPERATOR");
    const request = freshRequest();
    for (let i = 0; i < LOCKOUT_FAILURES; i++) await spacedGuess(user.email, request);
    expect(await runAction(actionDefinition("user.reset_password"), { userId: user.id, password: "Quiet-Harbour-58-lamp" }, as(admin))).toMatchObject({ ok: true });
    expect(await spacedGuess(user.email, request, "Quiet-Harbour-58-lamp")).not.toBeNull();
  });

  it("keeps the audit chain intact through all of the above", async () => {
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
