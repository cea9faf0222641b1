import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

const id = (missing: string) => z.string({ error: missing }).trim().min(1, missing).max(64, missing);

export const AcknowledgeSchema = z.object({ versionId: id("Missing procedure version.") });

export const ReadingListChangeSchema = z.object({
  role: z.enum(ROLES, { error: "Choose a role." }),
  procedureId: id("Choose a procedure."),
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
