"use client";
import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { FormMessage } from "@/components/forms/field";
import { buttonClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import type { ActionState } from "@/lib/actions/result";

/** Opens an old version as a new draft, then goes to the editor. */
export function RestoreButton({ action, versionId, number }: { action: FormAction; versionId: string; number: number }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<ActionState, FormData>(async (previous, data) => {
    const result = await action(previous, data);
    const slug = result.ok ? (result.data as { slug?: string } | undefined)?.slug : undefined;
    if (slug) router.push(`/procedures/${slug}/edit`);
    return result;
  }, null);
  return (
    <form action={formAction}>
      <input type="hidden" name="versionId" value={versionId} />
      <button type="submit" className={buttonClass.small} disabled={pending} aria-label={`Restore version ${number} as a draft`}>
        Restore as draft
      </button>
      <FormMessage state={state} />
    </form>
  );
}
