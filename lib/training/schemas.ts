import { z } from "zod";
import { asArray } from "@/lib/actions/form-data";
import { ROLES } from "@/lib/auth/roles";

const id = (missing: string) => z.string({ error: missing }).trim().min(1, missing).max(64, missing);

export const AcknowledgeSchema = z.object({ versionId: id("Missing procedure version.") });

export const ReadingListChangeSchema = z.object({
  role: z.enum(ROLES, { error: "Choose a role." }),
  procedureId: id("Choose a procedure."),
});

/** A manager adds at most this many procedures in one go: more than any library holds today. */
export const MAX_BULK_PROCEDURES = 500;

export const ReadingListAddManySchema = z.object({
  role: z.enum(ROLES, { error: "Choose a role." }),
  procedureIds: z.preprocess(
    asArray,
    z
      .array(id("Choose the procedures to add."), { error: "Choose the procedures to add." })
      .min(1, "Choose at least one procedure to add.")
      .max(MAX_BULK_PROCEDURES, `Add at most ${MAX_BULK_PROCEDURES} procedures at once.`),
  ),
});

/** The matrix and its CSV: all active users, or those of one role. Unknown values are ignored. */
export const MatrixFilterSchema = z.object({
  role: z.enum(ROLES).optional().catch(undefined),
});
export type MatrixFilter = z.output<typeof MatrixFilterSchema>;

export function parseMatrixFilter(params: Record<string, string | string[] | undefined>): MatrixFilter {
  const role = params.role;
  return MatrixFilterSchema.parse({ role: Array.isArray(role) ? role[0] : role || undefined });
}
