// Changing one's own password (/account): the current password is checked under the sign-in
// limits, the password policy applies, the change is audited, and the account's other sessions end
// while the one that changed it stays.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import { verifyPassword } from "@/lib/auth/password";
import type { CurrentUser } from "@/lib/auth/session";
import { changeOwnPassword, SESSION_END_REASON } from "@/lib/users/account";
import "@/lib/users/actions";
import { actionDefinition, as, auditCount, makeUser, TEST_PASSWORD, TEST_REQUEST } from "../support/fixtures";

const NOW = new Date("2026-12-09T07:00:00Z");
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const change = actionDefinition("account.change_password");
const NEW_PASSWORD = "Lantern-Quarry-Orbit-31";

async function hashOf(user: CurrentUser) {
  return (await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } })).passwordHash;
}

async function openSession(user: CurrentUser, id: string, lastSeenAt: Date) {
  await db.userSession.create({ data: { id, userId: user.id, createdAt: new Date(lastSeenAt.getTime() - 60_000), lastSeenAt, ip: "127.0.0.1", userAgent: "vitest" } });
}

const written = async () => ({ audit: await auditCount(), attempts: await db.signInAttempt.count(), users: await db.user.findMany({ orderBy: { id: "asc" } }) });

describe("changing one's own password", () => {
  it("lets every role change their own password (allow), audited, ending their other sessions", async () => {
    for (const role of ["VIEWER", "OPERATOR", "MANAGER", "ADMIN"] as const) {
      const user = await makeUser(role);
      await openSession(user, `${user.id}-elsewhere`, at(-600));
      const before = await auditCount();
      const result = await runAction(change, { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, as(user, NOW));
      expect(result, role).toMatchObject({ ok: true, message: "Your password is changed. 1 other session was signed out; this browser stays signed in.", data: { refused: false } });
      expect(await verifyPassword(await hashOf(user), NEW_PASSWORD)).toBe(true);
      expect(await verifyPassword(await hashOf(user), TEST_PASSWORD)).toBe(false);
      expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ passwordChangedAt: NOW, sessionVersion: 1 });
      expect(await db.userSession.findUniqueOrThrow({ where: { id: `${user.id}-elsewhere` } })).toMatchObject({ endedAt: NOW, endReason: SESSION_END_REASON });
      expect(await auditCount()).toBe(before + 1);
      const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
      expect(event).toMatchObject({ action: "account.change_password", entityType: "User", entityId: user.id, actorId: user.id });
      expect(event.after).not.toMatch(/argon2|passwordHash|Lantern/);
    }
  });

  it("refuses a caller without the permission (deny), changing nothing", async () => {
    const user = await makeUser("VIEWER");
    const before = await written();
    const result = await runAction(change, { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, as({ ...user, role: "GUEST" as never }, NOW));
    expect(result).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await written()).toEqual(before);
  });

  it("applies the password policy to the new password and writes nothing when it is refused", async () => {
    const user = await makeUser("OPERATOR", { email: "olga.operator@example.test" });
    const before = await written();
    const cases: [Record<string, string>, string, string][] = [
      [{ currentPassword: TEST_PASSWORD, password: "short", confirm: "short" }, "password", "A password needs at least 12 characters."],
      [{ currentPassword: TEST_PASSWORD, password: "Password2026!", confirm: "Password2026!" }, "password", "That password is built from words and patterns attackers try first"],
      [{ currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirm: "something-else-entirely" }, "confirm", "The two new passwords do not match."],
      [{ currentPassword: TEST_PASSWORD, password: TEST_PASSWORD, confirm: TEST_PASSWORD }, "password", "Choose a new password, not the current one."],
      [{ currentPassword: "   ", password: NEW_PASSWORD, confirm: NEW_PASSWORD }, "currentPassword", "Enter your current password."],
      [{ currentPassword: TEST_PASSWORD, password: "olga.operator-Quarry-7", confirm: "olga.operator-Quarry-7" }, "password", "A password cannot contain the e-mail name."],
    ];
    for (const [input, field, message] of cases) {
      const result = await runAction(change, input, as(user, NOW));
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (result.ok) continue;
      expect(result.fieldErrors[field]?.join(" "), JSON.stringify(input)).toContain(message);
      expect(JSON.stringify(result.values ?? {})).not.toMatch(/Lantern|correct horse|Password2026|Quarry/);
    }
    expect(await written()).toEqual(before);
  });

  it("refuses a wrong current password, counting it like a wrong sign-in from that address, and then slows the guessing down", async () => {
    const user = await makeUser("OPERATOR");
    const hash = await hashOf(user);
    const before = await auditCount();
    const wrong = await runAction(change, { currentPassword: "not-my-password-1", password: NEW_PASSWORD, confirm: NEW_PASSWORD }, as(user, NOW));
    expect(wrong).toMatchObject({ ok: true, message: "That is not your current password. Nothing was changed.", data: { refused: true } });
    expect(await hashOf(user)).toBe(hash);
    expect(await db.signInAttempt.findMany({ where: { email: user.email }, select: { ip: true, success: true, at: true } })).toEqual([{ ip: TEST_REQUEST.ip, success: false, at: NOW }]);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "account.change_password_refused", entityId: user.id, actorId: user.id });
    expect(await auditCount()).toBe(before + 1);
    // This address never saw a right password for the account: the wrong one counts towards the lockout.
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).failedSignIns).toBe(1);

    // Four more wrong ones are free (five in all); the sixth attempt must wait and is not even checked.
    for (let i = 1; i < 5; i++) {
      expect(await runAction(change, { currentPassword: `wrong-guess-${i}-xyz`, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, as(user, at(i)))).toMatchObject({ data: { refused: true } });
    }
    const held = await written();
    const waited = await runAction(change, { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, as(user, at(6)));
    expect(waited).toMatchObject({ ok: false, error: expect.stringMatching(/^Too many wrong passwords from here\. Try again in \d+ seconds\.$/) });
    expect(await written()).toEqual(held);
    // Once the wait is over the right password goes through.
    expect(await runAction(change, { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD }, as(user, at(30)))).toMatchObject({ ok: true, data: { refused: false } });
  });

  it("does not count a wrong current password towards the lockout at an address the account signs in from", async () => {
    const user = await makeUser("OPERATOR");
    await db.signInAttempt.create({ data: { at: at(-3600), email: user.email, ip: TEST_REQUEST.ip, success: true } });
    await runAction(change, { currentPassword: "not-my-password-2", password: NEW_PASSWORD, confirm: NEW_PASSWORD }, as(user, NOW));
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).failedSignIns).toBe(0);
  });

  it("keeps the session that changed the password and ends the others, counting only those still in use", async () => {
    const user = await makeUser("MANAGER");
    await openSession(user, "this-browser", at(-60));
    await openSession(user, "phone", at(-300));
    await openSession(user, "old-laptop", at(-5 * 3600));
    await db.userSession.create({ data: { id: "signed-out", userId: user.id, createdAt: at(-7200), lastSeenAt: at(-7000), endedAt: at(-7000), endReason: "signed out", ip: "x", userAgent: "x" } });
    const outcome = await db.$transaction((tx) =>
      changeOwnPassword(tx, { userId: user.id, currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, keepSessionId: "this-browser" }, TEST_REQUEST, NOW),
    );
    expect(outcome).toEqual({ changed: true, sessionsEnded: 1, passwordChangedAt: NOW });
    const sessions = await db.userSession.findMany({ where: { userId: user.id }, orderBy: { id: "asc" }, select: { id: true, endedAt: true, endReason: true } });
    expect(sessions).toEqual([
      { id: "old-laptop", endedAt: NOW, endReason: SESSION_END_REASON },
      { id: "phone", endedAt: NOW, endReason: SESSION_END_REASON },
      { id: "signed-out", endedAt: at(-7000), endReason: "signed out" },
      { id: "this-browser", endedAt: null, endReason: null },
    ]);
  });
});
