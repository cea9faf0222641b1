import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RestoreButton } from "@/components/procedures/restore-button";
import { VersionDiff } from "@/components/procedures/version-diff";
import { buttonClass, cardClass, inputClass, labelClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";
import { restoreVersionAction } from "@/lib/procedures/actions";
import { compareVersions, listVersions } from "@/lib/procedures/authoring-queries";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { formatDateTime } from "@/lib/time/format";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: "Versions" };

const SOURCE_LABEL: Record<string, string> = { SEED: "Library", EDITOR: "Editor", IMPORT: "Import", RESTORE: "Restored" };

/** "3..5" → [3, 5]; anything else → null. */
function parseCompare(value: string | string[] | undefined): [number, number] | null {
  const text = Array.isArray(value) ? value[0] : value;
  const match = /^(\d{1,6})\.\.(\d{1,6})$/.exec(text ?? "");
  return match ? [Number(match[1]), Number(match[2])] : null;
}

export default async function VersionsPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const user = await requirePage("/procedures/[slug]/versions", `/procedures/${slug}/versions`);
  const [data, query, { timeZone }] = await Promise.all([listVersions(slug), searchParams, getOrganisationSettings()]);
  if (!data) notFound();
  const numbers = data.versions.map((v) => v.number);
  const latest = numbers[0]!;
  const asked = parseCompare(query.compare) ?? (query.from || query.to ? [Number(query.from), Number(query.to)] : null);
  const invalid = asked !== null && (!numbers.includes(asked[0]) || !numbers.includes(asked[1]));
  const [from, to] = asked && !invalid ? asked : [numbers[1] ?? latest, latest];
  const diff = from !== to ? await compareVersions(data.id, from, to) : null;
  const mayEdit = can(user.role, "procedure:edit");

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Versions of {data.currentVersion?.title}</h1>
          <p className="mt-1 text-sm text-slate-600">Every published version is kept unchanged; runs show the version they were performed against.</p>
        </div>
        <div className="flex gap-2">
          <Link href={`/procedures/${data.slug}`} className={buttonClass.secondary}>Read the current version</Link>
          {mayEdit && <Link href={`/procedures/${data.slug}/edit`} className={buttonClass.secondary}>{data.hasDraft ? "Continue the draft" : "Edit"}</Link>}
        </div>
      </div>

      <div className={`${cardClass} overflow-x-auto`}>
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Versions, newest first</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">Version</th>
              <th scope="col" className="px-3 py-2">Published</th>
              <th scope="col" className="px-3 py-2">Author</th>
              <th scope="col" className="px-3 py-2">Change note</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {data.versions.map((v) => (
              <tr key={v.id} className="align-top" data-testid="version-row">
                <td className="whitespace-nowrap px-3 py-2 font-medium">
                  {v.number}
                  {v.id === data.currentVersionId && <span className="ml-2 rounded bg-brand-100 px-1.5 py-0.5 text-xs text-brand-900">current</span>}
                </td>
                <td className="whitespace-nowrap px-3 py-2">{formatDateTime(v.publishedAt, timeZone)}</td>
                <td className="px-3 py-2">
                  {v.author?.name ?? SOURCE_LABEL[v.source] ?? v.source}
                  {v.approvedBy && <span className="block text-xs text-slate-600">approved by {v.approvedBy.name}</span>}
                </td>
                <td className="px-3 py-2">{v.changeNote}</td>
                <td className="px-3 py-2">
                  <div className="flex flex-wrap justify-end gap-2">
                    {v.number > 1 && <Link href={`/procedures/${data.slug}/versions?compare=${v.number - 1}..${v.number}`} className={buttonClass.small}>Changes in {v.number}</Link>}
                    {mayEdit && v.id !== data.currentVersionId && !data.hasDraft && <RestoreButton action={restoreVersionAction} versionId={v.id} number={v.number} />}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {numbers.length > 1 && (
        <section aria-labelledby="compare-heading" className={`${cardClass} space-y-4 p-5`}>
          <h2 id="compare-heading" className="text-lg font-semibold">Compare version {from} with version {to}</h2>
          <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Choose versions to compare">
            <div>
              <label htmlFor="from" className={labelClass}>Version</label>
              <select id="from" name="from" defaultValue={from} className={inputClass}>
                {numbers.map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="to" className={labelClass}>with version</label>
              <select id="to" name="to" defaultValue={to} className={inputClass}>
                {numbers.map((n) => <option key={n} value={n}>{n}</option>)}
              </select>
            </div>
            <button type="submit" className={buttonClass.primary}>Compare</button>
          </form>
          {invalid && <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-900">There is no such version to compare; showing the latest change instead.</p>}
          {from === to ? <p className="text-sm text-slate-600">Choose two different versions.</p> : diff && <VersionDiff diff={diff} fromLabel={`Version ${from}`} toLabel={`Version ${to}`} />}
        </section>
      )}
    </div>
  );
}
