// A number item's recorded values form a series across versions, found by the item's key (the run
// page's trend, reports, the automation API). A series must never mix units: 0.02 seconds and
// 20 milliseconds side by side would read as a thousandfold change. So when a number item's unit
// changes from what that key last recorded, publishing gives it a new key, and its values start a
// new series; the old key's values stay with the old unit. Pure: publish.ts supplies the history.

import type { ChecklistItemContent } from "./schemas";

export interface EarlierNumberItem {
  key: string;
  unit: string | null;
  /** The version the item belongs to; the latest use of a key decides its unit. */
  versionNumber: number;
}

export interface RenamedKey {
  from: string;
  to: string;
  unit: string;
  previousUnit: string;
}

const KEY_MAX = 60;

/** A unit as part of a key: "%" → "percent", "messages/s" → "messages-s", "°C" → "c". */
export function unitSlug(unit: string): string {
  const slug = unit
    .toLowerCase()
    .replace(/%/g, "percent")
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return slug || "unit";
}

function withSuffix(key: string, suffix: string): string {
  const room = KEY_MAX - suffix.length - 1;
  return `${key.slice(0, room).replace(/-$/, "")}-${suffix}`;
}

/**
 * The items with the keys they are published under, and the keys that changed. A number item keeps
 * its key when that key's latest earlier number item had the same unit (or there was none); it gets
 * `<key>-<unit>` (and -2, -3… if that too is taken by another unit or another item) otherwise.
 */
export function assignSeriesKeys(items: readonly ChecklistItemContent[], earlier: readonly EarlierNumberItem[]): { items: ChecklistItemContent[]; renamed: RenamedKey[] } {
  const latestUnit = new Map<string, { unit: string | null; version: number }>();
  for (const e of earlier) {
    const seen = latestUnit.get(e.key);
    if (!seen || seen.version < e.versionNumber) latestUnit.set(e.key, { unit: e.unit, version: e.versionNumber });
  }
  const taken = new Set(items.map((i) => i.key));
  const renamed: RenamedKey[] = [];
  const fits = (key: string, unit: string) => {
    const last = latestUnit.get(key);
    return !last || last.unit === unit;
  };
  const out = items.map((item) => {
    if (item.kind !== "NUMBER" || !item.unit || fits(item.key, item.unit)) return item;
    const unit = item.unit;
    const base = withSuffix(item.key, unitSlug(unit));
    let key = base;
    for (let n = 2; (taken.has(key) && key !== item.key) || !fits(key, unit); n++) key = withSuffix(base, String(n));
    taken.add(key);
    renamed.push({ from: item.key, to: key, unit, previousUnit: latestUnit.get(item.key)!.unit ?? "" });
    return { ...item, key };
  });
  return { items: out, renamed };
}
