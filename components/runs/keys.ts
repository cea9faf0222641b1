// The run page's keyboard shortcuts: which key does what, as a pure mapping (unit-tested), and the
// list the help overlay shows. Keys never act while the user is typing in a field, except Escape,
// which leaves the field for its item.

export type RunKeyAction = "next" | "previous" | "pass" | "fail" | "na" | "value" | "help" | "leave";

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  /** The element the key went to. */
  target?: { tagName?: string; isContentEditable?: boolean } | null;
}

const LETTERS: Record<string, RunKeyAction> = { j: "next", k: "previous", p: "pass", f: "fail", n: "na", v: "value" };

/** Whether a key pressed on `target` is typing (a text field, a list box or editable text). */
export function isTyping(target: KeyPress["target"]): boolean {
  if (!target) return false;
  const tag = (target.tagName ?? "").toUpperCase();
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || Boolean(target.isContentEditable);
}

export function runKeyAction(press: KeyPress): RunKeyAction | null {
  // Shortcuts of the browser and the system (Ctrl+F, Cmd+K …) are never taken.
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (isTyping(press.target)) return press.key === "Escape" ? "leave" : null;
  if (press.key === "?") return "help";
  if (press.key === "ArrowDown") return press.shiftKey ? null : "next";
  if (press.key === "ArrowUp") return press.shiftKey ? null : "previous";
  if (press.shiftKey) return null;
  return LETTERS[press.key] ?? null;
}

/** What the help overlay lists, in order. */
export const RUN_KEYS: readonly { keys: readonly string[]; does: string }[] = [
  { keys: ["j", "↓"], does: "Next item" },
  { keys: ["k", "↑"], does: "Previous item" },
  { keys: ["p"], does: "Pass the item (a value item: enter the value first)" },
  { keys: ["f"], does: "Fail the item" },
  { keys: ["n"], does: "Not applicable (a required item needs a reason in the note)" },
  { keys: ["v"], does: "Go to the item's value field" },
  { keys: ["Enter"], does: "In the value or note field: save as a pass" },
  { keys: ["Esc"], does: "Leave a field, back to its item; close this list" },
  { keys: ["?"], does: "Show these keys" },
];
