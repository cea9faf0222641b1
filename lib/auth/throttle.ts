// Sign-in throttling: pure rules, tested on their own. Failures are counted over a window, per
// account and per client address; past a free allowance each further failure doubles the wait
// before the next attempt is even checked.

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const ACCOUNT_FREE_FAILURES = 5;
export const ADDRESS_FREE_FAILURES = 20;
const BASE_DELAY_MS = 15_000;
const MAX_DELAY_MS = 15 * 60_000;

export interface FailureSummary {
  /** Failed attempts within the window. */
  failures: number;
  /** Time of the latest failure, if any. */
  lastFailureAt: Date | null;
}

export function delayFor(failures: number, freeAllowance: number): number {
  if (failures < freeAllowance) return 0;
  const exponent = Math.min(failures - freeAllowance, 10);
  return Math.min(BASE_DELAY_MS * 2 ** exponent, MAX_DELAY_MS);
}

/** Milliseconds the caller must still wait before an attempt is checked; 0 when it may go ahead. */
export function remainingWait(account: FailureSummary, address: FailureSummary, now: Date): number {
  const waits = [
    wait(account, ACCOUNT_FREE_FAILURES, now),
    wait(address, ADDRESS_FREE_FAILURES, now),
  ];
  return Math.max(...waits);
}

function wait(summary: FailureSummary, allowance: number, now: Date): number {
  if (!summary.lastFailureAt) return 0;
  const delay = delayFor(summary.failures, allowance);
  if (delay === 0) return 0;
  // A failure stamped after "now" (a concurrent request, a clock step) never earns more than its delay.
  const until = summary.lastFailureAt.getTime() + delay;
  return Math.min(delay, Math.max(0, until - now.getTime()));
}

// Account lockout, on top of the throttle: after this many wrong passwords in a row (throttled
// attempts are not checked, so they do not count) the account refuses even the right password
// until the lockout ends or an administrator unlocks it.
export const LOCKOUT_FAILURES = 10;
export const LOCKOUT_MS = 30 * 60_000;

/** After a wrong password: the new failure count, and the end of a lockout if this one starts it. */
export function afterWrongPassword(failedBefore: number, now: Date): { failedSignIns: number; lockedUntil: Date | null } {
  const failed = failedBefore + 1;
  if (failed >= LOCKOUT_FAILURES) return { failedSignIns: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS) };
  return { failedSignIns: failed, lockedUntil: null };
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}
