import type { Metadata } from "next";
import Link from "next/link";
import { FirstRunGuide } from "@/components/guide/first-run-guide";
import { StateBadge } from "@/components/runs/state-badge";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { ATTENTION_DAYS, getDashboard } from "@/lib/dashboard/queries";
import { formatRate } from "@/lib/reports/figures";
import { dueSoFarRate } from "@/lib/runs/run-summary";
import { formatDate, formatDateTime, formatTime } from "@/lib/time/format";

export const metadata: Metadata = { title: "Dashboard" };

const SEVERITY_LABEL = ["", "Severity 1 (critical)", "Severity 2 (high)", "Severity 3 (medium)", "Severity 4 (low)"];
const SEVERITY_STYLE = ["", "border-red-300 bg-red-50 text-red-900", "border-orange-300 bg-orange-50 text-orange-900", "border-amber-300 bg-amber-50 text-amber-900", "border-slate-300 bg-slate-50 text-slate-800"];

function Panel({ title, id, count, href, linkLabel, children }: { title: string; id: string; count?: number; href?: string; linkLabel?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className={`${cardClass} flex flex-col p-5`}>
      <div className="flex items-baseline justify-between gap-2">
        <h2 id={id} className="text-lg font-semibold">
          {title}
          {count !== undefined && <span className="ml-2 text-base font-normal text-slate-600">({count})</span>}
        </h2>
        {href && <Link href={href} className="text-sm text-brand-700 hover:underline">{linkLabel}</Link>}
      </div>
      <div className="mt-3 flex-1">{children}</div>
    </section>
  );
}

export default async function DashboardPage() {
  await requirePage("/dashboard");
  const d = await getDashboard();
  const t = d.todaySummary;
  // "Due so far": due time passed. A run finished before it is done, but not yet due (B10).
  const dueSoFar = t.dueSoFar
    ? `${formatRate(dueSoFarRate(t))} of the ${t.dueSoFar} ${t.dueSoFar === 1 ? "run" : "runs"} due so far`
    : `none due yet${t.nextDueAt ? `; the first at ${formatTime(t.nextDueAt, d.timeZone)}` : ""}`;
  const openIncidents = d.incidentsBySeverity.reduce((n, s) => n + s.count, 0);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Dashboard</h1>
        <p className="mt-1 text-sm text-slate-600">Today, {formatDate(new Date(`${d.today}T12:00:00Z`), "UTC")} ({d.timeZone}): what needs a manager&apos;s attention.</p>
      </div>
      <FirstRunGuide />

      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5" aria-label="Today">
        {[
          // Skipped and suppressed runs were excused: they count neither way.
          ["Completed today", `${t.done} of ${t.total - t.skipped}`, dueSoFar],
          ["Completed with exceptions", String(t.exceptions), `${t.clean} clean · ${t.withFailures} with failures · ${t.withNaOnly} with N/A exceptions only`],
          ["Late (in grace)", String(t.late), "past the due time, not yet missed"],
          ["Missed today", String(t.missed), "past the grace period"],
          ["Open incidents", String(openIncidents), d.incidentsBySeverity.filter((s) => s.count).map((s) => `${s.count} × sev ${s.severity}`).join(" · ") || "none"],
        ].map(([label, value, detail]) => (
          <div key={label} className={`${cardClass} p-4`}>
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="mt-1 text-3xl font-semibold tabular-nums">{value}</dd>
            <dd className="mt-1 text-xs text-slate-600">{detail}</dd>
          </div>
        ))}
      </dl>

      <div className="grid gap-5 lg:grid-cols-2">
        <Panel title={`Late and missed, last ${ATTENTION_DAYS} days`} id="attention" count={d.attentionCount} href={`/history?state=MISSED`} linkLabel="All missed runs">
          {d.attention.length === 0 ? (
            <p className="text-sm text-slate-600">Nothing late or missed.</p>
          ) : (
            <ul className="divide-y divide-slate-200 text-sm">
              {d.attention.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                  <Link href={`/runs/${r.id}`} className="text-brand-700 hover:underline">
                    {r.version.title}
                    {r.server ? ` on ${r.server.name}` : ""}
                  </Link>
                  <span className="flex items-center gap-2 text-xs text-slate-600">
                    due {formatDateTime(r.dueAt, d.timeZone)} <StateBadge state={r.state} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Panel>

        <Panel title="Open incidents by severity" id="incidents" count={openIncidents} href="/incidents" linkLabel="Incidents">
          <ul className="grid grid-cols-2 gap-2 text-sm">
            {d.incidentsBySeverity.map((s) => (
              <li key={s.severity}>
                <Link href={`/incidents?severity=${s.severity}`} className={`block rounded-md border px-3 py-2 ${s.count ? SEVERITY_STYLE[s.severity] : "border-slate-200 text-slate-600"}`}>
                  <span className="block text-2xl font-semibold tabular-nums">{s.count}</span>
                  {SEVERITY_LABEL[s.severity]}
                </Link>
              </li>
            ))}
          </ul>
        </Panel>

        <Panel title="Changes awaiting a decision" id="changes" count={d.changesAwaiting.length} href="/changes" linkLabel="Changes">
          {d.changesAwaiting.length === 0 ? (
            <p className="text-sm text-slate-600">No change is waiting for approval.</p>
          ) : (
            <ul className="divide-y divide-slate-200 text-sm">
              {d.changesAwaiting.map((c) => (
                <li key={c.id} className="flex flex-wrap items-baseline justify-between gap-2 py-1.5">
                  <Link href={`/changes/${c.id}`} className="text-brand-700 hover:underline">
                    CHG-{c.id} {c.title}
                  </Link>
                  <span className="text-xs text-slate-600">
                    {c.type === "EMERGENCY" && c.status !== "SUBMITTED" ? "emergency, approve after the fact" : `${c.type.toLowerCase()}, planned ${formatDateTime(c.plannedStart, d.timeZone)}`} · {c.requester.name}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Panel>

        <Panel title="Procedures" id="procedures" href="/procedures/review" linkLabel="Reviews">
          <div className="space-y-3 text-sm">
            <div>
              <h3 className="font-medium">Drafts awaiting approval ({d.draftsAwaiting.length})</h3>
              {d.draftsAwaiting.length === 0 ? (
                <p className="text-slate-600">None.</p>
              ) : (
                <ul className="mt-1 space-y-0.5">
                  {d.draftsAwaiting.map((draft) => (
                    <li key={draft.id}>
                      <Link href={`/procedures/${draft.slug}/edit`} className="text-brand-700 hover:underline">{draft.title}</Link> <span className="text-xs text-slate-600">by {draft.authorName}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div>
              <h3 className="font-medium">Overdue for review ({d.reviewsOverdue.length})</h3>
              {d.reviewsOverdue.length === 0 ? (
                <p className="text-slate-600">None.</p>
              ) : (
                <ul className="mt-1 space-y-0.5">
                  {d.reviewsOverdue.slice(0, 10).map((p) => (
                    <li key={p.id}>
                      <Link href={`/procedures/${p.slug}`} className="text-brand-700 hover:underline">{p.currentVersion!.title}</Link>{" "}
                      <span className="text-xs text-slate-600">due {formatDate(p.due, d.timeZone)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
        </Panel>
      </div>
    </div>
  );
}
