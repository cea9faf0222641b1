// Sign-in limits: pure rules, tested on their own (decision 027). Every limit is keyed so that
// failures made at one address can only ever hold back attempts from that same address, except
// the lockout, which never applies at an address the account is known to sign in from.
//
// - One account at one address (the pair): 5 free failures in 15 minutes, then each further
//   failure doubles the wait before the next attempt is even checked (15 s up to 15 minutes).
// - One address, whatever the accounts (spraying): 20 free failures in 15 minutes, then the same
//   doubling waits; not applied to an account at an address it is known to sign in from.
// - The lockout (guessing spread over many addresses): after 10 wrong passwords in a row from
//   addresses the account is not known at, the account refuses those addresses for 30 minutes.
// An address is known for an account once the right password was given from it in the last 30
// days. Only the pair limit holds there, and only failures made at that address feed it.

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const PAIR_FREE_FAILURES = 5;
export const ADDRESS_FREE_FAILURES = 20;
export const BASE_DELAY_MS = 15_000;
export const MAX_DELAY_MS = 15 * 60_000;
/** How long a successful sign-in makes its address known for the account (within the 30 days attempts are kept). */
export const KNOWN_ADDRESS_MS = 30 * 86_400_000;

export interface FailureSummary {
  /** Failed attempts within the window. */
  failures: number;
  /** Time of the latest failure, if any. */
  lastFailureAt: Date | null;
}

/** What the limits read before an attempt, all of it from the attempt's own account and address. */
export interface AttemptHistory {
  /** Failures of this account from this address. */
  pair: FailureSummary;
  /** Failures from this address, for any account. */
  address: FailureSummary;
  /** The account signed in successfully from this address within KNOWN_ADDRESS_MS. */
  knownAddress: boolean;
}

export function delayFor(failures: number, freeAllowance: number): number {
  if (failures < freeAllowance) return 0;
  const exponent = Math.min(failures - freeAllowance, 10);
  return Math.min(BASE_DELAY_MS * 2 ** exponent, MAX_DELAY_MS);
}

/** Milliseconds the caller must still wait before an attempt is checked; 0 when it may go ahead. */
export function remainingWait(history: AttemptHistory, now: Date): number {
  return Math.max(
    wait(history.pair, PAIR_FREE_FAILURES, now),
    // Someone spraying from an address the account owner shares (an office's NAT) must not keep the
    // owner out there; the pair limit still holds the sprayer to a few guesses at this account.
    history.knownAddress ? 0 : wait(history.address, ADDRESS_FREE_FAILURES, now),
  );
}

function wait(summary: FailureSummary, allowance: number, now: Date): number {
  if (!summary.lastFailureAt) return 0;
  const delay = delayFor(summary.failures, allowance);
  if (delay === 0) return 0;
  // A failure stamped after "now" (a concurrent request, a clock step) never earns more than its delay.
  const until = summary.lastFailureAt.getTime() + delay;
  return Math.min(delay, Math.max(0, until - now.getTime()));
}

// The lockout stops guessing spread over many addresses, which the pair and address limits alone
// would let through (each new address brings 5 free guesses). It counts wrong passwords whose
// check actually ran, from addresses the account is not known at, and it refuses only such
// addresses: the owner at a usual address is never locked out by somebody elsewhere.
export const LOCKOUT_FAILURES = 10;
export const LOCKOUT_MS = 30 * 60_000;

/**
 * After a wrong password: the new count of wrong passwords in a row and the lockout's end.
 * Wrong passwords at a known address are the pair limit's business and leave both unchanged.
 */
export function afterWrongPassword(
  before: { failedSignIns: number; lockedUntil: Date | null },
  knownAddress: boolean,
  now: Date,
): { failedSignIns: number; lockedUntil: Date | null; startsLockout: boolean } {
  if (knownAddress) return { failedSignIns: before.failedSignIns, lockedUntil: before.lockedUntil, startsLockout: false };
  const failed = before.failedSignIns + 1;
  if (failed >= LOCKOUT_FAILURES) return { failedSignIns: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS), startsLockout: true };
  return { failedSignIns: failed, lockedUntil: before.lockedUntil, startsLockout: false };
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/** The lockout refuses an attempt only from an address the account is not known at. */
export function isLockedFor(lockedUntil: Date | null, knownAddress: boolean, now: Date): boolean {
  return !knownAddress && isLocked(lockedUntil, now);
}
