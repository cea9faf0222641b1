import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { CADENCES, type Cadence } from "@/lib/procedures/vocabulary";
import { firstValues, localDateParam, optionalParam as optional, refineDateRange } from "@/lib/filters";
import { addDays, localDateOf } from "@/lib/time/dates";
import { RUN_STATES, RUN_TIMES_SELECT, runState, type RunState } from "@/lib/scheduling/run-state";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { EXCEPTION_FILTERS, exceptionWhere, runStateWhere, type ExceptionFilter } from "./state-filter";

export const HISTORY_PAGE_SIZE = 50;
/** The states of work that has happened (or failed to): what history shows. */
export const HISTORY_STATES: RunState[] = ["COMPLETED", "COMPLETED_LATE", "COMPLETED_WITH_EXCEPTIONS", "LATE", "MISSED", "SKIPPED", "SUPPRESSED"];
/** What the state filter offers: the states, and the runs completed with each kind of exception. */
export const HISTORY_STATE_FILTERS: (RunState | ExceptionFilter)[] = ["COMPLETED", "COMPLETED_LATE", "COMPLETED_WITH_EXCEPTIONS", "WITH_FAILURES", "WITH_NA", "LATE", "MISSED", "SKIPPED", "SUPPRESSED"];
export const EXCEPTION_FILTER_LABELS: Record<ExceptionFilter, string> = {
  WITH_FAILURES: "Completed with failures",
  WITH_NA: "Completed with N/A exceptions",
};

const id = z.string().trim().max(64).regex(/^[A-Za-z0-9_-]+$/, "Unknown id.");

export const HistoryFilterSchema = z
  .object({
    from: localDateParam("start"),
    to: localDateParam("end"),
    cadence: optional(z.enum(CADENCES, { error: "Unknown cadence." })),
    procedure: optional(id),
    server: optional(id),
    operator: optional(id),
    state: optional(
      z
        .enum([...RUN_STATES, ...EXCEPTION_FILTERS], { error: "Unknown state." })
        .refine((s) => HISTORY_STATE_FILTERS.includes(s), "History shows runs that are due or done."),
    ),
    cursor: optional(z.string().trim().max(120).regex(/^\d{4}-\d\d-\d\dT[\d:.]+Z\|[A-Za-z0-9_-]+$/, "Invalid page.")),
  })
  .superRefine(refineDateRange);

export type HistoryFilter = z.output<typeof HistoryFilterSchema>;

export function parseHistoryFilter(params: Record<string, string | string[] | undefined>) {
  return HistoryFilterSchema.safeParse(firstValues(params, ["from", "to", "cadence", "procedure", "server", "operator", "state", "cursor"]));
}

/** Runs that are due or done, newest first, one page after the cursor (keyset on due time and id). */
export async function listHistory(filter: HistoryFilter, now = new Date()) {
  const { timeZone } = await getOrganisationSettings();
  const today = localDateOf(now, timeZone);
  const from = filter.from ?? addDays(today, -30);
  const to = filter.to ?? today;
  const unknown: string[] = [];
  const checks = await Promise.all([
    filter.procedure ? db.procedure.findUnique({ where: { id: filter.procedure }, select: { id: true } }) : true,
    filter.server ? db.server.findUnique({ where: { id: filter.server }, select: { id: true } }) : true,
    filter.operator ? db.user.findUnique({ where: { id: filter.operator }, select: { id: true } }) : true,
  ]);
  if (!checks[0]) unknown.push("procedure");
  if (!checks[1]) unknown.push("server");
  if (!checks[2]) unknown.push("operator");

  const state = filter.state;
  const stateWhere: Prisma.RunWhereInput =
    state === "WITH_FAILURES" || state === "WITH_NA" ? exceptionWhere(state, now) : { OR: (state ? [state] : HISTORY_STATES).map((s) => runStateWhere(s, now)) };
  const where: Prisma.RunWhereInput = {
    AND: [
      { localDate: { gte: from, lte: to } },
      stateWhere,
      filter.cadence ? { cadence: filter.cadence } : {},
      filter.procedure ? { procedureId: filter.procedure } : {},
      filter.server ? { serverId: filter.server } : {},
      filter.operator ? { completedById: filter.operator } : {},
    ],
  };
  if (filter.cursor) {
    const [due, cursorId] = filter.cursor.split("|") as [string, string];
    const dueAt = new Date(due);
    (where.AND as Prisma.RunWhereInput[]).push({ OR: [{ dueAt: { lt: dueAt } }, { dueAt, id: { lt: cursorId } }] });
  }
  const rows = await db.run.findMany({
    where,
    orderBy: [{ dueAt: "desc" }, { id: "desc" }],
    take: HISTORY_PAGE_SIZE + 1,
    select: {
      id: true,
      localDate: true,
      cadence: true,
      ...RUN_TIMES_SELECT,
      failedItems: true,
      naItems: true,
      skipReason: true,
      version: { select: { title: true, number: true } },
      server: { select: { name: true } },
      completedBy: { select: { name: true } },
      skippedBy: { select: { name: true } },
    },
  });
  const page = rows.slice(0, HISTORY_PAGE_SIZE);
  const last = page.at(-1);
  return {
    from,
    to,
    timeZone,
    unknown,
    runs: page.map((r) => ({ ...r, cadence: r.cadence as Cadence, state: runState(r, now) })),
    nextCursor: rows.length > HISTORY_PAGE_SIZE && last ? `${last.dueAt.toISOString()}|${last.id}` : null,
  };
}

export async function historyFilterOptions() {
  const [procedures, servers, operators] = await Promise.all([
    db.procedure.findMany({ where: { currentVersionId: { not: null } }, select: { id: true, seedCode: true, currentVersion: { select: { title: true } } } }),
    db.server.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.user.findMany({ where: { role: { not: "VIEWER" } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    procedures: procedures
      .map((p) => ({ id: p.id, label: `${p.seedCode ? `${p.seedCode} ` : ""}${p.currentVersion!.title}` }))
      .sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true })),
    servers,
    operators,
  };
}
