"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useId } from "react";
import { inputClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import { shown } from "@/lib/actions/result";
import { Select } from "@/components/forms/select";

export interface RecorderItem {
  id: string;
  kind: string;
  text: string;
  help: string;
  required: boolean;
  unit: string | null;
  counter: string | null;
  choices: string[];
  expectation: string;
}

export interface RecorderResult {
  revision: number;
  outcome: "PASS" | "FAIL" | "NOT_APPLICABLE";
  value: string;
  note: string;
  failureReason: string | null;
  by: string;
  at: string;
}

const OUTCOME_TEXT = { PASS: "Pass", FAIL: "Fail", NOT_APPLICABLE: "N/A" } as const;
const OUTCOME_STYLE = {
  PASS: "bg-green-100 text-green-900 ring-green-300",
  FAIL: "bg-red-100 text-red-900 ring-red-300",
  NOT_APPLICABLE: "bg-slate-100 text-slate-700 ring-slate-300",
} as const;

/** One checklist item of a run: records its result on its own, at once, by keyboard or pointer. */
export function ItemRecorder({
  action,
  runId,
  index,
  item,
  current,
  earlier,
  disabledReason,
  canRaiseIncident = false,
}: {
  action: FormAction;
  runId: string;
  index: number;
  item: RecorderItem;
  current: RecorderResult | null;
  earlier: RecorderResult[];
  disabledReason: string | null;
  /** Offer "Raise an incident" on a failed item (the user may create incidents). */
  canRaiseIncident?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const router = useRouter();
  const id = useId();
  useEffect(() => {
    // Show the latest results (ours, or another operator's after a conflict).
    if (state) router.refresh();
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const defaultValue = shown(state, "value", current?.value ?? "");
  const valueId = `${id}-value`;
  const disabled = Boolean(disabledReason) || pending;

  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="run-item" aria-labelledby={`${id}-text`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0 flex-1">
          <p id={`${id}-text`} className="font-medium text-slate-900">
            <span className="mr-2 text-slate-500">{index}.</span>
            {item.text}
            {!item.required && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">optional</span>}
          </p>
          {item.counter && <p className="break-all font-mono text-xs text-slate-600">{item.counter}</p>}
          <p className="text-xs text-slate-600">Expected: {item.expectation}</p>
          {item.help && <p className="mt-1 text-xs text-slate-600">{item.help}</p>}
        </div>
        {current && (
          <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${OUTCOME_STYLE[current.outcome]}`}>
            {OUTCOME_TEXT[current.outcome]}
            {current.value ? `: ${current.value}${item.kind === "NUMBER" && item.unit ? ` ${item.unit}` : ""}` : ""}
          </span>
        )}
      </div>

      {current && (
        <p className="mt-1 text-xs text-slate-600">
          {current.revision > 1 ? "Corrected" : "Recorded"} by {current.by} at {current.at}
          {current.note ? ` — “${current.note}”` : ""}
        </p>
      )}
      {current?.failureReason && (
        <p className="mt-1 rounded bg-red-50 px-2 py-1 text-sm text-red-900" role="note">
          {current.failureReason}
        </p>
      )}
      {canRaiseIncident && current?.outcome === "FAIL" && (
        <p className="mt-2 text-sm">
          <Link
            href={`/incidents/new?run=${encodeURIComponent(runId)}&item=${encodeURIComponent(item.id)}`}
            className="font-medium text-red-800 underline hover:text-red-900"
            aria-describedby={`${id}-text`}
          >
            Raise an incident
          </Link>
        </p>
      )}

      <form action={formAction} className="mt-3 flex flex-wrap items-end gap-2" aria-label={`Record: ${item.text}`}>
        <input type="hidden" name="runId" value={runId} />
        <input type="hidden" name="itemId" value={item.id} />
        <input type="hidden" name="expectedRevision" value={current?.revision ?? 0} />
        {item.kind === "NUMBER" && (
          <div className="w-40">
            <label htmlFor={valueId} className="block text-xs font-medium text-slate-700">
              Value{item.unit ? ` (${item.unit})` : ""}
            </label>
            <input id={valueId} name="value" inputMode="decimal" autoComplete="off" defaultValue={defaultValue} key={`v${current?.revision ?? 0}`} disabled={disabled} className={inputClass} aria-invalid={errors.value ? true : undefined} />
          </div>
        )}
        {item.kind === "TEXT" && (
          <div className="min-w-60 flex-1">
            <label htmlFor={valueId} className="block text-xs font-medium text-slate-700">
              What you found
            </label>
            <input id={valueId} name="value" autoComplete="off" defaultValue={defaultValue} key={`v${current?.revision ?? 0}`} disabled={disabled} className={inputClass} aria-invalid={errors.value ? true : undefined} />
          </div>
        )}
        {item.kind === "CHOICE" && (
          <div className="w-48">
            <label htmlFor={valueId} className="block text-xs font-medium text-slate-700">
              Value
            </label>
            <Select id={valueId} name="value" defaultValue={defaultValue} key={`v${current?.revision ?? 0}`} disabled={disabled} className={inputClass} aria-invalid={errors.value ? true : undefined}>
              <option value="">Choose…</option>
              {item.choices.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </Select>
          </div>
        )}
        <div className="min-w-48 flex-1">
          <label htmlFor={`${id}-note`} className="block text-xs font-medium text-slate-700">
            Note (optional)
          </label>
          <input id={`${id}-note`} name="note" autoComplete="off" defaultValue={shown(state, "note", "")} key={`n${current?.revision ?? 0}`} disabled={disabled} className={inputClass} />
        </div>
        <div className="flex gap-1" role="group" aria-label="Outcome">
          <button type="submit" name="outcome" value="PASS" disabled={disabled} className="rounded-md bg-green-700 px-3 py-2 text-sm font-medium text-white hover:bg-green-800 disabled:opacity-50">
            Pass
          </button>
          <button type="submit" name="outcome" value="FAIL" disabled={disabled} className="rounded-md bg-red-700 px-3 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-50">
            Fail
          </button>
          <button type="submit" name="outcome" value="NOT_APPLICABLE" disabled={disabled} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50">
            N/A
          </button>
        </div>
      </form>
      <div aria-live="polite" className="mt-2 text-sm">
        {pending && <span className="text-slate-600">Saving…</span>}
        {!pending && state && !state.ok && <span className="text-red-700" role="alert">{errors.value?.join(" ") ?? state.error}</span>}
        {!pending && state?.ok && (
          <span className={(state.data as { outcome?: string } | undefined)?.outcome === "FAIL" ? "text-red-800" : "text-green-800"}>{state.message}</span>
        )}
        {disabledReason && <span className="text-slate-600">{disabledReason}</span>}
      </div>
      {earlier.length > 0 && (
        <details className="mt-2 text-xs text-slate-600">
          <summary className="cursor-pointer">Earlier results ({earlier.length})</summary>
          <ul className="mt-1 space-y-0.5">
            {earlier.map((r) => (
              <li key={r.revision}>
                <s>
                  {OUTCOME_TEXT[r.outcome]}
                  {r.value ? `: ${r.value}` : ""}
                </s>{" "}
                by {r.by} at {r.at}
                {r.note ? ` — “${r.note}”` : ""}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
