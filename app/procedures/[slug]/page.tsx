import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Markdown } from "@/components/markdown";
import { CadenceBadge, RoleBadges } from "@/components/procedures/badges";
import { ChecklistTable } from "@/components/procedures/checklist-table";
import { CommandBlock } from "@/components/procedures/command-block";
import { AcknowledgePanel } from "@/components/training/acknowledge-panel";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";
import { placeholderContextForServer } from "@/lib/procedures/placeholder-queries";
import { hasPlaceholders } from "@/lib/procedures/placeholders";
import { getProcedureForReading, type ProcedureForReading } from "@/lib/procedures/queries";
import { MOF_QUADRANT_LABELS, MOF_SMFS } from "@/lib/procedures/vocabulary";
import { mofAnchor } from "@/lib/mof/map";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { formatDate } from "@/lib/time/format";

type Params = { params: Promise<{ slug: string }> };

type ToolUse = ProcedureForReading["version"]["tools"][number];

/** Uses of the same tool shown together, in the order the tool first appears. */
function groupByTool(uses: ToolUse[]) {
  const groups = new Map<string, { tool: ToolUse["tool"]; uses: ToolUse[] }>();
  for (const use of uses) {
    const group = groups.get(use.tool.slug) ?? { tool: use.tool, uses: [] };
    group.uses.push(use);
    groups.set(use.tool.slug, group);
  }
  return [...groups.values()];
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  const procedure = await getProcedureForReading(slug);
  return { title: procedure?.version.title ?? "Procedure" };
}

export default async function ProcedurePage({ params }: Params) {
  const { slug } = await params;
  const user = await requirePage("/procedures/[slug]", `/procedures/${slug}`);
  // Read without a server: organisation values are filled in, the server's show as ‹name›.
  const [procedure, settings, placeholders] = await Promise.all([getProcedureForReading(slug), getOrganisationSettings(), placeholderContextForServer(null)]);
  if (!procedure) notFound();
  const v = procedure.version;
  const published = formatDate(v.publishedAt, settings.timeZone);

  return (
    <article className="space-y-5">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/procedures" className="text-brand-700 underline">
          Procedures
        </Link>{" "}
        <span aria-hidden="true">›</span> {v.title}
      </nav>

      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="flex flex-wrap items-center gap-2">
            {procedure.code && <span className="font-mono text-sm text-slate-500">{procedure.code}</span>}
            <CadenceBadge cadence={v.cadence} />
            <RoleBadges roles={v.roles} />
          </div>
          <h1 className="mt-1 text-2xl font-semibold">{v.title}</h1>
          <p className="mt-1 text-sm text-slate-600">
            Version {v.number}, {procedure.versionCount > 1 ? `changed on ${published}` : `published on ${published}`}
            {v.authorName ? ` by ${v.authorName}` : v.source === "SEED" ? " from the Opsbook library" : ""}
            {procedure.versionCount > 1 && v.changeNote ? ` — ${v.changeNote}` : ""}
            {procedure.versionCount > 1 && (
              <>
                {" "}
                <Link href={`/procedures/${procedure.slug}/versions?compare=${v.number - 1}..${v.number}`} className="text-brand-700 underline">
                  What changed
                </Link>
              </>
            )}
          </p>
        </div>
        <div className="no-print flex flex-wrap gap-2">
          {can(user.role, "procedure:edit") && (
            <>
              <Link href={`/procedures/${procedure.slug}/edit`} className={buttonClass.secondary}>
                Edit
              </Link>
              <a href={`/api/procedures/export?slug=${procedure.slug}`} download className={buttonClass.secondary}>
                Download .md
              </a>
            </>
          )}
          <Link href={`/procedures/${procedure.slug}/versions`} className={buttonClass.secondary}>
            Versions ({procedure.versionCount})
          </Link>
          {v.items.length > 0 && (
            <Link href={`/procedures/${procedure.slug}/print`} className={buttonClass.secondary}>
              Print checklist
            </Link>
          )}
        </div>
      </header>

      <div className="grid gap-5 lg:grid-cols-3">
        <div className="min-w-0 space-y-5 lg:col-span-2">
          <section aria-labelledby="purpose" className={`${cardClass} p-5`}>
            <h2 id="purpose" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
              Purpose
            </h2>
            <p className="mt-2 text-slate-800">{v.purpose}</p>
          </section>

          <section aria-labelledby="how" className={`${cardClass} p-5`}>
            <h2 id="how" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
              How to do it
            </h2>
            <Markdown source={v.body} placeholders={placeholders} />
          </section>

          {/* A reading page (an as-needed procedure with no items, such as A11) has no checklist. */}
          {v.items.length > 0 && (
            <section aria-labelledby="checklist" className={`${cardClass} p-5`}>
              <h2 id="checklist" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
                Checklist ({v.items.length} {v.items.length === 1 ? "item" : "items"})
              </h2>
              <div className="mt-2">
                <ChecklistTable items={v.items} context={placeholders} />
              </div>
            </section>
          )}
        </div>

        <aside className="min-w-0 space-y-5">
          <AcknowledgePanel slug={procedure.slug} userId={user.id} />
          <section aria-labelledby="placement" className={`${cardClass} p-5`}>
            <h2 id="placement" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
              MOF placement
            </h2>
            <dl className="mt-2 space-y-2 text-sm">
              <div>
                <dt className="text-slate-600">Quadrant</dt>
                <dd className="font-medium">{MOF_QUADRANT_LABELS[v.quadrant]}</dd>
              </div>
              <div>
                <dt className="text-slate-600">Service Management Function</dt>
                <dd className="font-medium">{v.smfLabel}</dd>
              </div>
              {v.relatedSmfs.length > 0 && (
                <div>
                  <dt className="text-slate-600">Also touches</dt>
                  <dd>{v.relatedSmfs.map((s) => MOF_SMFS[s]?.label ?? s).join(", ")}</dd>
                </div>
              )}
            </dl>
            <p className="no-print mt-3 text-sm">
              <Link href={mofAnchor(v.smf)} className="text-brand-700 underline">
                See {v.smfLabel} on the MOF map
              </Link>
            </p>
          </section>

          <section aria-labelledby="tools" className={`${cardClass} p-5`}>
            <h2 id="tools" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
              Tools and commands
            </h2>
            {v.tools.some((t) => hasPlaceholders(t.command)) && (
              <p className="mt-1 text-xs text-slate-600">Values in ‹ › are filled in for each server on its run and its printed checklist.</p>
            )}
            {v.tools.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">No tools listed.</p>
            ) : (
              <ul className="mt-2 space-y-4">
                {groupByTool(v.tools).map(({ tool, uses }) => (
                  <li key={tool.slug}>
                    <Link href={`/tools#${tool.slug}`} className="text-sm font-medium text-brand-700 hover:underline">
                      {tool.name}
                    </Link>
                    <ul className="mt-1 space-y-2">
                      {uses.map((use) => (
                        <li key={use.id}>
                          {use.purpose && <p className="text-xs text-slate-600">{use.purpose}</p>}
                          {use.command && <CommandBlock command={use.command} context={placeholders} />}
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="references" className={`${cardClass} p-5`}>
            <h2 id="references" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
              References
            </h2>
            {v.references.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">No references.</p>
            ) : (
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                {v.references.map((ref) => (
                  <li key={ref.url}>
                    <a href={ref.url} className="break-words text-brand-700 hover:underline" rel="noopener noreferrer nofollow">
                      {ref.title}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}
