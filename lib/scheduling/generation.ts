// Run generation: turns active schedules into runs for a rolling window (7 days back, 35 ahead),
// in-process, with no external scheduler. Safe to call from any number of requests or processes
// at once: each schedule is filled in one write transaction (BEGIN IMMEDIATE serialises them), and
// the unique key (schedule, period, scope) makes a duplicate impossible even so.
//
// A pass plans from what it read at its start, outside any transaction, so a pause, an edit, a
// holiday, a change of business days or a maintenance window may commit before it writes. Each
// schedule's write transaction therefore reads the schedule and the rest of the planning inputs
// again and writes only if they are what the plan was made from; otherwise the schedule is
// planned again from those fresh reads (decision 022).
import "server-only";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { writeAuditEvents, type RequestInfo } from "@/lib/audit/write";
import { canonicalJson } from "@/lib/audit/chain";
import { env } from "@/lib/env";
import { occurrenceDates, type HolidayPolicy } from "./recurrence";
import { addDays, localDateOf, localInstant, type LocalDate } from "@/lib/time/dates";
import { parseStringArray } from "@/lib/json";
import { readCalendar, type OrganisationCalendar } from "@/lib/settings/organisation";
import { nextTurn } from "@/lib/turns";

export const WINDOW_DAYS_BACK = 7;
export const WINDOW_DAYS_AHEAD = 35;
/** Times one pass plans a schedule whose inputs keep changing before it leaves it to the next pass. */
export const MAX_PLANNING_ATTEMPTS = 3;

const GENERATOR = { id: null, label: "system:scheduler" } as const;
const GENERATOR_REQUEST: RequestInfo = { ip: "local", userAgent: "opsbook run generation" };

export interface GenerationReport {
  schedules: number;
  created: number;
  /** Times a schedule was planned again because something it was planned from changed before the write. */
  replanned: number;
  /** Schedules that changed on every attempt: nothing was written for them; the next pass plans them again. */
  deferred: string[];
  from: LocalDate;
  to: LocalDate;
}

export interface GenerationOptions {
  now?: Date;
  scheduleIds?: string[];
  daysBack?: number;
  daysAhead?: number;
  /**
   * Test seam, never passed by the portal: awaited when a schedule's plan has runs to add, just
   * before the transaction that would write them begins (attempt 1, then once per re-plan), outside
   * any transaction. A test commits a concurrent change here to line up a race deterministically.
   */
  beforeWrite?: (scheduleId: string, attempt: number) => Promise<void>;
}

/** Reads work through the shared client and a transaction's alike. */
type Reader = Prisma.TransactionClient;

const SCHEDULE_FIELDS = {
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
} as const satisfies Prisma.ScheduleSelect;

type PlannedSchedule = Prisma.ScheduleGetPayload<{ select: typeof SCHEDULE_FIELDS }>;

/** The schedules that generate runs: active, on a procedure that is in the library and published. */
function generatingSchedules(ids?: string[]): Prisma.ScheduleWhereInput {
  return { active: true, ...(ids ? { id: { in: ids } } : {}), procedure: { archivedAt: null, currentVersionId: { not: null } } };
}

/** Everything besides the schedule itself that decides its runs, and the window they fall in. */
interface PlanningInputs {
  calendar: OrganisationCalendar;
  from: LocalDate;
  to: LocalDate;
  servers: { id: string; roles: { role: string }[] }[];
  windows: { id: string; serverId: string | null; startsAt: Date; endsAt: Date }[];
  /** All of the above as canonical text, to compare with a later reading. */
  fingerprint: string;
}

async function readPlanningInputs(client: Reader, now: Date, options: GenerationOptions): Promise<PlanningInputs> {
  const calendar = await readCalendar(client);
  const today = localDateOf(now, calendar.timeZone);
  const from = addDays(today, -(options.daysBack ?? WINDOW_DAYS_BACK));
  const to = addDays(today, options.daysAhead ?? WINDOW_DAYS_AHEAD);
  const [servers, windows] = await Promise.all([
    client.server.findMany({ where: { active: true }, select: { id: true, roles: { select: { role: true }, orderBy: { role: "asc" } } }, orderBy: { id: "asc" } }),
    client.maintenanceWindow.findMany({
      where: { endsAt: { gte: new Date(`${from}T00:00:00Z`) }, startsAt: { lte: new Date(`${addDays(to, 2)}T00:00:00Z`) } },
      select: { id: true, serverId: true, startsAt: true, endsAt: true },
      orderBy: { id: "asc" },
    }),
  ]);
  const fingerprint = canonicalJson({
    timeZone: calendar.timeZone,
    businessDays: calendar.businessDays,
    holidays: [...calendar.holidays].sort(),
    from,
    to,
    servers,
    windows,
  });
  return { calendar, from, to, servers, windows, fingerprint };
}

/** What a schedule's runs are planned from, as canonical text; a schedule that no longer generates is "none". */
function scheduleFingerprint(schedule: PlannedSchedule | null): string {
  return schedule ? canonicalJson(schedule) : "none";
}

type Candidate = Prisma.RunCreateManyInput & { periodKey: string; scopeKey: string };

/** The runs a schedule should have in the window, given the inputs; null when its rule cannot be evaluated. */
function planRuns(schedule: PlannedSchedule, inputs: PlanningInputs): Candidate[] | null {
  const version = schedule.procedure.currentVersion;
  if (!version) return [];
  let dates: LocalDate[];
  try {
    dates = occurrenceDates(schedule.rrule, schedule.anchorDate, inputs.from, inputs.to, inputs.calendar, schedule.holidayPolicy as HolidayPolicy, {
      dueTime: schedule.dueTime,
      timeZone: schedule.timeZone,
    });
  } catch (error) {
    // A rule that cannot be evaluated must not stop the other schedules.
    console.error(`Schedule ${schedule.id}: cannot evaluate its rule`, error);
    return null;
  }
  const scopeRoles = new Set(parseStringArray(schedule.scopeRoles));
  const targets: (string | null)[] =
    schedule.scope === "PER_SERVER" ? inputs.servers.filter((s) => s.roles.some((r) => scopeRoles.has(r.role))).map((s) => s.id) : [null];

  return dates.flatMap((date) => {
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
      suppressed: inputs.windows.some((w) => (w.serverId === null || w.serverId === serverId) && w.startsAt <= dueAt && dueAt <= w.endsAt),
    }));
  });
}

/** The outcome of one write transaction: runs written, or the fresh inputs to plan again from. */
type WriteOutcome = { written: number } | { stale: { inputs: PlanningInputs; schedule: PlannedSchedule | null } };

export async function generateRuns(db: Db, options: GenerationOptions = {}): Promise<GenerationReport> {
  const now = options.now ?? new Date();
  let inputs = await readPlanningInputs(db, now, options);
  const { from, to } = inputs;
  const schedules = await db.schedule.findMany({ where: generatingSchedules(options.scheduleIds), select: SCHEDULE_FIELDS, orderBy: { id: "asc" } });

  let created = 0;
  let replanned = 0;
  const deferred: string[] = [];
  for (const listed of schedules) {
    // The SQLite driver answers synchronously, so without this a pass (thousands of runs on a new
    // installation) would hold the event loop until it ended and no request would be served.
    await nextTurn();
    let schedule: PlannedSchedule | null = listed;
    for (let attempt = 1; schedule; attempt++) {
      if (attempt > MAX_PLANNING_ATTEMPTS) {
        deferred.push(listed.id);
        console.warn(`Run generation: schedule ${listed.id} changed each of the ${MAX_PLANNING_ATTEMPTS} times its runs were planned; the next pass plans it again.`);
        break;
      }
      const planned: PlannedSchedule = schedule;
      const plannedFrom = inputs;
      const runs = planRuns(planned, plannedFrom);
      if (!runs || runs.length === 0) break;
      // Most passes find every run already there. Seen without the write lock, such a schedule
      // takes no turn at it: a pass that writes nothing cannot contradict anything.
      const seen = await existingKeys(db, planned.id, plannedFrom);
      const candidates = runs.filter((c) => !seen.has(`${c.periodKey}|${c.scopeKey}`));
      if (candidates.length === 0) break;
      await options.beforeWrite?.(planned.id, attempt);

      const outcome: WriteOutcome = await db.$transaction(async (tx) => {
        const have = await existingKeys(tx, planned.id, plannedFrom);
        const missing = candidates.filter((c) => !have.has(`${c.periodKey}|${c.scopeKey}`));
        if (missing.length === 0) return { written: 0 };
        // Write only what the schedule and the calendar, servers and windows still give: read
        // them again under the write lock, so no change can commit between this check and the write.
        const fresh = await readPlanningInputs(tx, now, options);
        const current = await tx.schedule.findFirst({ where: { id: planned.id, ...generatingSchedules() }, select: SCHEDULE_FIELDS });
        if (fresh.fingerprint !== plannedFrom.fingerprint || scheduleFingerprint(current) !== scheduleFingerprint(planned)) {
          return { stale: { inputs: fresh, schedule: current } };
        }
        const inserted = await tx.run.createManyAndReturn({ data: missing, select: { id: true, localDate: true, serverId: true, dueAt: true, suppressed: true } });
        await writeAuditEvents(
          tx,
          GENERATOR,
          GENERATOR_REQUEST,
          inserted.map((run) => ({
            action: "run.generate",
            entityType: "Run",
            entityId: run.id,
            after: { scheduleId: planned.id, localDate: run.localDate, serverId: run.serverId, dueAt: run.dueAt, suppressed: run.suppressed },
          })),
        );
        return { written: inserted.length };
      });

      if ("written" in outcome) {
        created += outcome.written;
        break;
      }
      // Plan again from what the transaction read; the schedules after this one use it too.
      replanned += 1;
      inputs = outcome.stale.inputs;
      schedule = outcome.stale.schedule;
    }
  }
  return { schedules: schedules.length, created, replanned, deferred, from, to };
}

/** The (period, scope) keys of a schedule's runs in the window. */
async function existingKeys(client: Reader, scheduleId: string, window: { from: LocalDate; to: LocalDate }): Promise<Set<string>> {
  const runs = await client.run.findMany({ where: { scheduleId, periodKey: { gte: window.from, lte: window.to } }, select: { periodKey: true, scopeKey: true } });
  return new Set(runs.map((r) => `${r.periodKey}|${r.scopeKey}`));
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
