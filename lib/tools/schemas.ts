import { z } from "zod";
import { ToolSchema } from "@/lib/procedures/schemas";

/** A new tool: the same rules as seeded tools. The slug names it in procedures and files for good. */
export const CreateToolSchema = ToolSchema;

/** Editing keeps the slug: procedures and exported files refer to the tool by it. */
export const UpdateToolSchema = ToolSchema.omit({ slug: true }).extend({
  toolId: z.string({ error: "Unknown tool." }).trim().min(1, "Unknown tool.").max(64, "Unknown tool."),
});
