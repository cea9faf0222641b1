// The search page's body: the form again (to refine), then one section per kind of record the
// user may read. Every hit is a link whose text names the record as the rest of the portal does.
import Link from "next/link";
import type { ReactNode } from "react";
import { ChangeStatusBadge } from "@/components/changes/badges";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/badges";
import { Snippet } from "@/components/procedures/snippet";
import { StateBadge } from "@/components/runs/state-badge";
import { buttonClass, cardClass, inputClass, labelClass } from "@/components/ui/styles";
import type { SearchPage, SearchScope, SearchSection } from "@/lib/search/queries";
import { SEARCH_MAX_LENGTH } from "@/lib/search/limits";
import { formatDate, formatLocalDate } from "@/lib/time/format";

const SCOPE_NAMES: Record<SearchScope, string> = {
  procedures: "procedures",
  runs: "runs (by procedure and server)",
  incidents: "incidents (by title or number, INC-12)",
  changes: "changes (by title or number, CHG-12)",
};

export function SearchResults({ page }: { page: SearchPage }) {
  const { request } = page;
  const text = request.kind === "search" ? request.text : "";
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Search</h1>
        <p className="mt-1 text-sm text-slate-600">
          Finds {joinList(page.scopes.map((s) => SCOPE_NAMES[s]))}. Every word must match. Press <kbd className="rounded border border-slate-300 bg-white px-1 font-mono text-xs">/</kbd> on any page to
          jump to the search box.
        </p>
      </div>
      <form action="/search" role="search" aria-label="Search again" className={`${cardClass} flex flex-wrap items-end gap-3 p-4`}>
        <div className="min-w-0 flex-1 basis-60">
          <label htmlFor="search-page-q" className={labelClass}>
            Search for
          </label>
          <input id="search-page-q" type="search" name="q" defaultValue={text} maxLength={SEARCH_MAX_LENGTH} autoComplete="off" enterKeyHint="search" className={`${inputClass} mt-1`} />
        </div>
        <button type="submit" className={buttonClass.primary}>
          Search
        </button>
      </form>

      {request.kind === "empty" && <p className="text-sm text-slate-700">Type what you are looking for above, or in the header&apos;s search box.</p>}
      {request.kind === "refused" && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">
          {request.message}
        </p>
      )}
      {request.kind === "search" && (
        <>
          <p role="status" className="text-sm text-slate-700">
            {summary(page)} for “{request.text}”.
          </p>
          {page.procedures && (
            <ResultSection id="procedures" title="Procedures" noun="procedure" section={page.procedures} footer={<Link href={`/procedures?q=${encodeURIComponent(request.text)}`} className="text-brand-700 underline">Search the library with its filters</Link>}>
              {page.procedures.hits.map((p) => (
                <li key={p.slug} className="px-4 py-3">
                  <div className="flex flex-wrap items-baseline gap-x-2">
                    {p.code && <span className="font-mono text-xs text-slate-600">{p.code}</span>}
                    <Link href={`/procedures/${p.slug}`} className="font-medium text-brand-700 hover:underline">
                      {p.title}
                    </Link>
                  </div>
                  {p.snippet && <Snippet text={p.snippet} />}
                </li>
              ))}
            </ResultSection>
          )}
          {page.runs && (
            <ResultSection id="runs" title="Runs" noun="run" section={page.runs}>
              {page.runs.hits.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3">
                  <div className="min-w-0">
                    <Link href={`/runs/${r.id}`} className="font-medium text-brand-700 hover:underline">
                      {r.serverName ? `${r.title} on ${r.serverName}` : r.title}
                    </Link>
                    <p className="text-xs text-slate-600">{formatLocalDate(r.localDate)}</p>
                  </div>
                  <StateBadge state={r.state} />
                </li>
              ))}
            </ResultSection>
          )}
          {page.incidents && (
            <ResultSection id="incidents" title="Incidents" noun="incident" section={page.incidents}>
              {page.incidents.hits.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3">
                  <div className="min-w-0">
                    <Link href={`/incidents/${i.id}`} className="font-medium text-brand-700 hover:underline">
                      {i.ref} {i.title}
                    </Link>
                    <p className="text-xs text-slate-600">Opened {formatDate(i.openedAt, page.timeZone)}</p>
                  </div>
                  <span className="flex flex-wrap gap-1">
                    <SeverityBadge severity={i.severity} />
                    <IncidentStatusBadge status={i.status} />
                  </span>
                </li>
              ))}
            </ResultSection>
          )}
          {page.changes && (
            <ResultSection id="changes" title="Changes" noun="change" section={page.changes}>
              {page.changes.hits.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3">
                  <div className="min-w-0">
                    <Link href={`/changes/${c.id}`} className="font-medium text-brand-700 hover:underline">
                      {c.ref} {c.title}
                    </Link>
                    <p className="text-xs text-slate-600">Planned for {formatDate(c.plannedStart, page.timeZone)}</p>
                  </div>
                  <ChangeStatusBadge status={c.status} />
                </li>
              ))}
            </ResultSection>
          )}
        </>
      )}
    </div>
  );
}

function ResultSection({ id, title, noun, section, footer, children }: { id: string; title: string; noun: string; section: SearchSection<unknown>; footer?: ReactNode; children: ReactNode }) {
  const headingId = `search-${id}`;
  return (
    <section aria-labelledby={headingId} className={cardClass}>
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <h2 id={headingId} className="text-lg font-semibold">
          {title}
        </h2>
        <p className="text-sm text-slate-600">
          {section.hits.length === 0
            ? `No ${noun} matches.`
            : section.more
              ? `The first ${section.hits.length} shown; more match, so add a word to narrow the search.`
              : `${section.hits.length} found`}
        </p>
      </div>
      {section.hits.length > 0 && <ul className="divide-y divide-slate-200">{children}</ul>}
      {footer && section.hits.length > 0 && <p className="border-t border-slate-200 px-4 py-2 text-sm">{footer}</p>}
    </section>
  );
}

function summary(page: SearchPage): string {
  const sections = [page.procedures, page.runs, page.incidents, page.changes].filter((s) => s !== undefined);
  const total = sections.reduce((n, s) => n + s.hits.length, 0);
  const more = sections.some((s) => s.more);
  if (total === 0) return "Nothing found";
  return `${more ? "More than " : ""}${total} ${total === 1 && !more ? "result" : "results"}`;
}

function joinList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
