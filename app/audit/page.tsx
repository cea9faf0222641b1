import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass, cardClass, inputClass, labelClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { parseAuditFilter } from "@/lib/audit/filters";
import { auditFilterOptions, entityTimeline, listAuditEvents } from "@/lib/audit/queries";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { formatDateTime } from "@/lib/time/format";

export const metadata: Metadata = { title: "Audit log" };

type Event = Awaited<ReturnType<typeof entityTimeline>>[number];

function Change({ label, json }: { label: string; json: string | null }) {
  if (!json) return null;
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-xs text-brand-700">{label}</summary>
      <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-xs">{JSON.stringify(JSON.parse(json), null, 2)}</pre>
    </details>
  );
}

function EventRow({ event, timeZone }: { event: Event; timeZone: string }) {
  return (
    <tr className="align-top" data-testid="audit-row">
      <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-600">#{event.seq}</td>
      <td className="whitespace-nowrap px-3 py-2">{formatDateTime(event.at, timeZone)}</td>
      <td className="px-3 py-2">{event.actorLabel}</td>
      <td className="px-3 py-2 font-mono text-xs">{event.action}</td>
      <td className="px-3 py-2">
        <Link href={`/audit?entityType=${encodeURIComponent(event.entityType)}&entityId=${encodeURIComponent(event.entityId)}`} className="text-brand-700 underline">
          {event.entityType} {event.entityId.slice(0, 12)}
        </Link>
        <Change label="Before" json={event.before} />
        <Change label="After" json={event.after} />
      </td>
      <td className="px-3 py-2 text-xs text-slate-600">
        {event.ip}
        <span className="block max-w-48 truncate" title={event.userAgent}>
          {event.userAgent}
        </span>
      </td>
    </tr>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("/audit");
  const params = await searchParams;
  const parsed = parseAuditFilter(params);
  const [{ timeZone }, options] = await Promise.all([getOrganisationSettings(), auditFilterOptions()]);
  const filter = parsed.success ? parsed.data : {};
  const timeline = parsed.success && parsed.data.entityType && parsed.data.entityId && !parsed.data.action && !parsed.data.actor;
  const page = parsed.success ? await listAuditEvents(parsed.data, timeZone) : { events: [], nextBefore: null };
  const events = timeline ? await entityTimeline(parsed.data.entityType!, parsed.data.entityId!) : page.events;
  const query = new URLSearchParams(Object.entries(filter).filter(([k, v]) => k !== "before" && v !== undefined).map(([k, v]) => [k, String(v)]));
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => i.message);

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">{timeline ? `Timeline of ${filter.entityType} ${filter.entityId}` : "Audit log"}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Every change anyone made, append-only and hash-chained. {timeline ? "Oldest first." : "Newest first."} Times in {timeZone}.
        </p>
      </div>
      <form method="get" action="/audit" className={`${cardClass} grid gap-3 p-4 sm:grid-cols-3 lg:grid-cols-6`} role="search" aria-label="Filter the audit log">
        <div>
          <label htmlFor="actor" className={labelClass}>
            Actor
          </label>
          <select id="actor" name="actor" defaultValue={filter.actor ?? ""} className={inputClass}>
            <option value="">Anyone</option>
            {options.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
            <option value="system:scheduler">Run generation</option>
            <option value="system:seed">Library seed</option>
            <option value="cli">Command line</option>
          </select>
        </div>
        <div>
          <label htmlFor="action" className={labelClass}>
            Action
          </label>
          <select id="action" name="action" defaultValue={filter.action ?? ""} className={inputClass}>
            <option value="">Any</option>
            {options.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="entityType" className={labelClass}>
            Record kind
          </label>
          <select id="entityType" name="entityType" defaultValue={filter.entityType ?? ""} className={inputClass}>
            <option value="">Any</option>
            {options.entityTypes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="from" className={labelClass}>
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} className={inputClass} />
        </div>
        <div>
          <label htmlFor="to" className={labelClass}>
            To
          </label>
          <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} className={inputClass} />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass.primary}>
            Filter
          </button>
          <a href={`/api/audit/export?${query.toString()}`} className={buttonClass.secondary} download>
            Export CSV
          </a>
        </div>
        {filter.entityId && <input type="hidden" name="entityId" value={filter.entityId} />}
      </form>
      {errors.length > 0 && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {errors.join(" ")}
        </p>
      )}
      <div className={`${cardClass} overflow-x-auto`}>
        {events.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">{errors.length > 0 ? "Correct the filter to see events." : "No events match."}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit events</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">#</th>
                <th scope="col" className="px-3 py-2">When</th>
                <th scope="col" className="px-3 py-2">Who</th>
                <th scope="col" className="px-3 py-2">Action</th>
                <th scope="col" className="px-3 py-2">Record</th>
                <th scope="col" className="px-3 py-2">From</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {events.map((e) => (
                <EventRow key={e.seq} event={e} timeZone={timeZone} />
              ))}
            </tbody>
          </table>
        )}
      </div>
      {!timeline && page.nextBefore && (
        <Link href={`/audit?${query.toString()}${query.size ? "&" : ""}before=${page.nextBefore}`} className={buttonClass.secondary}>
          Older events →
        </Link>
      )}
    </div>
  );
}
