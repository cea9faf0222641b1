"use client";
import { useActionState } from "react";
import { FormMessage } from "@/components/forms/field";
import { buttonClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";

/** "Read and understood" for one procedure version; the page shows the recorded state once it is saved. */
export function AcknowledgeButton({ action, versionId, number, title }: { action: FormAction; versionId: string; number: number; title: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const hintId = `acknowledge-hint-${versionId}`;
  return (
    <form action={formAction} className="mt-3 space-y-2">
      <input type="hidden" name="versionId" value={versionId} />
      <button type="submit" className={buttonClass.primary} disabled={pending} aria-describedby={hintId}>
        {pending ? "Recording…" : "Read and understood"}
      </button>
      <p id={hintId} className="text-xs text-slate-600">
        Confirms that you have read version {number} of {title} and will work by it.
      </p>
      <FormMessage state={state} />
    </form>
  );
}
