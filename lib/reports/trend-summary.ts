// The sentence above the trend chart (and its text alternative). Pure, so it is tested on its own.
import { completionRate, formatRate } from "./figures";
import type { TrendPoint } from "./queries";

const PLURAL = { week: "weeks", month: "months", quarter: "quarters", custom: "months" } as const;

/**
 * One sentence on the trend that names each period once: a single period with runs due is said to
 * be the only one, equal rates are said to be equal, and the lowest is named apart only when it is
 * neither the first period's rate nor the last's.
 */
export function trendSummary(points: TrendPoint[]): string {
  const withData = points.filter((p) => p.expected > 0);
  const kind = PLURAL[points[0]?.period.kind ?? "month"];
  if (withData.length === 0) return `No runs were due in the last ${points.length} ${kind}.`;
  const shown = (p: TrendPoint) => formatRate(completionRate(p));
  const at = (p: TrendPoint) => `${shown(p)} in ${p.period.label}`;
  const first = withData[0]!;
  const last = withData.at(-1)!;
  if (withData.length === 1) return `Completion rate ${at(first)}, the only one of the last ${points.length} ${kind} with runs due.`;
  if (withData.every((p) => shown(p) === shown(first))) {
    return `Completion rate ${shown(first)} in each of the ${withData.length} ${kind} with runs due, ${first.period.label} to ${last.period.label}.`;
  }
  const lowest = withData.reduce((a, b) => (completionRate(b)! < completionRate(a)! ? b : a));
  const mark = (p: TrendPoint) => (shown(p) === shown(lowest) ? " (the lowest)" : "");
  if (mark(first) || mark(last)) return `Completion rate ${at(first)}${mark(first)}, ${at(last)}${mark(last)}.`;
  return `Completion rate ${at(first)}, ${at(last)}; lowest ${at(lowest)}.`;
}
