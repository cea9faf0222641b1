// Today's filters, as the URL carries them: server, Exchange role, cadence, assignee and state.
// Pure: parsed here, matched here against rows already fetched (Today reads its runs in one
// statement and filters in memory, so a filter costs no query). A value the page cannot use is
// dropped with a notice saying so, never an error page.
import type { Role } from "@/lib/auth/roles";
import { firstValues, type SearchParams } from "@/lib/filters";
import { CADENCES, EXCHANGE_ROLES, type Cadence, type ExchangeRole } from "@/lib/procedures/vocabulary";
import type { RunState } from "@/lib/scheduling/run-state";
import { bucketOf, exceptionsOf, type ExceptionCounts, type RunBucket } from "./run-summary";

/** The state filter: a bucket of run-summary.ts, or the done runs that carry exceptions. */
export const TODAY_STATE_FILTERS = ["open", "late", "missed", "done", "exceptions", "upcoming", "skipped"] as const satisfies readonly (RunBucket | "exceptions")[];
export type TodayStateFilter = (typeof TODAY_STATE_FILTERS)[number];

export const TODAY_STATE_FILTER_LABELS: Record<TodayStateFilter, string> = {
  open: "Open (not yet due)",
  late: "Late",
  missed: "Missed",
  done: "Done",
  exceptions: "Done with exceptions",
  upcoming: "Upcoming",
  skipped: "Skipped or suppressed",
};

/**
 * Whose runs: "mine" (assigned to me, or to my role and nobody in particular: the default, as
 * before), "me" (to me by name), "role" (to my role), "all", or the id of a named person.
 */
export const ASSIGNEE_KEYWORDS = ["mine", "me", "role", "all"] as const;
export type AssigneeKeyword = (typeof ASSIGNEE_KEYWORDS)[number];

/** The server filter's value for runs that belong to no server. */
export const ORGANISATION_WIDE = "-";

export interface TodayFilter {
  /** A server's name (upper case, as stored), or ORGANISATION_WIDE. */
  server?: string;
  role?: ExchangeRole;
  cadence?: Cadence;
  assignee: AssigneeKeyword | { person: string };
  state?: TodayStateFilter;
}

export const DEFAULT_TODAY_FILTER: TodayFilter = { assignee: "mine" };

const SERVER_NAME = /^[A-Za-z0-9.-]{1,64}$/;
const PERSON_ID = /^[A-Za-z0-9_-]{1,64}$/;
const FIELD_LABELS = { server: "server", role: "Exchange role", cadence: "cadence", assignee: "assignee", state: "state", scope: "scope" } as const;

/** What a notice may repeat of a value from the URL: short, printable. */
function shown(value: string): string {
  const printable = value.replace(/[\u0000-\u001f\u007f]/g, "");
  return printable.length > 40 ? `${printable.slice(0, 40)}…` : printable;
}

export function unknownValueNotice(field: keyof typeof FIELD_LABELS, value: string): string {
  return `Unknown ${FIELD_LABELS[field]} "${shown(value)}" was ignored.`;
}

function oneOf<T extends string>(values: readonly T[], raw: string): T | undefined {
  const upper = raw.toUpperCase();
  return values.find((v) => v === raw || v === upper || v.toLowerCase() === raw.toLowerCase());
}

/**
 * Today's filter from the query string, with a notice for each value dropped. The old ?scope=mine
 * and ?scope=all still work: they set the assignee when the URL names none. An assignee present
 * but empty is the form's "Everyone".
 */
export function parseTodayFilter(params: SearchParams): { filter: TodayFilter; notices: string[] } {
  const raw = firstValues(params, ["server", "role", "cadence", "assignee", "state", "scope"]);
  const notices: string[] = [];
  const filter: TodayFilter = { assignee: "mine" };
  const given = (key: keyof typeof raw) => {
    const v = raw[key]?.trim();
    return v === undefined || v === "" ? undefined : v;
  };

  const server = given("server");
  if (server !== undefined) {
    if (server === ORGANISATION_WIDE) filter.server = ORGANISATION_WIDE;
    else if (SERVER_NAME.test(server)) filter.server = server.toUpperCase();
    else notices.push(unknownValueNotice("server", server));
  }
  const role = given("role");
  if (role !== undefined) {
    const r = oneOf(EXCHANGE_ROLES, role);
    if (r) filter.role = r;
    else notices.push(unknownValueNotice("role", role));
  }
  const cadence = given("cadence");
  if (cadence !== undefined) {
    const c = oneOf(CADENCES, cadence);
    if (c) filter.cadence = c;
    else notices.push(unknownValueNotice("cadence", cadence));
  }
  const state = given("state");
  if (state !== undefined) {
    const s = oneOf(TODAY_STATE_FILTERS, state);
    if (s) filter.state = s;
    else notices.push(unknownValueNotice("state", state));
  }

  const scope = given("scope");
  let scoped: AssigneeKeyword | undefined;
  if (scope !== undefined) {
    if (scope === "mine" || scope === "all") scoped = scope;
    else notices.push(unknownValueNotice("scope", scope));
  }
  const assignee = given("assignee");
  if (assignee !== undefined) {
    const keyword = oneOf(ASSIGNEE_KEYWORDS, assignee);
    if (keyword) filter.assignee = keyword;
    else if (PERSON_ID.test(assignee)) filter.assignee = { person: assignee };
    else {
      notices.push(unknownValueNotice("assignee", assignee));
      if (scoped) filter.assignee = scoped;
    }
  } else if (raw.assignee !== undefined) {
    filter.assignee = "all";
  } else if (scoped) {
    filter.assignee = scoped;
  }
  return { filter, notices };
}

/** The filter as a query string (defaults left out), for links that keep it. */
export function todayQuery(filter: TodayFilter, change: Partial<TodayFilter> = {}): string {
  const f = { ...filter, ...change };
  const q = new URLSearchParams();
  if (f.server) q.set("server", f.server);
  if (f.role) q.set("role", f.role);
  if (f.cadence) q.set("cadence", f.cadence);
  if (typeof f.assignee === "object") q.set("assignee", f.assignee.person);
  else if (f.assignee !== "mine") q.set("assignee", f.assignee);
  if (f.state) q.set("state", f.state);
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** Whether the filter differs from what /today shows without one. */
export function isFiltered(filter: TodayFilter): boolean {
  return Boolean(filter.server || filter.role || filter.cadence || filter.state || filter.assignee !== "mine");
}

/** What a row must carry to be matched. */
export interface FilterableRun extends ExceptionCounts {
  state: RunState;
  cadence: Cadence;
  serverName: string | null;
  /** The server's Exchange roles; for a run with no server, the roles its procedure is about. */
  roles: readonly string[];
  assigneeUserId: string | null;
  assigneeRole: string | null;
}

export function matchesTodayFilter(run: FilterableRun, filter: TodayFilter, user: { id: string; role: Role }): boolean {
  if (filter.server !== undefined && (run.serverName ?? ORGANISATION_WIDE) !== filter.server) return false;
  if (filter.role !== undefined && !run.roles.includes(filter.role)) return false;
  if (filter.cadence !== undefined && run.cadence !== filter.cadence) return false;
  if (!matchesAssignee(run, filter.assignee, user)) return false;
  if (filter.state !== undefined) {
    if (filter.state === "exceptions") {
      if (bucketOf(run.state) !== "done") return false;
      const kinds = exceptionsOf(run);
      if (!kinds.failures && !kinds.na) return false;
    } else if (bucketOf(run.state) !== filter.state) return false;
  }
  return true;
}

function matchesAssignee(run: FilterableRun, assignee: TodayFilter["assignee"], user: { id: string; role: Role }): boolean {
  const toMe = run.assigneeUserId === user.id;
  const toMyRole = run.assigneeUserId === null && run.assigneeRole === user.role;
  if (typeof assignee === "object") return run.assigneeUserId === assignee.person;
  switch (assignee) {
    case "mine":
      return toMe || toMyRole;
    case "me":
      return toMe;
    case "role":
      return toMyRole;
    case "all":
      return true;
  }
}
