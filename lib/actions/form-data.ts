// FormData to a plain object for zod: repeated names become arrays; files are ignored; the
// framework's own $ACTION fields are dropped.
export function formDataToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith("$ACTION") || key === "__proto__" || key === "constructor" || key === "prototype") continue;
    if (typeof value !== "string") continue;
    const existing = Object.hasOwn(out, key) ? out[key] : undefined;
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}

/** For fields that may arrive once or many times (checkbox groups). */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null || value === "") return [];
  return Array.isArray(value) ? value : [value];
}
