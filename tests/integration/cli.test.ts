// The command line, run as a separate process against this file's database, as a script would.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { verifyPassword } from "@/lib/auth/password";
import { runAction } from "@/lib/actions/define";
import { seedDatabase } from "@/lib/procedures/seed";
import { checkCredentials } from "@/lib/auth/sign-in";
import { LOCKOUT_FAILURES } from "@/lib/auth/throttle";
import "@/lib/runs/actions";
import { TEST_PASSWORD, actionDefinition, as, makeUser } from "../support/fixtures";

const root = path.resolve(import.meta.dirname, "../..");

function cli(args: string[], stdin = "") {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", ...args], {
    cwd: root,
    input: stdin,
    encoding: "utf8",
    env: { ...process.env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm run cli", () => {
  it("user add creates a user with the password read from standard input, audited", async () => {
    const result = cli(["user", "add", "--email", "Olga.Ops@Example.test", "--name", "Olga Ops", "--role", "operator"], "Lantern-Quarry-88\n");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Created OPERATOR Olga Ops <olga.ops@example.test>.");
    const user = await db.user.findUniqueOrThrow({ where: { email: "olga.ops@example.test" } });
    expect(user.role).toBe("OPERATOR");
    expect(await verifyPassword(user.passwordHash, "Lantern-Quarry-88")).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "user.create", entityId: user.id, actorLabel: "cli" });
  });

  it("refuses bad input and duplicates with a message and a non-zero exit, creating nothing", async () => {
    const before = await db.user.count();
    const badRole = cli(["user", "add", "--email", "x@example.test", "--name", "X", "--role", "ROOT"], "Lantern-Quarry-88\n");
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain("role: Choose a role.");
    const weak = cli(["user", "add", "--email", "y@example.test", "--name", "Y", "--role", "VIEWER"], "short\n");
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain("password: A password needs at least 12 characters.");
    const duplicate = cli(["user", "add", "--email", "olga.ops@example.test", "--name", "Olga", "--role", "VIEWER"], "Lantern-Quarry-99\n");
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("A user with that e-mail already exists.");
    const unknown = cli(["user", "remove"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown command");
    expect(await db.user.count()).toBe(before);
  });

  it("audit verify reports an intact chain with its length, and evidence and guards that match it", async () => {
    const events = await db.auditEvent.count();
    const runs = await db.run.count();
    // Every table, index (automatic ones included), view and trigger the migrations make; SQLite's
    // bookkeeping and Prisma's migrations table aside.
    const counted = await db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM sqlite_master WHERE name <> 'sqlite_sequence' AND name NOT LIKE 'sqlite_stat%' AND name NOT LIKE '%_prisma_migrations%'`,
    );
    const schemaObjects = Number(counted[0]!.n);
    const result = cli(["audit", "verify"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Audit trail intact: ${events} events verified.`);
    expect(result.stdout).toContain(
      `Evidence matches the trail: 0 results and the skips and completions of ${runs} runs agree with their 0 audit events; all 8 database guards are in place, and all ${schemaObjects} schema objects match the migrations.`,
    );
  });

  it("audit verify prints the newest event as an anchor, which later proves the end of the trail was not cut", async () => {
    expect(cli(["user", "add", "--email", "anchor@example.test", "--name", "Anchor Test", "--role", "VIEWER"], "Lantern-Quarry-89\n").code).toBe(0);
    const first = cli(["audit", "verify"]);
    expect(first.code).toBe(0);
    const anchor = /Anchor \(keep it to check later\): (#\d+:[0-9a-f]{64})/.exec(first.stdout)![1]!;
    const head = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(anchor).toBe(`#${head.seq}:${head.hash}`);
    const again = cli(["audit", "verify", "--anchor", anchor]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Anchor #${head.seq} matches.`);
    expect(cli(["audit", "verify", "--anchor", "#12:not-a-hash"]).code).toBe(2);

    // Cutting the newest event leaves a chain that is intact on its own; the anchor shows the cut,
    // and the check of the guards shows the trigger that had to be dropped for it.
    const guard = (await db.$queryRawUnsafe<{ sql: string }[]>(`SELECT sql FROM sqlite_master WHERE name = 'AuditEvent_no_delete'`))[0]!.sql;
    await db.$executeRawUnsafe(`DROP TRIGGER "AuditEvent_no_delete"`);
    await db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE "seq" = ?`, head.seq);
    const unguarded = cli(["audit", "verify"]);
    expect(unguarded.code).toBe(1);
    expect(unguarded.stdout).toBe("");
    expect(unguarded.stderr).toContain(
      'Database guard MISSING: The trigger "AuditEvent_no_delete" on table "AuditEvent" is missing; migration 20261124000100_sqlite_guards_and_search creates it, and without it rows of "AuditEvent" can be changed in place.',
    );
    // Put back, as someone covering their tracks would: now only the anchor shows the cut.
    await db.$executeRawUnsafe(guard);
    expect(cli(["audit", "verify"]).code).toBe(0);
    const cut = cli(["audit", "verify", "--anchor", anchor]);
    expect(cut.code).toBe(1);
    expect(cut.stderr).toContain(`Audit trail BROKEN: event #${head.seq} named by the anchor is missing (events were removed from the end of the trail).`);
   }, 120_000);

  it("audit verify exits 1 and names a result changed behind a guard that was put back, which the hash chain alone does not show", async () => {
    const now = new Date();
    await seedDatabase(db, { now });
    const operator = await makeUser("OPERATOR");
    const procedure = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D5" }, include: { currentVersion: { include: { items: true } } } });
    const item = procedure.currentVersion!.items.find((i) => i.text === "Submission Queue Length")!;
    const run = await db.run.create({
      data: {
        procedureId: procedure.id,
        versionId: procedure.currentVersionId!,
        periodKey: "cli-evidence",
        scopeKey: "-",
        cadence: "DAILY",
        localDate: now.toISOString().slice(0, 10),
        opensAt: new Date(now.getTime() - 6 * 3_600_000),
        dueAt: new Date(now.getTime() + 2 * 3_600_000),
        graceEndsAt: new Date(now.getTime() + 4 * 3_600_000),
      },
    });
    const saved = await runAction(actionDefinition("result.record"), { runId: run.id, itemId: item.id, outcome: "PASS", value: "42", expectedRevision: "0" }, as(operator, now));
    expect(saved).toMatchObject({ ok: true });
    const result = await db.result.findFirstOrThrow({ where: { runId: run.id } });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "result.record", entityId: run.id } });
    expect(cli(["audit", "verify"]).code).toBe(0);

    const guard = (await db.$queryRawUnsafe<{ sql: string }[]>(`SELECT sql FROM sqlite_master WHERE name = 'Result_no_update'`))[0]!.sql;
    await db.$executeRawUnsafe(`DROP TRIGGER "Result_no_update"`);
    await db.$executeRawUnsafe(`UPDATE "Result" SET "valueNumber" = 24 WHERE "id" = ?`, result.id);
    await db.$executeRawUnsafe(guard);
    const tampered = cli(["audit", "verify"]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toBe("");
    expect(tampered.stderr.trim()).toBe(
      `Evidence does NOT match the audit trail: Result ${result.id} (run ${run.id}, revision 1) disagrees with the audit trail: its valueNumber is 24, but event #${event.seq} (result.record) recorded 42.`,
    );
   }, 120_000);

  it("audit verify exits 1 and names the first altered event", async () => {
    const target = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "asc" } });
    // Only a test may get past the append-only trigger, and only by removing it.
    await db.$executeRawUnsafe(`DROP TRIGGER "AuditEvent_no_update"`);
    await db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "actorLabel" = 'someone else' WHERE "seq" = ?`, target.seq);
    const result = cli(["audit", "verify"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Audit trail BROKEN at event #${target.seq}: content does not match its hash (altered).`);
  });
});

describe("npm run cli -- user unlock / user set-password", () => {
  let hotel = { ip: "", userAgent: "vitest cli" };
  let shutOuts = 0;

  /** An administrator shut out at a new address: locked by rotating guesses and throttled by their own typing there. */
  async function shutOutAdmin() {
    shutOuts += 1;
    hotel = { ip: `192.0.2.${shutOuts}`, userAgent: "vitest cli" };
    const admin = await makeUser("ADMIN");
    for (let i = 0; i < 6; i++) await checkCredentials({ email: admin.email, password: `typo ${i}` }, hotel);
    for (let i = 0; i < LOCKOUT_FAILURES; i++) await checkCredentials({ email: admin.email, password: `guess ${i}` }, { ip: `198.18.${shutOuts}.${i}`, userAgent: "bot" });
    expect(await checkCredentials({ email: admin.email, password: TEST_PASSWORD }, hotel)).toBeNull();
    const row = await db.user.findUniqueOrThrow({ where: { id: admin.id } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    return { admin, row };
  }

  const stateOf = async (id: string) => {
    const user = await db.user.findUniqueOrThrow({ where: { id }, select: { email: true, passwordHash: true, sessionVersion: true, failedSignIns: true, lockedUntil: true } });
    return { ...user, failedAttempts: await db.signInAttempt.count({ where: { email: user.email, success: false } }) };
  };

  it("user unlock brings a shut-out administrator back: lockout, count and recorded failures cleared, audited as the cli", async () => {
    const { admin } = await shutOutAdmin();
    const failed = (await stateOf(admin.id)).failedAttempts;
    const result = cli(["user", "unlock", "--email", admin.email.toUpperCase()]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`Unlocked ${admin.name} <${admin.email}>: lockout lifted, ${failed} failed sign-in attempt(s) cleared.`);
    expect(await stateOf(admin.id)).toMatchObject({ failedSignIns: 0, lockedUntil: null, failedAttempts: 0 });
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "user.unlock", entityId: admin.id, actorLabel: "cli", actorId: null });
    expect(await checkCredentials({ email: admin.email, password: TEST_PASSWORD }, hotel)).not.toBeNull();
  }, 60_000);

  it("user set-password brings a shut-out administrator back with a new password and ends their sessions", async () => {
    const { admin, row } = await shutOutAdmin();
    const result = cli(["user", "set-password", "--email", admin.email], "Copper-Lantern-71-fjord\nignored second line\n");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(
      `New password set for ${admin.name} <${admin.email}>; their open sessions have ended and every sign-in limit on the account is cleared.`,
    );
    const after = await stateOf(admin.id);
    expect(after).toMatchObject({ failedSignIns: 0, lockedUntil: null, failedAttempts: 0, sessionVersion: row.sessionVersion + 1 });
    expect(await verifyPassword(after.passwordHash, "Copper-Lantern-71-fjord")).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "user.reset_password", entityId: admin.id, actorLabel: "cli" });
    expect(await checkCredentials({ email: admin.email, password: TEST_PASSWORD }, hotel)).toBeNull();
    expect(await checkCredentials({ email: admin.email, password: "Copper-Lantern-71-fjord" }, hotel)).not.toBeNull();
  }, 60_000);

  it("refuses an unknown e-mail, a weak or missing password and bad arguments with a message, changing nothing", async () => {
    const { admin } = await shutOutAdmin();
    const before = await stateOf(admin.id);
    const events = await db.auditEvent.count();

    const unknownUnlock = cli(["user", "unlock", "--email", "nobody@example.test"]);
    expect([unknownUnlock.code, unknownUnlock.stderr.trim(), unknownUnlock.stdout]).toEqual([1, "No user has the e-mail nobody@example.test.", ""]);
    const unknownSet = cli(["user", "set-password", "--email", "nobody@example.test"], "Copper-Lantern-71-fjord\n");
    expect([unknownSet.code, unknownSet.stderr.trim()]).toEqual([1, "No user has the e-mail nobody@example.test."]);
    const badEmail = cli(["user", "unlock", "--email", "not-an-address"]);
    expect([badEmail.code, badEmail.stderr.trim()]).toEqual([1, "email: Enter a valid e-mail address, like name@example.com."]);

    const weak = cli(["user", "set-password", "--email", admin.email], "Password2026!\n");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("password: That password is built from words and patterns attackers try first");
    const short = cli(["user", "set-password", "--email", admin.email], "short\n");
    expect([short.code, short.stderr.trim()]).toEqual([1, "password: A password needs at least 12 characters."]);
    const empty = cli(["user", "set-password", "--email", admin.email], "");
    expect([empty.code, empty.stderr.trim()]).toEqual([1, "No password given: write the new password as the first line of standard input."]);
    const blankLine = cli(["user", "set-password", "--email", admin.email], "\nCopper-Lantern-71-fjord\n");
    expect(blankLine.code).toBe(1);

    const noEmail = cli(["user", "unlock"]);
    expect([noEmail.code, noEmail.stderr.trim()]).toEqual([2, "Usage: user unlock --email EMAIL"]);
    expect(cli(["user", "set-password", "--email", admin.email, "--force"], "Copper-Lantern-71-fjord\n").code).toBe(2);

    expect(await stateOf(admin.id)).toEqual(before);
    expect(await db.auditEvent.count()).toBe(events);
  }, 120_000);

  it("user unlock on an account with nothing to clear says so and exits 1", async () => {
    const user = await makeUser("OPERATOR");
    const result = cli(["user", "unlock", "--email", user.email]);
    expect([result.code, result.stderr.trim()]).toEqual([1, `${user.name} is not locked out and has no failed sign-ins to clear.`]);
  });

  it("the help lists both commands", () => {
    const help = cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("user unlock --email EMAIL");
    expect(help.stdout).toContain("user set-password --email EMAIL");
  });
});
