// The header search: one box that finds procedures, runs, incidents and changes. Each section is
// searched only when the signed-in user's role may read that kind of record (a viewer gets
// procedures only), so a hidden section costs no query and leaks no title.
import "server-only";
import { can, type Permission } from "@/lib/auth/policy";
import type { CurrentUser } from "@/lib/auth/session";
import { changeRef, parseChangeRef } from "@/lib/changes/naming";
import type { ChangeStatus } from "@/lib/changes/workflow";
import { db } from "@/lib/db";
import { incidentRef, parseIncidentRef } from "@/lib/incidents/naming";
import type { IncidentStatus, Severity } from "@/lib/incidents/workflow";
import { searchProcedures } from "@/lib/procedures/search";
import { runState, type RunState } from "@/lib/scheduling/run-state";
import { readTimeZone } from "@/lib/settings/organisation";
import { containsPattern, LIKE_ESCAPE_SQL } from "@/lib/sql";
import { parseSearchRequest, type SearchRequest } from "./schemas";

/** How many hits each section shows; one more is read to know whether there are others. */
export const SEARCH_LIMITS = { procedures: 10, runs: 15, incidents: 10, changes: 10 } as const;
export type SearchScope = keyof typeof SEARCH_LIMITS;

const SCOPE_PERMISSIONS: Record<SearchScope, Permission> = {
  procedures: "procedure:read",
  runs: "run:read",
  incidents: "incident:read",
  changes: "change:read",
};

export interface SearchSection<T> {
  hits: T[];
  /** More records match than the section shows. */
  more: boolean;
}

export interface ProcedureHit {
  slug: string;
  code: string | null;
  title: string;
  /** Matched words marked with [[ ]] (see components/procedures/snippet.tsx). */
  snippet: string;
}

export interface RunHit {
  id: string;
  title: string;
  serverName: string | null;
  localDate: string;
  state: RunState;
}

export interface IncidentHit {
  id: number;
  ref: string;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  openedAt: Date;
}

export interface ChangeHit {
  id: number;
  ref: string;
  title: string;
  status: ChangeStatus;
  plannedStart: Date;
}

export interface SearchPage {
  request: SearchRequest;
  /** The sections this user's role may search, in the order the page shows them. */
  scopes: SearchScope[];
  timeZone: string;
  procedures?: SearchSection<ProcedureHit>;
  runs?: SearchSection<RunHit>;
  incidents?: SearchSection<IncidentHit>;
  changes?: SearchSection<ChangeHit>;
}

/** Searches everything `user` may read for the ?q= value `raw`; refuses empty or oversized text without a query. */
export async function searchPortal(user: Pick<CurrentUser, "role">, raw: unknown, now = new Date()): Promise<SearchPage> {
  const request = parseSearchRequest(raw);
  const scopes = (Object.keys(SCOPE_PERMISSIONS) as SearchScope[]).filter((s) => can(user.role, SCOPE_PERMISSIONS[s]));
  if (request.kind !== "search") return { request, scopes, timeZone: "UTC" };
  const allowed = (scope: SearchScope) => scopes.includes(scope);
  const [timeZone, procedures, runs, incidents, changes] = await Promise.all([
    readTimeZone(db),
    allowed("procedures") ? findProcedures(request.text) : undefined,
    allowed("runs") ? findRuns(request.words, now) : undefined,
    allowed("incidents") ? findIncidents(request.text, request.words) : undefined,
    allowed("changes") ? findChanges(request.text, request.words) : undefined,
  ]);
  return { request, scopes, timeZone, procedures, runs, incidents, changes };
}

function section<T>(rows: T[], limit: number): SearchSection<T> {
  return { hits: rows.slice(0, limit), more: rows.length > limit };
}

/** Every word must appear in one of `columns`: "(a LIKE ? OR b LIKE ?) AND (...)", and its parameters. */
function everyWordIn(columns: string[], words: string[]): { sql: string; params: string[] } {
  const clause = `(${columns.map((c) => `${c} LIKE ? ${LIKE_ESCAPE_SQL}`).join(" OR ")})`;
  return {
    sql: words.map(() => clause).join(" AND "),
    params: words.flatMap((w) => columns.map(() => containsPattern(w))),
  };
}

// Procedures: the library's full-text index (ranked, with a snippet), as on the Procedures page.
async function findProcedures(text: string): Promise<SearchSection<ProcedureHit>> {
  const limit = SEARCH_LIMITS.procedures;
  const ranked = (await searchProcedures(db, text)).slice(0, limit + 1);
  const rows = await db.procedure.findMany({
    where: { id: { in: ranked.map((h) => h.procedureId) }, archivedAt: null },
    select: { id: true, slug: true, seedCode: true, currentVersion: { select: { title: true } } },
  });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const hits = ranked.flatMap((hit) => {
    const row = byId.get(hit.procedureId);
    return row?.currentVersion ? [{ slug: row.slug, code: row.seedCode, title: row.currentVersion.title, snippet: hit.snippet }] : [];
  });
  return section(hits, limit);
}

interface RunRow {
  id: string;
  title: string;
  serverName: string | null;
  localDate: string;
  opensAt: string;
  dueAt: string;
  graceEndsAt: string;
  completedAt: string | null;
  hasExceptions: number | bigint | boolean;
  skippedAt: string | null;
  suppressed: number | bigint | boolean;
}

// Runs: by procedure title and server name, every word in one or the other ("disk EXMBX01"); only
// runs already open, latest first, since runs are planned weeks ahead and those would crowd out
// the ones an operator is looking for.
async function findRuns(words: string[], now: Date): Promise<SearchSection<RunHit>> {
  const limit = SEARCH_LIMITS.runs;
  const match = everyWordIn([`v."title"`, `srv."name"`], words);
  const rows = await db.$queryRawUnsafe<RunRow[]>(
    `SELECT run."id" AS "id", v."title" AS "title", srv."name" AS "serverName", run."localDate" AS "localDate",
            run."opensAt" AS "opensAt", run."dueAt" AS "dueAt", run."graceEndsAt" AS "graceEndsAt",
            run."completedAt" AS "completedAt", run."hasExceptions" AS "hasExceptions",
            run."skippedAt" AS "skippedAt", run."suppressed" AS "suppressed"
     FROM "Run" run
     JOIN "ProcedureVersion" v ON v."id" = run."versionId"
     LEFT JOIN "Server" srv ON srv."id" = run."serverId"
     WHERE julianday(run."opensAt") <= julianday(?) AND ${match.sql}
     ORDER BY julianday(run."opensAt") DESC, v."title", srv."name", run."id"
     LIMIT ?`,
    now.toISOString(),
    ...match.params,
    limit + 1,
  );
  const hits = rows.map((r) => ({
    id: r.id,
    title: r.title,
    serverName: r.serverName,
    localDate: r.localDate,
    state: runState(
      {
        opensAt: new Date(r.opensAt),
        dueAt: new Date(r.dueAt),
        graceEndsAt: new Date(r.graceEndsAt),
        completedAt: r.completedAt === null ? null : new Date(r.completedAt),
        hasExceptions: Boolean(r.hasExceptions),
        skippedAt: r.skippedAt === null ? null : new Date(r.skippedAt),
        suppressed: Boolean(r.suppressed),
      },
      now,
    ),
  }));
  return section(hits, limit);
}

// Incidents and changes: by their number ("INC-12", "CHG-12", "#12" or "12"), which comes first,
// or by every word in the title; newest first.
async function findIncidents(text: string, words: string[]): Promise<SearchSection<IncidentHit>> {
  const limit = SEARCH_LIMITS.incidents;
  const id = parseIncidentRef(text);
  const match = everyWordIn([`i."title"`], words);
  const rows = await db.$queryRawUnsafe<{ id: number | bigint; title: string; status: string; severity: number | bigint; openedAt: string }[]>(
    `SELECT i."id" AS "id", i."title" AS "title", i."status" AS "status", i."severity" AS "severity", i."openedAt" AS "openedAt"
     FROM "Incident" i
     WHERE i."id" = ? OR (${match.sql})
     ORDER BY i."id" = ? DESC, julianday(i."openedAt") DESC, i."id" DESC
     LIMIT ?`,
    id,
    ...match.params,
    id,
    limit + 1,
  );
  const hits = rows.map((r) => ({
    id: Number(r.id),
    ref: incidentRef(Number(r.id)),
    title: r.title,
    status: r.status as IncidentStatus,
    severity: Number(r.severity) as Severity,
    openedAt: new Date(r.openedAt),
  }));
  return section(hits, limit);
}

async function findChanges(text: string, words: string[]): Promise<SearchSection<ChangeHit>> {
  const limit = SEARCH_LIMITS.changes;
  const id = parseChangeRef(text);
  const match = everyWordIn([`c."title"`], words);
  const rows = await db.$queryRawUnsafe<{ id: number | bigint; title: string; status: string; plannedStart: string }[]>(
    `SELECT c."id" AS "id", c."title" AS "title", c."status" AS "status", c."plannedStart" AS "plannedStart"
     FROM "Change" c
     WHERE c."id" = ? OR (${match.sql})
     ORDER BY c."id" = ? DESC, c."id" DESC
     LIMIT ?`,
    id,
    ...match.params,
    id,
    limit + 1,
  );
  const hits = rows.map((r) => ({
    id: Number(r.id),
    ref: changeRef(Number(r.id)),
    title: r.title,
    status: r.status as ChangeStatus,
    plannedStart: new Date(r.plannedStart),
  }));
  return section(hits, limit);
}
