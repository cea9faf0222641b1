"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/forms/field";
import { buttonClass, inputClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import { shown } from "@/lib/actions/result";

export function SkipRunForm({ action, runId }: { action: FormAction; runId: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <summary className="cursor-pointer text-sm font-medium text-slate-800">Skip this run (managers)</summary>
      <form action={formAction} className="mt-3 space-y-2" noValidate aria-label="Skip this run">
        <FormMessage state={state} />
        <input type="hidden" name="runId" value={runId} />
        <label htmlFor="skip-reason" className="block text-sm font-medium text-slate-800">
          Reason
        </label>
        <textarea id="skip-reason" name="reason" rows={2} defaultValue={shown(state, "reason")} className={inputClass} aria-invalid={errors.reason ? true : undefined} />
        {errors.reason && <p className="text-sm text-red-700">{errors.reason.join(" ")}</p>}
        <button type="submit" className={buttonClass.danger} disabled={pending}>
          Skip run
        </button>
      </form>
    </details>
  );
}
