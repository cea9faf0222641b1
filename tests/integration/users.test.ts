// The user actions are tested through the real wrapper, runAction (authenticate → authorize →
// parse → transaction → one audit event → error mapping), with the definitions registered by
// lib/users/actions.ts and an explicit actor. The exported form functions themselves ask next-auth
// for the current user, which needs a Next.js request; the end-to-end tests cover that path.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { z } from "zod";
import { db } from "@/lib/db";
import { runAction, type ActionDefinition } from "@/lib/actions/define";
import { verifyAuditChain } from "@/lib/audit/verify";
import { verifyPassword } from "@/lib/auth/password";
import { ROLES, type Role } from "@/lib/auth/roles";
import { CreateUserSchema } from "@/lib/users/schemas";
import { changeRole, createUser, setActive } from "@/lib/users/service";
import { createUserAction } from "@/lib/users/actions";
import { TEST_PASSWORD, TEST_REQUEST, actionDefinition, as, auditCount, makeUser } from "../support/fixtures";

/** For the wrapper's own tests: a throwaway definition with full type inference. */
function define<S extends z.ZodType, T = unknown>(definition: ActionDefinition<S, T>): ActionDefinition<S, T> {
  return definition;
}


const createUserDef = actionDefinition("user.create");
const changeRoleDef = actionDefinition("user.change_role");
const setActiveDef = actionDefinition("user.set_active");
const resetPasswordDef = actionDefinition("user.reset_password");

const NEW_USER = { email: "  New.Operator@Example.TEST ", name: "New Operator", role: "OPERATOR", password: "plum-Tractor-91!" };

async function snapshot() {
  return { users: await db.user.count(), audit: await auditCount() };
}

async function lastAudit() {
  return db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
}

async function sessionVersionOf(id: string) {
  return (await db.user.findUniqueOrThrow({ where: { id }, select: { sessionVersion: true } })).sessionVersion;
}

afterEach(async () => {
  // Whatever each test did, the audit trail is still one unbroken chain.
  expect((await verifyAuditChain(db)).ok).toBe(true);
  vi.restoreAllMocks();
});

describe("creating a user", () => {
  it("creates the user and exactly one 'user.create' audit event without the password hash", async () => {
    const admin = await makeUser("ADMIN");
    const before = await snapshot();

    const result = await runAction(createUserDef, NEW_USER, as(admin));

    expect(result).toEqual({ ok: true, message: "New Operator (new.operator@example.test) can now sign in as operator.", data: undefined });
    expect(await snapshot()).toEqual({ users: before.users + 1, audit: before.audit + 1 });
    const user = await db.user.findUniqueOrThrow({ where: { email: "new.operator@example.test" } });
    expect(user).toMatchObject({ name: "New Operator", role: "OPERATOR", active: true, sessionVersion: 1 });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, NEW_USER.password)).toBe(true);

    const events = await db.auditEvent.findMany({ where: { action: "user.create" } });
    expect(events).toHaveLength(1);
    const event = events[0]!;
    expect(event).toMatchObject({
      actorId: admin.id,
      actorLabel: admin.email,
      entityType: "User",
      entityId: user.id,
      before: null,
      ip: TEST_REQUEST.ip,
      userAgent: TEST_REQUEST.userAgent,
    });
    const after = JSON.parse(event.after!) as Record<string, unknown>;
    expect(after).toEqual({ id: user.id, email: "new.operator@example.test", name: "New Operator", role: "OPERATOR", active: true });
    expect(event.after).not.toMatch(/passwordHash|argon2|password/i);
  });

  it("refuses a duplicate e-mail (in any case) with a field error, writing nothing", async () => {
    const admin = await makeUser("ADMIN");
    const existing = await makeUser("VIEWER", { email: "taken@example.test" });
    const before = await snapshot();

    for (const email of [existing.email, "TAKEN@Example.Test"]) {
      const result = await runAction(createUserDef, { ...NEW_USER, email }, as(admin));
      expect(result).toMatchObject({
        ok: false,
        error: "A user with that e-mail already exists.",
        fieldErrors: { email: ["This e-mail is already in use."] },
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses invalid input with field errors, writing nothing", async () => {
    const admin = await makeUser("ADMIN");
    const before = await snapshot();

    const result = await runAction(createUserDef, { email: "not-an-email", name: "", role: "GOD", password: "short" }, as(admin));

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe("Some fields need attention.");
    expect(Object.keys(result.fieldErrors).sort()).toEqual(["email", "name", "password", "role"]);
    // The form gets back what was typed, never the password.
    expect(result.values).toEqual({ email: "not-an-email", name: "", role: "GOD" });
    expect(await snapshot()).toEqual(before);

    const noBody = await runAction(createUserDef, undefined, as(admin));
    expect(noBody).toMatchObject({ ok: false, error: "Some fields need attention." });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a password containing the e-mail name", async () => {
    const admin = await makeUser("ADMIN");
    const result = await runAction(createUserDef, { ...NEW_USER, email: "operator@example.test", password: "Operator-2026-xyz" }, as(admin));
    expect(result).toMatchObject({ ok: false, fieldErrors: { password: ["A password cannot contain the e-mail name."] } });
  });
});

describe("who may manage users", () => {
  const refused: Role[] = ["VIEWER", "OPERATOR", "MANAGER"];

  for (const role of refused) {
    it(`refuses ${role} and writes nothing, while ADMIN with the same input succeeds`, async () => {
      const actor = await makeUser(role);
      const admin = await makeUser("ADMIN");
      const input = { ...NEW_USER, email: `made-by-${role.toLowerCase()}@example.test` };
      const before = await snapshot();

      const denied = await runAction(createUserDef, input, as(actor));
      expect(denied).toMatchObject({ ok: false, error: "You do not have permission to do that.", fieldErrors: {} });
      expect(await snapshot()).toEqual(before);
      expect(await db.user.findUnique({ where: { email: input.email } })).toBeNull();

      const allowed = await runAction(createUserDef, input, as(admin));
      expect(allowed.ok).toBe(true);
      expect(await snapshot()).toEqual({ users: before.users + 1, audit: before.audit + 1 });
    });
  }

  it("refuses every user action to non-administrators, whatever the target", async () => {
    const target = await makeUser("VIEWER");
    const before = await snapshot();
    const targetBefore = await db.user.findUniqueOrThrow({ where: { id: target.id } });
    for (const role of refused) {
      const actor = await makeUser(role);
      before.users += 1;
      for (const [definition, input] of [
        [changeRoleDef, { userId: target.id, role: "ADMIN" }],
        [setActiveDef, { userId: target.id, active: "false" }],
        [resetPasswordDef, { userId: target.id, password: "new-Password-123" }],
      ] as const) {
        const result = await runAction(definition as ActionDefinition<z.ZodType, unknown>, input, as(actor));
        expect(result, `${role} ${definition.name}`).toMatchObject({ ok: false, error: "You do not have permission to do that." });
      }
    }
    // Even a forged role that is not a role at all is refused.
    const forged = { ...(await makeUser("VIEWER")), role: "ROOT" as Role };
    before.users += 1;
    expect(await runAction(changeRoleDef, { userId: target.id, role: "ADMIN" }, as(forged))).toMatchObject({ ok: false });
    expect(await snapshot()).toEqual(before);
    expect(await db.user.findUniqueOrThrow({ where: { id: target.id } })).toEqual(targetBefore);
  });

  it("ends with a refusal, not a crash, when the real exported action runs outside a request (no session)", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const before = await snapshot();
    const form = new FormData();
    for (const [k, v] of Object.entries(NEW_USER)) form.append(k, v);
    const result = await createUserAction(null, form);
    expect(result.ok).toBe(false);
    expect(await snapshot()).toEqual(before);
  });
});

describe("changing roles", () => {
  it("changes the role, ends the user's sessions (sessionVersion + 1) and audits before and after", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("VIEWER");
    const version = await sessionVersionOf(user.id);

    const result = await runAction(changeRoleDef, { userId: user.id, role: "MANAGER" }, as(admin));

    expect(result).toMatchObject({ ok: true, message: `${user.name} is now manager.` });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ role: "MANAGER", sessionVersion: version + 1 });
    const event = await lastAudit();
    expect(event).toMatchObject({ action: "user.change_role", entityId: user.id, actorId: admin.id });
    expect(JSON.parse(event.before!)).toMatchObject({ role: "VIEWER" });
    expect(JSON.parse(event.after!)).toMatchObject({ role: "MANAGER" });
  });

  it("refuses the role a user already has, and an unknown user", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("OPERATOR");
    const before = await snapshot();
    expect(await runAction(changeRoleDef, { userId: user.id, role: "OPERATOR" }, as(admin))).toMatchObject({
      ok: false,
      error: `${user.name} already has that role.`,
    });
    expect(await runAction(changeRoleDef, { userId: "no-such-user", role: "ADMIN" }, as(admin))).toMatchObject({
      ok: false,
      error: "That user does not exist.",
    });
    expect(await snapshot()).toEqual(before);
  });

  it("each role can be set and is stored as given", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("VIEWER");
    for (const role of [...ROLES.slice(1), "VIEWER"] as Role[]) {
      expect((await runAction(changeRoleDef, { userId: user.id, role }, as(admin))).ok, role).toBe(true);
      expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe(role);
    }
  });
});

describe("keeping an administrator", () => {
  /** Deactivates every administrator but the given ones, so each test starts from a known set. */
  async function onlyAdmins(...keep: string[]) {
    await db.user.updateMany({ where: { role: "ADMIN", id: { notIn: keep } }, data: { active: false } });
  }

  it("cannot demote the last active administrator, not even themself", async () => {
    const admin = await makeUser("ADMIN");
    await onlyAdmins(admin.id);
    const before = await snapshot();

    const result = await runAction(changeRoleDef, { userId: admin.id, role: "MANAGER" }, as(admin));

    expect(result).toMatchObject({ ok: false, error: "At least one active administrator must remain.", fieldErrors: {} });
    expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
    expect(await snapshot()).toEqual(before);
  });

  it("does not count deactivated administrators as remaining", async () => {
    const admin = await makeUser("ADMIN");
    const retired = await makeUser("ADMIN");
    await onlyAdmins(admin.id);
    expect((await db.user.findUniqueOrThrow({ where: { id: retired.id } })).active).toBe(false);
    expect(await runAction(changeRoleDef, { userId: admin.id, role: "OPERATOR" }, as(admin))).toMatchObject({
      ok: false,
      error: "At least one active administrator must remain.",
    });
  });

  it("allows demoting an administrator while another active one remains", async () => {
    const a = await makeUser("ADMIN");
    const b = await makeUser("ADMIN");
    await onlyAdmins(a.id, b.id);
    expect(await runAction(changeRoleDef, { userId: b.id, role: "OPERATOR" }, as(a))).toMatchObject({ ok: true });
    // Now a is the last one.
    expect(await runAction(changeRoleDef, { userId: a.id, role: "OPERATOR" }, as(a))).toMatchObject({ ok: false });
  });

  it("cannot deactivate the last active administrator (checked in the service, e.g. from the CLI)", async () => {
    const admin = await makeUser("ADMIN");
    await onlyAdmins(admin.id);
    await expect(db.$transaction((tx) => setActive(tx, admin.id, false, null))).rejects.toThrow("At least one active administrator must remain.");
    await expect(db.$transaction((tx) => changeRole(tx, admin.id, "VIEWER"))).rejects.toThrow("At least one active administrator must remain.");
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: "ADMIN", active: true });
  });

  it("cannot deactivate yourself, but can deactivate and reactivate another administrator", async () => {
    const a = await makeUser("ADMIN");
    const b = await makeUser("ADMIN");
    await onlyAdmins(a.id, b.id);
    const before = await snapshot();

    expect(await runAction(setActiveDef, { userId: a.id, active: "false" }, as(a))).toMatchObject({
      ok: false,
      error: "You cannot deactivate your own account.",
      fieldErrors: {},
    });
    expect(await snapshot()).toEqual(before);

    const version = await sessionVersionOf(b.id);
    expect(await runAction(setActiveDef, { userId: b.id, active: "false" }, as(a))).toMatchObject({ ok: true });
    const deactivated = await db.user.findUniqueOrThrow({ where: { id: b.id } });
    expect(deactivated).toMatchObject({ active: false, sessionVersion: version + 1 });
    expect(deactivated.deactivatedAt).toBeInstanceOf(Date);
    expect(await lastAudit()).toMatchObject({ action: "user.deactivate", entityId: b.id });

    expect(await runAction(setActiveDef, { userId: b.id, active: "false" }, as(a))).toMatchObject({ ok: false, error: `${b.name} is already deactivated.` });

    expect(await runAction(setActiveDef, { userId: b.id, active: "true" }, as(a))).toMatchObject({ ok: true, message: `${b.name} can sign in again.` });
    expect(await db.user.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ active: true, deactivatedAt: null, sessionVersion: version + 2 });
    expect(await lastAudit()).toMatchObject({ action: "user.reactivate", entityId: b.id });
  });
});

describe("resetting a password", () => {
  it("replaces the hash, ends the sessions and audits without any password data", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("OPERATOR");
    const old = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    const newPassword = "Quartz-Lantern-2026";

    const result = await runAction(resetPasswordDef, { userId: user.id, password: newPassword }, as(admin));

    expect(result).toMatchObject({ ok: true });
    const updated = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(updated.passwordHash).not.toBe(old.passwordHash);
    expect(await verifyPassword(updated.passwordHash, newPassword)).toBe(true);
    expect(await verifyPassword(updated.passwordHash, TEST_PASSWORD)).toBe(false);
    expect(updated.sessionVersion).toBe(old.sessionVersion + 1);
    expect(updated.passwordChangedAt.getTime()).toBeGreaterThanOrEqual(old.passwordChangedAt.getTime());
    const event = await lastAudit();
    expect(event).toMatchObject({ action: "user.reset_password", entityId: user.id, before: null, after: null });
  });

  it("refuses a weak new password and writes nothing", async () => {
    const admin = await makeUser("ADMIN");
    const user = await makeUser("OPERATOR");
    const old = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    const before = await snapshot();
    expect(await runAction(resetPasswordDef, { userId: user.id, password: "aaaaaaaaaaaaaaaa" }, as(admin))).toMatchObject({
      ok: false,
      fieldErrors: { password: ["A password needs at least 5 different characters."] },
    });
    expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(old);
    expect(await snapshot()).toEqual(before);
  });
});

describe("the action wrapper's transaction", () => {
  it("rolls back the change and writes no audit event when the handler throws after writing", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const admin = await makeUser("ADMIN");
    const before = await snapshot();
    const failing = define({
      name: "test.fail_after_write",
      permission: "user:manage",
      schema: CreateUserSchema,
      async handler(input, { tx }) {
        await createUser(tx, input);
        throw new Error("disk on fire");
      },
    });

    const result = await runAction(failing, { ...NEW_USER, email: "ghost@example.test" }, as(admin));

    expect(result).toMatchObject({
      ok: false,
      error: "Something went wrong on the server. Nothing was saved. Try again, and tell an administrator if it keeps happening.",
      fieldErrors: {},
    });
    expect(await db.user.findUnique({ where: { email: "ghost@example.test" } })).toBeNull();
    expect(await snapshot()).toEqual(before);
  });

  it("rolls back when the audit event itself cannot be written", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const admin = await makeUser("ADMIN");
    const before = await snapshot();
    const badAudit = define({
      name: "test.bad_audit",
      permission: "user:manage",
      schema: CreateUserSchema,
      async handler(input, { tx }) {
        const user = await createUser(tx, input);
        // A circular value cannot be serialised into the audit trail.
        const circular: Record<string, unknown> = {};
        circular.self = circular;
        return { audit: { action: "user.create", entityType: "User", entityId: user.id, after: circular }, message: "created" };
      },
    });
    const result = await runAction(badAudit, { ...NEW_USER, email: "circular@example.test" }, as(admin));
    expect(result.ok).toBe(false);
    expect(await db.user.findUnique({ where: { email: "circular@example.test" } })).toBeNull();
    expect(await snapshot()).toEqual(before);
  });

  it("maps a unique-constraint race (P2002) to a message instead of an error page", async () => {
    const admin = await makeUser("ADMIN");
    const clash = define({
      name: "test.unique_clash",
      permission: "user:manage",
      schema: CreateUserSchema,
      async handler(input, { tx }) {
        // Skips the service's check, as a concurrent request would.
        await tx.user.create({ data: { email: admin.email, name: input.name, role: input.role, passwordHash: "x" } });
        return { audit: { action: "user.create", entityType: "User", entityId: "x" }, message: "created" };
      },
    });
    expect(await runAction(clash, NEW_USER, as(admin))).toMatchObject({
      ok: false,
      error: "That conflicts with an existing record (it must be unique).",
      fieldErrors: {},
    });
  });
});
