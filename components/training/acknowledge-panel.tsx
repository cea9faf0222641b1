import Link from "next/link";
import { cardClass } from "@/components/ui/styles";
import { acknowledgeAction } from "@/lib/training/actions";
import { getAcknowledgementPanel } from "@/lib/training/queries";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { formatDate } from "@/lib/time/format";
import { AcknowledgeButton } from "./acknowledge-button";

/**
 * "Read and understood" on a procedure's reading page: where the person stands on the current
 * version, what changed since the version they acknowledged, and the button to acknowledge it.
 */
export async function AcknowledgePanel({ slug, userId }: { slug: string; userId: string }) {
  const [data, { timeZone }] = await Promise.all([getAcknowledgementPanel(userId, slug), getOrganisationSettings()]);
  if (!data) return null;
  const acknowledgedOn = data.acknowledged ? formatDate(data.acknowledged.at, timeZone) : "";
  return (
    <section aria-labelledby="acknowledgement" className={`${cardClass} no-print p-5`} data-testid="acknowledge-panel">
      <h2 id="acknowledgement" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
        Read and understood
      </h2>

      {data.status === "CURRENT" && (
        <p role="status" className="mt-2 flex items-start gap-2 text-sm text-emerald-900">
          <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 h-4 w-4 shrink-0 fill-current">
            <path d="M7.6 13.2 4.4 10l-1.1 1.1 4.3 4.3 9-9-1.1-1.1z" />
          </svg>
          <span>
            You read and understood version {data.number} on {acknowledgedOn}.
          </span>
        </p>
      )}

      {data.status === "OUTDATED" && data.acknowledged && (
        <div className="mt-2 space-y-3 text-sm">
          <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 font-medium text-amber-950">
            Version {data.number} changed since you acknowledged version {data.acknowledged.number}
          </p>
          <p className="text-slate-700">
            You acknowledged version {data.acknowledged.number} on {acknowledgedOn}. Read what changed, then confirm the current version.
          </p>
          <div>
            <h3 className="font-medium text-slate-800">Change notes</h3>
            <ol className="mt-1 space-y-1">
              {data.changes.map((c) => (
                <li key={c.number}>
                  <span className="font-medium">Version {c.number}</span>{" "}
                  <span className="text-slate-600">({formatDate(c.publishedAt, timeZone)})</span>: {c.changeNote || "no change note"}
                </li>
              ))}
            </ol>
          </div>
          {data.summary.length > 0 && (
            <div>
              <h3 className="font-medium text-slate-800">In short</h3>
              <ul className="mt-1 list-disc space-y-0.5 pl-5 text-slate-700">
                {data.summary.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
          )}
          <Link href={`/procedures/${data.slug}/versions?compare=${data.acknowledged.number}..${data.number}`} className="inline-block text-brand-700 underline">
            Compare version {data.acknowledged.number} with version {data.number}
          </Link>
        </div>
      )}

      {data.status === "MISSING" && (
        <p className="mt-2 text-sm text-slate-700">
          Read the whole procedure, then confirm that you have read and understood version {data.number}.
          {data.onList && " It is on your reading list."}
        </p>
      )}

      {data.status !== "CURRENT" && <AcknowledgeButton action={acknowledgeAction} versionId={data.versionId} number={data.number} title={data.title} />}
    </section>
  );
}
