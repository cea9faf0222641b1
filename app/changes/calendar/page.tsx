import type { Metadata } from "next";
import Link from "next/link";
import { ChangeStatusBadge, ChangeTypeBadge } from "@/components/changes/badges";
import { MonthGrid } from "@/components/ui/month-grid";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { changeRef } from "@/lib/changes/naming";
import { getChangeCalendar } from "@/lib/changes/queries";
import { formatDateTime } from "@/lib/time/format";

export const metadata: Metadata = { title: "Change calendar" };

const PER_DAY = 4;

export default async function ChangeCalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("/changes/calendar");
  const params = await searchParams;
  const view = params.view === "list" ? "list" : "month";
  const calendar = await getChangeCalendar(typeof params.month === "string" ? params.month : undefined);
  const link = (v: string, month: string) => `/changes/calendar?view=${v}&month=${month}`;

  return (
    <div className="space-y-5">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/changes" className="text-brand-700 underline">
          Changes
        </Link>{" "}
        <span aria-hidden="true">›</span> Calendar
      </nav>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Change calendar</h1>
          <p className="mt-1 text-sm text-slate-600">
            {calendar.title} · planned windows of changes not yet implemented, and the day each change was implemented · times in {calendar.timeZone}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <nav aria-label="View" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 text-sm shadow-sm">
            {(["month", "list"] as const).map((v) => (
              <Link key={v} href={link(v, calendar.month)} aria-current={view === v ? "page" : undefined} className={`rounded px-3 py-1.5 ${view === v ? "bg-brand-700 text-white" : "text-slate-700 hover:bg-slate-100"}`}>
                {v === "month" ? "Month" : "List"}
              </Link>
            ))}
          </nav>
          <Link href={link(view, calendar.previous)} className={buttonClass.small}>
            ← Previous
          </Link>
          <Link href={link(view, calendar.current)} className={buttonClass.small}>
            This month
          </Link>
          <Link href={link(view, calendar.next)} className={buttonClass.small}>
            Next →
          </Link>
        </div>
      </div>

      {calendar.error && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {calendar.error}
        </p>
      )}

      {view === "month" ? (
        <MonthGrid
          days={calendar.days}
          today={calendar.today}
          label={`Changes in ${calendar.title}`}
          hasEntries={(day) => day.entries.length > 0}
          emptyMessage={`No change is planned or was implemented in ${calendar.title}.`}
          renderDay={(day) =>
            day.entries.length > 0 && (
              <ul className="mt-1 space-y-1 text-sm md:text-xs">
                {day.entries.slice(0, PER_DAY).map((e) => (
                  <li key={`${e.kind}-${e.id}`}>
                    <Link
                      href={`/changes/${e.id}`}
                      className={`block rounded border-l-4 px-1 py-0.5 hover:bg-slate-100 ${e.kind === "implemented" ? "border-green-600 bg-green-50" : e.type === "EMERGENCY" ? "border-red-500 bg-red-50" : "border-sky-500 bg-sky-50"}`}
                    >
                      <span className="block font-medium text-slate-700">{e.kind === "implemented" ? "Implemented" : e.status === "SUBMITTED" ? "Planned, awaiting approval" : "Planned"}</span>
                      <span className="text-slate-900">
                        {changeRef(e.id)} {e.title}
                      </span>
                    </Link>
                  </li>
                ))}
                {day.entries.length > PER_DAY && (
                  <li>
                    <Link href={link("list", calendar.month)} className="text-brand-700 underline">
                      +{day.entries.length - PER_DAY} more
                    </Link>
                  </li>
                )}
              </ul>
            )
          }
        />
      ) : (
        <div className={`${cardClass} overflow-x-auto`}>
          {calendar.list.length === 0 ? (
            <p className="p-6 text-sm text-slate-600">No change is planned or was implemented in {calendar.title}.</p>
          ) : (
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Changes in {calendar.title}, in date order</caption>
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    When
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Change
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Status
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Servers
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {calendar.list.map((c) => (
                  <tr key={`${c.kind}-${c.id}`} className="align-top">
                    <td className="px-3 py-2 text-xs text-slate-700">
                      {c.kind === "implemented" ? (
                        <>
                          <span className="font-semibold">Implemented</span> {formatDateTime(c.implementedAt!, calendar.timeZone)}
                        </>
                      ) : (
                        <>
                          <span className="font-semibold">Planned</span> {formatDateTime(c.plannedStart, calendar.timeZone)}
                          <span className="block">to {formatDateTime(c.plannedEnd, calendar.timeZone)}</span>
                        </>
                      )}
                    </td>
                    <td className="px-3 py-2">
                      <Link href={`/changes/${c.id}`} className="font-medium text-brand-700 hover:underline">
                        {changeRef(c.id)} {c.title}
                      </Link>{" "}
                      <ChangeTypeBadge type={c.type} />
                    </td>
                    <td className="px-3 py-2">
                      <ChangeStatusBadge status={c.status} />
                    </td>
                    <td className="px-3 py-2">{c.serverNames.join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}
