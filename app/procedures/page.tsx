import type { Metadata } from "next";
import Link from "next/link";
import { CadenceBadge, RoleBadges } from "@/components/procedures/badges";
import { LibraryFilters } from "@/components/procedures/library-filters";
import { Snippet } from "@/components/procedures/snippet";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";
import { listOpenDrafts, listReviewsDue } from "@/lib/procedures/authoring-queries";
import { libraryFilterOptions, listLibrary, parseLibraryFilter, type LibraryEntry } from "@/lib/procedures/queries";
import { CADENCES, CADENCE_LABELS, MOF_SMFS } from "@/lib/procedures/vocabulary";

export const metadata: Metadata = { title: "Procedures" };

export default async function ProceduresPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("/procedures");
  const { filter, ignored } = parseLibraryFilter(await searchParams);
  const manager = can(user.role, "procedure:edit");
  const [entries, options, drafts, reviews] = await Promise.all([
    listLibrary(filter),
    libraryFilterOptions(),
    manager ? listOpenDrafts() : [],
    can(user.role, "procedure:review") ? listReviewsDue() : [],
  ]);
  const filtered = Boolean(filter.q || filter.cadence || filter.smf || filter.role || filter.tool);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Procedures</h1>
          <p className="mt-1 text-sm text-slate-600">
            The organisation&apos;s documented operations procedures, grouped by how often they are done.
          </p>
        </div>
        {manager && (
          <div className="flex flex-wrap gap-2">
            <Link href="/procedures/new" className={buttonClass.primary}>New procedure</Link>
            {can(user.role, "procedure:review") && (
              <Link href="/procedures/review" className={buttonClass.secondary}>
                Reviews due{reviews.length ? ` (${reviews.length})` : ""}
              </Link>
            )}
            <Link href="/procedures/import" className={buttonClass.secondary}>Import</Link>
            <a href="/api/procedures/export" download className={buttonClass.secondary}>Export library</a>
          </div>
        )}
      </div>
      {drafts.length > 0 && (
        <section aria-labelledby="drafts-heading" className={`${cardClass} p-4`}>
          <h2 id="drafts-heading" className="text-sm font-semibold uppercase tracking-wide text-slate-600">Open drafts</h2>
          <ul className="mt-2 divide-y divide-slate-200 text-sm">
            {drafts.map((d) => (
              <li key={d.id} className="flex flex-wrap items-baseline justify-between gap-2 py-1.5">
                <Link href={`/procedures/${d.slug}/edit`} className="font-medium text-brand-700 hover:underline">
                  {d.title}
                </Link>
                <span className="text-xs text-slate-600">
                  {d.isNew ? "new procedure · " : ""}
                  {d.status === "EDITING" ? "being edited" : d.status === "AWAITING_APPROVAL" ? "awaiting approval" : "approved"} · {d.authorName}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className={`${cardClass} p-4`}>
        <LibraryFilters filter={filter} tools={options.tools} />
      </div>
      {ignored.length > 0 && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Ignored an unknown value for: {ignored.join(", ")}.
        </p>
      )}
      <p className="text-sm text-slate-700" aria-live="polite">
        {entries.length} {entries.length === 1 ? "procedure" : "procedures"}
        {filter.q ? ` matching “${filter.q}”, best match first` : filtered ? " match the filters" : ""}
      </p>
      {entries.length === 0 ? (
        <div className={`${cardClass} p-8 text-center text-slate-600`}>
          No procedure matches. Try fewer words or clear the filters.
        </div>
      ) : filter.q ? (
        <ProcedureList entries={entries} label="Search results" />
      ) : (
        CADENCES.map((cadence) => {
          const group = entries.filter((e) => e.cadence === cadence);
          if (group.length === 0) return null;
          return (
            <section key={cadence} aria-labelledby={`cadence-${cadence}`} className="space-y-2">
              <h2 id={`cadence-${cadence}`} className="text-lg font-semibold">
                {CADENCE_LABELS[cadence]} <span className="text-sm font-normal text-slate-600">({group.length})</span>
              </h2>
              <ProcedureList entries={group} label={`${CADENCE_LABELS[cadence]} procedures`} />
            </section>
          );
        })
      )}
    </div>
  );
}

function ProcedureList({ entries, label }: { entries: LibraryEntry[]; label: string }) {
  return (
    <ul className={`${cardClass} divide-y divide-slate-200`} aria-label={label}>
      {entries.map((entry) => (
        <li key={entry.slug} className="p-4 hover:bg-slate-50">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            {entry.code && <span className="w-7 font-mono text-xs text-slate-500">{entry.code}</span>}
            <Link href={`/procedures/${entry.slug}`} className="font-medium text-brand-700 hover:underline">
              {entry.title}
            </Link>
            <CadenceBadge cadence={entry.cadence} />
            <RoleBadges roles={entry.roles} />
          </div>
          {entry.snippet ? <Snippet text={entry.snippet} /> : <p className="mt-1 text-sm text-slate-600">{entry.purpose}</p>}
          <p className="mt-1 text-xs text-slate-500">
            {MOF_SMFS[entry.smf]?.label} · {entry.itemCount} checklist {entry.itemCount === 1 ? "item" : "items"}
          </p>
        </li>
      ))}
    </ul>
  );
}
