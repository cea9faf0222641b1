// Checks of the seed library that need no database: its content as the schema reads it, whether
// its placeholders, variables and demo values agree with each other (decision 033), and the
// release checks of the Exchange 2007 content: counter paths with their instances, number items
// with a unit and a source for every limit, references with links, no demo server named in a
// command, and commands in Exchange 2007 syntax (exchange-2007-cmdlets.ts).
// seed.ts runs them before writing anything; the unit tests run them on the library as shipped.
import { ZodError } from "zod";
import type { SeedItem, SeedProcedure, SeedReference, SeedServer, SeedVariable } from "@/prisma/seed/types";
import { contentPlaceholderProblems } from "./content-placeholders";
import { commandSyntaxProblems } from "./exchange-2007-cmdlets";
import { isVariableName, nameProblem, variableValueProblem } from "./placeholders";
import { ProcedureContentSchema } from "./schemas";

type SeedNumberItem = Extract<SeedItem, { kind: "NUMBER" }>;

/** The opening of the section that lists a procedure's practitioner guidance. */
export const PRACTITIONER_GUIDANCE_HEADING = "## Practitioner guidance";

/** Lines joined by single spaces, each trimmed. */
export function oneLine(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" ");
}

/** The text without trailing full stops and spaces. */
function withoutFinalStop(text: string): string {
  let out = text.trimEnd();
  while (out.endsWith(".")) out = out.slice(0, -1).trimEnd();
  return out;
}

/** The body as readers see it: the library's text, then its practitioner guidance, if any. */
function bodyOf(procedure: SeedProcedure): string {
  const guidance = (procedure.practitionerGuidance ?? []).map((g) => g.trim()).filter(Boolean);
  if (guidance.length === 0) return procedure.body;
  const section = [
    PRACTITIONER_GUIDANCE_HEADING,
    "",
    "These points rest on the experience of Exchange 2007 administrators, not on a Microsoft page; check them against your own servers before you rely on them.",
    "",
    ...guidance.map((g) => `- ${oneLine(g)}`),
  ].join("\n");
  return `${procedure.body.trimEnd()}\n\n${section}`;
}

/** An item's guidance, followed by where its limits come from, so readers see the source of each. */
function helpOf(item: SeedItem): string | undefined {
  const source = item.kind === "NUMBER" ? item.source : undefined;
  if (!source) return item.help;
  const sentence = source === "practitioner" ? "Source: practitioner guidance." : `Source: ${withoutFinalStop(source.title)}.`;
  return item.help?.trim() ? `${item.help.trim()} ${sentence}` : sentence;
}

export function seedContentOf(procedure: SeedProcedure) {
  return ProcedureContentSchema.parse({
    slug: procedure.slug,
    title: procedure.title,
    cadence: procedure.cadence,
    roles: procedure.roles,
    smf: procedure.smf,
    relatedSmfs: procedure.relatedSmfs ?? [],
    managementReview: procedure.managementReview,
    purpose: procedure.purpose,
    body: bodyOf(procedure),
    items: procedure.items.map((item) => {
      // `source` is shown in the guidance; the content model has no field for it. The items'
      // limitsByMailboxUsers pass through under the same name.
      const { source: _source, ...rest } = item as SeedItem & { source?: unknown };
      return { ...rest, help: helpOf(item) };
    }),
    tools: procedure.tools,
    references: procedure.references,
  });
}

export interface CheckedLibrary {
  servers: readonly SeedServer[];
  procedures: readonly SeedProcedure[];
  /** The variables the procedures' placeholders name; none when left out. */
  variables?: readonly SeedVariable[];
}

/**
 * Performance objects that have instances: a counter of theirs names one, `Object(instance)\Counter`
 * (lower case). Per-volume objects must name their volume through a {{var:…}} placeholder.
 */
export const INSTANCED_OBJECTS: ReadonlySet<string> = new Set(
  [
    "LogicalDisk", "PhysicalDisk", "Processor", "Process", "Thread", "Network Interface", "Paging File",
    "MSExchange Database", "MSExchange Database ==> Instances", "MSExchangeIS Public", "MSExchangeIS Mailbox",
    ".NET CLR Memory", ".NET CLR Exceptions", "ASP.NET Applications", "ASP.NET Apps v2.0.50727",
    "MSExchangeTransport Queues", "MSExchangeTransport SmtpReceive", "MSExchangeTransport SmtpSend", "MSExchangeTransport Database",
    "MSExchange ADAccess Domain Controllers", "MSExchange ADAccess Processes", "MSExchange ADAccess Caches",
    "MSExchange Replication", "MSExchange Store Interface", "Web Service",
  ].map((o) => o.toLowerCase()),
);
const PER_VOLUME = new Set(["logicaldisk", "physicaldisk"]);
// Objects not listed (Memory, System, MSExchangeIS, MSExchange OWA, MSExchangeUMAvailability…)
// have a single instance; their counters are written without one.

/** What is wrong with one counter path, or null. Accepts `\\host\Object(i)\Counter`, `\Object(i)\Counter` and `Object(i)\Counter`. */
export function counterPathProblem(path: string): string | null {
  const trimmed = path.trim().replace(/^\\\\[^\\]+/, "").replace(/^\\/, "");
  const match = /^([^\\(]+?)\s*(?:\(([^)]*)\))?\\(.+)$/.exec(trimmed);
  if (!match) return `"${path}" is not a counter path (Object(instance)\\Counter).`;
  const object = match[1]!.trim();
  const instance = match[2]?.trim();
  if (INSTANCED_OBJECTS.has(object.toLowerCase()) && !instance) return `"${path}" names no instance; ${object} has instances, so write ${object}(instance)\\${match[3]}.`;
  // _Total is every volume together, which is no volume of its own.
  if (PER_VOLUME.has(object.toLowerCase()) && instance !== "_Total" && !/\{\{var:[A-Za-z][A-Za-z0-9]*\}\}/.test(instance ?? "")) {
    return `"${path}" names its volume literally; name it through a per-server variable ({{var:…}}) or use _Total, as volumes differ from server to server.`;
  }
  return null;
}

/** Counter paths quoted in a command ("\Processor(_Total)\% Processor Time" for typeperf or logman). */
function quotedCounterPaths(command: string): string[] {
  return [...command.matchAll(/"(\\(?:\\[^\\"]+)?\\?[^\\"]+\\[^\\"]+)"/g)].map((m) => m[1]!).filter((p) => !p.startsWith("\\\\") || /^\\\\[^\\]+\\[^\\]+\\[^\\]+$/.test(p));
}

const sameReference = (a: SeedReference, b: SeedReference) => a.url.trim() === b.url.trim();

function itemProblems(procedure: SeedProcedure, item: SeedItem): string[] {
  if (item.kind !== "NUMBER") return [];
  const number = item as SeedNumberItem;
  const problems: string[] = [];
  if (!number.unit?.trim()) problems.push(`number item ${item.key} has no unit.`);
  if (number.counter?.trim()) {
    const problem = counterPathProblem(number.counter);
    if (problem) problems.push(`item ${item.key}, counter ${problem}`);
  }
  const limited = number.min !== undefined || number.max !== undefined || number.limitsByMailboxUsers !== undefined;
  if (limited && !number.source) problems.push(`number item ${item.key} has limits but no source (a reference the procedure cites, or "practitioner").`);
  if (number.source && number.source !== "practitioner" && !procedure.references.some((r) => sameReference(r, number.source as SeedReference))) {
    problems.push(`item ${item.key} takes its limits from "${number.source.title}", which the procedure does not list in its references.`);
  }
  return problems;
}

/** The release checks of one procedure, each message without the procedure's name. */
function procedureProblems(procedure: SeedProcedure, serverNames: readonly string[]): string[] {
  const problems = procedure.items.flatMap((item) => itemProblems(procedure, item));
  const practitionerSourced = procedure.items.filter((i) => i.kind === "NUMBER" && i.source === "practitioner").map((i) => i.key);
  if (practitionerSourced.length > 0 && !(procedure.practitionerGuidance ?? []).some((g) => g.trim())) {
    problems.push(`items ${practitionerSourced.join(", ")} rest on practitioner guidance, but the procedure has no practitionerGuidance saying so.`);
  }
  procedure.references.forEach((reference, i) => {
    if (!/^https?:\/\/\S+$/i.test(reference.url?.trim() ?? "")) problems.push(`reference ${i + 1} ("${reference.title}") has no http(s) link.`);
  });
  const names = serverNames.map((name) => ({ name, pattern: new RegExp(`(?<![\\w-])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`, "i") }));
  procedure.tools.forEach((use, i) => {
    const command = use.command ?? "";
    if (!command.trim()) return;
    const where = `command ${i + 1} (${use.tool})`;
    for (const { name, pattern } of names) {
      if (pattern.test(command)) problems.push(`${where} names the demo server ${name}; use a placeholder ({{server}}, {{var:…}} or {{org:…}}).`);
    }
    for (const problem of commandSyntaxProblems(command)) problems.push(`${where}: ${problem}`);
    for (const path of quotedCounterPaths(command)) {
      const problem = counterPathProblem(path);
      if (problem) problems.push(`${where}, counter ${problem}`);
    }
  });
  return problems;
}

/**
 * What is wrong with the library itself, one sentence each naming the procedure, variable or
 * server: placeholders that name no field or variable of the library, variables with bad names or
 * values, demo values for variables that do not exist; with `release` (the default), also the
 * release checks of the content (see the top of this file). Checked before anything is written.
 */
export function libraryProblems(library: CheckedLibrary, options: { release?: boolean } = {}): string[] {
  const variables = library.variables ?? [];
  const problems: string[] = [];
  const byName = new Map(variables.map((v) => [v.name, v]));
  for (const v of variables) {
    if (!isVariableName(v.name)) problems.push(`Variable "${v.name}": a name is a letter, then letters and digits.`);
    if (v.demoValue !== undefined) {
      const problem = v.scope === "ORGANISATION" ? variableValueProblem(v.kind, v.demoValue) : "only organisation variables have a value of their own";
      if (problem) problems.push(`Variable "${v.name}", demo value "${v.demoValue}": ${problem}`);
    }
  }
  const known = { serverVars: variables.filter((v) => v.scope === "SERVER").map((v) => v.name), orgVars: variables.filter((v) => v.scope === "ORGANISATION").map((v) => v.name) };
  const serverNames = [...new Set(library.servers.flatMap((s) => [s.name, s.fqdn]).filter(Boolean))];
  for (const seed of library.procedures) {
    let content: ReturnType<typeof seedContentOf> | null = null;
    try {
      content = seedContentOf(seed);
    } catch (error) {
      // Content the schema refuses is a problem of the library like the others, not a crash.
      if (!(error instanceof ZodError)) throw error;
      for (const issue of error.issues) problems.push(`${seed.code} ${seed.title}, ${issue.path.join(".")}: ${issue.message}`);
    }
    if (content) for (const p of contentPlaceholderProblems(content, known)) problems.push(`${seed.code} ${seed.title}, ${p.path.join(".")}: ${p.message}`);
    if (options.release ?? true) {
      for (const p of procedureProblems(seed, serverNames)) problems.push(`${seed.code} ${seed.title}: ${p}`);
    }
  }
  for (const server of library.servers) {
    for (const group of server.storageGroups ?? []) {
      const problem = nameProblem(group, "A storage group name");
      if (problem) problems.push(`Demo server ${server.name}, storage group "${group}": ${problem}`);
    }
    for (const [name, value] of Object.entries(server.variables ?? {})) {
      const variable = byName.get(name);
      const problem = !variable || variable.scope !== "SERVER" ? "no per-server variable has this name" : variableValueProblem(variable.kind, value);
      if (problem) problems.push(`Demo server ${server.name}, variable ${name} = "${value}": ${problem}`);
    }
  }
  return problems;
}
