import { z } from "zod";
import { EXCHANGE_ROLES } from "@/lib/procedures/vocabulary";
import { asArray } from "@/lib/actions/form-data";
import { IdSchema } from "@/lib/users/schemas";
import { VARIABLE_KINDS, VARIABLE_SCOPES, isVariableName, nameProblem } from "@/lib/procedures/placeholders";

// The name, host name, site and storage groups of a server end up in commands an administrator
// pastes into the Exchange Management Shell ({{server}}, {{fqdn}}, {{site}}, {{storageGroup}};
// decision 033), so each is held to a shape that cannot close a quote or start a command.

/** Form fields named vars.NAME hold per-server variable values (one field per variable). */
const VAR_PREFIX = "vars.";

/** One storage group per line (the form), or a list (scripts and the seed). */
function storageGroupList(value: unknown): unknown {
  if (typeof value !== "string") return value;
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

const StorageGroupsSchema = z
  .array(z.string({ error: "A storage group name is text." }).trim(), { error: "List the storage groups one per line." })
  .max(50, "A server has at most 50 storage groups.")
  .superRefine((groups, ctx) => {
    for (const group of groups) {
      const problem = nameProblem(group, `The storage group "${group.slice(0, 70)}"`);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }
    const seen = new Set<string>();
    for (const group of groups) {
      if (seen.has(group.toLowerCase())) ctx.addIssue({ code: "custom", message: `The storage group "${group}" is listed twice.` });
      seen.add(group.toLowerCase());
    }
  });

// Loose, so that the vars.NAME fields come through to be checked and gathered into `vars`.
export const ServerFieldsSchema = z
  .looseObject({
    name: z
      .string({ error: "Enter the server name." })
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9][A-Z0-9-]{0,14}$/, "Use the server's NetBIOS name: 1–15 letters, digits or hyphens."),
    fqdn: z
      .string()
      .trim()
      .toLowerCase()
      .max(253, "A host name has at most 253 characters.")
      .refine(
        (v) => v === "" || /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(v),
        "Enter a fully qualified host name such as exmbx01.contoso.local, or leave it empty.",
      )
      .default(""),
    site: z
      .string({ error: "Enter the site." })
      .trim()
      .min(1, "Enter the Active Directory site.")
      .max(64, "A site name has at most 64 characters.")
      .refine((v) => v === "" || /^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(v), "Write the site as Active Directory names it, such as London-HQ: letters, digits, dots and hyphens, no spaces."),
    description: z.string().trim().max(500, "A description has at most 500 characters.").default(""),
    roles: z.preprocess(asArray, z.array(z.enum(EXCHANGE_ROLES, { error: "Unknown Exchange role." })).min(1, "Choose at least one Exchange role.")),
    /** Left out: the server keeps the storage groups it has. */
    storageGroups: z.preprocess(storageGroupList, StorageGroupsSchema).optional(),
  })
  .superRefine((value, ctx) => {
    const roles = new Set(value.roles);
    if (roles.size !== value.roles.length) {
      ctx.addIssue({ code: "custom", path: ["roles"], message: "A role is listed twice." });
    }
    if (roles.has("EDGE_TRANSPORT") && roles.size > 1) {
      ctx.addIssue({
        code: "custom",
        path: ["roles"],
        message: "In Exchange 2007 the Edge Transport role cannot share a server with other roles.",
      });
    }
    // Each value's kind is checked in the action (that needs the database); here only its shape.
    for (const [key, raw] of Object.entries(value)) {
      if (!key.startsWith(VAR_PREFIX)) continue;
      if (!isVariableName(key.slice(VAR_PREFIX.length))) ctx.addIssue({ code: "custom", path: [key], message: "Unknown variable." });
      else if (typeof raw !== "string") ctx.addIssue({ code: "custom", path: [key], message: "A value is text." });
      else if (raw.trim().length > 240) ctx.addIssue({ code: "custom", path: [key], message: "A value has at most 240 characters." });
    }
  })
  .transform(({ name, fqdn, site, description, roles, storageGroups, ...rest }) => {
    /**
     * Values of per-server variables by name; a name left out keeps its value, an empty value
     * removes it.
     */
    const vars: Record<string, string> = {};
    for (const [key, raw] of Object.entries(rest)) if (key.startsWith(VAR_PREFIX) && typeof raw === "string") vars[key.slice(VAR_PREFIX.length)] = raw.trim();
    return { name, fqdn, site, description, roles, ...(storageGroups === undefined ? {} : { storageGroups }), vars };
  });

export const UpdateServerSchema = ServerFieldsSchema.and(z.object({ serverId: IdSchema }));
export const SetServerActiveSchema = z.object({
  serverId: IdSchema,
  active: z.enum(["true", "false"], { error: "Invalid request." }).transform((v) => v === "true"),
});

// ---------------------------------------------------------------------------------------------
// Placeholder variables ({{var:NAME}} per server, {{org:NAME}} for the organisation)

const VariableNameSchema = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .refine(isVariableName, "A name starts with a letter and has only letters and digits (at most 40), such as queueDrive.");

const description = z.string().trim().max(300, "A description has at most 300 characters.").default("");
/** An organisation value; checked against the variable's kind in the action. Empty: not set. */
const value = z.string().trim().max(240, "A value has at most 240 characters.").default("");

export const DefineVariableSchema = z.object({
  name: VariableNameSchema,
  scope: z.enum(VARIABLE_SCOPES, { error: "Choose per server or organisation." }),
  kind: z.enum(VARIABLE_KINDS, { error: "Choose what kind of value it holds." }),
  description,
  value,
});

export const UpdateVariableSchema = z.object({ name: VariableNameSchema, description, value });

export const RemoveVariableSchema = z.object({ name: VariableNameSchema });
