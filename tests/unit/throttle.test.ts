import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ACCOUNT_FREE_FAILURES,
  ADDRESS_FREE_FAILURES,
  LOCKOUT_FAILURES,
  LOCKOUT_MS,
  afterWrongPassword,
  isLocked,
  THROTTLE_WINDOW_MS,
  delayFor,
  remainingWait,
  type FailureSummary,
} from "@/lib/auth/throttle";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const CAP = 15 * MINUTE;
const NOW = new Date("2026-11-24T12:00:00.000Z");
const NONE: FailureSummary = { failures: 0, lastFailureAt: null };

function ago(ms: number): Date {
  return new Date(NOW.getTime() - ms);
}

describe("delayFor", () => {
  it("allows the free failures without any delay", () => {
    for (let failures = 0; failures < 5; failures++) expect(delayFor(failures, 5), `${failures}`).toBe(0);
    for (let failures = 0; failures < 20; failures++) expect(delayFor(failures, 20), `${failures}`).toBe(0);
  });

  it("starts at 15 seconds once the allowance is used up, then doubles per failure", () => {
    expect(delayFor(5, 5)).toBe(15 * SECOND);
    expect(delayFor(6, 5)).toBe(30 * SECOND);
    expect(delayFor(7, 5)).toBe(60 * SECOND);
    expect(delayFor(8, 5)).toBe(120 * SECOND);
    expect(delayFor(9, 5)).toBe(240 * SECOND);
    expect(delayFor(10, 5)).toBe(480 * SECOND);
  });

  it("is capped at 15 minutes", () => {
    expect(delayFor(11, 5)).toBe(CAP); // 960 s would be above the cap
    expect(delayFor(50, 5)).toBe(CAP);
    expect(delayFor(10_000, 5)).toBe(CAP);
    expect(delayFor(Number.MAX_SAFE_INTEGER, 5)).toBe(CAP);
  });

  it("uses the allowance it is given (account 5, address 20)", () => {
    expect(ACCOUNT_FREE_FAILURES).toBe(5);
    expect(ADDRESS_FREE_FAILURES).toBe(20);
    expect(THROTTLE_WINDOW_MS).toBe(CAP);
    expect(delayFor(19, ADDRESS_FREE_FAILURES)).toBe(0);
    expect(delayFor(20, ADDRESS_FREE_FAILURES)).toBe(15 * SECOND);
    expect(delayFor(21, ADDRESS_FREE_FAILURES)).toBe(30 * SECOND);
  });

  it("never exceeds the cap and never decreases as failures grow (property)", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), fc.nat({ max: 10_000 }), fc.integer({ min: 0, max: 100 }), (a, b, allowance) => {
        const [fewer, more] = a <= b ? [a, b] : [b, a];
        const d1 = delayFor(fewer, allowance);
        const d2 = delayFor(more, allowance);
        expect(d1).toBeGreaterThanOrEqual(0);
        expect(d2).toBeLessThanOrEqual(CAP);
        expect(d2).toBeGreaterThanOrEqual(d1);
        // A larger allowance never gives a longer delay.
        expect(delayFor(more, allowance + 1)).toBeLessThanOrEqual(d2);
      }),
    );
  });
});

describe("remainingWait", () => {
  it("is 0 without failures", () => {
    expect(remainingWait(NONE, NONE, NOW)).toBe(0);
  });

  it("is 0 within the account's free allowance", () => {
    expect(remainingWait({ failures: 4, lastFailureAt: NOW }, NONE, NOW)).toBe(0);
  });

  it("makes the caller wait the rest of the delay after the last failure", () => {
    expect(remainingWait({ failures: 5, lastFailureAt: NOW }, NONE, NOW)).toBe(15 * SECOND);
    expect(remainingWait({ failures: 5, lastFailureAt: ago(5 * SECOND) }, NONE, NOW)).toBe(10 * SECOND);
    expect(remainingWait({ failures: 6, lastFailureAt: ago(10 * SECOND) }, NONE, NOW)).toBe(20 * SECOND);
  });

  it("lets the wait expire", () => {
    expect(remainingWait({ failures: 5, lastFailureAt: ago(15 * SECOND) }, NONE, NOW)).toBe(0);
    expect(remainingWait({ failures: 5, lastFailureAt: ago(16 * SECOND) }, NONE, NOW)).toBe(0);
    expect(remainingWait({ failures: 99, lastFailureAt: ago(CAP) }, NONE, NOW)).toBe(0);
    expect(remainingWait({ failures: 99, lastFailureAt: ago(CAP - 1) }, NONE, NOW)).toBe(1);
  });

  it("gives an address more free failures than an account", () => {
    const five = { failures: 5, lastFailureAt: NOW };
    // Five failures from one address are still free, five for one account are not.
    expect(remainingWait(NONE, five, NOW)).toBe(0);
    expect(remainingWait(five, NONE, NOW)).toBe(15 * SECOND);
    expect(remainingWait(NONE, { failures: 19, lastFailureAt: NOW }, NOW)).toBe(0);
    expect(remainingWait(NONE, { failures: 20, lastFailureAt: NOW }, NOW)).toBe(15 * SECOND);
  });

  it("takes the longer of the account and address waits", () => {
    const account = { failures: 6, lastFailureAt: ago(5 * SECOND) }; // 25 s left
    const address = { failures: 22, lastFailureAt: ago(10 * SECOND) }; // 50 s left
    expect(remainingWait(account, address, NOW)).toBe(50 * SECOND);
    expect(remainingWait(account, NONE, NOW)).toBe(25 * SECOND);
  });

  it("ignores a failure count without a time of the last failure", () => {
    expect(remainingWait({ failures: 100, lastFailureAt: null }, { failures: 100, lastFailureAt: null }, NOW)).toBe(0);
  });

  // Regression: a failure stamped after `now` (a concurrent request, a clock stepped back) must not
  // make the caller wait while the allowance is not used up, nor push the wait past what it earns.
  it("is 0 within the free allowance even when the last failure is stamped after 'now'", () => {
    const later = new Date(NOW.getTime() + 5);
    expect(remainingWait({ failures: 1, lastFailureAt: later }, NONE, NOW)).toBe(0);
    expect(remainingWait(NONE, { failures: 19, lastFailureAt: later }, NOW)).toBe(0);
  });

  it("never waits longer than the delay its failures earn, whatever the timestamps (property)", () => {
    fc.assert(
      fc.property(fc.nat({ max: 100 }), fc.nat({ max: 100 }), fc.integer({ min: -2 * CAP, max: 2 * CAP }), (accountFailures, addressFailures, offset) => {
        const at = new Date(NOW.getTime() + offset);
        const wait = remainingWait({ failures: accountFailures, lastFailureAt: at }, { failures: addressFailures, lastFailureAt: at }, NOW);
        expect(wait).toBeLessThanOrEqual(Math.max(delayFor(accountFailures, ACCOUNT_FREE_FAILURES), delayFor(addressFailures, ADDRESS_FREE_FAILURES)));
        expect(wait).toBeLessThanOrEqual(CAP);
      }),
    );
  });

  it("never exceeds the cap, and never shrinks with more failures (property)", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 500 }),
        fc.nat({ max: 500 }),
        fc.nat({ max: 500 }),
        fc.integer({ min: 0, max: 2 * CAP }),
        fc.integer({ min: 0, max: 2 * CAP }),
        (accountFailures, addressFailures, extra, accountAgo, addressAgo) => {
          const account = { failures: accountFailures, lastFailureAt: ago(accountAgo) };
          const address = { failures: addressFailures, lastFailureAt: ago(addressAgo) };
          const wait = remainingWait(account, address, NOW);
          expect(wait).toBeGreaterThanOrEqual(0);
          expect(wait).toBeLessThanOrEqual(CAP);
          expect(remainingWait({ ...account, failures: accountFailures + extra }, address, NOW)).toBeGreaterThanOrEqual(wait);
          expect(remainingWait(account, { ...address, failures: addressFailures + extra }, NOW)).toBeGreaterThanOrEqual(wait);
          // Time passing never lengthens the wait.
          expect(remainingWait(account, address, new Date(NOW.getTime() + extra * SECOND))).toBeLessThanOrEqual(wait);
        },
      ),
    );
  });
});

describe("lockout after wrong passwords", () => {
  const now = new Date("2026-11-24T10:00:00Z");
  it("counts up to the limit, then starts a lockout and resets the count", () => {
    expect(afterWrongPassword(0, now)).toEqual({ failedSignIns: 1, lockedUntil: null });
    expect(afterWrongPassword(LOCKOUT_FAILURES - 2, now)).toEqual({ failedSignIns: LOCKOUT_FAILURES - 1, lockedUntil: null });
    expect(afterWrongPassword(LOCKOUT_FAILURES - 1, now)).toEqual({ failedSignIns: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS) });
  });
  it("is locked strictly before the end time", () => {
    expect(isLocked(null, now)).toBe(false);
    expect(isLocked(new Date(now.getTime() + 1), now)).toBe(true);
    expect(isLocked(now, now)).toBe(false);
  });
});
