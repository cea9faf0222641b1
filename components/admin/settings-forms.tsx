"use client";
import { useActionState, useEffect, useRef } from "react";
import { Field, FormMessage } from "@/components/forms/field";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import { shown } from "@/lib/actions/result";
import { DATE_INPUT_HINT, formatLocalDate } from "@/lib/time/format";
import { Select } from "@/components/forms/select";
import { MAILBOX_USERS_MEANINGS, MAILBOX_USERS_TIERS } from "@/lib/procedures/vocabulary";

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

interface SettingsValues {
  name: string;
  timeZone: string;
  businessDays: number[];
  requireAcknowledgement?: boolean;
  requireSecondApproval?: boolean;
  shiftStarts?: string[];
  mailboxUsers?: string;
}

const MAILBOX_USERS_CHOICES: Record<(typeof MAILBOX_USERS_TIERS)[number], string> = {
  UNDER_500: "Under 500",
  FROM_500_TO_3000: "500 to 3,000",
  OVER_3000: "Over 3,000",
};

export function SettingsForm({ action, settings, timeZones }: { action: FormAction; settings: SettingsValues; timeZones: string[] }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const submitted = state && !state.ok && state.values ? (state.values.businessDays ?? []) : undefined;
  const days = submitted === undefined ? settings.businessDays.map(String) : Array.isArray(submitted) ? submitted : [submitted];
  // After a refused save, show the box as it was submitted (an unticked box sends nothing).
  const requireAcknowledgement = state && !state.ok && state.values ? state.values.requireAcknowledgement === "on" : Boolean(settings.requireAcknowledgement);
  const requireSecondApproval = state && !state.ok && state.values ? state.values.requireSecondApproval === "on" : Boolean(settings.requireSecondApproval);
  const mailboxUsers = shown(state, "mailboxUsers", settings.mailboxUsers ?? "UNDER_500");
  return (
    <form action={formAction} className="space-y-4" noValidate aria-label="Organisation settings">
      <FormMessage state={state} />
      <Field label="Organisation name" name="name" defaultValue={shown(state, "name", settings.name)} required errors={errors.name} />
      <div className="space-y-1">
        <label htmlFor="timeZone" className={labelClass}>
          Time zone
        </label>
        <Select id="timeZone" name="timeZone" defaultValue={shown(state, "timeZone", settings.timeZone)} className={inputClass} aria-describedby="timeZone-hint">
          {timeZones.map((tz) => (
            <option key={tz} value={tz}>
              {tz}
            </option>
          ))}
        </Select>
        <p id="timeZone-hint" className="text-xs text-slate-600">
          Due times are in this zone, and every date and time in Opsbook is shown in it.
        </p>
        {errors.timeZone && <p className="text-sm text-red-700">{errors.timeZone.join(" ")}</p>}
      </div>
      <fieldset>
        <legend className={labelClass}>Business days</legend>
        <div className="mt-1 grid grid-cols-2 gap-1 sm:grid-cols-4">
          {WEEKDAYS.map((day, i) => (
            <label key={day} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="businessDays" value={i + 1} defaultChecked={days.includes(String(i + 1))} className="h-4 w-4" />
              {day}
            </label>
          ))}
        </div>
        {errors.businessDays && <p className="mt-1 text-sm text-red-700">{errors.businessDays.join(" ")}</p>}
      </fieldset>
      <Field
        label="Shift start times"
        name="shiftStarts"
        defaultValue={shown(state, "shiftStarts", (settings.shiftStarts ?? []).join(", "))}
        autoComplete="off"
        spellCheck={false}
        hint="One to six times of day (HH:MM) in this time zone, separated by commas. A shift runs from one start to the next; the last one runs past midnight. The run page offers the next run of the current shift."
        errors={errors.shiftStarts}
      />
      <fieldset aria-describedby="mailboxUsers-hint" aria-invalid={errors.mailboxUsers ? true : undefined}>
        <legend className={labelClass}>Mailbox users</legend>
        <p id="mailboxUsers-hint" className="text-xs text-slate-600">
          How many mailboxes the organisation has. Some of Microsoft&apos;s limits depend on it; values recorded after a change are judged against the new limits, and results
          already recorded keep the limits they were judged against.
        </p>
        <div className="mt-1 space-y-1">
          {MAILBOX_USERS_TIERS.map((tier) => (
            <label key={tier} className="flex items-start gap-2 text-sm">
              <input type="radio" name="mailboxUsers" value={tier} defaultChecked={mailboxUsers === tier} className="mt-0.5 h-4 w-4" />
              <span>
                <span className="font-medium text-slate-800">{MAILBOX_USERS_CHOICES[tier]}</span>
                <span className="block text-xs text-slate-600">{MAILBOX_USERS_MEANINGS[tier]}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.mailboxUsers && <p className="mt-1 text-sm text-red-700">{errors.mailboxUsers.join(" ")}</p>}
      </fieldset>
      <div className="space-y-1">
        <label className="flex items-start gap-2 text-sm font-medium text-slate-800">
          <input
            type="checkbox"
            name="requireAcknowledgement"
            defaultChecked={requireAcknowledgement}
            className="mt-0.5 h-4 w-4"
            aria-describedby="requireAcknowledgement-hint"
          />
          Require acknowledgement before recording results
        </label>
        <p id="requireAcknowledgement-hint" className="pl-6 text-xs text-slate-600">
          An operator records results on a run only after marking the procedure version it follows as read and understood.
          Managers and administrators are not held to this.
        </p>
      </div>
      <div className="space-y-1">
        <label className="flex items-start gap-2 text-sm font-medium text-slate-800">
          <input type="checkbox" name="requireSecondApproval" defaultChecked={requireSecondApproval} className="mt-0.5 h-4 w-4" aria-describedby="requireSecondApproval-hint" />
          Require a second manager to approve procedure changes
        </label>
        <p id="requireSecondApproval-hint" className="pl-6 text-xs text-slate-600">
          A draft is published only after a manager who neither started nor edited it approves it. Imported new procedures arrive as drafts.
        </p>
      </div>
      <button type="submit" className={buttonClass.primary} disabled={pending}>
        {pending ? "Saving…" : "Save settings"}
      </button>
    </form>
  );
}

export function AddHolidayForm({ action }: { action: FormAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form ref={formRef} action={formAction} className="space-y-3" noValidate aria-label="Add a holiday">
      <FormMessage state={state} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="holiday-date" label="Date" name="date" type="date" defaultValue={shown(state, "date")} required errors={errors.date} hint={DATE_INPUT_HINT} />
        <Field id="holiday-name" label="Name" name="name" defaultValue={shown(state, "name")} required errors={errors.name} />
      </div>
      <button type="submit" className={buttonClass.secondary} disabled={pending}>
        Add holiday
      </button>
    </form>
  );
}

export function RemoveHolidayButton({ action, holiday }: { action: FormAction; holiday: { id: string; name: string; date: string } }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="inline">
      <input type="hidden" name="holidayId" value={holiday.id} />
      <button type="submit" className={buttonClass.small} disabled={pending} aria-label={`Remove ${holiday.name} on ${formatLocalDate(holiday.date)}`}>
        Remove
      </button>
      {state && !state.ok && <span className="ml-2 text-sm text-red-700">{state.error}</span>}
    </form>
  );
}
