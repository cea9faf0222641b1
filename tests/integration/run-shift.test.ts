// The run page for a shift, against a real database: earlier values of number items (by item key,
// procedure and server, latest revision, in the current unit and range), this shift's runs and the
// next run, the shift start times setting, and a required N/A without a reason changing nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import "@/lib/runs/actions";
import "@/lib/settings/actions";
import { getRun } from "@/lib/runs/queries";
import { getShiftRuns } from "@/lib/runs/shift-queries";
import { otherServersNamed, placeholderContextForServer } from "@/lib/procedures/placeholder-queries";
import { renderCommand } from "@/lib/procedures/placeholders";
import { readSettings } from "@/lib/settings/organisation";
import type { CurrentUser } from "@/lib/auth/session";
import { actionDefinition, as, auditCount, makeUser } from "../support/fixtures";

const record = actionDefinition("result.record");
const updateSettings = actionDefinition("settings.update");
const HOUR = 3_600_000;
const NOW = new Date("2026-12-09T11:00:00Z"); // the 07:00–15:00 shift, organisation on UTC

let operator: CurrentUser;
let manager: CurrentUser;
let admin: CurrentUser;
let procedureId: string;
let v1: { id: string; items: Record<string, string> };
let v2: { id: string; items: Record<string, string> };
let mbx: string;
let cas: string;

interface ItemSpec {
  key: string;
  kind: string;
  text: string;
  unit?: string;
  min?: number;
  max?: number;
  required?: boolean;
  roles?: string[];
}

async function makeVersion(number: number, items: ItemSpec[]) {
  const version = await db.procedureVersion.create({
    data: {
      procedureId,
      number,
      title: "Check CPU and memory use",
      purpose: "Sample the counters.",
      body: "Run typeperf.",
      cadence: "DAILY",
      smf: "MONITORING",
      changeNote: `Version ${number}`,
      source: "EDITOR",
      items: {
        create: items.map((item, position) => ({
          key: item.key,
          position,
          kind: item.kind,
          text: item.text,
          unit: item.unit ?? null,
          min: item.min ?? null,
          max: item.max ?? null,
          required: item.required ?? true,
          roles: { create: (item.roles ?? []).map((role) => ({ role })) },
        })),
      },
    },
    include: { items: true },
  });
  return { id: version.id, items: Object.fromEntries(version.items.map((i) => [i.key, i.id])) };
}

let counter = 0;
/** A daily run of the procedure on a server, due `days` after 9 December 10:00 (negative: before). */
async function makeRun(versionId: string, serverId: string | null, days: number, extra: Record<string, unknown> = {}) {
  const due = new Date(Date.UTC(2026, 11, 9, 10) + days * 24 * HOUR);
  return db.run.create({
    data: {
      procedureId,
      versionId,
      serverId,
      periodKey: `p-${counter++}`,
      scopeKey: serverId ?? "-",
      cadence: "DAILY",
      localDate: due.toISOString().slice(0, 10),
      opensAt: new Date(due.getTime() - 10 * HOUR),
      dueAt: due,
      graceEndsAt: new Date(due.getTime() + 4 * HOUR),
      assigneeRole: "OPERATOR",
      ...extra,
    },
  });
}

async function save(runId: string, itemId: string, value: string, outcome = "PASS", note = "") {
  const revision = (await db.result.count({ where: { runId, itemId } })) as number;
  const result = await runAction(record, { runId, itemId, outcome, value, note, expectedRevision: String(revision) }, as(operator, NOW));
  expect(result, `${value} ${outcome}`).toMatchObject({ ok: true });
}

beforeAll(async () => {
  operator = await makeUser("OPERATOR", { name: "Omar Operator" });
  manager = await makeUser("MANAGER", { name: "Maya Manager" });
  admin = await makeUser("ADMIN");
  procedureId = (await db.procedure.create({ data: { slug: "check-cpu-shift" } })).id;
  v1 = await makeVersion(1, [
    { key: "cpu", kind: "NUMBER", text: "% Processor Time", unit: "%", max: 90 },
    { key: "queue", kind: "NUMBER", text: "Processor Queue Length", unit: "threads", max: 2 },
    { key: "baseline", kind: "CHECK", text: "Compared with the baseline" },
    { key: "db-free", kind: "NUMBER", text: "Database volume free space", unit: "%", required: false, roles: ["MAILBOX"] },
  ]);
  // Version 2: the processor limit is stricter, and the queue is now counted per processor (a
  // new unit, so a new key).
  v2 = await makeVersion(2, [
    { key: "cpu", kind: "NUMBER", text: "% Processor Time", unit: "%", max: 80 },
    { key: "queue-per-cpu", kind: "NUMBER", text: "Processor Queue Length per processor", unit: "threads per processor", max: 1 },
    { key: "baseline", kind: "CHECK", text: "Compared with the baseline" },
    { key: "db-free", kind: "NUMBER", text: "Database volume free space", unit: "%", required: false, roles: ["MAILBOX"] },
  ]);
  await db.procedure.update({ where: { id: procedureId }, data: { currentVersionId: v2.id } });
  mbx = (await db.server.create({ data: { name: "EXMBX91", fqdn: "exmbx91.contoso.test", site: "HQ", roles: { create: [{ role: "MAILBOX" }] } } })).id;
  cas = (await db.server.create({ data: { name: "EXCAS91", fqdn: "excas91.contoso.test", site: "HQ", roles: { create: [{ role: "CLIENT_ACCESS" }] } } })).id;
});

describe("earlier values beside number items", () => {
  it("come from the same item key, procedure and server, latest revision only, newest last, in the current range", async () => {
    // Twelve earlier days on EXMBX91 under version 1: cpu 50, 51, … 61.
    for (let d = -12; d <= -1; d++) {
      const run = await makeRun(v1.id, mbx, d);
      await save(run.id, v1.items.cpu!, String(62 + d));
      await save(run.id, v1.items.queue!, "1");
    }
    // The day before: 85 corrected to 86; on EXCAS91 the same day, 99 (another server).
    const yesterday = await db.run.findFirstOrThrow({ where: { serverId: mbx, localDate: "2026-12-08" } });
    await save(yesterday.id, v1.items.cpu!, "86", "PASS", "Corrected: read the wrong counter");
    await save((await makeRun(v1.id, cas, -1)).id, v1.items.cpu!, "99");
    // A later run (tomorrow) is not "earlier", and a value corrected to N/A has no value.
    const tomorrow = await makeRun(v2.id, mbx, 1, { opensAt: new Date(NOW.getTime() - HOUR) });
    await save(tomorrow.id, v2.items.cpu!, "10");
    const twoDaysAgo = await db.run.findFirstOrThrow({ where: { serverId: mbx, localDate: "2026-12-07" } });
    await save(twoDaysAgo.id, v1.items.cpu!, "", "NOT_APPLICABLE", "Counter not collected that day");

    const today = await makeRun(v2.id, mbx, 0);
    await save(today.id, v2.items.cpu!, "70");
    const view = (await getRun(today.id, NOW))!;
    const cpu = view.items.find((i) => i.key === "cpu")!.previous!;
    // The last ten earlier values, oldest first: 52 … 59, then none on the 7th (N/A), then 86.
    expect(cpu.points.map((p) => p.value)).toEqual([51, 52, 53, 54, 55, 56, 57, 58, 59, 86]);
    expect(cpu.points.map((p) => p.localDate).at(-1)).toBe("2026-12-08");
    expect(cpu.last).toMatchObject({ value: 86, localDate: "2026-12-08", outOfRange: true });
    // Against version 2's maximum of 80 (not version 1's 90): only 86 is out of range.
    expect(cpu.outOfRange).toBe(1);
    // The queue changed its unit and its key: no earlier values mix into the new one.
    expect(view.items.find((i) => i.key === "queue-per-cpu")!.previous).toBeNull();
    // A check item has none; an item never recorded before has none.
    expect(view.items.find((i) => i.key === "baseline")!.previous).toBeNull();
    expect(view.items.find((i) => i.key === "db-free")!.previous).toBeNull();

    // The same procedure on EXCAS91 sees its own value only; the database item is left out there.
    const casToday = (await getRun((await makeRun(v2.id, cas, 0)).id, NOW))!;
    expect(casToday.items.find((i) => i.key === "cpu")!.previous!.points.map((p) => p.value)).toEqual([99]);
    expect(casToday.items.map((i) => i.key)).toEqual(["cpu", "queue-per-cpu", "baseline"]);
    expect(casToday.leftOut).toEqual([{ id: v2.items["db-free"], text: "Database volume free space", required: false, roles: ["MAILBOX"] }]);
  });

  it("are none before the first run of the procedure on the server", async () => {
    const run = await makeRun(v2.id, mbx, -30);
    const view = (await getRun(run.id, NOW))!;
    // Nothing before the first run on this server.
    expect(view.items.every((i) => i.previous === null)).toBe(true);
  });
});

describe("commands for the run's server", () => {
  it("fill placeholders with the run's server's and the organisation's values, as placeholder-queries reads them, and name the other servers a command names", async () => {
    const tool = await db.tool.create({ data: { slug: "typeperf-shift", name: "typeperf (shift test)", kind: "UTILITY", description: "Counters from the command line." } });
    const version = await makeVersion(3, [{ key: "cpu", kind: "NUMBER", text: "% Processor Time", unit: "%", max: 80 }]);
    await db.procedureTool.createMany({
      data: [
        { versionId: version.id, toolId: tool.id, position: 0, command: 'typeperf "\\Processor(_Total)\\% Processor Time" -s {{server}} -o {{var:logDrive}}\\cpu.csv' },
        { versionId: version.id, toolId: tool.id, position: 1, command: "Test-Connection {{org:dc}}; Get-Queue -Server EXCAS91" },
      ],
    });
    await db.placeholderVariable.createMany({
      data: [
        { name: "logDrive", scope: "SERVER", kind: "DRIVE", description: "Where logs go" },
        { name: "spare", scope: "SERVER", kind: "DRIVE", description: "Set on no server" },
        { name: "dc", scope: "ORGANISATION", kind: "HOST", value: "dc01.contoso.test" },
        { name: "um", scope: "ORGANISATION", kind: "HOST", value: "" },
      ],
    });
    await db.serverVariable.createMany({ data: [{ serverId: mbx, name: "logDrive", value: "L:" }, { serverId: cas, name: "logDrive", value: "K:" }] });

    const run = await makeRun(version.id, mbx, 5);
    const view = (await getRun(run.id, NOW))!;
    expect(view.placeholders).toEqual(await placeholderContextForServer(mbx));
    expect(view.placeholders).toMatchObject({ server: { name: "EXMBX91", vars: { logDrive: "L:" } }, org: { dc: "dc01.contoso.test" } });
    const texts = [...view.version.tools.map((t) => t.command), view.version.body];
    expect(view.otherServers).toEqual(await otherServersNamed(texts, "EXMBX91"));
    expect(view.otherServers).toEqual(["EXCAS91"]);
    expect(view.version.tools.map((t) => renderCommand(t.command, view.placeholders)[0]!.text)).toEqual([
      'typeperf "\\Processor(_Total)\\% Processor Time" -s EXMBX91 -o L:\\cpu.csv',
      "Test-Connection dc01.contoso.test; Get-Queue -Server EXCAS91",
    ]);
    // An organisation-wide run has no server values and names no "other" server.
    const orgWide = (await getRun((await makeRun(version.id, null, 5)).id, NOW))!;
    expect(orgWide.placeholders).toEqual(await placeholderContextForServer(null));
    expect(orgWide.otherServers).toEqual([]);
  });
});

describe("this shift's runs", () => {
  it("are the open runs due in the shift or gone late in it, assigned to me or my role, in Today's order, without the one I am on", async () => {
    const mine = (days: number, hour: number, extra: Record<string, unknown> = {}) => {
      const due = new Date(Date.UTC(2026, 11, 9 + days, hour));
      return makeRun(v2.id, null, 0, { dueAt: due, graceEndsAt: new Date(due.getTime() + 4 * HOUR), opensAt: new Date(Date.UTC(2026, 11, 9 + days)), localDate: due.toISOString().slice(0, 10), assigneeRole: "MANAGER", ...extra });
    };
    const current = await mine(0, 10);
    const dueNoon = await mine(0, 12);
    const dueEight = await mine(0, 8, { assigneeRole: null, assigneeUserId: manager.id, serverId: mbx, scopeKey: mbx });
    const lateFromNight = await mine(0, 6); // due 06:00, late until 10:00: went missed in this shift
    const late = await mine(0, 9); // due 09:00, late until 13:00
    const missedYesterday = await mine(-1, 10);
    const nextShift = await mine(0, 15);
    const done = await mine(0, 13, { completedAt: NOW, completedById: manager.id });
    const skipped = await mine(0, 13, { skippedAt: NOW, skipReason: "Not needed today" });
    const suppressed = await mine(0, 13, { suppressed: true });
    const someoneElse = await mine(0, 13, { assigneeRole: null, assigneeUserId: operator.id });
    const operators = await mine(0, 13, { assigneeRole: "OPERATOR" });
    const notOpen = await mine(0, 14, { opensAt: new Date(NOW.getTime() + HOUR) });

    const view = await getShiftRuns(manager, current.id, NOW);
    expect(view.label).toBe("07:00–15:00");
    const ids = view.runs.map((r) => r.id);
    // Missed first, then late, then due, each by due time (Today's order); the run on a server
    // assigned to me by name counts as mine.
    expect(ids).toEqual([lateFromNight.id, dueEight.id, late.id, dueNoon.id]);
    expect(view.runs.map((r) => r.state)).toEqual(["MISSED", "LATE", "LATE", "DUE"]);
    expect(view.runs[1]).toMatchObject({ title: "Check CPU and memory use", serverName: "EXMBX91" });
    for (const left of [current, missedYesterday, nextShift, done, skipped, suppressed, someoneElse, operators, notOpen]) expect(ids).not.toContain(left.id);
    // Seen from another run, the one I was on is in the queue again.
    expect((await getShiftRuns(manager, dueNoon.id, NOW)).runs.map((r) => r.id)).toContain(current.id);
  });

  it("follow the organisation's shift start times, and say so when nothing is left", async () => {
    const later = new Date("2026-12-11T16:00:00Z");
    expect(await getShiftRuns(operator, null, later)).toEqual({ label: "15:00–23:00", runs: [] });
    // Two twelve-hour shifts from 06:00 and 18:00.
    expect(await runAction(updateSettings, { name: "Opsbook", timeZone: "UTC", businessDays: ["1", "2", "3", "4", "5"], shiftStarts: "18:00, 6:00" }, as(admin, NOW))).toMatchObject({
      ok: true,
      message: expect.stringContaining("Shifts now start at 06:00 and 18:00."),
    });
    expect((await getShiftRuns(operator, null, later)).label).toBe("06:00–18:00");
    expect((await readSettings(db)).shiftStarts).toEqual(["06:00", "18:00"]);
    // A save without the field keeps them; a bad list is refused beside the field, changing nothing.
    expect(await runAction(updateSettings, { name: "Opsbook", timeZone: "UTC", businessDays: ["1"] }, as(admin, NOW))).toMatchObject({ ok: true });
    expect((await readSettings(db)).shiftStarts).toEqual(["06:00", "18:00"]);
    const before = { row: await db.organisationSettings.findUnique({ where: { id: 1 } }), audit: await auditCount() };
    const refused = await runAction(updateSettings, { name: "Opsbook", timeZone: "UTC", businessDays: ["1"], shiftStarts: "06:00, 06:00" }, as(admin, NOW));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { shiftStarts: ["06:00 is given twice. Each shift starts at a different time."] } });
    expect({ row: await db.organisationSettings.findUnique({ where: { id: 1 } }), audit: await auditCount() }).toEqual(before);
    // A manager may not change them.
    expect(await runAction(updateSettings, { name: "Opsbook", timeZone: "UTC", businessDays: ["1"], shiftStarts: "07:00" }, as(manager, NOW))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    await runAction(updateSettings, { name: "Opsbook", timeZone: "UTC", businessDays: ["1", "2", "3", "4", "5"], shiftStarts: "07:00, 15:00, 23:00" }, as(admin, NOW));
  });
});

describe("N/A on a required item", () => {
  it("without a reason is refused beside the note, nothing saved and what was typed sent back; with one it saves and the run completes with an exception", async () => {
    const run = await makeRun(v2.id, cas, 2, { opensAt: new Date(NOW.getTime() - HOUR) });
    const before = { results: await db.result.count(), audit: await auditCount(), run: await db.run.findUniqueOrThrow({ where: { id: run.id } }) };
    const refused = await runAction(record, { runId: run.id, itemId: v2.items.cpu!, outcome: "NOT_APPLICABLE", value: "42", note: "n/a", expectedRevision: "0" }, as(operator, NOW));
    expect(refused).toMatchObject({
      ok: false,
      fieldErrors: { note: ["This item is required: say in the note why it does not apply (at least 5 characters)."] },
      values: { value: "42", note: "n/a" },
    });
    expect({ results: await db.result.count(), audit: await auditCount(), run: await db.run.findUniqueOrThrow({ where: { id: run.id } }) }).toEqual(before);

    await save(run.id, v2.items.cpu!, "", "NOT_APPLICABLE", "Counter disabled on this server");
    await save(run.id, v2.items["queue-per-cpu"]!, "0.5");
    await save(run.id, v2.items.baseline!, "");
    const stored = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored).toMatchObject({ completedById: operator.id, hasExceptions: true, failedItems: 0, naItems: 1 });
    const view = (await getRun(run.id, NOW))!;
    expect(view).toMatchObject({ state: "COMPLETED_WITH_EXCEPTIONS", requiredDone: 3, requiredTotal: 3, failedItems: 0, naItems: 1 });
    // Its earlier N/A is no earlier value for the next run on EXCAS91.
    const next = (await getRun((await makeRun(v2.id, cas, 3)).id, NOW))!;
    expect(next.items.find((i) => i.key === "cpu")!.previous!.points.map((p) => p.value)).toEqual([99]);
  });
});
