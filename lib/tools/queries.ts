import "server-only";
import { db } from "@/lib/db";
import { CATALOGUE_SELECT, toCatalogueTool } from "./catalogue";
import { deviationsOf, isControlled } from "./standard-set";

/** Every tool with the published procedures that use it, for the catalogue page. */
export async function listToolCatalogue() {
  const tools = await db.tool.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      description: true,
      uses: { where: { version: { currentOf: { is: { archivedAt: null } } } }, select: { version: { select: { title: true, procedure: { select: { slug: true } } } } } },
    },
  });
  return tools.map(({ uses, ...tool }) => {
    const procedures = new Map(uses.map((u) => [u.version.procedure.slug, u.version.title]));
    return { ...tool, procedures: [...procedures].map(([slug, title]) => ({ slug, title })).sort((a, b) => a.title.localeCompare(b.title)) };
  });
}

/**
 * The standard tool set for /tools: each tool's place in the set, its approved versions, source and
 * owner; the deviations by the deployment record; what has never been verified; open catalogue
 * changes; and the servers and tools the deployment form offers.
 */
export async function getToolSet() {
  const [rows, servers, deployments, openChanges] = await Promise.all([
    db.tool.findMany({
      orderBy: { name: "asc" },
      // What the catalogue's rules read (lib/tools/catalogue.ts), and what the page shows besides.
      select: { ...CATALOGUE_SELECT, source: true, owner: true, versions: { orderBy: { approvedAt: "asc" }, select: { version: true, approvedAt: true, changeId: true } } },
    }),
    db.server.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, exchangeBuild: true, roles: { select: { role: true } } } }),
    db.toolDeployment.findMany({ where: { server: { active: true } }, select: { serverId: true, toolId: true, present: true, installedVersion: true, verifiedAt: true, runId: true, verifiedBy: { select: { name: true } } } }),
    db.toolChange.findMany({
      where: { appliedAt: null, change: { status: { notIn: ["REJECTED", "CLOSED"] } } },
      orderBy: { changeId: "asc" },
      select: { changeId: true, change: { select: { title: true, status: true } } },
    }),
  ]);
  const tools = rows.map((row) => ({ ...toCatalogueTool(row), source: row.source, owner: row.owner, retiredAt: row.retiredAt, versions: row.versions }));
  const inventory = servers.map((s) => ({ id: s.id, name: s.name, exchangeBuild: s.exchangeBuild, roles: s.roles.map((r) => r.role) }));
  const { deviations, notVerified } = deviationsOf(inventory, tools, deployments);
  return {
    tools,
    standard: tools.filter(isControlled),
    deviations,
    notVerified,
    servers: inventory,
    deployments: deployments.map((d) => ({ ...d, verifiedBy: d.verifiedBy.name })),
    openChanges: openChanges.map((c) => ({ id: c.changeId, title: c.change.title, status: c.change.status })),
  };
}

/**
 * Tools a run's procedure version names that its server lacks by the deployment record (recorded
 * as missing), and those of the standard set it needs whose presence was never verified there.
 */
export async function toolsLackingForRun(runId: string) {
  const run = await db.run.findUnique({
    where: { id: runId },
    select: {
      serverId: true,
      version: { select: { tools: { select: { tool: { select: { id: true, name: true, slug: true, placement: true, retiredAt: true } } } } } },
    },
  });
  if (!run?.serverId) return { lacking: [], unverified: [] };
  const tools = new Map<string, { id: string; name: string; slug: string }>();
  for (const { tool } of run.version.tools) if (tool.placement === "ROLES" && tool.retiredAt === null) tools.set(tool.id, tool);
  if (tools.size === 0) return { lacking: [], unverified: [] };
  const records = await db.toolDeployment.findMany({ where: { serverId: run.serverId, toolId: { in: [...tools.keys()] } }, select: { toolId: true, present: true, verifiedAt: true } });
  const byTool = new Map(records.map((r) => [r.toolId, r]));
  const lacking: { name: string; slug: string; verifiedAt: Date }[] = [];
  const unverified: { name: string; slug: string }[] = [];
  for (const tool of [...tools.values()].sort((a, b) => a.name.localeCompare(b.name))) {
    const record = byTool.get(tool.id);
    if (!record) unverified.push({ name: tool.name, slug: tool.slug });
    else if (!record.present) lacking.push({ name: tool.name, slug: tool.slug, verifiedAt: record.verifiedAt });
  }
  return { lacking, unverified };
}
