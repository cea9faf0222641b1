"use server";
// The tools catalogue (ADMIN): add a tool, or edit its name, kind and description. Tools are never
// deleted: published procedure versions refer to them.
import { defineAction } from "@/lib/actions/define";
import { Conflict, NotFound } from "@/lib/actions/errors";
import { CreateToolSchema, UpdateToolSchema } from "./schemas";

const pages = ["/admin/tools", "/tools"];

export const createToolAction = defineAction({
  name: "tool.create",
  permission: "tool:manage",
  schema: CreateToolSchema,
  revalidate: pages,
  async handler(input, { tx }) {
    const clash = await tx.tool.findFirst({ where: { OR: [{ slug: input.slug }, { name: input.name }] }, select: { slug: true, name: true } });
    if (clash?.slug === input.slug) throw new Conflict(`A tool with the slug "${input.slug}" exists already.`, { slug: ["This slug is already used by another tool."] });
    if (clash) throw new Conflict(`A tool named "${input.name}" exists already.`, { name: ["This name is already used by another tool."] });
    const tool = await tx.tool.create({ data: input });
    return {
      audit: { action: "tool.create", entityType: "Tool", entityId: tool.id, after: input },
      message: `${input.name} added to the catalogue. Procedures can now name it.`,
    };
  },
});

export const updateToolAction = defineAction({
  name: "tool.update",
  permission: "tool:manage",
  schema: UpdateToolSchema,
  revalidate: pages,
  async handler({ toolId, ...input }, { tx }) {
    const before = await tx.tool.findUnique({ where: { id: toolId }, select: { slug: true, name: true, kind: true, description: true } });
    if (!before) throw new NotFound("That tool does not exist.");
    const clash = await tx.tool.findFirst({ where: { name: input.name, id: { not: toolId } }, select: { id: true } });
    if (clash) throw new Conflict(`A tool named "${input.name}" exists already.`, { name: ["This name is already used by another tool."] });
    await tx.tool.update({ where: { id: toolId }, data: input });
    return {
      audit: { action: "tool.update", entityType: "Tool", entityId: toolId, before, after: { slug: before.slug, ...input } },
      message: `${input.name} saved.`,
    };
  },
});
