import type { Metadata } from "next";
import Link from "next/link";
import { StateBadge } from "@/components/runs/state-badge";
import { MonthGrid } from "@/components/ui/month-grid";
import { buttonClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { getCalendar } from "@/lib/runs/calendar";
import { formatLongDate } from "@/lib/time/format";

export const metadata: Metadata = { title: "Calendar" };

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
      <MonthGrid
        days={calendar.days}
        today={calendar.today}
        label={calendar.title}
        hasEntries={(day) => day.entries.length > 0}
        emptyMessage={`Nothing is planned ${view === "week" ? "this week" : "this month"}.`}
        renderDay={(day) =>
          day.entries.length === 0 ? null : (
            <ul className="mt-1 space-y-1 text-sm md:text-xs">
              {day.entries.slice(0, limit).map((e) => (
                <li key={e.title}>
                  <Link href={`/runs/${e.runId}`} className="block rounded px-1 hover:bg-slate-100">
                    <span className="text-slate-900">{e.title}</span>
                    {e.count > 1 && <span className="text-slate-600"> ×{e.count}</span>}
                    {/* A long state ("Completed with exceptions") wraps inside a narrow column. */}
                    <span className="block [&>.pill]:whitespace-normal">
                      <StateBadge state={e.state} />
                      {e.progress && <span className="text-slate-600"> {e.progress}</span>}
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
          )
        }
      />
    </div>
  );
}
