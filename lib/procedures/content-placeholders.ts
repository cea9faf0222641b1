// The placeholders of a whole procedure, field by field: the checks the editor, the import and the
// seed share. Pure; the defined variable names come from the caller (placeholder-queries.ts).
import { validatePlaceholders } from "./placeholders";
import type { ProcedureContent } from "./schemas";

export interface PlaceholderProblem {
  /** The field, as a path into the content (["tools", 2, "command"]). */
  path: (string | number)[];
  message: string;
}

/** The fields that may hold placeholders: commands, checklist item text, guidance and counter, and the body. */
export function placeholderFields(content: ProcedureContent): { path: (string | number)[]; text: string }[] {
  return [
    { path: ["body"], text: content.body },
    ...content.items.flatMap((item, i) => [
      { path: ["items", i, "text"], text: item.text },
      { path: ["items", i, "help"], text: item.help },
      { path: ["items", i, "counter"], text: item.counter ?? "" },
    ]),
    ...content.tools.map((use, i) => ({ path: ["tools", i, "command"], text: use.command })),
  ];
}

/** Every placeholder that names no known field or variable, by field; [] when there is none. */
export function contentPlaceholderProblems(content: ProcedureContent, known: { serverVars: readonly string[]; orgVars: readonly string[] }): PlaceholderProblem[] {
  return placeholderFields(content).flatMap(({ path, text }) => (text.includes("{{") ? validatePlaceholders(text, known).map((message) => ({ path, message })) : []));
}

/** The same as field errors of a form whose content travels as one field named `prefix`. */
export function placeholderFieldErrors(problems: readonly PlaceholderProblem[], prefix = "content"): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) (out[[prefix, ...p.path].join(".")] ??= []).push(p.message);
  return out;
}
