import type { Metadata } from "next";
import Link from "next/link";
import { RunList, type RunListRow } from "@/components/runs/run-list";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { getToday, type TodayRun } from "@/lib/runs/queries";
import { formatLongDate, formatMonth } from "@/lib/time/format";

export const metadata: Metadata = { title: "Today" };

/** Only the fields a row shows (what crosses to the browser). */
function toRunListRow(run: TodayRun): RunListRow {
  const { id, title, cadence, localDate, serverName, dueAt, state, requiredTotal, requiredDone, completedByName, assignee, coveredFor } = run;
  return { id, title, cadence, localDate, serverName, dueAt, state, requiredTotal, requiredDone, completedByName, assignee, coveredFor };
}

export default async function TodayPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("/today");
  const scope = (await searchParams).scope === "all" ? "all" : "mine";
  const view = await getToday(user, scope);
  const total = view.attention.length + view.daily.length + view.weekly.length + view.monthly.length;
  const month = formatMonth(view.monthStart);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Today</h1>
          <p className="mt-1 text-sm text-slate-600">
            {formatLongDate(view.today)} · times in {view.timeZone}
          </p>
        </div>
        <nav aria-label="Whose runs" className="inline-flex rounded-md border border-slate-300 bg-white p-0.5 text-sm shadow-sm">
          {(["mine", "all"] as const).map((s) => (
            <Link
              key={s}
              href={s === "mine" ? "/today" : "/today?scope=all"}
              aria-current={scope === s ? "page" : undefined}
              className={`rounded px-3 py-1.5 ${scope === s ? "bg-brand-700 text-white" : "text-slate-700 hover:bg-slate-100"}`}
            >
              {s === "mine" ? "Mine" : "All"}
            </Link>
          ))}
        </nav>
      </div>

      {total === 0 && (
        <div className={`${cardClass} p-8 text-center text-slate-600`}>
          {scope === "mine" ? (
            <>
              Nothing is assigned to you today. <Link href="/today?scope=all" className="text-brand-700 underline">Show everyone&apos;s runs</Link>.
            </>
          ) : (
            "No runs are scheduled for today, this week or this month."
          )}
        </div>
      )}

      {view.attention.length > 0 && (
        <section aria-labelledby="attention" className="space-y-2">
          <h2 id="attention" className="text-lg font-semibold text-red-800">
            Late and missed <span className="text-sm font-normal text-slate-600">({view.attention.length})</span>
          </h2>
          <RunList runs={view.attention.map(toRunListRow)} timeZone={view.timeZone} label="Late and missed" showCadence showDate />
        </section>
      )}
      {view.daily.length > 0 && (
        <section aria-labelledby="daily" className="space-y-2">
          <h2 id="daily" className="text-lg font-semibold">
            Daily <span className="text-sm font-normal text-slate-600">({view.daily.length})</span>
          </h2>
          <RunList runs={view.daily.map(toRunListRow)} timeZone={view.timeZone} label="Daily" cadence="DAILY" />
        </section>
      )}
      {view.weekly.length > 0 && (
        <section aria-labelledby="weekly" className="space-y-2">
          <h2 id="weekly" className="text-lg font-semibold">
            This week <span className="text-sm font-normal text-slate-600">({view.weekStart} to {view.weekEnd})</span>
          </h2>
          <RunList runs={view.weekly.map(toRunListRow)} timeZone={view.timeZone} label="This week" showDate />
        </section>
      )}
      {view.monthly.length > 0 && (
        <section aria-labelledby="monthly" className="space-y-2">
          <h2 id="monthly" className="text-lg font-semibold">
            This month <span className="text-sm font-normal text-slate-600">({month})</span>
          </h2>
          <RunList runs={view.monthly.map(toRunListRow)} timeZone={view.timeZone} label="This month" showDate />
        </section>
      )}
    </div>
  );
}
