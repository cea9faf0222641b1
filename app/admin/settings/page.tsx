import type { Metadata } from "next";
import { AddHolidayForm, RemoveHolidayButton, SettingsForm } from "@/components/admin/settings-forms";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { addHolidayAction, removeHolidayAction, updateSettingsAction } from "@/lib/settings/actions";
import { getOrganisationSettings, listHolidays } from "@/lib/settings/queries";
import { formatDate } from "@/lib/time/format";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  await requirePage("/admin/settings");
  const [settings, holidays] = await Promise.all([getOrganisationSettings(), listHolidays()]);
  const timeZones = Intl.supportedValuesOf("timeZone");
  if (!timeZones.includes(settings.timeZone)) timeZones.unshift(settings.timeZone);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="mt-1 text-sm text-slate-600">
          The organisation&apos;s calendar. Dates are stored in UTC and shown in this time zone; schedules use the business days
          and holidays.
        </p>
      </div>
      <div className="grid gap-5 lg:grid-cols-2">
        <section aria-labelledby="general" className={`${cardClass} self-start p-5`}>
          <h2 id="general" className="mb-3 text-lg font-semibold">
            Organisation
          </h2>
          <SettingsForm action={updateSettingsAction} settings={settings} timeZones={timeZones} />
        </section>
        <section aria-labelledby="holidays" className={`${cardClass} self-start p-5`}>
          <h2 id="holidays" className="mb-3 text-lg font-semibold">
            Holidays
          </h2>
          {holidays.length === 0 ? (
            <p className="mb-4 text-sm text-slate-600">No holidays yet.</p>
          ) : (
            <ul className="mb-4 divide-y divide-slate-200 text-sm" aria-label="Holidays">
              {holidays.map((h) => (
                <li key={h.id} className="flex items-center justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium">{h.name}</span>{" "}
                    <span className="text-slate-600">{formatDate(new Date(`${h.date}T12:00:00Z`), "UTC")}</span>
                  </span>
                  <RemoveHolidayButton action={removeHolidayAction} holiday={h} />
                </li>
              ))}
            </ul>
          )}
          <AddHolidayForm action={addHolidayAction} />
        </section>
      </div>
    </div>
  );
}
