// Procedures as files: one Markdown file per procedure, YAML front matter for every field but the
// body, the Markdown body after the closing "---" (decision 010). This module turns content into
// files and archives and back, and finds every problem of an upload by file and line. It touches no
// database; lib/procedures/import-actions.ts adds the checks that need one and does the writing.
import * as zlib from "node:zlib";
import { Zip, ZipDeflate, strToU8 } from "fflate";
import { Document, LineCounter, isMap, isScalar, isSeq, parseDocument, visit, type Node, type YAMLError } from "yaml";
import * as yauzl from "yauzl";
import type { z } from "zod";
import { ProcedureContentSchema, SlugSchema, type ProcedureContent } from "./schemas";
import { nextTurn } from "@/lib/turns";
import { markdownProblem } from "@/lib/markdown/limits";

// ---------------------------------------------------------------------------------------------
// Limits of one import. A library of a few hundred procedures fits comfortably; anything larger
// is refused with a message before it can use much memory or time.

export const IMPORT_LIMITS = {
  /** Size of everything uploaded at once (the archive, or the .md files together). */
  uploadBytes: 4 * 1024 * 1024,
  /** Entries in one archive. */
  files: 500,
  /** One procedure file, uncompressed. */
  fileBytes: 1024 * 1024,
  /** All files of one upload, uncompressed. */
  totalBytes: 20 * 1024 * 1024,
  /** Problems listed; the rest are counted. */
  problems: 200,
  /** Characters of a file name inside an archive. */
  nameChars: 200,
} as const;

/**
 * Limits of one file's front matter, checked by a scan of its characters before the YAML parser
 * sees it (decision 028). The seeded library's largest front matter is 6.8 kB with 178 of the
 * characters counted below; a procedure at every schema limit (100 items with guidance) stays
 * well within them.
 */
export const FRONT_MATTER_LIMITS = {
  /** Characters between the two --- lines. */
  chars: 256 * 1024,
  /** Colons, question marks, commas and opening braces together: every field needs one, so this bounds the fields. */
  separators: 4_000,
  /** Brackets and braces open at once (flow lists and maps inside each other). */
  flowDepth: 16,
  /** Aliases (*name) expanded when the front matter is read. */
  aliases: 50,
} as const;

export interface FileProblem {
  /** The file (or the uploaded archive, for problems of the archive itself); "" for the upload as a whole. */
  file: string;
  /** 1-based line in the file, or null when the problem is not about one line. */
  line: number | null;
  message: string;
}

export interface SourceFile {
  name: string;
  text: string;
}

export interface ProcedureFile {
  file: string;
  content: ProcedureContent;
  /** The line of a field, by its path in the content (e.g. ["items", 3, "max"]); 1 if unknown. */
  lineOf: (path: readonly PropertyKey[]) => number;
}

export function formatProblem(problem: FileProblem): string {
  if (!problem.file) return problem.message;
  return problem.line === null ? `${problem.file}: ${problem.message}` : `${problem.file} line ${problem.line}: ${problem.message}`;
}

/** Problems in reading order: by file name, then line; archive-wide problems of a file first. */
export function sortProblems(problems: FileProblem[]): FileProblem[] {
  return [...problems].sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file < b.file ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Front matter keys that differ from the content's field names. */
const KEY_TO_FIELD: Record<string, string> = {
  related_smfs: "relatedSmfs",
  review_interval_months: "reviewIntervalMonths",
  pass_choices: "passChoices",
  management_review: "managementReview",
  limits_by_mailbox_users: "limitsByMailboxUsers",
};
const FIELD_TO_KEY: Record<string, string> = Object.fromEntries(Object.entries(KEY_TO_FIELD).map(([k, f]) => [f, k]));

/** Known front matter keys; code and version are written for the reader and ignored on import. */
// management_review and an item's limits_by_mailbox_users came later, as did an item's roles (the
// Exchange roles it is limited to); files without them still import.
const TOP_KEYS = ["slug", "title", "code", "version", "cadence", "roles", "smf", "related_smfs", "management_review", "review_interval_months", "purpose", "items", "tools", "references"] as const;
const ITEM_KEYS = ["key", "kind", "text", "help", "required", "roles", "unit", "min", "max", "limits_by_mailbox_users", "counter", "choices", "pass_choices"] as const;
const TOOL_KEYS = ["tool", "command", "purpose"] as const;
const REFERENCE_KEYS = ["title", "url"] as const;

const HEADER_COMMENT = [
  " Opsbook procedure. Edit the fields and the Markdown body below the closing --- line, then import",
  " the file (or a .zip of several) under Procedures > Import. An existing slug gets a new draft;",
  " nothing is published over the current version. code and version are for information only.",
].join("\n");

export function procedureFileName(slug: string): string {
  return `${slug}.md`;
}

/** One procedure as a Markdown file with YAML front matter. */
export function serializeProcedure(content: ProcedureContent, info: { code?: string | null; version?: number } = {}): string {
  const frontMatter: Record<string, unknown> = {
    slug: content.slug,
    title: content.title,
    ...(info.code ? { code: info.code } : {}),
    ...(info.version !== undefined ? { version: info.version } : {}),
    cadence: content.cadence,
    roles: content.roles,
    smf: content.smf,
    related_smfs: content.relatedSmfs,
    ...(content.managementReview ? { management_review: content.managementReview } : {}),
    review_interval_months: content.reviewIntervalMonths,
    purpose: content.purpose,
    items: content.items.map((item) => ({
      key: item.key,
      kind: item.kind,
      text: item.text,
      ...(item.help ? { help: item.help } : {}),
      required: item.required,
      ...(item.roles.length > 0 ? { roles: item.roles } : {}),
      ...(item.unit !== undefined ? { unit: item.unit } : {}),
      ...(item.min !== undefined ? { min: item.min } : {}),
      ...(item.max !== undefined ? { max: item.max } : {}),
      // One line per size: limits_by_mailbox_users: {UNDER_500: {max: 15}, …} would wrap badly.
      ...(item.limitsByMailboxUsers ? { limits_by_mailbox_users: item.limitsByMailboxUsers } : {}),
      ...(item.counter !== undefined ? { counter: item.counter } : {}),
      ...(item.choices.length > 0 ? { choices: item.choices } : {}),
      ...(item.passChoices.length > 0 ? { pass_choices: item.passChoices } : {}),
    })),
    tools: content.tools.map((use) => ({ tool: use.tool, command: use.command, purpose: use.purpose })),
    references: content.references.map((ref) => ({ title: ref.title, url: ref.url })),
  };
  const doc = new Document(frontMatter);
  doc.commentBefore = HEADER_COMMENT;
  // Short lists of codes read best on one line: roles: [MAILBOX, HUB_TRANSPORT].
  for (const path of [["roles"], ["related_smfs"], ...content.items.flatMap((_, i) => [["items", i, "choices"], ["items", i, "pass_choices"], ["items", i, "roles"]])]) {
    const node = doc.getIn(path, true);
    if (isSeq(node)) node.flow = true;
  }
  // Each size's limits on one line: UNDER_500: {max: 15}.
  for (const [i, item] of content.items.entries()) {
    if (!item.limitsByMailboxUsers) continue;
    for (const tier of Object.keys(item.limitsByMailboxUsers)) {
      const node = doc.getIn(["items", i, "limits_by_mailbox_users", tier], true);
      if (isMap(node)) node.flow = true;
    }
  }
  const yaml = doc.toString({ lineWidth: 100, minContentWidth: 40, flowCollectionPadding: false });
  const body = content.body.trim();
  return `---\n${yaml}---\n${body ? `\n${body}\n` : ""}`;
}

export interface ExportEntry {
  content: ProcedureContent;
  seedCode?: string | null;
  versionNumber?: number;
}

/**
 * A .zip holding one <slug>.md per procedure. Each file is serialised and compressed in its own
 * turn of the event loop (fflate's streaming Zip), so a library of hundreds of procedures never
 * holds a server's other requests for the whole archive.
 */
export async function buildArchive(entries: readonly ExportEntry[], mtime: Date = new Date()): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else chunks.push(chunk);
  });
  for (const e of entries) {
    await nextTurn();
    const file = new ZipDeflate(procedureFileName(e.content.slug), { level: 6 });
    file.mtime = mtime;
    zip.add(file);
    file.push(strToU8(serializeProcedure(e.content, { code: e.seedCode, version: e.versionNumber })), true);
  }
  zip.end();
  if (failure) throw failure;
  const archive = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    archive.set(c, at);
    at += c.length;
  }
  return archive;
}

// ---------------------------------------------------------------------------------------------
// Reading an upload: archives and loose .md files become named texts, or problems.

export interface Upload {
  name: string;
  data: Uint8Array;
}

/** A limit for messages: the limits are whole megabytes. */
function size(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Files the operating system adds to archives by itself; they are skipped, not reported. */
function isSystemJunk(name: string): boolean {
  return name.startsWith("__MACOSX/") || /(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini)$/i.test(name);
}

/** Why a name inside an archive cannot be imported, or null when it names a top-level .md file. */
export function entryNameProblem(name: string): string | null {
  if (name === "" || /[\u0000-\u001f\u007f-\u009f]/.test(name)) return "This file name is empty or holds control characters.";
  if (name.length > IMPORT_LIMITS.nameChars) return `This file name is longer than ${IMPORT_LIMITS.nameChars} characters; give the file a shorter name.`;
  if (name.includes("\\") || name.startsWith("/") || /^[a-zA-Z]:/.test(name) || name.split("/").includes("..")) {
    return "This file name points outside the archive (an absolute path or ..); it was not read.";
  }
  if (name.includes("/")) return "Files inside folders are not imported: put the .md files at the top level of the archive.";
  if (!/\.md$/i.test(name)) return "Only Markdown files (.md) can be imported; remove this file from the archive.";
  return null;
}

function decodeText(file: string, bytes: Uint8Array, problems: FileProblem[]): SourceFile | null {
  try {
    // TextDecoder drops a leading byte order mark.
    return { name: file, text: UTF8.decode(bytes) };
  } catch {
    problems.push({ file, line: null, message: "This file is not UTF-8 text. Save it with UTF-8 encoding and import it again." });
    return null;
  }
}

/** A name as a problem shows it: names longer than the limit are cut, with an ellipsis. */
function shortName(name: string): string {
  return name.length > IMPORT_LIMITS.nameChars ? `${name.slice(0, 60)}…` : name;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as zip records it: Node's own where it has one (20.15 and later), else by table. */
export function crc32(bytes: Uint8Array): number {
  const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  if (native) return native(bytes) >>> 0;
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

async function readStreamCapped(stream: NodeJS.ReadableStream & { destroy(): void }, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

interface Budget {
  /** Uncompressed bytes still allowed for this upload. */
  remaining: number;
}

async function readZip(upload: Upload, budget: Budget, problems: FileProblem[]): Promise<SourceFile[]> {
  const damaged = (detail = ""): FileProblem => ({
    file: upload.name,
    line: null,
    message: `This is not a .zip archive, or it is damaged${detail}. Nothing was imported. Export the library again, or zip the .md files anew.`,
  });
  let zip: yauzl.ZipFile;
  try {
    // Names are decoded and checked here (decodeStrings: false), so that an unsafe name is reported
    // as a problem of that file instead of ending the whole read. Entry sizes are enforced while
    // inflating (validateEntrySizes), so an entry cannot grow past the size its header declares.
    zip = await yauzl.fromBufferPromise(Buffer.from(upload.data.buffer, upload.data.byteOffset, upload.data.byteLength), {
      decodeStrings: false,
      validateEntrySizes: true,
      strictFileNames: true,
    });
  } catch {
    problems.push(damaged());
    return [];
  }
  if (zip.entryCount > IMPORT_LIMITS.files) {
    zip.close();
    problems.push({ file: upload.name, line: null, message: `The archive holds ${zip.entryCount} files; at most ${IMPORT_LIMITS.files} can be imported at once. Split it into smaller archives.` });
    return [];
  }
  const files: SourceFile[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      const raw = entry as unknown as { fileNameRaw: Buffer; generalPurposeBitFlag: number; extraFields: yauzl.ExtraField[] };
      const name = yauzl.getFileNameLowLevel(raw.generalPurposeBitFlag, raw.fileNameRaw, raw.extraFields, true);
      // Without the UTF-8 flag a name is read as code page 437, which shows control bytes as symbols.
      const controlByte = raw.fileNameRaw.some((byte) => byte < 0x20 || byte === 0x7f);
      if (name.endsWith("/") || isSystemJunk(name)) continue;
      // Each entry is read in its own turn of the event loop, so a large archive never holds the
      // server's other requests for the whole of it.
      await nextTurn();
      const nameProblem = controlByte ? "This file name is empty or holds control characters." : entryNameProblem(name);
      if (nameProblem) {
        problems.push({ file: shortName(name), line: null, message: nameProblem });
        continue;
      }
      if (entry.isEncrypted()) {
        problems.push({ file: name, line: null, message: "This file is encrypted in the archive. Make the archive without a password." });
        continue;
      }
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        problems.push({ file: name, line: null, message: "This file is compressed with a method Opsbook cannot read. Make the archive with ordinary (deflate) compression." });
        continue;
      }
      if (entry.uncompressedSize > IMPORT_LIMITS.fileBytes) {
        problems.push({ file: name, line: null, message: `This file unpacks to more than ${size(IMPORT_LIMITS.fileBytes)}, the most one procedure file may hold.` });
        continue;
      }
      if (entry.uncompressedSize > budget.remaining) {
        problems.push({ file: upload.name, line: null, message: `The files in this upload add up to more than ${size(IMPORT_LIMITS.totalBytes)} once unpacked. Import them in smaller archives.` });
        break;
      }
      budget.remaining -= entry.uncompressedSize;
      let bytes: Buffer | null;
      try {
        bytes = await readStreamCapped(await zip.openReadStreamPromise(entry), entry.uncompressedSize);
      } catch {
        bytes = null;
      }
      if (!bytes || bytes.length !== entry.uncompressedSize) {
        problems.push({ file: name, line: null, message: "This file could not be unpacked: the archive is damaged." });
        continue;
      }
      // yauzl checks sizes but not checksums: a damaged entry can inflate to the declared size.
      if (crc32(bytes) !== entry.crc32) {
        problems.push({ file: name, line: null, message: "This file's checksum (CRC-32) does not match the one the archive records: the archive is damaged. Make it again." });
        continue;
      }
      const text = decodeText(name, bytes, problems);
      if (text) files.push(text);
    }
  } catch {
    problems.push(damaged(" (it stops part-way)"));
  } finally {
    zip.close();
  }
  return files;
}

/**
 * Turns what was uploaded (a .zip of .md files, or .md files) into named texts. Every file that
 * cannot be read becomes a problem; nothing is thrown for bad input.
 */
export async function readUploads(uploads: readonly Upload[]): Promise<{ files: SourceFile[]; problems: FileProblem[] }> {
  const problems: FileProblem[] = [];
  const files: SourceFile[] = [];
  const uploaded = uploads.reduce((sum, u) => sum + u.data.byteLength, 0);
  if (uploads.length === 0) {
    return { files, problems: [{ file: "", line: null, message: "Choose a .zip archive of procedure files, or .md files, to import." }] };
  }
  if (uploaded > IMPORT_LIMITS.uploadBytes) {
    const name = uploads.length === 1 ? uploads[0]!.name : "";
    return { files, problems: [{ file: name, line: null, message: `This upload is larger than ${size(IMPORT_LIMITS.uploadBytes)}, the most that can be imported at once. Split it into smaller archives.` }] };
  }
  const budget: Budget = { remaining: IMPORT_LIMITS.totalBytes };
  for (const upload of uploads) {
    await nextTurn();
    if (/\.zip$/i.test(upload.name)) {
      files.push(...(await readZip(upload, budget, problems)));
    } else if (/\.md$/i.test(upload.name)) {
      if (upload.data.byteLength > IMPORT_LIMITS.fileBytes) {
        problems.push({ file: upload.name, line: null, message: `This file is larger than ${size(IMPORT_LIMITS.fileBytes)}, the most one procedure file may hold.` });
        continue;
      }
      const text = decodeText(upload.name, upload.data, problems);
      if (text) files.push(text);
    } else {
      problems.push({ file: upload.name, line: null, message: "Only a .zip archive or .md files can be imported." });
    }
  }
  if (files.length + problems.length > IMPORT_LIMITS.files) {
    return { files: [], problems: [{ file: "", line: null, message: `This upload holds more than ${IMPORT_LIMITS.files} files; import them in smaller batches.` }] };
  }
  const seen = new Set<string>();
  const unique: SourceFile[] = [];
  for (const file of files) {
    if (seen.has(file.name)) problems.push({ file: file.name, line: null, message: "Two files in this upload have this name; keep one." });
    else unique.push(file);
    seen.add(file.name);
  }
  if (unique.length === 0 && problems.length === 0) {
    problems.push({ file: uploads[0]!.name, line: null, message: "There is no .md file in this archive." });
  }
  return { files: unique, problems };
}

// ---------------------------------------------------------------------------------------------
// Parsing one file

type Path = readonly PropertyKey[];

/** Finds the line of a front matter node by its path; falls back to the nearest ancestor's line. */
function lineFinder(root: Node | null, lineCounter: LineCounter, firstLine: number) {
  const lineAt = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  return (path: Path): number => {
    let node: unknown = root;
    let line = firstLine;
    for (const segment of path) {
      if (isMap(node)) {
        const key = typeof segment === "string" ? (FIELD_TO_KEY[segment] ?? segment) : String(segment);
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
        if (!pair) break;
        const keyNode = pair.key as Node;
        if (keyNode.range) line = lineAt(keyNode.range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        if (item.range) line = lineAt(item.range[0]);
        node = item;
      } else {
        break;
      }
    }
    return line;
  };
}

const NOTHING = Symbol("nothing");
function valueAt(root: unknown, path: Path): unknown {
  let value: unknown = root;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return NOTHING;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value === undefined ? NOTHING : value;
}

const TYPE_NAMES: Record<string, string> = {
  array: "a list",
  object: "a set of fields (name: value)",
  number: "a number",
  boolean: "true or false",
  string: "text",
};

/** zod's own messages for wrong types are technical; say the same in the file's terms. */
function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code !== "invalid_type" || !issue.message.startsWith("Invalid input")) return issue.message;
  const last = [...issue.path].reverse().find((s) => typeof s === "string");
  const field = typeof last === "string" ? (FIELD_TO_KEY[last] ?? last) : "This entry";
  const label = typeof last === "string" ? `"${field}"` : field;
  if (valueAt(input, issue.path) === NOTHING) return `${label} is missing.`;
  return `${label} must be ${TYPE_NAMES[issue.expected] ?? issue.expected}.`;
}

function asText(value: unknown): unknown {
  return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
}

function orUndefined(value: unknown): unknown {
  return value === null ? undefined : value;
}

function textList(value: unknown): unknown {
  return Array.isArray(value) ? value.map(asText) : orUndefined(value);
}

/** The front matter as the content schema expects it: names mapped, empty values left out. */
function contentInput(data: Record<string, unknown>, body: string): Record<string, unknown> {
  const list = (value: unknown, map: (entry: Record<string, unknown>) => Record<string, unknown>) =>
    Array.isArray(value) ? value.map((entry) => (entry && typeof entry === "object" && !Array.isArray(entry) ? map(entry as Record<string, unknown>) : entry)) : orUndefined(value);
  return {
    slug: orUndefined(asText(data.slug)),
    title: orUndefined(asText(data.title)),
    cadence: orUndefined(data.cadence),
    roles: orUndefined(data.roles),
    smf: orUndefined(data.smf),
    relatedSmfs: orUndefined(data.related_smfs),
    managementReview: orUndefined(data.management_review),
    purpose: orUndefined(asText(data.purpose)),
    body,
    reviewIntervalMonths: orUndefined(data.review_interval_months),
    items: list(data.items, (item) => ({
      key: orUndefined(asText(item.key)),
      kind: orUndefined(item.kind),
      text: orUndefined(asText(item.text)),
      help: orUndefined(asText(item.help)),
      required: orUndefined(item.required),
      roles: orUndefined(item.roles),
      unit: orUndefined(asText(item.unit)),
      min: orUndefined(item.min),
      max: orUndefined(item.max),
      limitsByMailboxUsers: orUndefined(item.limits_by_mailbox_users),
      counter: orUndefined(asText(item.counter)),
      choices: textList(item.choices),
      passChoices: textList(item.pass_choices),
    })),
    tools: list(data.tools, (use) => ({ tool: orUndefined(use.tool), command: orUndefined(asText(use.command)), purpose: orUndefined(asText(use.purpose)) })),
    references: list(data.references, (ref) => ({ title: orUndefined(asText(ref.title)), url: orUndefined(ref.url) })),
  };
}

function unknownKeys(data: Record<string, unknown>, lineOf: (path: Path) => number, file: string): FileProblem[] {
  const problems: FileProblem[] = [];
  const check = (value: unknown, allowed: readonly string[], path: Path, what: string) => {
    if (!value || typeof value !== "object" || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue;
      const hint = key === "body" ? " The body goes below the closing --- line." : ` Known fields: ${allowed.join(", ")}.`;
      problems.push({ file, line: lineOf([...path, key]), message: `Unknown field "${key}" in ${what}.${hint}` });
    }
  };
  check(data, TOP_KEYS, [], "the front matter");
  const each = (name: string, allowed: readonly string[], what: string) => {
    const value = data[name];
    if (Array.isArray(value)) value.forEach((entry, i) => check(entry, allowed, [name, i], `${what} ${i + 1}`));
  };
  each("items", ITEM_KEYS, "checklist item");
  each("tools", TOOL_KEYS, "tool");
  each("references", REFERENCE_KEYS, "reference");
  return problems;
}

/**
 * Where to point for a YAML error. A quote that is never closed is found only at the end of the
 * front matter, so the error points at the opening quote instead.
 */
/** The sentence for front matter the YAML parser gave up on (its stack, or another internal limit). */
function frontMatterUnreadable(error: unknown): string {
  return error instanceof RangeError
    ? "The front matter is nested too deeply for the parser to read; check its brackets and indentation."
    : `The front matter could not be read: ${error instanceof Error ? error.message : "unknown error"}.`;
}

function errorOffset(doc: ReturnType<typeof parseDocument>, error: YAMLError): number {
  let offset = error.pos[0];
  if (error.code === "MISSING_CHAR" && /quote/i.test(error.message)) {
    visit(doc, {
      Scalar(_, node) {
        if ((node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") && node.range && node.range[0] < error.pos[0] && node.range[1] >= error.pos[0]) {
          offset = node.range[0];
        }
      },
    });
  }
  return offset;
}

/** Parses and validates one procedure file: its content, or every problem found in it. */
/** A tool named by a file, for the catalogue check (which needs the database). */
export interface ToolReference {
  file: string;
  tool: string;
  line: number;
}

export type ParsedFile = { ok: true; procedure: ProcedureFile; tools: ToolReference[] } | { ok: false; problems: FileProblem[]; tools: ToolReference[] };

/**
 * Why a front matter cannot be handed to the YAML parser, with its line, or null. One pass over the
 * characters: the parser's own costs grow faster than the text with the number of keys (each
 * key is compared with the keys before it) and its nesting, so both are bounded first. Characters
 * inside quoted text are counted too; the limits leave room for that.
 */
export function frontMatterProblem(yamlText: string, firstLine = 2): { line: number; message: string } | null {
  const L = FRONT_MATTER_LIMITS;
  if (yamlText.length > L.chars) {
    return { line: firstLine, message: `The front matter is ${yamlText.length.toLocaleString("en-GB")} characters long; it may have at most ${L.chars.toLocaleString("en-GB")}.` };
  }
  let separators = 0;
  let depth = 0;
  let line = firstLine;
  for (let i = 0; i < yamlText.length; i++) {
    const c = yamlText.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 58 || c === 63 || c === 44 || c === 123) {
      // : ? , {
      if (++separators > L.separators) {
        return { line, message: `The front matter has too many fields: more than ${L.separators.toLocaleString("en-GB")} colons, commas and question marks by this line. A procedure needs far fewer; remove what Opsbook does not know.` };
      }
    }
    if (c === 91 || c === 123) {
      // [ {
      if (++depth > L.flowDepth) return { line, message: `The front matter nests lists or maps in brackets more than ${L.flowDepth} deep.` };
    } else if ((c === 93 || c === 125) && depth > 0) {
      depth--;
    }
  }
  return null;
}

/** Keys that appear twice in one map, by line. The parser's own check compares every pair of keys. */
function duplicateKeys(doc: ReturnType<typeof parseDocument>, lineCounter: LineCounter, firstLine: number, file: string): FileProblem[] {
  const problems: FileProblem[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) {
          const line = pair.key.range ? lineCounter.linePos(pair.key.range[0]).line + firstLine - 1 : firstLine;
          problems.push({ file, line, message: `The front matter is not valid YAML: Map keys must be unique ("${key}" is given twice here; keep one).` });
        }
        seen.add(key);
      }
    },
  });
  return problems;
}

/**
 * Parses and validates one procedure file: its content, or every problem found in it. The tools it
 * names are returned either way, so that a file with other problems is also told of unknown tools.
 * A generator: it pauses between its dearer steps (the YAML parse, the Markdown check, the schema)
 * so that an import can give other requests a turn between them (parseProcedureFilesInTurns).
 */
function* parseSteps(file: string, source: string): Generator<void, ParsedFile> {
  const fail = (line: number | null, message: string) => ({ ok: false as const, problems: [{ file, line, message }], tools: [] });
  const lines = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n");
  if (lines[0]?.trimEnd() !== "---") {
    return fail(1, "The file must begin with front matter: a line holding only ---, the fields, then another --- line before the body.");
  }
  const close = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === "---" || line.trimEnd() === "..."));
  if (close < 0) return fail(1, "The front matter is not closed: add a line holding only --- after the last field.");
  const yamlText = lines.slice(1, close).join("\n");
  const body = lines.slice(close + 1).join("\n");
  const firstLine = 2;
  // Problems of the body point at its first line of text.
  const bodyStart = lines.findIndex((line, i) => i > close && line.trim() !== "");
  const bodyLine = (bodyStart < 0 ? close + 1 : bodyStart) + 1;

  // Limits first, before any parser sees the text (decision 028).
  const frontMatterLimit = frontMatterProblem(yamlText, firstLine);
  if (frontMatterLimit) return fail(frontMatterLimit.line, frontMatterLimit.message);
  const bodyLimit = markdownProblem(body);
  // The body's first line is the file's line close + 2.
  const bodyProblems: FileProblem[] = bodyLimit ? [{ file, line: bodyLimit.whole ? bodyLine : close + 1 + bodyLimit.line, message: bodyLimit.message }] : [];
  yield;

  const lineCounter = new LineCounter();
  // Duplicate keys are found by duplicateKeys, in linear time, rather than by the parser's check.
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true });
  } catch (error) {
    // The parser recurses as it reads; some broken front matter within the limits (an unclosed
    // "{" before a couple of thousand keys) still runs it out of stack. That is a problem of the
    // file, reported as one, never an error of the import.
    return fail(firstLine, frontMatterUnreadable(error));
  }
  if (doc.errors.length > 0) {
    // After the first syntax error the parser's further complaints are mostly echoes of it.
    return {
      ok: false,
      problems: sortProblems([
        ...doc.errors.slice(0, 1).map((error) => ({
          file,
          line: lineCounter.linePos(errorOffset(doc, error)).line + firstLine - 1,
          message: `The front matter is not valid YAML: ${error.message}${/[.:]$/.test(error.message) ? "" : "."}`,
        })),
        ...bodyProblems,
      ]),
      tools: [],
    };
  }
  let duplicates: FileProblem[];
  try {
    duplicates = duplicateKeys(doc, lineCounter, firstLine, file);
  } catch (error) {
    return fail(firstLine, frontMatterUnreadable(error));
  }
  if (duplicates.length > 0) return { ok: false, problems: sortProblems([...duplicates, ...bodyProblems]), tools: [] };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: FRONT_MATTER_LIMITS.aliases });
  } catch (error) {
    return fail(firstLine, `The front matter could not be read: ${error instanceof Error ? error.message : "unknown error"}.`);
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    return fail(firstLine, "The front matter must be a set of fields, one per line (title: Check backups).");
  }
  yield;
  const record = data as Record<string, unknown>;
  const findLine = lineFinder(doc.contents, lineCounter, firstLine);
  const lineOf = (path: Path) => (path[0] === "body" ? bodyLine : findLine(path));

  const problems = [...bodyProblems, ...unknownKeys(record, findLine, file)];
  const input = contentInput(record, body);
  const parsed = ProcedureContentSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ file, line: lineOf(issue.path), message: issueMessage(issue, input) });
  }
  const tools: ToolReference[] = [];
  if (Array.isArray(record.tools)) {
    record.tools.forEach((use: unknown, i) => {
      const tool = use && typeof use === "object" ? (use as Record<string, unknown>).tool : undefined;
      if (SlugSchema.safeParse(tool).success) tools.push({ file, tool: String(tool).trim(), line: lineOf(["tools", i, "tool"]) });
    });
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: sortProblems(dedupe(problems)), tools };
  return { ok: true, procedure: { file, content: parsed.data, lineOf }, tools };
}

/** Parses and validates one procedure file in one go (see parseSteps). */
export function parseProcedureFile(file: string, source: string): ParsedFile {
  const steps = parseSteps(file, source);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The same, with a turn of the event loop for other requests between its steps. */
export async function parseProcedureFileInTurns(file: string, source: string): Promise<ParsedFile> {
  const steps = parseSteps(file, source);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}

function dedupe(problems: FileProblem[]): FileProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface ParsedFiles {
  procedures: ProcedureFile[];
  problems: FileProblem[];
  tools: ToolReference[];
}

/** Parses every file and checks them against each other (one file per slug). */
export function parseProcedureFiles(files: readonly SourceFile[]): ParsedFiles {
  return combine(files.map((file) => parseProcedureFile(file.name, file.text)));
}

/**
 * The same, each file and each step of a file in its own turn of the event loop: what the import
 * form uses, so that a large upload never holds the server's other requests for long.
 */
export async function parseProcedureFilesInTurns(files: readonly SourceFile[]): Promise<ParsedFiles> {
  const results: ParsedFile[] = [];
  for (const file of files) {
    await nextTurn();
    results.push(await parseProcedureFileInTurns(file.name, file.text));
  }
  return combine(results);
}

function combine(results: readonly ParsedFile[]): ParsedFiles {
  const procedures: ProcedureFile[] = [];
  const tools: ToolReference[] = [];
  const problems: FileProblem[] = [];
  for (const result of results) {
    tools.push(...result.tools);
    if (result.ok) procedures.push(result.procedure);
    else problems.push(...result.problems);
  }
  const bySlug = new Map<string, ProcedureFile[]>();
  for (const p of procedures) bySlug.set(p.content.slug, [...(bySlug.get(p.content.slug) ?? []), p]);
  for (const [slug, group] of bySlug) {
    if (group.length < 2) continue;
    for (const p of group) {
      const others = group.filter((o) => o !== p).map((o) => o.file);
      problems.push({ file: p.file, line: p.lineOf(["slug"]), message: `The slug "${slug}" is also used by ${others.join(", ")}; each procedure must be in one file.` });
    }
  }
  return { procedures, problems: sortProblems(problems), tools };
}
