import "server-only";
import { db } from "@/lib/db";
import { TOOL_SET_PROCEDURE_CODE, describeToolChange, type ToolChangeKind } from "@/lib/tools/standard-set";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CADENCES, EXCHANGE_ROLES, type Cadence, type ExchangeRole } from "@/lib/procedures/vocabulary";
import { addDays, localDateOf } from "@/lib/time/dates";
import { RUN_TIMES_SELECT, runState } from "@/lib/scheduling/run-state";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { dayStart, daysTouched, isMonth, MONTH_RANGE_TEXT, monthGrid, monthOf, monthTitle, runPeriod, shiftMonth, type Month } from "./calendar";
import { CHANGE_PAGE_SIZE, type ChangeListFilter } from "./schemas";
import { appliesTo, verificationProblem } from "./verification";
import type { ChangeRisk, ChangeStatus, ChangeType } from "./workflow";

/** Waiting for a manager: submitted, or an emergency change implemented before its approval. */
const AWAITING_APPROVAL: Prisma.ChangeWhereInput = {
  OR: [{ status: "SUBMITTED" }, { type: "EMERGENCY", status: { in: ["IMPLEMENTED", "VERIFIED"] }, approverId: null }],
};

const ROW_SELECT = {
  id: true,
  title: true,
  type: true,
  status: true,
  risk: true,
  plannedStart: true,
  plannedEnd: true,
  implementedAt: true,
  approverId: true,
  approvedRetroactively: true,
  requester: { select: { name: true } },
  servers: { select: { server: { select: { name: true } } }, orderBy: { server: { name: "asc" } } },
} as const satisfies Prisma.ChangeSelect;

type RowRecord = Prisma.ChangeGetPayload<{ select: typeof ROW_SELECT }>;

export interface ChangeRow {
  id: number;
  title: string;
  type: ChangeType;
  status: ChangeStatus;
  risk: ChangeRisk;
  plannedStart: Date;
  plannedEnd: Date;
  implementedAt: Date | null;
  requesterName: string;
  serverNames: string[];
  /** An emergency change implemented before any manager approved it. */
  awaitingRetroactiveApproval: boolean;
  approvedRetroactively: boolean;
}

function toRow(c: RowRecord): ChangeRow {
  return {
    id: c.id,
    title: c.title,
    type: c.type as ChangeType,
    status: c.status as ChangeStatus,
    risk: c.risk as ChangeRisk,
    plannedStart: c.plannedStart,
    plannedEnd: c.plannedEnd,
    implementedAt: c.implementedAt,
    requesterName: c.requester.name,
    serverNames: c.servers.map((s) => s.server.name),
    awaitingRetroactiveApproval: c.type === "EMERGENCY" && c.approverId === null && (c.status === "IMPLEMENTED" || c.status === "VERIFIED"),
    approvedRetroactively: c.approvedRetroactively,
  };
}

/**
 * The change list: first everything awaiting a manager's decision (on the first page of an
 * unfiltered or type-filtered list), then the rest newest first, a page at a time.
 */
export async function listChanges(filter: ChangeListFilter) {
  const { timeZone } = await getOrganisationSettings();
  const type: Prisma.ChangeWhereInput = filter.type ? { type: filter.type } : {};
  const showAwaiting = !filter.status && !filter.before;
  const awaiting = showAwaiting
    ? await db.change.findMany({ where: { AND: [type, AWAITING_APPROVAL] }, orderBy: [{ plannedStart: "asc" }, { id: "asc" }], take: 100, select: ROW_SELECT })
    : [];
  const rows = await db.change.findMany({
    where: {
      AND: [
        type,
        filter.status ? { status: filter.status } : { NOT: AWAITING_APPROVAL },
        filter.before ? { id: { lt: filter.before } } : {},
      ],
    },
    orderBy: { id: "desc" },
    take: CHANGE_PAGE_SIZE + 1,
    select: ROW_SELECT,
  });
  const page = rows.slice(0, CHANGE_PAGE_SIZE);
  return {
    timeZone,
    awaiting: awaiting.map(toRow),
    showAwaiting,
    changes: page.map(toRow),
    nextBefore: rows.length > CHANGE_PAGE_SIZE ? page.at(-1)!.id : null,
  };
}

/** Active servers for the affected-servers picker. */
export async function listServerChoices() {
  const servers = await db.server.findMany({
    where: { active: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true, site: true, roles: { select: { role: true } } },
  });
  return servers.map((s) => ({ id: s.id, name: s.name, site: s.site, roles: s.roles.map((r) => r.role as ExchangeRole) }));
}
export type ServerChoice = Awaited<ReturnType<typeof listServerChoices>>[number];

export interface VerificationChoice {
  id: string;
  title: string;
  cadence: Cadence;
  roles: ExchangeRole[];
  /** The affected servers it would run on. */
  runsOn: string[];
}

export interface VerificationChoices {
  /** Procedures for some, not all, Exchange roles, matching an affected server: the likely checks. */
  suggested: VerificationChoice[];
  /** Procedures for every role: they apply, but say little about a particular change. */
  general: VerificationChoice[];
  /** Everything else (they run on every affected server if chosen). */
  other: VerificationChoice[];
  /** Chosen before the implementer picks anything: the tool-set verification of a tool change. */
  preselected: string[];
}

/** The procedures an implementer may choose as verification, grouped by how well they fit the servers. */
async function verificationChoices(servers: { name: string; roles: string[] }[], toolChange: boolean): Promise<VerificationChoices> {
  const procedures = await db.procedure.findMany({
    where: { archivedAt: null, currentVersionId: { not: null } },
    select: { id: true, seedCode: true, currentVersion: { select: { title: true, cadence: true, roles: { select: { role: true } } } } },
  });
  const choices = procedures.map((p) => {
    const roles = p.currentVersion!.roles.map((r) => r.role as ExchangeRole).sort((a, b) => EXCHANGE_ROLES.indexOf(a) - EXCHANGE_ROLES.indexOf(b));
    const matching = servers.filter((s) => appliesTo({ roles }, s)).map((s) => s.name);
    return { id: p.id, seedCode: p.seedCode, title: p.currentVersion!.title, cadence: p.currentVersion!.cadence as Cadence, roles, runsOn: matching.length ? matching : servers.map((s) => s.name), matches: matching.length > 0 };
  });
  // A change to the standard tool set is verified by "Verify the standard tool set": first, and chosen.
  const toolSetCheck = toolChange ? choices.find((c) => c.seedCode === TOOL_SET_PROCEDURE_CODE && c.matches) : undefined;
  // Daily checks first (they are the quick health checks), then the most role-specific.
  const bySpecificity = (a: (typeof choices)[number], b: (typeof choices)[number]) =>
    CADENCES.indexOf(a.cadence) - CADENCES.indexOf(b.cadence) || a.roles.length - b.roles.length || a.title.localeCompare(b.title);
  const strip = ({ matches: _matches, seedCode: _seedCode, ...c }: (typeof choices)[number]): VerificationChoice => c;
  const everyRole = (c: (typeof choices)[number]) => c.roles.length === EXCHANGE_ROLES.length;
  const rest = choices.filter((c) => c !== toolSetCheck);
  return {
    suggested: [...(toolSetCheck ? [toolSetCheck] : []), ...rest.filter((c) => c.matches && !everyRole(c)).sort(bySpecificity)].map(strip),
    general: rest.filter((c) => c.matches && everyRole(c)).sort((a, b) => a.title.localeCompare(b.title)).map(strip),
    other: rest.filter((c) => !c.matches).sort((a, b) => a.title.localeCompare(b.title)).map(strip),
    preselected: toolSetCheck ? [toolSetCheck.id] : [],
  };
}

/** Everything the change page shows, or null when the change does not exist. */
export async function getChange(id: number, now = new Date()) {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const change = await db.change.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      type: true,
      status: true,
      description: true,
      reason: true,
      risk: true,
      backoutPlan: true,
      plannedStart: true,
      plannedEnd: true,
      requesterId: true,
      approverId: true,
      decidedAt: true,
      decisionNote: true,
      approvedRetroactively: true,
      implementedAt: true,
      verifiedAt: true,
      closedAt: true,
      createdAt: true,
      requester: { select: { name: true } },
      approver: { select: { name: true } },
      implementer: { select: { name: true } },
      servers: { select: { server: { select: { id: true, name: true, site: true, roles: { select: { role: true } } } } }, orderBy: { server: { name: "asc" } } },
      toolChange: { select: { kind: true, version: true, proposal: true, appliedAt: true, tool: { select: { name: true } } } },
      verificationRuns: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          ...RUN_TIMES_SELECT,
          version: { select: { title: true } },
          server: { select: { name: true } },
          completedBy: { select: { name: true } },
        },
      },
    },
  });
  if (!change) return null;
  const { timeZone } = await getOrganisationSettings();
  const servers = change.servers.map((s) => ({ ...s.server, roles: s.server.roles.map((r) => r.role as ExchangeRole) }));
  const runs = change.verificationRuns.map((r) => ({
    id: r.id,
    title: r.version.title,
    serverName: r.server?.name ?? null,
    state: runState(r, now),
    dueAt: r.dueAt,
    completedAt: r.completedAt,
    completedByName: r.completedBy?.name ?? null,
  }));
  const problem = verificationProblem(change.verificationRuns.map((r) => ({ ...r, title: r.version.title, serverName: r.server?.name ?? null })), now);
  const { toolChange: toolRow, ...rest } = change;
  const toolChange = toolRow
    ? {
        summary: describeToolChange(toolRow.kind as ToolChangeKind, toolRow.tool?.name ?? (parseProposalName(toolRow.proposal) || "a new tool"), toolRow.version),
        appliedAt: toolRow.appliedAt,
      }
    : null;
  const needsChoices = change.status === "APPROVED" || (change.status === "SUBMITTED" && change.type === "EMERGENCY");
  return {
    ...rest,
    toolChange,
    type: change.type as ChangeType,
    status: change.status as ChangeStatus,
    risk: change.risk as ChangeRisk,
    timeZone,
    servers,
    runs,
    verificationProblem: problem,
    choices: needsChoices ? await verificationChoices(servers, toolRow !== null) : null,
  };
}
function parseProposalName(json: string): string {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && "name" in value && typeof value.name === "string" ? value.name : "";
  } catch {
    return "";
  }
}

export type ChangeDetail = NonNullable<Awaited<ReturnType<typeof getChange>>>;

export interface CalendarEntry {
  id: number;
  title: string;
  type: ChangeType;
  status: ChangeStatus;
  kind: "planned" | "implemented";
}

/** The change calendar: planned windows of changes not yet implemented, and implementations, by local day. */
export async function getChangeCalendar(monthInput: string | undefined, now = new Date()) {
  const { timeZone } = await getOrganisationSettings();
  const today = localDateOf(now, timeZone);
  const month: Month = isMonth(monthInput) ? monthInput : monthOf(today);
  const error = monthInput === undefined || monthInput === "" || isMonth(monthInput) ? null : `Enter a month ${MONTH_RANGE_TEXT} as YYYY-MM. Showing this month instead.`;
  const grid = monthGrid(month);
  const from = dayStart(grid.gridStart, timeZone);
  const to = dayStart(addDays(grid.gridEnd, 1), timeZone);
  const select = { id: true, title: true, type: true, status: true, plannedStart: true, plannedEnd: true, implementedAt: true, servers: { select: { server: { select: { name: true } } } } } as const;
  const [planned, implemented] = await Promise.all([
    db.change.findMany({
      where: { status: { in: ["SUBMITTED", "APPROVED"] }, plannedStart: { lt: to }, plannedEnd: { gt: from } },
      orderBy: [{ plannedStart: "asc" }, { id: "asc" }],
      take: 500,
      select,
    }),
    db.change.findMany({
      where: { implementedAt: { gte: from, lt: to } },
      orderBy: [{ implementedAt: "asc" }, { id: "asc" }],
      take: 500,
      select,
    }),
  ]);
  const byDay = new Map<string, CalendarEntry[]>();
  const add = (day: string, entry: CalendarEntry) => byDay.set(day, [...(byDay.get(day) ?? []), entry]);
  for (const c of planned) {
    for (const day of daysTouched(c.plannedStart, c.plannedEnd, timeZone, grid.gridStart, grid.gridEnd)) {
      add(day, { id: c.id, title: c.title, type: c.type as ChangeType, status: c.status as ChangeStatus, kind: "planned" });
    }
  }
  for (const c of implemented) {
    add(localDateOf(c.implementedAt!, timeZone), { id: c.id, title: c.title, type: c.type as ChangeType, status: c.status as ChangeStatus, kind: "implemented" });
  }

  // The list alternative: the month's changes once each, in the order they happen.
  const monthStart = dayStart(grid.first, timeZone);
  const monthEnd = dayStart(addDays(grid.last, 1), timeZone);
  const list = [
    ...planned.filter((c) => c.plannedStart < monthEnd && c.plannedEnd > monthStart).map((c) => ({ ...c, kind: "planned" as const, at: c.plannedStart })),
    ...implemented.filter((c) => c.implementedAt! >= monthStart && c.implementedAt! < monthEnd).map((c) => ({ ...c, kind: "implemented" as const, at: c.implementedAt! })),
  ]
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id - b.id)
    .map((c) => ({
      id: c.id,
      title: c.title,
      type: c.type as ChangeType,
      status: c.status as ChangeStatus,
      kind: c.kind,
      plannedStart: c.plannedStart,
      plannedEnd: c.plannedEnd,
      implementedAt: c.implementedAt,
      serverNames: c.servers.map((s) => s.server.name).sort(),
    }));

  return {
    month,
    error,
    title: monthTitle(month),
    timeZone,
    today,
    previous: shiftMonth(month, -1),
    next: shiftMonth(month, 1),
    current: monthOf(today),
    days: grid.days.map((date) => ({ date, inMonth: date >= grid.first && date <= grid.last, entries: byDay.get(date) ?? [] })),
    list,
  };
}

/**
 * Changes implemented on a run's server during the run's period (see runPeriod); for a run that
 * belongs to no server, changes on any server. Null when the run does not exist.
 */
export async function changesDuringRun(runId: string) {
  const run = await db.run.findUnique({
    where: { id: runId },
    select: { localDate: true, cadence: true, graceEndsAt: true, serverId: true, changeId: true, server: { select: { name: true } } },
  });
  if (!run) return null;
  const { timeZone } = await getOrganisationSettings();
  const period = runPeriod(run, timeZone);
  const changes = await db.change.findMany({
    where: {
      implementedAt: { gte: period.from, lt: period.to },
      ...(run.serverId ? { servers: { some: { serverId: run.serverId } } } : {}),
    },
    orderBy: [{ implementedAt: "asc" }, { id: "asc" }],
    take: 20,
    select: { id: true, title: true, type: true, status: true, implementedAt: true, implementer: { select: { name: true } } },
  });
  return {
    timeZone,
    serverName: run.server?.name ?? null,
    period,
    periodEnd: localDateOf(new Date(period.to.getTime() - 1), timeZone),
    verifiesChangeId: run.changeId,
    changes: changes.map((c) => ({ ...c, type: c.type as ChangeType, status: c.status as ChangeStatus, implementedAt: c.implementedAt!, implementerName: c.implementer?.name ?? "—" })),
  };
}
