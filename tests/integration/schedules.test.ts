import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import { seedDatabase } from "@/lib/procedures/seed";
import "@/lib/scheduling/actions";
import { PREVIEW_BODY_LIMIT, previewResponse, previewSchedule } from "@/lib/scheduling/preview";
import { ruleProblem } from "@/lib/scheduling/recurrence";
import { listSchedules } from "@/lib/scheduling/queries";
import type { CurrentUser } from "@/lib/auth/session";
import { actionDefinition, as, auditCount, makeUser } from "../support/fixtures";

const create = actionDefinition("schedule.create");
const update = actionDefinition("schedule.update");
const setActive = actionDefinition("schedule.set_active");
const createWindow = actionDefinition("maintenance.create");
const removeWindow = actionDefinition("maintenance.remove");

// The file runs at a pinned instant: the seed, every action and run generation act at NOW.
const NOW = new Date("2026-11-24T08:00:00Z");

let manager: CurrentUser;
let operator: CurrentUser;
let procedureId: string;

/** Acts as the user at NOW. */
const at = (user: CurrentUser) => ({ ...as(user), now: NOW });

function form(overrides: Record<string, unknown> = {}) {
  return {
    procedureId,
    name: "",
    kind: "WEEKLY",
    weekdays: ["1", "4"],
    interval: "2",
    anchorDate: "2026-11-02",
    dueTime: "09:30",
    graceMinutes: "60",
    timeZone: "Europe/London",
    assignee: "role:OPERATOR",
    scope: "PER_SERVER",
    scopeRoles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"],
    active: "on",
    ...overrides,
  };
}

beforeAll(async () => {
  await seedDatabase(db, { now: NOW });
  manager = await makeUser("MANAGER");
  operator = await makeUser("OPERATOR");
  procedureId = (await db.procedure.findUniqueOrThrow({ where: { seedCode: "A9" } })).id;
});

describe("schedule actions", () => {
  it("lets a manager create a schedule (allow) and refuses an operator (deny); runs follow at once", async () => {
    const before = await auditCount();
    expect(await runAction(create, form(), at(operator))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await auditCount()).toBe(before);
    const result = await runAction(create, form(), at(manager));
    expect(result).toMatchObject({ ok: true });
    const schedule = await db.schedule.findFirstOrThrow({ where: { procedureId } });
    expect(schedule).toMatchObject({ rrule: "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;WKST=MO", dueTime: "09:30", scope: "PER_SERVER" });
    const runs = await db.run.findMany({ where: { scheduleId: schedule.id } });
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) expect(run.dueAt.getTime()).toBeGreaterThanOrEqual(schedule.effectiveFrom.getTime());
    expect(new Set(runs.map((r) => r.serverId)).size).toBe(3); // two Hub Transport and one Edge Transport server
  });

  it("refuses rules that produce nothing, sub-daily rules, missing parameters, unknown procedures and reading pages, writing nothing", async () => {
    const count = await db.schedule.count();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ kind: "CUSTOM", rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30" }, "rrule", "This rule produces no occurrence in the next three years."],
      [{ kind: "CUSTOM", rrule: "FREQ=MINUTELY" }, "rrule", "FREQ=MINUTELY is not supported: use DAILY, WEEKLY, MONTHLY or YEARLY."],
      [{ kind: "CUSTOM", rrule: "FREQ=DAILY;BYHOUR=1,2,3,4" }, "rrule", "BYHOUR is not supported: schedules recur on whole days (no hours, minutes or seconds)."],
      [{ weekdays: [] }, "weekdays", "Choose at least one weekday."],
      [{ scopeRoles: [] }, "scopeRoles", "Choose the Exchange roles whose servers each get a run."],
      [{ dueTime: "25:00" }, "dueTime", "Enter the due time as HH:MM (24-hour)."],
      [{ procedureId: "nope" }, "procedureId", "Unknown procedure."],
      [{ assignee: "role:VIEWER" }, "assignee", "Choose operators, managers or a person."],
      [{ anchorDate: "2026-02-30" }, "anchorDate", "Enter the start date as YYYY-MM-DD."],
    ];
    // The MOF reading page (A11) has no checklist: nothing to record, so no schedule.
    const reading = await db.procedure.findUniqueOrThrow({ where: { seedCode: "A11" } });
    cases.push([{ procedureId: reading.id }, "procedureId", "A reading page is read and acknowledged, not scheduled."]);
    for (const [overrides, field, message] of cases) {
      const result = await runAction(create, form(overrides), at(manager));
      expect(result.ok, JSON.stringify(overrides)).toBe(false);
      if (!result.ok) expect(result.fieldErrors[field], JSON.stringify(overrides)).toEqual([message]);
    }
    expect(await db.schedule.count()).toBe(count);
  });

  it("changes only future untouched runs when a schedule is edited or paused", async () => {
    const schedule = await db.schedule.findFirstOrThrow({ where: { procedureId } });
    // Make one run past and one future run started: both must survive the edit.
    const runs = await db.run.findMany({ where: { scheduleId: schedule.id }, orderBy: { dueAt: "asc" }, include: { version: { include: { items: true } } } });
    const past = runs[0]!;
    await db.run.update({ where: { id: past.id }, data: { dueAt: new Date(NOW.getTime() - 86_400_000), graceEndsAt: new Date(NOW.getTime() - 86_000_000) } });
    const started = runs.at(-1)!;
    await db.result.create({ data: { runId: started.id, itemId: started.version.items[0]!.id, revision: 1, outcome: "PASS", recordedById: operator.id } });

    const result = await runAction(update, { ...form({ dueTime: "11:00", scopeRoles: ["MAILBOX"] }), scheduleId: schedule.id }, at(manager));
    expect(result.ok).toBe(true);
    const after = await db.run.findMany({ where: { scheduleId: schedule.id } });
    expect(after.find((r) => r.id === past.id)).toBeDefined();
    expect(after.find((r) => r.id === started.id)).toBeDefined();
    const fresh = after.filter((r) => r.id !== past.id && r.id !== started.id);
    expect(fresh.length).toBeGreaterThan(0);
    for (const run of fresh) {
      expect(run.dueAt.getTime()).toBeGreaterThan(NOW.getTime());
      expect(run.dueAt.toISOString()).toMatch(/T1[01]:00:00/); // 11:00 London is 11:00 or 10:00 UTC
    }
    const mailbox = await db.server.findMany({ where: { roles: { some: { role: "MAILBOX" } } }, select: { id: true } });
    expect(new Set(fresh.map((r) => r.serverId))).toEqual(new Set(mailbox.map((s) => s.id)));

    expect(await runAction(setActive, { scheduleId: schedule.id, active: "false" }, at(manager))).toMatchObject({ ok: true });
    const paused = await db.run.findMany({ where: { scheduleId: schedule.id } });
    expect(paused.map((r) => r.id).sort()).toEqual([past.id, started.id].sort());
    expect(await runAction(setActive, { scheduleId: schedule.id, active: "false" }, at(manager))).toMatchObject({ ok: false, error: "The schedule is already paused." });
    expect(await runAction(setActive, { scheduleId: schedule.id, active: "true" }, at(manager))).toMatchObject({ ok: true });
    expect(await db.run.count({ where: { scheduleId: schedule.id } })).toBeGreaterThan(2);
  });

  it("suppresses runs inside a maintenance window, refuses a window that ends before it starts, and restores runs when it is removed", async () => {
    const hub = await db.server.findUniqueOrThrow({ where: { name: "EXHUB01" } });
    const dailyRun = await db.run.create({
      data: {
        procedureId, versionId: (await db.procedure.findUniqueOrThrow({ where: { id: procedureId } })).currentVersionId!, serverId: hub.id,
        periodKey: "mw-test", scopeKey: hub.id, cadence: "DAILY", localDate: "2030-06-01",
        opensAt: new Date("2030-06-01T00:00:00Z"), dueAt: new Date("2030-06-01T10:00:00Z"), graceEndsAt: new Date("2030-06-01T12:00:00Z"),
      },
    });
    expect(await runAction(createWindow, { name: "Rollup 5", startsAt: "2030-06-01T12:00", endsAt: "2030-06-01T08:00", serverId: hub.id }, at(manager))).toMatchObject({
      ok: false,
      fieldErrors: { endsAt: ["The window must end after it starts."] },
    });
    expect(await runAction(createWindow, { name: "Rollup 5", startsAt: "2030-06-01T08:00", endsAt: "2030-06-01T12:00", serverId: "ghost" }, at(manager))).toMatchObject({
      ok: false,
      fieldErrors: { serverId: ["Choose a server from the inventory, or the whole organisation."] },
    });
    expect(await runAction(createWindow, { name: "Rollup 5", startsAt: "2030-06-01T08:00", endsAt: "2030-06-01T12:00", serverId: hub.id }, at(manager))).toMatchObject({ ok: true });
    expect((await db.run.findUniqueOrThrow({ where: { id: dailyRun.id } })).suppressed).toBe(true);
    const window = await db.maintenanceWindow.findFirstOrThrow({ where: { name: "Rollup 5" } });
    expect(await runAction(removeWindow, { windowId: window.id }, at(manager))).toMatchObject({ ok: true });
    expect((await db.run.findUniqueOrThrow({ where: { id: dailyRun.id } })).suppressed).toBe(false);
  });

  it("previews the next ten occurrences of what is typed, and explains a rule that has none", async () => {
    const preview = await previewSchedule(
      { kind: "MONTHLY_DAY", day: "31", anchorDate: "2027-01-01", dueTime: "02:30", graceMinutes: "0", timeZone: "America/New_York" },
      new Date("2026-11-24T12:00:00Z"),
    );
    expect(preview.ok).toBe(true);
    if (preview.ok) {
      expect(preview.description).toBe("Monthly on the 31st (or the month's last day)");
      expect(preview.occurrences.map((o) => o.date)).toEqual([
        "2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31", "2027-06-30", "2027-07-31", "2027-08-31", "2027-09-30", "2027-10-31",
      ]);
    }
    expect(await previewSchedule({ kind: "CUSTOM", rrule: "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31", anchorDate: "2027-01-01", dueTime: "02:30", graceMinutes: "0", timeZone: "UTC" })).toMatchObject({
      ok: false,
      error: "This rule produces no occurrence in the next three years.",
    });
  });
});

describe("custom rules the portal refuses", () => {
  const CATCH_ALL = "Something went wrong on the server";
  const PREVIEW = { anchorDate: "2027-01-01", dueTime: "09:00", graceMinutes: "0", timeZone: "UTC" };
  const previewRequest = (body: BodyInit, headers: Record<string, string> = { "Content-Type": "application/json" }) =>
    new Request("http://localhost/api/schedules/preview", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  const previewOf = (fields: Record<string, unknown>) => previewResponse(previewRequest(JSON.stringify({ ...PREVIEW, ...fields })), NOW);

  it("refuses a floating UNTIL in the form, the action and the preview with one sentence, where the engine used to throw", async () => {
    const message = "UNTIL=20270120T235959 has a time but no time zone. Give the last date (UNTIL=20270120) or the time in UTC, ending in Z (UNTIL=20270120T235959Z).";
    const count = await db.schedule.count();
    const result = await runAction(create, form({ kind: "CUSTOM", rrule: "FREQ=DAILY;UNTIL=20270120T235959" }), at(manager));
    expect(result).toMatchObject({ ok: false, fieldErrors: { rrule: [message] } });
    expect(await db.schedule.count()).toBe(count);
    expect(await previewSchedule({ ...PREVIEW, kind: "CUSTOM", rrule: "FREQ=DAILY;UNTIL=20270120T235959" }, NOW)).toMatchObject({ ok: false, error: message });
    const response = await previewOf({ kind: "CUSTOM", rrule: "FREQ=DAILY;UNTIL=20270120T235959" });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ ok: false, error: message, fieldErrors: { rrule: [message] } });
  });

  it("refuses a numbered weekday beside BYMONTHDAY in the action and the preview instead of planning runs on wrong dates", async () => {
    const rrule = "FREQ=YEARLY;BYDAY=2FR;BYMONTHDAY=9";
    const count = await db.schedule.count();
    const result = await runAction(create, form({ kind: "CUSTOM", rrule }), at(manager));
    expect(result.ok).toBe(false);
    const message = result.ok ? "" : result.fieldErrors.rrule?.[0];
    expect(message).toMatch(/^A numbered weekday \(2FR\) cannot be combined with BYMONTHDAY. For the second Friday write BYDAY=2FR alone/);
    expect(await db.schedule.count()).toBe(count);
    expect(await previewSchedule({ ...PREVIEW, kind: "CUSTOM", rrule }, NOW)).toMatchObject({ ok: false, error: message });
    const response = await previewOf({ kind: "CUSTOM", rrule });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ ok: false, error: message });
  });

  it("generates a run due at UNTIL and none due after it, as the preview shows", async () => {
    // UNTIL 2026-11-27 09:30 UTC: the 27th's run (09:30 London = 09:30 UTC in November) is due at it.
    for (const [dueTime, last] of [["09:30", "2026-11-27"], ["09:31", "2026-11-26"]] as const) {
      const result = await runAction(create, form({ kind: "CUSTOM", rrule: "FREQ=DAILY;UNTIL=20261127T093000Z", anchorDate: "2026-11-24", dueTime, scope: "ORGANISATION", scopeRoles: [] }), at(manager));
      expect(result).toMatchObject({ ok: true });
      const scheduleId = (result as { data: { scheduleId: string } }).data.scheduleId;
      const runs = await db.run.findMany({ where: { scheduleId }, select: { localDate: true }, orderBy: { localDate: "asc" } });
      expect(runs.map((r) => r.localDate).at(-1), `due ${dueTime}`).toBe(last);
      const listed = await db.schedule.findUniqueOrThrow({ where: { id: scheduleId } });
      expect(listed.rrule).toBe("FREQ=DAILY;UNTIL=20261127T093000Z");
    }
  });

  it("previews a run due at UNTIL and none due after it", async () => {
    const dates = async (dueTime: string) => {
      const preview = await previewSchedule({ ...PREVIEW, kind: "CUSTOM", rrule: "FREQ=DAILY;UNTIL=20270103T090000Z", dueTime }, NOW);
      return preview.ok ? preview.occurrences.map((o) => o.date) : preview.error;
    };
    expect(await dates("09:00")).toEqual(["2027-01-01", "2027-01-02", "2027-01-03"]);
    expect(await dates("09:01")).toEqual(["2027-01-01", "2027-01-02"]);
  });

  it("marks a stored rule that is now refused on the schedules list, where generation plans nothing for it", async () => {
    // A schedule saved before its rule was refused: written as it was then, around the action.
    const created = await runAction(create, form({ kind: "CUSTOM", rrule: "FREQ=DAILY", anchorDate: "2026-11-24", scope: "ORGANISATION", scopeRoles: [] }), at(manager));
    expect(created).toMatchObject({ ok: true });
    const scheduleId = (created as { data: { scheduleId: string } }).data.scheduleId;
    const fine = (await listSchedules(NOW)).find((s) => s.id === scheduleId)!;
    expect(fine).toMatchObject({ problem: null, next: "2026-11-24" });

    await db.schedule.update({ where: { id: scheduleId }, data: { rrule: "FREQ=DAILY;UNTIL=20270120T235959" } });
    const listed = (await listSchedules(NOW)).find((s) => s.id === scheduleId)!;
    expect(listed.problem).toBe(ruleProblem("FREQ=DAILY;UNTIL=20270120T235959"));
    expect(listed.problem).toMatch(/^UNTIL=20270120T235959 has a time but no time zone/);
    expect(listed.next).toBeNull();
    // Every other schedule still lists without a problem.
    expect((await listSchedules(NOW)).filter((s) => s.problem !== null).map((s) => s.id)).toEqual([scheduleId]);
    await db.schedule.update({ where: { id: scheduleId }, data: { active: false } });
  });

  it("refuses every refused combination with its sentence through the action and the preview handler, never the catch-all or a 500", async () => {
    const day = fc.integer({ min: 0, max: 36_000 }).map((n) => new Date(Date.UTC(2001, 0, 1) + n * 86_400_000).toISOString().slice(0, 10).replaceAll("-", ""));
    const freq = fc.constantFrom("DAILY", "WEEKLY", "MONTHLY", "YEARLY");
    const weekday = fc.constantFrom("MO", "TU", "WE", "TH", "FR", "SA", "SU");
    const numbered = fc.tuple(fc.constantFrom(1, 2, 3, 4, -1, -2), weekday).map(([n, d]) => `${n}${d}`);
    const refused = fc.oneof(
      fc.tuple(freq, fc.integer({ min: 1, max: 99 }), day).map(([f, c, d]) => `FREQ=${f};COUNT=${c};UNTIL=${d}`),
      fc.tuple(freq, day, fc.integer({ min: 0, max: 235_959 })).map(([f, d, t]) => `FREQ=${f};UNTIL=${d}T${String(t).padStart(6, "0")}`),
      fc.tuple(fc.constantFrom("DAILY", "WEEKLY"), numbered).map(([f, d]) => `FREQ=${f};BYDAY=${d}`),
      fc.tuple(fc.constantFrom("MONTHLY", "YEARLY"), numbered, weekday).map(([f, n, d]) => `FREQ=${f};BYDAY=${n},${d}`),
      fc.tuple(fc.constantFrom("MONTHLY", "YEARLY"), numbered, fc.integer({ min: 1, max: 31 })).map(([f, d, m]) => `FREQ=${f};BYDAY=${d};BYMONTHDAY=${m}`),
      fc.tuple(fc.integer({ min: 6, max: 53 }), weekday).map(([n, d]) => `FREQ=MONTHLY;BYDAY=${n}${d}`),
      fc.integer({ min: 1, max: 31 }).map((m) => `FREQ=WEEKLY;BYMONTHDAY=${m}`),
      fc.integer({ min: 1, max: 5 }).map((p) => `FREQ=DAILY;BYDAY=MO,FR;BYSETPOS=${p}`),
      fc.tuple(fc.constantFrom("WEEKLY", "MONTHLY", "YEARLY"), fc.integer({ min: 1, max: 5 })).map(([f, p]) => `FREQ=${f};BYSETPOS=-${p}`),
      fc.integer({ min: 8, max: 366 }).map((p) => `FREQ=WEEKLY;BYDAY=MO,TU;BYSETPOS=${p}`),
    );
    const count = await db.schedule.count();
    await fc.assert(
      fc.asyncProperty(refused, async (rrule) => {
        const message = ruleProblem(rrule);
        expect(message, rrule).toEqual(expect.any(String));
        const result = await runAction(create, form({ kind: "CUSTOM", rrule }), at(manager));
        expect(result.ok, rrule).toBe(false);
        if (!result.ok) {
          expect(result.error.startsWith(CATCH_ALL), rrule).toBe(false);
          expect(result.fieldErrors.rrule, rrule).toEqual([message]);
        }
        const response = await previewOf({ kind: "CUSTOM", rrule });
        expect(response.status, rrule).toBe(422);
        expect(await response.json(), rrule).toMatchObject({ ok: false, error: message });
      }),
      { numRuns: 60, seed: 20_270_120 },
    );
    expect(await db.schedule.count()).toBe(count);
  });
});

describe("the preview handler's body", () => {
  const SMALL = { kind: "DAILY", anchorDate: "2027-01-01", dueTime: "09:00", graceMinutes: "0", timeZone: "UTC" };
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    previewResponse(new Request("http://localhost/api/schedules/preview", { method: "POST", body, headers, duplex: "half" } as RequestInit), NOW);
  /** A body sent in pieces with no declared length, as a chunked request arrives. */
  const streamed = (pieces: number, size: number) => {
    let sent = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ === pieces) return controller.close();
        controller.enqueue(new TextEncoder().encode(" ".repeat(size)));
      },
    });
  };

  it("answers 413 with a JSON sentence for a declared length over 16 kB, before reading it", async () => {
    const response = await post(JSON.stringify(SMALL), { "Content-Length": String(PREVIEW_BODY_LIMIT + 1) });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: "The request is too large: this address accepts at most 16 kB." });
  });

  it("answers 413 for a body without a length once more than 16 kB have arrived, without reading the rest", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(4096).fill(32));
      },
    });
    const response = await post(endless);
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(10);
    expect((await post(streamed(5, 4096))).status).toBe(413);
  });

  it("reads a body of up to 16 kB, whether its length is declared or not", async () => {
    const padded = JSON.stringify({ ...SMALL, rrule: "" }).replace("{", `{${" ".repeat(PREVIEW_BODY_LIMIT - 200)}`);
    expect(new TextEncoder().encode(padded).byteLength).toBeLessThanOrEqual(PREVIEW_BODY_LIMIT);
    expect((await post(padded)).status).toBe(200);
    const pieces = new TextEncoder().encode(padded);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < pieces.length; i += 1000) controller.enqueue(pieces.slice(i, i + 1000));
        controller.close();
      },
    });
    expect((await post(stream)).status).toBe(200);
  });

  it("answers 400 with a JSON sentence for a body that is not JSON, not UTF-8 or not a form", async () => {
    for (const body of ["{", "", "[]", "null", '"x"', new Uint8Array([0x7b, 0xff, 0x7d])]) {
      const response = await post(body);
      expect(response.status, String(body)).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(/^The request /);
    }
  });
});
