// A separate process for tests/integration/generation-race.test.ts, on the database in
// DATABASE_URL, at the plan's pinned instant. Says "ready", waits for "go" on stdin, then works as:
//   generator: run generation pass after pass until "stop" arrives, then prints a summary;
//   changer: makes up to `changes` changes through the real actions (each with its own follow-up
//     pass), for at most `seconds` once every kind was made once: pauses and resumes schedules, edits due times, adds and removes
//     maintenance windows and holidays, and switches the business days; prints what it did.
//   node --conditions=react-server --import tsx tests/integration/generation-race-worker.ts '<plan JSON>'
import type { CurrentUser } from "@/lib/auth/session";
import { heard, random } from "../support/worker-io";

export type WorkerPlan =
  | { kind: "generator"; label: string; now: string; seed: number }
  | {
      kind: "changer";
      label: string;
      now: string;
      seed: number;
      changes: number;
      seconds: number;
      manager: CurrentUser;
      admin: CurrentUser;
      /** Schedules to pause, resume and (with their form) edit. */
      targets: { scheduleId: string; form: Record<string, string> | null }[];
      servers: string[];
      /** The organisation's today: windows are placed in the days after it. */
      today: string;
      /** Dates to declare as holidays and remove again. */
      holidays: string[];
    };

export interface GeneratorLog {
  passes: number;
  created: number;
  replanned: number;
  deferred: number;
  /** Time spent in passes, for the test's summary line. */
  milliseconds: number;
}

export interface ChangeLog {
  made: { kind: string; detail: string }[];
  refused: { kind: string; error: string }[];
}

const plan = JSON.parse(process.argv[2] ?? "{}") as WorkerPlan;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function generate(p: Extract<WorkerPlan, { kind: "generator" }>): Promise<GeneratorLog> {
  const { db } = await import("@/lib/db");
  const { generateRuns } = await import("@/lib/scheduling/generation");
  await db.$queryRawUnsafe("SELECT 1");
  process.stdout.write("ready\n");
  await heard("go");
  let stopped = false;
  void heard("stop").then(() => (stopped = true));
  const next = random(p.seed);
  const log: GeneratorLog = { passes: 0, created: 0, replanned: 0, deferred: 0, milliseconds: 0 };
  // At least two passes even if "stop" came early, so every generator takes part in the race.
  while (log.passes < 2 || !stopped) {
    const started = performance.now();
    const report = await generateRuns(db, { now: new Date(p.now) });
    log.milliseconds += performance.now() - started;
    log.passes += 1;
    log.created += report.created;
    log.replanned += report.replanned;
    log.deferred += report.deferred.length;
    // A few milliseconds apart, so passes start at varied points of the changes (and "stop" gets in).
    await pause(Math.floor(next() * 10));
  }
  await db.$disconnect();
  return log;
}

async function change(p: Extract<WorkerPlan, { kind: "changer" }>): Promise<ChangeLog> {
  const { db } = await import("@/lib/db");
  const { runAction } = await import("@/lib/actions/define");
  await import("@/lib/scheduling/actions");
  await import("@/lib/settings/actions");
  const { actionDefinition } = await import("../support/fixtures");
  const { addDays } = await import("@/lib/time/dates");
  const request = { ip: "127.0.0.1", userAgent: `generation race ${p.label}` };
  const now = new Date(p.now);
  await db.$queryRawUnsafe("SELECT 1");
  process.stdout.write("ready\n");
  await heard("go");
  const next = random(p.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const log: ChangeLog = { made: [], refused: [] };
  const until = Date.now() + p.seconds * 1000;
  let workWeek = true;

  const kinds = ["pause or resume", "due time", "window added", "window removed", "holiday added", "holiday removed", "business days"] as const;
  // Every kind of change early on (a pause and its resume included), then at random.
  const opening: (typeof kinds)[number][] = ["pause or resume", "due time", "window added", "holiday added", "business days", "pause or resume", "window removed", "holiday removed"];
  let opened: string | null = null;
  // The opening always completes; after it, the count and the time bound the run.
  for (let n = 0; n < opening.length || (n < p.changes && Date.now() < until); n++) {
    const kind = opening[n] ?? pick(kinds);
    let name: string;
    let input: Record<string, unknown>;
    let user = p.manager;
    let label: string = kind;
    let detail: string;
    if (kind === "pause or resume") {
      // The opening pauses a schedule and then resumes the same one.
      const target = n < opening.length ? (p.targets.find((t) => t.scheduleId === opened) ?? p.targets[0]!) : pick(p.targets);
      opened = target.scheduleId;
      const { active } = await db.schedule.findUniqueOrThrow({ where: { id: target.scheduleId }, select: { active: true } });
      name = "schedule.set_active";
      input = { scheduleId: target.scheduleId, active: String(!active) };
      label = active ? "pause" : "resume";
      detail = target.scheduleId;
    } else if (kind === "due time") {
      const target = pick(p.targets.filter((t) => t.form));
      const { active } = await db.schedule.findUniqueOrThrow({ where: { id: target.scheduleId }, select: { active: true } });
      const dueTime = `${String(7 + Math.floor(next() * 12)).padStart(2, "0")}:${pick(["00", "15", "30", "45"])}`;
      const form: Record<string, unknown> = { ...target.form, dueTime, scheduleId: target.scheduleId };
      if (active) form.active = "on";
      else delete form.active;
      name = "schedule.update";
      input = form;
      detail = `${target.scheduleId} ${dueTime}`;
    } else if (kind === "window added") {
      const start = addDays(p.today, 1 + Math.floor(next() * 30));
      const hour = 6 + Math.floor(next() * 10);
      const hours = 1 + Math.floor(next() * 36);
      const end = addDays(start, Math.floor((hour + hours) / 24));
      name = "maintenance.create";
      input = {
        name: `Race window ${n}`,
        startsAt: `${start}T${String(hour).padStart(2, "0")}:00`,
        endsAt: `${end}T${String((hour + hours) % 24).padStart(2, "0")}:30`,
        serverId: next() < 0.5 ? "" : pick(p.servers),
      };
      detail = `${String(input.startsAt)} to ${String(input.endsAt)}`;
    } else if (kind === "window removed") {
      const windows = await db.maintenanceWindow.findMany({ select: { id: true, name: true }, orderBy: { id: "asc" } });
      if (windows.length === 0) continue;
      const window = pick(windows);
      name = "maintenance.remove";
      input = { windowId: window.id };
      detail = window.name;
    } else if (kind === "holiday added") {
      const taken = new Set((await db.holiday.findMany({ select: { date: true } })).map((h) => h.date));
      const free = p.holidays.filter((d) => !taken.has(d));
      if (free.length === 0) continue;
      const date = pick(free);
      name = "settings.add_holiday";
      input = { date, name: `Race holiday ${date}` };
      user = p.admin;
      detail = date;
    } else if (kind === "holiday removed") {
      const holidays = await db.holiday.findMany({ select: { id: true, date: true }, orderBy: { date: "asc" } });
      if (holidays.length === 0) continue;
      const holiday = pick(holidays);
      name = "settings.remove_holiday";
      input = { holidayId: holiday.id };
      user = p.admin;
      detail = holiday.date;
    } else {
      workWeek = !workWeek;
      name = "settings.update";
      input = { name: "Opsbook", timeZone: "UTC", businessDays: workWeek ? ["1", "2", "3", "4", "5"] : ["7", "1", "2", "3", "4"] };
      user = p.admin;
      detail = workWeek ? "Monday to Friday" : "Sunday to Thursday";
    }
    const result = await runAction(actionDefinition(name), input, { user, request, now });
    if (result.ok) log.made.push({ kind: label, detail });
    else log.refused.push({ kind: label, error: `${result.error} ${JSON.stringify(result.fieldErrors)}` });
    await pause(Math.floor(next() * 10));
  }
  await db.$disconnect();
  return log;
}

async function main() {
  const output = plan.kind === "generator" ? await generate(plan) : await change(plan);
  process.stdout.write(`${JSON.stringify(output)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
