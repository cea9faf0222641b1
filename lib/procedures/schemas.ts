// The content of a procedure version, validated the same way wherever it comes from: the seed,
// the editor, or an imported file.
import { z } from "zod";
import { CADENCES, EXCHANGE_ROLES, ITEM_KINDS, MAILBOX_USERS_LABELS, MAILBOX_USERS_TIERS, MANAGEMENT_REVIEWS, MOF_SMF_CODES, TOOL_KINDS, type MailboxUsersTier } from "./vocabulary";
import { refineName } from "@/lib/validation/text";

const text = (label: string, max: number) =>
  z.string({ error: `${label} is required.` }).trim().min(1, `${label} cannot be empty.`).max(max, `${label} has at most ${max} characters.`);
/** A title or name: one line, and no characters that could make it read as another. */
const name = (label: string, max: number) => text(label, max).superRefine(refineName(label));

// Markdown is rendered without raw HTML, so markup could never run; it is still refused when saved,
// so that nobody is left believing a script or event handler they wrote will work.
// Each pattern is linear in the text (tests/unit/regex-safety.test.ts): "<\s*\/?\s*" and "<[^>]*\s"
// had two ways to match the same blanks and took quadratic time on a long run of them.
const ACTIVE_HTML = [
  /<\s*(?:\/\s*)?(script|iframe|object|embed|style|link|meta|base|form|svg|math|img|video|audio)\b/i,
  /<[^<>]*\son[a-z]+\s*=/i,
  /\b(javascript|vbscript)\s*:/i,
  /\bdata\s*:\s*text\/html/i,
];
const ACTIVE_HTML_MESSAGE = "Remove the HTML that could run code (script, iframe or image tags, on… event handlers, javascript: links); write plain Markdown.";
export function noActiveHtml(text: string): boolean {
  return !ACTIVE_HTML.some((pattern) => pattern.test(text));
}

export const SlugSchema = z
  .string({ error: "Slug is required." })
  .trim()
  .min(3, "A slug has at least 3 characters.")
  .max(80, "A slug has at most 80 characters.")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens, e.g. check-backups.")
  // These name pages under /procedures/ and cannot be procedures.
  .refine((slug) => !["new", "import", "review", "export"].includes(slug), "This slug is reserved; choose another.");

const ItemKeySchema = z
  .string()
  .trim()
  .min(1, "Item key is required.")
  .max(60, "An item key has at most 60 characters.")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Item keys use lower-case letters, digits and hyphens.");

const TIER_CODES = MAILBOX_USERS_TIERS.join(", ");

/** One tier's limits: a minimum, a maximum or both, inclusive, with nothing else beside them. */
function tierLimitSchema(tier: MailboxUsersTier) {
  const label = `The limits for ${MAILBOX_USERS_LABELS[tier]}`;
  return z
    .strictObject(
      {
        min: z.number({ error: `${label}: the minimum must be a number.` }).finite(`${label}: the minimum must be a number.`).optional(),
        max: z.number({ error: `${label}: the maximum must be a number.` }).finite(`${label}: the maximum must be a number.`).optional(),
      },
      {
        error: (issue) =>
          issue.code === "unrecognized_keys"
            ? `${label} have only a min and a max.`
            : issue.input === undefined
              ? `${label} are missing: give limits for all three sizes (${TIER_CODES}).`
              : `${label} must be a min, a max or both.`,
      },
    )
    .superRefine((limits, ctx) => {
      if (limits.min === undefined && limits.max === undefined) ctx.addIssue({ code: "custom", message: `${label} need a minimum, a maximum or both.` });
      else if (limits.min !== undefined && limits.max !== undefined && limits.min > limits.max) {
        ctx.addIssue({ code: "custom", path: ["min"], message: `${label}: the minimum (${limits.min}) is above the maximum (${limits.max}).` });
      }
    });
}

/**
 * Limits that depend on the organisation's mailbox users (Microsoft's tiers), in place of an item's
 * own min and max: one for each of the three sizes, e.g. RPC Averaged Latency at most 15, 30 and 50 ms.
 */
export const LimitsByMailboxUsersSchema = z.strictObject(
  {
    UNDER_500: tierLimitSchema("UNDER_500"),
    FROM_500_TO_3000: tierLimitSchema("FROM_500_TO_3000"),
    OVER_3000: tierLimitSchema("OVER_3000"),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `Limits by mailbox users are given for ${TIER_CODES} only; "${String(issue.keys?.[0] ?? "").slice(0, 40)}" is not one of them.`
        : `Limits by mailbox users must name each size (${TIER_CODES}) with its min and max.`,
  },
);
export type LimitsByMailboxUsers = z.output<typeof LimitsByMailboxUsersSchema>;

export const ChecklistItemSchema = z
  .object({
    key: ItemKeySchema,
    kind: z.enum(ITEM_KINDS, { error: "Choose the kind of item." }),
    text: text("Item text", 300),
    help: z.string().trim().max(1000, "Guidance has at most 1000 characters.").default("").refine(noActiveHtml, ACTIVE_HTML_MESSAGE),
    required: z.boolean().default(true),
    unit: z.string().trim().max(30, "A unit has at most 30 characters.").optional(),
    min: z.number({ error: "Minimum must be a number." }).finite("Minimum must be a number.").optional(),
    max: z.number({ error: "Maximum must be a number." }).finite("Maximum must be a number.").optional(),
    counter: z.string().trim().max(300, "A counter path has at most 300 characters.").optional(),
    /** Limits by the organisation's mailbox users, in place of min and max (number items only). */
    limitsByMailboxUsers: LimitsByMailboxUsersSchema.optional(),
    choices: z.array(text("A choice", 80)).max(20, "At most 20 choices.").default([]),
    passChoices: z.array(z.string().trim()).default([]),
    /** Exchange roles the item is limited to; none means every server. */
    roles: z
      .array(z.enum(EXCHANGE_ROLES, { error: "Unknown Exchange role." }))
      .default([])
      .refine((roles) => new Set(roles).size === roles.length, "A role is listed twice.")
      // In the vocabulary's order, so that equal content compares equal however it was written.
      .transform((roles) => EXCHANGE_ROLES.filter((role) => roles.includes(role))),
  })
  .superRefine((item, ctx) => {
    if (item.kind === "NUMBER") {
      if (!item.unit) ctx.addIssue({ code: "custom", path: ["unit"], message: "A number item needs a unit (for example messages, ms, %)." });
      if (item.min !== undefined && item.max !== undefined && item.min > item.max) {
        ctx.addIssue({ code: "custom", path: ["min"], message: `The minimum (${item.min}) is above the maximum (${item.max}).` });
      }
      // One source of limits: the tiers, or the item's own range, never both.
      if (item.limitsByMailboxUsers && (item.min !== undefined || item.max !== undefined)) {
        ctx.addIssue({ code: "custom", path: ["limitsByMailboxUsers"], message: "An item with limits by mailbox users has no minimum or maximum of its own; remove one or the other." });
      }
    } else {
      if (item.min !== undefined || item.max !== undefined) ctx.addIssue({ code: "custom", path: ["min"], message: "Only number items have a range." });
      if (item.limitsByMailboxUsers) ctx.addIssue({ code: "custom", path: ["limitsByMailboxUsers"], message: "Only number items have limits by mailbox users." });
    }
    if (item.kind === "CHOICE") {
      if (item.choices.length < 2) ctx.addIssue({ code: "custom", path: ["choices"], message: "A choice item needs at least two choices." });
      if (new Set(item.choices).size !== item.choices.length) ctx.addIssue({ code: "custom", path: ["choices"], message: "Choices must be different from each other." });
      for (const pass of item.passChoices) {
        if (!item.choices.includes(pass)) ctx.addIssue({ code: "custom", path: ["passChoices"], message: `"${pass}" is not one of the choices.` });
      }
    } else if (item.choices.length > 0) {
      ctx.addIssue({ code: "custom", path: ["choices"], message: "Only choice items have choices." });
    }
  });

export const ToolUseSchema = z.object({
  tool: SlugSchema,
  command: z.string().trim().max(1000, "A command has at most 1000 characters.").default(""),
  purpose: z.string().trim().max(300, "A purpose has at most 300 characters.").default(""),
});

export const ReferenceSchema = z.object({
  title: name("Reference title", 200),
  url: z
    .string()
    .trim()
    .max(1000)
    .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), "A reference link must start with http:// or https://."),
});

export const ProcedureContentSchema = z
  .object({
    slug: SlugSchema,
    title: name("Title", 120),
    cadence: z.enum(CADENCES, { error: "Choose a cadence." }),
    roles: z.array(z.enum(EXCHANGE_ROLES, { error: "Unknown Exchange role." })).default([]),
    smf: z.enum(MOF_SMF_CODES as [string, ...string[]], { error: "Choose a MOF Service Management Function." }),
    relatedSmfs: z.array(z.enum(MOF_SMF_CODES as [string, ...string[]], { error: "Unknown MOF Service Management Function." })).default([]),
    purpose: text("Purpose", 600),
    // The bound of what is stored. What may be saved or imported from now on is narrower (the
    // Markdown limits, lib/markdown/limits.ts), and is checked where content comes in: versions
    // and drafts saved before those limits must still be read.
    body: z.string().trim().max(50_000, "The body has at most 50,000 characters.").default("").refine(noActiveHtml, ACTIVE_HTML_MESSAGE),
    // At least one item, except for as-needed procedures: a reading page (such as A11) has none.
    items: z.array(ChecklistItemSchema).max(100, "At most 100 checklist items."),
    tools: z.array(ToolUseSchema).max(50, "At most 50 tool uses.").default([]),
    references: z.array(ReferenceSchema).max(50, "At most 50 references.").default([]),
    /** The MOF management review the procedure serves; "" for none. */
    managementReview: z.enum(["", ...MANAGEMENT_REVIEWS], { error: `Choose a management review (${MANAGEMENT_REVIEWS.join(", ")}) or none.` }).default(""),
    reviewIntervalMonths: z
      .number({ error: "The review interval is a number of months." })
      .int("The review interval is a whole number of months.")
      .min(1, "Review at least every 60 months and at most every month.")
      .max(60, "Review at least every 60 months and at most every month.")
      .default(12),
  })
  .superRefine((content, ctx) => {
    if (content.items.length === 0 && content.cadence !== "AS_NEEDED") {
      ctx.addIssue({ code: "custom", path: ["items"], message: "A procedure needs at least one checklist item." });
    }
    const keys = new Set<string>();
    content.items.forEach((item, index) => {
      if (keys.has(item.key)) ctx.addIssue({ code: "custom", path: ["items", index, "key"], message: `Item key "${item.key}" is used twice.` });
      keys.add(item.key);
    });
    if (new Set(content.roles).size !== content.roles.length) ctx.addIssue({ code: "custom", path: ["roles"], message: "A role is listed twice." });
  });

export type ProcedureContent = z.output<typeof ProcedureContentSchema>;
export type ChecklistItemContent = z.output<typeof ChecklistItemSchema>;

export const ToolSchema = z.object({
  slug: SlugSchema,
  name: name("Tool name", 120),
  kind: z.enum(TOOL_KINDS, { error: "Choose the kind of tool." }),
  description: text("Description", 1000),
});

/** Filters of the library page, from the query string. Anything unknown is dropped, not an error. */
export const LibraryFilterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  cadence: z.enum(CADENCES).optional().catch(undefined),
  smf: z.enum(MOF_SMF_CODES as [string, ...string[]]).optional().catch(undefined),
  role: z.enum(EXCHANGE_ROLES).optional().catch(undefined),
  tool: SlugSchema.optional().catch(undefined),
});
export type LibraryFilter = z.output<typeof LibraryFilterSchema>;
