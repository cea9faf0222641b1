"use client";
import { useState } from "react";

/** Copies a command to the clipboard and says so, for sighted and screen-reader users alike. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  }
  return (
    <button
      type="button"
      onClick={copy}
      aria-label={`Copy command: ${label}`}
      className="no-print shrink-0 rounded border border-slate-500 px-2 py-1 text-xs font-medium text-slate-100 hover:bg-slate-700"
    >
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : "Copy"}</span>
    </button>
  );
}
