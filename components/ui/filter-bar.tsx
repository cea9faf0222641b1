// Filters that live in the URL: a GET form, so a filtered view can be bookmarked and shared, with
// "Apply" and a link that clears every filter. Values the page could not use are listed, not
// silently dropped ("Unknown server 'EXFOO' was ignored.").
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/styles";
import { Alert } from "@/components/ui/alert";

export function FilterBar({
  label,
  action,
  clearHref,
  active,
  notices = [],
  children,
}: {
  /** Names the form for assistive technology, e.g. "Filter runs". */
  label: string;
  action: string;
  clearHref: string;
  /** Whether any filter is set (shows the clear link). */
  active: boolean;
  notices?: string[];
  children: ReactNode;
}) {
  return (
    <div className="space-y-2">
      <form method="get" action={action} aria-label={label} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
        {children}
        <div className="flex items-center gap-3">
          <button type="submit" className={buttonClass.secondary}>
            Apply
          </button>
          {active && (
            <Link href={clearHref} className="text-sm text-brand-700 underline">
              Clear filters
            </Link>
          )}
        </div>
      </form>
      {notices.length > 0 && (
        <Alert tone="warning">
          {notices.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </Alert>
      )}
    </div>
  );
}

/** A compact select inside a filter bar; "" means no filter. */
export function FilterSelect({ label, name, value, options, allLabel = "All" }: { label: string; name: string; value: string; options: readonly { value: string; label: string }[]; allLabel?: string }) {
  const id = `filter-${name}`;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-700">
        {label}
      </label>
      <select key={value} id={id} name={name} defaultValue={value} className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900">
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
