"use client";
import { ActionAlert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/styles";
import { useSubmit } from "@/components/ui/use-submit";
import type { FormAction } from "@/lib/actions/define";

/** "Looks right": confirms a settings step of the guide as it stands. */
export function ConfirmStepButton({ action, step, title }: { action: FormAction; step: string; title: string }) {
  const { state, formAction, pending } = useSubmit(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="step" value={step} />
      <button type="submit" className={buttonClass.small} disabled={pending} aria-label={`Looks right: ${title}`}>
        Looks right
      </button>
      {state && !state.ok && <ActionAlert state={state} />}
    </form>
  );
}

/** Hides the guide for good, whatever is left undone. */
export function DismissGuideButton({ action }: { action: FormAction }) {
  const { state, formAction, pending } = useSubmit(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-3">
      <input type="hidden" name="guide" value="first-run" />
      <button type="submit" className="text-sm text-slate-700 underline hover:text-slate-900 disabled:opacity-60" disabled={pending}>
        Dismiss this guide
      </button>
      <span className="text-xs text-slate-600">Every step stays available under Manage.</span>
      <ActionAlert state={state} />
    </form>
  );
}
