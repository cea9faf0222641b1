"use client";
// The two forms of the standard tool set on /tools: a deployment recorded by hand (operators), and
// a change to the set raised by a manager (a Normal change record, approved by another manager).
import Link from "next/link";
import { useActionState, useState } from "react";
import { ActionAlert } from "@/components/ui/alert";
import { CheckboxField, Field, SelectField, TextareaField } from "@/components/ui/form-field";
import { buttonClass, cardClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import { shown } from "@/lib/actions/result";
import { CHANGE_RISK_LABELS, CHANGE_RISKS, CHANGE_TYPE_LABELS, CHANGE_TYPES } from "@/lib/changes/workflow";
import { EXCHANGE_ROLE_LABELS, EXCHANGE_ROLES, TOOL_KIND_LABELS, TOOL_KINDS } from "@/lib/procedures/vocabulary";
import { PLACEMENT_LABELS, TOOL_CHANGE_KIND_LABELS, TOOL_CHANGE_KINDS, VERSIONING_LABELS, type ToolChangeKind } from "@/lib/tools/standard-set";

interface Option {
  value: string;
  label: string;
}

export function RecordDeploymentForm({ action, servers, tools }: { action: FormAction; servers: Option[]; tools: Option[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <details className={`${cardClass} p-4`}>
      <summary className="cursor-pointer text-sm font-medium">Record a deployment by hand</summary>
      <form action={formAction} className="mt-3 grid gap-3 sm:grid-cols-2" noValidate aria-label="Record a deployment">
        <div className="sm:col-span-2">
          <ActionAlert state={state} />
          <p className="text-xs text-slate-600">Only an approved version can be set by hand. What a verification run finds is recorded through the run, whatever it is.</p>
        </div>
        <SelectField label="Server" name="serverId" id="deployment-server" options={servers} defaultValue={shown(state, "serverId")} errors={errors.serverId} />
        <SelectField label="Tool" name="toolId" id="deployment-tool" options={tools} defaultValue={shown(state, "toolId")} errors={errors.toolId} />
        <SelectField
          label="On the server"
          name="present"
          id="deployment-present"
          options={[
            { value: "true", label: "Installed" },
            { value: "false", label: "Not installed" },
          ]}
          defaultValue={shown(state, "present", "true")}
          errors={errors.present}
        />
        <Field label="Version installed" name="version" id="deployment-version" defaultValue={shown(state, "version")} errors={errors.version} hint="Empty for a tool that ships with Exchange: it takes the server's build." />
        <div className="sm:col-span-2">
          <button type="submit" className={buttonClass.primary} disabled={pending}>
            Record deployment
          </button>
        </div>
      </form>
    </details>
  );
}

export function RaiseToolChangeForm({ action, tools, defaultStart, defaultEnd }: { action: FormAction; tools: Option[]; defaultStart: string; defaultEnd: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const [kind, setKind] = useState<ToolChangeKind>((shown(state, "changeKind", "APPROVE_VERSION") as ToolChangeKind) || "APPROVE_VERSION");
  const created = state?.ok ? (state.data as { id?: number } | undefined)?.id : undefined;
  const rolesValue = state && !state.ok ? state.values?.requiredRoles : undefined;
  const checkedRoles = Array.isArray(rolesValue) ? rolesValue : typeof rolesValue === "string" ? [rolesValue] : [];
  return (
    <details className={`${cardClass} p-4`}>
      <summary className="cursor-pointer text-sm font-medium">Raise a change to the standard tool set (managers)</summary>
      <form action={formAction} className="mt-3 grid gap-3 sm:grid-cols-2" noValidate aria-label="Raise a tool change">
        <div className="space-y-1 sm:col-span-2">
          <ActionAlert state={state} />
          {created ? (
            <p className="text-sm">
              <Link href={`/changes/${created}`} className="text-brand-700 underline">
                Open the change to submit it
              </Link>
            </p>
          ) : null}
          <p className="text-xs text-slate-600">A tool change is a Normal change: you submit it, another manager approves it, and the catalogue changes when it is implemented.</p>
        </div>
        <SelectField
          label="What the change does"
          name="changeKind"
          id="tool-change-kind"
          options={TOOL_CHANGE_KINDS.map((k) => ({ value: k, label: TOOL_CHANGE_KIND_LABELS[k] }))}
          value={kind}
          onChange={(e) => setKind(e.target.value as ToolChangeKind)}
          errors={errors.changeKind}
        />
        <SelectField label="Change type" name="type" id="tool-change-type" options={CHANGE_TYPES.map((t) => ({ value: t, label: CHANGE_TYPE_LABELS[t] }))} defaultValue={shown(state, "type", "NORMAL")} errors={errors.type} />
        {kind !== "ADD" && <SelectField label="Tool" name="toolId" id="tool-change-tool" options={[{ value: "", label: "Choose a tool" }, ...tools]} defaultValue={shown(state, "toolId")} errors={errors.toolId} />}
        {kind !== "RETIRE" && <Field label={kind === "ADD" ? "First approved version (separately installed tools)" : "Version to approve"} name="version" id="tool-change-version" defaultValue={shown(state, "version")} errors={errors.version} />}
        {kind === "ADD" && (
          <>
            <Field label="Tool name" name="name" id="tool-change-name" defaultValue={shown(state, "name")} errors={errors.name} />
            <Field label="Slug" name="slug" id="tool-change-slug" defaultValue={shown(state, "slug")} errors={errors.slug} hint="Lower-case words joined by hyphens, e.g. exchange-server-user-monitor." />
            <SelectField label="Kind of tool" name="toolKind" id="tool-change-tool-kind" options={TOOL_KINDS.map((k) => ({ value: k, label: TOOL_KIND_LABELS[k] }))} defaultValue={shown(state, "toolKind", "UTILITY")} errors={errors.toolKind} />
            <SelectField label="Where it must be" name="placement" id="tool-change-placement" options={(["ROLES", "LAB_ONLY"] as const).map((p) => ({ value: p, label: PLACEMENT_LABELS[p] }))} defaultValue={shown(state, "placement", "ROLES")} errors={errors.placement} />
            <fieldset className="space-y-1 sm:col-span-2">
              <legend className="text-sm font-medium text-slate-800">Required on servers holding</legend>
              <div className="flex flex-wrap gap-4">
                {EXCHANGE_ROLES.map((role) => (
                  <CheckboxField key={role} label={EXCHANGE_ROLE_LABELS[role]} name="requiredRoles" id={`tool-change-role-${role}`} value={role} defaultChecked={checkedRoles.includes(role)} />
                ))}
              </div>
              {errors.requiredRoles && <p className="text-sm text-red-700">{errors.requiredRoles.join(" ")}</p>}
            </fieldset>
            <SelectField label="Versions" name="versioning" id="tool-change-versioning" options={(["OWN", "EXCHANGE"] as const).map((v) => ({ value: v, label: VERSIONING_LABELS[v] }))} defaultValue={shown(state, "versioning", "OWN")} errors={errors.versioning} />
            <Field label="Owner" name="owner" id="tool-change-owner" defaultValue={shown(state, "owner", "Messaging team")} errors={errors.owner} />
            <TextareaField label="Source to obtain it from" name="source" id="tool-change-source" rows={2} className="sm:col-span-2" defaultValue={shown(state, "source")} errors={errors.source} />
            <TextareaField label="What operators use it for" name="toolDescription" id="tool-change-description" rows={2} className="sm:col-span-2" defaultValue={shown(state, "toolDescription")} errors={errors.toolDescription} />
          </>
        )}
        <TextareaField label="Reason" name="reason" id="tool-change-reason" rows={2} className="sm:col-span-2" defaultValue={shown(state, "reason")} errors={errors.reason} />
        <SelectField label="Risk" name="risk" id="tool-change-risk" options={CHANGE_RISKS.map((r) => ({ value: r, label: CHANGE_RISK_LABELS[r] }))} defaultValue={shown(state, "risk", "LOW")} errors={errors.risk} />
        <TextareaField label="Back-out plan" name="backoutPlan" id="tool-change-backout" rows={2} defaultValue={shown(state, "backoutPlan")} errors={errors.backoutPlan} />
        <Field label="Planned start" name="plannedStart" id="tool-change-start" type="datetime-local" defaultValue={shown(state, "plannedStart", defaultStart)} errors={errors.plannedStart} />
        <Field label="Planned end" name="plannedEnd" id="tool-change-end" type="datetime-local" defaultValue={shown(state, "plannedEnd", defaultEnd)} errors={errors.plannedEnd} />
        <div className="sm:col-span-2">
          <button type="submit" className={buttonClass.primary} disabled={pending}>
            Save the change as a draft
          </button>
        </div>
      </form>
    </details>
  );
}
