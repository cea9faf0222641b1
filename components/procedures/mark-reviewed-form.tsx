"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/forms/field";
import { buttonClass, inputClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";

/** Records that a procedure was reviewed and needs no change, with an optional note. */
export function MarkReviewedForm({ action, procedureId, title }: { action: FormAction; procedureId: string; title: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  if (state?.ok) return <p role="status" className="text-sm text-emerald-800">{state.message}</p>;
  return (
    <form action={formAction} className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="procedureId" value={procedureId} />
      <label className="sr-only" htmlFor={`note-${procedureId}`}>Review note for {title}</label>
      <input id={`note-${procedureId}`} name="note" placeholder="Note (optional)" className={`${inputClass} w-56`} />
      <button type="submit" className={buttonClass.small} disabled={pending} aria-label={`Mark ${title} reviewed without changes`}>
        Reviewed, no changes
      </button>
      <FormMessage state={state} />
    </form>
  );
}
