import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilterBar, ExportLink, WhoToggle, auditQuery } from "@/components/audit/audit-filters";
import { AuditEventTable } from "@/components/audit/event-table";
import { Alert } from "@/components/ui/alert";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { auditLogView } from "@/lib/audit/queries";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("/audit");
  const view = await auditLogView(await searchParams, user.role);
  const { filter, timeline, events, errors } = view;
  const query = auditQuery(filter, filter.who === "people" ? "people" : undefined);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{timeline ? `Timeline of ${timeline.label}` : "Audit log"}</h1>
          <p className="mt-1 text-sm text-slate-600">
            Every change anyone made, append-only and hash-chained. {timeline ? "Oldest first." : "Newest first."} Times in {view.timeZone}.
            {timeline?.href && (
              <>
                {" "}
                <Link href={timeline.href} className="text-brand-700 underline">
                  Open the record
                </Link>
                .
              </>
            )}
          </p>
        </div>
        <ExportLink filter={filter} />
      </div>
      <WhoToggle filter={filter} />
      <AuditFilterBar filter={filter} options={view.options} notices={view.notices} />
      {errors.length > 0 && <Alert tone="error">{errors.join(" ")}</Alert>}
      <div className={cardClass}>
        {events.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">{errors.length > 0 ? "Correct the filter to see events." : "No events match."}</p>
        ) : (
          <AuditEventTable events={events} inTimeline={timeline !== null} />
        )}
      </div>
      {!timeline && view.nextBefore && (
        <Link href={`/audit?${query.toString()}${query.size ? "&" : ""}before=${view.nextBefore}`} className={buttonClass.secondary}>
          Older events →
        </Link>
      )}
    </div>
  );
}
