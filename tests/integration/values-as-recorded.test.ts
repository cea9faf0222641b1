// Values recorded through the real action on a real database, then read back from every place
// that shows them: the run page's recorder (current and earlier revisions), the reports page and
// print view's exceptions table, the new-incident prefill and the exceptions CSV export (its real
// route handler, signed in). Each must show the value as recorded, digit for digit.
// First: it gives Next.js its AsyncLocalStorage before next/server and next-auth load.
import { inRouteRequest } from "../support/route-request";
import { NextRequest } from "next/server";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { ExceptionsTable } from "@/components/reports/exceptions-table";
import { toRecorderResult } from "@/components/runs/recorder-result";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import { prefillFromRun } from "@/lib/incidents/queries";
import { listExceptions } from "@/lib/reports/queries";
import "@/lib/runs/actions";
import { getRun } from "@/lib/runs/queries";
import { localDateOf } from "@/lib/time/dates";
import type { CurrentUser } from "@/lib/auth/session";
import { TEST_PASSWORD, actionDefinition, as, makeUser } from "../support/fixtures";

const record = actionDefinition("result.record");
const HOUR = 3_600_000;
// Recording reads no clock here (the action acts at NOW); the run is open around the real time as
// well, since the export's sign-in reads the clock.
const NOW = new Date();
const BASE = "http://127.0.0.1:3000";

interface Recorded {
  item: string;
  unit: string | null;
  kind: "NUMBER" | "TEXT";
  /** What the operator typed, in order: the last is the current result. */
  entries: string[];
  /** The current value as every page must show it, and as the CSV's value and unit cells. */
  shown: string;
  csv: [string, string];
}

const RECORDED: Recorded[] = [
  { item: "Queue wait", unit: "ms", kind: "NUMBER", entries: ["0.0004"], shown: "0.0004 ms", csv: ["0.0004", "ms"] },
  // Corrected: the earlier revision (123456789.1234) is shown in the run's history of the item.
  { item: "Store size", unit: "GB", kind: "NUMBER", entries: ["123456789.1234", "1234.5678"], shown: "1234.5678 GB", csv: ["1234.5678", "GB"] },
  { item: "Free space", unit: "%", kind: "NUMBER", entries: ["-5"], shown: "-5 %", csv: ["-5", "%"] },
  { item: "Backup job", unit: null, kind: "TEXT", entries: ["Backup;=1+1"], shown: "Backup;=1+1", csv: [`"'Backup;=1+1"`, ""] },
];

let operator: CurrentUser;
let manager: CurrentUser;
let runId: string;
let localDate: string;
const itemIds = new Map<string, string>();

/** A small RFC 4180 reader that keeps each field as written (quotes included), line by line. */
function rawFields(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    let end = i;
    if (line[i] === '"') {
      end = i + 1;
      while (end < line.length && !(line[end] === '"' && line[end + 1] !== '"')) end += line[end] === '"' ? 2 : 1;
      end += 1;
    } else {
      end = line.indexOf(",", i);
      if (end === -1) end = line.length;
    }
    fields.push(line.slice(i, end));
    i = end + 1;
  }
  return fields;
}

beforeAll(async () => {
  operator = await makeUser("OPERATOR", { name: "Vala Values" });
  manager = await makeUser("MANAGER", { name: "Rhys Reports" });
  localDate = localDateOf(NOW, "UTC");
  const procedure = await db.procedure.create({ data: { slug: "values-as-recorded" } });
  const version = await db.procedureVersion.create({
    data: {
      procedureId: procedure.id,
      number: 1,
      title: "Values as recorded",
      purpose: "Readings of every shape.",
      body: "Record each reading.",
      cadence: "DAILY",
      smf: "SM",
      changeNote: "First version",
      source: "EDITOR",
      items: { create: RECORDED.map((r, position) => ({ key: `k${position}`, position, kind: r.kind, text: r.item, unit: r.unit })) },
    },
    include: { items: true },
  });
  await db.procedure.update({ where: { id: procedure.id }, data: { currentVersionId: version.id } });
  for (const item of version.items) itemIds.set(item.text, item.id);
  const run = await db.run.create({
    data: {
      procedureId: procedure.id,
      versionId: version.id,
      periodKey: "values-as-recorded",
      scopeKey: "-",
      cadence: "DAILY",
      localDate,
      opensAt: new Date(NOW.getTime() - 6 * HOUR),
      dueAt: new Date(NOW.getTime() + 6 * HOUR),
      graceEndsAt: new Date(NOW.getTime() + 8 * HOUR),
    },
  });
  runId = run.id;
  for (const r of RECORDED) {
    for (const [revision, value] of r.entries.entries()) {
      const outcome = revision === r.entries.length - 1 ? "FAIL" : "PASS";
      const saved = await runAction(record, { runId, itemId: itemIds.get(r.item)!, outcome, value, expectedRevision: String(revision) }, as(operator, NOW));
      expect(saved, `${r.item} ${value}`).toMatchObject({ ok: true });
    }
  }
});

describe("a recorded value, wherever it is shown", () => {
  it("is stored as typed", async () => {
    const stored = await db.result.findMany({ where: { runId }, orderBy: [{ itemId: "asc" }, { revision: "asc" }], include: { item: { select: { text: true } } } });
    for (const r of RECORDED) {
      const values = stored.filter((s) => s.item.text === r.item).map((s) => (s.valueNumber !== null ? s.valueNumber : s.valueText));
      expect(values).toEqual(r.entries.map((e) => (r.kind === "NUMBER" ? Number(e) : e)));
    }
  });

  it("on the run page: the current result and each earlier revision", async () => {
    const run = (await getRun(runId, NOW))!;
    for (const r of RECORDED) {
      const item = run.items.find((i) => i.text === r.item)!;
      const current = toRecorderResult(item.current!, "UTC");
      // The recorder shows "value unit" for number items and puts the value back in the field.
      expect(`${current.value}${r.kind === "NUMBER" && r.unit ? ` ${r.unit}` : ""}`).toBe(r.shown);
      expect(current.value).toBe(r.entries.at(-1));
      expect(item.earlier.map((e) => toRecorderResult(e, "UTC").value)).toEqual(r.entries.slice(0, -1).reverse());
    }
  });

  it("in the reports page's and the print view's exceptions table", async () => {
    const rows = (await listExceptions(localDate, localDate, 100)).filter((row) => row.runId === runId);
    expect(rows.map((row) => row.value).sort()).toEqual(RECORDED.map((r) => r.shown).sort());
    for (const links of [true, false]) {
      const html = renderToStaticMarkup(ExceptionsTable({ rows, timeZone: "UTC", links }));
      const cells = [...html.matchAll(/<td class="whitespace-nowrap px-3 py-2 font-medium tabular-nums text-red-800">([^<]*)<\/td>/g)].map((m) => m[1]);
      expect(cells.sort()).toEqual(RECORDED.map((r) => r.shown).sort());
    }
  });

  it("in the new-incident form raised from the failed item", async () => {
    for (const r of RECORDED) {
      const prefill = await prefillFromRun(runId, itemIds.get(r.item)!);
      expect(prefill.kind).toBe("ok");
      if (prefill.kind === "ok") {
        expect(prefill.value).toBe(r.shown);
        expect(prefill.description).toContain(`${r.item}: ${r.shown},`);
      }
    }
  });

  it("in the exceptions CSV export: the number in its own cell (plain), its unit beside it", async () => {
    process.env.NEXTAUTH_URL = BASE;
    const auth = await import("@/app/api/auth/[...nextauth]/route");
    const exportRoute = await import("@/app/api/reports/export/route");
    const cookie = await signIn(auth, manager.email);
    const url = `${BASE}/api/reports/export?data=exceptions&period=custom&from=${localDate}&to=${localDate}`;
    const request = new NextRequest(url, { headers: { cookie, host: "127.0.0.1:3000", "user-agent": "vitest values" } });
    const response = await inRouteRequest(request, () => exportRoute.GET(request));
    expect(response.status).toBe(200);
    const lines = (await response.text()).split("\r\n").filter(Boolean);
    const header = rawFields(lines[0]!);
    expect(header.slice(5, 7)).toEqual(["value", "unit"]);
    const rows = lines.slice(1).map(rawFields).filter((fields) => fields[header.indexOf("run_id")] === runId);
    expect(rows).toHaveLength(RECORDED.length);
    for (const r of RECORDED) {
      const row = rows.find((fields) => fields[header.indexOf("item")] === r.item)!;
      expect([row[header.indexOf("value")], row[header.indexOf("unit")]], r.item).toEqual(r.csv);
    }
  });
});

type Handler = (request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

/** Signs in through the auth route handler and returns the Cookie header that carries the session. */
async function signIn(auth: { GET: unknown; POST: unknown }, email: string): Promise<string> {
  const call = async (handler: unknown, path: string, init: { cookie?: string; form?: Record<string, string> } = {}) => {
    const headers = new Headers({ host: "127.0.0.1:3000", "x-forwarded-for": "10.40.0.1", "user-agent": "vitest values" });
    if (init.cookie) headers.set("cookie", init.cookie);
    if (init.form) headers.set("content-type", "application/x-www-form-urlencoded");
    const request = new NextRequest(`${BASE}/api/auth/${path}`, { method: init.form ? "POST" : "GET", headers, body: init.form ? new URLSearchParams(init.form).toString() : undefined });
    return inRouteRequest(request, () => (handler as Handler)(request, { params: Promise.resolve({ nextauth: path.split("/") }) }));
  };
  const pair = (line: string) => line.split(";")[0]!;
  const csrf = await call(auth.GET, "csrf");
  const csrfCookie = pair(csrf.headers.getSetCookie().find((line) => line.startsWith("next-auth.csrf-token="))!);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signedIn = await call(auth.POST, "callback/credentials", { cookie: csrfCookie, form: { csrfToken, email, password: TEST_PASSWORD, json: "true" } });
  expect(signedIn.status).toBe(200);
  return pair(signedIn.headers.getSetCookie().find((line) => line.startsWith("next-auth.session-token="))!);
}
