// Pieces shared by the query-string filters of list pages (audit log, history).
import { z } from "zod";
import { localDateField } from "@/lib/time/local";

/** An optional query-string value: an empty field counts as absent. */
export const optionalParam = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

export const localDateParam = (which: "start" | "end") =>
  optionalParam(localDateField(`the ${which} date`));

const MAX_SPAN_DAYS = 3660;

/** A from/to pair must run forwards and span at most about ten years. */
export function refineDateRange(v: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (!v.from || !v.to) return;
  if (v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
  else if ((Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 > MAX_SPAN_DAYS) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "Choose a range of at most ten years." });
  }
}

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of each named query-string parameter (a repeated parameter keeps its first). */
export function firstValues(params: SearchParams, keys: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(keys.map((k) => [k, Array.isArray(params[k]) ? params[k]![0] : params[k]]));
}
