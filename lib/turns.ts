// Long work on the server's one thread is cut into pieces (a slice of a report's dates, a window of
// the audit log, a page of an export, one file of an archive), and each piece waits for its turn.
// A plain setImmediate is not enough when several pieces wait at once: every immediate queued runs
// in the same turn of the event loop, so a report's eight concurrent slice queries ran back to back
// and held other requests for their sum. Turns are handed out one at a time instead, each in a later
// turn of the event loop than the one before, so at most one piece starts per turn whatever runs.

let last: Promise<void> = Promise.resolve();

/**
 * Resolves in a turn of the event loop after the one in which the previous caller's turn came:
 * other requests (timers, sockets) are served between any two pieces of long work.
 */
export function nextTurn(): Promise<void> {
  const turn = last.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  last = turn;
  return turn;
}
