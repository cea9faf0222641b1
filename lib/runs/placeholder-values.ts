// The run page's placeholder values and server names, shaped from the one statement that reads
// them (lib/sql RUN_PLACEHOLDER_VALUES_SQL). Pure. The values are the same as
// lib/procedures/placeholder-queries.ts placeholderContextForServer gives (tests/integration/
// run-shift.test.ts holds them equal), for a fifth of the statements' cost. otherServersIn is the
// one whole-word match of server names; otherServersNamed uses it too.
import type { PlaceholderContext } from "@/lib/procedures/placeholders";

export interface PlaceholderValueRow {
  kind: string;
  name: string;
  value: string;
}

export function placeholderContextOf(server: { name: string; fqdn: string; site: string; storageGroups: string[] } | null, rows: readonly PlaceholderValueRow[]): PlaceholderContext {
  const values = (kind: string) => Object.fromEntries(rows.filter((r) => r.kind === kind).map((r) => [r.name, r.value]));
  return {
    server: server ? { name: server.name, fqdn: server.fqdn, site: server.site, storageGroups: server.storageGroups, vars: values("server") } : null,
    org: values("org"),
  };
}

const NAME_CHAR = /[A-Za-z0-9_-]/;

/** Whether `name` appears in `text` as a whole word (both lower case). */
function namesWord(text: string, name: string): boolean {
  if (!name) return false;
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = text[at - 1];
    const after = text[at + name.length];
    if ((before === undefined || !NAME_CHAR.test(before)) && (after === undefined || !NAME_CHAR.test(after))) return true;
  }
  return false;
}

/** The servers other than `own` that the texts name as a whole word, any case, in name order. */
export function otherServersIn(texts: readonly string[], rows: readonly PlaceholderValueRow[], own: string): string[] {
  const haystack = texts.join("\n").toLowerCase();
  const mine = own.toLowerCase();
  return rows
    .filter((r) => r.kind === "serverName")
    .map((r) => r.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .filter((name) => name.toLowerCase() !== mine && namesWord(haystack, name.toLowerCase()));
}
