// What every server action returns to its form. Plain data, safe to send to the browser.
export type ActionResult<T = unknown> =
  | { ok: true; message: string; data?: T }
  | {
      ok: false;
      error: string;
      fieldErrors: Record<string, string[]>;
      /** What the user submitted (never secrets), so the form shows it again instead of losing it. */
      values?: Record<string, string | string[]>;
    };

const SECRET_FIELD = /password|confirm|secret|token/i;

/** The submitted fields that are safe to send back to the form. */
export function echoValues(raw: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!raw || typeof raw !== "object") return out;
  for (const [key, value] of Object.entries(raw)) {
    if (SECRET_FIELD.test(key)) continue;
    if (typeof value === "string") out[key] = value.slice(0, 10_000);
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === "string").slice(0, 100);
  }
  return out;
}

/** The value to show in a field: what was just submitted, else the stored value. */
export function shown(state: ActionState, name: string, fallback = ""): string {
  if (state && !state.ok) {
    const v = state.values?.[name];
    if (typeof v === "string") return v;
  }
  return fallback;
}

export type ActionState<T = unknown> = ActionResult<T> | null;
