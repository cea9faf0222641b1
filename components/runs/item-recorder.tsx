"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { inputClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import { shown } from "@/lib/actions/result";
import { Select } from "@/components/forms/select";

export interface RecorderItem {
  id: string;
  kind: string;
  text: string;
  required: boolean;
  unit: string | null;
  choices: string[];
}

export interface RecorderResult {
  revision: number;
  outcome: "PASS" | "FAIL" | "NOT_APPLICABLE";
  /** The value as typed back into the field (a number without its unit). */
  value: string;
  /** The value as read: with its unit ("95 min", "1 thread"). */
  shown: string;
  /** For a number: the limit it was judged against, "limit 30 ms (500–3,000 mailbox users)"; null when none. */
  limit?: string | null;
  note: string;
  failureReason: string | null;
  by: string;
  at: string;
  /** `at`, shorter: the time alone on the run's own day. */
  atShort: string;
}

const OUTCOME_TEXT = { PASS: "Pass", FAIL: "Fail", NOT_APPLICABLE: "N/A" } as const;
const OUTCOME_STYLE = {
  PASS: "bg-green-100 text-green-900 ring-green-300",
  FAIL: "bg-red-100 text-red-900 ring-red-300",
  NOT_APPLICABLE: "bg-slate-100 text-slate-800 ring-slate-400",
} as const;
// Calm until chosen: every outcome is an outlined button; the one recorded is filled.
const BUTTON = "rounded-md border px-3 py-1.5 text-sm font-medium disabled:opacity-50";
const BUTTON_STYLE = {
  PASS: { idle: "border-slate-300 bg-white text-slate-800 hover:border-green-700 hover:text-green-800", chosen: "border-green-700 bg-green-700 text-white" },
  FAIL: { idle: "border-slate-300 bg-white text-slate-800 hover:border-red-700 hover:text-red-800", chosen: "border-red-700 bg-red-700 text-white" },
  NOT_APPLICABLE: { idle: "border-slate-300 bg-white text-slate-800 hover:border-slate-500", chosen: "border-slate-500 bg-slate-200 text-slate-900" },
} as const;

/** Fired on the item's row when a result was saved: the page's keyboard controller moves on. */
export const ITEM_SAVED_EVENT = "run-item-saved";

/**
 * One checklist item of a run. Open, it shows what to check and records the result at once; done,
 * it folds to one line saying what was recorded, with Change to correct it (a correction keeps
 * the earlier result). `details` and `record` are rendered on the server: what the item asks for,
 * and what a done item adds (failure, incident link, earlier results).
 */
export function ItemRecorder({
  action,
  runId,
  index,
  item,
  current,
  canRecord,
  details,
  record,
}: {
  action: FormAction;
  runId: string;
  index: number;
  item: RecorderItem;
  current: RecorderResult | null;
  /** False when the run takes no results (upcoming, skipped, maintenance) or the role may not record: no form. */
  canRecord: boolean;
  details: ReactNode;
  record: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const router = useRouter();
  const id = useId();
  const row = useRef<HTMLLIElement>(null);
  const revision = current?.revision ?? 0;
  // Change is open for the revision it was opened on: a save (ours or a colleague's) closes it.
  const [editingAt, setEditingAt] = useState<number | null>(null);
  const editing = current !== null && editingAt === revision;
  const open = current === null || editing;
  const errors = state && !state.ok ? state.fieldErrors : {};
  const fieldError = Boolean(errors.value?.length || errors.note?.length);

  useEffect(() => {
    if (!state) return;
    const li = row.current;
    if (state.ok) {
      // The page came back with the action (it revalidates the run): no second request.
      li?.dispatchEvent(new CustomEvent(ITEM_SAVED_EVENT, { bubbles: true }));
      return;
    }
    // Refused beside a field: the field (with its message) takes the focus, what was typed kept.
    const field = state.fieldErrors.value ? "value" : state.fieldErrors.note ? "note" : null;
    const refused = field ? li?.querySelector<HTMLElement>(`[name=${field}]`) : null;
    if (refused) refused.focus();
    // Someone else saved first: show the current result.
    else router.refresh();
  }, [state, router]);

  const valueId = `${id}-value`;
  const noteId = `${id}-note`;
  const valueLabel = item.kind === "TEXT" ? "What you found" : `Value${item.kind === "NUMBER" && item.unit ? ` (${item.unit})` : ""}`;
  const valueProps = {
    id: valueId,
    name: "value",
    defaultValue: shown(state, "value", current?.value ?? ""),
    disabled: pending,
    className: inputClass,
    "aria-invalid": errors.value ? true : undefined,
    "aria-describedby": errors.value ? `${valueId}-error` : undefined,
  } as const;

  return (
    <li
      ref={row}
      data-testid="run-item"
      data-done={current ? "" : undefined}
      tabIndex={-1}
      aria-labelledby={`${id}-text`}
      className="scroll-mt-28 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm outline-none focus:ring-2 focus:ring-brand-600 data-current:ring-2 data-current:ring-brand-600"
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <p id={`${id}-text`} className="min-w-0 flex-1 basis-56 break-words font-medium text-slate-900">
          <span className="mr-1.5 text-slate-500">{index}.</span>
          {item.text}
          {!item.required && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">optional</span>}
        </p>
        {current && (
          <span className={`inline-block max-w-full truncate rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${OUTCOME_STYLE[current.outcome]}`} title={current.shown ? `${current.shown}${current.limit ? ` — ${current.limit}` : ""}` : undefined}>
            {OUTCOME_TEXT[current.outcome]}
            {current.shown ? `: ${current.shown}` : ""}
          </span>
        )}
        {current?.limit && (
          <span className="text-xs text-slate-600" data-testid="applied-limit">
            {current.limit}
          </span>
        )}
        {current && canRecord && (
          <button
            type="button"
            data-change=""
            aria-expanded={editing}
            aria-describedby={`${id}-text`}
            onClick={() => setEditingAt(editing ? null : revision)}
            className="rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-800 hover:bg-slate-50"
          >
            {editing ? "Cancel" : "Change"}
          </button>
        )}
      </div>
      {current && (
        <p className="mt-0.5 flex min-w-0 text-xs text-slate-600">
          <span className="shrink-0">
            {current.revision > 1 ? "Corrected" : "Recorded"} by {current.by} at <time title={current.at}>{current.atShort}</time>
          </span>
          {current.note && <span className="ml-1 min-w-0 truncate" title={current.note}>— “{current.note}”</span>}
        </p>
      )}
      {open && details}
      {current && record}
      {canRecord && open && (
        <form action={formAction} className="mt-2 flex flex-wrap items-end gap-2" aria-label={`Record: ${item.text}`}>
          <input type="hidden" name="runId" value={runId} />
          <input type="hidden" name="itemId" value={item.id} />
          <input type="hidden" name="expectedRevision" value={revision} />
          {item.kind !== "CHECK" && (
            <div className={item.kind === "TEXT" ? "min-w-48 flex-1" : item.kind === "CHOICE" ? "w-44" : "w-28"}>
              <label htmlFor={valueId} className="block text-xs font-medium text-slate-700">
                {valueLabel}
              </label>
              {item.kind === "CHOICE" ? (
                <Select key={`v${revision}`} {...valueProps}>
                  <option value="">Choose…</option>
                  {item.choices.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </Select>
              ) : (
                <input key={`v${revision}`} {...valueProps} autoComplete="off" inputMode={item.kind === "NUMBER" ? "decimal" : undefined} />
              )}
            </div>
          )}
          <div className="min-w-40 flex-1">
            {/* One row per item: the note's label is read out, its placeholder shown. */}
            <label htmlFor={noteId} className="sr-only">
              Note
            </label>
            <input
              id={noteId}
              name="note"
              placeholder={item.required ? "Note (needed for N/A)" : "Note"}
              autoComplete="off"
              // The note stays in its box after a save; a refused save keeps what was typed.
              defaultValue={shown(state, "note", current?.note ?? "")}
              key={`n${revision}`}
              disabled={pending}
              className={inputClass}
              aria-invalid={errors.note ? true : undefined}
              aria-describedby={errors.note ? `${noteId}-error` : undefined}
            />
          </div>
          <div className="flex gap-1 self-end" role="group" aria-label="Outcome">
            {(["PASS", "FAIL", "NOT_APPLICABLE"] as const).map((outcome) => (
              <button
                key={outcome}
                type="submit"
                name="outcome"
                value={outcome}
                disabled={pending}
                className={`${BUTTON} ${BUTTON_STYLE[outcome][current?.outcome === outcome ? "chosen" : "idle"]}`}
              >
                {OUTCOME_TEXT[outcome]}
              </button>
            ))}
          </div>
          {/* A refusal, under the field it is about; the field keeps what was typed. */}
          {errors.value && (
            <p id={`${valueId}-error`} className="basis-full text-sm text-red-700">
              {errors.value.join(" ")}
            </p>
          )}
          {errors.note && (
            <p id={`${noteId}-error`} className="basis-full text-sm text-red-700">
              {errors.note.join(" ")}
            </p>
          )}
        </form>
      )}
      <p role="status" className={pending ? "mt-1 text-sm text-slate-700" : state && !state.ok && !fieldError ? "mt-1 text-sm text-red-700" : "sr-only"}>
        {pending ? "Saving…" : state ? (state.ok ? state.message : `Not saved: ${state.error}`) : ""}
      </p>
    </li>
  );
}
