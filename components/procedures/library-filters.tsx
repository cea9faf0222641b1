import Link from "next/link";
import { buttonClass, inputClass, labelClass } from "@/components/ui/styles";
import type { LibraryFilter } from "@/lib/procedures/schemas";
import {
  CADENCES,
  CADENCE_LABELS,
  EXCHANGE_ROLES,
  EXCHANGE_ROLE_LABELS,
  MOF_QUADRANTS,
  MOF_QUADRANT_LABELS,
  MOF_SMFS,
  smfsInQuadrant,
} from "@/lib/procedures/vocabulary";

interface Props {
  filter: LibraryFilter;
  tools: { slug: string; name: string }[];
}

/** A plain GET form: works without JavaScript, and every filtered view has a shareable URL. */
export function LibraryFilters({ filter, tools }: Props) {
  return (
    // Keyed by the filter so that navigating (e.g. "Clear") shows the new values, not the old ones.
    <form key={JSON.stringify(filter)} method="get" action="/procedures" role="search" aria-label="Search and filter procedures" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
      <div className="sm:col-span-2">
        <label htmlFor="q" className={labelClass}>
          Search
        </label>
        <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} placeholder="e.g. queue, backup, Get-Queue" className={inputClass} />
      </div>
      <div>
        <label htmlFor="cadence" className={labelClass}>
          Cadence
        </label>
        <select id="cadence" name="cadence" defaultValue={filter.cadence ?? ""} className={inputClass}>
          <option value="">Any</option>
          {CADENCES.map((c) => (
            <option key={c} value={c}>
              {CADENCE_LABELS[c]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="smf" className={labelClass}>
          MOF function
        </label>
        <select id="smf" name="smf" defaultValue={filter.smf ?? ""} className={inputClass}>
          <option value="">Any</option>
          {MOF_QUADRANTS.map((q) => (
            <optgroup key={q} label={`${MOF_QUADRANT_LABELS[q]} quadrant`}>
              {smfsInQuadrant(q).map((code) => (
                <option key={code} value={code}>
                  {MOF_SMFS[code].label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <Link href={filter.smf ? `/mof#smf-${filter.smf}` : "/mof"} className="mt-1 inline-block text-xs text-brand-700 underline">
          {filter.smf ? `${MOF_SMFS[filter.smf as keyof typeof MOF_SMFS]?.label ?? "This function"} on the MOF map` : "The functions on the MOF map"}
        </Link>
      </div>
      <div>
        <label htmlFor="role" className={labelClass}>
          Exchange role
        </label>
        <select id="role" name="role" defaultValue={filter.role ?? ""} className={inputClass}>
          <option value="">Any</option>
          {EXCHANGE_ROLES.map((r) => (
            <option key={r} value={r}>
              {EXCHANGE_ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="tool" className={labelClass}>
          Tool
        </label>
        <select id="tool" name="tool" defaultValue={filter.tool ?? ""} className={inputClass}>
          <option value="">Any</option>
          {tools.map((t) => (
            <option key={t.slug} value={t.slug}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-6">
        <button type="submit" className={buttonClass.primary}>
          Apply
        </button>
        <Link href="/procedures" className={buttonClass.secondary}>
          Clear
        </Link>
      </div>
    </form>
  );
}
