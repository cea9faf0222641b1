import Link from "next/link";
import { CadenceBadge } from "@/components/procedures/badges";
import { cardClass } from "@/components/ui/styles";
import { compactFigures, figuresSentence, type MofMap, type ProcedureOnMap, type QuadrantOnMap, type SmfOnMap } from "@/lib/mof/map";

// The MOF map: four quadrants with their SMFs, the procedures on each, the gaps and the management
// reviews. On screen it is a grid of cards with every explanation; printed (public/mof-print.css)
// it is one landscape page: explanations marked "mof-screen" drop out, each procedure keeps one
// short line with its figures ("mof-print"), and the quadrants sit side by side.

const name = (p: ProcedureOnMap) => (p.code ? `${p.code} ${p.title}` : p.title);

function ProcedureRow({ p, windowDays }: { p: ProcedureOnMap; windowDays: number }) {
  const figures = figuresSentence(p.figures, windowDays);
  return (
    <li className="mof-proc py-1.5" data-procedure={p.slug}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {p.code && <span className="mof-code w-8 font-mono text-xs text-slate-600">{p.code}</span>}
        <Link href={`/procedures/${p.slug}`} className="font-medium text-brand-700 hover:underline">
          {p.title}
        </Link>
        <span className="mof-screen">
          <CadenceBadge cadence={p.cadence} />
        </span>
        <span className="mof-print hidden">
          {" "}— {p.cadenceLabel.toLowerCase()}, {compactFigures(p.figures)}
        </span>
      </div>
      <p className="mof-screen mt-0.5 text-xs text-slate-600" data-testid="figures">
        {figures}
        {p.figures.exceptions > 0 && <span className="sr-only"> Runs with exceptions are not counted as clean.</span>}
      </p>
    </li>
  );
}

function Smf({ smf, windowDays }: { smf: SmfOnMap; windowDays: number }) {
  const headingId = `smf-${smf.code}-heading`;
  return (
    <article id={`smf-${smf.code}`} aria-labelledby={headingId} className="mof-smf scroll-mt-4 border-t border-slate-200 pt-3 first:border-t-0 first:pt-0">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={headingId} className="mof-smf-title font-semibold">
          {smf.label}
          {smf.gap && (
            <>
              {" "}
              <span className="pill bg-amber-100 text-amber-900 ring-amber-300">Gap</span>
            </>
          )}
        </h3>
        <Link href={`/procedures?smf=${smf.code}`} className="mof-screen text-xs text-brand-700 underline">
          {`${smf.label} in the library (${smf.procedures.length})`}
        </Link>
      </div>
      <p className="mof-screen mt-1 text-sm text-slate-700">{smf.about}</p>
      {smf.gap ? (
        <p className="mof-gap mt-1 text-sm text-amber-900" data-testid="gap">
          <span className="font-medium">No procedure covers this function yet.</span> {smf.gapText}
        </p>
      ) : (
        <ul className="mof-procs mt-1 divide-y divide-slate-100 text-sm" aria-label={`Procedures of ${smf.label}`}>
          {smf.procedures.map((p) => (
            <ProcedureRow key={p.slug} p={p} windowDays={windowDays} />
          ))}
        </ul>
      )}
      {smf.mentions.length > 0 && (
        <p className="mof-mentions mt-1 text-xs text-slate-600" data-testid="mentions">
          Also touched by{" "}
          {smf.mentions.map((p, i) => (
            <span key={p.slug}>
              {i > 0 && ", "}
              <Link href={`/procedures/${p.slug}`} className="text-brand-700 underline" title={p.title}>
                <span className="mof-screen-inline">{name(p)}</span>
                <span className="mof-print hidden">{p.code ?? p.title}</span>
              </Link>
            </span>
          ))}
          .
        </p>
      )}
    </article>
  );
}

function Quadrant({ q, windowDays }: { q: QuadrantOnMap; windowDays: number }) {
  const covered = q.smfs.filter((s) => !s.gap).length;
  return (
    <section id={`quadrant-${q.code}`} aria-labelledby={`quadrant-${q.code}-heading`} className={`mof-quadrant mof-q-${q.code.toLowerCase()} ${cardClass} scroll-mt-4 p-5`}>
      <h2 id={`quadrant-${q.code}-heading`} className="mof-quadrant-title text-lg font-semibold">
        {q.label} <span className="text-sm font-normal text-slate-600">quadrant · {covered} of {q.smfs.length} functions covered</span>
      </h2>
      <p className="mof-screen mt-1 text-sm text-slate-700">{q.about}</p>
      <div className="mof-smfs mt-3 space-y-3">
        {q.smfs.map((smf) => (
          <Smf key={smf.code} smf={smf} windowDays={windowDays} />
        ))}
      </div>
    </section>
  );
}

export function MofMapView({ map, windowText }: { map: MofMap; windowText: string }) {
  return (
    <>
      <p className="mof-print hidden">
        Completion: runs due {windowText} that were done (skipped and suppressed runs left out); “exc.”: done with exceptions (failures or required N/A), not clean.
      </p>
      <div className="mof-quadrants grid gap-5 lg:grid-cols-2">
        {map.quadrants.map((q) => (
          <Quadrant key={q.code} q={q} windowDays={map.windowDays} />
        ))}
      </div>
      <section id="reviews" aria-labelledby="reviews-heading" className={`mof-reviews ${cardClass} scroll-mt-4 p-5`}>
        <h2 id="reviews-heading" className="text-lg font-semibold">
          Management reviews
        </h2>
        <p className="mof-screen mt-1 text-sm text-slate-700">
          MOF 3.0 puts a management review at each turn of the circle, where the work of one quadrant hands over to the next. A review is a meeting where managers decide; it is not a Service Management Function, so procedures that serve one keep their own SMF above.
        </p>
        <ul className="mof-review-list mt-3 grid gap-4 md:grid-cols-2">
          {map.reviews.map((r) => (
            <li key={r.code} id={`review-${r.code}`} className="mof-review scroll-mt-4">
              <h3 className="font-semibold">
                {r.label} <span className="text-xs font-normal text-slate-600">({r.from} → {r.to})</span>
              </h3>
              <p className="mof-screen mt-0.5 text-sm text-slate-700">{r.about}</p>
              {r.procedures.length === 0 ? (
                <p className="mt-1 text-sm text-slate-600">No procedure serves this review yet.</p>
              ) : (
                <ul className="mt-1 text-sm" aria-label={`Procedures serving the ${r.label}`}>
                  {r.procedures.map((p) => (
                    <li key={p.slug}>
                      Held as{" "}
                      <Link href={`/procedures/${p.slug}`} className="font-medium text-brand-700 hover:underline">
                        {name(p)}
                      </Link>
                      <span className="mof-screen text-slate-600"> ({p.cadenceLabel.toLowerCase()})</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
