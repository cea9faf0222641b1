import type { Metadata } from "next";
import Link from "next/link";
import { StateBadge } from "@/components/runs/state-badge";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { getCalendar } from "@/lib/runs/calendar";
import { formatLongDate } from "@/lib/time/format";

export const metadata: Metadata = { title: "Calendar" };

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

export default async function SchedulePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("/schedule");
  const params = await searchParams;
  const view = params.view === "month" ? "month" : "week";
  const calendar = await getCalendar(view, typeof params.date === "string" ? params.date : undefined);
  const link = (v: string, date: string) => `/schedule?view=${v}&date=${date}`;
  const limit = view === "month" ? 4 : 50;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Calendar</h1>
          <p className="mt-1 text-sm text-slate-600">
            {calendar.title} · runs are planned until {formatLongDate(calendar.plannedUntil)} · times in {calendar.timeZone}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <nav aria-label="View" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 text-sm shadow-sm">
            {(["week", "month"] as const).map((v) => (
              <Link key={v} href={link(v, calendar.anchor)} aria-current={view === v ? "page" : undefined} className={`rounded px-3 py-1.5 ${view === v ? "bg-brand-700 text-white" : "text-slate-700 hover:bg-slate-100"}`}>
                {v === "week" ? "Week" : "Month"}
              </Link>
            ))}
          </nav>
          <Link href={link(view, calendar.previous)} className={buttonClass.small}>
            ← Previous
          </Link>
          <Link href={link(view, calendar.today)} className={buttonClass.small}>
            Today
          </Link>
          <Link href={link(view, calendar.next)} className={buttonClass.small}>
            Next →
          </Link>
        </div>
      </div>
      <div className={`${cardClass} overflow-x-auto`}>
        <div className="grid min-w-[48rem] grid-cols-7 border-b border-slate-200 bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600" aria-hidden="true">
          {WEEKDAYS.map((d) => (
            <div key={d} className="px-2 py-1.5">
              {d}
            </div>
          ))}
        </div>
        <ol className="grid min-w-[48rem] grid-cols-7" aria-label={calendar.title}>
          {calendar.days.map((day) => (
            <li key={day.date} className={`min-h-28 border-b border-r border-slate-200 p-1.5 ${day.inMonth ? "" : "bg-slate-50 text-slate-400"} ${day.date === calendar.today ? "ring-2 ring-inset ring-brand-600" : ""}`}>
              <h2 className="text-xs font-semibold">
                <span className="sr-only">{formatLongDate(day.date)}</span>
                <span aria-hidden="true">{Number(day.date.slice(8))}</span>
              </h2>
              {day.entries.length === 0 ? null : (
                <ul className="mt-1 space-y-1 text-xs">
                  {day.entries.slice(0, limit).map((e) => (
                    <li key={e.title}>
                      <Link href={`/runs/${e.runId}`} className="block rounded px-1 hover:bg-slate-100">
                        <span className="text-slate-900">{e.title}</span>
                        {e.count > 1 && <span className="text-slate-600"> ×{e.count}</span>}
                        <span className="block">
                          <StateBadge state={e.state} />
                        </span>
                      </Link>
                    </li>
                  ))}
                  {day.entries.length > limit && (
                    <li>
                      <Link href={link("week", day.date)} className="text-brand-700 underline">
                        +{day.entries.length - limit} more
                      </Link>
                    </li>
                  )}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
