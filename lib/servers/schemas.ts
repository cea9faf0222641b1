import { z } from "zod";
import { EXCHANGE_ROLES } from "@/lib/procedures/vocabulary";
import { asArray } from "@/lib/actions/form-data";
import { IdSchema } from "@/lib/users/schemas";

export const ServerFieldsSchema = z
  .object({
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
    site: z.string({ error: "Enter the site." }).trim().min(1, "Enter the Active Directory site.").max(64, "A site name has at most 64 characters."),
    description: z.string().trim().max(500, "A description has at most 500 characters.").default(""),
    roles: z.preprocess(
      asArray,
      z.array(z.enum(EXCHANGE_ROLES, { error: "Unknown Exchange role." })).min(1, "Choose at least one Exchange role."),
    ),
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
  });

export const UpdateServerSchema = ServerFieldsSchema.and(z.object({ serverId: IdSchema }));
export const SetServerActiveSchema = z.object({
  serverId: IdSchema,
  active: z.enum(["true", "false"], { error: "Invalid request." }).transform((v) => v === "true"),
});
