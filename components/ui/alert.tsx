// One look for messages: what happened (success), what to know (info), what to check (warning),
// what went wrong (error). Errors are announced at once; the rest politely.
import type { ReactNode } from "react";

export type AlertTone = "info" | "success" | "warning" | "error";

const TONES: Record<AlertTone, string> = {
  info: "border-sky-300 bg-sky-50 text-sky-950",
  success: "border-green-300 bg-green-50 text-green-950",
  warning: "border-amber-300 bg-amber-50 text-amber-950",
  error: "border-red-300 bg-red-50 text-red-950",
};

export function Alert({ tone = "info", title, children, className, testId }: { tone?: AlertTone; title?: ReactNode; children?: ReactNode; className?: string; testId?: string }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} data-testid={testId} className={`rounded-md border px-3 py-2 text-sm ${TONES[tone]} ${className ?? ""}`}>
      {title && <p className="font-semibold">{title}</p>}
      {children}
    </div>
  );
}

/** The outcome of a form's last submission: its message, or its error. Nothing before the first. */
export function ActionAlert({ state }: { state: { ok: boolean; message?: string; error?: string } | null }) {
  if (!state) return null;
  return <Alert tone={state.ok ? "success" : "error"}>{state.ok ? state.message : state.error}</Alert>;
}
