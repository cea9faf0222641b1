// LIKE patterns built from what a user typed. In a pattern "%" and "_" are wildcards; a search
// for "100%" or "EX_HUB" means those characters, so they (and the escape character itself) are
// escaped, and every statement using a pattern from here says ESCAPE '\' (LIKE_ESCAPE_SQL).
// SQLite's LIKE ignores case for ASCII letters; a PostgreSQL module would use ILIKE here.

/** The clause that goes after every LIKE whose pattern comes from containsPattern. */
export const LIKE_ESCAPE_SQL = `ESCAPE '\\'`;

/** A pattern matching `text` anywhere in a value, its characters taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
