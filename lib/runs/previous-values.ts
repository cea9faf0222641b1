// Earlier values of a run's number items (lib/sql PREVIOUS_VALUES_SQL reads them): shaped per item
// key, marked against the item's current range, and drawn as a small trend. Pure, so the run page
// renders the trend on the server and the rules are unit-tested on their own.

/**
 * How many values the trend shows, and how many earlier runs (that took results) are read to find
 * them: two to spare for an optional item left blank or a value corrected to N/A. Reading costs
 * grow with the runs read, not with the history.
 */
export const TREND_LENGTH = 10;
export const PRIOR_RUNS = 12;

/** A row of PREVIOUS_VALUES_SQL: newest first within each key. */
export interface PreviousValueRow {
  key: string;
  value: number | bigint | null;
  localDate: string;
  runId: string;
}

export interface NumberLimits {
  min: number | null;
  max: number | null;
}

export interface PreviousPoint {
  value: number;
  localDate: string;
  runId: string;
  /** Outside the item's current range (not the range of the version it was recorded against). */
  outOfRange: boolean;
}

export interface PreviousValues {
  /** The most recent earlier value. */
  last: PreviousPoint;
  /** Up to TREND_LENGTH values, oldest first (the order a trend is read in). */
  points: PreviousPoint[];
  outOfRange: number;
}

export function isOutOfRange(value: number, limits: NumberLimits): boolean {
  return (limits.max !== null && value > limits.max) || (limits.min !== null && value < limits.min);
}

/**
 * The earlier values of each number item of a run, by item key. Items are the run's current ones:
 * their range decides what is out of range. Keys with no earlier value are absent.
 */
export function previousValuesByKey(rows: readonly PreviousValueRow[], items: readonly ({ key: string; kind: string } & NumberLimits)[], length = TREND_LENGTH): Map<string, PreviousValues> {
  const limits = new Map(items.filter((i) => i.kind === "NUMBER").map((i) => [i.key, i]));
  const newestFirst = new Map<string, PreviousPoint[]>();
  for (const row of rows) {
    const item = limits.get(row.key);
    if (!item || row.value === null) continue;
    const value = Number(row.value);
    if (!Number.isFinite(value)) continue;
    const list = newestFirst.get(row.key) ?? [];
    if (list.length >= length) continue;
    list.push({ value, localDate: row.localDate, runId: row.runId, outOfRange: isOutOfRange(value, item) });
    newestFirst.set(row.key, list);
  }
  const out = new Map<string, PreviousValues>();
  for (const [key, list] of newestFirst) {
    out.set(key, { last: list[0]!, points: [...list].reverse(), outOfRange: list.filter((p) => p.outOfRange).length });
  }
  return out;
}

export interface Sparkline {
  width: number;
  height: number;
  /** The polyline's points attribute. */
  line: string;
  dots: { x: number; y: number; outOfRange: boolean }[];
  /** Horizontal lines for the limits that fall inside the drawn span. */
  limits: { y: number; kind: "min" | "max" }[];
}

/**
 * The geometry of a small trend: values left to right (oldest first), scaled to the span of the
 * values (a limit is drawn only when it lies inside that span, so one far-off limit never flattens
 * the line); a flat series is drawn across the middle.
 */
export function sparkline(values: readonly number[], limits: NumberLimits, width = 84, height = 22, pad = 3): Sparkline {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo;
  const x = (i: number) => (values.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) => (span === 0 ? height / 2 : pad + ((hi - v) * (height - 2 * pad)) / span);
  const round = (n: number) => Math.round(n * 10) / 10;
  const dots = values.map((v, i) => ({ x: round(x(i)), y: round(y(v)), outOfRange: isOutOfRange(v, limits) }));
  const drawn: Sparkline["limits"] = [];
  if (span > 0) {
    if (limits.max !== null && limits.max > lo && limits.max < hi) drawn.push({ y: round(y(limits.max)), kind: "max" });
    if (limits.min !== null && limits.min > lo && limits.min < hi) drawn.push({ y: round(y(limits.min)), kind: "min" });
  }
  return { width, height, line: dots.map((d) => `${d.x},${d.y}`).join(" "), dots, limits: drawn };
}
