import type { Metadata } from "next";
import Link from "next/link";
import { CadenceBadge } from "@/components/procedures/badges";
import { cardClass } from "@/components/ui/styles";
import { RaiseToolChangeForm, RecordDeploymentForm } from "@/components/tools/tool-set-forms";
import { Alert } from "@/components/ui/alert";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";
import { CHANGE_STATUS_LABELS, type ChangeStatus } from "@/lib/changes/workflow";
import { substituteText } from "@/lib/procedures/placeholders";
import { listToolsWithUse } from "@/lib/procedures/queries";
import { TOOL_KIND_LABELS, type ToolKind } from "@/lib/procedures/vocabulary";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { formatDateTime } from "@/lib/time/format";
import { toLocalInput } from "@/lib/time/local";
import { raiseToolChangeAction, recordDeploymentAction } from "@/lib/tools/actions";
import { getToolSet } from "@/lib/tools/queries";
import { rolesText } from "@/lib/tools/standard-set";

export const metadata: Metadata = { title: "Tools" };

type Deployment = { present: boolean; installedVersion: string; verifiedBy: string; verifiedAt: Date };

/** What the record says of one tool on its servers: each verified server on a line, the rest named together. */
function DeployedCell({ servers, record, deviates, tz }: { servers: { id: string; name: string }[]; record: (serverId: string) => Deployment | undefined; deviates: (serverId: string) => boolean; tz: string }) {
  if (servers.length === 0) return <>—</>;
  const unverified = servers.filter((s) => !record(s.id));
  return (
    <ul className="space-y-0.5">
      {servers.flatMap((s) => {
        const d = record(s.id);
        if (!d) return [];
        const found = d.present ? d.installedVersion || "installed" : "missing";
        return [
          <li key={s.id} className={deviates(s.id) ? "font-medium text-amber-900" : undefined}>
            {s.name}: {found}
            {deviates(s.id) && <span className="sr-only"> (deviation)</span>}
            <span className="block text-slate-600">
              {d.verifiedBy}, {formatDateTime(d.verifiedAt, tz)}
            </span>
          </li>,
        ];
      })}
      {unverified.length > 0 && (
        <li className="text-slate-600">
          Not yet verified: {unverified.map((s) => s.name).join(", ")}
        </li>
      )}
    </ul>
  );
}

/** A source as written, with each web address a link named by its site. */
function SourceText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/);
  return (
    <>
      {parts.map((part, i) => {
        if (i % 2 === 0) return part;
        // Punctuation that ends the sentence is not part of the address.
        let end = part.length;
        while (end > 0 && ".,;)".includes(part[end - 1]!)) end -= 1;
        const url = part.slice(0, end);
        const rest = part.slice(url.length);
        let host = url;
        try {
          host = new URL(url).hostname;
        } catch {
          return part;
        }
        return (
          <span key={i}>
            <a href={url} className="text-brand-700 underline" rel="noreferrer noopener" title={url}>
              {host}
            </a>
            {rest}
          </span>
        );
      })}
    </>
  );
}

export default async function ToolsPage() {
  const user = await requirePage("/tools");
  const [tools, set, settings] = await Promise.all([listToolsWithUse(), getToolSet(), getOrganisationSettings()]);
  const tz = settings.timeZone;
  const now = new Date();
  const canDeploy = can(user.role, "tool:deploy");
  const canChange = can(user.role, "tool:change");
  const deploymentOf = new Map(set.deployments.map((d) => [`${d.serverId}:${d.toolId}`, d]));
  const deviating = new Set(set.deviations.map((d) => `${d.serverId}:${d.toolId}`));
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Tools</h1>
        <p className="mt-1 text-sm text-slate-600">
          The standard tool set of the messaging team: where each tool must be, its approved versions, and what each server runs by its deployment
          record; then every tool and the procedures that use it.
        </p>
      </div>

      <section aria-labelledby="deviations-heading" className="space-y-2">
        <h2 id="deviations-heading" className="text-lg font-semibold">
          Deviations
        </h2>
        {set.deviations.length === 0 ? (
          <Alert tone="success" testId="tool-deviations">
            No deviation: by the deployment record, every server has the tools its roles require at an approved version, and no lab-only tool.
          </Alert>
        ) : (
          <Alert tone="warning" testId="tool-deviations" title={`${set.deviations.length} ${set.deviations.length === 1 ? "deviation" : "deviations"} from the standard tool set`}>
            <ul className="mt-1 list-disc space-y-1 pl-5">
              {set.deviations.map((d) => (
                <li key={`${d.serverId}:${d.toolId}`}>
                  {d.message} <span className="text-xs">(recorded {formatDateTime(d.verifiedAt, tz)})</span>
                </li>
              ))}
            </ul>
          </Alert>
        )}
        {set.notVerified.length > 0 && (
          <details className="text-sm text-slate-700">
            <summary className="cursor-pointer">
              Not yet verified on {set.notVerified.length} {set.notVerified.length === 1 ? "server" : "servers"}: the monthly run of &quot;Verify the standard tool set&quot; records them
            </summary>
            <ul className="mt-1 list-disc pl-5">
              {set.notVerified.map((n) => (
                <li key={n.serverId}>
                  {n.serverName}: {n.toolNames.join(", ")}
                </li>
              ))}
            </ul>
          </details>
        )}
        {set.openChanges.length > 0 && (
          <p className="text-sm text-slate-700">
            Open changes to the set:{" "}
            {set.openChanges.map((c, i) => (
              <span key={c.id}>
                {i > 0 ? "; " : ""}
                <Link href={`/changes/${c.id}`} className="text-brand-700 underline">
                  CHG-{c.id} {c.title}
                </Link>{" "}
                ({CHANGE_STATUS_LABELS[c.status as ChangeStatus] ?? c.status})
              </span>
            ))}
          </p>
        )}
      </section>

      <section aria-labelledby="standard-set-heading" className="space-y-2">
        <h2 id="standard-set-heading" className="text-lg font-semibold">
          Standard tool set
        </h2>
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm" data-testid="standard-tool-set">
            <caption className="sr-only">Standard tool set: placement, versions, source and owner of each tool</caption>
            <thead className="text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3">Tool</th>
                <th scope="col" className="py-1 pr-3">Where</th>
                <th scope="col" className="py-1 pr-3">Approved versions</th>
                <th scope="col" className="py-1 pr-3">Source</th>
                <th scope="col" className="py-1 pr-3">Owner</th>
                <th scope="col" className="py-1 pr-3">Deployed</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {set.standard.map((tool) => {
                const servers = set.servers.filter((s) => tool.placement === "ROLES" && tool.requiredRoles.some((r) => s.roles.includes(r)));
                return (
                  <tr key={tool.id} id={`set-${tool.slug}`} className="align-top">
                    <th scope="row" className="py-2 pr-3 font-medium">{tool.name}</th>
                    <td className="py-2 pr-3">{tool.placement === "LAB_ONLY" ? "Lab only: never on production servers" : rolesText(tool.requiredRoles)}</td>
                    <td className="py-2 pr-3" data-testid={`approved-${tool.slug}`}>
                      {tool.versioning === "EXCHANGE" ? "The server's Exchange build" : tool.approvedVersions.length > 0 ? tool.approvedVersions.join(", ") : "None approved yet"}
                    </td>
                    <td className="max-w-xs break-words py-2 pr-3">{tool.source ? <SourceText text={tool.source} /> : "—"}</td>
                    <td className="py-2 pr-3">{tool.owner || "—"}</td>
                    <td className="py-2 pr-3 text-xs">
                      <DeployedCell
                        servers={servers}
                        record={(serverId) => deploymentOf.get(`${serverId}:${tool.id}`)}
                        deviates={(serverId) => deviating.has(`${serverId}:${tool.id}`)}
                        tz={tz}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {canDeploy && (
          <RecordDeploymentForm
            action={recordDeploymentAction}
            servers={set.servers.map((s) => ({ value: s.id, label: s.name }))}
            tools={set.standard.map((t) => ({ value: t.id, label: t.name }))}
          />
        )}
        {canChange && (
          <RaiseToolChangeForm
            action={raiseToolChangeAction}
            tools={set.tools.filter((t) => !t.retired).map((t) => ({ value: t.id, label: t.name }))}
            defaultStart={toLocalInput(new Date(now.getTime() + 86_400_000), tz)}
            defaultEnd={toLocalInput(new Date(now.getTime() + 90_000_000), tz)}
          />
        )}
      </section>

      <h2 className="text-lg font-semibold">Every tool and the procedures that use it</h2>
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
