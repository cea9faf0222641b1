// The controlled tool set in the database: the catalogue as the pure rules read it, the published
// procedures that need a tool, and a catalogue change applied when its change record is
// implemented (the tool added, retired or given a version; then a new version of "Verify the
// standard tool set" published, with its untouched runs moved to it). Every function takes the
// action's transaction, so it commits or rolls back with the action's audit event.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { Conflict, Invalid } from "@/lib/actions/errors";
import { parseStringArray } from "@/lib/json";
import { versionContent } from "@/lib/procedures/content";
import { publishVersion, repinUnstartedRuns } from "@/lib/procedures/publish";
import type { ExchangeRole } from "@/lib/procedures/vocabulary";
import {
  TOOL_SET_PROCEDURE_CODE,
  describeToolChange,
  orderedRoles,
  retireRefusal,
  toolSetItems,
  unheldRolesProblem,
  type CatalogueTool,
  type Placement,
  type ToolChangeKind,
  type Versioning,
} from "./standard-set";

type Tx = Prisma.TransactionClient;

export const CATALOGUE_SELECT = {
  id: true,
  slug: true,
  name: true,
  placement: true,
  requiredRoles: true,
  versioning: true,
  retiredAt: true,
  versions: { orderBy: { approvedAt: "asc" }, select: { version: true } },
} satisfies Prisma.ToolSelect;

type CatalogueRow = Prisma.ToolGetPayload<{ select: typeof CATALOGUE_SELECT }>;

export function toCatalogueTool(row: CatalogueRow): CatalogueTool {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    placement: row.placement as Placement,
    requiredRoles: orderedRoles(parseStringArray(row.requiredRoles)) as ExchangeRole[],
    versioning: row.versioning as Versioning,
    approvedVersions: row.versions.map((v) => v.version),
    retired: row.retiredAt !== null,
  };
}

export async function readCatalogue(tx: Tx, where: Prisma.ToolWhereInput = {}): Promise<CatalogueTool[]> {
  const rows = await tx.tool.findMany({ where, orderBy: { name: "asc" }, select: CATALOGUE_SELECT });
  return rows.map(toCatalogueTool);
}

/** Titles of the published procedures (current versions, not archived) that name the tool. */
export async function proceduresNeeding(tx: Tx, toolId: string): Promise<string[]> {
  const uses = await tx.procedureTool.findMany({
    where: { toolId, version: { currentOf: { is: { archivedAt: null } } } },
    select: { version: { select: { title: true } } },
  });
  return [...new Set(uses.map((u) => u.version.title))];
}

/** Exchange roles held by at least one server in service. */
export async function heldRoles(tx: Tx): Promise<Set<string>> {
  const rows = await tx.serverRole.findMany({ where: { server: { active: true } }, distinct: ["role"], select: { role: true } });
  return new Set(rows.map((r) => r.role));
}

export async function refuseRetireIfNeeded(tx: Tx, tool: { id: string; name: string }): Promise<void> {
  const refusal = retireRefusal(tool.name, await proceduresNeeding(tx, tool.id));
  if (refusal) throw new Conflict(refusal, { toolId: [refusal] });
}

/** What a proposed new tool must be, read back from the change (validated when it was raised). */
export interface ToolProposal {
  slug: string;
  name: string;
  kind: string;
  description: string;
  placement: Placement;
  requiredRoles: ExchangeRole[];
  versioning: Versioning;
  source: string;
  owner: string;
}

export function parseProposal(json: string): ToolProposal {
  const value = JSON.parse(json) as ToolProposal;
  return { ...value, requiredRoles: orderedRoles(value.requiredRoles ?? []) as ExchangeRole[] };
}

/** Refusals that depend on the catalogue as it is now; checked when raised and again when implemented. */
export async function checkProposal(tx: Tx, proposal: ToolProposal, ignoreChangeId?: number): Promise<void> {
  const clash = await tx.tool.findFirst({ where: { OR: [{ slug: proposal.slug }, { name: proposal.name }] }, select: { slug: true } });
  if (clash?.slug === proposal.slug) throw new Conflict(`A tool with the slug "${proposal.slug}" exists already.`, { slug: ["This slug is already used by another tool."] });
  if (clash) throw new Conflict(`A tool named "${proposal.name}" exists already.`, { name: ["This name is already used by another tool."] });
  const pending = await tx.toolChange.findMany({
    where: { kind: "ADD", appliedAt: null, change: { status: { notIn: ["REJECTED", "CLOSED"] } }, ...(ignoreChangeId ? { changeId: { not: ignoreChangeId } } : {}) },
    select: { changeId: true, proposal: true },
  });
  for (const other of pending) {
    const p = parseProposal(other.proposal);
    if (p.slug === proposal.slug || p.name === proposal.name) {
      throw new Conflict(`Change CHG-${other.changeId} already proposes adding ${p.name}.`, { slug: ["Another open change already proposes this tool."] });
    }
  }
  const problem = proposal.placement === "ROLES" ? unheldRolesProblem(proposal.requiredRoles, await heldRoles(tx)) : null;
  if (problem) throw new Invalid(problem, { requiredRoles: [problem] });
}

export interface AppliedToolChange {
  kind: ToolChangeKind;
  toolId: string;
  toolName: string;
  version: string;
  /** The new version of "Verify the standard tool set", when the library has that procedure. */
  procedureVersion: number | null;
  runsMovedToNewVersion: number;
}

/**
 * Applies the catalogue change a change record carries, when it has one not applied yet; null
 * otherwise. Refuses (rolling the whole implementation back) when the catalogue no longer allows it.
 */
export async function applyToolChange(tx: Tx, changeId: number, actor: { userId: string; now: Date }): Promise<AppliedToolChange | null> {
  const change = await tx.toolChange.findUnique({ where: { changeId }, select: { kind: true, toolId: true, version: true, proposal: true, appliedAt: true } });
  if (!change || change.appliedAt) return null;
  const kind = change.kind as ToolChangeKind;
  let tool: { id: string; name: string };

  if (kind === "ADD") {
    const proposal = parseProposal(change.proposal);
    await checkProposal(tx, proposal, changeId);
    tool = await tx.tool.create({
      data: {
        slug: proposal.slug,
        name: proposal.name,
        kind: proposal.kind,
        description: proposal.description,
        placement: proposal.placement,
        requiredRoles: JSON.stringify(proposal.requiredRoles),
        versioning: proposal.versioning,
        source: proposal.source,
        owner: proposal.owner,
      },
      select: { id: true, name: true },
    });
    if (change.version) await tx.toolVersion.create({ data: { toolId: tool.id, version: change.version, approvedAt: actor.now, changeId } });
  } else {
    const found = change.toolId ? await tx.tool.findUnique({ where: { id: change.toolId }, select: { id: true, name: true, retiredAt: true, versioning: true, versions: { select: { version: true } } } }) : null;
    if (!found) throw new Conflict("The tool this change is about is no longer in the catalogue.");
    if (found.retiredAt) throw new Conflict(`${found.name} has been retired since this change was raised.`);
    tool = found;
    if (kind === "RETIRE") {
      await refuseRetireIfNeeded(tx, found);
      await tx.tool.update({ where: { id: found.id }, data: { retiredAt: actor.now } });
    } else {
      if (found.versioning === "EXCHANGE") throw new Conflict(`${found.name} ships with Exchange; it takes the server's build and has no approved versions of its own.`);
      if (found.versions.some((v) => v.version.toLowerCase() === change.version.toLowerCase())) {
        throw new Conflict(`Version ${change.version} of ${found.name} is already approved.`);
      }
      await tx.toolVersion.create({ data: { toolId: found.id, version: change.version, approvedAt: actor.now, changeId } });
    }
  }
  await tx.toolChange.update({ where: { changeId }, data: { appliedAt: actor.now, toolId: tool.id } });
  const published = await republishToolSetProcedure(tx, {
    authorId: actor.userId,
    changeNote: `CHG-${changeId} implemented: ${describeToolChange(kind, tool.name, change.version)}. The checklist follows the standard tool set.`,
  });
  return { kind, toolId: tool.id, toolName: tool.name, version: change.version, procedureVersion: published?.number ?? null, runsMovedToNewVersion: published?.moved ?? 0 };
}

/**
 * Publishes a new version of "Verify the standard tool set" whose checklist is the catalogue as it
 * is now, and moves the runs nobody has started to it. Nothing when the procedure is missing or archived.
 */
export async function republishToolSetProcedure(tx: Tx, meta: { authorId: string; changeNote: string }): Promise<{ number: number; moved: number } | null> {
  const procedure = await tx.procedure.findUnique({ where: { seedCode: TOOL_SET_PROCEDURE_CODE }, select: { id: true, archivedAt: true, currentVersionId: true } });
  if (!procedure?.currentVersionId || procedure.archivedAt) return null;
  const content = await versionContent(tx, procedure.currentVersionId);
  if (!content) return null;
  const items = toolSetItems(await readCatalogue(tx));
  const version = await publishVersion(tx, procedure.id, { ...content, items }, { source: "EDITOR", changeNote: meta.changeNote, authorId: meta.authorId });
  const moved = await repinUnstartedRuns(tx, procedure.id, version.id);
  return { number: version.number, moved };
}
