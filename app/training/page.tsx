import type { Metadata } from "next";
import Link from "next/link";
import { CadenceBadge } from "@/components/procedures/badges";
import { AcknowledgementBadge, ProgressBar } from "@/components/training/status-badge";
import { buttonClass, cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { formatDate } from "@/lib/time/format";
import { getMyTraining, type TrainingItem } from "@/lib/training/queries";
import { percentDone, ROLE_PLURAL } from "@/lib/training/reading-list";

export const metadata: Metadata = { title: "Training" };

export default async function TrainingPage() {
  const user = await requirePage("/training");
  const [{ items, progress }, { timeZone }] = await Promise.all([getMyTraining(user), getOrganisationSettings()]);
  const toRead = items.filter((i) => i.status !== "CURRENT");
  const done = items.filter((i) => i.status === "CURRENT");
  const percent = percentDone(progress);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Training</h1>
          <p className="mt-1 max-w-3xl text-sm text-slate-600">
            {user.role === "VIEWER"
              ? "Your reading list: the procedures a manager chose for new hires, and any work assigned to you."
              : `Your reading list: the procedures of the work scheduled for ${user.role === "ADMIN" ? "managers and administrators" : ROLE_PLURAL[user.role]} or assigned to you, and any a manager added.`}{" "}
            Read each one and mark it read and understood; when a procedure changes, you are asked again.
          </p>
        </div>
        {can(user.role, "training:manage") && (
          <div className="flex flex-wrap gap-2">
            <Link href="/training/matrix" className={buttonClass.secondary}>
              Training matrix
            </Link>
            <Link href="/training/matrix?view=lists" className={buttonClass.secondary}>
              Reading lists
            </Link>
          </div>
        )}
      </div>

      <section aria-labelledby="progress" className={`${cardClass} p-5`}>
        <h2 id="progress" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
          Progress
        </h2>
        {progress.total === 0 ? (
          <p className="mt-2 text-sm text-slate-700">
            Your reading list is empty. Managers choose what each role reads; meanwhile the whole{" "}
            <Link href="/procedures" className="text-brand-700 underline">
              procedure library
            </Link>{" "}
            is open to you.
          </p>
        ) : (
          <div className="mt-2 space-y-2">
            <p className="text-sm text-slate-800" data-testid="training-progress">
              <span className="text-lg font-semibold">
                {progress.current} of {progress.total}
              </span>{" "}
              procedures read and understood in their current version
              {progress.outdated > 0 && <>; {progress.outdated} changed since you read them</>}
              {progress.missing > 0 && <>; {progress.missing} not read yet</>}.
            </p>
            <ProgressBar value={percent} label={`Reading list progress: ${progress.current} of ${progress.total} read and understood`} />
          </div>
        )}
      </section>

      {progress.total > 0 && (
        <>
          <TrainingTable id="to-read" title={`To read (${toRead.length})`} items={toRead} timeZone={timeZone} empty="Nothing to read: every procedure on your list is acknowledged in its current version." />
          <TrainingTable id="done" title={`Read and understood (${done.length})`} items={done} timeZone={timeZone} empty="None yet. Open a procedure above, read it, and mark it read and understood." />
        </>
      )}
    </div>
  );
}

function TrainingTable({ id, title, items, timeZone, empty }: { id: string; title: string; items: TrainingItem[]; timeZone: string; empty: string }) {
  return (
    <section aria-labelledby={id} className={`${cardClass} overflow-x-auto`}>
      <h2 id={id} className="px-5 pt-4 text-lg font-semibold">
        {title}
      </h2>
      {items.length === 0 ? (
        <p className="px-5 pb-5 pt-2 text-sm text-slate-600">{empty}</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">{title}</caption>
          <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-5 py-2">
                Procedure
              </th>
              <th scope="col" className="px-3 py-2">
                Cadence
              </th>
              <th scope="col" className="px-3 py-2">
                Why it is on your list
              </th>
              <th scope="col" className="px-3 py-2">
                Status
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {items.map((item) => (
              <tr key={item.id} className="align-top" data-testid="training-row">
                <th scope="row" className="px-5 py-2 font-normal">
                  <Link href={`/procedures/${item.slug}`} className="font-medium text-brand-700 hover:underline">
                    {item.title}
                  </Link>
                  <span className="block text-xs text-slate-600">
                    {item.code ? `${item.code} · ` : ""}version {item.number}
                  </span>
                </th>
                <td className="px-3 py-2">
                  <CadenceBadge cadence={item.cadence} />
                </td>
                <td className="px-3 py-2 text-slate-700">{item.reasonLabel}</td>
                <td className="px-3 py-2">
                  <StatusCell item={item} timeZone={timeZone} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function StatusCell({ item, timeZone }: { item: TrainingItem; timeZone: string }) {
  if (item.status === "CURRENT" && item.acknowledged) {
    return (
      <span className="flex flex-wrap items-center gap-2">
        <AcknowledgementBadge status="CURRENT">Read and understood</AcknowledgementBadge>
        <span className="text-xs text-slate-600">on {formatDate(item.acknowledged.at, timeZone)}</span>
      </span>
    );
  }
  if (item.status === "OUTDATED" && item.acknowledged) {
    return (
      <span className="flex flex-col items-start gap-1">
        <AcknowledgementBadge status="OUTDATED">Changed since you read it</AcknowledgementBadge>
        <span className="text-xs text-slate-700">
          Version {item.number} changed since you acknowledged version {item.acknowledged.number}.{" "}
          <Link href={`/procedures/${item.slug}/versions?compare=${item.acknowledged.number}..${item.number}`} className="text-brand-700 underline">
            What changed
          </Link>
        </span>
      </span>
    );
  }
  return (
    <AcknowledgementBadge status="MISSING" quiet>
      Not read yet
    </AcknowledgementBadge>
  );
}
