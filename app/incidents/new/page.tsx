import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NewIncidentForm, type NewIncidentDefaults } from "@/components/incidents/new-incident-form";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { openIncidentAction } from "@/lib/incidents/actions";
import { incidentFormOptions, prefillFromRun } from "@/lib/incidents/queries";
import { formatLocalDate } from "@/lib/time/format";

export const metadata: Metadata = { title: "Open an incident" };

const pick = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function NewIncidentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePage("/incidents/new");
  const params = await searchParams;
  const runId = pick(params.run)?.trim() ?? "";
  const itemId = pick(params.item)?.trim() ?? "";
  // Raised from a run names both the run and the item; anything else is a broken link.
  if ((runId === "") !== (itemId === "")) notFound();
  const [options, prefill] = await Promise.all([incidentFormOptions(), runId ? prefillFromRun(runId, itemId) : Promise.resolve(null)]);
  if (prefill?.kind === "notFound") notFound();
  const fromRun = prefill?.kind === "ok" ? prefill : null;
  const defaults: NewIncidentDefaults = fromRun
    ? {
        title: fromRun.title,
        description: fromRun.description,
        severity: "3",
        serverIds: fromRun.serverIds,
        source: { runId: fromRun.runId, itemId: fromRun.itemId, resultId: fromRun.resultId },
      }
    : { title: "", description: "", severity: "3", serverIds: [], source: null };

  return (
    <div className="space-y-5">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/incidents" className="text-brand-700 underline">Incidents</Link> <span aria-hidden="true">›</span> New
      </nav>
      <div>
        <h1 className="text-2xl font-semibold">Open an incident</h1>
        <p className="mt-1 text-sm text-slate-600">
          {fromRun
            ? "Raised from a failed check: the form is filled in from what was recorded. Check it, add what you know, and open the incident."
            : "Something went wrong with the messaging service. Describe it; you can add updates, servers and the resolution later."}
        </p>
      </div>

      {prefill?.kind === "notFailed" && (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {prefill.message}{" "}
          <Link href={`/runs/${prefill.runId}`} className="font-medium underline">Back to the run</Link>
        </p>
      )}

      <div className="grid gap-5 lg:grid-cols-3">
        <section aria-labelledby="incident-form-heading" className={`${cardClass} p-5 lg:col-span-2`}>
          <h2 id="incident-form-heading" className="sr-only">Incident</h2>
          <NewIncidentForm action={openIncidentAction} defaults={defaults} servers={options.servers} assignees={options.assignees} />
        </section>
        {fromRun && (
          <aside aria-labelledby="failed-check" className={`${cardClass} h-fit border-red-200 p-5`}>
            <h2 id="failed-check" className="text-sm font-semibold uppercase tracking-wide text-slate-600">The failed check</h2>
            <dl className="mt-3 space-y-2 text-sm">
              <div>
                <dt className="font-semibold">Procedure</dt>
                <dd>
                  <Link href={`/procedures/${fromRun.procedureSlug}`} className="text-brand-700 underline">{fromRun.procedureTitle}</Link>
                </dd>
              </div>
              <div>
                <dt className="font-semibold">Server</dt>
                <dd>{fromRun.serverName ?? "Organisation-wide"}</dd>
              </div>
              <div>
                <dt className="font-semibold">Checklist item</dt>
                <dd>{fromRun.itemText}</dd>
              </div>
              <div>
                <dt className="font-semibold">Recorded value</dt>
                <dd data-testid="recorded-value">{fromRun.value || "—"}</dd>
              </div>
              {fromRun.failureReason && (
                <div>
                  <dt className="font-semibold">Why it failed</dt>
                  <dd className="text-red-900">{fromRun.failureReason}</dd>
                </div>
              )}
              {fromRun.note && (
                <div>
                  <dt className="font-semibold">Operator&apos;s note</dt>
                  <dd>{fromRun.note}</dd>
                </div>
              )}
              <div>
                <dt className="font-semibold">Recorded by</dt>
                <dd>{fromRun.recordedBy}, {fromRun.recordedAt}</dd>
              </div>
              <div>
                <dt className="font-semibold">Run</dt>
                <dd>
                  <Link href={`/runs/${fromRun.runId}`} className="text-brand-700 underline">
                    {formatLocalDate(fromRun.runDate)}{fromRun.serverName ? ` on ${fromRun.serverName}` : ""}
                  </Link>
                </dd>
              </div>
            </dl>
          </aside>
        )}
      </div>
    </div>
  );
}
