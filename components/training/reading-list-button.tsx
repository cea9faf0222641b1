"use client";
import { useActionState } from "react";
import { buttonClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";

/** Adds a procedure to a role's reading list or takes it off; a refusal is shown beside the button. */
export function ReadingListButton({
  action,
  role,
  procedureId,
  label,
  description,
}: {
  action: FormAction;
  role: string;
  procedureId: string;
  label: "Add" | "Remove";
  /** What the button does, in full, for assistive technology (e.g. "Add Check backups to the viewers' reading list"). */
  description: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="role" value={role} />
      <input type="hidden" name="procedureId" value={procedureId} />
      <button type="submit" className={label === "Remove" ? buttonClass.danger : buttonClass.small} disabled={pending} aria-label={description}>
        {label}
      </button>
      {state && !state.ok && (
        <span role="alert" className="text-sm text-red-700">
          {state.error}
        </span>
      )}
    </form>
  );
}
