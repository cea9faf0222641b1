// Placeholders in procedure text (decision 033): `{{name}}` in commands, checklist items and the
// Markdown body, replaced by a server's or the organisation's values where a run names a server.
// Pure: no I/O. The database side (definitions and values) is placeholder-queries.ts.
//
// The names, a closed set that the seed, the editor, imports and the automation API share:
//
//   {{server}}        the server's NetBIOS name (Server.name)
//   {{fqdn}}          its fully qualified host name (Server.fqdn)
//   {{site}}          its Active Directory site (Server.site)
//   {{storageGroup}}  each of its storage groups: a command naming it is rendered once per group
//   {{var:NAME}}      a per-server value an administrator defines (PlaceholderVariable, scope SERVER)
//   {{org:NAME}}      an organisation value (PlaceholderVariable, scope ORGANISATION)
//
// Single braces (PowerShell script blocks such as `Where-Object { $_.MessageCount -gt 100 }`) and
// `<…>` (a value the operator fills in) are never placeholders. Double braces around something
// that looks like a name (letters, digits, spaces and : . _ -) are always read as one, so that a
// mistyped name is refused when saved instead of reaching an operator as literal text; double
// braces around anything else (PowerShell code such as {{$_}}) are text.
//
// Values end up in text an administrator pastes into the Exchange Management Shell, so a command
// is rendered as PowerShell: each value is inserted as a literal of the context it lands in
// (bareword, single-quoted, double-quoted, here-string or comment), and a value that is not a
// plain word is quoted. Values are also checked when saved (the validators below), so quoting is
// the second line of defence, not the only one.

/** What a server (or the organisation) supplies to fill placeholders in. */
export interface PlaceholderContext {
  server: { name: string; fqdn: string; site: string; storageGroups: string[]; vars: Record<string, string> } | null;
  org: Record<string, string>;
}

export type Segment = { kind: "text"; text: string } | { kind: "value"; name: string; text: string } | { kind: "missing"; name: string; label: string };

/** One command as it is shown and copied: `text` is what Copy puts on the clipboard. */
export interface RenderedCommand {
  text: string;
  segments: Segment[];
}

export interface FoundPlaceholder {
  /** What stands between the braces, e.g. "server" or "var:queueDrive" (not necessarily valid). */
  name: string;
  /** Offsets of the opening "{{" and just after the closing "}}". */
  start: number;
  end: number;
}

export const SERVER_FIELDS = ["server", "fqdn", "site", "storageGroup"] as const;
export type ServerField = (typeof SERVER_FIELDS)[number];

export const SERVER_FIELD_DESCRIPTIONS: Record<ServerField, string> = {
  server: "The server's name, e.g. EXMBX01.",
  fqdn: "The server's fully qualified host name.",
  site: "The server's Active Directory site.",
  storageGroup: "Each storage group of the server: a command naming it is shown once per storage group.",
};

export const VARIABLE_SCOPES = ["SERVER", "ORGANISATION"] as const;
export type VariableScope = (typeof VARIABLE_SCOPES)[number];
export const VARIABLE_KINDS = ["DRIVE", "PATH", "NAME", "HOST"] as const;
export type VariableKind = (typeof VARIABLE_KINDS)[number];
export const VARIABLE_KIND_LABELS: Record<VariableKind, string> = {
  DRIVE: "Drive letter (E:)",
  PATH: "Folder path (E:\\Logs)",
  NAME: "Name (letters, digits, spaces, . _ ( ) -)",
  HOST: "Host name or address",
};

export type PlaceholderRef = { kind: "field"; field: ServerField } | { kind: "var"; variable: string } | { kind: "org"; variable: string };

/** Longest text between the braces that is read as a placeholder: "var:" or "org:" and a name. */
const MAX_INNER = 4 + 40 + 20;

/** A variable's name: a letter, then letters and digits (camelCase), at most 40 characters. */
export function isVariableName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]{0,39}$/.test(name);
}

/** What a placeholder's name refers to, or null when it names nothing Opsbook knows. */
export function parsePlaceholder(name: string): PlaceholderRef | null {
  if ((SERVER_FIELDS as readonly string[]).includes(name)) return { kind: "field", field: name as ServerField };
  if (name.startsWith("var:") && isVariableName(name.slice(4))) return { kind: "var", variable: name.slice(4) };
  if (name.startsWith("org:") && isVariableName(name.slice(4))) return { kind: "org", variable: name.slice(4) };
  return null;
}

/** Characters of what stands between the braces of a placeholder (valid or not). */
const isNameLike = (c: string) => /[A-Za-z0-9:._ -]/.test(c);

/**
 * Every `{{…}}` in the text, in order: two opening braces, 1–64 name-like characters (letters,
 * digits, spaces and : . _ -), two closing braces. A scan without regular expressions over the
 * text, linear in its length.
 */
export function findPlaceholders(text: string): FoundPlaceholder[] {
  const found: FoundPlaceholder[] = [];
  let i = text.indexOf("{{");
  while (i >= 0) {
    let close = -1;
    const limit = Math.min(text.length - 1, i + 2 + MAX_INNER + 1);
    for (let k = i + 2; k < limit; k++) {
      const c = text[k];
      if (c === "}" && text[k + 1] === "}") {
        close = k;
        break;
      }
      if (c === undefined || !isNameLike(c)) break;
    }
    if (close > i + 2) {
      found.push({ name: text.slice(i + 2, close), start: i, end: close + 2 });
      i = text.indexOf("{{", close + 2);
    } else {
      i = text.indexOf("{{", i + 1);
    }
  }
  return found;
}

/** The placeholders a text may use, as an author writes them, for messages and the editor. */
export function placeholderList(known: { serverVars: readonly string[]; orgVars: readonly string[] }): string[] {
  return [...SERVER_FIELDS.map((f) => `{{${f}}}`), ...known.serverVars.map((v) => `{{var:${v}}}`), ...known.orgVars.map((v) => `{{org:${v}}}`)];
}

/**
 * What is wrong with the placeholders of a text, one sentence per bad placeholder, each naming it
 * and listing the valid ones; [] when all are known. `known` holds the defined variable names.
 */
export function validatePlaceholders(text: string, known: { serverVars: readonly string[]; orgVars: readonly string[] }): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const valid = () => `Valid placeholders: ${placeholderList(known).join(", ")}.`;
  const found = findPlaceholders(text);
  for (const p of found) {
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    const ref = parsePlaceholder(p.name);
    const written = `{{${p.name}}}`;
    if (!ref) {
      const bare = p.name.trim();
      const hint = bare !== p.name && parsePlaceholder(bare) ? ` Write it without spaces, as {{${bare}}}.` : "";
      problems.push(`${written} is not a placeholder Opsbook knows.${hint} ${valid()}`);
    } else if (ref.kind === "var" && !known.serverVars.includes(ref.variable)) {
      problems.push(`${written} names no per-server variable (an administrator defines them under Servers). ${valid()}`);
    } else if (ref.kind === "org" && !known.orgVars.includes(ref.variable)) {
      problems.push(`${written} names no organisation variable (an administrator defines them under Servers). ${valid()}`);
    }
  }
  // "{{server}" or "{{server": an opening pair that never closes, where a name was clearly meant
  // (a name, then a single brace, a blank or the end of the text).
  let at = text.indexOf("{{");
  let f = 0;
  while (at >= 0) {
    while (f < found.length && found[f]!.end <= at) f++;
    const inside = f < found.length && found[f]!.start <= at;
    let end = at + 2;
    while (end < text.length && end - at < 2 + MAX_INNER && isNameLike(text[end]!) && text[end] !== " ") end++;
    const next = text[end];
    if (!inside && end > at + 2 && /[A-Za-z]/.test(text[at + 2]!) && (next === undefined || next === "}" || next === " " || next === "\t" || next === "\n" || next === "\r")) {
      const fragment = text.slice(at, end);
      if (!seen.has(`open:${fragment}`)) {
        seen.add(`open:${fragment}`);
        problems.push(`"${fragment}…" opens a placeholder that is not closed: write {{name}} with two closing braces. ${valid()}`);
      }
    }
    at = text.indexOf("{{", at + 2);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Values: what may be saved for each kind. Every accepted value is inside [A-Za-z0-9 ._()\\:-],
// so none can close a quote, start a variable or a subexpression, or end a line.

const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const NAME_CHARS = /^[A-Za-z0-9 ._()-]+$/;

/** A host name, FQDN or IPv4 address: labels of letters, digits and inner hyphens, joined by dots. */
export function hostProblem(value: string): string | null {
  if (value.length === 0) return "Enter a host name.";
  if (value.length > 253) return "A host name has at most 253 characters.";
  if (!value.split(".").every((label) => HOST_LABEL.test(label))) {
    return "Use a host name such as dc01.contoso.local: letters, digits and hyphens, in parts joined by dots.";
  }
  return null;
}

/** A name (storage group, domain, gateway): letters, digits, spaces and . _ ( ) -, at most 64. */
export function nameProblem(value: string, what = "A name"): string | null {
  if (value.length === 0) return `${what} cannot be empty.`;
  if (value.length > 64) return `${what} has at most 64 characters.`;
  if (!NAME_CHARS.test(value)) return `${what} may hold only letters, digits, spaces and . _ ( ) -.`;
  if (value.trim() !== value) return `${what} cannot begin or end with a space.`;
  return null;
}

/** A drive letter with its colon: E: */
export function driveProblem(value: string): string | null {
  return /^[A-Za-z]:$/.test(value) ? null : "Enter a drive letter with its colon, such as E:.";
}

/** A folder on a drive: E:\Exchange\Logs. No quotes, $, backtick, ;, |, & or line breaks. */
export function pathProblem(value: string): string | null {
  const example = "Enter a folder such as E:\\Exchange\\Logs: a drive, then folder names joined by backslashes";
  if (value.length > 240) return "A path has at most 240 characters.";
  if (!/^[A-Za-z]:\\/.test(value)) return `${example}.`;
  const parts = value.slice(3).split("\\");
  for (const part of parts) {
    if (part === "") return `${example}, with no empty folder names and no backslash at the end.`;
    if (part === "." || part === "..") return `${example}; . and .. are not allowed.`;
    if (!NAME_CHARS.test(part)) return `${example}. Folder names may hold only letters, digits, spaces and . _ ( ) -.`;
    if (part.trim() !== part) return `${example}. A folder name cannot begin or end with a space.`;
  }
  return null;
}

/** Why a value cannot be saved for a variable of this kind, or null when it can. */
export function variableValueProblem(kind: VariableKind, value: string): string | null {
  switch (kind) {
    case "DRIVE":
      return driveProblem(value);
    case "PATH":
      return pathProblem(value);
    case "NAME":
      return nameProblem(value, "The value");
    case "HOST":
      return hostProblem(value);
  }
}

/** A value as it is stored: drive letters in capitals, everything else as typed (trimmed). */
export function normaliseVariableValue(kind: VariableKind, value: string): string {
  const v = value.trim();
  return kind === "DRIVE" ? v.toUpperCase() : v;
}

// ---------------------------------------------------------------------------------------------
// Rendering

type Resolved = { ok: true; values: string[] } | { ok: false };

function resolve(ref: PlaceholderRef, ctx: PlaceholderContext | null): Resolved {
  if (!ctx) return { ok: false };
  const present = (v: string | undefined): Resolved => (v ? { ok: true, values: [v] } : { ok: false });
  if (ref.kind === "org") return present(ctx.org[ref.variable]);
  const server = ctx.server;
  if (!server) return { ok: false };
  if (ref.kind === "var") return present(server.vars[ref.variable]);
  switch (ref.field) {
    case "server":
      return present(server.name);
    case "fqdn":
      return present(server.fqdn);
    case "site":
      return present(server.site);
    case "storageGroup":
      return server.storageGroups.some((g) => g !== "") ? { ok: true, values: server.storageGroups.filter((g) => g !== "") } : { ok: false };
  }
}

/** A known placeholder's label as a chip and in the `<…>` copy form: the name between the braces. */
const labelOf = (name: string) => name;

/** Where a placeholder stands in a PowerShell command. */
type Context = "bare" | "single" | "double" | "hereSingle" | "hereDouble" | "comment";

// Unicode quotation marks that PowerShell reads as the ASCII ones.
const SINGLE_QUOTES = "'\u2018\u2019\u201A\u201B";
const DOUBLE_QUOTES = "\"\u201C\u201D\u201E";
const isSingle = (c: string | undefined) => c !== undefined && SINGLE_QUOTES.includes(c);
const isDouble = (c: string | undefined) => c !== undefined && DOUBLE_QUOTES.includes(c);
const isBlank = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";

/** Characters that may stand next to a placeholder in one unquoted argument (EXHUB01\Poison). */
function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9._\\/:*?%+~@-]/.test(c);
}

/** A value that is one plain argument as it is: starts with a letter, then word characters only. */
export function isBareword(value: string): boolean {
  // A leading digit could be read as a number (1E5, 0x10, 1KB), so such values are quoted.
  return /^[A-Za-z][A-Za-z0-9._:\\-]*$/.test(value);
}

const withoutLineBreaks = (value: string) => value.replace(/[\r\n\u2028\u2029]/g, " ");

/** A value inside '…': every single quotation mark doubled. */
export function escapeSingleQuoted(value: string): string {
  let out = "";
  for (const c of value) out += isSingle(c) ? c + c : c;
  return out;
}

/** A value inside "…": backtick, dollar and every double quotation mark escaped with a backtick. */
export function escapeDoubleQuoted(value: string): string {
  let out = "";
  for (const c of value) out += c === "`" || c === "$" || isDouble(c) ? `\`${c}` : c;
  return out;
}

/** A value as one unquoted argument: every character but letters and digits escaped with a backtick. */
export function escapeBareword(value: string): string {
  let out = "";
  for (const c of withoutLineBreaks(value)) out += /[A-Za-z0-9]/.test(c) ? c : `\`${c}`;
  return out;
}

/** A value as a single-quoted literal: 'First Storage Group'. */
export function singleQuoted(value: string): string {
  return `'${escapeSingleQuoted(value)}'`;
}

/**
 * The context at every offset of a command template, as a PowerShell parser would see it. The
 * placeholders themselves are read as word characters. Enough of the language for one-line
 * commands and short scripts: strings with their escapes, subexpressions $( ) inside double-quoted
 * strings (which are code again), here-strings and line comments.
 */
function contextsOf(template: string, placeholders: readonly FoundPlaceholder[]): Context[] {
  const out: Context[] = new Array(template.length + 1);
  // Each frame is a context entered; a subexpression inside a string returns to it at its ")".
  const stack: { context: Context; depth: number; sub: boolean }[] = [{ context: "bare", depth: 0, sub: false }];
  const top = () => stack[stack.length - 1]!;
  const push = (context: Context, sub = false) => stack.push({ context, depth: 0, sub });
  let p = 0;
  let i = 0;
  const mark = (from: number, to: number) => {
    for (let k = from; k < to && k < template.length; k++) out[k] = top().context;
  };
  while (i < template.length) {
    const ph = placeholders[p];
    if (ph && ph.start === i) {
      mark(i, ph.end);
      i = ph.end;
      p++;
      continue;
    }
    const c = template[i]!;
    const frame = top();
    out[i] = frame.context;
    let step = 1;
    switch (frame.context) {
      case "bare":
        if (c === "`") {
          step = 2;
        } else if (isSingle(c)) {
          push("single");
        } else if (isDouble(c)) {
          push("double");
        } else if (c === "@" && (isSingle(template[i + 1]) || isDouble(template[i + 1])) && /^[ \t]*\r?\n/.test(template.slice(i + 2, i + 40))) {
          push(isSingle(template[i + 1]) ? "hereSingle" : "hereDouble");
          step = 2;
        } else if (c === "#" && (i === 0 || isBlank(template[i - 1]) || template[i - 1] === ";")) {
          push("comment");
        } else if (c === "(") {
          frame.depth++;
        } else if (c === ")") {
          if (frame.depth > 0) frame.depth--;
          else if (frame.sub) stack.pop();
        }
        break;
      case "single":
        if (isSingle(c)) {
          if (isSingle(template[i + 1])) step = 2;
          else stack.pop();
        }
        break;
      case "double":
      case "hereDouble":
        if (c === "`") {
          step = 2;
        } else if (c === "$" && template[i + 1] === "(") {
          // "…$(Get-Queue -Server {{server}})…": code again until the matching parenthesis.
          out[i + 1] = frame.context;
          push("bare", true);
          step = 2;
        } else if (frame.context === "double" && isDouble(c)) {
          if (isDouble(template[i + 1])) step = 2;
          else stack.pop();
        } else if (frame.context === "hereDouble" && c === "\n" && isDouble(template[i + 1]) && template[i + 2] === "@") {
          step = 3;
          mark(i, i + 3);
          stack.pop();
        }
        break;
      case "hereSingle":
        if (c === "\n" && isSingle(template[i + 1]) && template[i + 2] === "@") {
          step = 3;
          mark(i, i + 3);
          stack.pop();
        }
        break;
      case "comment":
        if (c === "\n") stack.pop();
        break;
    }
    // A skipped character never hides the start of a placeholder (`{{server}} stays one).
    if (ph && ph.start < i + step) step = ph.start - i;
    if (step >= 2 && out[i + 1] === undefined) out[i + 1] = frame.context;
    i += step;
  }
  out[template.length] = top().context;
  return out;
}

interface Piece {
  /** Literal text of the template, or a placeholder. */
  literal?: string;
  placeholder?: FoundPlaceholder;
  ref?: PlaceholderRef;
}

/**
 * A command template with its placeholders filled in for one server: one command, or one per
 * storage group when it names {{storageGroup}} and the server has storage groups. A placeholder
 * without a value (no server, or nothing set) becomes a "missing" segment whose copy text is
 * `<name>`, the fill-in-yourself form the library already uses. Names that are not placeholders
 * stay as they are written (the editor refuses them; old text may hold them).
 */
export function renderCommand(template: string, ctx: PlaceholderContext | null): RenderedCommand[] {
  const placeholders = findPlaceholders(template);
  if (placeholders.length === 0) return [{ text: template, segments: template ? [{ kind: "text", text: template }] : [] }];
  const groups = (() => {
    if (!placeholders.some((p) => p.name === "storageGroup")) return [null];
    const sgs = (ctx?.server?.storageGroups ?? []).filter((g) => g !== "");
    return sgs.length > 0 ? sgs : [null];
  })();
  const contexts = contextsOf(template, placeholders);
  return groups.map((group) => renderOnce(template, placeholders, contexts, ctx, group));
}

function renderOnce(template: string, placeholders: readonly FoundPlaceholder[], contexts: Context[], ctx: PlaceholderContext | null, group: string | null): RenderedCommand {
  const segments: Segment[] = [];
  const text = (t: string) => {
    if (!t) return;
    const last = segments.at(-1);
    if (last?.kind === "text") last.text += t;
    else segments.push({ kind: "text", text: t });
  };
  const valueOf = (p: FoundPlaceholder, ref: PlaceholderRef): string | null => {
    if (ref.kind === "field" && ref.field === "storageGroup") return group;
    const r = resolve(ref, ctx);
    return r.ok ? r.values[0]! : null;
  };

  let at = 0;
  let p = 0;
  while (p < placeholders.length) {
    const first = placeholders[p]!;
    const context = contexts[first.start]!;
    if (context !== "bare") {
      text(template.slice(at, first.start));
      const ref = parsePlaceholder(first.name);
      const value = ref ? valueOf(first, ref) : null;
      if (!ref) text(template.slice(first.start, first.end));
      else if (value === null) segments.push({ kind: "missing", name: first.name, label: labelOf(first.name) });
      else segments.push({ kind: "value", name: first.name, text: inQuotedContext(context, value) });
      at = first.end;
      p++;
      continue;
    }
    // Unquoted: the argument this placeholder belongs to is the run of word characters and
    // placeholders around it. If every value in it is a plain word, the run is kept as it is;
    // otherwise the whole run becomes one single-quoted literal, so that the text beside a value
    // (EXHUB01\Poison) stays part of the same argument.
    let runStart = first.start;
    while (runStart > at && isWordChar(template[runStart - 1]) && contexts[runStart - 1] === "bare") runStart--;
    // A -Parameter:value argument keeps its parameter name outside the quotes.
    if (template[runStart] === "-") {
      const colon = template.indexOf(":", runStart);
      if (colon >= 0 && colon < first.start) runStart = colon + 1;
    }
    // A plain word stays unquoted only where it is an argument: after a command, a parameter or
    // another argument. Where it would start a command or an expression ($x = {{server}}, or the
    // start of a line), it is quoted, so that a value can never be run as a command.
    let before = runStart - 1;
    while (before >= 0 && (template[before] === " " || template[before] === "\t")) before--;
    const asArgument = before >= 0 && contexts[before] !== undefined && (isWordChar(template[before]) || isSingle(template[before]) || isDouble(template[before]) || template[before] === ")");
    const pieces: Piece[] = [];
    let k = runStart;
    let q = p;
    for (;;) {
      const next = placeholders[q];
      if (next && next.start === k && contexts[k] === "bare") {
        pieces.push({ placeholder: next, ref: parsePlaceholder(next.name) ?? undefined });
        k = next.end;
        q++;
        continue;
      }
      if (k < template.length && isWordChar(template[k]) && contexts[k] === "bare" && !(next && next.start === k)) {
        let end = k;
        while (end < template.length && isWordChar(template[end]) && contexts[end] === "bare" && !(next && next.start === end)) end++;
        pieces.push({ literal: template.slice(k, end) });
        k = end;
        continue;
      }
      break;
    }
    text(template.slice(at, runStart));
    const values = pieces.map((piece) => (piece.ref && piece.placeholder ? valueOf(piece.placeholder, piece.ref) : null));
    // After a backtick the run's first character is escaped, so an opening quote would be taken
    // literally: there each value that is not a plain word has every other character escaped.
    const escaped = contexts[runStart - 1] === "bare" && template[runStart - 1] === "`";
    const needsQuotes = pieces.some((piece, i) => piece.ref && values[i] !== null && (!asArgument || !isBareword(values[i]!)));
    const quote = needsQuotes && !escaped;
    if (quote) text("'");
    pieces.forEach((piece, i) => {
      if (piece.literal !== undefined) text(quote ? escapeSingleQuoted(piece.literal) : piece.literal);
      else if (!piece.ref) text(quote ? escapeSingleQuoted(template.slice(piece.placeholder!.start, piece.placeholder!.end)) : template.slice(piece.placeholder!.start, piece.placeholder!.end));
      else if (values[i] === null) segments.push({ kind: "missing", name: piece.placeholder!.name, label: labelOf(piece.placeholder!.name) });
      else {
        const value = values[i]!;
        // The template's backtick already escapes the run's first character.
        const afterBacktick = (v: string) => (i === 0 ? [...v][0]! + escapeBareword([...v].slice(1).join("")) : escapeBareword(v));
        const shown = quote ? escapeSingleQuoted(value) : escaped && !isBareword(value) ? afterBacktick(withoutLineBreaks(value)) : value;
        segments.push({ kind: "value", name: piece.placeholder!.name, text: shown });
      }
    });
    if (quote) text("'");
    at = k;
    p = q;
  }
  text(template.slice(at));
  return { text: segments.map(segmentText).join(""), segments };
}

function inQuotedContext(context: Context, value: string): string {
  switch (context) {
    case "single":
      return escapeSingleQuoted(value);
    case "double":
      return escapeDoubleQuoted(value);
    case "hereSingle":
      return withoutLineBreaks(value);
    case "hereDouble":
      return escapeDoubleQuoted(withoutLineBreaks(value));
    case "comment":
      return withoutLineBreaks(value);
    case "bare":
      return isBareword(value) ? value : singleQuoted(value);
  }
}

/** What a segment contributes to the copied text. */
export function segmentText(segment: Segment): string {
  return segment.kind === "missing" ? `<${segment.label}>` : segment.text;
}

/**
 * Prose (item text, guidance, counter paths, Markdown text) with placeholders filled in: values as
 * they are (prose is read, not run), {{storageGroup}} as the server's storage groups joined by
 * commas, and a placeholder without a value as ‹name›.
 */
export function renderText(text: string, ctx: PlaceholderContext | null): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const p of findPlaceholders(text)) {
    const ref = parsePlaceholder(p.name);
    if (!ref) continue;
    if (p.start > at) segments.push({ kind: "text", text: text.slice(at, p.start) });
    const r = resolve(ref, ctx);
    segments.push(r.ok ? { kind: "value", name: p.name, text: r.values.join(", ") } : { kind: "missing", name: p.name, label: labelOf(p.name) });
    at = p.end;
  }
  if (at < text.length) segments.push({ kind: "text", text: text.slice(at) });
  return segments;
}

/** renderText as one string: a missing value reads ‹name›. */
export function substituteText(text: string, ctx: PlaceholderContext | null): string {
  return renderText(text, ctx)
    .map((s) => (s.kind === "missing" ? `‹${s.label}›` : s.text))
    .join("");
}

/** True when the text holds at least one placeholder (a quick test before rendering). */
export function hasPlaceholders(text: string): boolean {
  return findPlaceholders(text).length > 0;
}
