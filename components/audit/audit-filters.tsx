// The audit log's filters: which events (everything, or people only) as two links, since it is the
// choice most readers make first, and the narrower filters in the shared filter bar. Everything
// lives in the query string, so a filtered view can be bookmarked and shared.
import Link from "next/link";
import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { buttonClass } from "@/components/ui/styles";
import type { AuditFilter } from "@/lib/audit/filters";
import type { AuditLogView } from "@/lib/audit/queries";

/** The current filter as a query string, without the page cursor and with `who` as given. */
export function auditQuery(filter: AuditFilter, who: "people" | undefined): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (key === "before" || key === "who" || value === undefined) continue;
    query.set(key, String(value));
  }
  if (who) query.set("who", who);
  return query;
}

export function WhoToggle({ filter }: { filter: AuditFilter }) {
  const people = filter.who === "people";
  const everything = auditQuery(filter, undefined).toString();
  const choices = [
    { label: "Everything", href: `/audit${everything ? `?${everything}` : ""}`, current: !people },
    { label: "People only", href: `/audit?${auditQuery(filter, "people")}`, current: people },
  ];
  return (
    <nav aria-label="Which events" className="flex flex-wrap items-center gap-3">
      <ul className="inline-flex overflow-hidden rounded-md border border-slate-300 bg-white text-sm shadow-sm">
        {choices.map((c, i) => (
          <li key={c.label} className={i > 0 ? "border-l border-slate-300" : undefined}>
            <Link
              href={c.href}
              aria-current={c.current ? "page" : undefined}
              className={`block px-4 py-2 font-medium ${c.current ? "bg-brand-700 text-white" : "text-slate-800 hover:bg-slate-50"}`}
            >
              {c.label}
            </Link>
          </li>
        ))}
      </ul>
      <p className="text-sm text-slate-600">
        {people
          ? "Showing what people did. Run generation, the library seed and other automatic events are left out."
          : "Showing every event, including those the portal wrote by itself (run generation, the library seed)."}
      </p>
    </nav>
  );
}

const FIELD_LABEL = "text-xs font-medium text-slate-700";
const FIELD = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900";

/** The filters themselves, in the shared filter bar; the people-only choice rides along hidden. */
export function AuditFilterBar({ filter, options, notices }: { filter: AuditFilter; options: AuditLogView["options"]; notices: string[] }) {
  const people = filter.who === "people";
  const active = Boolean(filter.actor || filter.action || filter.entityType || filter.entityId || filter.from || filter.to);
  const actors = [
    ...options.actors.map((a) => ({ value: a.id, label: a.name })),
    { value: "system:scheduler", label: "Run generation" },
    { value: "system:seed", label: "Library seed" },
    { value: "system:change-verification", label: "Change verification" },
    { value: "cli", label: "Command line" },
  ];
  return (
    <FilterBar label="Filter the audit log" action="/audit" clearHref={people ? "/audit?who=people" : "/audit"} active={active} notices={notices}>
      <FilterSelect label="Actor" name="actor" value={filter.actor ?? ""} options={actors} allLabel="Anyone" />
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-action" className={FIELD_LABEL}>
          Action
        </label>
        <select key={filter.action ?? ""} id="filter-action" name="action" defaultValue={filter.action ?? ""} className={FIELD}>
          <option value="">Any</option>
          {options.actions.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.actions.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <FilterSelect label="Record kind" name="entityType" value={filter.entityType ?? ""} options={options.entityTypes} allLabel="Any" />
      {(["from", "to"] as const).map((name) => (
        <div key={name} className="flex flex-col gap-1">
          <label htmlFor={`filter-${name}`} className={FIELD_LABEL}>
            {name === "from" ? "From" : "To"}
          </label>
          <input key={filter[name] ?? ""} id={`filter-${name}`} name={name} type="date" defaultValue={filter[name] ?? ""} className={FIELD} />
        </div>
      ))}
      {filter.entityId && <input type="hidden" name="entityId" value={filter.entityId} />}
      {people && <input type="hidden" name="who" value="people" />}
    </FilterBar>
  );
}

/** The CSV of what the filters select, raw: stored codes, e-mails and JSON, every column. */
export function ExportLink({ filter }: { filter: AuditFilter }) {
  const query = auditQuery(filter, filter.who === "people" ? "people" : undefined).toString();
  return (
    <a href={`/api/audit/export${query ? `?${query}` : ""}`} className={buttonClass.secondary} download>
      Export CSV
    </a>
  );
}
