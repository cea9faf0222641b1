import { z } from "zod";
import { firstValues, localDateParam, optionalParam as optional, refineDateRange } from "@/lib/filters";

export const AUDIT_VIEWS = ["everything", "people"] as const;
export type AuditView = (typeof AUDIT_VIEWS)[number];

/** Filters of the audit log, from the query string. Dates are local dates in the organisation's zone. */
export const AuditFilterSchema = z
  .object({
    actor: optional(z.string().trim().max(254, "An actor has at most 254 characters.")),
    action: optional(z.string().trim().max(80, "An action has at most 80 characters.").regex(/^[a-z_.]+$/, "Actions look like result.record or user.create.")),
    entityType: optional(z.string().trim().max(40).regex(/^[A-Za-z]+$/, "Unknown kind of record.")),
    entityId: optional(z.string().trim().max(64).regex(/^[A-Za-z0-9@._:-]+$/, "Unknown record id.")),
    from: localDateParam("start"),
    to: localDateParam("end"),
    before: optional(z.coerce.number({ error: "Invalid page." }).int().min(1).max(Number.MAX_SAFE_INTEGER)),
    // "people" leaves out what the portal did by itself (run generation, the library seed); no
    // value, or "everything", shows the whole log.
    who: optional(z.enum(AUDIT_VIEWS, { error: "Show either everything or people only." })),
  })
  .superRefine(refineDateRange);

export type AuditFilter = z.output<typeof AuditFilterSchema>;

export function parseAuditFilter(params: Record<string, string | string[] | undefined>) {
  return AuditFilterSchema.safeParse(firstValues(params, ["actor", "action", "entityType", "entityId", "from", "to", "before", "who"]));
}
