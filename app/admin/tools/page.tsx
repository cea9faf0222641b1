import type { Metadata } from "next";
import Link from "next/link";
import { ToolForm } from "@/components/admin/tool-forms";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { TOOL_KIND_LABELS, type ToolKind } from "@/lib/procedures/vocabulary";
import { createToolAction, updateToolAction } from "@/lib/tools/actions";
import { listToolCatalogue } from "@/lib/tools/queries";

export const metadata: Metadata = { title: "Tool catalogue" };

export default async function ToolCataloguePage() {
  await requirePage("/admin/tools");
  const tools = await listToolCatalogue();
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Tool catalogue</h1>
        <p className="mt-1 text-sm text-slate-600">
          The team&apos;s standard tools. Procedures name them with the exact command to run; each tool lists the procedures that use it. Tools are never deleted, because published versions refer to them.
        </p>
      </div>
      <section aria-labelledby="add-tool" className={`${cardClass} p-5`}>
        <h2 id="add-tool" className="mb-3 text-lg font-semibold">Add a tool</h2>
        <ToolForm action={createToolAction} />
      </section>
      <ul className="space-y-3" aria-label="Tools">
        {tools.map((tool) => (
          <li key={tool.id} className={`${cardClass} grid gap-4 p-5 lg:grid-cols-[1fr_18rem]`} data-testid="catalogue-tool">
            <div>
              <h2 className="font-semibold">
                {tool.name} <span className="font-mono text-xs font-normal text-slate-600">{tool.slug}</span>{" "}
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-700">{TOOL_KIND_LABELS[tool.kind as ToolKind] ?? tool.kind}</span>
              </h2>
              <details className="mt-2">
                <summary className="cursor-pointer text-sm text-brand-700">Edit</summary>
                <div className="mt-2">
                  <ToolForm action={updateToolAction} tool={tool} />
                </div>
              </details>
              <p className="mt-2 text-sm text-slate-700">{tool.description}</p>
            </div>
            <div className="text-sm">
              <p className="font-medium text-slate-800">Used by {tool.procedures.length === 1 ? "1 procedure" : `${tool.procedures.length} procedures`}</p>
              {tool.procedures.length > 0 && (
                <ul className="mt-1 space-y-0.5">
                  {tool.procedures.map((p) => (
                    <li key={p.slug}>
                      <Link href={`/procedures/${p.slug}`} className="text-brand-700 hover:underline">{p.title}</Link>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
