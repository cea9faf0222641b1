"use server";
import { defineAction } from "@/lib/actions/define";
import { Conflict, Invalid, NotFound } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { generateRuns } from "@/lib/scheduling/generation";
import { withdrawServerRuns } from "@/lib/scheduling/service";
import { ServerFieldsSchema, SetServerActiveSchema, UpdateServerSchema } from "./schemas";

/** After a server's roles or state changed, the per-server schedules gain the runs it now needs. */
const regenerate = async (_input: unknown, _data: unknown, { now }: { now: Date }) => {
  await generateRuns(db, { now });
};
const runsPhrase = (n: number) => (n === 0 ? "" : ` ${n} future ${n === 1 ? "run" : "runs"} it no longer needs ${n === 1 ? "was" : "were"} withdrawn.`);

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
  async handler(input, { tx, now }) {
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
    const withdrawn = after.active ? await withdrawServerRuns(tx, after.id, after.roles, now) : [];
    return {
      audit: { action: "server.update", entityType: "Server", entityId: after.id, before, after: { ...after, withdrawnRunIds: withdrawn } },
      message: `${after.name} saved.${runsPhrase(withdrawn.length)}`,
    };
  },
  afterCommit: regenerate,
});

export const setServerActiveAction = defineAction({
  name: "server.set_active",
  permission: "server:manage",
  revalidate: ["/admin/servers"],
  schema: SetServerActiveSchema,
  async handler(input, { tx, now }) {
    const before = await snapshot(tx, input.serverId);
    if (before.active === input.active) throw new Invalid(`${before.name} is already ${input.active ? "active" : "retired"}.`);
    await tx.server.update({ where: { id: input.serverId }, data: { active: input.active } });
    const after = await snapshot(tx, input.serverId);
    const withdrawn = input.active ? [] : await withdrawServerRuns(tx, after.id, null, now);
    return {
      audit: { action: input.active ? "server.reactivate" : "server.retire", entityType: "Server", entityId: after.id, before, after: { ...after, withdrawnRunIds: withdrawn } },
      message: input.active ? `${after.name} is back in service.` : `${after.name} is retired: no new runs will be generated for it.${runsPhrase(withdrawn.length)}`,
    };
  },
  afterCommit: regenerate,
});
