"use server";
// Incidents and problems: opening an incident (from scratch or from a failed checklist item),
// moving it through the workflow (lib/incidents/workflow.ts), adding updates, editing its details,
// and linking recurring incidents as one problem. Each action writes exactly one audit event
// (lib/actions/define.ts); the incident's own timeline gets an entry for every change as well.
import { defineAction } from "@/lib/actions/define";
import { incidentRef, problemRef } from "./naming";
import { Conflict, Invalid, NotFound } from "@/lib/actions/errors";
import { can } from "@/lib/auth/policy";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordedValue } from "@/lib/format/values";
import { OUTCOME_LABELS, type Outcome } from "@/lib/runs/evaluate";
import { formatLocalDate } from "@/lib/time/format";
import {
  AddUpdateSchema,
  ChangeStatusSchema,
  CreateProblemSchema,
  LinkProblemSchema,
  OpenIncidentSchema,
  UnlinkProblemSchema,
  UpdateIncidentSchema,
  UpdateProblemSchema,
} from "./schemas";
import { decide, SEVERITY_LABELS, type IncidentAction, type IncidentStatus, type Severity, type StatusStep } from "./workflow";

type Tx = Prisma.TransactionClient;

const LIST_PATHS = ["/incidents", "/incidents/weekly"];
const incidentPaths = (incidentId: number) => [...LIST_PATHS, `/incidents/${incidentId}`];

async function loadIncident(tx: Tx, incidentId: number) {
  const incident = await tx.incident.findUnique({
    where: { id: incidentId },
    select: {
      id: true,
      title: true,
      description: true,
      severity: true,
      status: true,
      assigneeId: true,
      resolution: true,
      rootCause: true,
      problemId: true,
      resolvedAt: true,
      closedAt: true,
      sourceRunId: true,
      assignee: { select: { name: true } },
      servers: { select: { serverId: true, server: { select: { name: true } } }, orderBy: { server: { name: "asc" } } },
    },
  });
  if (!incident) throw new NotFound("That incident does not exist.");
  return { ...incident, status: incident.status as IncidentStatus };
}

type LoadedIncident = Awaited<ReturnType<typeof loadIncident>>;

/** Refuses the action when the workflow does not allow it in the incident's current status. */
function allow(incident: LoadedIncident, action: IncidentAction, resolution = incident.resolution): IncidentStatus {
  const decision = decide(incident.status, action, { resolution });
  if (decision.ok) return decision.to;
  if (decision.field) throw new Invalid(decision.message, { [decision.field]: [decision.message] });
  throw new Conflict(decision.message);
}

/** The servers by id, refusing unknown ones and (unless already affected) servers out of service. */
async function checkServers(tx: Tx, serverIds: string[], alreadyAffected: string[] = []) {
  if (serverIds.length === 0) return [];
  const servers = await tx.server.findMany({ where: { id: { in: serverIds } }, select: { id: true, name: true, active: true } });
  if (servers.length !== serverIds.length) {
    const message = "Unknown server: choose the affected servers from the inventory.";
    throw new Invalid(message, { serverIds: [message] });
  }
  const retired = servers.filter((s) => !s.active && !alreadyAffected.includes(s.id));
  if (retired.length > 0) {
    const message = `${retired.map((s) => s.name).join(", ")} ${retired.length === 1 ? "is" : "are"} out of service and cannot be added to an incident.`;
    throw new Invalid(message, { serverIds: [message] });
  }
  return servers.sort((a, b) => a.name.localeCompare(b.name));
}

async function checkAssignee(tx: Tx, assigneeId: string | undefined): Promise<{ id: string; name: string } | null> {
  if (!assigneeId) return null;
  const assignee = await tx.user.findUnique({ where: { id: assigneeId }, select: { id: true, name: true, role: true, active: true } });
  if (!assignee || !assignee.active || !can(assignee.role, "incident:update")) {
    const message = "Assign the incident to an active operator, manager or administrator.";
    throw new Invalid(message, { assigneeId: [message] });
  }
  return { id: assignee.id, name: assignee.name };
}

/** The failed result an incident is raised from, checked against what the operator was shown. */
async function failedSource(tx: Tx, runId: string, itemId: string, resultId: string) {
  const run = await tx.run.findUnique({
    where: { id: runId },
    select: {
      id: true,
      procedureId: true,
      serverId: true,
      localDate: true,
      server: { select: { name: true } },
      version: { select: { title: true, items: { where: { id: itemId }, select: { id: true, text: true, unit: true } } } },
    },
  });
  if (!run) throw new NotFound("That run does not exist.");
  const item = run.version.items[0];
  if (!item) throw new Invalid("That item is not part of the checklist this run follows.");
  const current = await tx.result.findFirst({
    where: { runId, itemId },
    orderBy: { revision: "desc" },
    select: { id: true, outcome: true, valueNumber: true, valueText: true },
  });
  if (!current) throw new Invalid("Nothing has been recorded for this item yet. Record the failed check first, or open the incident from scratch.");
  if (current.id !== resultId) {
    throw new Conflict("This item's result was corrected while you were writing. Nothing was saved: reload the form to raise the incident from the current result.");
  }
  if (current.outcome !== "FAIL") {
    throw new Invalid(`This item did not fail (its current result is ${OUTCOME_LABELS[current.outcome as Outcome]}). Open the incident from scratch if something is still wrong.`);
  }
  const value = recordedValue(current, item.unit);
  return { run, item, result: current, value };
}

export const openIncidentAction = defineAction({
  name: "incident.open",
  permission: "incident:create",
  schema: OpenIncidentSchema,
  revalidate: (input) => [...LIST_PATHS, ...(input.runId ? [`/runs/${input.runId}`] : [])],
  async handler(input, { tx, user, now }) {
    const source = input.runId && input.itemId && input.resultId ? await failedSource(tx, input.runId, input.itemId, input.resultId) : null;
    const servers = await checkServers(tx, input.serverIds);
    const assignee = await checkAssignee(tx, input.assigneeId);
    const opening = source
      ? `Opened from a failed check: “${source.item.text}”${source.value ? ` (${source.value})` : ""} in ${source.run.version.title}${source.run.server ? ` on ${source.run.server.name}` : ""}, ${formatLocalDate(source.run.localDate)}.`
      : "Opened.";
    const incident = await tx.incident.create({
      data: {
        title: input.title,
        description: input.description,
        severity: input.severity,
        status: "OPEN",
        openedById: user.id,
        openedAt: now,
        assigneeId: assignee?.id ?? null,
        sourceRunId: source?.run.id ?? null,
        sourceItemId: source?.item.id ?? null,
        sourceResultId: source?.result.id ?? null,
        procedureId: source?.run.procedureId ?? null,
        servers: { create: servers.map((s) => ({ serverId: s.id })) },
        updates: { create: { authorId: user.id, at: now, body: opening, toStatus: "OPEN" } },
      },
      select: { id: true },
    });
    return {
      audit: {
        action: "incident.open",
        entityType: "Incident",
        entityId: String(incident.id),
        after: {
          title: input.title,
          description: input.description,
          severity: input.severity,
          status: "OPEN",
          assigneeId: assignee?.id ?? null,
          servers: servers.map((s) => s.name),
          source: source ? { runId: source.run.id, itemId: source.item.id, resultId: source.result.id, value: source.value } : null,
        },
      },
      message: `${incidentRef(incident.id)} opened.`,
      data: { id: incident.id },
    };
  },
});

const STEP_TEXT: Record<StatusStep, string> = {
  investigate: "Investigation started.",
  resolve: "Resolved.",
  reopen: "Reopened.",
  close: "Closed.",
};

const STEP_MESSAGE: Record<StatusStep, string> = {
  investigate: "is being investigated",
  resolve: "is resolved",
  reopen: "is open again",
  close: "is closed",
};

export const changeStatusAction = defineAction({
  name: "incident.change_status",
  permission: "incident:update",
  schema: ChangeStatusSchema,
  revalidate: (input) => incidentPaths(input.incidentId),
  async handler(input, { tx, user, now }) {
    const incident = await loadIncident(tx, input.incidentId);
    const to = allow(incident, input.step, input.step === "resolve" ? input.resolution : incident.resolution);
    const data: Prisma.IncidentUpdateManyMutationInput & { assigneeId?: string } = { status: to };
    let body = STEP_TEXT[input.step];
    switch (input.step) {
      case "investigate":
        // Whoever starts investigating an unassigned incident takes it.
        if (!incident.assigneeId) data.assigneeId = user.id;
        break;
      case "resolve":
        // An incident nobody had taken belongs to whoever resolved it.
        if (!incident.assigneeId) data.assigneeId = user.id;
        data.resolvedAt = now;
        data.resolution = input.resolution;
        if (input.rootCause !== undefined) data.rootCause = input.rootCause;
        body = `Resolved: ${input.resolution}`;
        break;
      case "reopen":
        // The fix did not hold: the incident is unresolved again, and the old resolution stays in the timeline.
        data.resolvedAt = null;
        data.resolution = "";
        body = `Reopened. Previous resolution: ${incident.resolution}`;
        break;
      case "close":
        data.closedAt = now;
        break;
    }
    if (input.note) body = `${body}\n\n${input.note}`;
    // Count-checked on the status read above: two people acting on one incident cannot both move it.
    const updated = await tx.incident.updateMany({ where: { id: incident.id, status: incident.status }, data });
    if (updated.count !== 1) throw new Conflict("This incident changed while you were looking at it. Nothing was saved; reload the page.");
    await tx.incidentUpdate.create({ data: { incidentId: incident.id, authorId: user.id, at: now, body, fromStatus: incident.status, toStatus: to } });
    return {
      audit: {
        action: `incident.${input.step}`,
        entityType: "Incident",
        entityId: String(incident.id),
        before: { status: incident.status, resolution: incident.resolution, rootCause: incident.rootCause, assigneeId: incident.assigneeId },
        after: {
          status: to,
          resolution: data.resolution ?? incident.resolution,
          rootCause: data.rootCause ?? incident.rootCause,
          assigneeId: data.assigneeId ?? incident.assigneeId,
          note: input.note,
        },
      },
      message: `${incidentRef(incident.id)} ${STEP_MESSAGE[input.step]}.`,
      data: { status: to },
    };
  },
});

export const addUpdateAction = defineAction({
  name: "incident.add_update",
  permission: "incident:update",
  schema: AddUpdateSchema,
  revalidate: (input) => [`/incidents/${input.incidentId}`],
  async handler(input, { tx, user, now }) {
    const incident = await loadIncident(tx, input.incidentId);
    allow(incident, "add_update");
    const update = await tx.incidentUpdate.create({ data: { incidentId: incident.id, authorId: user.id, body: input.body }, select: { id: true } });
    // The update is the change; touching the incident keeps "last changed" honest.
    await tx.incident.update({ where: { id: incident.id }, data: { updatedAt: now } });
    return {
      audit: { action: "incident.add_update", entityType: "Incident", entityId: String(incident.id), after: { updateId: update.id, body: input.body } },
      message: "Update added to the timeline.",
    };
  },
});

const names = (list: { name: string }[]) => (list.length ? list.map((s) => s.name).join(", ") : "none");

export const updateIncidentAction = defineAction({
  name: "incident.update",
  permission: "incident:update",
  schema: UpdateIncidentSchema,
  revalidate: (input) => incidentPaths(input.incidentId),
  async handler(input, { tx, user }) {
    const incident = await loadIncident(tx, input.incidentId);
    // The resolution is edited here only while the incident is resolved.
    const resolution = incident.status === "RESOLVED" && input.resolution !== undefined ? input.resolution : incident.resolution;
    allow(incident, "edit", resolution);
    const currentServerIds = incident.servers.map((s) => s.serverId);
    const servers = await checkServers(tx, input.serverIds, currentServerIds);
    const assignee = input.assigneeId === incident.assigneeId ? (incident.assignee ? { id: incident.assigneeId!, name: incident.assignee.name } : null) : await checkAssignee(tx, input.assigneeId);

    const changes: string[] = [];
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const note = (field: string, from: unknown, to: unknown, text: string) => {
      before[field] = from;
      after[field] = to;
      changes.push(text);
    };
    if (input.title !== incident.title) note("title", incident.title, input.title, `Title changed to “${input.title}”.`);
    if (input.severity !== incident.severity) {
      note("severity", incident.severity, input.severity, `Severity ${incident.severity} (${SEVERITY_LABELS[incident.severity as Severity]}) → ${input.severity} (${SEVERITY_LABELS[input.severity as Severity]}).`);
    }
    if ((assignee?.id ?? null) !== incident.assigneeId) {
      note("assigneeId", incident.assigneeId, assignee?.id ?? null, `Assignee: ${incident.assignee?.name ?? "nobody"} → ${assignee?.name ?? "nobody"}.`);
    }
    const serverSet = new Set(servers.map((s) => s.id));
    if (serverSet.size !== currentServerIds.length || currentServerIds.some((sid) => !serverSet.has(sid))) {
      note("servers", incident.servers.map((s) => s.server.name), servers.map((s) => s.name), `Affected servers: ${names(incident.servers.map((s) => s.server))} → ${names(servers)}.`);
    }
    if (input.description !== incident.description) note("description", incident.description, input.description, "Description updated.");
    if (input.rootCause !== incident.rootCause) note("rootCause", incident.rootCause, input.rootCause, input.rootCause ? `Root cause: ${input.rootCause}` : "Root cause removed.");
    if (resolution !== incident.resolution) note("resolution", incident.resolution, resolution, `Resolution: ${resolution}`);
    if (changes.length === 0) throw new Invalid("Nothing to save: the details are as they were.");

    await tx.incident.update({
      where: { id: incident.id },
      data: {
        title: input.title,
        description: input.description,
        severity: input.severity,
        assigneeId: assignee?.id ?? null,
        rootCause: input.rootCause,
        resolution,
      },
    });
    if ("servers" in after) {
      await tx.incidentServer.deleteMany({ where: { incidentId: incident.id } });
      if (servers.length) await tx.incidentServer.createMany({ data: servers.map((s) => ({ incidentId: incident.id, serverId: s.id })) });
    }
    await tx.incidentUpdate.create({ data: { incidentId: incident.id, authorId: user.id, body: changes.join("\n") } });
    return {
      audit: { action: "incident.update", entityType: "Incident", entityId: String(incident.id), before, after },
      message: "Details saved.",
    };
  },
});

export const linkProblemAction = defineAction({
  name: "incident.link_problem",
  permission: "incident:update",
  schema: LinkProblemSchema,
  revalidate: (input) => incidentPaths(input.incidentId),
  async handler(input, { tx, user }) {
    const incident = await loadIncident(tx, input.incidentId);
    allow(incident, "link_problem");
    const problem = await tx.problem.findUnique({ where: { id: input.problemId }, select: { id: true, title: true } });
    if (!problem) throw new NotFound("That problem does not exist.", { problemId: ["That problem does not exist."] });
    if (incident.problemId === problem.id) throw new Invalid(`This incident is already linked to ${problemRef(problem.id)}.`);
    await tx.incident.update({ where: { id: incident.id }, data: { problemId: problem.id } });
    await tx.incidentUpdate.create({ data: { incidentId: incident.id, authorId: user.id, body: `Linked to ${problemRef(problem.id)}: ${problem.title}.` } });
    return {
      audit: { action: "incident.link_problem", entityType: "Incident", entityId: String(incident.id), before: { problemId: incident.problemId }, after: { problemId: problem.id } },
      message: `Linked to ${problemRef(problem.id)}.`,
    };
  },
});

export const unlinkProblemAction = defineAction({
  name: "incident.unlink_problem",
  permission: "incident:update",
  schema: UnlinkProblemSchema,
  revalidate: (input) => incidentPaths(input.incidentId),
  async handler(input, { tx, user }) {
    const incident = await loadIncident(tx, input.incidentId);
    allow(incident, "link_problem");
    if (incident.problemId === null) throw new Invalid("This incident is not linked to a problem.");
    await tx.incident.update({ where: { id: incident.id }, data: { problemId: null } });
    await tx.incidentUpdate.create({ data: { incidentId: incident.id, authorId: user.id, body: `No longer linked to ${problemRef(incident.problemId)}.` } });
    return {
      audit: { action: "incident.unlink_problem", entityType: "Incident", entityId: String(incident.id), before: { problemId: incident.problemId }, after: { problemId: null } },
      message: `No longer linked to ${problemRef(incident.problemId)}.`,
    };
  },
});

export const createProblemAction = defineAction({
  name: "problem.create",
  permission: "incident:update",
  schema: CreateProblemSchema,
  revalidate: (input) => incidentPaths(input.incidentId),
  async handler(input, { tx, user }) {
    const incident = await loadIncident(tx, input.incidentId);
    allow(incident, "link_problem");
    if (incident.problemId !== null) {
      throw new Conflict(`This incident is already linked to ${problemRef(incident.problemId)}. Unlink it first to start a new problem.`);
    }
    const problem = await tx.problem.create({ data: { title: input.title, description: input.description, rootCause: input.rootCause }, select: { id: true } });
    await tx.incident.update({ where: { id: incident.id }, data: { problemId: problem.id } });
    await tx.incidentUpdate.create({ data: { incidentId: incident.id, authorId: user.id, body: `${problemRef(problem.id)} opened from this incident: ${input.title}.` } });
    return {
      audit: {
        action: "problem.create",
        entityType: "Problem",
        entityId: String(problem.id),
        after: { title: input.title, description: input.description, rootCause: input.rootCause, fromIncidentId: incident.id },
      },
      message: `${problemRef(problem.id)} created and linked to this incident.`,
      data: { id: problem.id },
    };
  },
});

export const updateProblemAction = defineAction({
  name: "problem.update",
  permission: "incident:update",
  schema: UpdateProblemSchema,
  revalidate: ["/incidents"],
  async handler(input, { tx }) {
    const problem = await tx.problem.findUnique({ where: { id: input.problemId }, select: { id: true, title: true, description: true, rootCause: true } });
    if (!problem) throw new NotFound("That problem does not exist.");
    const fields = ["title", "description", "rootCause"] as const;
    const changed = fields.filter((f) => problem[f] !== input[f]);
    if (changed.length === 0) throw new Invalid("Nothing to save: the problem is as it was.");
    await tx.problem.update({ where: { id: problem.id }, data: { title: input.title, description: input.description, rootCause: input.rootCause } });
    return {
      audit: {
        action: "problem.update",
        entityType: "Problem",
        entityId: String(problem.id),
        before: Object.fromEntries(changed.map((f) => [f, problem[f]])),
        after: Object.fromEntries(changed.map((f) => [f, input[f]])),
      },
      message: "Problem saved.",
    };
  },
});
