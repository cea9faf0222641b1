import type { Metadata } from "next";
import { ServerActiveToggle, ServerForm } from "@/components/admin/server-form";
import { DefineVariableForm, EditVariableForm, RemoveVariableForm } from "@/components/admin/variable-forms";
import { RetireDemoServers } from "@/components/guide/retire-demo-servers";
import { RoleBadges } from "@/components/procedures/badges";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { createServerAction, setServerActiveAction, updateServerAction } from "@/lib/servers/actions";
import { retireDemoServersAction } from "@/lib/servers/demo-actions";
import { listServers, listVariables } from "@/lib/servers/queries";
import { defineVariableAction, removeVariableAction, updateVariableAction } from "@/lib/servers/variable-actions";
import { VARIABLE_KIND_LABELS } from "@/lib/procedures/placeholders";

export const metadata: Metadata = { title: "Servers" };

export default async function ServersPage() {
  await requirePage("/admin/servers");
  const [servers, variables] = await Promise.all([listServers(), listVariables()]);
  const serverVariables = variables.filter((v) => v.scope === "SERVER");
  const demo = servers.filter((s) => s.demo);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Servers</h1>
        <p className="mt-1 text-sm text-slate-600">
          The Exchange servers of the organisation and the roles they hold. Per-server procedures run once for each active
          server with a matching role.
        </p>
      </div>
      {demo.length > 0 && (
        <RetireDemoServers action={retireDemoServersAction} active={demo.filter((s) => s.active).map(({ id, name }) => ({ id, name }))} retired={demo.filter((s) => !s.active).length} />
      )}
      <div className="grid gap-5 lg:grid-cols-3">
        <section aria-labelledby="add-server" className={`${cardClass} self-start p-5 lg:order-2`}>
          <h2 id="add-server" className="mb-3 text-lg font-semibold">
            Add a server
          </h2>
          <ServerForm action={createServerAction} variables={serverVariables} submitLabel="Add server" />
        </section>
        <section aria-labelledby="server-list" className={`${cardClass} self-start overflow-x-auto lg:col-span-2`}>
          <h2 id="server-list" className="sr-only">
            Inventory
          </h2>
          {servers.length === 0 ? (
            <p className="p-6 text-sm text-slate-600">No servers yet. Add the first one.</p>
          ) : (
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-2">Server</th>
                  <th scope="col" className="px-4 py-2">Roles</th>
                  <th scope="col" className="px-4 py-2">Site</th>
                  <th scope="col" className="px-4 py-2">Actions</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {servers.map((server) => (
                  <tr key={server.id} className={`align-top ${server.active ? "" : "bg-slate-50 text-slate-500"}`}>
                    <td className="px-4 py-3">
                      <span className="font-medium">{server.name}</span>
                      {/* The space keeps the cell's name "EXHUB01 demo …", not "EXHUB01demo". */}
                      {server.demo && <> <span className="ml-1 rounded bg-amber-100 px-1.5 text-xs font-medium text-amber-900">demo</span></>}
                      {!server.active && <span className="ml-2 rounded bg-slate-200 px-1.5 text-xs">retired</span>}
                      <span className="block text-xs text-slate-600">{server.fqdn}</span>
                      {server.description && <span className="block text-xs text-slate-600">{server.description}</span>}
                      {server.storageGroups.length > 0 && (
                        <span className="mt-1 block text-xs text-slate-600">Storage groups: {server.storageGroups.join(", ")}</span>
                      )}
                    </td>
                    <td className="px-4 py-3">
                      <RoleBadges roles={server.roles} />
                    </td>
                    <td className="px-4 py-3">{server.site}</td>
                    <td className="space-y-2 px-4 py-3">
                      <details>
                        <summary className="cursor-pointer text-brand-700 underline">Edit</summary>
                        <div className="mt-2 w-72">
                          <ServerForm action={updateServerAction} server={server} variables={serverVariables} submitLabel="Save" />
                        </div>
                      </details>
                      <ServerActiveToggle action={setServerActiveAction} serverId={server.id} active={server.active} name={server.name} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      <section aria-labelledby="variables" className="space-y-3">
        <div>
          <h2 id="variables" className="text-lg font-semibold">Placeholder variables</h2>
          <p className="mt-1 text-sm text-slate-600">
            Values that procedure commands name, such as a server&apos;s queue drive ({"{{var:queueDrive}}"}) or the domain controller ({"{{org:domainController}}"}). Each
            server&apos;s values are set on its form above; organisation values here. Runs and the printed checklist of a run show the commands with these values filled in.
          </p>
        </div>
        <div className="grid gap-5 lg:grid-cols-3">
          <div className={`${cardClass} self-start overflow-x-auto lg:col-span-2`}>
            {variables.length === 0 ? (
              <p className="p-6 text-sm text-slate-600">No variables yet.</p>
            ) : (
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Placeholder variables</caption>
                <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                  <tr>
                    <th scope="col" className="px-4 py-2">Placeholder</th>
                    <th scope="col" className="px-4 py-2">Value</th>
                    <th scope="col" className="px-4 py-2">Actions</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200">
                  {variables.map((v) => (
                    <tr key={v.name} className="align-top" data-testid="placeholder-variable">
                      <td className="px-4 py-3">
                        <code className="font-mono text-xs">{v.scope === "SERVER" ? `{{var:${v.name}}}` : `{{org:${v.name}}}`}</code>
                        <span className="block text-xs text-slate-600">{VARIABLE_KIND_LABELS[v.kind]}</span>
                        {v.description && <span className="block text-xs text-slate-600">{v.description}</span>}
                      </td>
                      <td className="px-4 py-3">
                        {v.scope === "SERVER" ? (
                          <span className="text-slate-600">
                            Per server: set on {v.serversWithValue} {v.serversWithValue === 1 ? "server" : "servers"}
                          </span>
                        ) : v.value ? (
                          <code className="font-mono text-xs">{v.value}</code>
                        ) : (
                          <span className="text-amber-800">Not set</span>
                        )}
                      </td>
                      <td className="space-y-2 px-4 py-3">
                        <details>
                          <summary className="cursor-pointer text-brand-700 underline">Edit</summary>
                          <div className="mt-2 w-64">
                            <EditVariableForm action={updateVariableAction} variable={v} />
                          </div>
                        </details>
                        <RemoveVariableForm action={removeVariableAction} variable={v} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <section aria-labelledby="define-variable" className={`${cardClass} self-start p-5`}>
            <h3 id="define-variable" className="mb-3 text-base font-semibold">
              Define a variable
            </h3>
            <DefineVariableForm action={defineVariableAction} />
          </section>
        </div>
      </section>
    </div>
  );
}
