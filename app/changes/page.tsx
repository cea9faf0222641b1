import type { Metadata } from "next";
import Link from "next/link";
import { ChangeStatusBadge, ChangeTypeBadge, RetroactiveBadge, RiskBadge } from "@/components/changes/badges";
import { buttonClass, cardClass, inputClass, labelClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";
import { changeRef } from "@/lib/changes/naming";
import { listChanges, type ChangeRow } from "@/lib/changes/queries";
import { parseChangeListFilter } from "@/lib/changes/schemas";
import { CHANGE_STATUSES, CHANGE_STATUS_LABELS, CHANGE_TYPES, CHANGE_TYPE_LABELS } from "@/lib/changes/workflow";
import { formatDateTime } from "@/lib/time/format";

export const metadata: Metadata = { title: "Changes" };

function ChangeTable({ rows, caption, timeZone }: { rows: ChangeRow[]; caption: string; timeZone: string }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
        <tr>
          <th scope="col" className="px-3 py-2">
            Change
          </th>
          <th scope="col" className="px-3 py-2">
            Status
          </th>
          <th scope="col" className="px-3 py-2">
            Servers
          </th>
          <th scope="col" className="px-3 py-2">
            Planned window
          </th>
          <th scope="col" className="px-3 py-2">
            Requested by
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200">
        {rows.map((c) => (
          <tr key={c.id} className="align-top" data-testid="change-row">
            <td className="px-3 py-2">
              <Link href={`/changes/${c.id}`} className="font-medium text-brand-700 hover:underline">
                {changeRef(c.id)} {c.title}
              </Link>
              <span className="mt-1 flex flex-wrap gap-1">
                <ChangeTypeBadge type={c.type} />
                <RiskBadge risk={c.risk} />
              </span>
            </td>
            <td className="px-3 py-2">
              <span className="flex flex-wrap gap-1">
                <ChangeStatusBadge status={c.status} />
                {(c.awaitingRetroactiveApproval || c.approvedRetroactively) && <RetroactiveBadge awaiting={c.awaitingRetroactiveApproval} />}
              </span>
            </td>
            <td className="px-3 py-2">{c.serverNames.join(", ")}</td>
            <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-700">
              {formatDateTime(c.plannedStart, timeZone)}
              <span className="block">to {formatDateTime(c.plannedEnd, timeZone)}</span>
            </td>
            <td className="px-3 py-2">{c.requesterName}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function ChangesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("/changes");
  const params = await searchParams;
  const parsed = parseChangeListFilter(params);
  const filter = parsed.success ? parsed.data : {};
  const list = await listChanges(filter);
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  const query = new URLSearchParams();
  if (filter.status) query.set("status", filter.status);
  if (filter.type) query.set("type", filter.type);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Changes</h1>
          <p className="mt-1 text-sm text-slate-600">Major configuration changes: their approval, implementation and verification. Times in {list.timeZone}.</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href="/changes/calendar" className={buttonClass.secondary}>
            Change calendar
          </Link>
          {can(user.role, "change:create") && (
            <Link href="/changes/new" className={buttonClass.primary}>
              Record a change
            </Link>
          )}
        </div>
      </div>

      <form method="get" action="/changes" role="search" aria-label="Filter changes" className={`${cardClass} flex flex-wrap items-end gap-3 p-4`}>
        <div>
          <label htmlFor="status" className={labelClass}>
            Status
          </label>
          <select id="status" name="status" defaultValue={filter.status ?? ""} className={inputClass}>
            <option value="">Any</option>
            {CHANGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {CHANGE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="type" className={labelClass}>
            Type
          </label>
          <select id="type" name="type" defaultValue={filter.type ?? ""} className={inputClass}>
            <option value="">Any</option>
            {CHANGE_TYPES.map((t) => (
              <option key={t} value={t}>
                {CHANGE_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass.primary}>
            Filter
          </button>
          <Link href="/changes" className={buttonClass.secondary}>
            Clear
          </Link>
        </div>
      </form>
      {errors.length > 0 && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {errors.join(" ")}
        </p>
      )}

      {list.showAwaiting && (
        <section aria-labelledby="awaiting" className="space-y-2">
          <h2 id="awaiting" className="text-lg font-semibold">
            Awaiting approval <span className="text-sm font-normal text-slate-600">({list.awaiting.length})</span>
          </h2>
          <div className={`${cardClass} overflow-x-auto`}>
            {list.awaiting.length === 0 ? (
              <p className="p-4 text-sm text-slate-600">No change is waiting for a manager.</p>
            ) : (
              <ChangeTable rows={list.awaiting} caption="Changes awaiting approval" timeZone={list.timeZone} />
            )}
          </div>
        </section>
      )}

      <section aria-labelledby="all-changes" className="space-y-2">
        <h2 id="all-changes" className="text-lg font-semibold">
          {filter.status ? `${CHANGE_STATUS_LABELS[filter.status]} changes` : list.showAwaiting ? "Other changes" : "Changes"}
          <span className="text-sm font-normal text-slate-600"> · newest first</span>
        </h2>
        <div className={`${cardClass} overflow-x-auto`}>
          {list.changes.length === 0 ? (
            <p className="p-4 text-sm text-slate-600">No changes match.</p>
          ) : (
            <ChangeTable rows={list.changes} caption="Changes, newest first" timeZone={list.timeZone} />
          )}
        </div>
        {list.nextBefore && (
          <Link href={`/changes?${query.toString()}${query.size ? "&" : ""}before=${list.nextBefore}`} className={buttonClass.secondary}>
            Older changes →
          </Link>
        )}
      </section>
    </div>
  );
}
