import type { Metadata } from "next";
import { ProcedureEditor } from "@/components/procedures/editor/procedure-editor";
import { requirePage } from "@/lib/auth/guard";
import { createProcedureAction } from "@/lib/procedures/actions";
import { listToolChoices } from "@/lib/procedures/authoring-queries";
import { listPlaceholderVariables } from "@/lib/procedures/placeholder-queries";
import type { ProcedureContent } from "@/lib/procedures/schemas";

export const metadata: Metadata = { title: "New procedure" };

const TEMPLATE: ProcedureContent = {
  slug: "",
  title: "",
  cadence: "AS_NEEDED",
  roles: [],
  smf: "SYSTEM_ADMINISTRATION",
  relatedSmfs: [],
  purpose: "",
  body: "## Steps\n\n1. \n\n## If something is wrong\n\n",
  items: [{ key: "done", kind: "CHECK", text: "", help: "", required: true, choices: [], passChoices: [], roles: [] }],
  tools: [],
  references: [],
  managementReview: "",
  reviewIntervalMonths: 12,
};

export default async function NewProcedurePage() {
  await requirePage("/procedures/new");
  const [tools, variables] = await Promise.all([listToolChoices(), listPlaceholderVariables()]);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">New procedure</h1>
        <p className="mt-1 text-sm text-slate-600">It starts as a draft that only managers see; publish it to add it to the library.</p>
      </div>
      <ProcedureEditor mode="create" initial={TEMPLATE} revision={0} tools={tools} variables={variables} action={createProcedureAction} />
    </div>
  );
}
