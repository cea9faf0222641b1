"use client";
import { startTransition, useActionState, useRef } from "react";
import { FormMessage } from "@/components/forms/field";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import { Select } from "@/components/forms/select";

export function ScheduleActiveToggle({ action, scheduleId, active, label }: { action: FormAction; scheduleId: string; active: boolean; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="space-y-1">
      <input type="hidden" name="scheduleId" value={scheduleId} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <button type="submit" className={active ? buttonClass.small : buttonClass.small} disabled={pending} aria-label={`${active ? "Pause" : "Resume"} ${label}`}>
        {active ? "Pause" : "Resume"}
      </button>
      {state && !state.ok && <p className="text-sm text-red-700">{state.error}</p>}
    </form>
  );
}

export function MaintenanceWindowForm({ action, servers, timeZone }: { action: FormAction; servers: { id: string; name: string }[]; timeZone: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form
      ref={formRef}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
      className="space-y-3"
      noValidate
      aria-label="New maintenance window"
    >
      <FormMessage state={state} />
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="mw-name" className={labelClass}>
            Name
          </label>
          <input id="mw-name" name="name" className={inputClass} aria-invalid={errors.name ? true : undefined} />
          {errors.name && <p className="text-sm text-red-700">{errors.name.join(" ")}</p>}
        </div>
        <div className="space-y-1">
          <label htmlFor="mw-server" className={labelClass}>
            Server
          </label>
          <Select id="mw-server" name="serverId" className={inputClass} defaultValue="">
            <option value="">The whole organisation</option>
            {servers.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
          {errors.serverId && <p className="text-sm text-red-700">{errors.serverId.join(" ")}</p>}
        </div>
        <div className="space-y-1">
          <label htmlFor="mw-start" className={labelClass}>
            Starts ({timeZone})
          </label>
          <input id="mw-start" name="startsAt" type="datetime-local" className={inputClass} aria-invalid={errors.startsAt ? true : undefined} />
          {errors.startsAt && <p className="text-sm text-red-700">{errors.startsAt.join(" ")}</p>}
        </div>
        <div className="space-y-1">
          <label htmlFor="mw-end" className={labelClass}>
            Ends ({timeZone})
          </label>
          <input id="mw-end" name="endsAt" type="datetime-local" className={inputClass} aria-invalid={errors.endsAt ? true : undefined} />
          {errors.endsAt && <p className="text-sm text-red-700">{errors.endsAt.join(" ")}</p>}
        </div>
      </div>
      <div className="space-y-1">
        <label htmlFor="mw-reason" className={labelClass}>
          Reason
        </label>
        <input id="mw-reason" name="reason" className={inputClass} />
      </div>
      <button type="submit" className={buttonClass.secondary} disabled={pending}>
        Add maintenance window
      </button>
    </form>
  );
}

export function RemoveWindowButton({ action, windowId, name }: { action: FormAction; windowId: string; name: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="windowId" value={windowId} />
      <button type="submit" className={buttonClass.small} disabled={pending} aria-label={`Remove ${name}`}>
        Remove
      </button>
      {state && !state.ok && <span className="ml-2 text-sm text-red-700">{state.error}</span>}
    </form>
  );
}
