// `npm run test:crash`: a write acknowledged to an operator survives the server being killed.
// Starts the production portal (`npm start`) on a fresh database, signs operators in over HTTP and
// has several clients save results through the real server action without pause; after a few
// seconds it SIGKILLs the server's whole process group with saves in flight. Then, offline: the
// database passes SQLite's integrity check and `audit verify`, every acknowledged save is there with
// its value and its one audit event, and nothing else is (a save cut off by the kill is either all
// there or not at all). Last it starts the portal again on the same file, which must come up
// healthy, show the saved results and take a new one. Exits 1 naming the first failure.
// Options: --seconds N (saving before the kill, default 5), --clients N (default 8),
// --port N (default 3431), --keep (leave the data folder behind).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { ITEM_APPLIES } from "@/lib/sql/sqlite";
import { signInCookie, startServer, type RunningServer } from "./support/http";
import { serverActionBody } from "./support/load";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = option("seconds", 5);
const CLIENTS = option("clients", 8);
const PORT = option("port", 3431);
const KEEP = args.includes("--keep");
const OPERATORS = 4;
const PASSWORD = "Crash-Safety-2026-lantern";
const tsx = path.join("node_modules", ".bin", "tsx");

/** One save sent to the server; `note` is unique to it and names it in the database. */
interface Save {
  client: number;
  runId: string;
  itemId: string;
  note: string;
  value: string;
  /** The revision it creates if it is accepted. */
  revision: number;
}

class CrashTestFailure extends Error {}

/** The server this script started and has not yet stopped, to kill if a check fails midway. */
let running: RunningServer | null = null;

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CrashTestFailure(message);
}

const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** The CLI, as an administrator runs it, on the test's database. */
function cli(file: string, argv: string[], input = ""): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, ["--conditions=react-server", "scripts/cli.ts", ...argv], { env: { ...process.env, DATABASE_URL: `file:${file}` } });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("close", (code) => resolve({ code, out: out.trim() }));
    child.stdin.end(input);
  });
}

function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
  if (!entry) throw new Error(`No server action ${exportedName} in ${file}`);
  return entry[0];
}

/**
 * The action's own answer in React's flight payload, or null. The payload is rows "<id>:<json>";
 * row 0 names the row holding the action's return value in its field "a" ("$@<id>").
 */
function actionResult(payload: string): { ok: boolean; error?: string; data?: { revision: number; outcome: string } } | null {
  const rows = new Map<string, string>();
  for (const line of payload.split("\n")) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  try {
    const reference = (JSON.parse(rows.get("0") ?? "null") as { a?: unknown } | null)?.a;
    if (typeof reference !== "string" || !reference.startsWith("$@")) return null;
    const value = JSON.parse(rows.get(reference.slice(2)) ?? "null") as { ok?: unknown } | null;
    return typeof value?.ok === "boolean" ? (value as { ok: boolean }) : null;
  } catch {
    return null;
  }
}

/** Posts a save the way the run page's form does and returns what the action answered. */
async function postSave(server: RunningServer, cookie: string, action: string, save: Save) {
  const { body, contentType } = serverActionBody({
    runId: save.runId,
    itemId: save.itemId,
    outcome: "PASS",
    value: save.value,
    note: save.note,
    expectedRevision: String(save.revision - 1),
  });
  const response = await fetch(`${server.url}/runs/${save.runId}`, {
    method: "POST",
    headers: { Cookie: cookie, "Next-Action": action, Accept: "text/x-component", Origin: server.url, "Content-Type": contentType },
    body: new Uint8Array(body),
  });
  const text = await response.text();
  return { status: response.status, result: actionResult(text) };
}

/** Starts the portal, first making sure no other server answers on the port. */
async function start(file: string): Promise<RunningServer> {
  const other = await fetch(`http://127.0.0.1:${PORT}/api/health`).then(
    () => true,
    () => false,
  );
  check(!other, `something already answers on port ${PORT}; choose another with --port`);
  return (running = await startServer(file, PORT));
}

/** Waits until every process of the server's group has exited. */
async function gone(server: RunningServer): Promise<void> {
  for (let waited = 0; !groupGone(server.process.pid!); waited += 50) {
    check(waited < 10_000, "the server's processes were still there 10 s after it was told to stop");
    await new Promise((r) => setTimeout(r, 50));
  }
}

function groupGone(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return false;
  } catch {
    return true;
  }
}

async function main(dir: string): Promise<void> {
  const started = performance.now();
  const file = path.join(dir, "opsbook.db");
  console.log(`crash-safety: database ${file}; ${CLIENTS} clients save for ${SECONDS} s, then the server is killed`);

  // 1. The portal as users start it, and operators added with the CLI while it runs.
  let t = performance.now();
  let server = await start(file);
  console.log(`  server up in ${elapsed(t)} (npm start: migrate, seed, build if needed)`);
  // Addresses of this run only: a sign-in can then only succeed on the server this run started.
  const emails = Array.from({ length: OPERATORS }, (_, i) => `operator${i + 1}.${path.basename(dir).toLowerCase()}@crash.test`);
  const added = await Promise.all(emails.map((email, i) => cli(file, ["user", "add", "--email", email, "--name", `Crash Operator ${i + 1}`, "--role", "OPERATOR"], `${PASSWORD}\n`)));
  for (const a of added) check(a.code === 0, `user add failed: ${a.out}`);
  const cookies = await Promise.all(Array.from({ length: CLIENTS }, (_, c) => signInCookie(server.url, emails[c % OPERATORS]!, PASSWORD)));
  // Today's page fills in the runs if the start-up pass has not yet.
  check((await fetch(`${server.url}/today`, { headers: { Cookie: cookies[0]! } })).status === 200, "/today did not answer 200");
  const action = actionId("lib/runs/actions.ts", "recordResultAction");

  // 2. Items of today's open runs that apply to the run's server, each client with its own, so every
  // save should be accepted.
  const raw = new Database(file, { readonly: true, fileMustExist: true });
  const pairs = raw
    .prepare(
      `SELECT run.id AS runId, item.id AS itemId, item.kind AS kind FROM "Run" run JOIN "ChecklistItem" item ON item.versionId = run.versionId
       WHERE julianday(run.opensAt) <= julianday('now') AND run.skippedAt IS NULL AND NOT run.suppressed AND item.kind IN ('CHECK', 'NUMBER')
         AND ${ITEM_APPLIES}
       ORDER BY run.id, item.position`,
    )
    .all() as { runId: string; itemId: string; kind: string }[];
  const userIds = new Map((raw.prepare(`SELECT id, email FROM "User"`).all() as { id: string; email: string }[]).map((u) => [u.email, u.id]));
  raw.close();
  check(pairs.length >= CLIENTS, `only ${pairs.length} open items to save on`);

  // 3. Sustained saves, each client sending its next as soon as the last was answered.
  const acknowledged: (Save & { outcome: string })[] = [];
  const refused: (Save & { error: string })[] = [];
  const cutOff: Save[] = [];
  const inFlight = new Set<Save>();
  let killedAt = 0;
  let inFlightAtKill: Save[] = [];
  const client = async (c: number) => {
    const mine = pairs.filter((_, i) => i % CLIENTS === c).map((p) => ({ ...p, revision: 0 }));
    for (let n = 0; !killedAt; n++) {
      const pair = mine[n % mine.length]!;
      const save: Save = { client: c, runId: pair.runId, itemId: pair.itemId, note: `crash c${c} n${n}`, value: pair.kind === "NUMBER" ? String(n % 90) : "", revision: pair.revision + 1 };
      inFlight.add(save);
      try {
        const answer = await postSave(server, cookies[c]!, action, save);
        inFlight.delete(save);
        if (!answer.result && killedAt) {
          cutOff.push(save);
          return;
        }
        check(answer.result, `a save before the kill got no action result (HTTP ${answer.status})`);
        if (answer.result.ok) {
          check(answer.result.data?.revision === save.revision, `${save.note} was accepted as revision ${answer.result.data?.revision}, expected ${save.revision}`);
          acknowledged.push({ ...save, outcome: answer.result.data.outcome });
          pair.revision = save.revision;
        } else refused.push({ ...save, error: answer.result.error ?? "" });
      } catch (error) {
        inFlight.delete(save);
        if (error instanceof CrashTestFailure) throw error;
        check(killedAt, `a save failed before the kill: ${error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error)}`);
        cutOff.push(save);
        return;
      }
    }
  };
  t = performance.now();
  const clients = Array.from({ length: CLIENTS }, (_, c) => client(c));
  // A client that fails before the kill ends the wait at once (Promise.all rejects with it).
  await Promise.race([new Promise((r) => setTimeout(r, SECONDS * 1000)), Promise.all(clients)]);
  const ackedAtKill = acknowledged.length;
  inFlightAtKill = [...inFlight];
  killedAt = performance.now();
  process.kill(-server.process.pid!, "SIGKILL");
  await Promise.all(clients);
  const savingSeconds = (killedAt - t) / 1000;
  await gone(server);
  const walBytes = statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  console.log(
    `  saved for ${savingSeconds.toFixed(1)} s: ${ackedAtKill} saves acknowledged before the kill (${(ackedAtKill / savingSeconds).toFixed(0)}/s), ` +
      `${inFlightAtKill.length} in flight at the kill (${acknowledged.length - ackedAtKill} of them answered, ${cutOff.length} cut off), ${refused.length} refused; WAL ${(walBytes / 1024).toFixed(0)} KiB`,
  );
  check(refused.length === 0, `saves were refused before the kill: ${refused.slice(0, 3).map((r) => `${r.note}: ${r.error}`).join("; ")}`);
  check(ackedAtKill > 0 && inFlightAtKill.length > 0, "the kill did not come mid-stream (no saves acknowledged or none in flight)");

  // 4. Offline, as the file was left.
  t = performance.now();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const integrity = db.prepare(`PRAGMA integrity_check`).all() as { integrity_check: string }[];
  check(integrity.length === 1 && integrity[0]!.integrity_check === "ok", `integrity check: ${JSON.stringify(integrity)}`);
  check(db.prepare(`PRAGMA foreign_key_check`).all().length === 0, "foreign key check found dangling references");
  const rows = db.prepare(`SELECT id, runId, itemId, revision, supersedesId, note, outcome, valueNumber, recordedById FROM "Result"`).all() as {
    id: string;
    runId: string;
    itemId: string;
    revision: number;
    supersedesId: string | null;
    note: string;
    outcome: string;
    valueNumber: number | null;
    recordedById: string;
  }[];
  const events = db
    .prepare(`SELECT json_extract("after", '$.resultId') AS resultId, count(*) AS n FROM "AuditEvent" WHERE action IN ('result.record', 'result.correct') GROUP BY 1`)
    .all() as { resultId: string; n: number }[];
  db.close();
  const byNote = new Map(rows.map((r) => [r.note, r]));
  for (const save of acknowledged) {
    const row = byNote.get(save.note);
    check(row, `acknowledged save "${save.note}" (run ${save.runId}, revision ${save.revision}) is missing after the kill`);
    check(
      row.runId === save.runId && row.itemId === save.itemId && row.revision === save.revision && row.outcome === save.outcome && row.recordedById === userIds.get(emails[save.client % OPERATORS]!),
      `acknowledged save "${save.note}" is stored differently: ${JSON.stringify(row)}`,
    );
    check(save.value === "" ? row.valueNumber === null : row.valueNumber === Number(save.value), `acknowledged save "${save.note}" has value ${row.valueNumber}, sent ${save.value}`);
  }
  const cutOffNotes = new Set(cutOff.map((s) => s.note));
  const ackedNotes = new Set(acknowledged.map((s) => s.note));
  const strays = rows.filter((r) => !ackedNotes.has(r.note) && !cutOffNotes.has(r.note));
  check(strays.length === 0, `results nobody sent or that were refused: ${strays.map((r) => r.note).join(", ")}`);
  const auditOf = new Map(events.map((e) => [e.resultId, e.n]));
  check(events.length === rows.length && rows.every((r) => auditOf.get(r.id) === 1), `results and their audit events differ: ${rows.length} results, ${events.length} audited`);
  const chains = new Map<string, typeof rows>();
  for (const r of rows) chains.set(`${r.runId}|${r.itemId}`, [...(chains.get(`${r.runId}|${r.itemId}`) ?? []), r]);
  for (const [key, chain] of chains) {
    chain.sort((a, b) => a.revision - b.revision);
    check(
      chain.every((r, i) => r.revision === i + 1 && r.supersedesId === (i === 0 ? null : chain[i - 1]!.id)),
      `item ${key} has revisions ${chain.map((r) => r.revision).join(",")}, not one unbroken line`,
    );
  }
  const verify = await cli(file, ["audit", "verify"]);
  check(verify.code === 0, `audit verify failed after the kill: ${verify.out}`);
  const anchor = /Anchor \(keep it to check later\): (#\d+:[0-9a-f]{64})/.exec(verify.out)?.[1];
  check(anchor, `audit verify printed no anchor: ${verify.out}`);
  const committedCutOff = rows.filter((r) => cutOffNotes.has(r.note)).length;
  console.log(
    `  after the kill: integrity ok; ${verify.out.split("\n")[0]!.replace(/\.$/, "")}; all ${acknowledged.length} acknowledged saves present with their values and audit events; ` +
      `${committedCutOff} of the ${cutOff.length} cut-off saves had committed (whole, with their audit event); checked in ${elapsed(t)}`,
  );

  // 5. The portal starts again on the same file, shows what was saved and takes a new save.
  t = performance.now();
  const last = acknowledged.at(-1)!;
  server = await start(file);
  try {
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { status: string; database: string };
    check(health.status === "ok" && health.database === "ok", `health after restart: ${JSON.stringify(health)}`);
    const cookie = await signInCookie(server.url, emails[0]!, PASSWORD);
    const page = await fetch(`${server.url}/runs/${last.runId}`, { headers: { Cookie: cookie } });
    const html = await page.text();
    check(page.status === 200 && html.includes(last.note), `the run page after restart does not show the acknowledged save "${last.note}" (HTTP ${page.status})`);
    const current = Math.max(...(chains.get(`${last.runId}|${last.itemId}`) ?? []).map((r) => r.revision));
    const after: Save = { client: 0, runId: last.runId, itemId: last.itemId, note: "crash after restart", value: last.value, revision: current + 1 };
    // Read the action's id again: a restart rebuilds the app when the sources changed meanwhile.
    const answer = await postSave(server, cookie, actionId("lib/runs/actions.ts", "recordResultAction"), after);
    check(answer.result?.ok === true, `a save after restart was not accepted: ${JSON.stringify(answer.result)} (HTTP ${answer.status})`);
  } finally {
    await server.stop();
    await gone(server);
    running = null;
  }
  const again = await cli(file, ["audit", "verify", "--anchor", anchor]);
  check(again.code === 0, `audit verify against the anchor taken after the kill failed: ${again.out}`);
  const stored = new Database(file, { readonly: true, fileMustExist: true });
  const kept = stored.prepare(`SELECT count(*) AS n FROM "Result"`).get() as { n: number };
  stored.close();
  check(kept.n === rows.length + 1, `after restart and one more save the database holds ${kept.n} results, expected ${rows.length + 1}`);
  console.log(`  restarted in ${elapsed(t)}: healthy, the run page shows "${last.note}", a new save accepted; ${again.out.split("\n")[0]}`);
  console.log(`crash-safety: passed in ${elapsed(started)}`);
}

const dir = mkdtempSync(path.join(tmpdir(), "opsbook-crash-"));
let passed = false;
main(dir)
  .then(() => (passed = true))
  .catch((error: unknown) => {
    console.error(`crash-safety: FAILED: ${error instanceof CrashTestFailure ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => {
    if (running && !groupGone(running.process.pid!)) process.kill(-running.process.pid!, "SIGKILL");
    if (KEEP || !passed) console.log(`crash-safety: data kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });
