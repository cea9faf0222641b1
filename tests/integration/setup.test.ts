import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { copyFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { db, createClient } from "@/lib/db";
import { verifyAuditChain } from "@/lib/audit/verify";
import { verifyPassword } from "@/lib/auth/password";
import { createFirstAdmin } from "@/lib/users/setup";
import { hasAnyUser } from "@/lib/auth/guard";
import { TEST_REQUEST } from "../support/fixtures";

const PASSWORD = "Setup-Granite-2026";
const ALREADY_COMPLETE = "Setup is already complete. Sign in instead.";

function setupInput(email: string, overrides: Record<string, unknown> = {}) {
  return { email, name: "First Admin", password: PASSWORD, confirm: PASSWORD, ...overrides };
}

async function counts() {
  return {
    users: await db.user.count(),
    audit: await db.auditEvent.count(),
    setupEvents: await db.auditEvent.count({ where: { action: "setup.create_first_admin" } }),
  };
}

// The tests in this block run in order on the file's own, initially empty database.
describe("creating the first administrator", () => {
  it("writes nothing for invalid input, and never echoes the passwords back", async () => {
    for (const input of [
      {},
      setupInput("not-an-email"),
      setupInput("admin@example.test", { confirm: "something-else-123" }),
      setupInput("admin@example.test", { password: "short", confirm: "short" }),
      setupInput("admin@example.test", { name: "" }),
      setupInput("admin@example.test", { password: "admin-is-me-2026", confirm: "admin-is-me-2026" }),
    ]) {
      const result = await createFirstAdmin(input, TEST_REQUEST);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      if (result.ok) continue;
      expect(result.error).toBe("Some fields need attention.");
      expect(Object.keys(result.fieldErrors).length).toBeGreaterThan(0);
      expect(JSON.stringify(result.values ?? {})).not.toMatch(/password|confirm|Setup-Granite/i);
    }
    expect(await counts()).toEqual({ users: 0, audit: 0, setupEvents: 0 });
    // So every page still sends visitors to /setup.
    expect(await hasAnyUser()).toBe(false);
  });

  it("creates exactly one administrator when 8 requests race", async () => {
    const emails = Array.from({ length: 8 }, (_, i) => `racer${i}@example.test`);

    const results = await Promise.all(emails.map((email) => createFirstAdmin(setupInput(email), TEST_REQUEST)));

    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ ok: true, message: "Administrator created. Sign in with the e-mail and password you chose." });
    expect(losers).toHaveLength(7);
    for (const loser of losers) expect(loser).toMatchObject({ ok: false, error: ALREADY_COMPLETE });

    expect(await counts()).toEqual({ users: 1, audit: 1, setupEvents: 1 });
    const admin = await db.user.findFirstOrThrow();
    expect(admin).toMatchObject({ role: "ADMIN", active: true, name: "First Admin" });
    expect(emails).toContain(admin.email);
    expect(await verifyPassword(admin.passwordHash, PASSWORD)).toBe(true);

    const event = await db.auditEvent.findFirstOrThrow();
    expect(event).toMatchObject({ seq: 1, action: "setup.create_first_admin", actorId: admin.id, actorLabel: admin.email, entityId: admin.id });
    expect(event.after).not.toMatch(/passwordHash|argon2/);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, verified: 1 });
    expect(await hasAnyUser()).toBe(true);
  });

  it("refuses any later attempt, even with valid input", async () => {
    const before = await counts();
    expect(await createFirstAdmin(setupInput("late@example.test"), TEST_REQUEST)).toMatchObject({ ok: false, error: ALREADY_COMPLETE });
    expect(await counts()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------

const ROOT = path.resolve(import.meta.dirname, "../..");
const WORKER = path.join(ROOT, "tests/support/setup-race-worker.ts");

interface Worker {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  done: Promise<{ code: number | null; lines: string[]; stderr: string }>;
}

function startWorker(databaseUrl: string, label: string, count: number): Worker {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", WORKER, label, String(count)], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "test" },
  });
  let stdout = "";
  let stderr = "";
  let markReady: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    stdout += chunk;
    if (stdout.includes("ready\n")) markReady();
  });
  child.stderr.on("data", (chunk: string) => (stderr += chunk));
  const done = new Promise<{ code: number | null; lines: string[]; stderr: string }>((resolve) => {
    child.on("close", (code) => {
      markReady(); // never leave the test waiting on a worker that died early
      resolve({ code, lines: stdout.split("\n").filter(Boolean), stderr });
    });
  });
  return { child, ready, done };
}

describe("two processes racing to set up", () => {
  it("creates exactly one administrator across processes sharing the database file", async () => {
    // A fresh, empty copy of the migrated template, used only by the two workers.
    const template = inject("templateDb");
    const file = path.join(path.dirname(template), `race-${randomUUID()}.db`);
    copyFileSync(template, file);
    const url = `file:${file}`;
    const PER_PROCESS = 3;

    const workers = [startWorker(url, "alpha", PER_PROCESS), startWorker(url, "beta", PER_PROCESS)];
    try {
      await Promise.all(workers.map((w) => w.ready));
      for (const w of workers) w.child.stdin.write("go\n");
      const outcomes = await Promise.all(workers.map((w) => w.done));

      // Everything a worker said goes into the failure message, so a failure explains itself.
      const report = JSON.stringify(outcomes, null, 2);
      for (const outcome of outcomes) expect(outcome.code, report).toBe(0);
      const results = outcomes.flatMap((o) => JSON.parse(o.lines.at(-1) ?? "[]") as { ok: boolean; error?: string }[]);
      expect(results, report).toHaveLength(2 * PER_PROCESS);
      expect(results.filter((r) => r.ok), report).toHaveLength(1);
      for (const r of results.filter((r) => !r.ok)) expect(r.error, report).toBe(ALREADY_COMPLETE);

      const client = createClient(file);
      try {
        expect(await client.user.count()).toBe(1);
        expect((await client.user.findFirstOrThrow()).role).toBe("ADMIN");
        expect(await client.auditEvent.count({ where: { action: "setup.create_first_admin" } })).toBe(1);
        expect(await verifyAuditChain(client)).toMatchObject({ ok: true, verified: 1 });
      } finally {
        await client.$disconnect();
      }
    } finally {
      for (const w of workers) if (w.child.exitCode === null) w.child.kill();
    }
  }, 60_000);
});
