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
