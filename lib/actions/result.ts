// What every server action returns to its form. Plain data, safe to send to the browser.
export type ActionResult<T = unknown> =
  | { ok: true; message: string; data?: T }
  | { ok: false; error: string; fieldErrors: Record<string, string[]> };

export const initialActionResult = null;
export type ActionState<T = unknown> = ActionResult<T> | null;
