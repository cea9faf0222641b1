// The deployment record as runs of "Verify the standard tool set" write it: whatever a run finds is
// recorded, approved or not, as evidence; an unapproved version makes the answer a failure, so the
// run shows the exception and the catalogue page lists the deviation.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toCatalogueTool } from "./catalogue";
import { EXCHANGE_BUILD_ITEM_KEY, TOOL_SET_PROCEDURE_CODE, foundFromAnswer, toolSlugOfItem, versionProblem, type CatalogueTool } from "./standard-set";

type Tx = Prisma.TransactionClient;

export interface ToolSetAnswer {
  runId: string;
  itemKey: string;
  outcome: string;
  value: string | null;
}

interface ToolSetContext {
  server: { id: string; exchangeBuild: string };
  tool: CatalogueTool | null;
}

/** The server and tool an answer is about, or null when the run is not a tool-set verification of a server. */
async function contextOf(tx: Tx, answer: Pick<ToolSetAnswer, "runId" | "itemKey">): Promise<ToolSetContext | null> {
  const slug = toolSlugOfItem(answer.itemKey);
  if (!slug && answer.itemKey !== EXCHANGE_BUILD_ITEM_KEY) return null;
  const run = await tx.run.findUnique({ where: { id: answer.runId }, select: { procedure: { select: { seedCode: true } }, server: { select: { id: true, exchangeBuild: true } } } });
  if (run?.procedure.seedCode !== TOOL_SET_PROCEDURE_CODE || !run.server) return null;
  if (!slug) return { server: run.server, tool: null };
  const row = await tx.tool.findUnique({
    where: { slug },
    select: { id: true, slug: true, name: true, placement: true, requiredRoles: true, versioning: true, retiredAt: true, versions: { orderBy: { approvedAt: "asc" }, select: { version: true } } },
  });
  return row ? { server: run.server, tool: toCatalogueTool(row) } : null;
}

/**
 * The failure an answer amounts to beyond what the item itself judges: a separately installed tool
 * found at a version that is not approved. Null when the answer stands as evaluated.
 */
export async function toolSetFailure(tx: Tx, answer: ToolSetAnswer): Promise<string | null> {
  if (answer.outcome !== "PASS") return null;
  const context = await contextOf(tx, answer);
  if (!context?.tool || context.tool.placement !== "ROLES" || context.tool.versioning !== "OWN") return null;
  const found = foundFromAnswer(context.tool, answer, context.server.exchangeBuild);
  if (!found?.present) return null;
  return versionProblem(context.tool, found.installedVersion, context.server.exchangeBuild);
}

/**
 * Writes what a recorded answer found into the deployment record (or the server's Exchange build);
 * returns what was written for the action's audit event, or null when the answer is about nothing
 * the record keeps.
 */
export async function recordToolSetAnswer(tx: Tx, answer: ToolSetAnswer, actor: { userId: string; now: Date }): Promise<Record<string, unknown> | null> {
  const context = await contextOf(tx, answer);
  if (!context || answer.outcome === "NOT_APPLICABLE") return null;
  const { server, tool } = context;
  if (!tool) {
    const build = (answer.value ?? "").trim();
    if (!build) return null;
    await tx.server.update({ where: { id: server.id }, data: { exchangeBuild: build } });
    // The tools that ship with Exchange take the build: those recorded present follow it.
    const exchangeTools = await tx.tool.findMany({ where: { versioning: "EXCHANGE" }, select: { id: true } });
    await tx.toolDeployment.updateMany({ where: { serverId: server.id, present: true, toolId: { in: exchangeTools.map((t) => t.id) } }, data: { installedVersion: build } });
    return { exchangeBuild: { before: server.exchangeBuild, after: build } };
  }
  const found = foundFromAnswer(tool, answer, server.exchangeBuild);
  if (!found) return null;
  const data = { present: found.present, installedVersion: found.installedVersion, verifiedAt: actor.now, verifiedById: actor.userId, runId: answer.runId };
  const before = await tx.toolDeployment.findUnique({ where: { serverId_toolId: { serverId: server.id, toolId: tool.id } }, select: { present: true, installedVersion: true } });
  await tx.toolDeployment.upsert({
    where: { serverId_toolId: { serverId: server.id, toolId: tool.id } },
    create: { serverId: server.id, toolId: tool.id, ...data },
    update: data,
  });
  return { deployment: { toolId: tool.id, tool: tool.name, before, after: { present: found.present, installedVersion: found.installedVersion } } };
}
