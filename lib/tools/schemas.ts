import { z } from "zod";
import { asArray } from "@/lib/actions/form-data";
import { CHANGE_RISKS, CHANGE_TYPES } from "@/lib/changes/workflow";
import { SlugSchema, ToolSchema } from "@/lib/procedures/schemas";
import { EXCHANGE_ROLES, TOOL_KINDS } from "@/lib/procedures/vocabulary";
import { localDateTimeField } from "@/lib/time/local";
import { nameText } from "@/lib/validation/text";
import { MAX_CONTROLLED_SLUG, MAX_VERSION_LENGTH, PLACEMENTS, TOOL_CHANGE_KINDS, VERSIONINGS, toolChangeTypeProblem } from "./standard-set";

/** A new tool: the same rules as seeded tools. The slug names it in procedures and files for good. */
export const CreateToolSchema = ToolSchema;

/** Editing keeps the slug: procedures and exported files refer to the tool by it. */
export const UpdateToolSchema = ToolSchema.omit({ slug: true }).extend({
  toolId: z.string({ error: "Unknown tool." }).trim().min(1, "Unknown tool.").max(64, "Unknown tool."),
});

const entityId = (message: string) => z.string({ error: message }).trim().min(1, message).max(64, message).regex(/^[A-Za-z0-9_-]+$/, message);

/** A version as a tool reports it: one line of letters, digits, dots, hyphens, spaces and brackets. */
const versionText = z
  .string({ error: "Enter the version." })
  .trim()
  .max(MAX_VERSION_LENGTH, `A version has at most ${MAX_VERSION_LENGTH} characters.`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._()+/-]*$|^$/, "Write the version as the tool shows it: letters, digits, dots, hyphens, spaces and brackets.");

const text = (label: string, max: number) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `The ${label} has at most ${max.toLocaleString("en-GB")} characters.`);

/**
 * Raising a catalogue change: what changes (add, retire, approve a version) and the change record's
 * own fields. Its title, description and affected servers follow from the catalogue change.
 */
export const RaiseToolChangeSchema = z
  .object({
    changeKind: z.enum(TOOL_CHANGE_KINDS, { error: "Choose what the change does: add a tool, retire one, or approve a version." }),
    type: z.enum(CHANGE_TYPES, { error: "Choose standard, normal or emergency." }),
    toolId: z.string().trim().max(64, "Unknown tool.").default(""),
    version: versionText.default(""),
    // A new tool (ADD only)
    slug: z.string().trim().max(MAX_CONTROLLED_SLUG + 20).default(""),
    name: z.string().trim().max(200).default(""),
    toolKind: z.string().trim().max(20).default(""),
    toolDescription: z.string().trim().max(2000).default(""),
    placement: z.enum(PLACEMENTS, { error: "Choose where the tool must be." }).default("ROLES"),
    requiredRoles: z.preprocess((v) => [...new Set(asArray(v))], z.array(z.enum(EXCHANGE_ROLES, { error: "Unknown Exchange role." })).max(EXCHANGE_ROLES.length)),
    versioning: z.enum(VERSIONINGS, { error: "Choose how the tool is versioned." }).default("OWN"),
    source: z.string().trim().max(500, "The source has at most 500 characters.").default(""),
    owner: z.string().trim().max(120, "The owner has at most 120 characters.").default(""),
    // The change record
    reason: text("reason", 2000),
    risk: z.enum(CHANGE_RISKS, { error: "Choose the risk: low, medium or high." }),
    backoutPlan: text("back-out plan", 5000),
    plannedStart: localDateTimeField("the planned start"),
    plannedEnd: localDateTimeField("the planned end"),
  })
  .superRefine((v, ctx) => {
    const typeProblem = toolChangeTypeProblem(v.type);
    if (typeProblem) ctx.addIssue({ code: "custom", path: ["type"], message: typeProblem });
    if (v.plannedEnd <= v.plannedStart) ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: "The planned window must end after it starts." });
    if (v.changeKind !== "ADD") {
      if (!v.toolId) ctx.addIssue({ code: "custom", path: ["toolId"], message: "Choose the tool." });
      else if (!entityId("Unknown tool.").safeParse(v.toolId).success) ctx.addIssue({ code: "custom", path: ["toolId"], message: "Unknown tool." });
    }
    if (v.changeKind === "APPROVE_VERSION" && !v.version) ctx.addIssue({ code: "custom", path: ["version"], message: "Enter the version to approve." });
    if (v.changeKind !== "ADD") return;
    const slug = SlugSchema.safeParse(v.slug);
    if (!slug.success) ctx.addIssue({ code: "custom", path: ["slug"], message: slug.error.issues[0]!.message });
    else if (v.slug.length > MAX_CONTROLLED_SLUG) ctx.addIssue({ code: "custom", path: ["slug"], message: `A tool in the standard set has a slug of at most ${MAX_CONTROLLED_SLUG} characters.` });
    const name = nameText("The tool name", 120).safeParse(v.name);
    if (!name.success) ctx.addIssue({ code: "custom", path: ["name"], message: name.error.issues[0]!.message });
    if (!(TOOL_KINDS as readonly string[]).includes(v.toolKind)) ctx.addIssue({ code: "custom", path: ["toolKind"], message: "Choose the kind of tool." });
    if (v.toolDescription.length === 0) ctx.addIssue({ code: "custom", path: ["toolDescription"], message: "Describe what operators use the tool for." });
    else if (v.toolDescription.length > 1000) ctx.addIssue({ code: "custom", path: ["toolDescription"], message: "The description has at most 1,000 characters." });
    if (v.placement === "NONE") ctx.addIssue({ code: "custom", path: ["placement"], message: "A tool added to the standard set is required by role or lab-only." });
    if (v.placement === "ROLES" && v.requiredRoles.length === 0) ctx.addIssue({ code: "custom", path: ["requiredRoles"], message: "Choose the Exchange roles whose servers must have the tool." });
    if (v.placement === "LAB_ONLY" && v.requiredRoles.length > 0) ctx.addIssue({ code: "custom", path: ["requiredRoles"], message: "A lab-only tool is required on no production server; clear the roles." });
    if (v.versioning === "EXCHANGE" && v.version) ctx.addIssue({ code: "custom", path: ["version"], message: "A tool that ships with Exchange takes the server's build; it has no approved version of its own." });
    if (!v.owner) ctx.addIssue({ code: "custom", path: ["owner"], message: "Name the tool's owner." });
    if (!v.source) ctx.addIssue({ code: "custom", path: ["source"], message: "Say where the tool is obtained from." });
  });
export type RaiseToolChange = z.output<typeof RaiseToolChangeSchema>;

/** A deployment recorded by hand: a tool on a server, present or not, and the version installed. */
export const RecordDeploymentSchema = z.object({
  serverId: entityId("Unknown server."),
  toolId: entityId("Unknown tool."),
  present: z.enum(["true", "false"], { error: "Say whether the tool is installed." }).transform((v) => v === "true"),
  version: versionText.default(""),
});
