"use client";
// Problem management on an incident's page: link the incident to an existing problem, start a new
// problem from it, unlink it, and keep the problem's description and root cause up to date.
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/forms/field";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import { shown } from "@/lib/actions/result";
import { problemRef } from "@/lib/incidents/naming";
import { Errors, formLevel, TextAreaField, useRefreshOnSuccess } from "./fields";
import { Select } from "@/components/forms/select";

export function LinkProblemForm({ action, incidentId, problems }: { action: FormAction; incidentId: number; problems: { id: number; title: string; incidents: number }[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  useRefreshOnSuccess(state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  if (problems.length === 0) return <p className="text-sm text-slate-600">No problem has been recorded yet.</p>;
  return (
    <form action={formAction} className="space-y-2" noValidate aria-label="Link to an existing problem">
      <input type="hidden" name="incidentId" value={incidentId} />
      <FormMessage state={formLevel(state)} />
      <div className="space-y-1">
        <label htmlFor="link-problem" className={labelClass}>
          Existing problem
        </label>
        <Select id="link-problem" name="problemId" defaultValue={shown(state, "problemId", "")} className={inputClass} aria-invalid={errors.problemId ? true : undefined}>
          <option value="">Choose…</option>
          {problems.map((p) => (
            <option key={p.id} value={p.id}>
              {problemRef(p.id)} {p.title} ({p.incidents} {p.incidents === 1 ? "incident" : "incidents"})
            </option>
          ))}
        </Select>
        <Errors id="link-problem-error" errors={errors.problemId} />
      </div>
      <button type="submit" className={buttonClass.secondary} disabled={pending}>
        Link to this problem
      </button>
    </form>
  );
}

export function CreateProblemForm({ action, incidentId, defaults }: { action: FormAction; incidentId: number; defaults: { title: string; rootCause: string } }) {
  const [state, formAction, pending] = useActionState(action, null);
  useRefreshOnSuccess(state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-3" noValidate aria-label="New problem">
      <input type="hidden" name="incidentId" value={incidentId} />
      <FormMessage state={formLevel(state)} />
      <Field id="new-problem-title" label="Problem title" name="title" autoComplete="off" defaultValue={shown(state, "title", defaults.title)} errors={errors.title} hint="The underlying fault, e.g. “Submission queue backs up during the nightly backup”." />
      <TextAreaField id="new-problem-description" label="Description" name="description" rows={3} defaultValue={shown(state, "description", "")} errors={errors.description} hint="The pattern: when it happens, what it affects, what has been tried." />
      <TextAreaField id="new-problem-root-cause" label="Root cause (if known)" name="rootCause" rows={2} defaultValue={shown(state, "rootCause", defaults.rootCause)} errors={errors.rootCause} />
      <button type="submit" className={buttonClass.secondary} disabled={pending}>
        {pending ? "Creating…" : "Create problem and link"}
      </button>
    </form>
  );
}

export function UnlinkProblemButton({ action, incidentId, problemId }: { action: FormAction; incidentId: number; problemId: number }) {
  const [state, formAction, pending] = useActionState(action, null);
  useRefreshOnSuccess(state);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="incidentId" value={incidentId} />
      <button type="submit" className={buttonClass.small} disabled={pending} aria-label={`Unlink this incident from problem #${problemId}`}>
        Unlink
      </button>
      {state && !state.ok && (
        <span role="alert" className="ml-2 text-sm text-red-700">
          {state.error}
        </span>
      )}
    </form>
  );
}

export function EditProblemForm({ action, problem }: { action: FormAction; problem: { id: number; title: string; description: string; rootCause: string } }) {
  const [state, formAction, pending] = useActionState(action, null);
  useRefreshOnSuccess(state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-3" noValidate aria-label={`Edit problem #${problem.id}`}>
      <input type="hidden" name="problemId" value={problem.id} />
      <FormMessage state={formLevel(state)} />
      <Field id="problem-title" label="Problem title" name="title" autoComplete="off" defaultValue={shown(state, "title", problem.title)} errors={errors.title} />
      <TextAreaField id="problem-description" label="Description" name="description" rows={3} defaultValue={shown(state, "description", problem.description)} errors={errors.description} />
      <TextAreaField id="problem-root-cause" label="Root cause" name="rootCause" rows={3} defaultValue={shown(state, "rootCause", problem.rootCause)} errors={errors.rootCause} />
      <button type="submit" className={buttonClass.secondary} disabled={pending}>
        {pending ? "Saving…" : "Save problem"}
      </button>
    </form>
  );
}
