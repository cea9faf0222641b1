// Earlier values of a number item beside it: the last one, and a small trend of up to ten, drawn
// on the server as inline SVG (no chart library, no JavaScript). Values outside the item's current
// range are marked in words as well as in colour.
import { quantity } from "@/components/runs/quantity";
import { sparkline, TREND_LENGTH, type NumberLimits, type PreviousValues } from "@/lib/runs/previous-values";
import { dateFormatter } from "@/lib/time/format";

const dayMonth = (localDate: string) => dateFormatter("UTC", { day: "numeric", month: "short" }).format(new Date(`${localDate}T12:00:00Z`));

export function PreviousValuesLine({ previous, unit, limits }: { previous: PreviousValues; unit: string | null; limits: NumberLimits }) {
  const { last, points, outOfRange } = previous;
  const values = points.map((p) => p.value);
  const shape = sparkline(values, limits);
  return (
    <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-slate-600" data-testid="previous-values">
      <span>
        Last time:{" "}
        <span className={last.outOfRange ? "font-medium text-red-800" : "font-medium text-slate-800"}>{quantity(last.value, unit)}</span> ({dayMonth(last.localDate)})
        {last.outOfRange && <span className="text-red-800"> outside the range</span>}
      </span>
      {points.length > 1 && (
        <>
          <svg width={shape.width} height={shape.height} viewBox={`0 0 ${shape.width} ${shape.height}`} aria-hidden="true" className="shrink-0 overflow-visible text-slate-500">
            {shape.limits.map((l) => (
              <line key={l.kind} x1={0} x2={shape.width} y1={l.y} y2={l.y} stroke="currentColor" strokeOpacity={0.5} strokeDasharray="2 2" strokeWidth={1} />
            ))}
            <polyline points={shape.line} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
            {shape.dots.map((d, i) =>
              d.outOfRange ? <circle key={i} cx={d.x} cy={d.y} r={2.5} className="fill-red-600" /> : i === shape.dots.length - 1 ? <circle key={i} cx={d.x} cy={d.y} r={2} fill="currentColor" /> : null,
            )}
          </svg>
          <span className="sr-only">
            Last {points.length} values, oldest first: {points.map((p) => `${quantity(p.value, unit)}${p.outOfRange ? " (outside the range)" : ""}`).join(", ")}.
          </span>
          <span>
            {points.length < TREND_LENGTH ? `last ${points.length}` : `last ${TREND_LENGTH}`}
            {outOfRange > 0 ? `, ${outOfRange} outside the range` : ""}
          </span>
        </>
      )}
    </p>
  );
}
