"use client";
// The forms on an incident's page: moving it through the workflow, adding an update to its
// timeline, and editing its details.
import { useActionState, useEffect, useRef } from "react";
import { Field, FormMessage } from "@/components/forms/field";
import { buttonClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import { shown } from "@/lib/actions/result";
import { ACTION_LABELS, type IncidentStatus, type StatusStep } from "@/lib/incidents/workflow";
import { AssigneeSelect, formLevel, ServerPicker, SeveritySelect, shownList, TextAreaField, useRefreshOnSuccess } from "./fields";

const STEP_BUTTON: Record<StatusStep, string> = {
  investigate: buttonClass.secondary,
  resolve: buttonClass.primary,
  reopen: buttonClass.secondary,
  close: buttonClass.primary,
};

const STEP_HELP: Record<IncidentStatus, string> = {
  OPEN: "Start investigating to take the incident (it is assigned to you if nobody has it), or resolve it straight away with what was done.",
  INVESTIGATING: "Resolve the incident once the service is restored, saying what was done.",
  RESOLVED: "Close the incident once the resolution is confirmed and the record is complete, or reopen it if the fault has come back.",
  CLOSED: "",
};

export function StatusForm({
  action,
  incidentId,
  status,
  steps,
  rootCause,
}: {
  action: FormAction;
  incidentId: number;
  status: IncidentStatus;
  steps: StatusStep[];
  rootCause: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  useRefreshOnSuccess(state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const resolving = steps.includes("resolve");
  return (
    <form action={formAction} className="space-y-3" noValidate aria-label="Change the status">
      <input type="hidden" name="incidentId" value={incidentId} />
      <p className="text-sm text-slate-600">{STEP_HELP[status]}</p>
      <FormMessage state={formLevel(state)} />
      {resolving && (
        <>
          <TextAreaField
            id="status-resolution"
            label="Resolution"
            name="resolution"
            rows={3}
            defaultValue={shown(state, "resolution", "")}
            errors={errors.resolution}
            hint="Needed to resolve: what was done to restore the service."
          />
          <TextAreaField id="status-root-cause" label="Root cause (if known)" name="rootCause" rows={2} defaultValue={shown(state, "rootCause", rootCause)} errors={errors.rootCause} />
        </>
      )}
      <TextAreaField id="status-note" label="Note for the timeline (optional)" name="note" rows={2} defaultValue={shown(state, "note", "")} errors={errors.note} />
      <div className="flex flex-wrap gap-2">
        {steps.map((step) => (
          <button key={step} type="submit" name="step" value={step} className={STEP_BUTTON[step]} disabled={pending}>
            {ACTION_LABELS[step]}
          </button>
        ))}
      </div>
    </form>
  );
}

export function AddUpdateForm({ action, incidentId }: { action: FormAction; incidentId: number }) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useRefreshOnSuccess(state);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form ref={formRef} action={formAction} className="space-y-3" noValidate aria-label="Add an update">
      <input type="hidden" name="incidentId" value={incidentId} />
      <FormMessage state={formLevel(state)} />
      <TextAreaField id="update-body" label="Update" name="body" rows={3} defaultValue={state?.ok ? "" : shown(state, "body", "")} errors={errors.body} hint="What you found or did, and what happens next." />
      <button type="submit" className={buttonClass.secondary} disabled={pending}>
        {pending ? "Adding…" : "Add update"}
      </button>
    </form>
  );
}

export interface DetailsValues {
  title: string;
  description: string;
  severity: number;
  assigneeId: string | null;
  serverIds: string[];
  rootCause: string;
  /** Present only while the incident is resolved (the only time it is edited here). */
  resolution: string | null;
}

export function DetailsForm({
  action,
  incidentId,
  values,
  servers,
  assignees,
}: {
  action: FormAction;
  incidentId: number;
  values: DetailsValues;
  servers: { id: string; name: string }[];
  assignees: { id: string; name: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, null);
  useRefreshOnSuccess(state);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="space-y-4" noValidate aria-label="Incident details">
      <input type="hidden" name="incidentId" value={incidentId} />
      <FormMessage state={formLevel(state)} />
      <Field id="details-title" label="Title" name="title" autoComplete="off" defaultValue={shown(state, "title", values.title)} errors={errors.title} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SeveritySelect id="details-severity" value={shown(state, "severity", String(values.severity))} errors={errors.severity} />
        <AssigneeSelect id="details-assignee" value={shown(state, "assigneeId", values.assigneeId ?? "")} assignees={assignees} errors={errors.assigneeId} />
      </div>
      <ServerPicker idPrefix="details" servers={servers} selected={shownList(state, "serverIds", values.serverIds)} errors={errors.serverIds} />
      <TextAreaField id="details-description" label="Description" name="description" rows={5} defaultValue={shown(state, "description", values.description)} errors={errors.description} />
      <TextAreaField id="details-root-cause" label="Root cause" name="rootCause" rows={3} defaultValue={shown(state, "rootCause", values.rootCause)} errors={errors.rootCause} hint="Why it happened, once known. Problem management builds on it." />
      {values.resolution !== null && (
        <TextAreaField id="details-resolution" label="Resolution" name="resolution" rows={3} defaultValue={shown(state, "resolution", values.resolution)} errors={errors.resolution} />
      )}
      <button type="submit" className={buttonClass.primary} disabled={pending}>
        {pending ? "Saving…" : "Save details"}
      </button>
    </form>
  );
}
