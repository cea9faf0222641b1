/** A JSON array stored as text (lists in SQLite columns); anything unreadable counts as empty. */
export function parseJsonArray<T = string>(text: string): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

/** Only the strings of a stored JSON array. */
export function parseStringArray(text: string): string[] {
  return parseJsonArray<unknown>(text).filter((v): v is string => typeof v === "string");
}
