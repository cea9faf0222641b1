// Run generation: turns active schedules into runs for a rolling window (7 days back, 35 ahead),
// in-process, with no external scheduler. Safe to call from any number of requests or processes
// at once: each schedule is filled in one write transaction (BEGIN IMMEDIATE serialises them), and
// the unique key (schedule, period, scope) makes a duplicate impossible even so.
import "server-only";
import type { Db } from "@/lib/db";
import { writeAuditEvents, type RequestInfo } from "@/lib/audit/write";
import { env } from "@/lib/env";
import { occurrenceDates, type HolidayPolicy } from "./recurrence";
import { addDays, localDateOf, localInstant, type LocalDate } from "@/lib/time/dates";
import { parseStringArray } from "@/lib/json";
import { readCalendar } from "@/lib/settings/organisation";

export const WINDOW_DAYS_BACK = 7;
export const WINDOW_DAYS_AHEAD = 35;

const GENERATOR = { id: null, label: "system:scheduler" } as const;
const GENERATOR_REQUEST: RequestInfo = { ip: "local", userAgent: "opsbook run generation" };

export interface GenerationReport {
  schedules: number;
  created: number;
  from: LocalDate;
  to: LocalDate;
}

export async function generateRuns(
  db: Db,
  options: { now?: Date; scheduleIds?: string[]; daysBack?: number; daysAhead?: number } = {},
): Promise<GenerationReport> {
  const now = options.now ?? new Date();
  const calendar = await readCalendar(db);
  const today = localDateOf(now, calendar.timeZone);
  const from = addDays(today, -(options.daysBack ?? WINDOW_DAYS_BACK));
  const to = addDays(today, options.daysAhead ?? WINDOW_DAYS_AHEAD);

  const [schedules, servers, windows] = await Promise.all([
    db.schedule.findMany({
      where: {
        active: true,
        ...(options.scheduleIds ? { id: { in: options.scheduleIds } } : {}),
        procedure: { archivedAt: null, currentVersionId: { not: null } },
      },
      select: {
        id: true,
        procedureId: true,
        rrule: true,
        anchorDate: true,
        timeZone: true,
        dueTime: true,
        graceMinutes: true,
        holidayPolicy: true,
        assigneeRole: true,
        assigneeUserId: true,
        scope: true,
        scopeRoles: true,
        effectiveFrom: true,
        procedure: { select: { currentVersion: { select: { id: true, cadence: true } } } },
      },
    }),
    db.server.findMany({ where: { active: true }, select: { id: true, roles: { select: { role: true } } } }),
    db.maintenanceWindow.findMany({
      where: { endsAt: { gte: new Date(`${from}T00:00:00Z`) }, startsAt: { lte: new Date(`${addDays(to, 2)}T00:00:00Z`) } },
      select: { serverId: true, startsAt: true, endsAt: true },
    }),
  ]);

  let created = 0;
  for (const schedule of schedules) {
    // The SQLite driver answers synchronously, so without this a pass (thousands of runs on a new
    // installation) would hold the event loop until it ended and no request would be served.
    await yieldToEventLoop();
    const version = schedule.procedure.currentVersion;
    if (!version) continue;
    let dates: LocalDate[];
    try {
      dates = occurrenceDates(schedule.rrule, schedule.anchorDate, from, to, calendar, schedule.holidayPolicy as HolidayPolicy);
    } catch (error) {
      // A rule that cannot be evaluated must not stop the other schedules.
      console.error(`Schedule ${schedule.id}: cannot evaluate its rule`, error);
      continue;
    }
    const scopeRoles = new Set(parseStringArray(schedule.scopeRoles));
    const targets: (string | null)[] =
      schedule.scope === "PER_SERVER" ? servers.filter((s) => s.roles.some((r) => scopeRoles.has(r.role))).map((s) => s.id) : [null];

    const candidates = dates.flatMap((date) => {
      const dueAt = localInstant(date, schedule.dueTime, schedule.timeZone);
      if (dueAt < schedule.effectiveFrom) return [];
      const opensAt = localInstant(date, "00:00", schedule.timeZone);
      const graceEndsAt = new Date(dueAt.getTime() + schedule.graceMinutes * 60_000);
      return targets.map((serverId) => ({
        scheduleId: schedule.id,
        procedureId: schedule.procedureId,
        versionId: version.id,
        serverId,
        periodKey: date,
        scopeKey: serverId ?? "-",
        cadence: version.cadence,
        localDate: date,
        opensAt,
        dueAt,
        graceEndsAt,
        assigneeRole: schedule.assigneeRole,
        assigneeUserId: schedule.assigneeUserId,
        suppressed: windows.some((w) => (w.serverId === null || w.serverId === serverId) && w.startsAt <= dueAt && dueAt <= w.endsAt),
      }));
    });
    if (candidates.length === 0) continue;

    created += await db.$transaction(async (tx) => {
      const existing = await tx.run.findMany({
        where: { scheduleId: schedule.id, periodKey: { gte: from, lte: to } },
        select: { periodKey: true, scopeKey: true },
      });
      const have = new Set(existing.map((r) => `${r.periodKey}|${r.scopeKey}`));
      const missing = candidates.filter((c) => !have.has(`${c.periodKey}|${c.scopeKey}`));
      if (missing.length === 0) return 0;
      const runs = await tx.run.createManyAndReturn({ data: missing, select: { id: true, localDate: true, serverId: true, dueAt: true, suppressed: true } });
      await writeAuditEvents(
        tx,
        GENERATOR,
        GENERATOR_REQUEST,
        runs.map((run) => ({
          action: "run.generate",
          entityType: "Run",
          entityId: run.id,
          after: { scheduleId: schedule.id, localDate: run.localDate, serverId: run.serverId, dueAt: run.dueAt, suppressed: run.suppressed },
        })),
      );
      return runs.length;
    });
  }
  return { schedules: schedules.length, created, from, to };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

let lastRun = 0;
let inFlight: Promise<GenerationReport> | null = null;

/**
 * Makes sure runs exist before a page that lists them renders. Runs generation at most once a
 * minute per process (the timer in instrumentation.ts keeps them current in between).
 */
export async function ensureRunsGenerated(db: Db, now = new Date()): Promise<void> {
  // Measured on the caller's clock both ways, so a pinned `now` (tests) throttles like the real one.
  if (Math.abs(now.getTime() - lastRun) < 60_000) return;
  inFlight ??= generateRuns(db, { now }).finally(() => {
    lastRun = now.getTime();
    inFlight = null;
  });
  await inFlight;
}

export function generationIntervalMs(): number {
  return env().RUN_GENERATION_INTERVAL_MINUTES * 60_000;
}
