import type { Metadata } from "next";
import { ScheduleForm, type ScheduleFormValues } from "@/components/admin/schedule-form";
import { MaintenanceWindowForm, RemoveWindowButton, ScheduleActiveToggle } from "@/components/admin/schedule-controls";
import { CadenceBadge } from "@/components/procedures/badges";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { EXCHANGE_ROLE_SHORT, type ExchangeRole } from "@/lib/procedures/vocabulary";
import {
  createMaintenanceWindowAction,
  createScheduleAction,
  removeMaintenanceWindowAction,
  setScheduleActiveAction,
  updateScheduleAction,
} from "@/lib/scheduling/actions";
import { localDateOf } from "@/lib/time/dates";
import { listSchedules, scheduleFormOptions } from "@/lib/scheduling/queries";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { formatDateTime, formatLocalDate } from "@/lib/time/format";

export const metadata: Metadata = { title: "Schedules" };

function grace(minutes: number): string {
  if (minutes % 1440 === 0 && minutes > 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0 && minutes > 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

export default async function SchedulesPage() {
  await requirePage("/admin/schedules");
  const [schedules, options, settings] = await Promise.all([listSchedules(), scheduleFormOptions(), getOrganisationSettings()]);
  const broken = schedules.filter((s) => s.problem && s.active).length;
  const blank: ScheduleFormValues = {
    procedureId: "",
    name: "",
    spec: { kind: "DAILY" },
    anchorDate: localDateOf(new Date(), settings.timeZone),
    dueTime: "10:00",
    graceMinutes: 120,
    timeZone: settings.timeZone,
    assignee: "role:OPERATOR",
    scope: "ORGANISATION",
    scopeRoles: [],
    active: true,
  };

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Schedules</h1>
        <p className="mt-1 text-sm text-slate-600">
          When each procedure recurs, when it is due and who does it. Changes apply to runs from now on; past and started runs
          keep the schedule they were made with.
        </p>
      </div>
      {broken > 0 && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {broken === 1
            ? "One active schedule generates no runs because its rule is no longer accepted; it is marked below."
            : `${broken} active schedules generate no runs because their rules are no longer accepted; they are marked below.`}
        </p>
      )}

      <details className={`${cardClass} p-5`}>
        <summary className="cursor-pointer text-lg font-semibold">New schedule</summary>
        <div className="mt-4">
          <ScheduleForm action={createScheduleAction} values={blank} options={options} submitLabel="Create schedule" />
        </div>
      </details>

      <section aria-labelledby="all-schedules" className={`${cardClass} overflow-x-auto`}>
        <h2 id="all-schedules" className="px-5 pt-4 text-lg font-semibold">
          All schedules ({schedules.length})
        </h2>
        <table className="mt-2 w-full text-left text-sm">
          <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2">Procedure</th>
              <th scope="col" className="px-4 py-2">When</th>
              <th scope="col" className="px-4 py-2">Due, grace</th>
              <th scope="col" className="px-4 py-2">Who, runs</th>
              <th scope="col" className="px-4 py-2">Next</th>
              <th scope="col" className="px-4 py-2">Actions</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {schedules.map((s) => (
              <tr key={s.id} className={`align-top ${s.active ? "" : "bg-slate-50 text-slate-500"}`} data-testid="schedule-row">
                <td className="px-4 py-3">
                  <span className="flex flex-wrap items-center gap-2">
                    {s.code && <span className="font-mono text-xs text-slate-500">{s.code}</span>}
                    <span className="font-medium">{s.title}</span>
                    <CadenceBadge cadence={s.cadence} />
                    {!s.active && <span className="rounded bg-slate-200 px-1.5 text-xs">paused</span>}
                  </span>
                  {s.name && <span className="block text-xs text-slate-600">{s.name}</span>}
                </td>
                <td className="px-4 py-3">
                  {s.description}
                  {s.problem && (
                    <p className="mt-1 rounded border border-red-300 bg-red-50 px-2 py-1 text-xs text-red-900" data-testid="schedule-problem">
                      This rule is no longer accepted, so no runs are generated: {s.problem} Edit the schedule to fix it.
                    </p>
                  )}
                </td>
                <td className="whitespace-nowrap px-4 py-3">
                  {s.dueTime}, +{grace(s.graceMinutes)}
                </td>
                <td className="px-4 py-3">
                  {s.assigneeLabel}
                  <span className="block text-xs text-slate-600">
                    {s.scope === "PER_SERVER" ? `per server: ${s.scopeRoles.map((r) => EXCHANGE_ROLE_SHORT[r as ExchangeRole] ?? r).join(", ")}` : "once"}
                  </span>
                </td>
                <td className="whitespace-nowrap px-4 py-3">{s.active && s.next ? formatLocalDate(s.next) : "—"}</td>
                <td className="space-y-2 px-4 py-3">
                  <ScheduleActiveToggle action={setScheduleActiveAction} scheduleId={s.id} active={s.active} label={s.title} />
                  <details>
                    <summary className="cursor-pointer text-brand-700 underline">Edit</summary>
                    <div className="mt-3 w-[min(56rem,80vw)]">
                      <ScheduleForm
                        action={updateScheduleAction}
                        options={options}
                        submitLabel="Save schedule"
                        values={{ ...s, id: s.id }}
                      />
                    </div>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="maintenance" className={`${cardClass} p-5`}>
        <h2 id="maintenance" className="text-lg font-semibold">
          Maintenance windows
        </h2>
        <p className="mt-1 text-sm text-slate-600">Runs due inside a window are shown as suppressed and never count as missed.</p>
        {options.windows.length > 0 && (
          <ul className="my-3 divide-y divide-slate-200 text-sm" aria-label="Maintenance windows">
            {options.windows.map((w) => (
              <li key={w.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{w.name}</span> · {w.server ?? "whole organisation"} · {formatDateTime(w.startsAt, settings.timeZone)} to{" "}
                  {formatDateTime(w.endsAt, settings.timeZone)}
                  {w.reason && <span className="block text-xs text-slate-600">{w.reason}</span>}
                </span>
                <RemoveWindowButton action={removeMaintenanceWindowAction} windowId={w.id} name={w.name} />
              </li>
            ))}
          </ul>
        )}
        <div className="mt-3">
          <MaintenanceWindowForm action={createMaintenanceWindowAction} servers={options.servers} timeZone={settings.timeZone} />
        </div>
      </section>
    </div>
  );
}
