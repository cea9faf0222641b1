import type { Metadata } from "next";
import Link from "next/link";
import { CadenceBadge } from "@/components/procedures/badges";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { substituteText } from "@/lib/procedures/placeholders";
import { listToolsWithUse } from "@/lib/procedures/queries";
import { TOOL_KIND_LABELS, type ToolKind } from "@/lib/procedures/vocabulary";

export const metadata: Metadata = { title: "Tools" };

export default async function ToolsPage() {
  await requirePage("/tools");
  const tools = await listToolsWithUse();
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Tools</h1>
        <p className="mt-1 text-sm text-slate-600">
          The standard tool set of the messaging team, and the procedures that use each tool.
        </p>
      </div>
      <nav aria-label="Tools on this page" className={`${cardClass} p-4`}>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {tools.map((tool) => (
            <li key={tool.slug}>
              <a href={`#${tool.slug}`} className="text-brand-700 hover:underline">
                {tool.name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ul className="space-y-4">
        {tools.map((tool) => (
          <li key={tool.slug} id={tool.slug} className={`${cardClass} scroll-mt-4 p-5`}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="text-lg font-semibold">{tool.name}</h2>
              <span className="text-xs text-slate-600">{TOOL_KIND_LABELS[tool.kind as ToolKind] ?? tool.kind}</span>
            </div>
            <p className="mt-1 text-sm text-slate-700">{tool.description}</p>
            <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-600">
              Used by {tool.procedures.length} {tool.procedures.length === 1 ? "procedure" : "procedures"}
            </h3>
            {tool.procedures.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600">No procedure uses this tool yet.</p>
            ) : (
              <ul className="mt-1 space-y-1 text-sm">
                {tool.procedures.map((p) => (
                  <li key={p.slug} className="flex flex-wrap items-center gap-2">
                    <CadenceBadge cadence={p.cadence} />
                    <Link href={`/procedures/${p.slug}`} className="text-brand-700 hover:underline">
                      {p.title}
                    </Link>
                    {p.commands.length > 0 && (
                      <span className="min-w-0 break-all font-mono text-xs text-slate-600">{p.commands.slice(0, 3).map((c) => substituteText(c, null)).join(" · ")}{p.commands.length > 3 ? " …" : ""}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
