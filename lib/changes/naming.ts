// How a change is named wherever it appears (pages, search, audit log, mail): "CHG-12".
// One function, so the dashboard, the change page and the calendars never drift apart again.
export const CHANGE_PREFIX = "CHG-";

export function changeRef(id: number): string {
  return `${CHANGE_PREFIX}${id}`;
}

/** The change number in "CHG-12", "chg12", "#12" or "12"; null for anything else. */
export function parseChangeRef(text: string): number | null {
  const match = /^(?:chg-?|#)?(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : null;
}
