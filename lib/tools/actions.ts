"use server";
// The tools catalogue. Administrators add a tool or edit its name, kind and description (a tool
// added this way is outside the controlled standard set). The standard set changes only through a
// Normal change record a manager raises here; operators keep each server's deployment record.
// Tools are never deleted: published procedure versions refer to them.
import { defineAction } from "@/lib/actions/define";
import { Conflict, Invalid, NotFound } from "@/lib/actions/errors";
import { changeRef } from "@/lib/changes/naming";
import { plannedWindow } from "@/lib/changes/planned-window";
import { checkProposal, readCatalogue, refuseRetireIfNeeded, type ToolProposal } from "./catalogue";
import { CreateToolSchema, RaiseToolChangeSchema, RecordDeploymentSchema, UpdateToolSchema } from "./schemas";
import { describeToolChange, sameVersion, versionProblem } from "./standard-set";

const pages = ["/admin/tools", "/tools"];

export const createToolAction = defineAction({
  name: "tool.create",
  permission: "tool:manage",
  schema: CreateToolSchema,
  revalidate: pages,
  async handler(input, { tx }) {
    const clash = await tx.tool.findFirst({ where: { OR: [{ slug: input.slug }, { name: input.name }] }, select: { slug: true, name: true } });
    if (clash?.slug === input.slug) throw new Conflict(`A tool with the slug "${input.slug}" exists already.`, { slug: ["This slug is already used by another tool."] });
    if (clash) throw new Conflict(`A tool named "${input.name}" exists already.`, { name: ["This name is already used by another tool."] });
    const tool = await tx.tool.create({ data: input });
    return {
      audit: { action: "tool.create", entityType: "Tool", entityId: tool.id, after: input },
      message: `${input.name} added to the catalogue. Procedures can now name it.`,
    };
  },
});

export const updateToolAction = defineAction({
  name: "tool.update",
  permission: "tool:manage",
  schema: UpdateToolSchema,
  revalidate: pages,
  async handler({ toolId, ...input }, { tx }) {
    const before = await tx.tool.findUnique({ where: { id: toolId }, select: { slug: true, name: true, kind: true, description: true } });
    if (!before) throw new NotFound("That tool does not exist.");
    const clash = await tx.tool.findFirst({ where: { name: input.name, id: { not: toolId } }, select: { id: true } });
    if (clash) throw new Conflict(`A tool named "${input.name}" exists already.`, { name: ["This name is already used by another tool."] });
    await tx.tool.update({ where: { id: toolId }, data: input });
    return {
      audit: { action: "tool.update", entityType: "Tool", entityId: toolId, before, after: { slug: before.slug, ...input } },
      message: `${input.name} saved.`,
    };
  },
});

// ---------------------------------------------------------------------------------------------
// The controlled standard tool set (decision 038)

/**
 * A manager raises a change to the standard tool set: a Normal change record (never Standard or
 * Emergency), saved as a draft that its requester submits and another manager approves. The
 * catalogue changes only when the change is implemented (lib/tools/catalogue.ts applyToolChange).
 */
export const raiseToolChangeAction = defineAction({
  name: "tool.change_raise",
  permission: "tool:change",
  schema: RaiseToolChangeSchema,
  revalidate: ["/changes", "/changes/calendar", "/tools"],
  async handler(input, { tx, user }) {
    const { plannedStart, plannedEnd } = await plannedWindow(tx, input);

    let toolName: string;
    let toolId: string | null = null;
    let proposal: ToolProposal | null = null;
    let roles: string[] = [];
    if (input.changeKind === "ADD") {
      proposal = {
        slug: input.slug,
        name: input.name,
        kind: input.toolKind,
        description: input.toolDescription,
        placement: input.placement,
        requiredRoles: input.placement === "ROLES" ? input.requiredRoles : [],
        versioning: input.versioning,
        source: input.source,
        owner: input.owner,
      };
      await checkProposal(tx, proposal);
      toolName = proposal.name;
      roles = proposal.requiredRoles;
    } else {
      const [tool] = await readCatalogue(tx, { id: input.toolId });
      if (!tool) throw new NotFound("That tool does not exist.");
      if (tool.retired) throw new Invalid(`${tool.name} is retired already.`, { toolId: [`${tool.name} is retired already.`] });
      if (input.changeKind === "RETIRE") await refuseRetireIfNeeded(tx, tool);
      if (input.changeKind === "APPROVE_VERSION") {
        if (tool.versioning === "EXCHANGE") {
          const message = `${tool.name} ships with Exchange: it takes the server's build, service pack and update rollup, and has no approved versions of its own.`;
          throw new Invalid(message, { version: [message] });
        }
        if (tool.approvedVersions.some((v) => sameVersion(v, input.version))) {
          throw new Conflict(`Version ${input.version} of ${tool.name} is already approved.`, { version: ["This version is already approved."] });
        }
      }
      toolName = tool.name;
      toolId = tool.id;
      roles = tool.requiredRoles;
    }

    // The servers whose tool set the change touches: those holding the roles, or every server in
    // service for a lab-only tool (each must be checked for it).
    const servers = await tx.server.findMany({
      where: { active: true, ...(roles.length > 0 ? { roles: { some: { role: { in: roles } } } } : {}) },
      orderBy: { name: "asc" },
      select: { id: true, name: true },
    });
    if (servers.length === 0) throw new Invalid("No server in service is affected, so there is nothing to verify; add the servers to the inventory first.");

    const summary = describeToolChange(input.changeKind, toolName, input.version);
    const data = {
      title: summary.slice(0, 150),
      type: "NORMAL",
      description: `${summary}.\n\nCatalogue change of the standard tool set: when this change is implemented, the catalogue changes and "Verify the standard tool set" gets a new version.`,
      reason: input.reason,
      risk: input.risk,
      backoutPlan: input.backoutPlan,
      plannedStart,
      plannedEnd,
    };
    const change = await tx.change.create({
      data: {
        ...data,
        status: "DRAFT",
        requesterId: user.id,
        servers: { create: servers.map((s) => ({ serverId: s.id })) },
        toolChange: { create: { kind: input.changeKind, toolId, version: input.version, proposal: proposal ? JSON.stringify(proposal) : "{}" } },
      },
      select: { id: true },
    });
    return {
      audit: {
        action: "tool.change_raise",
        entityType: "Change",
        entityId: String(change.id),
        after: { ...data, status: "DRAFT", servers: servers.map((s) => s.name), toolChange: { kind: input.changeKind, toolId, tool: toolName, version: input.version, proposal } },
      },
      message: `${changeRef(change.id)} saved as a draft Normal change. Submit it; another manager approves it, and the catalogue changes when it is implemented.`,
      data: { id: change.id },
    };
  },
});

/**
 * Records by hand what is installed on a server. Only what the catalogue allows can be set this
 * way; whatever a verification run finds is recorded through the run, approved or not.
 */
export const recordDeploymentAction = defineAction({
  name: "tool.record_deployment",
  permission: "tool:deploy",
  schema: RecordDeploymentSchema,
  revalidate: ["/tools"],
  async handler(input, { tx, user, now }) {
    const server = await tx.server.findUnique({ where: { id: input.serverId }, select: { id: true, name: true, active: true, exchangeBuild: true } });
    if (!server) throw new NotFound("That server does not exist.");
    if (!server.active) throw new Invalid(`${server.name} is retired; it has no deployment record to keep.`, { serverId: [`${server.name} is retired.`] });
    const [tool] = await readCatalogue(tx, { id: input.toolId });
    if (!tool) throw new NotFound("That tool does not exist.");
    if (tool.retired) throw new Invalid(`${tool.name} is retired; it is no longer part of the standard tool set.`, { toolId: [`${tool.name} is retired.`] });
    if (tool.placement === "NONE") throw new Invalid(`${tool.name} is not part of the standard tool set; its deployment is not recorded.`, { toolId: ["Choose a tool of the standard set."] });

    let installedVersion = "";
    if (input.present) {
      if (tool.placement === "LAB_ONLY") {
        const message = `${tool.name} is lab-only and must not be on a production server; it cannot be recorded as installed by hand. A verification run records it if it is found.`;
        throw new Invalid(message, { present: [message] });
      }
      if (tool.versioning === "EXCHANGE") {
        if (input.version && !server.exchangeBuild) {
          const message = `${tool.name} ships with Exchange and takes the server's build, which no verification run of ${server.name} has recorded yet; leave the version empty.`;
          throw new Invalid(message, { version: [message] });
        }
        const problem = input.version ? versionProblem(tool, input.version, server.exchangeBuild) : null;
        if (problem) throw new Invalid(problem, { version: [problem] });
        installedVersion = server.exchangeBuild;
      } else {
        if (!input.version) throw new Invalid(`Enter the version of ${tool.name} installed on ${server.name}.`, { version: ["Enter the version installed."] });
        const problem = versionProblem(tool, input.version, server.exchangeBuild);
        if (problem) {
          const message = `${problem} An unapproved version cannot be set by hand; raise a change to approve it, or record what the verification run finds.`;
          throw new Invalid(message, { version: [message] });
        }
        installedVersion = tool.approvedVersions.find((v) => sameVersion(v, input.version))!;
      }
    }
    const key = { serverId_toolId: { serverId: server.id, toolId: tool.id } };
    const before = await tx.toolDeployment.findUnique({ where: key, select: { present: true, installedVersion: true, verifiedAt: true } });
    const data = { present: input.present, installedVersion, verifiedAt: now, verifiedById: user.id, runId: null };
    await tx.toolDeployment.upsert({ where: key, create: { serverId: server.id, toolId: tool.id, ...data }, update: data });
    return {
      audit: {
        action: "tool.record_deployment",
        entityType: "Server",
        entityId: server.id,
        before: before ? { toolId: tool.id, ...before } : undefined,
        after: { toolId: tool.id, tool: tool.name, present: input.present, installedVersion, verifiedAt: now },
      },
      message: input.present ? `Recorded: ${server.name} has ${tool.name}${installedVersion ? ` ${installedVersion}` : ""}.` : `Recorded: ${server.name} lacks ${tool.name}.`,
    };
  },
});
