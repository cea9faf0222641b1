"use client";
// What can be done with a saved draft: submit it for approval, approve it (another manager),
// publish it with a change note, or discard it.
import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { FormMessage } from "@/components/forms/field";
import { ErrorList } from "@/components/ui/form-field";
import { buttonClass, cardClass, inputClass, labelClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import type { ActionState } from "@/lib/actions/result";

export interface DraftInfo {
  status: "EDITING" | "AWAITING_APPROVAL" | "APPROVED";
  authorName: string;
  approvedByName: string | null;
  /** The signed-in manager may approve: not the author and never edited it. */
  canApprove: boolean;
}

export interface DraftActions {
  submit: FormAction;
  approve: FormAction;
  publish: FormAction;
  discard: FormAction;
}

const STATUS_LABEL = { EDITING: "Being edited", AWAITING_APPROVAL: "Awaiting approval", APPROVED: "Approved" } as const;

function useRefreshing(action: FormAction, after?: (data: unknown) => void) {
  const router = useRouter();
  return useActionState<ActionState, FormData>(async (previous, data) => {
    const result = await action(previous, data);
    if (result.ok) {
      if (after) after(result.data);
      else router.refresh();
    }
    return result;
  }, null);
}

export function DraftControls({ procedureId, revision, dirty, draft, requireSecondApproval, published, actions }: {
  procedureId: string;
  revision: number;
  dirty: boolean;
  draft: DraftInfo;
  requireSecondApproval: boolean;
  published: boolean;
  actions: DraftActions;
}) {
  const router = useRouter();
  const [submitState, submit, submitting] = useRefreshing(actions.submit);
  const [approveState, approve, approving] = useRefreshing(actions.approve);
  const [publishState, publish, publishing] = useRefreshing(actions.publish, (data) => {
    const slug = (data as { slug?: string } | undefined)?.slug;
    router.push(slug ? `/procedures/${slug}/versions` : "/procedures");
  });
  const [discardState, discard, discarding] = useRefreshing(actions.discard, (data) => {
    router.push((data as { removed?: boolean } | undefined)?.removed ? "/procedures" : window.location.pathname);
    router.refresh();
  });
  const blocked = requireSecondApproval && draft.status !== "APPROVED";
  // B2: the change note's own errors beside it; anything else under the form's message.
  const publishErrors = publishState && !publishState.ok ? publishState.fieldErrors : {};
  const changeNoteErrors = publishErrors.changeNote?.length ? publishErrors.changeNote : undefined;
  const otherPublishErrors = Object.entries(publishErrors).flatMap(([field, messages]) => (field === "changeNote" ? [] : messages));
  const hidden = (
    <>
      <input type="hidden" name="procedureId" value={procedureId} />
      <input type="hidden" name="expectedRevision" value={revision} />
    </>
  );

  return (
    <section aria-labelledby="draft-heading" className={`${cardClass} space-y-4 p-5`}>
      <div>
        <h2 id="draft-heading" className="text-lg font-semibold">Draft</h2>
        <p className="mt-1 text-sm text-slate-700" data-testid="draft-status">
          {STATUS_LABEL[draft.status]} · started by {draft.authorName}
          {draft.approvedByName ? ` · approved by ${draft.approvedByName}` : ""} · revision {revision}
        </p>
        {dirty && <p className="mt-1 text-sm font-medium text-amber-800">You have unsaved changes. Save the draft first: only saved changes are submitted, approved or published.</p>}
      </div>

      {requireSecondApproval && (
        <div className="space-y-2 border-t border-slate-200 pt-4">
          <p className="text-sm text-slate-700">A second manager must approve drafts before they are published. The author and anyone who edited the draft cannot approve it.</p>
          <div className="flex flex-wrap gap-2">
            {draft.status === "EDITING" && (
              <form action={submit}>
                {hidden}
                <button type="submit" className={buttonClass.secondary} disabled={submitting || dirty}>Submit for approval</button>
              </form>
            )}
            {draft.status === "AWAITING_APPROVAL" && draft.canApprove && (
              <form action={approve}>
                {hidden}
                <button type="submit" className={buttonClass.secondary} disabled={approving || dirty}>Approve</button>
              </form>
            )}
            {draft.status === "AWAITING_APPROVAL" && !draft.canApprove && <p className="text-sm text-slate-600">Waiting for another manager to approve it.</p>}
          </div>
          <FormMessage state={submitState} />
          <FormMessage state={approveState} />
        </div>
      )}

      <form action={publish} className="space-y-2 border-t border-slate-200 pt-4" aria-label="Publish" noValidate>
        {hidden}
        <label htmlFor="changeNote" className={labelClass}>Change note</label>
        <textarea
          id="changeNote"
          name="changeNote"
          rows={2}
          className={inputClass}
          placeholder="What changed and why, e.g. Added the disk queue length check after INC-1042."
          aria-describedby={changeNoteErrors ? "changeNote-hint changeNote-error" : "changeNote-hint"}
          aria-invalid={changeNoteErrors ? true : undefined}
          defaultValue={publishState && !publishState.ok ? String(publishState.values?.changeNote ?? "") : ""}
        />
        <p id="changeNote-hint" className="text-xs text-slate-600">
          {published ? "Publishing makes a new version; runs already performed keep the version they used." : "Publishing makes version 1 and shows the procedure in the library."}
        </p>
        <ErrorList id="changeNote-error" errors={changeNoteErrors} />
        <FormMessage state={publishState} />
        {otherPublishErrors.length > 0 && <ErrorList errors={otherPublishErrors} />}
        <button type="submit" className={buttonClass.primary} disabled={publishing || dirty || blocked}>
          {publishing ? "Publishing…" : "Publish"}
        </button>
        {blocked && <span className="ml-2 text-sm text-slate-600">Needs approval first.</span>}
      </form>

      <form action={discard} className="border-t border-slate-200 pt-4" onSubmit={(e) => { if (!window.confirm(published ? "Discard this draft? The published version stays as it is." : "Discard this draft? The unpublished procedure is removed.")) e.preventDefault(); }}>
        {hidden}
        <button type="submit" className={buttonClass.danger} disabled={discarding}>Discard draft</button>
        <FormMessage state={discardState} />
      </form>
    </section>
  );
}
