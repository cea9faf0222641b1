// Inputs of the authoring actions. The procedure content travels as one JSON field (the editor
// keeps its state in the browser) and is validated by the same schema as seeds and imports.
import { z } from "zod";
import { ProcedureContentSchema } from "./schemas";
import { markdownLimitMessage } from "@/lib/markdown/limits";

const id = z.string({ error: "Unknown procedure." }).trim().min(1, "Unknown procedure.").max(64, "Unknown procedure.");

const revision = z.coerce
  .number({ error: "The form is out of date; reload the page." })
  .int("The form is out of date; reload the page.")
  .min(0, "The form is out of date; reload the page.")
  .max(1_000_000, "The form is out of date; reload the page.");

/**
 * The editor's content: JSON text, at most 200 kB, then the full procedure schema, then the
 * Markdown limits on the body (decision 028), which only content being saved must meet.
 */
export const ContentJsonSchema = z
  .string({ error: "The procedure content is missing." })
  .max(200_000, "The procedure is too large to save (at most 200 kB).")
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "The procedure content is not valid; reload the editor." });
      return z.NEVER;
    }
  })
  .pipe(ProcedureContentSchema)
  .superRefine((content, ctx) => {
    const problem = markdownLimitMessage(content.body);
    if (problem) ctx.addIssue({ code: "custom", path: ["body"], message: problem });
  });

export const CreateProcedureSchema = z.object({ content: ContentJsonSchema });

export const SaveDraftSchema = z.object({ procedureId: id, expectedRevision: revision, content: ContentJsonSchema });

export const DraftRefSchema = z.object({ procedureId: id, expectedRevision: revision });

export const ApproveDraftSchema = DraftRefSchema;

export const PublishDraftSchema = DraftRefSchema.extend({
  changeNote: z
    .string({ error: "Write a change note." })
    .trim()
    .min(5, "Write a change note of at least 5 characters: what changed and why.")
    .max(1000, "A change note has at most 1000 characters."),
});

export const RestoreVersionSchema = z.object({ versionId: z.string().trim().min(1, "Unknown version.").max(64, "Unknown version.") });

export const MarkReviewedSchema = z.object({
  procedureId: id,
  note: z.string().trim().max(1000, "A review note has at most 1000 characters.").default(""),
});
