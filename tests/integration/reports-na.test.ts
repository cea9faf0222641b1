// N/A exceptions in the reports: results recorded through the real action on a real database, then
// read back from the figures, each breakdown, the heat map, the exceptions list and both CSVs.
//
// October 2026, looked at from 10 November (everything past). One procedure, items:
//   backup-done (required check), tape (required check), errors (required number, at most 0),
//   offsite (optional check).
//   A day 5   S1 daily   op1  all pass                                   → clean
//   B day 6   S2 weekly  op1  tape N/A with a reason                      → N/A only
//   C day 7   S2 daily   op2  errors 3 (fails) and tape N/A with reason   → with failures (both listed)
//   D day 8   S1 daily   op2  errors 3 (fails)                           → with failures
//   E day 9   S1 daily   op1  offsite N/A, no reason (optional)          → clean
//   F day 12  S1 daily   op1  tape N/A, then corrected to a pass         → clean
//   G day 13  S1 daily   op1  completed before N/A needed a reason: a required N/A, naItems 0 → clean
//   H day 14  S1 daily   —    tape N/A with a reason, never completed    → missed; its N/A listed
import { formatLocalDate } from "@/lib/time/format";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ExceptionsTable } from "@/components/reports/exceptions-table";
import { HeatMap } from "@/components/reports/heat-map";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import { EXCEPTIONS_CSV_HEADER, FIGURES_CSV_HEADER, exceptionsCsvResponse, figuresCsv } from "@/lib/reports/csv";
import { periodContaining } from "@/lib/reports/periods";
import { getReport } from "@/lib/reports/queries";
import "@/lib/runs/actions";
import type { CurrentUser } from "@/lib/auth/session";
import { actionDefinition, as, makeUser } from "../support/fixtures";

const record = actionDefinition("result.record");
const NOW = new Date("2026-11-10T12:00:00Z");
const HOUR = 3_600_000;
const OCTOBER = periodContaining("month", "2026-10-15");
const TITLE = "Check the backup of the night";
const REASON_B = "=Tape library retired in September; backups go to disk";
const REASON_C = "Tape drive out for repair, see INC-12";
const REASON_H = "Tape not loaded over the weekend";

let op1: CurrentUser;
let op2: CurrentUser;
const ids: Record<string, string> = {};
const items: Record<string, string> = {};

function day(d: number) {
  return `2026-10-${String(d).padStart(2, "0")}`;
}

async function makeRun(key: string, d: number, server: "S1" | "S2", cadence = "DAILY") {
  const date = day(d);
  const dueAt = new Date(`${date}T10:00:00Z`);
  const run = await db.run.create({
    data: {
      procedureId: ids.procedure!,
      versionId: ids.version!,
      serverId: ids[server]!,
      periodKey: `na-${key}`,
      scopeKey: ids[server]!,
      cadence,
      localDate: date,
      opensAt: new Date(`${date}T00:00:00Z`),
      dueAt,
      graceEndsAt: new Date(dueAt.getTime() + 4 * HOUR),
    },
  });
  ids[key] = run.id;
  return { id: run.id, at: new Date(dueAt.getTime() - 2 * HOUR) };
}

/** Records one item through the action, at `at`, as `by`; every call must be accepted. */
async function put(runId: string, item: string, outcome: "PASS" | "FAIL" | "NOT_APPLICABLE", by: CurrentUser, at: Date, fields: { value?: string; note?: string } = {}) {
  const revision = await db.result.count({ where: { runId, itemId: items[item]! } });
  const saved = await runAction(record, { runId, itemId: items[item]!, outcome, value: fields.value ?? "", note: fields.note ?? "", expectedRevision: String(revision) }, as(by, at));
  expect(saved, `${item} ${outcome}`).toMatchObject({ ok: true });
}

/** Records every item not named in `except` as a pass (the number as 0). */
async function passRest(runId: string, by: CurrentUser, at: Date, except: string[]) {
  for (const item of ["backup-done", "tape", "errors", "offsite"]) {
    if (!except.includes(item)) await put(runId, item, "PASS", by, at, item === "errors" ? { value: "0" } : {});
  }
}

/** An RFC 4180 reader: the fields of each line, quotes removed. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(field);
      field = "";
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

function byHeader(header: readonly string[], row: string[]): Record<string, string> {
  return Object.fromEntries(header.map((h, i) => [h, row[i] ?? ""]));
}

beforeAll(async () => {
  op1 = await makeUser("OPERATOR", { name: "Nadia Operator" });
  op2 = await makeUser("OPERATOR", { name: "Omar Second" });
  ids.S1 = (await db.server.create({ data: { name: "NA-SRV-1", site: "HQ", roles: { create: [{ role: "MAILBOX" }] } } })).id;
  ids.S2 = (await db.server.create({ data: { name: "NA-SRV-2", site: "HQ", roles: { create: [{ role: "MAILBOX" }] } } })).id;
  const procedure = await db.procedure.create({ data: { slug: "na-exceptions" } });
  const version = await db.procedureVersion.create({
    data: {
      procedureId: procedure.id,
      number: 1,
      title: TITLE,
      purpose: "Confirm that last night's backup completed.",
      body: "Check the backup job.",
      cadence: "DAILY",
      smf: "SM",
      changeNote: "First version",
      source: "EDITOR",
      items: {
        create: [
          { key: "backup-done", position: 0, kind: "CHECK", text: "The backup job finished" },
          { key: "tape", position: 1, kind: "CHECK", text: "The tape was ejected and labelled" },
          { key: "errors", position: 2, kind: "NUMBER", text: "Errors reported by the backup job", unit: "errors", max: 0 },
          { key: "offsite", position: 3, kind: "CHECK", text: "The offsite copy was sent", required: false },
        ],
      },
    },
    include: { items: true },
  });
  await db.procedure.update({ where: { id: procedure.id }, data: { currentVersionId: version.id } });
  ids.procedure = procedure.id;
  ids.version = version.id;
  for (const item of version.items) items[item.key] = item.id;

  const a = await makeRun("A", 5, "S1");
  await passRest(a.id, op1, a.at, []);

  const b = await makeRun("B", 6, "S2", "WEEKLY");
  await put(b.id, "tape", "NOT_APPLICABLE", op1, b.at, { note: REASON_B });
  await passRest(b.id, op1, b.at, ["tape"]);

  const c = await makeRun("C", 7, "S2");
  await put(c.id, "errors", "PASS", op2, c.at, { value: "3" });
  await put(c.id, "tape", "NOT_APPLICABLE", op2, c.at, { note: REASON_C });
  await passRest(c.id, op2, c.at, ["errors", "tape"]);

  const d = await makeRun("D", 8, "S1");
  await put(d.id, "errors", "PASS", op2, d.at, { value: "3" });
  await passRest(d.id, op2, d.at, ["errors"]);

  const e = await makeRun("E", 9, "S1");
  await put(e.id, "offsite", "NOT_APPLICABLE", op1, e.at);
  await passRest(e.id, op1, e.at, ["offsite"]);

  const f = await makeRun("F", 12, "S1");
  await put(f.id, "tape", "NOT_APPLICABLE", op1, f.at, { note: "Thought the tape was not needed" });
  await passRest(f.id, op1, f.at, ["tape"]);
  await put(f.id, "tape", "PASS", op1, new Date(f.at.getTime() + HOUR));

  // Written as a run completed before this release was: a required N/A without a reason, and
  // neither exceptions nor counts on the run.
  const g = await makeRun("G", 13, "S1");
  await db.run.update({ where: { id: g.id }, data: { completedAt: g.at, completedById: op1.id } });
  for (const [item, outcome] of [["backup-done", "PASS"], ["tape", "NOT_APPLICABLE"], ["errors", "PASS"]] as const) {
    await db.result.create({ data: { runId: g.id, itemId: items[item]!, revision: 1, outcome, valueNumber: item === "errors" ? 0 : null, recordedById: op1.id, recordedAt: g.at } });
  }

  const h = await makeRun("H", 14, "S1");
  await put(h.id, "tape", "NOT_APPLICABLE", op1, h.at, { note: REASON_H });
});

describe("a required item marked N/A with a reason, in the reports", () => {
  it("is stored on the run by the action: counts for B, C and F (corrected), none for the legacy run", async () => {
    const runs = await db.run.findMany({ where: { id: { in: ["A", "B", "C", "D", "E", "F", "G", "H"].map((k) => ids[k]!) } } });
    const of = (k: string) => runs.find((r) => r.id === ids[k])!;
    expect(of("B")).toMatchObject({ hasExceptions: true, failedItems: 0, naItems: 1 });
    expect(of("C")).toMatchObject({ hasExceptions: true, failedItems: 1, naItems: 1 });
    expect(of("E")).toMatchObject({ hasExceptions: false, failedItems: 0, naItems: 0 });
    expect(of("F")).toMatchObject({ hasExceptions: false, failedItems: 0, naItems: 0 });
    expect(of("G")).toMatchObject({ hasExceptions: false, naItems: 0 });
    expect(of("H").completedAt).toBeNull();
  });

  it("counts the run under N/A only in the totals, never as clean or as failed", async () => {
    const r = await getReport(OCTOBER, NOW);
    expect(r.totals).toEqual({
      expected: 8, completed: 7, onTime: 7, clean: 4, withExceptions: 3, withFailures: 2, withNaOnly: 1,
      late: 0, missed: 1, skipped: 0, suppressed: 0, pending: 0,
    });
    expect(r.totals.clean + r.totals.withFailures + r.totals.withNaOnly).toBe(r.totals.completed);
    // Items: C's and D's failures; B's, C's and H's N/As (F's was corrected, E's is optional, G's predates reasons).
    expect(r.exceptionCounts).toEqual({ failed: 2, notApplicable: 3 });
    expect(r.exceptionCount).toBe(5);
    expect(r.trend.at(-1)).toMatchObject({ period: { from: OCTOBER.from }, clean: 4, withFailures: 2, withNaOnly: 1, withExceptions: 3 });
  });

  it("counts it apart in every breakdown and on its day", async () => {
    const r = await getReport(OCTOBER, NOW);
    const pick = <T extends { key: string }>(rows: T[], key: string) => rows.find((row) => row.key === key)!;
    expect(pick(r.byServer, ids.S1!)).toMatchObject({ label: "NA-SRV-1", expected: 6, completed: 5, clean: 4, withFailures: 1, withNaOnly: 0, missed: 1 });
    expect(pick(r.byServer, ids.S2!)).toMatchObject({ label: "NA-SRV-2", expected: 2, completed: 2, clean: 0, withFailures: 1, withNaOnly: 1 });
    expect(pick(r.byCadence, "WEEKLY")).toMatchObject({ completed: 1, clean: 0, withFailures: 0, withNaOnly: 1 });
    expect(pick(r.byCadence, "DAILY")).toMatchObject({ expected: 7, completed: 6, clean: 4, withFailures: 2, withNaOnly: 0, missed: 1 });
    expect(pick(r.byProcedure, ids.procedure!)).toMatchObject({ label: TITLE, completed: 7, clean: 4, withFailures: 2, withNaOnly: 1 });
    expect(pick(r.byOperator, op1.id)).toMatchObject({ label: "Nadia Operator", completed: 5, clean: 4, withFailures: 0, withNaOnly: 1 });
    expect(pick(r.byOperator, op2.id)).toMatchObject({ label: "Omar Second", completed: 2, clean: 0, withFailures: 2, withNaOnly: 0 });
    const onDay = (d: number) => r.days.find((x) => x.date === day(d))!;
    expect(onDay(6)).toMatchObject({ completed: 1, clean: 0, withFailures: 0, withNaOnly: 1 });
    expect(onDay(7)).toMatchObject({ completed: 1, clean: 0, withFailures: 1, withNaOnly: 0 });
    expect(onDay(12)).toMatchObject({ completed: 1, clean: 1 });
    // The heat map's text for the day says which kind of exception it had.
    const heatMap = renderToStaticMarkup(HeatMap({ days: r.days }));
    expect(heatMap).toContain(`title="${formatLocalDate(day(6))}: 1 of 1 runs completed (100%), 1 with N/A exceptions only"`);
    expect(heatMap).toContain(`title="${formatLocalDate(day(7))}: 1 of 1 runs completed (100%), 1 with failures"`);
  });

  it("lists each N/A exception with its item, operator and reason, beside the failures, each marked", async () => {
    const r = await getReport(OCTOBER, NOW);
    const listed = r.exceptions.map((e) => ({ run: Object.keys(ids).find((k) => ids[k] === e.runId), kind: e.kind, item: e.item, by: e.recordedBy, why: e.kind === "FAILURE" ? e.failureReason : e.note }));
    expect(listed.map((e) => e.run)).toEqual(["H", "D", "C", "C", "B"]);
    expect(listed).toEqual(
      expect.arrayContaining([
        { run: "H", kind: "NOT_APPLICABLE", item: "The tape was ejected and labelled", by: "Nadia Operator", why: REASON_H },
        { run: "D", kind: "FAILURE", item: "Errors reported by the backup job", by: "Omar Second", why: expect.stringContaining("exceeds the maximum") },
        { run: "C", kind: "FAILURE", item: "Errors reported by the backup job", by: "Omar Second", why: expect.stringContaining("exceeds the maximum") },
        { run: "C", kind: "NOT_APPLICABLE", item: "The tape was ejected and labelled", by: "Omar Second", why: REASON_C },
        { run: "B", kind: "NOT_APPLICABLE", item: "The tape was ejected and labelled", by: "Nadia Operator", why: REASON_B },
      ]),
    );
    const html = renderToStaticMarkup(ExceptionsTable({ rows: r.exceptions, timeZone: "UTC" }));
    const rows = [...html.matchAll(/<tr class="align-top" data-exception="([a-z-]+)">(.*?)<\/tr>/g)].map((m) => ({ kind: m[1], text: m[2]!.replace(/<[^>]+>/g, " ") }));
    expect(rows).toHaveLength(5);
    expect([rows[0]!.kind, rows[1]!.kind, rows[4]!.kind]).toEqual(["not-applicable", "failure", "not-applicable"]);
    expect([rows[2]!.kind, rows[3]!.kind].sort()).toEqual(["failure", "not-applicable"]);
    const naRow = rows.find((row) => row.text.includes("Tape drive out for repair"))!;
    expect(naRow).toMatchObject({ kind: "not-applicable" });
    expect(naRow.text).toMatch(/N\/A .*Required item marked N\/A\. Reason given: .*Tape drive out for repair, see INC-12 .*Omar Second/);
    const failRow = rows.find((row) => row.kind === "failure")!;
    expect(failRow.text).toMatch(/Failed .*3 errors .*exceeds the maximum/);
  });

  it("in the figures CSV: the totals and each breakdown with their kinds in the new columns, after the old ones", async () => {
    const lines = parseCsv(await figuresCsv(OCTOBER, NOW));
    expect(lines[0]).toEqual([...FIGURES_CSV_HEADER]);
    // The columns exports had before stay where they were; the kinds come after them.
    expect(FIGURES_CSV_HEADER.slice(0, 17).join(",")).toBe(
      "period_from,period_to,section,key,name,expected,completed,on_time,completed_late,with_exceptions,late_open,missed,skipped,suppressed,not_yet_due,completion_rate,on_time_rate",
    );
    const rows = lines.slice(1).map((row) => byHeader(FIGURES_CSV_HEADER, row));
    const row = (section: string, key: string) => rows.find((x) => x.section === section && x.key === key)!;
    expect(row("total", "")).toMatchObject({ expected: "8", completed: "7", with_exceptions: "3", clean: "4", with_failures: "2", with_na_only: "1", completion_rate: "0.8750" });
    expect(row("cadence", "WEEKLY")).toMatchObject({ completed: "1", clean: "0", with_failures: "0", with_na_only: "1" });
    expect(row("server", ids.S2!)).toMatchObject({ name: "NA-SRV-2", clean: "0", with_failures: "1", with_na_only: "1" });
    expect(row("operator", op1.id)).toMatchObject({ name: "Nadia Operator", clean: "4", with_failures: "0", with_na_only: "1" });
    expect(row("day", day(6))).toMatchObject({ clean: "0", with_failures: "0", with_na_only: "1" });
    for (const x of rows) expect(Number(x.clean) + Number(x.with_failures) + Number(x.with_na_only), `${x.section} ${x.key}`).toBe(Number(x.completed));
  });

  it("in the exceptions CSV: each N/A marked as such with its reason, kept as text", async () => {
    const text = await exceptionsCsvResponse(OCTOBER, "exceptions.csv").text();
    const lines = parseCsv(text);
    expect(lines[0]).toEqual([...EXCEPTIONS_CSV_HEADER]);
    expect(EXCEPTIONS_CSV_HEADER.slice(0, 13).join(",")).toBe("date,cadence,procedure,server,item,value,unit,failure_reason,note,recorded_by,recorded_at_utc,revision,run_id");
    const rows = lines.slice(1).map((row) => byHeader(EXCEPTIONS_CSV_HEADER, row));
    expect(rows.map((x) => `${x.date} ${x.exception}`).sort()).toEqual(
      [`${day(6)} not_applicable`, `${day(7)} failure`, `${day(7)} not_applicable`, `${day(8)} failure`, `${day(14)} not_applicable`].sort(),
    );
    const b = rows.find((x) => x.run_id === ids.B)!;
    // The reason starts with "=": written after an apostrophe, so no spreadsheet takes it for a formula.
    expect(b).toMatchObject({ cadence: "WEEKLY", server: "NA-SRV-2", item: "The tape was ejected and labelled", failure_reason: "", note: `'${REASON_B}`, na_reason: `'${REASON_B}`, recorded_by: "Nadia Operator" });
    expect(text).toContain(`"'${REASON_B}"`);
    const cFailure = rows.find((x) => x.run_id === ids.C && x.exception === "failure")!;
    expect(cFailure).toMatchObject({ value: "3", unit: "errors", na_reason: "", failure_reason: expect.stringContaining("exceeds the maximum") });
    expect(rows.find((x) => x.run_id === ids.C && x.exception === "not_applicable")).toMatchObject({ na_reason: REASON_C, note: REASON_C });
  });
});
