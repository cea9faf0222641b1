import { z } from "zod";
import { OUTCOMES } from "./evaluate";

const id = (label: string) => z.string({ error: `Missing ${label}.` }).trim().min(1, `Missing ${label}.`).max(64, `Invalid ${label}.`);

export const RecordResultSchema = z.object({
  runId: id("run"),
  itemId: id("item"),
  outcome: z.enum(OUTCOMES, { error: "Choose pass, fail or not applicable." }),
  value: z.string().max(2000, "A value has at most 2,000 characters.").default(""),
  note: z.string().trim().max(2000, "A note has at most 2,000 characters.").default(""),
  /** The revision the operator saw; a different current revision means someone else saved first. */
  expectedRevision: z.coerce.number({ error: "Invalid request." }).int().min(0).max(100_000),
});

export const SkipRunSchema = z.object({
  runId: id("run"),
  reason: z.string({ error: "Give a reason." }).trim().min(5, "Give a reason of at least 5 characters.").max(1000, "A reason has at most 1,000 characters."),
});
