// Authorization through the real action wrapper: every registered action against every role, and
// the record-level rules (who owns a change, who may approve a draft, whose account may be switched
// off), each as an allowed and a refused case. A refusal must leave the record and the audit trail
// exactly as they were.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { actionRegistry, runAction } from "@/lib/actions/define";
import { can } from "@/lib/auth/policy";
import { ROLES, type Role } from "@/lib/auth/roles";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { versionContent } from "@/lib/procedures/content";
import type { ProcedureContent } from "@/lib/procedures/schemas";
import { seedDatabase } from "@/lib/procedures/seed";
import { createFirstAdmin } from "@/lib/users/setup";
import { TEST_REQUEST, actionDefinition, as, auditCount, makeUser } from "../support/fixtures";

const root = path.resolve(import.meta.dirname, "../..");
const PERMISSION_ERROR = "You do not have permission to do that.";

/**
 * Who may use each action, written out by hand from the role descriptions in the README (the least
 * role; roles are cumulative). A new action, or a changed permission, has to be added here on purpose.
 */
const ACTION_LEAST_ROLE: Record<string, Role | "public"> = {
  "setup.create_first_admin": "public",
  "training.acknowledge": "VIEWER",
  "account.change_password": "VIEWER",
  "result.record": "OPERATOR",
  "incident.open": "OPERATOR",
  "incident.change_status": "OPERATOR",
  "incident.add_update": "OPERATOR",
  "incident.update": "OPERATOR",
  "incident.link_problem": "OPERATOR",
  "incident.unlink_problem": "OPERATOR",
  "problem.create": "OPERATOR",
  "problem.update": "OPERATOR",
  "change.create": "OPERATOR",
  "change.update": "OPERATOR",
  "change.submit": "OPERATOR",
  "change.implement": "OPERATOR",
  "change.verify": "OPERATOR",
  "change.approve": "MANAGER",
  "change.reject": "MANAGER",
  "change.close": "MANAGER",
  "run.skip": "MANAGER",
  "schedule.create": "MANAGER",
  "schedule.update": "MANAGER",
  "schedule.set_active": "MANAGER",
  "maintenance.create": "MANAGER",
  "maintenance.remove": "MANAGER",
  "procedure.create": "MANAGER",
  "procedure.draft_save": "MANAGER",
  "procedure.draft_submit": "MANAGER",
  "procedure.draft_approve": "MANAGER",
  "procedure.draft_discard": "MANAGER",
  "procedure.publish": "MANAGER",
  "procedure.restore": "MANAGER",
  "procedure.mark_reviewed": "MANAGER",
  "procedure.import": "MANAGER",
  "training.reading_list_add": "MANAGER",
  "training.reading_list_remove": "MANAGER",
  "training.reading_list_add_many": "MANAGER",
  "user.create": "ADMIN",
  "user.change_role": "ADMIN",
  "user.set_active": "ADMIN",
  "user.reset_password": "ADMIN",
  "user.unlock": "ADMIN",
  "server.create": "ADMIN",
  "server.update": "ADMIN",
  "server.set_active": "ADMIN",
  "server.retire_demo": "ADMIN",
  "placeholder.define": "ADMIN",
  "placeholder.update": "ADMIN",
  "placeholder.remove": "ADMIN",
  "settings.update": "ADMIN",
  "settings.add_holiday": "ADMIN",
  "settings.remove_holiday": "ADMIN",
  "guide.confirm_step": "ADMIN",
  "guide.dismiss": "ADMIN",
  "tool.create": "ADMIN",
  "tool.update": "ADMIN",
  "tool.record_deployment": "OPERATOR",
  "tool.change_raise": "MANAGER",
};

const users = {} as Record<Role, CurrentUser>;
let operator2: CurrentUser;
let manager2: CurrentUser;
let manager3: CurrentUser;
let admin2: CurrentUser;
let hubId: string;
let sample: ProcedureContent;

beforeAll(async () => {
  for (const file of readdirSync(path.join(root, "lib"), { recursive: true, withFileTypes: true })) {
    const full = path.join(file.parentPath, file.name);
    if (file.isFile() && /\.tsx?$/.test(file.name) && !full.includes("generated") && /^["']use server["'];/m.test(readFileSync(full, "utf8"))) await import(full);
  }
  await seedDatabase(db);
  for (const role of ROLES) users[role] = await makeUser(role);
  operator2 = await makeUser("OPERATOR", { name: "Olga Other" });
  manager2 = await makeUser("MANAGER", { name: "Mo Other" });
  manager3 = await makeUser("MANAGER", { name: "Mia Third" });
  admin2 = await makeUser("ADMIN", { name: "Adam Second" });
  hubId = (await db.server.findUniqueOrThrow({ where: { name: "EXHUB01" } })).id;
  const d16 = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D16" } });
  sample = (await versionContent(db, d16.currentVersionId!))!;
});

const mayUse = (role: Role, least: Role | "public") => least === "public" || ROLES.indexOf(role) >= ROLES.indexOf(least);

describe("every action × every role", () => {
  it("lists every registered action with the least role that may use it", () => {
    expect([...actionRegistry.keys()].sort()).toEqual(Object.keys(ACTION_LEAST_ROLE).sort());
    for (const [name, { permission }] of actionRegistry) {
      const least = ACTION_LEAST_ROLE[name]!;
      if (least === "public" || permission === "public") {
        expect(permission, name).toBe(least);
        continue;
      }
      // The registered permission must belong to exactly the roles the table names.
      for (const role of ROLES) expect(can(role, permission), `${name} (${permission}) for ${role}`).toBe(mayUse(role, least));
    }
  });

  it("refuses exactly the roles without the permission, before looking at the input, and writes nothing", async () => {
    const before = await auditCount();
    let tried = 0;
    let allowed = 0;
    for (const [name, { definition }] of actionRegistry) {
      if (!definition) continue; // first-admin setup, below
      const least = ACTION_LEAST_ROLE[name];
      expect(least, `${name} is missing from ACTION_LEAST_ROLE`).toBeDefined();
      for (const role of ROLES) {
        const result = await runAction(definition, {}, as(users[role]));
        tried += 1;
        expect(result.ok, `${name} as ${role}`).toBe(false);
        if (result.ok) continue;
        if (mayUse(role, least!)) {
          allowed += 1;
          // Past the role check: the empty input is what stops it.
          expect(result.error, `${name} as ${role}`).not.toBe(PERMISSION_ERROR);
          expect(result.error, `${name} as ${role}`).not.toBe("Your session has ended. Sign in again.");
          expect(result.error, `${name} as ${role}`).not.toMatch(/^Something went wrong/);
        } else {
          // Exactly the refusal: no field errors that would tell the caller about the input rules.
          expect(result, `${name} as ${role}`).toEqual({ ok: false, error: PERMISSION_ERROR, fieldErrors: {}, values: {} });
        }
      }
    }
    expect(await auditCount()).toBe(before);
    console.log(`authorization records: ${actionRegistry.size - 1} actions × ${ROLES.length} roles = ${tried} calls, ${allowed} past the role check, ${tried - allowed} refused`);
    expect(tried).toBe((actionRegistry.size - 1) * ROLES.length);
  });

  it("lets anyone reach first-admin setup, which refuses once a user exists", async () => {
    const before = { users: await db.user.count(), events: await auditCount() };
    expect(await createFirstAdmin({}, TEST_REQUEST)).toMatchObject({ ok: false, error: "Some fields need attention." });
    const valid = { name: "Late Comer", email: "late.comer@example.test", password: "Orchard-Lantern-88", confirm: "Orchard-Lantern-88" };
    expect(await createFirstAdmin(valid, TEST_REQUEST)).toMatchObject({ ok: false, error: "Setup is already complete. Sign in instead." });
    expect({ users: await db.user.count(), events: await auditCount() }).toEqual(before);
  });
});

// ---- Record-level rules ----

const changeForm = (overrides: Record<string, unknown> = {}) => ({
  title: "Move the offline address book to EXHUB01",
  type: "NORMAL",
  description: "Move-OfflineAddressBook -Server EXHUB01",
  reason: "EXMBX02 is being retired.",
  risk: "LOW",
  backoutPlan: "Move it back to EXMBX02.",
  plannedStart: "2031-03-01T20:00",
  plannedEnd: "2031-03-01T21:00",
  serverIds: [hubId],
  ...overrides,
});

async function changeState(id: number) {
  return {
    change: await db.change.findUniqueOrThrow({ where: { id } }),
    servers: await db.changeServer.count({ where: { changeId: id } }),
    events: await auditCount(),
  };
}

async function createChange(requester: CurrentUser, overrides: Record<string, unknown> = {}): Promise<number> {
  const result = await runAction(actionDefinition("change.create"), changeForm(overrides), as(requester));
  expect(result).toMatchObject({ ok: true });
  return (result as { data: { id: number } }).data.id;
}

/** Runs the action as `actor`, expects the refusal, and checks nothing moved. */
async function expectRefused(name: string, input: Record<string, unknown>, actor: CurrentUser, message: string, state: () => Promise<unknown>) {
  const before = await state();
  const result = await runAction(actionDefinition(name), input, as(actor));
  expect(result, `${name} as ${actor.name}`).toMatchObject({ ok: false, error: message });
  expect(await state(), `${name} as ${actor.name} changed something`).toEqual(before);
}

async function expectAllowed(name: string, input: Record<string, unknown>, actor: CurrentUser) {
  const before = await auditCount();
  const result = await runAction(actionDefinition(name), input, as(actor));
  expect(result, `${name} as ${actor.name}: ${JSON.stringify(result)}`).toMatchObject({ ok: true });
  const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
  expect(event.seq).toBeGreaterThan(before);
  expect(event.actorId).toBe(actor.id);
}

describe("a change draft belongs to its requester", () => {
  it("only the requester edits it; another operator, a manager and an administrator are refused", async () => {
    const id = await createChange(users.OPERATOR);
    const edit = changeForm({ changeId: String(id), title: "Someone else's wording" });
    for (const other of [operator2, users.MANAGER, users.ADMIN]) {
      await expectRefused("change.update", edit, other, "Only the person who requested this change can edit its draft.", () => changeState(id));
    }
    await expectAllowed("change.update", changeForm({ changeId: String(id), title: "Move the OAB to EXHUB01" }), users.OPERATOR);
    expect((await db.change.findUniqueOrThrow({ where: { id } })).title).toBe("Move the OAB to EXHUB01");
  });

  it("only the requester submits it", async () => {
    const id = await createChange(users.OPERATOR);
    for (const other of [operator2, users.MANAGER]) {
      await expectRefused("change.submit", { changeId: String(id) }, other, "Only the person who requested this change can submit it.", () => changeState(id));
    }
    await expectAllowed("change.submit", { changeId: String(id) }, users.OPERATOR);
    expect((await db.change.findUniqueOrThrow({ where: { id } })).status).toBe("SUBMITTED");
  });
});

describe("a manager never decides on their own change", () => {
  async function submittedBy(requester: CurrentUser, overrides: Record<string, unknown> = {}) {
    const id = await createChange(requester, overrides);
    expect(await runAction(actionDefinition("change.submit"), { changeId: String(id) }, as(requester))).toMatchObject({ ok: true });
    return id;
  }

  it("the requester may not approve it; another manager may", async () => {
    const id = await submittedBy(users.MANAGER);
    await expectRefused("change.approve", { changeId: String(id), note: "Fine by me." }, users.MANAGER, "You requested this change, so another manager must approve it.", () => changeState(id));
    await expectAllowed("change.approve", { changeId: String(id), note: "Go ahead." }, manager2);
    expect(await db.change.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "APPROVED", approverId: manager2.id });
  });

  it("the requester may not reject it; another manager may", async () => {
    const id = await submittedBy(users.ADMIN);
    await expectRefused("change.reject", { changeId: String(id), note: "Changed my mind." }, users.ADMIN, "You requested this change, so another manager must decide on it.", () => changeState(id));
    await expectAllowed("change.reject", { changeId: String(id), note: "Not during the audit." }, users.MANAGER);
    expect(await db.change.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "REJECTED", approverId: users.MANAGER.id });
  });

  it("the requester of an emergency change may not approve it after the fact either", async () => {
    const id = await submittedBy(manager3, { type: "EMERGENCY" });
    const queues = (await db.procedure.findUniqueOrThrow({ where: { slug: "examine-message-queues" } })).id;
    expect(await runAction(actionDefinition("change.implement"), { changeId: String(id), procedureIds: [queues] }, as(manager3))).toMatchObject({ ok: true });
    await expectRefused("change.approve", { changeId: String(id) }, manager3, "You requested this change, so another manager must approve it.", () => changeState(id));
    await expectAllowed("change.approve", { changeId: String(id) }, users.MANAGER);
    expect(await db.change.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "IMPLEMENTED", approvedRetroactively: true, approverId: users.MANAGER.id });
  });
});

describe("a procedure draft is approved by a manager who neither started nor saved it", () => {
  it("refuses the author and an editor, and lets a third manager approve", async () => {
    const content = { ...sample, slug: "authz-draft-approval", title: "Draft approval probe" };
    expect(await runAction(actionDefinition("procedure.create"), { content: JSON.stringify(content) }, as(users.MANAGER))).toMatchObject({ ok: true });
    const procedure = await db.procedure.findUniqueOrThrow({ where: { slug: content.slug } });
    const saved = await runAction(actionDefinition("procedure.draft_save"), { procedureId: procedure.id, expectedRevision: "1", content: JSON.stringify({ ...content, title: "Draft approval probe, edited" }) }, as(manager2));
    expect(saved).toMatchObject({ ok: true });
    expect(await runAction(actionDefinition("procedure.draft_submit"), { procedureId: procedure.id, expectedRevision: "2" }, as(users.MANAGER))).toMatchObject({ ok: true });

    const draftState = async () => ({ draft: await db.procedureDraft.findFirstOrThrow({ where: { procedureId: procedure.id } }), events: await auditCount() });
    const ref = { procedureId: procedure.id, expectedRevision: "2" };
    await expectRefused("procedure.draft_approve", ref, users.MANAGER, "You started this draft, so you cannot approve it. Another manager must.", draftState);
    await expectRefused("procedure.draft_approve", ref, manager2, "You edited this draft, so you cannot approve it. A manager who did not edit it must.", draftState);
    await expectAllowed("procedure.draft_approve", ref, manager3);
    expect(await db.procedureDraft.findFirstOrThrow({ where: { procedureId: procedure.id } })).toMatchObject({ status: "APPROVED", approvedById: manager3.id });
  });
});

describe("accounts", () => {
  const userState = async () => ({ users: await db.user.findMany({ orderBy: { id: "asc" }, select: { id: true, active: true, role: true, sessionVersion: true } }), events: await auditCount() });

  it("an administrator may not deactivate their own account, but may deactivate another administrator's", async () => {
    await expectRefused("user.set_active", { userId: admin2.id, active: "false" }, admin2, "You cannot deactivate your own account.", userState);
    await expectAllowed("user.set_active", { userId: admin2.id, active: "false" }, users.ADMIN);
    expect((await db.user.findUniqueOrThrow({ where: { id: admin2.id } })).active).toBe(false);
  });

  it("an acknowledgement is always the caller's own, whatever user the request names", async () => {
    const versionId = (await db.procedure.findUniqueOrThrow({ where: { seedCode: "D3" } })).currentVersionId!;
    await expectAllowed("training.acknowledge", { versionId, userId: users.VIEWER.id }, operator2);
    expect(await db.acknowledgement.findMany({ where: { versionId }, select: { userId: true } })).toEqual([{ userId: operator2.id }]);
  });
});
