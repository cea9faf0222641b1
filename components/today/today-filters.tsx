// Today's filters in the URL (a GET form, no script): server, Exchange role, cadence, assignee and
// state. The choices of server and person are those on today's list.
import { FilterBar, FilterSelect } from "@/components/ui/filter-bar";
import { CADENCES, CADENCE_LABELS, EXCHANGE_ROLES, EXCHANGE_ROLE_LABELS } from "@/lib/procedures/vocabulary";
import { isFiltered, TODAY_STATE_FILTERS, TODAY_STATE_FILTER_LABELS, type TodayFilter } from "@/lib/runs/today-filter";
import type { TodayView } from "@/lib/runs/today";

export function TodayFilters({ filter, options, notices }: { filter: TodayFilter; options: TodayView["options"]; notices: string[] }) {
  // "" is the select's "Everyone"; the default, with no assignee in the URL, is "mine".
  const assignee = typeof filter.assignee === "object" ? filter.assignee.person : filter.assignee === "all" ? "" : filter.assignee;
  return (
    <FilterBar label="Filter today's runs" action="/today" clearHref="/today" active={isFiltered(filter)} notices={notices}>
      <FilterSelect label="Server" name="server" value={filter.server ?? ""} options={options.servers} />
      <FilterSelect label="Exchange role" name="role" value={filter.role ?? ""} options={EXCHANGE_ROLES.map((r) => ({ value: r, label: EXCHANGE_ROLE_LABELS[r] }))} />
      <FilterSelect label="Cadence" name="cadence" value={filter.cadence ?? ""} options={CADENCES.map((c) => ({ value: c, label: CADENCE_LABELS[c] }))} />
      <FilterSelect
        label="Assigned to"
        name="assignee"
        value={assignee}
        allLabel="Everyone"
        options={[
          { value: "mine", label: `Mine (me or ${options.myRole})` },
          { value: "me", label: "Me by name" },
          { value: "role", label: `${options.myRole}, nobody in particular` },
          ...options.people,
        ]}
      />
      <FilterSelect label="State" name="state" value={filter.state ?? ""} options={TODAY_STATE_FILTERS.map((s) => ({ value: s, label: TODAY_STATE_FILTER_LABELS[s] }))} />
    </FilterBar>
  );
}
