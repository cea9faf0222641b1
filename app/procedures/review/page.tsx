import type { Metadata } from "next";
import Link from "next/link";
import { MarkReviewedForm } from "@/components/procedures/mark-reviewed-form";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { markReviewedAction } from "@/lib/procedures/actions";
import { listReviewsDue, REVIEW_SOON_DAYS } from "@/lib/procedures/authoring-queries";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { formatDate } from "@/lib/time/format";

export const metadata: Metadata = { title: "Procedure reviews" };

export default async function ReviewsPage() {
  await requirePage("/procedures/review");
  const [due, { timeZone }] = await Promise.all([listReviewsDue(), getOrganisationSettings()]);
  const overdue = due.filter((p) => p.overdue).length;
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Procedure reviews</h1>
        <p className="mt-1 text-sm text-slate-600">
          Each procedure is reviewed at its interval (twelve months unless set otherwise), counted from its last review or publication. Listed: overdue, and due within {REVIEW_SOON_DAYS} days.
        </p>
      </div>
      <div className={`${cardClass} overflow-x-auto`}>
        {due.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">No procedure is due for review in the next {REVIEW_SOON_DAYS} days.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{overdue} overdue, {due.length - overdue} due soon</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">Procedure</th>
                <th scope="col" className="px-3 py-2">Review due</th>
                <th scope="col" className="px-3 py-2">Last reviewed</th>
                <th scope="col" className="px-3 py-2">Review</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {due.map((p) => (
                <tr key={p.id} className="align-top" data-testid="review-row">
                  <td className="px-3 py-2">
                    <Link href={`/procedures/${p.slug}`} className="font-medium text-brand-700 hover:underline">
                      {p.seedCode ? `${p.seedCode} ` : ""}
                      {p.currentVersion!.title}
                    </Link>
                    <span className="block text-xs text-slate-600">version {p.currentVersion!.number} · every {p.reviewIntervalMonths} months</span>
                  </td>
                  <td className={`whitespace-nowrap px-3 py-2 ${p.overdue ? "font-semibold text-red-700" : ""}`}>
                    {formatDate(p.due, timeZone)}
                    {p.overdue && " (overdue)"}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {formatDate(p.last, timeZone)}
                    {p.reviews[0] && <span className="block text-xs text-slate-600">by {p.reviews[0].reviewer.name}</span>}
                  </td>
                  <td className="px-3 py-2">
                    <div className="flex flex-wrap items-start gap-2">
                      <MarkReviewedForm action={markReviewedAction} procedureId={p.id} title={p.currentVersion!.title} />
                      <Link href={`/procedures/${p.slug}/edit`} className="py-1.5 text-sm text-brand-700 underline">Edit instead</Link>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
