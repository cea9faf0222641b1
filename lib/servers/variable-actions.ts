"use server";
// Placeholder variables (decision 033): the names commands use as {{var:NAME}} (a value per
// server, set on each server's form) and {{org:NAME}} (one value for the organisation, set here).
// A variable's scope and kind are fixed once defined: values already saved were checked against
// that kind. One that procedures still use cannot be removed.
import { defineAction } from "@/lib/actions/define";
import { Conflict, Invalid, NotFound } from "@/lib/actions/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { normaliseVariableValue, variableValueProblem, type VariableKind } from "@/lib/procedures/placeholders";
import { DefineVariableSchema, RemoveVariableSchema, UpdateVariableSchema } from "./schemas";

const VARIABLE_FIELDS = { name: true, scope: true, kind: true, description: true, value: true } as const;
const PATHS = ["/admin/servers", "/procedures"];

const written = (scope: string, name: string) => (scope === "SERVER" ? `{{var:${name}}}` : `{{org:${name}}}`);

/** An organisation value as stored, or an Invalid naming the value field. */
function checkedOrgValue(kind: VariableKind, raw: string): string {
  if (raw === "") return "";
  const value = normaliseVariableValue(kind, raw);
  const problem = variableValueProblem(kind, value);
  if (problem) throw new Invalid("Some fields need attention.", { value: [problem] });
  return value;
}

/** Titles of the procedures whose current version or open draft use the placeholder. */
async function proceduresUsing(tx: Prisma.TransactionClient, placeholder: string): Promise<string[]> {
  const current = { currentOf: { isNot: null } };
  const versions = await tx.procedureVersion.findMany({
    where: {
      ...current,
      OR: [
        { body: { contains: placeholder } },
        { tools: { some: { command: { contains: placeholder } } } },
        { items: { some: { OR: [{ text: { contains: placeholder } }, { help: { contains: placeholder } }, { counter: { contains: placeholder } }] } } },
      ],
    },
    select: { title: true },
  });
  const drafts = await tx.procedureDraft.findMany({ where: { content: { contains: placeholder } }, select: { content: true, procedure: { select: { slug: true } } } });
  const draftTitles = drafts.map((d) => {
    try {
      return `${(JSON.parse(d.content) as { title?: string }).title ?? d.procedure.slug} (draft)`;
    } catch {
      return `${d.procedure.slug} (draft)`;
    }
  });
  return [...new Set([...versions.map((v) => v.title), ...draftTitles])].sort();
}

export const defineVariableAction = defineAction({
  name: "placeholder.define",
  permission: "server:manage",
  schema: DefineVariableSchema,
  revalidate: PATHS,
  async handler(input, { tx }) {
    // Names differing only in case would read as one in a command; they are refused too.
    const clash = (await tx.placeholderVariable.findMany({ select: { name: true, scope: true } })).find((v) => v.name.toLowerCase() === input.name.toLowerCase());
    if (clash) throw new Conflict("A variable with that name already exists.", { name: [`${written(clash.scope, clash.name)} is already defined.`] });
    if (input.scope === "SERVER" && input.value !== "") {
      throw new Invalid("Some fields need attention.", { value: ["A per-server variable has its values on each server's form; leave this empty."] });
    }
    const value = checkedOrgValue(input.kind, input.value);
    const after = await tx.placeholderVariable.create({ data: { name: input.name, scope: input.scope, kind: input.kind, description: input.description, value }, select: VARIABLE_FIELDS });
    return {
      audit: { action: "placeholder.define", entityType: "PlaceholderVariable", entityId: after.name, after },
      message:
        input.scope === "SERVER"
          ? `${written(after.scope, after.name)} defined. Give each server its value on the server's form.`
          : `${written(after.scope, after.name)} defined${value ? "" : "; it has no value yet"}.`,
    };
  },
});

export const updateVariableAction = defineAction({
  name: "placeholder.update",
  permission: "server:manage",
  schema: UpdateVariableSchema,
  revalidate: PATHS,
  async handler(input, { tx }) {
    const before = await tx.placeholderVariable.findUnique({ where: { name: input.name }, select: VARIABLE_FIELDS });
    if (!before) throw new NotFound("That variable does not exist; it may have been removed.");
    if (before.scope === "SERVER" && input.value !== "") {
      throw new Invalid("Some fields need attention.", { value: ["A per-server variable has its values on each server's form."] });
    }
    const value = before.scope === "ORGANISATION" ? checkedOrgValue(before.kind as VariableKind, input.value) : "";
    const after = await tx.placeholderVariable.update({ where: { name: input.name }, data: { description: input.description, value }, select: VARIABLE_FIELDS });
    return {
      audit: { action: "placeholder.update", entityType: "PlaceholderVariable", entityId: after.name, before, after },
      message: `${written(after.scope, after.name)} saved.`,
    };
  },
});

export const removeVariableAction = defineAction({
  name: "placeholder.remove",
  permission: "server:manage",
  schema: RemoveVariableSchema,
  revalidate: PATHS,
  async handler(input, { tx }) {
    const before = await tx.placeholderVariable.findUnique({ where: { name: input.name }, select: { ...VARIABLE_FIELDS, serverValues: { select: { serverId: true, value: true } } } });
    if (!before) throw new NotFound("That variable does not exist; it may have been removed.");
    const placeholder = written(before.scope, before.name);
    const users = await proceduresUsing(tx, placeholder);
    if (users.length > 0) {
      const listed = users.slice(0, 10).join(", ") + (users.length > 10 ? ` and ${users.length - 10} more` : "");
      throw new Conflict(`${placeholder} is still used by ${listed}. Change those procedures first; nothing was removed.`);
    }
    // The servers' values go with it (ServerVariable cascades).
    await tx.placeholderVariable.delete({ where: { name: input.name } });
    return {
      audit: { action: "placeholder.remove", entityType: "PlaceholderVariable", entityId: before.name, before },
      message: `${placeholder} removed${before.serverValues.length ? `, with its values on ${before.serverValues.length} ${before.serverValues.length === 1 ? "server" : "servers"}` : ""}.`,
    };
  },
});
