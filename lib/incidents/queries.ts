// Reads for the incident pages: the list, one incident with its timeline and problem, the form's
// options, the prefill from a failed checklist item, the incidents raised from a run, and the
// weekly report.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordedValue } from "@/lib/format/values";
import { periodContaining, shiftPeriod, type Period } from "@/lib/reports/periods";
import { addDays, dateProblem, localDateOf, localInstant } from "@/lib/time/dates";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { formatDateTime, formatLocalDate } from "@/lib/time/format";
import { IncidentIdSchema, type IncidentFilter } from "./schemas";
import { durationMinutes, summariseDurations, UNRESOLVED_STATUSES, type IncidentStatus, type Severity } from "./workflow";

export const INCIDENT_PAGE_SIZE = 50;

/** A path segment as an incident number, or null when it cannot be one (the page answers 404). */
export function parseIncidentId(segment: string): number | null {
  if (!/^\d{1,10}$/.test(segment)) return null;
  const parsed = IncidentIdSchema.safeParse(segment);
  return parsed.success ? parsed.data : null;
}

// ---------------------------------------------------------------------------------------------
// The list

export async function listIncidents(filter: IncidentFilter) {
  const { timeZone } = await getOrganisationSettings();
  const status = filter.status ?? "unresolved";
  const unknownServer = filter.server ? (await db.server.findUnique({ where: { id: filter.server }, select: { id: true } })) === null : false;
  const where: Prisma.IncidentWhereInput = {
    AND: [
      status === "unresolved" ? { status: { in: UNRESOLVED_STATUSES } } : status === "all" ? {} : { status },
      filter.severity ? { severity: filter.severity } : {},
      filter.server ? { servers: { some: { serverId: filter.server } } } : {},
      filter.cursor ? { id: { lt: filter.cursor } } : {},
    ],
  };
  const [rows, byStatus] = await Promise.all([
    db.incident.findMany({
      where,
      orderBy: { id: "desc" },
      take: INCIDENT_PAGE_SIZE + 1,
      select: {
        id: true,
        title: true,
        severity: true,
        status: true,
        openedAt: true,
        resolvedAt: true,
        problemId: true,
        assignee: { select: { name: true } },
        servers: { select: { server: { select: { name: true } } }, orderBy: { server: { name: "asc" } } },
      },
    }),
    db.incident.groupBy({ by: ["status"], _count: { _all: true } }),
  ]);
  const page = rows.slice(0, INCIDENT_PAGE_SIZE);
  return {
    timeZone,
    status,
    unknownServer,
    counts: Object.fromEntries(byStatus.map((g) => [g.status, g._count._all])) as Partial<Record<IncidentStatus, number>>,
    incidents: page.map((r) => ({ ...r, status: r.status as IncidentStatus, severity: r.severity as Severity, servers: r.servers.map((s) => s.server.name) })),
    nextCursor: rows.length > INCIDENT_PAGE_SIZE ? page.at(-1)!.id : null,
  };
}

export function listServersForFilter() {
  return db.server.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

// ---------------------------------------------------------------------------------------------
// Forms

/** Servers that can be marked affected, and the people an incident can be assigned to. */
export async function incidentFormOptions() {
  const [servers, assignees] = await Promise.all([
    db.server.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.user.findMany({ where: { active: true, role: { in: ["OPERATOR", "MANAGER", "ADMIN"] } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { servers, assignees };
}

export type IncidentFormOptions = Awaited<ReturnType<typeof incidentFormOptions>>;

export type RunPrefill =
  | { kind: "notFound" }
  | { kind: "notFailed"; message: string; runId: string }
  | {
      kind: "ok";
      runId: string;
      itemId: string;
      resultId: string;
      procedureTitle: string;
      procedureSlug: string;
      runDate: string;
      serverName: string | null;
      itemText: string;
      value: string;
      failureReason: string | null;
      note: string;
      recordedBy: string;
      recordedAt: string;
      title: string;
      description: string;
      serverIds: string[];
    };

/** What the new-incident form starts with when raised from an item of a run. */
export async function prefillFromRun(runId: string, itemId: string): Promise<RunPrefill> {
  if (runId.length > 64 || itemId.length > 64) return { kind: "notFound" };
  const [{ timeZone }, run] = await Promise.all([
    getOrganisationSettings(),
    db.run.findUnique({
      where: { id: runId },
      select: {
        id: true,
        localDate: true,
        server: { select: { id: true, name: true, active: true } },
        procedure: { select: { slug: true } },
        version: { select: { title: true, items: { where: { id: itemId }, select: { id: true, text: true, unit: true } } } },
      },
    }),
  ]);
  const item = run?.version.items[0];
  if (!run || !item) return { kind: "notFound" };
  const current = await db.result.findFirst({
    where: { runId, itemId },
    orderBy: { revision: "desc" },
    select: { id: true, outcome: true, valueNumber: true, valueText: true, failureReason: true, note: true, recordedAt: true, recordedBy: { select: { name: true } } },
  });
  if (!current || current.outcome !== "FAIL") {
    return {
      kind: "notFailed",
      runId: run.id,
      message: current
        ? `“${item.text}” did not fail on this run (its current result is a ${current.outcome === "PASS" ? "pass" : "not applicable"}), so there is nothing to prefill. Describe the incident below, or go back to the run.`
        : `Nothing has been recorded for “${item.text}” on this run yet, so there is nothing to prefill. Describe the incident below, or go back to the run.`,
    };
  }
  const value = recordedValue(current, item.unit);
  const server = run.server?.name ?? null;
  const title = current.failureReason
    ? `${server ? `${server}: ` : ""}${current.failureReason}`
    : `${item.text} failed${server ? ` on ${server}` : ""}`;
  const recordedAt = formatDateTime(current.recordedAt, timeZone);
  const description = [
    `Raised from the run of “${run.version.title}”${server ? ` on ${server}` : ""} for ${formatLocalDate(run.localDate)}.`,
    `${item.text}: ${value || "failed"}, recorded by ${current.recordedBy.name} at ${recordedAt}.`,
    current.note ? `Operator's note: ${current.note}` : "",
  ]
    .filter(Boolean)
    .join("\n");
  return {
    kind: "ok",
    runId: run.id,
    itemId: item.id,
    resultId: current.id,
    procedureTitle: run.version.title,
    procedureSlug: run.procedure.slug,
    runDate: run.localDate,
    serverName: server,
    itemText: item.text,
    value,
    failureReason: current.failureReason,
    note: current.note,
    recordedBy: current.recordedBy.name,
    recordedAt,
    title: title.slice(0, 200),
    description,
    serverIds: run.server?.active ? [run.server.id] : [],
  };
}

// ---------------------------------------------------------------------------------------------
// One incident

export async function getIncident(id: number) {
  const incident = await db.incident.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      description: true,
      severity: true,
      status: true,
      openedAt: true,
      resolvedAt: true,
      closedAt: true,
      updatedAt: true,
      resolution: true,
      rootCause: true,
      openedBy: { select: { name: true } },
      assignee: { select: { id: true, name: true } },
      servers: { select: { server: { select: { id: true, name: true, active: true } } }, orderBy: { server: { name: "asc" } } },
      sourceRun: { select: { id: true, localDate: true, server: { select: { name: true } }, version: { select: { title: true } } } },
      sourceItem: { select: { text: true, unit: true } },
      sourceResult: {
        select: {
          outcome: true,
          valueNumber: true,
          valueText: true,
          failureReason: true,
          note: true,
          recordedAt: true,
          recordedBy: { select: { name: true } },
          supersededBy: { select: { id: true } },
        },
      },
      procedure: { select: { slug: true, currentVersion: { select: { title: true } } } },
      problem: {
        select: {
          id: true,
          title: true,
          description: true,
          rootCause: true,
          createdAt: true,
          incidents: { orderBy: { openedAt: "asc" }, select: { id: true, title: true, status: true, severity: true, openedAt: true, resolvedAt: true } },
        },
      },
      updates: { orderBy: [{ at: "asc" }, { id: "asc" }], select: { id: true, at: true, body: true, fromStatus: true, toStatus: true, author: { select: { name: true } } } },
    },
  });
  if (!incident) return null;
  const source = incident.sourceResult;
  return {
    ...incident,
    status: incident.status as IncidentStatus,
    severity: incident.severity as Severity,
    servers: incident.servers.map((s) => s.server),
    sourceValue: source && incident.sourceItem ? recordedValue(source, incident.sourceItem.unit) : null,
    durationMinutes: incident.resolvedAt ? durationMinutes(incident.openedAt, incident.resolvedAt) : null,
    problem: incident.problem
      ? { ...incident.problem, incidents: incident.problem.incidents.map((i) => ({ ...i, status: i.status as IncidentStatus, severity: i.severity as Severity })) }
      : null,
    updates: incident.updates.map((u) => ({ ...u, fromStatus: u.fromStatus as IncidentStatus | null, toStatus: u.toStatus as IncidentStatus | null })),
  };
}

export type IncidentView = NonNullable<Awaited<ReturnType<typeof getIncident>>>;

/** Problems an incident can be linked to, newest first, with how many incidents each has. */
export async function listProblems() {
  const problems = await db.problem.findMany({
    orderBy: { id: "desc" },
    take: 200,
    select: { id: true, title: true, _count: { select: { incidents: true } } },
  });
  return problems.map((p) => ({ id: p.id, title: p.title, incidents: p._count.incidents }));
}

// ---------------------------------------------------------------------------------------------
// Incidents raised from a run

export async function listRunIncidents(runId: string) {
  const incidents = await db.incident.findMany({
    where: { sourceRunId: runId },
    orderBy: { id: "asc" },
    select: { id: true, title: true, status: true, severity: true, sourceItem: { select: { text: true } } },
  });
  return incidents.map((i) => ({ id: i.id, title: i.title, status: i.status as IncidentStatus, severity: i.severity as Severity, itemText: i.sourceItem?.text ?? null }));
}

// ---------------------------------------------------------------------------------------------
// The weekly report

/** The most incidents one weekly report lists; more is a sign of a wider outage, reported as such. */
export const WEEKLY_LIMIT = 500;

export interface WeeklyRow {
  id: number;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  openedAt: Date;
  resolvedAt: Date | null;
  assignee: string | null;
  servers: string[];
  problemId: number | null;
  openedInWeek: boolean;
  resolvedInWeek: boolean;
  /** Not resolved at the end of the week (or now, for the current week). */
  openAtEnd: boolean;
  /** Opened to resolved, or opened to the end of the week (or now) while unresolved. */
  minutes: number;
  latestUpdate: string | null;
}

export function weekFromParam(value: string | string[] | undefined, today: string): { period: Period; error: string | null } {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === "") return { period: periodContaining("week", today), error: null };
  const problem = dateProblem(raw.trim(), "a day of the week");
  if (problem) return { period: periodContaining("week", today), error: `${problem} Showing this week instead.` };
  return { period: periodContaining("week", raw.trim()), error: null };
}

export async function weeklyIncidentReport(weekParam: string | string[] | undefined, now = new Date()) {
  const { timeZone } = await getOrganisationSettings();
  const today = localDateOf(now, timeZone);
  const { period, error } = weekFromParam(weekParam, today);
  const start = localInstant(period.from, "00:00", timeZone);
  const weekEnd = localInstant(addDays(period.to, 1), "00:00", timeZone);
  // For the current week, "still open" means now; for a past week, at its end.
  const end = weekEnd < now ? weekEnd : now;
  const inWeek = { gte: start, lt: weekEnd };
  const incidents = await db.incident.findMany({
    where: {
      OR: [
        { openedAt: inWeek },
        { resolvedAt: inWeek },
        { openedAt: { lt: end }, OR: [{ resolvedAt: null }, { resolvedAt: { gte: end } }] },
      ],
    },
    orderBy: { openedAt: "asc" },
    take: WEEKLY_LIMIT + 1,
    select: {
      id: true,
      title: true,
      severity: true,
      status: true,
      openedAt: true,
      resolvedAt: true,
      problemId: true,
      assignee: { select: { name: true } },
      servers: { select: { server: { select: { name: true } } }, orderBy: { server: { name: "asc" } } },
      updates: { orderBy: [{ at: "desc" }, { id: "desc" }], take: 1, select: { body: true } },
    },
  });
  const rows: WeeklyRow[] = incidents.slice(0, WEEKLY_LIMIT).map((i) => {
    const resolvedBeforeEnd = i.resolvedAt !== null && i.resolvedAt < end;
    return {
      id: i.id,
      title: i.title,
      severity: i.severity as Severity,
      status: i.status as IncidentStatus,
      openedAt: i.openedAt,
      resolvedAt: i.resolvedAt,
      assignee: i.assignee?.name ?? null,
      servers: i.servers.map((s) => s.server.name),
      problemId: i.problemId,
      openedInWeek: i.openedAt >= start && i.openedAt < weekEnd,
      resolvedInWeek: i.resolvedAt !== null && i.resolvedAt >= start && i.resolvedAt < weekEnd,
      openAtEnd: i.openedAt < end && !resolvedBeforeEnd,
      minutes: durationMinutes(i.openedAt, resolvedBeforeEnd ? i.resolvedAt! : end),
      latestUpdate: i.updates[0]?.body ?? null,
    };
  });
  const opened = rows.filter((r) => r.openedInWeek);
  const resolved = rows.filter((r) => r.resolvedInWeek);
  const stillOpen = rows.filter((r) => r.openAtEnd);
  const bySeverity = Object.fromEntries(([1, 2, 3, 4] as Severity[]).map((s) => [s, opened.filter((r) => r.severity === s).length])) as Record<Severity, number>;
  return {
    timeZone,
    today,
    period,
    previous: shiftPeriod(period, -1),
    next: shiftPeriod(period, 1),
    isCurrent: period.from <= today && today <= period.to,
    isFuture: period.from > today,
    error,
    truncated: incidents.length > WEEKLY_LIMIT,
    rows,
    opened,
    resolved,
    stillOpen,
    bySeverity,
    durations: summariseDurations(resolved.map((r) => r.minutes)),
  };
}

export type WeeklyIncidentReport = Awaited<ReturnType<typeof weeklyIncidentReport>>;
