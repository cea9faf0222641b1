import type { Metadata } from "next";
import Link from "next/link";
import { MofMapView } from "@/components/mof/mof-map";
import { PrintButton } from "@/components/procedures/print-button";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { getMofMap } from "@/lib/mof/queries";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { formatDate } from "@/lib/time/format";

export const metadata: Metadata = { title: "MOF map" };

export default async function MofPage() {
  await requirePage("/mof");
  const now = new Date();
  const [map, settings] = await Promise.all([getMofMap(now), getOrganisationSettings()]);
  const since = new Date(now.getTime() - map.windowDays * 86_400_000);
  const windowText = `from ${formatDate(since, settings.timeZone)} to ${formatDate(now, settings.timeZone)}`;
  const total = map.covered + map.gaps;

  return (
    <div className="mof-map space-y-5">
      {/* The print layout: one landscape page, no navigation. A plain stylesheet link in the page,
          so it is removed with the page and never applies elsewhere. */}
      {/* eslint-disable-next-line @next/next/no-css-tags -- a stylesheet of this page alone, see public/mof-print.css */}
      <link rel="stylesheet" href="/mof-print.css" />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">MOF map</h1>
          <p className="mof-screen mt-1 max-w-3xl text-sm text-slate-600">
            The Microsoft Operations Framework 3.0 process model as this team uses it for Exchange Server 2007: four quadrants that follow each other round a circle, the Service Management Functions in each, and the organisation&apos;s procedures placed by their main function. Each procedure shows how many of its runs due in the last {map.windowDays} days ({windowText}) were done; runs done with failures or required N/A items are counted as exceptions, not as clean, and skipped runs are left out.
          </p>
          <p className="mt-1 text-sm text-slate-700" data-testid="coverage">
            {map.covered} of {total} functions have a procedure; {map.gaps} {map.gaps === 1 ? "is a gap" : "are gaps"}.
          </p>
        </div>
        <div className="no-print flex flex-wrap gap-2">
          <PrintButton />
        </div>
      </div>
      <nav aria-label="Quadrants and reviews" className={`no-print ${cardClass} p-4`}>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {map.quadrants.map((q) => (
            <li key={q.code}>
              <a href={`#quadrant-${q.code}`} className="text-brand-700 hover:underline">
                {q.label}
              </a>
            </li>
          ))}
          <li>
            <a href="#reviews" className="text-brand-700 hover:underline">
              Management reviews
            </a>
          </li>
          {map.reading && (
            <li>
              <Link href={`/procedures/${map.reading.slug}`} className="text-brand-700 hover:underline">
                Read: {map.reading.title}
              </Link>
            </li>
          )}
        </ul>
      </nav>
      <MofMapView map={map} windowText={windowText} />
    </div>
  );
}
