"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { Field, FormMessage } from "@/components/forms/field";
import { buttonClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import { shown } from "@/lib/actions/result";
import { AssigneeSelect, formLevel, ServerPicker, SeveritySelect, shownList, TextAreaField } from "./fields";

export interface NewIncidentDefaults {
  title: string;
  description: string;
  severity: string;
  serverIds: string[];
  /** Set when the incident is raised from a failed checklist item. */
  source: { runId: string; itemId: string; resultId: string } | null;
}

/** Opens an incident, from scratch or prefilled from a failed check; then goes to its page. */
export function NewIncidentForm({
  action,
  defaults,
  servers,
  assignees,
}: {
  action: FormAction;
  defaults: NewIncidentDefaults;
  servers: { id: string; name: string }[];
  assignees: { id: string; name: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const router = useRouter();
  const openedId = state?.ok ? (state.data as { id?: number } | undefined)?.id : undefined;
  useEffect(() => {
    if (openedId) router.push(`/incidents/${openedId}`);
  }, [openedId, router]);
  const errors = state && !state.ok ? state.fieldErrors : {};
  // A refusal about the source (run, item or result) has no field of its own on this form.
  const sourceErrors = [...(errors.runId ?? []), ...(errors.itemId ?? []), ...(errors.resultId ?? [])];

  return (
    <form action={formAction} className="space-y-4" noValidate aria-label="New incident">
      <FormMessage state={formLevel(state)} />
      {sourceErrors.length > 0 && <p className="text-sm text-red-700">{sourceErrors.join(" ")}</p>}
      {defaults.source && (
        <>
          <input type="hidden" name="runId" value={defaults.source.runId} />
          <input type="hidden" name="itemId" value={defaults.source.itemId} />
          <input type="hidden" name="resultId" value={defaults.source.resultId} />
        </>
      )}
      <Field id="incident-title" label="Title" name="title" autoComplete="off" required defaultValue={shown(state, "title", defaults.title)} errors={errors.title} hint="What is wrong, where: for example “EXHUB01: messages stuck in the submission queue”." />
      <div className="grid gap-4 sm:grid-cols-2">
        <SeveritySelect id="incident-severity" value={shown(state, "severity", defaults.severity)} errors={errors.severity} />
        <AssigneeSelect id="incident-assignee" value={shown(state, "assigneeId", "")} assignees={assignees} errors={errors.assigneeId} />
      </div>
      <ServerPicker idPrefix="incident" servers={servers} selected={shownList(state, "serverIds", defaults.serverIds)} errors={errors.serverIds} />
      <TextAreaField
        id="incident-description"
        label="Description"
        name="description"
        rows={6}
        defaultValue={shown(state, "description", defaults.description)}
        errors={errors.description}
        hint="Symptoms, impact (who cannot do what), and what you have checked so far."
      />
      <button type="submit" className={buttonClass.primary} disabled={pending || Boolean(openedId)}>
        {pending ? "Opening…" : "Open incident"}
      </button>
    </form>
  );
}
