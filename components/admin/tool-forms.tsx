"use client";
import { useActionState } from "react";
import { Field, FormMessage } from "@/components/forms/field";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import { shown } from "@/lib/actions/result";
import { TOOL_KINDS, TOOL_KIND_LABELS } from "@/lib/procedures/vocabulary";
import { Select } from "@/components/forms/select";

interface ToolValues {
  id?: string;
  slug: string;
  name: string;
  kind: string;
  description: string;
}

/** Adds a tool, or edits one (the slug stays: procedures and files refer to it). */
export function ToolForm({ action, tool }: { action: FormAction; tool?: ToolValues }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const prefix = tool ? `tool-${tool.id}` : "new-tool";
  return (
    <form action={formAction} className="space-y-3" noValidate aria-label={tool ? `Edit ${tool.name}` : "Add a tool"}>
      <FormMessage state={state} />
      {tool ? (
        <input type="hidden" name="toolId" value={tool.id} />
      ) : (
        <Field id={`${prefix}-slug`} label="Slug" name="slug" defaultValue={shown(state, "slug")} placeholder="e.g. exchange-best-practices-analyzer" hint="Lower-case words with hyphens; procedures and exported files name the tool by it, so it cannot change later." errors={errors.slug} />
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${prefix}-name`} label="Name" name="name" defaultValue={shown(state, "name", tool?.name ?? "")} errors={errors.name} />
        <div className="space-y-1">
          <label htmlFor={`${prefix}-kind`} className={labelClass}>Kind</label>
          <Select id={`${prefix}-kind`} name="kind" defaultValue={shown(state, "kind", tool?.kind ?? "CONSOLE")} className={inputClass}>
            {TOOL_KINDS.map((k) => (
              <option key={k} value={k}>{TOOL_KIND_LABELS[k]}</option>
            ))}
          </Select>
          {errors.kind && <p className="text-sm text-red-700">{errors.kind.join(" ")}</p>}
        </div>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${prefix}-description`} className={labelClass}>Description</label>
        <textarea id={`${prefix}-description`} name="description" rows={2} defaultValue={shown(state, "description", tool?.description ?? "")} className={inputClass} aria-invalid={errors.description ? true : undefined} />
        {errors.description && <p className="text-sm text-red-700">{errors.description.join(" ")}</p>}
      </div>
      <button type="submit" className={tool ? buttonClass.small : buttonClass.primary} disabled={pending}>
        {pending ? "Saving…" : tool ? "Save" : "Add tool"}
      </button>
    </form>
  );
}
