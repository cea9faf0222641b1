import type { Metadata } from "next";
import Link from "next/link";
import { SummaryStrip } from "@/components/today/summary-strip";
import { TodayFilters } from "@/components/today/today-filters";
import { TodayGroup } from "@/components/today/today-group";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { getToday } from "@/lib/runs/today";
import { isFiltered, parseTodayFilter, todayQuery } from "@/lib/runs/today-filter";
import { formatDate, formatLongDate, formatMonth } from "@/lib/time/format";

export const metadata: Metadata = { title: "Today" };

/** A calendar date as "7 Dec 2026" (noon UTC names the same day in every zone). */
const day = (localDate: string) => formatDate(new Date(`${localDate}T12:00:00Z`), "UTC");

export default async function TodayPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("/today");
  const parsed = parseTodayFilter(await searchParams);
  const view = await getToday(user, parsed.filter);
  const notices = [...parsed.notices, ...view.notices];
  const shown = view.attention.length + view.daily.length + view.weekly.length + view.monthly.length;
  // Runs that need nothing more unfold when the state filter asks for them.
  const doneOpen = view.filter.state === "done" || view.filter.state === "exceptions" || view.filter.state === "skipped";

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Today</h1>
        <p className="mt-1 text-sm text-slate-600">
          {formatLongDate(view.today)} · times in {view.timeZone}
        </p>
      </div>

      <SummaryStrip summary={view.summary} listed={view.listed} />
      <TodayFilters filter={view.filter} options={view.options} notices={notices} />

      {shown === 0 && (
        <div className={`${cardClass} p-8 text-center text-slate-600`}>
          {view.listed === 0 ? (
            "No runs are scheduled for today, this week or this month."
          ) : !isFiltered(view.filter) ? (
            <>
              Nothing is assigned to you or {view.options.myRole} today.{" "}
              <Link href={`/today${todayQuery(view.filter, { assignee: "all" })}`} className="text-brand-700 underline">
                Show everyone&apos;s runs
              </Link>
              .
            </>
          ) : (
            <>
              No run on today&apos;s list matches these filters.{" "}
              <Link href="/today" className="text-brand-700 underline">
                Clear filters
              </Link>
              .
            </>
          )}
        </div>
      )}

      {view.attention.length > 0 && <TodayGroup id="attention" title="Late and missed" runs={view.attention} attention showCadence doneOpen={doneOpen} />}
      {view.daily.length > 0 && <TodayGroup id="daily" title="Daily" runs={view.daily} cadence="DAILY" groupByServer doneOpen={doneOpen} />}
      {view.weekly.length > 0 && (
        <TodayGroup id="weekly" title="This week" period={`${day(view.weekStart)} to ${day(view.weekEnd)}`} runs={view.weekly} cadence="WEEKLY" doneOpen={doneOpen} />
      )}
      {view.monthly.length > 0 && <TodayGroup id="monthly" title="This month" period={formatMonth(view.monthStart)} runs={view.monthly} cadence="MONTHLY" doneOpen={doneOpen} />}
    </div>
  );
}
