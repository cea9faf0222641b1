// What the header search accepts. Pure: the page, the header's input and the tests share it.
import { z } from "zod";
import { textProblem } from "@/lib/validation/text";
import { SEARCH_MAX_LENGTH, SEARCH_MAX_WORDS } from "./limits";

export { SEARCH_MAX_LENGTH, SEARCH_MAX_WORDS };

export type SearchRequest =
  | { kind: "empty" }
  | { kind: "refused"; message: string }
  | { kind: "search"; text: string; words: string[] };

// A repeated ?q= keeps its first value, as the list pages' filters do.
const QueryParam = z.union([z.string(), z.array(z.string())]).optional().catch(undefined);

/** The search text from the query string: trimmed, bounded, split into words. */
export function parseSearchRequest(raw: unknown): SearchRequest {
  const value = QueryParam.parse(raw);
  const text = (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
  if (text === "") return { kind: "empty" };
  if (text.length > SEARCH_MAX_LENGTH) {
    return { kind: "refused", message: `Search for at most ${SEARCH_MAX_LENGTH} characters; this search has ${text.length.toLocaleString("en-GB")}.` };
  }
  const problem = textProblem(text);
  if (problem) return { kind: "refused", message: `The search text ${problem}.` };
  const normalised = text.normalize("NFKC");
  const words = [...new Set(normalised.split(/\s+/).filter(Boolean))];
  if (words.length > SEARCH_MAX_WORDS) {
    return { kind: "refused", message: `Search for at most ${SEARCH_MAX_WORDS} words; every word must match, so fewer words find more.` };
  }
  return { kind: "search", text: normalised, words };
}
