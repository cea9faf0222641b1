"use server";
import { defineAction } from "@/lib/actions/define";
import { Conflict, Invalid, NotFound } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { generateRuns } from "@/lib/scheduling/generation";
import { withdrawServerRuns } from "@/lib/scheduling/service";
import { parseStringArray } from "@/lib/json";
import { normaliseVariableValue, variableValueProblem, type VariableKind } from "@/lib/procedures/placeholders";
import { ServerFieldsSchema, SetServerActiveSchema, UpdateServerSchema } from "./schemas";

/** After a server's roles or state changed, the per-server schedules gain the runs it now needs. */
const regenerate = async (_input: unknown, _data: unknown, { now }: { now: Date }) => {
  await generateRuns(db, { now });
};
const runsPhrase = (n: number) => (n === 0 ? "" : ` ${n} future ${n === 1 ? "run" : "runs"} it no longer needs ${n === 1 ? "was" : "were"} withdrawn.`);

const SERVER_FIELDS = {
  id: true,
  name: true,
  fqdn: true,
  site: true,
  description: true,
  active: true,
  storageGroups: true,
  roles: { select: { role: true }, orderBy: { role: "asc" } },
  variables: { select: { name: true, value: true }, orderBy: { name: "asc" } },
} as const;

async function snapshot(tx: Prisma.TransactionClient, id: string) {
  const server = await tx.server.findUnique({ where: { id }, select: SERVER_FIELDS });
  if (!server) throw new NotFound("That server does not exist.");
  return { ...server, roles: server.roles.map((r) => r.role), storageGroups: parseStringArray(server.storageGroups), variables: Object.fromEntries(server.variables.map((v) => [v.name, v.value])) };
}

/**
 * The per-server values of a form, each checked against its variable's kind (decision 033): every
 * problem beside its field, and nothing written when there is one. Empty means "not set".
 */
async function checkedValues(tx: Prisma.TransactionClient, vars: Record<string, string>): Promise<{ name: string; value: string }[]> {
  const names = Object.keys(vars);
  if (names.length === 0) return [];
  const definitions = new Map((await tx.placeholderVariable.findMany({ where: { name: { in: names } }, select: { name: true, scope: true, kind: true } })).map((d) => [d.name, d]));
  const errors: Record<string, string[]> = {};
  const values = names.map((name) => {
    const definition = definitions.get(name);
    if (!definition || definition.scope !== "SERVER") {
      errors[`vars.${name}`] = ["There is no per-server variable of this name (it may have been removed); reload the page."];
      return { name, value: "" };
    }
    const value = vars[name] === "" ? "" : normaliseVariableValue(definition.kind as VariableKind, vars[name]!);
    const problem = value === "" ? null : variableValueProblem(definition.kind as VariableKind, value);
    if (problem) errors[`vars.${name}`] = [problem];
    return { name, value };
  });
  if (Object.keys(errors).length > 0) throw new Invalid("Some fields need attention.", errors);
  return values;
}

/** Writes the values that were sent: a new value replaces the old, an empty one removes it. */
async function writeValues(tx: Prisma.TransactionClient, serverId: string, values: readonly { name: string; value: string }[]): Promise<void> {
  for (const { name, value } of values) {
    if (value === "") await tx.serverVariable.deleteMany({ where: { serverId, name } });
    else await tx.serverVariable.upsert({ where: { serverId_name: { serverId, name } }, create: { serverId, name, value }, update: { value } });
  }
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
    const values = await checkedValues(tx, input.vars);
    const created = await tx.server.create({
      data: {
        name: input.name,
        fqdn: input.fqdn,
        site: input.site,
        description: input.description,
        storageGroups: JSON.stringify(input.storageGroups ?? []),
        roles: { create: input.roles.map((role) => ({ role })) },
      },
      select: { id: true },
    });
    await writeValues(tx, created.id, values);
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
    const values = await checkedValues(tx, input.vars);
    await tx.serverRole.deleteMany({ where: { serverId: input.serverId } });
    await tx.server.update({
      where: { id: input.serverId },
      data: {
        name: input.name,
        fqdn: input.fqdn,
        site: input.site,
        description: input.description,
        // Left out of the input: the server keeps its storage groups.
        ...(input.storageGroups ? { storageGroups: JSON.stringify(input.storageGroups) } : {}),
        roles: { create: input.roles.map((role) => ({ role })) },
      },
    });
    await writeValues(tx, input.serverId, values);
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
