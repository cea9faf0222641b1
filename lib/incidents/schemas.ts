// Input of the incident and problem forms, shared by the forms and the server actions.
import { z } from "zod";
import { asArray } from "@/lib/actions/form-data";
import { firstValues, optionalParam } from "@/lib/filters";
import { INCIDENT_STATUSES, SEVERITIES, STATUS_STEPS } from "./workflow";
import { refineName } from "@/lib/validation/text";

const id = (label: string) => z.string({ error: `Missing ${label}.` }).trim().min(1, `Missing ${label}.`).max(64, `Invalid ${label}.`);
/** An id field that may be left empty ("nobody", "none"). */
const optionalId = (label: string) => optionalParam(id(label));

const recordNumber = (label: string) =>
  z.coerce
    .number({ error: `Invalid ${label}.` })
    .int(`Invalid ${label}.`)
    .positive(`Invalid ${label}.`)
    .max(2_147_483_647, `Invalid ${label}.`);

export const IncidentIdSchema = recordNumber("incident");
export const ProblemIdSchema = recordNumber("problem");

const title = z
  .string({ error: "Give a title." })
  .trim()
  .min(3, "Give a title of at least 3 characters.")
  .max(200, "A title has at most 200 characters.")
  .superRefine(refineName("The title"));
const longText = (label: string) => z.string().trim().max(5000, `${label} has at most 5,000 characters.`).default("");

export const SeveritySchema = z.coerce
  .number({ error: "Choose a severity from 1 (critical) to 4 (low)." })
  .int("Choose a severity from 1 (critical) to 4 (low).")
  .refine((n) => (SEVERITIES as readonly number[]).includes(n), "Choose a severity from 1 (critical) to 4 (low).");

const serverIds = z.preprocess(
  asArray,
  z
    .array(id("server"), { error: "Choose the affected servers from the list." })
    .max(50, "Choose at most 50 servers.")
    .refine((ids) => new Set(ids).size === ids.length, "A server is chosen twice."),
);

const incidentFields = {
  title,
  description: longText("A description"),
  severity: SeveritySchema,
  assigneeId: optionalId("assignee"),
  serverIds,
};

export const OpenIncidentSchema = z
  .object({
    ...incidentFields,
    /** Set when the incident is raised from a failed checklist item: the run, the item and the result shown. */
    runId: optionalId("run"),
    itemId: optionalId("item"),
    resultId: optionalId("result"),
  })
  .superRefine((v, ctx) => {
    const given = [v.runId, v.itemId, v.resultId].filter((x) => x !== undefined).length;
    if (given !== 0 && given !== 3) {
      ctx.addIssue({ code: "custom", path: ["runId"], message: "A failed check is named by its run, its item and its result; reopen the form from the run." });
    }
  });

export const UpdateIncidentSchema = z.object({
  incidentId: IncidentIdSchema,
  ...incidentFields,
  rootCause: longText("The root cause"),
  /** Sent only while the incident is resolved; absent means unchanged. */
  resolution: z.string().trim().max(5000, "The resolution has at most 5,000 characters.").optional(),
});

export const ChangeStatusSchema = z.object({
  incidentId: IncidentIdSchema,
  step: z.enum(STATUS_STEPS, { error: "Choose what to do." }),
  note: z.string().trim().max(2000, "A note has at most 2,000 characters.").default(""),
  /** Resolving writes these; other steps ignore them. */
  resolution: z.string().trim().max(5000, "The resolution has at most 5,000 characters.").default(""),
  rootCause: z.string().trim().max(5000, "The root cause has at most 5,000 characters.").optional(),
});

export const AddUpdateSchema = z.object({
  incidentId: IncidentIdSchema,
  body: z
    .string({ error: "Write the update." })
    .trim()
    .min(3, "Write an update of at least 3 characters.")
    .max(5000, "An update has at most 5,000 characters."),
});

export const LinkProblemSchema = z.object({
  incidentId: IncidentIdSchema,
  problemId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number({ error: "Choose a problem." }).int("Choose a problem.").positive("Choose a problem.")),
});

export const UnlinkProblemSchema = z.object({ incidentId: IncidentIdSchema });

const problemFields = {
  title,
  description: longText("A description"),
  rootCause: longText("The root cause"),
};

export const CreateProblemSchema = z.object({ incidentId: IncidentIdSchema, ...problemFields });
export const UpdateProblemSchema = z.object({ problemId: ProblemIdSchema, ...problemFields });

// ---------------------------------------------------------------------------------------------
// Query strings of the list and weekly pages

export const STATUS_FILTERS = ["unresolved", "all", ...INCIDENT_STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const IncidentFilterSchema = z.object({
  status: optionalParam(z.enum(STATUS_FILTERS, { error: "Unknown status." })),
  severity: optionalParam(SeveritySchema),
  server: optionalParam(z.string().trim().max(64).regex(/^[A-Za-z0-9_-]+$/, "Unknown server.")),
  cursor: optionalParam(z.coerce.number({ error: "Invalid page." }).int("Invalid page.").positive("Invalid page.")),
});
export type IncidentFilter = z.output<typeof IncidentFilterSchema>;

export function parseIncidentFilter(params: Record<string, string | string[] | undefined>) {
  return IncidentFilterSchema.safeParse(firstValues(params, ["status", "severity", "server", "cursor"]));
}
