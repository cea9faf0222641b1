// Completion and on-time rates over the last twelve periods as paired bars, drawn as SVG on the
// server (no chart script reaches the browser, and it prints). The figures are also a table.
import { completionRate, onTimeRate } from "@/lib/reports/figures";
import type { TrendPoint } from "@/lib/reports/queries";
import { trendSummary } from "@/lib/reports/trend-summary";

// The drawing scales to its box: 600 units wide with text of 13 units, so its labels read at about
// 16 px in the report's full width. Below 480 px (a phone) it keeps that width and scrolls sideways
// inside its card rather than shrinking its text to a few pixels.
const WIDTH = 600;
const HEIGHT = 250;
const LEFT = 44;
const TOP = 20;
const BOTTOM = 36;
const PLOT_H = HEIGHT - TOP - BOTTOM;

export function TrendChart({ points }: { points: TrendPoint[] }) {
  const slot = (WIDTH - LEFT - 8) / points.length;
  const bar = Math.min(16, slot / 3);
  const y = (r: number) => TOP + PLOT_H * (1 - r);
  const summary = trendSummary(points);
  return (
    <figure aria-labelledby="trend-title" data-testid="trend-chart">
      <figcaption id="trend-title" className="text-sm text-slate-700">{summary}</figcaption>
      {/* Focusable, so that keyboard users can scroll it where it is wider than the screen. */}
      <div className="mt-2 max-w-3xl overflow-x-auto" tabIndex={0} role="group" aria-label="Trend chart">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full min-w-[30rem]" role="img" aria-label={`Trend chart. ${summary} The table below lists every period.`}>
          {[0, 0.25, 0.5, 0.75, 1].map((r) => (
            <g key={r}>
              <line x1={LEFT} x2={WIDTH - 4} y1={y(r)} y2={y(r)} className="stroke-slate-200" strokeWidth="1" />
              <text x={LEFT - 6} y={y(r) + 5} textAnchor="end" className="fill-slate-600 text-[13px]">
                {r * 100}%
              </text>
            </g>
          ))}
          {points.map((p, i) => {
            const x = LEFT + i * slot + slot / 2;
            const done = completionRate(p);
            const onTime = onTimeRate(p);
            return (
              <g key={p.period.from}>
                {done === null ? (
                  <text x={x} y={y(0) - 6} textAnchor="middle" className="fill-slate-500 text-[12px]">none</text>
                ) : (
                  <>
                    <rect x={x - bar - 1} y={y(done)} width={bar} height={PLOT_H * done} rx="2" className="fill-brand-700" />
                    <rect x={x + 1} y={y(onTime ?? 0)} width={bar} height={PLOT_H * (onTime ?? 0)} rx="2" className="fill-sky-300" />
                    <text x={x - bar / 2 - 1} y={y(done) - 5} textAnchor="middle" className="fill-slate-700 text-[13px]">
                      {Math.floor(done * 100 + 1e-9)}
                    </text>
                  </>
                )}
                <text x={x} y={HEIGHT - BOTTOM + 20} textAnchor="middle" className="fill-slate-600 text-[13px]">
                  {p.period.short}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label="Legend">
        <li className="flex items-center gap-1.5"><span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm bg-brand-700" />Completion rate (number above the bar)</li>
        <li className="flex items-center gap-1.5"><span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm bg-sky-300" />On-time rate</li>
      </ul>
    </figure>
  );
}
