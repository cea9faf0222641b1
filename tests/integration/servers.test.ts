import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import "@/lib/servers/actions";
import { actionDefinition, as, auditCount, makeUser } from "../support/fixtures";


const createServer = actionDefinition("server.create");
const updateServer = actionDefinition("server.update");
const setServerActive = actionDefinition("server.set_active");

const NEW_SERVER = { name: "exhub03", fqdn: "EXHUB03.contoso.local", site: "London-HQ", description: "", roles: ["HUB_TRANSPORT"] };

async function serverNamed(name: string) {
  return db.server.findUnique({ where: { name }, include: { roles: true } });
}

describe("server inventory actions", () => {
  it("lets an administrator add a server, normalising its name, with one audit event", async () => {
    const admin = await makeUser("ADMIN");
    const before = await auditCount();
    const result = await runAction(createServer, NEW_SERVER, as(admin));
    expect(result).toMatchObject({ ok: true, message: "EXHUB03 added to the inventory." });
    const server = await serverNamed("EXHUB03");
    expect(server).toMatchObject({ fqdn: "exhub03.contoso.local", site: "London-HQ", active: true });
    expect(server?.roles.map((r) => r.role)).toEqual(["HUB_TRANSPORT"]);
    expect(await auditCount()).toBe(before + 1);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "server.create", entityType: "Server", entityId: server!.id, actorId: admin.id });
  });

  it("refuses a manager (deny) and changes nothing, while the administrator above was allowed", async () => {
    for (const role of ["VIEWER", "OPERATOR", "MANAGER"] as const) {
      const actor = await makeUser(role);
      const before = { servers: await db.server.count(), audit: await auditCount() };
      const result = await runAction(createServer, { ...NEW_SERVER, name: "EXMBX09" }, as(actor));
      expect(result).toMatchObject({ ok: false, error: "You do not have permission to do that." });
      expect({ servers: await db.server.count(), audit: await auditCount() }).toEqual(before);
    }
  });

  it("refuses a duplicate name and bad input with field messages, writing nothing", async () => {
    const admin = await makeUser("ADMIN");
    const before = { servers: await db.server.count(), audit: await auditCount() };
    expect(await runAction(createServer, NEW_SERVER, as(admin))).toMatchObject({
      ok: false,
      fieldErrors: { name: ["This name is already in the inventory."] },
    });
    const bad = await runAction(createServer, { name: "not a netbios name!", site: "", roles: [] }, as(admin));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fieldErrors).sort()).toEqual(["name", "roles", "site"]);
    expect({ servers: await db.server.count(), audit: await auditCount() }).toEqual(before);
  });

  it("edits roles and retires a server, recording before and after", async () => {
    const admin = await makeUser("ADMIN");
    const server = (await serverNamed("EXHUB03"))!;
    const edited = await runAction(updateServer, { ...NEW_SERVER, serverId: server.id, roles: ["HUB_TRANSPORT", "CLIENT_ACCESS"] }, as(admin));
    expect(edited.ok).toBe(true);
    expect((await serverNamed("EXHUB03"))?.roles.map((r) => r.role).sort()).toEqual(["CLIENT_ACCESS", "HUB_TRANSPORT"]);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(JSON.parse(event.before!).roles).toEqual(["HUB_TRANSPORT"]);
    expect(JSON.parse(event.after!).roles).toEqual(["CLIENT_ACCESS", "HUB_TRANSPORT"]);

    expect(await runAction(setServerActive, { serverId: server.id, active: "false" }, as(admin))).toMatchObject({ ok: true });
    expect((await serverNamed("EXHUB03"))?.active).toBe(false);
    expect(await runAction(setServerActive, { serverId: server.id, active: "false" }, as(admin))).toMatchObject({
      ok: false,
      error: "EXHUB03 is already retired.",
    });
    expect(await runAction(setServerActive, { serverId: "no-such-server", active: "true" }, as(admin))).toMatchObject({
      ok: false,
      error: "That server does not exist.",
    });
  });
});

describe("a server's runs follow its roles and its state", () => {
  it("withdraws untouched future runs when the server loses a role or is retired, keeps past and started runs, and generates again when it returns", async () => {
    const { seedDatabase } = await import("@/lib/procedures/seed");
    const { generateRuns } = await import("@/lib/scheduling/generation");
    await import("@/lib/runs/actions");
    const now = new Date("2026-11-24T08:00:00Z");
    const admin = await makeUser("ADMIN");
    await seedDatabase(db, { now });
    expect(await runAction(createServer, { name: "EXMBX07", fqdn: "", site: "Leeds", description: "", roles: ["MAILBOX", "CLIENT_ACCESS"] }, as(admin, now))).toMatchObject({ ok: true });
    await db.schedule.updateMany({ data: { effectiveFrom: new Date("2026-11-01T00:00:00Z"), anchorDate: "2026-11-01" } });
    await generateRuns(db, { now });
    const manager = await makeUser("MANAGER");
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

    // A mailbox server with runs from per-server schedules, ahead and behind.
    const server = await db.server.findUniqueOrThrow({ where: { name: "EXMBX07" }, include: { roles: true } });
    const future = { serverId: server.id, scheduleId: { not: null }, dueAt: { gt: now } };
    const started = await db.run.findFirstOrThrow({ where: future, orderBy: { dueAt: "desc" } });
    expect(await runAction(actionDefinition("run.skip"), { runId: started.id, reason: "Server rebuilt that week." }, as(manager, at(1)))).toMatchObject({ ok: true });
    const pastRuns = await db.run.count({ where: { serverId: server.id, dueAt: { lte: now } } });
    expect(pastRuns).toBeGreaterThan(0);
    const scopeOf = async (scheduleId: string | null) => JSON.parse((await db.schedule.findUniqueOrThrow({ where: { id: scheduleId! } })).scopeRoles) as string[];

    // It becomes an edge server only: runs of schedules for its other roles go, edge ones stay.
    const beforeRoles = await db.run.count({ where: future });
    const changed = await runAction(updateServer, { serverId: server.id, name: server.name, fqdn: server.fqdn ?? "", site: server.site, description: server.description, roles: ["EDGE_TRANSPORT"] }, as(admin, at(2)));
    expect(changed).toMatchObject({ ok: true, message: expect.stringMatching(/future runs? it no longer needs (was|were) withdrawn\.$/) });
    const left = await db.run.findMany({ where: { ...future, dueAt: { gt: at(2) }, skippedAt: null }, select: { scheduleId: true } });
    expect(left.length).toBeLessThan(beforeRoles);
    for (const run of left) expect(await scopeOf(run.scheduleId)).toContain("EDGE_TRANSPORT");
    const updateEvent = await db.auditEvent.findFirstOrThrow({ where: { action: "server.update", entityId: server.id }, orderBy: { seq: "desc" } });
    const withdrawnIds = (JSON.parse(updateEvent.after!) as { withdrawnRunIds: string[] }).withdrawnRunIds;
    expect(withdrawnIds.length).toBeGreaterThan(0);
    expect(await db.run.count({ where: { id: { in: withdrawnIds } } })).toBe(0);

    // Retired: every untouched future run goes; the skipped one and the past stay.
    const pastBeforeRetiring = await db.run.count({ where: { serverId: server.id, dueAt: { lte: now } } });
    const retired = await runAction(setServerActive, { serverId: server.id, active: "false" }, as(admin, at(3)));
    expect(retired).toMatchObject({ ok: true });
    expect(await db.run.count({ where: { ...future, dueAt: { gt: at(3) }, skippedAt: null } })).toBe(0);
    expect(await db.run.findUnique({ where: { id: started.id } })).not.toBeNull();
    expect(await db.run.count({ where: { serverId: server.id, dueAt: { lte: now } } })).toBe(pastBeforeRetiring);

    // Back in service with its old roles: the schedules give it runs again.
    await runAction(updateServer, { serverId: server.id, name: server.name, fqdn: server.fqdn ?? "", site: server.site, description: server.description, roles: server.roles.map((r) => r.role) }, as(admin, at(4)));
    expect(await runAction(setServerActive, { serverId: server.id, active: "true" }, as(admin, at(5)))).toMatchObject({ ok: true });
    expect(await db.run.count({ where: { ...future, dueAt: { gt: at(5) }, skippedAt: null } })).toBeGreaterThan(0);
  }, 120_000);
});
