// What a manager needs at a glance: today's completion, late and missed work, open incidents by
// severity, changes waiting for a decision, drafts waiting for approval and overdue reviews.
// Today's runs are counted by lib/runs/run-summary.ts, as Today, the calendar and history count
// them: "due so far" are the runs whose due time has passed, not the ones done early.
import "server-only";
import { db } from "@/lib/db";
import { listOpenDrafts, listReviewsDue } from "@/lib/procedures/authoring-queries";
import { summarizeRuns } from "@/lib/runs/run-summary";
import { runStateWhere } from "@/lib/runs/state-filter";
import { addDays, localDateOf } from "@/lib/time/dates";
import { RUN_TIMES_SELECT, runState } from "@/lib/scheduling/run-state";
import { getOrganisationSettings } from "@/lib/settings/queries";

export const ATTENTION_DAYS = 7;
const OPEN_INCIDENT = ["OPEN", "INVESTIGATING"];

export async function getDashboard(now = new Date()) {
  const { timeZone } = await getOrganisationSettings();
  const today = localDateOf(now, timeZone);
  const since = addDays(today, -ATTENTION_DAYS);
  const attentionWhere = { AND: [{ localDate: { gte: since, lte: today } }, { OR: [runStateWhere("MISSED", now), runStateWhere("LATE", now)] }] };
  const [todayRuns, attentionCount, attention, incidents, changes, drafts, reviews] = await Promise.all([
    // A day's runs are a few hundred at most: counted here, by the same rules as Today's strip.
    db.run.findMany({ where: { localDate: today }, select: { ...RUN_TIMES_SELECT, failedItems: true, naItems: true } }),
    db.run.count({ where: attentionWhere }),
    db.run.findMany({
      where: attentionWhere,
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: 15,
      select: { id: true, localDate: true, ...RUN_TIMES_SELECT, version: { select: { title: true } }, server: { select: { name: true } } },
    }),
    db.incident.groupBy({ by: ["severity"], where: { status: { in: OPEN_INCIDENT } }, _count: { _all: true } }),
    db.change.findMany({
      where: { OR: [{ status: "SUBMITTED" }, { type: "EMERGENCY", status: { in: ["IMPLEMENTED", "VERIFIED"] }, approverId: null }] },
      orderBy: { plannedStart: "asc" },
      select: { id: true, title: true, type: true, status: true, plannedStart: true, requester: { select: { name: true } } },
    }),
    listOpenDrafts(),
    listReviewsDue(now),
  ]);
  const bySeverity = new Map(incidents.map((g) => [g.severity, g._count._all]));
  return {
    today,
    timeZone,
    todaySummary: summarizeRuns(
      todayRuns.map((r) => ({ state: runState(r, now), dueAt: r.dueAt, hasExceptions: r.hasExceptions, failedItems: r.failedItems, naItems: r.naItems })),
      now,
    ),
    attentionCount,
    attention: attention.map((r) => ({ ...r, state: runState(r, now) })),
    incidentsBySeverity: [1, 2, 3, 4].map((severity) => ({ severity, count: bySeverity.get(severity) ?? 0 })),
    changesAwaiting: changes,
    draftsAwaiting: drafts.filter((d) => d.status === "AWAITING_APPROVAL"),
    reviewsOverdue: reviews.filter((r) => r.overdue),
  };
}
