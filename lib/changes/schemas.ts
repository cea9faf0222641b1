// Input of the change forms and actions, shared by the forms and the server. Planned windows are
// typed as local date and time in the organisation's time zone; the actions turn them into UTC.
import { z } from "zod";
import { asArray } from "@/lib/actions/form-data";
import { firstValues, optionalParam } from "@/lib/filters";
import { localDateTimeField } from "@/lib/time/local";
import { CHANGE_RISKS, CHANGE_STATUSES, CHANGE_TYPES } from "./workflow";
import { refineName } from "@/lib/validation/text";

export const MAX_WINDOW_DAYS = 31;
export const MAX_SERVERS = 50;
export const MAX_VERIFICATION_PROCEDURES = 20;

const text = (label: string, max: number) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `The ${label} has at most ${max.toLocaleString("en-GB")} characters.`);

const entityId = (message: string) => z.string().trim().min(1, message).max(64, message).regex(/^[A-Za-z0-9_-]+$/, message);

export const changeIdField = z.coerce
  .number({ error: "Missing change." })
  .int("Missing change.")
  .min(1, "Missing change.")
  .max(2_147_483_647, "Missing change.");

export const ChangeFieldsSchema = z
  .object({
    title: z.string({ error: "Enter a title." }).trim().min(3, "Enter a title of at least 3 characters.").max(150, "A title has at most 150 characters.").superRefine(refineName("The title")),
    type: z.enum(CHANGE_TYPES, { error: "Choose standard, normal or emergency." }),
    description: text("description", 5000),
    reason: text("reason", 2000),
    risk: z.enum(CHANGE_RISKS, { error: "Choose the risk: low, medium or high." }),
    backoutPlan: text("back-out plan", 5000),
    plannedStart: localDateTimeField("the planned start"),
    plannedEnd: localDateTimeField("the planned end"),
    serverIds: z.preprocess(
      (v) => [...new Set(asArray(v))],
      z
        .array(entityId("Unknown server."), { error: "Choose the affected servers." })
        .min(1, "Choose at least one affected server.")
        .max(MAX_SERVERS, `Choose at most ${MAX_SERVERS} servers.`),
    ),
  })
  .superRefine((v, ctx) => {
    // Both are local times in the same zone, so their text compares like the times themselves.
    if (v.plannedEnd <= v.plannedStart) ctx.addIssue({ code: "custom", path: ["plannedEnd"], message: "The planned window must end after it starts." });
  });

export type ChangeFields = z.output<typeof ChangeFieldsSchema>;

export const CreateChangeSchema = ChangeFieldsSchema;
export const UpdateChangeSchema = ChangeFieldsSchema.and(z.object({ changeId: changeIdField }));

export const ChangeRefSchema = z.object({ changeId: changeIdField });

export const ApproveChangeSchema = z.object({
  changeId: changeIdField,
  note: z.string().trim().max(2000, "A note has at most 2,000 characters.").default(""),
});

export const RejectChangeSchema = z.object({
  changeId: changeIdField,
  note: z
    .string({ error: "Say why the change is rejected." })
    .trim()
    .min(5, "Say why the change is rejected (at least 5 characters).")
    .max(2000, "A note has at most 2,000 characters."),
});

export const ImplementChangeSchema = z.object({
  changeId: changeIdField,
  procedureIds: z.preprocess(
    (v) => [...new Set(asArray(v))],
    z
      .array(entityId("Unknown procedure."), { error: "Choose the verification procedures." })
      .min(1, "Choose at least one verification procedure.")
      .max(MAX_VERIFICATION_PROCEDURES, `Choose at most ${MAX_VERIFICATION_PROCEDURES} verification procedures.`),
  ),
});

export const CHANGE_PAGE_SIZE = 25;

export const ChangeListFilterSchema = z.object({
  status: optionalParam(z.enum(CHANGE_STATUSES, { error: "Unknown status." })),
  type: optionalParam(z.enum(CHANGE_TYPES, { error: "Unknown type." })),
  /** Keyset: the id of the last change on the previous page (newest first). */
  before: optionalParam(z.coerce.number({ error: "Invalid page." }).int("Invalid page.").min(1, "Invalid page.")),
});
export type ChangeListFilter = z.output<typeof ChangeListFilterSchema>;

export function parseChangeListFilter(params: Record<string, string | string[] | undefined>) {
  return ChangeListFilterSchema.safeParse(firstValues(params, ["status", "type", "before"]));
}
