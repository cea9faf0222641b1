// Sign-in limits cannot be turned against the account's owner (decision 027): through
// checkCredentials on this file's real database, at pinned instants, with attackers at other
// addresses; unlocking clears every limit; unknown and existing e-mails cost the same statements;
// a database failure is answered like any other refusal.
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import Database from "better-sqlite3";
import { db, type Db } from "@/lib/db";
import { databaseFile } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createAdapter } from "@/lib/sql";
import { checkCredentials } from "@/lib/auth/sign-in";
import { authOptions } from "@/lib/auth/options";
import { LOCKOUT_FAILURES, LOCKOUT_MS, THROTTLE_WINDOW_MS } from "@/lib/auth/throttle";
import { runAction } from "@/lib/actions/define";
import "@/lib/users/actions";
import { TEST_PASSWORD, actionDefinition, as, makeUser } from "../support/fixtures";

const MINUTE = 60_000;
const START = new Date(Date.now() - 60 * MINUTE);
const at = (ms: number) => new Date(START.getTime() + ms);

let counter = 0;
/** A client address no other test uses. */
function address(label: string) {
  counter += 1;
  return { ip: `198.51.${counter}.${label.length}`, userAgent: `vitest ${label}` };
}

type Request = ReturnType<typeof address>;

function attempt(email: string, password: string, request: Request, now: Date, client?: Db) {
  return checkCredentials({ email, password }, request, { now, ...(client ? { db: client } : {}) });
}

/** The reason the last refusal of this account (or e-mail) gave in the audit trail. */
async function lastReason(entityId: string): Promise<string | undefined> {
  const event = await db.auditEvent.findFirstOrThrow({ where: { entityId }, orderBy: { seq: "desc" } });
  return event.after ? (JSON.parse(event.after) as { reason?: string }).reason : event.action;
}

/** An administrator who signed in from `home` before: that address is known for the account. */
async function ownerAtHome() {
  const owner = await makeUser("ADMIN");
  const home = address("home");
  expect(await attempt(owner.email, TEST_PASSWORD, home, at(0))).not.toBeNull();
  return { owner, home };
}

describe("an attacker at another address cannot keep the owner out", () => {
  it("a burst of wrong passwords, sequential and parallel, at another address: the owner at home is neither refused nor delayed", async () => {
    const { owner, home } = await ownerAtHome();
    const attacker = address("attacker");
    const t = at(MINUTE);
    for (let i = 0; i < 12; i++) expect(await attempt(owner.email, `wrong ${i}`, attacker, t)).toBeNull();
    await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(owner.email, `parallel ${i}`, attacker, t)));
    expect(await lastReason(owner.id)).toBe("throttled");

    // The same instant: no wait at all for the owner, whose own record at home is clean.
    expect(await attempt(owner.email, TEST_PASSWORD, home, t)).not.toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({ failedSignIns: 0, lockedUntil: null });
  });

  it("a guess every 60 s for three hours at another address never refuses the owner at home, nor at an address never used before", async () => {
    const { owner, home } = await ownerAtHome();
    const attacker = address("steady");
    for (let minute = 1; minute <= 180; minute++) {
      expect(await attempt(owner.email, `steady ${minute}`, attacker, at(minute * MINUTE))).toBeNull();
      if (minute % 15 === 0) {
        const signedIn = await attempt(owner.email, TEST_PASSWORD, home, at(minute * MINUTE + 30_000));
        expect(signedIn, `owner at home, minute ${minute}`).not.toBeNull();
      }
    }
    // One address alone is held to a few checked guesses by its own limit, short of the lockout.
    const checked = await db.auditEvent.count({ where: { entityId: owner.id, ip: attacker.ip, after: { contains: '"wrong password"' } } });
    expect(checked).toBeLessThan(LOCKOUT_FAILURES);
    expect((await db.user.findUniqueOrThrow({ where: { id: owner.id } })).lockedUntil).toBeNull();
    expect(await attempt(owner.email, TEST_PASSWORD, address("hotel"), at(181 * MINUTE))).not.toBeNull();
  }, 120_000);

  it("guesses from rotating addresses lock out only addresses the account is not known at, for 30 minutes that further guesses do not extend", async () => {
    const { owner, home } = await ownerAtHome();
    const t = at(MINUTE);
    for (let i = 0; i < LOCKOUT_FAILURES; i++) expect(await attempt(owner.email, `rotating ${i}`, address(`bot${i}`), t)).toBeNull();
    const { lockedUntil } = await db.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(lockedUntil).toEqual(new Date(t.getTime() + LOCKOUT_MS));

    // At home the right password works at once, and does not lift the lockout for the others.
    expect(await attempt(owner.email, TEST_PASSWORD, home, t)).not.toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: owner.id } })).lockedUntil).toEqual(lockedUntil);
    // At a new address the owner is refused like the attackers (the price of stopping them)...
    const hotel = address("hotel");
    expect(await attempt(owner.email, TEST_PASSWORD, hotel, at(2 * MINUTE))).toBeNull();
    expect(await lastReason(owner.id)).toBe("account locked");
    // ...while the attackers go on: refused before the check, so neither counted nor extending it.
    for (let minute = 3; minute < 31; minute++) await attempt(owner.email, `still rotating ${minute}`, address(`bot-late${minute}`), at(minute * MINUTE));
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({ lockedUntil, failedSignIns: 0 });
    expect(await attempt(owner.email, TEST_PASSWORD, hotel, new Date(lockedUntil!.getTime() + 1000))).not.toBeNull();
  }, 60_000);

  it("spraying many accounts from the owner's own address (a shared NAT) does not refuse the owner there", async () => {
    const { owner, home } = await ownerAtHome();
    const t = at(MINUTE);
    await db.signInAttempt.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({ email: `sprayed${counter}-${i}@example.test`, ip: home.ip, success: false, at: t })),
    });
    const stranger = await makeUser("VIEWER");
    // An account never used from here is held back by the address's limit...
    expect(await attempt(stranger.email, TEST_PASSWORD, home, t)).toBeNull();
    expect(await lastReason(stranger.id)).toBe("throttled");
    // ...the owner, known here, is not.
    expect(await attempt(owner.email, TEST_PASSWORD, home, t)).not.toBeNull();
  });

  it("the owner's own wrong passwords at home slow only the owner at home, and the wait ends", async () => {
    const { owner, home } = await ownerAtHome();
    const t = at(MINUTE);
    for (let i = 0; i < 5; i++) await attempt(owner.email, `typo ${i}`, home, t);
    expect(await attempt(owner.email, TEST_PASSWORD, home, t)).toBeNull();
    expect(await lastReason(owner.id)).toBe("throttled");
    // Known-address typing is the pair's business: it brings no lockout closer.
    expect((await db.user.findUniqueOrThrow({ where: { id: owner.id } })).failedSignIns).toBe(0);
    expect(await attempt(owner.email, TEST_PASSWORD, address("elsewhere"), t)).not.toBeNull();
    expect(await attempt(owner.email, TEST_PASSWORD, home, new Date(t.getTime() + THROTTLE_WINDOW_MS))).not.toBeNull();
  });
});

describe("unlocking clears every limit on the account", () => {
  /** The owner at a new address: locked by rotating guesses and throttled by their own typing there. */
  async function shutOut() {
    const owner = await makeUser("ADMIN");
    const hotel = address("hotel");
    const t = at(MINUTE);
    for (let i = 0; i < 6; i++) await attempt(owner.email, `typo ${i}`, hotel, t);
    for (let i = 0; i < LOCKOUT_FAILURES; i++) await attempt(owner.email, `rotating ${i}`, address(`bot${i}`), t);
    expect(await attempt(owner.email, TEST_PASSWORD, hotel, t)).toBeNull();
    const row = await db.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(t.getTime());
    return { owner, hotel, t };
  }

  it("an administrator's Unlock lifts the lockout and the throttle: the owner gets in at once, and it is audited", async () => {
    const admin = await makeUser("ADMIN");
    const { owner, hotel, t } = await shutOut();
    expect(await runAction(actionDefinition("user.unlock"), { userId: owner.id }, as(admin))).toMatchObject({ ok: true });
    expect(await db.signInAttempt.count({ where: { email: owner.email, success: false } })).toBe(0);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: owner.id, action: "user.unlock" } });
    expect(JSON.parse(event.before!)).toMatchObject({ failedSignIns: 0, failedAttempts: 6 + LOCKOUT_FAILURES + 1 });
    expect(JSON.parse(event.after!)).toEqual({ lockedUntil: null, failedSignIns: 0, failedAttempts: 0 });
    expect(await attempt(owner.email, TEST_PASSWORD, hotel, t)).not.toBeNull();
  });

  it("Unlock also serves an account that is only throttled, and is refused when there is nothing to clear", async () => {
    const admin = await makeUser("ADMIN");
    const owner = await makeUser("OPERATOR");
    const office = address("office");
    const t = at(MINUTE);
    for (let i = 0; i < 6; i++) await attempt(owner.email, `typo ${i}`, office, t);
    expect(await attempt(owner.email, TEST_PASSWORD, office, t)).toBeNull();
    expect(await runAction(actionDefinition("user.unlock"), { userId: owner.id }, as(admin))).toMatchObject({ ok: true });
    expect(await attempt(owner.email, TEST_PASSWORD, office, t)).not.toBeNull();
    expect(await runAction(actionDefinition("user.unlock"), { userId: owner.id }, as(admin))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not locked out and has no failed sign-ins to clear/),
    });
  });

  it("a password reset by an administrator clears every limit too", async () => {
    const admin = await makeUser("ADMIN");
    const { owner, hotel, t } = await shutOut();
    expect(await runAction(actionDefinition("user.reset_password"), { userId: owner.id, password: "Quiet-Harbour-58-lamp" }, as(admin))).toMatchObject({ ok: true });
    expect(await attempt(owner.email, "Quiet-Harbour-58-lamp", hotel, t)).not.toBeNull();
  });
});

describe("an unknown e-mail costs what an account costs", () => {
  /** A client on this file's database that records every statement it sends. */
  function countingClient() {
    const client = new PrismaClient({ adapter: createAdapter(databaseFile()), log: [{ emit: "event", level: "query" }] });
    const statements: string[] = [];
    client.$on("query", (event) => statements.push(event.query));
    return { client: client as unknown as Db, statements };
  }
  const { client, statements } = countingClient();
  afterAll(() => client.$disconnect());

  async function statementsOf(run: () => Promise<unknown>): Promise<string[]> {
    statements.length = 0;
    await run();
    return [...statements];
  }

  it("a wrong password for an account and any password for an unknown e-mail send the same statements", async () => {
    const user = await makeUser("VIEWER");
    const t = at(MINUTE);
    const existing = await statementsOf(() => attempt(user.email, "not the password", address("a"), t, client));
    const unknown = await statementsOf(() => attempt(`nobody${counter}@example.test`, "not the password", address("b"), t, client));
    expect(await lastReason(user.id)).toBe("wrong password");
    expect(existing.length).toBeGreaterThan(5);
    expect(unknown).toEqual(existing);
    // Both wrote one attempt and one audit event.
    expect(existing.filter((s) => s.startsWith("INSERT")).length).toBe(2);
  });

  it("so do a throttled account and a throttled unknown e-mail, and a locked account", async () => {
    const user = await makeUser("VIEWER");
    const ghost = `ghost${counter}@example.test`;
    const [here, there] = [address("c"), address("d")];
    const t = at(MINUTE);
    for (let i = 0; i < 6; i++) {
      await attempt(user.email, `wrong ${i}`, here, t);
      await attempt(ghost, `wrong ${i}`, there, t);
    }
    const existing = await statementsOf(() => attempt(user.email, "wrong again", here, t, client));
    const unknown = await statementsOf(() => attempt(ghost, "wrong again", there, t, client));
    expect(await lastReason(user.id)).toBe("throttled");
    expect(unknown).toEqual(existing);

    await db.user.update({ where: { id: user.id }, data: { lockedUntil: new Date(t.getTime() + LOCKOUT_MS) } });
    const locked = await statementsOf(() => attempt(user.email, "wrong again", address("e"), t, client));
    const unknownAgain = await statementsOf(() => attempt(ghost, "wrong again", address("f"), t, client));
    expect(await lastReason(user.id)).toBe("account locked");
    expect(unknownAgain).toEqual(locked);
  });
});

describe("a database failure during sign-in", () => {
  it("is logged on the server and answered as a plain refusal, by checkCredentials and by next-auth's authorize", async () => {
    const user = await makeUser("ADMIN");
    const file = path.resolve(databaseFile());
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const raw = new Database(file);
    let logged: unknown[][] = [];
    try {
      raw.exec(`ALTER TABLE "SignInAttempt" RENAME TO "SignInAttemptAway"`);
      expect(await checkCredentials({ email: user.email, password: TEST_PASSWORD }, address("x"))).toBeNull();

      const provider = authOptions.providers[0] as unknown as {
        options: { authorize: (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown> };
      };
      const answer = provider.options.authorize({ email: user.email, password: TEST_PASSWORD }, { headers: { "x-forwarded-for": "203.0.113.7", "user-agent": "vitest" } });
      await expect(answer).resolves.toBeNull();
    } finally {
      raw.exec(`ALTER TABLE "SignInAttemptAway" RENAME TO "SignInAttempt"`);
      raw.close();
      logged = errors.mock.calls.map((call) => [...call]);
      errors.mockRestore();
    }
    // The cause went to the server's log, in one line each time, not to the caller.
    expect(logged).toHaveLength(2);
    for (const [line] of logged) {
      expect(String(line)).toMatch(/^Sign-in could not be checked and was refused: .*SignInAttempt/);
      expect(String(line)).not.toContain("\n");
    }
    // Nothing of it stayed behind: the next attempt works.
    expect(await checkCredentials({ email: user.email, password: TEST_PASSWORD }, address("y"))).not.toBeNull();
  });
});
