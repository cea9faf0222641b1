// The placeholders an author may use, listed in the editor (decision 033): the server's own fields
// and the variables an administrator has defined, each with what it stands for.
import type { ReactNode } from "react";
import { cardClass } from "@/components/ui/styles";
import { SERVER_FIELDS, SERVER_FIELD_DESCRIPTIONS, VARIABLE_KIND_LABELS, type VariableKind } from "@/lib/procedures/placeholders";

export interface PlaceholderVariableInfo {
  name: string;
  scope: string;
  kind: string;
  description: string;
}

function Row({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt>
        <code className="font-mono text-xs text-slate-900">{name}</code>
      </dt>
      <dd className="text-sm text-slate-700">{children}</dd>
    </div>
  );
}

export function PlaceholderReference({ variables }: { variables: readonly PlaceholderVariableInfo[] }) {
  const perServer = variables.filter((v) => v.scope === "SERVER");
  const organisation = variables.filter((v) => v.scope === "ORGANISATION");
  const kind = (k: string) => VARIABLE_KIND_LABELS[k as VariableKind] ?? k;
  return (
    <section aria-labelledby="placeholders-heading" className={`${cardClass} space-y-2 p-5`} data-testid="placeholder-reference">
      <h2 id="placeholders-heading" className="text-lg font-semibold">
        Placeholders
      </h2>
      <p className="text-sm text-slate-700">
        Write {"{{server}}"} rather than a server&apos;s name in commands, checklist items and the instructions. On a server&apos;s run and its printed
        checklist each placeholder is replaced by that server&apos;s value; where a value is not set, the operator sees ‹name› and fills it in. Single
        braces (PowerShell script blocks) and {"<…>"} are left as written. Saving refuses a placeholder that names nothing listed here.
      </p>
      <details>
        <summary className="cursor-pointer text-sm text-brand-700">The {SERVER_FIELDS.length + variables.length} placeholders you can use</summary>
        <div className="mt-3 space-y-3 text-sm text-slate-700">
          <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[14rem_1fr]">
            {SERVER_FIELDS.map((f) => (
              <Row key={f} name={`{{${f}}}`}>
                {SERVER_FIELD_DESCRIPTIONS[f]}
              </Row>
            ))}
            {perServer.map((v) => (
              <Row key={v.name} name={`{{var:${v.name}}}`}>
                {v.description || "Per-server value."} <span className="text-slate-500">({kind(v.kind)}, set on each server)</span>
              </Row>
            ))}
            {organisation.map((v) => (
              <Row key={v.name} name={`{{org:${v.name}}}`}>
                {v.description || "Organisation value."} <span className="text-slate-500">({kind(v.kind)}, one for the organisation)</span>
              </Row>
            ))}
          </dl>
          <p className="text-xs text-slate-600">Administrators define variables and set their values under Manage › Servers.</p>
        </div>
      </details>
    </section>
  );
}
