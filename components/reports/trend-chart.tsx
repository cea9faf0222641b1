// Completion and on-time rates over the last twelve periods as paired bars, drawn as SVG on the
// server (no chart script reaches the browser, and it prints). The figures are also a table.
import { completionRate, formatRate, onTimeRate } from "@/lib/reports/figures";
import type { TrendPoint } from "@/lib/reports/queries";

const WIDTH = 720;
const HEIGHT = 230;
const LEFT = 40;
const TOP = 16;
const BOTTOM = 36;
const PLOT_H = HEIGHT - TOP - BOTTOM;

function summary(points: TrendPoint[]): string {
  const withData = points.filter((p) => p.expected > 0);
  if (withData.length === 0) return "No runs were due in the last twelve periods.";
  const first = withData[0]!;
  const last = withData.at(-1)!;
  const lowest = withData.reduce((a, b) => (completionRate(b)! < completionRate(a)! ? b : a));
  return `Completion rate ${formatRate(completionRate(first))} in ${first.period.label}, ${formatRate(completionRate(last))} in ${last.period.label}; lowest ${formatRate(completionRate(lowest))} in ${lowest.period.label}.`;
}

export function TrendChart({ points }: { points: TrendPoint[] }) {
  const slot = (WIDTH - LEFT - 8) / points.length;
  const bar = Math.min(18, slot / 3);
  const y = (r: number) => TOP + PLOT_H * (1 - r);
  return (
    <figure aria-labelledby="trend-title" data-testid="trend-chart">
      <figcaption id="trend-title" className="text-sm text-slate-700">{summary(points)}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="mt-2 h-auto w-full max-w-3xl" role="img" aria-label={`Trend chart. ${summary(points)} The table below lists every period.`}>
        {[0, 0.25, 0.5, 0.75, 1].map((r) => (
          <g key={r}>
            <line x1={LEFT} x2={WIDTH - 4} y1={y(r)} y2={y(r)} className="stroke-slate-200" strokeWidth="1" />
            <text x={LEFT - 6} y={y(r) + 4} textAnchor="end" className="fill-slate-500 text-[11px]">
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
                <text x={x} y={y(0) - 6} textAnchor="middle" className="fill-slate-400 text-[10px]">none</text>
              ) : (
                <>
                  <rect x={x - bar - 1} y={y(done)} width={bar} height={PLOT_H * done} rx="2" className="fill-brand-700" />
                  <rect x={x + 1} y={y(onTime ?? 0)} width={bar} height={PLOT_H * (onTime ?? 0)} rx="2" className="fill-sky-300" />
                  <text x={x - bar / 2 - 1} y={y(done) - 4} textAnchor="middle" className="fill-slate-700 text-[10px]">
                    {Math.floor(done * 100 + 1e-9)}
                  </text>
                </>
              )}
              <text x={x} y={HEIGHT - BOTTOM + 16} textAnchor="middle" className="fill-slate-600 text-[11px]">
                {p.period.short}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="mt-1 flex gap-4 text-xs text-slate-700" aria-label="Legend">
        <li className="flex items-center gap-1.5"><span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm bg-brand-700" />Completion rate (number above the bar)</li>
        <li className="flex items-center gap-1.5"><span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm bg-sky-300" />On-time rate</li>
      </ul>
    </figure>
  );
}
