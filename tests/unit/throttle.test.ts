import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  ADDRESS_FREE_FAILURES,
  KNOWN_ADDRESS_MS,
  LOCKOUT_FAILURES,
  LOCKOUT_MS,
  MAX_DELAY_MS,
  PAIR_FREE_FAILURES,
  THROTTLE_WINDOW_MS,
  afterWrongPassword,
  delayFor,
  isLocked,
  isLockedFor,
  remainingWait,
  type AttemptHistory,
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

/** An attempt's history: failures of the account at this address, of the address, and whether it is known. */
function history(pair: FailureSummary, address: FailureSummary = NONE, knownAddress = false): AttemptHistory {
  return { pair, address, knownAddress };
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

  it("uses the allowance it is given (account at an address 5, address 20)", () => {
    expect(PAIR_FREE_FAILURES).toBe(5);
    expect(MAX_DELAY_MS).toBe(CAP);
    expect(KNOWN_ADDRESS_MS).toBe(30 * 24 * 60 * MINUTE);
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
    expect(remainingWait(history(NONE), NOW)).toBe(0);
    expect(remainingWait(history(NONE, NONE, true), NOW)).toBe(0);
  });

  it("is 0 within the free allowance of the account at this address", () => {
    expect(remainingWait(history({ failures: 4, lastFailureAt: NOW }), NOW)).toBe(0);
  });

  it("makes the caller wait the rest of the delay after the last failure", () => {
    expect(remainingWait(history({ failures: 5, lastFailureAt: NOW }), NOW)).toBe(15 * SECOND);
    expect(remainingWait(history({ failures: 5, lastFailureAt: ago(5 * SECOND) }), NOW)).toBe(10 * SECOND);
    expect(remainingWait(history({ failures: 6, lastFailureAt: ago(10 * SECOND) }), NOW)).toBe(20 * SECOND);
  });

  it("lets the wait expire", () => {
    expect(remainingWait(history({ failures: 5, lastFailureAt: ago(15 * SECOND) }), NOW)).toBe(0);
    expect(remainingWait(history({ failures: 5, lastFailureAt: ago(16 * SECOND) }), NOW)).toBe(0);
    expect(remainingWait(history({ failures: 99, lastFailureAt: ago(CAP) }), NOW)).toBe(0);
    expect(remainingWait(history({ failures: 99, lastFailureAt: ago(CAP - 1) }), NOW)).toBe(1);
  });

  it("gives an address more free failures than an account at an address", () => {
    const five = { failures: 5, lastFailureAt: NOW };
    expect(remainingWait(history(NONE, five), NOW)).toBe(0);
    expect(remainingWait(history(five), NOW)).toBe(15 * SECOND);
    expect(remainingWait(history(NONE, { failures: 19, lastFailureAt: NOW }), NOW)).toBe(0);
    expect(remainingWait(history(NONE, { failures: 20, lastFailureAt: NOW }), NOW)).toBe(15 * SECOND);
  });

  it("takes the longer of the two waits at an address the account is not known at", () => {
    const pair = { failures: 6, lastFailureAt: ago(5 * SECOND) }; // 25 s left
    const address = { failures: 22, lastFailureAt: ago(10 * SECOND) }; // 50 s left
    expect(remainingWait(history(pair, address), NOW)).toBe(50 * SECOND);
    expect(remainingWait(history(pair), NOW)).toBe(25 * SECOND);
  });

  it("does not apply the address's limit to an account at an address it is known at; the pair's still holds", () => {
    const sprayed = { failures: 500, lastFailureAt: NOW };
    expect(remainingWait(history(NONE, sprayed, false), NOW)).toBe(CAP);
    expect(remainingWait(history(NONE, sprayed, true), NOW)).toBe(0);
    expect(remainingWait(history({ failures: 5, lastFailureAt: NOW }, sprayed, true), NOW)).toBe(15 * SECOND);
  });

  it("ignores a failure count without a time of the last failure", () => {
    const counted = { failures: 100, lastFailureAt: null };
    expect(remainingWait(history(counted, counted), NOW)).toBe(0);
  });

  // Regression: a failure stamped after `now` (a concurrent request, a clock stepped back) must not
  // make the caller wait while the allowance is not used up, nor push the wait past what it earns.
  it("is 0 within the free allowance even when the last failure is stamped after 'now'", () => {
    const later = new Date(NOW.getTime() + 5);
    expect(remainingWait(history({ failures: 1, lastFailureAt: later }), NOW)).toBe(0);
    expect(remainingWait(history(NONE, { failures: 19, lastFailureAt: later }), NOW)).toBe(0);
  });

  it("never waits longer than the delay its failures earn, whatever the timestamps (property)", () => {
    fc.assert(
      fc.property(fc.nat({ max: 100 }), fc.nat({ max: 100 }), fc.integer({ min: -2 * CAP, max: 2 * CAP }), fc.boolean(), (pairFailures, addressFailures, offset, known) => {
        const at = new Date(NOW.getTime() + offset);
        const wait = remainingWait(history({ failures: pairFailures, lastFailureAt: at }, { failures: addressFailures, lastFailureAt: at }, known), NOW);
        expect(wait).toBeLessThanOrEqual(Math.max(delayFor(pairFailures, PAIR_FREE_FAILURES), delayFor(addressFailures, ADDRESS_FREE_FAILURES)));
        expect(wait).toBeLessThanOrEqual(CAP);
      }),
    );
  });

  it("never exceeds the cap, never shrinks with more failures, and never grows as time passes (property)", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 500 }),
        fc.nat({ max: 500 }),
        fc.nat({ max: 500 }),
        fc.integer({ min: 0, max: 2 * CAP }),
        fc.integer({ min: 0, max: 2 * CAP }),
        fc.boolean(),
        (pairFailures, addressFailures, extra, pairAgo, addressAgo, known) => {
          const pair = { failures: pairFailures, lastFailureAt: ago(pairAgo) };
          const address = { failures: addressFailures, lastFailureAt: ago(addressAgo) };
          const wait = remainingWait(history(pair, address, known), NOW);
          expect(wait).toBeGreaterThanOrEqual(0);
          expect(wait).toBeLessThanOrEqual(CAP);
          expect(remainingWait(history({ ...pair, failures: pairFailures + extra }, address, known), NOW)).toBeGreaterThanOrEqual(wait);
          expect(remainingWait(history(pair, { ...address, failures: addressFailures + extra }, known), NOW)).toBeGreaterThanOrEqual(wait);
          expect(remainingWait(history(pair, address, known), new Date(NOW.getTime() + extra * SECOND))).toBeLessThanOrEqual(wait);
        },
      ),
    );
  });

  // What the owner at a usual address depends on: only failures made at that address for that
  // account. Whatever anyone does elsewhere changes neither the pair's nor the address's summary
  // of the owner's attempt, and spraying at the owner's own address is not counted against them.
  it("at a known address, waits only as long as that account's own failures there earn (property)", () => {
    fc.assert(
      fc.property(fc.nat({ max: 10_000 }), fc.integer({ min: 0, max: 2 * CAP }), (sprayed, sprayAgo) => {
        const address = { failures: sprayed, lastFailureAt: ago(sprayAgo) };
        expect(remainingWait(history(NONE, address, true), NOW)).toBe(0);
      }),
    );
  });

  it("after the last failure, a wait ends within 15 minutes: nothing is refused longer without a new failure at the same address (property)", () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), fc.nat({ max: 100_000 }), fc.boolean(), (pairFailures, addressFailures, known) => {
        const last = ago(CAP);
        expect(remainingWait(history({ failures: pairFailures, lastFailureAt: last }, { failures: addressFailures, lastFailureAt: last }, known), NOW)).toBe(0);
      }),
    );
  });
});

describe("lockout after wrong passwords from addresses the account is not known at", () => {
  const now = new Date("2026-11-24T10:00:00Z");
  const clean = { failedSignIns: 0, lockedUntil: null };

  it("counts up to the limit, then starts a lockout and resets the count", () => {
    expect(afterWrongPassword(clean, false, now)).toEqual({ failedSignIns: 1, lockedUntil: null, startsLockout: false });
    expect(afterWrongPassword({ failedSignIns: LOCKOUT_FAILURES - 2, lockedUntil: null }, false, now)).toEqual({
      failedSignIns: LOCKOUT_FAILURES - 1,
      lockedUntil: null,
      startsLockout: false,
    });
    expect(afterWrongPassword({ failedSignIns: LOCKOUT_FAILURES - 1, lockedUntil: null }, false, now)).toEqual({
      failedSignIns: 0,
      lockedUntil: new Date(now.getTime() + LOCKOUT_MS),
      startsLockout: true,
    });
    expect(LOCKOUT_FAILURES).toBe(10);
    expect(LOCKOUT_MS).toBe(30 * MINUTE);
  });

  it("does not count a wrong password at a known address: the pair's limit deals with it", () => {
    const nine = { failedSignIns: LOCKOUT_FAILURES - 1, lockedUntil: null };
    expect(afterWrongPassword(nine, true, now)).toEqual({ ...nine, startsLockout: false });
  });

  it("is locked strictly before the end time", () => {
    expect(isLocked(null, now)).toBe(false);
    expect(isLocked(new Date(now.getTime() + 1), now)).toBe(true);
    expect(isLocked(now, now)).toBe(false);
  });

  it("never refuses an address the account is known at (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -2 * LOCKOUT_MS, max: 2 * LOCKOUT_MS }), (offset) => {
        const until = new Date(now.getTime() + offset);
        expect(isLockedFor(until, true, now)).toBe(false);
        expect(isLockedFor(until, false, now)).toBe(offset > 0);
      }),
    );
  });

  it("a run of wrong passwords from unknown addresses locks for at most 30 minutes after its last one (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 * MINUTE }), { minLength: 1, maxLength: 40 }), (gaps) => {
        let state: { failedSignIns: number; lockedUntil: Date | null } = clean;
        let t = now.getTime();
        for (const gap of gaps) {
          t += gap;
          // A locked account's wrong passwords are refused before they are checked, so not counted.
          if (isLocked(state.lockedUntil, new Date(t))) continue;
          state = afterWrongPassword(state, false, new Date(t));
        }
        expect(state.failedSignIns).toBeLessThan(LOCKOUT_FAILURES);
        if (state.lockedUntil) expect(state.lockedUntil.getTime()).toBeLessThanOrEqual(t + LOCKOUT_MS);
      }),
    );
  });
});
