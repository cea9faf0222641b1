// Which items of a run count, and what its current results add up to: pure rules shared by the
// recording action, the run page and their tests. The SQL counts on Today and history follow the
// same rules (lib/sql ITEM_APPLIES).
//
// - An item limited to Exchange roles applies to a per-server run only when the server holds one
//   of them; organisation-wide runs (no server) take every item.
// - A run is complete when every applicable required item has a current result.
// - Exceptions: a current failure, or a required item marked not applicable (which needs a reason).

export interface CompletionItem {
  id: string;
  required: boolean;
  /** Exchange role codes; empty means every server. */
  roles: readonly string[];
}

export interface CurrentOutcome {
  outcome: string;
}

/** Whether an item belongs on a run for a server holding `serverRoles` (null: no server). */
export function itemApplies(itemRoles: readonly string[], serverRoles: readonly string[] | null): boolean {
  if (serverRoles === null || itemRoles.length === 0) return true;
  return itemRoles.some((role) => serverRoles.includes(role));
}

export interface Completion {
  requiredTotal: number;
  requiredDone: number;
  complete: boolean;
  failedItems: number;
  naItems: number;
  hasExceptions: boolean;
}

export function completionOf(items: readonly CompletionItem[], serverRoles: readonly string[] | null, current: ReadonlyMap<string, CurrentOutcome>): Completion {
  let requiredTotal = 0;
  let requiredDone = 0;
  let failedItems = 0;
  let naItems = 0;
  for (const item of items) {
    const result = current.get(item.id);
    // Exceptions count every current result, also on an item left out since (the server's roles
    // changed after it was recorded): what was recorded stays visible, as the audit trail has it.
    if (result?.outcome === "FAIL") failedItems++;
    if (result?.outcome === "NOT_APPLICABLE" && item.required) naItems++;
    if (!itemApplies(item.roles, serverRoles)) continue;
    if (item.required) {
      requiredTotal++;
      if (result) requiredDone++;
    }
  }
  return { requiredTotal, requiredDone, complete: requiredDone === requiredTotal, failedItems, naItems, hasExceptions: failedItems > 0 || naItems > 0 };
}

/** The latest revision of each item's result in a run. */
export function currentResults<T extends { itemId: string; revision: number }>(results: readonly T[]): Map<string, T> {
  const latest = new Map<string, T>();
  for (const r of results) {
    const seen = latest.get(r.itemId);
    if (!seen || seen.revision < r.revision) latest.set(r.itemId, r);
  }
  return latest;
}
