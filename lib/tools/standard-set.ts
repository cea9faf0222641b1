// The controlled standard tool set as pure rules: where each tool must be, which versions are
// approved, what a verification run's answer means for the deployment record, the checklist of the
// monthly verification procedure, and the deviations the catalogue page lists. No I/O: the
// database code (catalogue.ts, deployments.ts, queries.ts) and the pages ask these functions, and
// each refusal is the sentence a user sees.
import { EXCHANGE_ROLES, EXCHANGE_ROLE_LABELS, type ExchangeRole } from "../procedures/vocabulary";
import type { ChecklistItemContent } from "../procedures/schemas";

/** The library code of the seeded monthly procedure "Verify the standard tool set". */
export const TOOL_SET_PROCEDURE_CODE = "M7";
/** Checklist keys of that procedure: the server's Exchange build, then one item per tool. */
export const EXCHANGE_BUILD_ITEM_KEY = "exchange-build";
export const TOOL_ITEM_PREFIX = "tool-";
/** Item keys have at most 60 characters, so a tool in the set has a slug of at most 55. */
export const MAX_CONTROLLED_SLUG = 60 - TOOL_ITEM_PREFIX.length;
export const MAX_VERSION_LENGTH = 60;

export const PLACEMENTS = ["NONE", "ROLES", "LAB_ONLY"] as const;
export type Placement = (typeof PLACEMENTS)[number];
export const PLACEMENT_LABELS: Record<Placement, string> = {
  NONE: "Not part of the standard set",
  ROLES: "Required on servers by role",
  LAB_ONLY: "Lab only: never on a production server",
};

export const VERSIONINGS = ["EXCHANGE", "OWN"] as const;
export type Versioning = (typeof VERSIONINGS)[number];
export const VERSIONING_LABELS: Record<Versioning, string> = {
  EXCHANGE: "Ships with Exchange: takes the server's build, service pack and update rollup",
  OWN: "Installed separately: approved versions of its own",
};

export const TOOL_CHANGE_KINDS = ["ADD", "RETIRE", "APPROVE_VERSION"] as const;
export type ToolChangeKind = (typeof TOOL_CHANGE_KINDS)[number];
export const TOOL_CHANGE_KIND_LABELS: Record<ToolChangeKind, string> = {
  ADD: "Add a tool to the standard set",
  RETIRE: "Retire a tool",
  APPROVE_VERSION: "Approve a new version",
};

/** The choices of the verification items that ask whether a tool is there. */
export const PRESENT = "Present";
export const MISSING = "Missing";
export const NOT_INSTALLED = "Not installed";
export const INSTALLED = "Installed";
/** What an operator may write for a separately installed tool that is not there. */
const ABSENT_WORDS = new Set(["not installed", "none", "missing", "absent", "-", "n/a"]);

export interface CatalogueTool {
  id: string;
  slug: string;
  name: string;
  placement: Placement;
  requiredRoles: ExchangeRole[];
  versioning: Versioning;
  approvedVersions: string[];
  retired: boolean;
}

export interface InventoryServer {
  id: string;
  name: string;
  roles: string[];
  exchangeBuild: string;
}

export interface DeploymentFact {
  serverId: string;
  toolId: string;
  present: boolean;
  installedVersion: string;
  verifiedAt: Date;
}

/** Whether the tool belongs to the controlled set (and so to the verification procedure). */
export function isControlled(tool: Pick<CatalogueTool, "placement" | "retired">): boolean {
  return !tool.retired && tool.placement !== "NONE";
}

/** Whether `tool` must be present on a server holding `serverRoles`. */
export function requiredOn(tool: Pick<CatalogueTool, "placement" | "requiredRoles" | "retired">, serverRoles: readonly string[]): boolean {
  return !tool.retired && tool.placement === "ROLES" && tool.requiredRoles.some((role) => serverRoles.includes(role));
}

/** Roles in the vocabulary's order, each once. */
export function orderedRoles(roles: readonly string[]): ExchangeRole[] {
  return EXCHANGE_ROLES.filter((role) => roles.includes(role));
}

export function rolesText(roles: readonly string[]): string {
  return orderedRoles(roles).map((r) => EXCHANGE_ROLE_LABELS[r]).join(", ");
}

/** Versions compare without case and surrounding blanks ("08.01.0240" and " 08.01.0240 " are one). */
export function sameVersion(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** What an operator wrote for a separately installed tool: a version, or that it is not there. */
export function readFoundVersion(text: string): { present: boolean; version: string } {
  const value = text.trim();
  if (value === "" || ABSENT_WORDS.has(value.toLowerCase())) return { present: false, version: "" };
  return { present: true, version: value };
}

/**
 * The problem with the version a server runs, or null when it is approved: a separately installed
 * tool must run one of its approved versions; a tool that ships with Exchange takes the server's
 * build (unknown until a verification run has recorded it).
 */
export function versionProblem(tool: Pick<CatalogueTool, "name" | "versioning" | "approvedVersions">, version: string, serverBuild: string): string | null {
  if (tool.versioning === "EXCHANGE") {
    if (serverBuild.trim() === "" || version.trim() === "" || sameVersion(version, serverBuild)) return null;
    return `${tool.name} ships with Exchange, so it takes the server's build (${serverBuild}); ${version} was found.`;
  }
  if (tool.approvedVersions.some((v) => sameVersion(v, version))) return null;
  return tool.approvedVersions.length === 0
    ? `Version ${version} of ${tool.name} is not approved: no version of it is approved yet.`
    : `Version ${version} of ${tool.name} is not approved (approved: ${tool.approvedVersions.join(", ")}).`;
}

export type DeviationKind = "MISSING" | "UNAPPROVED_VERSION" | "LAB_ONLY_PRESENT";
export interface Deviation {
  serverId: string;
  serverName: string;
  toolId: string;
  toolSlug: string;
  toolName: string;
  kind: DeviationKind;
  message: string;
  verifiedAt: Date;
}

/**
 * Deviations by the deployment record: a required tool recorded as missing, a version that is not
 * approved, a lab-only tool found on a production server (every server in the inventory is one).
 * A tool with no record yet on a server is "not verified", counted apart, never a deviation: the
 * record cannot say what it has not seen.
 */
export function deviationsOf(servers: readonly InventoryServer[], tools: readonly CatalogueTool[], facts: readonly DeploymentFact[]) {
  const byKey = new Map(facts.map((f) => [`${f.serverId}\u0000${f.toolId}`, f]));
  const deviations: Deviation[] = [];
  const notVerified: { serverId: string; serverName: string; toolNames: string[] }[] = [];
  for (const server of [...servers].sort((a, b) => a.name.localeCompare(b.name))) {
    const unseen: string[] = [];
    for (const tool of [...tools].sort((a, b) => a.name.localeCompare(b.name))) {
      if (!isControlled(tool)) continue;
      const fact = byKey.get(`${server.id}\u0000${tool.id}`);
      const base = { serverId: server.id, serverName: server.name, toolId: tool.id, toolSlug: tool.slug, toolName: tool.name };
      if (tool.placement === "LAB_ONLY") {
        if (fact?.present) {
          deviations.push({ ...base, kind: "LAB_ONLY_PRESENT", verifiedAt: fact.verifiedAt, message: `${tool.name} is lab-only but was found on ${server.name}, a production server.` });
        }
        continue;
      }
      if (!requiredOn(tool, server.roles)) continue;
      if (!fact) {
        unseen.push(tool.name);
        continue;
      }
      if (!fact.present) {
        deviations.push({ ...base, kind: "MISSING", verifiedAt: fact.verifiedAt, message: `${server.name} lacks ${tool.name}, which its roles require (${rolesText(tool.requiredRoles)}).` });
        continue;
      }
      const problem = versionProblem(tool, fact.installedVersion, server.exchangeBuild);
      if (problem) deviations.push({ ...base, kind: "UNAPPROVED_VERSION", verifiedAt: fact.verifiedAt, message: `${server.name}: ${problem}` });
    }
    if (unseen.length > 0) notVerified.push({ serverId: server.id, serverName: server.name, toolNames: unseen });
  }
  return { deviations, notVerified };
}

/**
 * The checklist of "Verify the standard tool set": the server's Exchange build first, then one
 * item per tool of the set, limited to the roles that require it. A tool that ships with Exchange
 * is present or missing (its version is the build); a separately installed tool takes the version
 * found; a lab-only tool is asked about on every server, and passes only when it is absent.
 */
export function toolSetItems(tools: readonly CatalogueTool[]): ChecklistItemContent[] {
  const items: ChecklistItemContent[] = [
    {
      key: EXCHANGE_BUILD_ITEM_KEY,
      kind: "TEXT",
      text: "Exchange build, service pack and update rollup of this server",
      help: "Read the file version of ExSetup.exe in the Exchange bin folder, or the installed-updates list; AdminDisplayVersion shows the service pack only. The tools that ship with Exchange take this version.",
      required: true,
      choices: [],
      passChoices: [],
      roles: [],
    },
  ];
  const controlled = tools.filter(isControlled).sort((a, b) => a.name.localeCompare(b.name));
  for (const tool of controlled) {
    const key = `${TOOL_ITEM_PREFIX}${tool.slug}`;
    if (tool.placement === "LAB_ONLY") {
      items.push({ key, kind: "CHOICE", text: `${tool.name} is not installed (lab only)`, help: "Lab-only tools must not be on a production server; if it is there, record it and raise an incident.", required: true, choices: [NOT_INSTALLED, INSTALLED], passChoices: [NOT_INSTALLED], roles: [] });
    } else if (tool.versioning === "EXCHANGE") {
      items.push({ key, kind: "CHOICE", text: `${tool.name} is present`, help: "Ships with Exchange: its version is the server's build recorded above.", required: true, choices: [PRESENT, MISSING], passChoices: [PRESENT], roles: orderedRoles(tool.requiredRoles) });
    } else {
      const approved = tool.approvedVersions.length > 0 ? `Approved: ${tool.approvedVersions.join(", ")}.` : "No version is approved yet.";
      items.push({ key, kind: "TEXT", text: `${tool.name}: version installed`, help: `Write the version the tool reports, or "not installed". ${approved} Any other version is recorded as found and shown as a deviation.`, required: true, choices: [], passChoices: [], roles: orderedRoles(tool.requiredRoles) });
    }
  }
  return items;
}

/** The slug of the tool a verification item is about, or null for other items. */
export function toolSlugOfItem(key: string): string | null {
  return key.startsWith(TOOL_ITEM_PREFIX) && key.length > TOOL_ITEM_PREFIX.length ? key.slice(TOOL_ITEM_PREFIX.length) : null;
}

/**
 * What a recorded answer says about the tool on the server, or null when it says nothing (not
 * applicable). `value` is the choice or text recorded.
 */
export function foundFromAnswer(tool: Pick<CatalogueTool, "placement" | "versioning">, answer: { outcome: string; value: string | null }, serverBuild: string): { present: boolean; installedVersion: string } | null {
  if (answer.outcome === "NOT_APPLICABLE") return null;
  const value = (answer.value ?? "").trim();
  if (tool.placement === "LAB_ONLY") return { present: value === INSTALLED, installedVersion: "" };
  if (tool.versioning === "EXCHANGE") {
    const present = value === PRESENT;
    return { present, installedVersion: present ? serverBuild.trim() : "" };
  }
  const found = readFoundVersion(value);
  return { present: found.present, installedVersion: found.version };
}

/** The sentence that refuses to retire a tool that published procedures still name. */
export function retireRefusal(toolName: string, procedureTitles: readonly string[]): string | null {
  if (procedureTitles.length === 0) return null;
  const titles = [...procedureTitles].sort((a, b) => a.localeCompare(b));
  const list = titles.map((t) => `"${t}"`).join(", ");
  return `${toolName} cannot be retired: ${titles.length === 1 ? "the published procedure" : "the published procedures"} ${list} still ${titles.length === 1 ? "needs" : "need"} it. Publish ${titles.length === 1 ? "a version" : "versions"} without it first.`;
}

/** The sentence that refuses a role nobody holds, or null when every role has a server. */
export function unheldRolesProblem(roles: readonly string[], heldRoles: ReadonlySet<string>): string | null {
  const unheld = orderedRoles(roles).filter((r) => !heldRoles.has(r));
  if (unheld.length === 0) return null;
  return `No server in service holds the ${rolesText(unheld)} role${unheld.length === 1 ? "" : "s"}; a tool cannot be required for ${unheld.length === 1 ? "a role" : "roles"} no server holds.`;
}

/** One line that says what a catalogue change does, for titles and the change page. */
export function describeToolChange(kind: ToolChangeKind, toolName: string, version: string): string {
  switch (kind) {
    case "ADD":
      return `Add ${toolName} to the standard tool set${version ? ` (approved version ${version})` : ""}`;
    case "RETIRE":
      return `Retire ${toolName} from the standard tool set`;
    case "APPROVE_VERSION":
      return `Approve version ${version} of ${toolName}`;
  }
}

/** Only Normal changes carry catalogue changes: they need another manager's approval first. */
export function toolChangeTypeProblem(type: string): string | null {
  if (type === "NORMAL") return null;
  return type === "STANDARD"
    ? "A tool change is a Normal change: Standard changes are pre-approved, and the standard tool set changes only with another manager's approval."
    : "A tool change is a Normal change: an Emergency change is approved after the fact, and the standard tool set changes only with another manager's approval first.";
}
