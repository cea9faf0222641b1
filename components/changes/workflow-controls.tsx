"use client";
// The workflow steps the signed-in user may take on a change: submit, approve or reject with a
// note, mark implemented choosing the verification procedures, verify, close. The page decides
// which steps to offer (from the workflow table and the policy); the server checks again.
import { useRouter } from "next/navigation";
import { useActionState, useId, useState } from "react";
import { FormMessage } from "@/components/forms/field";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import type { ActionResult, ActionState } from "@/lib/actions/result";
import { CADENCE_LABELS, EXCHANGE_ROLE_SHORT, type Cadence, type ExchangeRole } from "@/lib/procedures/vocabulary";

export interface ProcedureChoice {
  id: string;
  title: string;
  cadence: Cadence;
  roles: ExchangeRole[];
  runsOn: string[];
}

export interface WorkflowSteps {
  submit?: { preApproved: boolean; emergency: boolean };
  decide?: { retroactive: boolean };
  implement?: { suggested: ProcedureChoice[]; general: ProcedureChoice[]; other: ProcedureChoice[]; beforeApproval: boolean; preselected: string[] };
  verify?: true;
  close?: true;
}

export interface WorkflowActions {
  submit: FormAction;
  approve: FormAction;
  reject: FormAction;
  implement: FormAction;
  verify: FormAction;
  close: FormAction;
}

function ProcedureOption({ choice, name, checked, describedBy }: { choice: ProcedureChoice; name: string; checked: boolean; describedBy: string }) {
  return (
    <li className="rounded-md px-1 py-1 hover:bg-slate-50">
      <label className="flex items-start gap-2 text-sm font-medium text-slate-900">
        <input type="checkbox" name={name} value={choice.id} defaultChecked={checked} className="mt-0.5 h-4 w-4" aria-describedby={describedBy} />
        {choice.title}
      </label>
      <p id={describedBy} className="pl-6 text-xs text-slate-600">
        {CADENCE_LABELS[choice.cadence]} · {choice.roles.length ? choice.roles.map((r) => EXCHANGE_ROLE_SHORT[r]).join(", ") : "organisation-wide"} · runs on {choice.runsOn.join(", ")}
      </p>
    </li>
  );
}

export function WorkflowControls({ changeId, steps, actions }: { changeId: number; steps: WorkflowSteps; actions: WorkflowActions }) {
  const router = useRouter();
  const id = useId();
  const [latest, setLatest] = useState<ActionResult | null>(null);
  const step = (action: FormAction) =>
    async function run(previous: ActionState, data: FormData) {
      const result = await action(previous, data);
      setLatest(result);
      if (result.ok) router.refresh();
      return result;
    };
  const [, submit, submitting] = useActionState(step(actions.submit), null);
  const [, approve, approving] = useActionState(step(actions.approve), null);
  const [, reject, rejecting] = useActionState(step(actions.reject), null);
  const [, implement, implementing] = useActionState(step(actions.implement), null);
  const [, verify, verifying] = useActionState(step(actions.verify), null);
  const [, close, closing] = useActionState(step(actions.close), null);

  // Field errors and the echoed choices come from the step that ran last.
  const failed = latest && !latest.ok ? latest : null;
  const noteErrors = failed?.fieldErrors.note;
  const implementErrors = failed?.fieldErrors.procedureIds;
  const chosen = new Set(failed ? [failed.values?.procedureIds ?? []].flat() : (steps.implement?.preselected ?? []));
  const hidden = <input type="hidden" name="changeId" value={changeId} />;
  const nothing = !steps.submit && !steps.decide && !steps.implement && !steps.verify && !steps.close;

  return (
    <div className="space-y-4">
      <FormMessage state={latest} />
      {nothing && latest?.ok !== true && <p className="text-sm text-slate-600">There is nothing for you to do on this change now.</p>}

      {steps.submit && (
        <form action={submit} className="space-y-2" aria-label="Submit the change">
          {hidden}
          <p className="text-sm text-slate-700">
            {steps.submit.preApproved
              ? "Standard changes are pre-approved: submitting approves it, and it can then be implemented."
              : steps.submit.emergency
                ? "Once submitted, an emergency change can be implemented at once; a manager approves it after the fact."
                : "Once submitted, a manager other than you approves or rejects it. The draft can no longer be edited."}
          </p>
          <button type="submit" className={buttonClass.primary} disabled={submitting}>
            {submitting ? "Submitting…" : steps.submit.preApproved ? "Submit (pre-approved)" : "Submit for approval"}
          </button>
        </form>
      )}

      {steps.decide && (
        <form action={approve} className="space-y-2" aria-label="Decision" noValidate>
          {hidden}
          <label htmlFor={`${id}-note`} className={labelClass}>
            Decision note {steps.decide.retroactive ? "(optional)" : "(required to reject)"}
          </label>
          <textarea id={`${id}-note`} name="note" rows={2} className={inputClass} aria-invalid={noteErrors ? true : undefined} aria-describedby={noteErrors ? `${id}-note-error` : undefined} />
          {noteErrors && (
            <p id={`${id}-note-error`} className="text-sm text-red-700">
              {noteErrors.join(" ")}
            </p>
          )}
          {steps.decide.retroactive && <p className="text-sm text-slate-700">This emergency change was implemented before anyone approved it. Approving it now flags it as approved retroactively.</p>}
          <div className="flex flex-wrap gap-2">
            <button type="submit" className={buttonClass.primary} disabled={approving || rejecting}>
              {steps.decide.retroactive ? "Approve after the fact" : "Approve"}
            </button>
            {!steps.decide.retroactive && (
              <button type="submit" formAction={reject} className={buttonClass.danger} disabled={approving || rejecting}>
                Reject
              </button>
            )}
          </div>
        </form>
      )}

      {steps.implement && (
        <form action={implement} className="space-y-3" aria-label="Mark implemented" noValidate>
          {hidden}
          <fieldset aria-describedby={`${id}-verification-hint${implementErrors ? ` ${id}-verification-error` : ""}`}>
            <legend className="text-sm font-semibold text-slate-900">Verification procedures</legend>
            <p id={`${id}-verification-hint`} className="text-xs text-slate-600">
              Choose the checks that show the change worked. Each runs once on every affected server it applies to, assigned to you and due in four hours; the change is verified
              when all of them complete without exceptions.
            </p>
            {implementErrors && (
              <p id={`${id}-verification-error`} className="mt-1 text-sm text-red-700">
                {implementErrors.join(" ")}
              </p>
            )}
            <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-600">Suggested for the affected servers&apos; roles</h3>
            {steps.implement.suggested.length === 0 ? (
              <p className="text-sm text-slate-600">No procedure is specific to these servers&apos; roles; choose from the lists below.</p>
            ) : (
              <ul className="mt-1 space-y-0.5" aria-label="Suggested procedures">
                {steps.implement.suggested.map((c) => (
                  <ProcedureOption key={c.id} choice={c} name="procedureIds" checked={chosen.has(c.id)} describedBy={`${id}-p-${c.id}`} />
                ))}
              </ul>
            )}
            {steps.implement.general.length > 0 && (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-brand-700">General checks for every server ({steps.implement.general.length})</summary>
                <ul className="mt-1 space-y-0.5">
                  {steps.implement.general.map((c) => (
                    <ProcedureOption key={c.id} choice={c} name="procedureIds" checked={chosen.has(c.id)} describedBy={`${id}-p-${c.id}`} />
                  ))}
                </ul>
              </details>
            )}
            {steps.implement.other.length > 0 && (
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-brand-700">Other procedures ({steps.implement.other.length})</summary>
                <ul className="mt-1 space-y-0.5">
                  {steps.implement.other.map((c) => (
                    <ProcedureOption key={c.id} choice={c} name="procedureIds" checked={chosen.has(c.id)} describedBy={`${id}-p-${c.id}`} />
                  ))}
                </ul>
              </details>
            )}
          </fieldset>
          {steps.implement.beforeApproval && (
            <p className="text-sm text-amber-900">This emergency change is not approved yet; a manager will have to approve it after the fact.</p>
          )}
          <button type="submit" className={buttonClass.primary} disabled={implementing}>
            {implementing ? "Saving…" : "Mark implemented"}
          </button>
        </form>
      )}

      {steps.verify && (
        <form action={verify} className="space-y-2" aria-label="Verify the change">
          {hidden}
          <p className="text-sm text-slate-700">Every verification run completed without exceptions.</p>
          <button type="submit" className={buttonClass.primary} disabled={verifying}>
            Mark verified
          </button>
        </form>
      )}

      {steps.close && (
        <form action={close} className="space-y-2" aria-label="Close the change">
          {hidden}
          <p className="text-sm text-slate-700">The change is verified. Close it once the post-implementation review is done.</p>
          <button type="submit" className={buttonClass.secondary} disabled={closing}>
            Close change
          </button>
        </form>
      )}
    </div>
  );
}
