"use server";
import { defineAction } from "@/lib/actions/define";
import { Conflict, Invalid, NotFound } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ServerFieldsSchema, SetServerActiveSchema, UpdateServerSchema } from "./schemas";

const SERVER_FIELDS = { id: true, name: true, fqdn: true, site: true, description: true, active: true, roles: { select: { role: true }, orderBy: { role: "asc" } } } as const;

async function snapshot(tx: Prisma.TransactionClient, id: string) {
  const server = await tx.server.findUnique({ where: { id }, select: SERVER_FIELDS });
  if (!server) throw new NotFound("That server does not exist.");
  return { ...server, roles: server.roles.map((r) => r.role) };
}

async function assertNameFree(tx: Prisma.TransactionClient, name: string, exceptId?: string) {
  const clash = await tx.server.findUnique({ where: { name }, select: { id: true } });
  if (clash && clash.id !== exceptId) throw new Conflict("A server with that name already exists.", { name: ["This name is already in the inventory."] });
}

export const createServerAction = defineAction({
  name: "server.create",
  permission: "server:manage",
  revalidate: ["/admin/servers"],
  schema: ServerFieldsSchema,
  async handler(input, { tx }) {
    await assertNameFree(tx, input.name);
    const created = await tx.server.create({
      data: {
        name: input.name,
        fqdn: input.fqdn,
        site: input.site,
        description: input.description,
        roles: { create: input.roles.map((role) => ({ role })) },
      },
      select: { id: true },
    });
    const after = await snapshot(tx, created.id);
    return { audit: { action: "server.create", entityType: "Server", entityId: after.id, after }, message: `${after.name} added to the inventory.` };
  },
});

export const updateServerAction = defineAction({
  name: "server.update",
  permission: "server:manage",
  revalidate: ["/admin/servers"],
  schema: UpdateServerSchema,
  async handler(input, { tx }) {
    const before = await snapshot(tx, input.serverId);
    await assertNameFree(tx, input.name, input.serverId);
    await tx.serverRole.deleteMany({ where: { serverId: input.serverId } });
    await tx.server.update({
      where: { id: input.serverId },
      data: {
        name: input.name,
        fqdn: input.fqdn,
        site: input.site,
        description: input.description,
        roles: { create: input.roles.map((role) => ({ role })) },
      },
    });
    const after = await snapshot(tx, input.serverId);
    return { audit: { action: "server.update", entityType: "Server", entityId: after.id, before, after }, message: `${after.name} saved.` };
  },
});

export const setServerActiveAction = defineAction({
  name: "server.set_active",
  permission: "server:manage",
  revalidate: ["/admin/servers"],
  schema: SetServerActiveSchema,
  async handler(input, { tx }) {
    const before = await snapshot(tx, input.serverId);
    if (before.active === input.active) throw new Invalid(`${before.name} is already ${input.active ? "active" : "retired"}.`);
    await tx.server.update({ where: { id: input.serverId }, data: { active: input.active } });
    const after = await snapshot(tx, input.serverId);
    return {
      audit: { action: input.active ? "server.reactivate" : "server.retire", entityType: "Server", entityId: after.id, before, after },
      message: input.active ? `${after.name} is back in service.` : `${after.name} is retired: no new runs will be generated for it.`,
    };
  },
});
