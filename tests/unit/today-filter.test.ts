import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFiltered, matchesTodayFilter, parseTodayFilter, todayQuery, type FilterableRun, type TodayFilter } from "@/lib/runs/today-filter";

const operator = { id: "u-omar", role: "OPERATOR" as const };

describe("Today's filter from the URL", () => {
  it("defaults to my runs and my role's, with no notice", () => {
    expect(parseTodayFilter({})).toEqual({ filter: { assignee: "mine" }, notices: [] });
    expect(isFiltered(parseTodayFilter({}).filter)).toBe(false);
  });

  it("reads every filter, in any letter case, server names as stored (upper case)", () => {
    const { filter, notices } = parseTodayFilter({ server: "exmbx02", role: "mailbox", cadence: "daily", assignee: "me", state: "LATE" });
    expect(notices).toEqual([]);
    expect(filter).toEqual({ server: "EXMBX02", role: "MAILBOX", cadence: "DAILY", assignee: "me", state: "late" });
    expect(isFiltered(filter)).toBe(true);
    expect(parseTodayFilter({ server: "-" }).filter.server).toBe("-");
    expect(parseTodayFilter({ state: "exceptions" }).filter.state).toBe("exceptions");
  });

  it("keeps ?scope=mine and ?scope=all working, and an assignee in the URL wins over them", () => {
    expect(parseTodayFilter({ scope: "all" }).filter.assignee).toBe("all");
    expect(parseTodayFilter({ scope: "mine" }).filter.assignee).toBe("mine");
    expect(parseTodayFilter({ scope: "all", assignee: "role" }).filter.assignee).toBe("role");
    // The form's "Everyone" submits an empty assignee.
    expect(parseTodayFilter({ assignee: "" }).filter.assignee).toBe("all");
    expect(parseTodayFilter({ assignee: "ckabc123def456" }).filter.assignee).toEqual({ person: "ckabc123def456" });
  });

  it("drops unknown values with a notice each, keeping the rest", () => {
    const { filter, notices } = parseTodayFilter({ server: "EX FOO<script>", role: "KING", cadence: "HOURLY", state: "sideways", assignee: "a b", scope: "ours", cadence2: "x" });
    expect(filter).toEqual({ assignee: "mine" });
    expect(notices).toEqual([
      'Unknown server "EX FOO<script>" was ignored.',
      'Unknown Exchange role "KING" was ignored.',
      'Unknown cadence "HOURLY" was ignored.',
      'Unknown state "sideways" was ignored.',
      'Unknown scope "ours" was ignored.',
      'Unknown assignee "a b" was ignored.',
    ]);
    // A value is repeated only in part, without control characters.
    const long = parseTodayFilter({ state: `${"x".repeat(100)}\u0000` }).notices[0]!;
    expect(long).toBe(`Unknown state "${"x".repeat(40)}…" was ignored.`);
  });

  it("takes the first of a repeated parameter", () => {
    expect(parseTodayFilter({ cadence: ["WEEKLY", "DAILY"] }).filter.cadence).toBe("WEEKLY");
  });

  it("never throws, whatever the query string holds", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("server", "role", "cadence", "assignee", "state", "scope", "other"), fc.oneof(fc.string(), fc.array(fc.string()))), (params) => {
        const { filter, notices } = parseTodayFilter(params);
        expect(typeof filter.assignee === "string" || typeof filter.assignee.person === "string").toBe(true);
        for (const n of notices) expect(n.length).toBeLessThan(120);
      }),
    );
  });

  it("writes a filter back as a query string, defaults left out, and reads it again the same", () => {
    const filter: TodayFilter = { server: "EXHUB01", role: "HUB_TRANSPORT", cadence: "WEEKLY", assignee: "all", state: "missed" };
    const query = todayQuery(filter);
    expect(query).toBe("?server=EXHUB01&role=HUB_TRANSPORT&cadence=WEEKLY&assignee=all&state=missed");
    expect(parseTodayFilter(Object.fromEntries(new URLSearchParams(query.slice(1))))).toEqual({ filter, notices: [] });
    expect(todayQuery({ assignee: "mine" })).toBe("");
    expect(todayQuery({ assignee: "mine" }, { assignee: "all" })).toBe("?assignee=all");
  });
});

describe("matching a run against Today's filter", () => {
  const run = (patch: Partial<FilterableRun> = {}): FilterableRun => ({
    state: "DUE",
    cadence: "DAILY",
    serverName: "EXMBX01",
    roles: ["MAILBOX"],
    assigneeUserId: null,
    assigneeRole: "OPERATOR",
    hasExceptions: false,
    failedItems: 0,
    naItems: 0,
    ...patch,
  });
  const all: TodayFilter = { assignee: "all" };

  it("matches by server (organisation-wide as '-'), Exchange role and cadence", () => {
    expect(matchesTodayFilter(run(), { ...all, server: "EXMBX01" }, operator)).toBe(true);
    expect(matchesTodayFilter(run(), { ...all, server: "EXMBX02" }, operator)).toBe(false);
    expect(matchesTodayFilter(run({ serverName: null }), { ...all, server: "-" }, operator)).toBe(true);
    expect(matchesTodayFilter(run(), { ...all, server: "-" }, operator)).toBe(false);
    expect(matchesTodayFilter(run(), { ...all, role: "MAILBOX" }, operator)).toBe(true);
    expect(matchesTodayFilter(run(), { ...all, role: "CLIENT_ACCESS" }, operator)).toBe(false);
    expect(matchesTodayFilter(run(), { ...all, cadence: "DAILY" }, operator)).toBe(true);
    expect(matchesTodayFilter(run({ cadence: "AS_NEEDED" }), { ...all, cadence: "DAILY" }, operator)).toBe(false);
  });

  it("matches by assignee: mine is me or my role with nobody named; a named person only theirs", () => {
    const toMe = run({ assigneeUserId: operator.id, assigneeRole: null });
    const toRole = run();
    const toColleague = run({ assigneeUserId: "u-cleo", assigneeRole: "OPERATOR" });
    const toManagers = run({ assigneeRole: "MANAGER" });
    const pick = (assignee: TodayFilter["assignee"]) => [toMe, toRole, toColleague, toManagers].map((r) => matchesTodayFilter(r, { assignee }, operator));
    expect(pick("mine")).toEqual([true, true, false, false]);
    expect(pick("me")).toEqual([true, false, false, false]);
    expect(pick("role")).toEqual([false, true, false, false]);
    expect(pick("all")).toEqual([true, true, true, true]);
    expect(pick({ person: "u-cleo" })).toEqual([false, false, true, false]);
  });

  it("matches by state bucket, and 'exceptions' takes done runs with either kind", () => {
    expect(matchesTodayFilter(run({ state: "DUE" }), { ...all, state: "open" }, operator)).toBe(true);
    expect(matchesTodayFilter(run({ state: "LATE" }), { ...all, state: "open" }, operator)).toBe(false);
    expect(matchesTodayFilter(run({ state: "COMPLETED_LATE" }), { ...all, state: "done" }, operator)).toBe(true);
    expect(matchesTodayFilter(run({ state: "SUPPRESSED" }), { ...all, state: "skipped" }, operator)).toBe(true);
    const na = run({ state: "COMPLETED_WITH_EXCEPTIONS", hasExceptions: true, naItems: 2 });
    expect(matchesTodayFilter(na, { ...all, state: "exceptions" }, operator)).toBe(true);
    expect(matchesTodayFilter(na, { ...all, state: "done" }, operator)).toBe(true);
    expect(matchesTodayFilter(run({ state: "COMPLETED" }), { ...all, state: "exceptions" }, operator)).toBe(false);
  });
});
