// What text the portal accepts, checked in one place. Every action's input is walked before its
// schema runs (`inputProblem`), so no field of any action can bring a lone UTF-16 surrogate, a NUL
// or another control character, or an unbounded string as far as the database; the schemas then
// apply each field's own limit. Names and titles are displayed in lists and in the audit log,
// where a right-to-left override could make one name read as another, so `nameText` refuses the
// characters that change text direction as well.
import { z } from "zod";

/** No single text field of any form is longer than this (a procedure draft, sent as JSON). */
export const MAX_FIELD_CHARS = 200_000;
/** Repeated fields (checkbox groups, lists) and nesting a form can produce, with room to spare. */
export const MAX_FIELD_VALUES = 1_000;
const MAX_DEPTH = 8;

/** Half of a surrogate pair without its other half: not a character, and SQLite's text cannot hold it. */
const LONE_SURROGATE = /\p{Cs}/u;
/** C0 and C1 control characters other than tab, line feed and carriage return. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Any control character, line breaks and tabs included: none belongs in a one-line name. */
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/**
 * Characters that change the direction of the text around them: embeddings and overrides
 * (U+202A–U+202E), isolates (U+2066–U+2069), and the marks (U+200E, U+200F, U+061C).
 */
const DIRECTION = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
/** Overrides and embeddings only: isolates and marks have honest uses in mixed-direction notes. */
const DIRECTION_OVERRIDE = /[\u202a-\u202e]/;

/** Why a piece of free text (a note, a body) cannot be stored, or null when it can. */
export function textProblem(value: string): string | null {
  if (value.length > MAX_FIELD_CHARS) return `is too long (at most ${MAX_FIELD_CHARS.toLocaleString("en-GB")} characters)`;
  if (LONE_SURROGATE.test(value)) return "contains a broken character (half of a UTF-16 surrogate pair); retype or paste the text again";
  if (CONTROL.test(value)) return "contains a control character (such as NUL); only line breaks and tabs are allowed";
  if (DIRECTION_OVERRIDE.test(value)) return "contains a text-direction override character, which could disguise what it says";
  return null;
}

/** Why a name or title cannot be stored: free-text problems, plus line breaks, tabs and direction marks. */
export function nameProblem(value: string): string | null {
  const problem = textProblem(value);
  if (problem) return problem;
  if (ANY_CONTROL.test(value)) return "must be one line, without tabs or control characters";
  if (DIRECTION.test(value)) return "contains a text-direction character, which could make it read as another name";
  return null;
}

/**
 * A name as it should be stored when it comes from elsewhere (a directory, an imported file) and
 * cannot be sent back for correction: broken and control characters and direction marks removed,
 * runs of spaces made one, trimmed.
 */
export function cleanName(value: string): string {
  return value
    .replace(/\p{Cs}/gu, "")
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")
    .replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g, "")
    .replace(/ {2,}/g, " ")
    .trim();
}

/**
 * The first problem in an action's raw input (FormData already turned into an object, or what a
 * caller passed), as "field: problem", or null. Bounded itself: it stops at MAX_DEPTH and
 * MAX_FIELD_VALUES and looks at each string once.
 */
export function inputProblem(raw: unknown): { field: string; message: string } | null {
  let values = 0;
  const visit = (value: unknown, path: string, depth: number): { field: string; message: string } | null => {
    if (++values > MAX_FIELD_VALUES) return { field: path || "_form", message: "The form has too many fields." };
    if (typeof value === "string") {
      const problem = textProblem(value);
      return problem ? { field: path || "_form", message: `This field ${problem}.` } : null;
    }
    if (value === null || typeof value !== "object") return null;
    if (depth >= MAX_DEPTH) return { field: path || "_form", message: "The form is nested too deeply." };
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
    for (const [key, child] of entries) {
      if (typeof key === "string" && key.length > 200) return { field: "_form", message: "The form has a field name that is too long." };
      const found = visit(child, path ? `${path}.${key}` : key, depth + 1);
      if (found) return found;
    }
    return null;
  };
  // A plain value at the top (not an object) is left to the schema, which refuses it.
  if (raw === null || typeof raw !== "object") return null;
  // Only own enumerable data is looked at; getters are not called (Object.entries would call them).
  try {
    return visit(raw, "", 0);
  } catch {
    return { field: "_form", message: "The form could not be read." };
  }
}

/**
 * A required one-line name or title: its length is checked before anything else, then it is
 * trimmed and checked for characters that do not belong in a name. `label` starts the messages
 * ("A server name", "The title").
 */
export function nameText(label: string, max: number) {
  return z
    .string({ error: `Enter ${lowerFirst(label)}.` })
    .max(max + 100, `${label} has at most ${max} characters.`)
    .trim()
    .min(1, `Enter ${lowerFirst(label)}.`)
    .max(max, `${label} has at most ${max} characters.`)
    .superRefine((value, ctx) => {
      const problem = nameProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: `${label} ${problem}.` });
    });
}

/** The same rules for a name checked outside zod (a refinement on an existing schema). */
export function refineName(label: string) {
  return (value: string, ctx: z.RefinementCtx) => {
    const problem = nameProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `${label} ${problem}.` });
  };
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}
