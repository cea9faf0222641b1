// Everything SQLite-specific at run time lives here: the driver adapter and its connection
// settings, the full-text search SQL and the maintenance statements. A PostgreSQL module with the
// same exports follows later; callers import only from "@/lib/sql".
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from "@prisma/driver-adapter-utils";
import type BetterSqlite3 from "better-sqlite3";
import { Mutex } from "async-mutex";
import { mkdirSync } from "node:fs";
import path from "node:path";

export const BUSY_TIMEOUT_MS = 10_000;

/** Prisma error codes that mean "the database was busy; the same request may succeed later". */
export const BUSY_ERROR_PATTERN = /SQLITE_BUSY|database is locked/i;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === "string" && code.startsWith("SQLITE_BUSY")) || (error instanceof Error && BUSY_ERROR_PATTERN.test(error.message));
}

/** Connection settings applied to every new connection. */
async function configure(db: BetterSqlite3.Database): Promise<void> {
  await switchToWal(db);
  // FULL: a commit acknowledged to a client survives power loss, not only a process crash.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/**
 * Puts the file in WAL mode, waiting up to the busy timeout for other connections.
 *
 * A file in rollback-journal mode (a fresh migration, a restored backup, a copied template) is
 * switched by rewriting its header in a transaction that starts as a read and then becomes a
 * write. If another connection holds the write lock at that moment (typically a second process
 * making the same switch as it opens the file), the upgrade fails with SQLITE_BUSY at once,
 * whatever the busy timeout: SQLite never lets a connection that holds a read lock wait for the
 * write lock, since the writer may be waiting for that read lock to go. The failed statement
 * releases it, the other connection finishes, and the next attempt finds the file in WAL mode or
 * waits in the busy handler like any other statement.
 */
async function switchToWal(db: BetterSqlite3.Database): Promise<void> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/**
 * Wraps Prisma's better-sqlite3 adapter to fix two behaviours that matter for correctness:
 *
 * 1. The adapter shares one connection and only serialises transactions with each other; a query
 *    issued outside a transaction while an interactive transaction awaits would run inside it.
 *    Here every statement outside a transaction waits until no transaction is open.
 * 2. Transactions start with BEGIN IMMEDIATE so that a second process writing the same file waits
 *    on the busy timeout instead of failing half-way with SQLITE_BUSY.
 */
class SerialisedSqliteAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSQLite3;
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
    this.#inner = new PrismaBetterSQLite3({ url: file, timeout: BUSY_TIMEOUT_MS });
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    // The database's folder is made when the first connection opens, not when a module creates
    // the client: the build loads every module and must leave no trace where a database would go.
    mkdirSync(path.dirname(this.#file), { recursive: true });
    return wrap(await this.#inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return wrap(await this.#inner.connectToShadowDb());
  }
}

async function wrap(adapter: SqlDriverAdapter): Promise<SqlDriverAdapter> {
  const client = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
  if (!client || typeof client.prepare !== "function" || typeof client.pragma !== "function") {
    throw new Error("The SQLite driver adapter no longer exposes its connection; lib/sql/sqlite.ts needs updating.");
  }
  try {
    await configure(client);
  } catch (error) {
    // A connection that failed its settings is never handed out; do not leave its file open.
    await adapter.dispose();
    throw error;
  }
  const prepare = client.prepare.bind(client);
  client.prepare = ((sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql)) as typeof client.prepare;

  const gate = new Mutex();
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query: SqlQuery) => gate.runExclusive(() => adapter.queryRaw(query)),
    executeRaw: (query: SqlQuery) => gate.runExclusive(() => adapter.executeRaw(query)),
    executeScript: (script: string) => gate.runExclusive(() => adapter.executeScript(script)),
    async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
      const release = await gate.acquire();
      try {
        const tx = await adapter.startTransaction(isolationLevel);
        return {
          provider: tx.provider,
          adapterName: tx.adapterName,
          options: tx.options,
          queryRaw: (query: SqlQuery) => tx.queryRaw(query),
          executeRaw: (query: SqlQuery) => tx.executeRaw(query),
          async commit() {
            try {
              await tx.commit();
            } finally {
              release();
            }
          },
          async rollback() {
            try {
              await tx.rollback();
            } finally {
              release();
            }
          },
        };
      } catch (error) {
        release();
        throw error;
      }
    },
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
  };
}

export function createAdapter(file: string): SqlMigrationAwareDriverAdapterFactory {
  return new SerialisedSqliteAdapterFactory(file);
}

// ---------------------------------------------------------------------------------------------
// Full-text search over procedures (FTS5 table "ProcedureSearch", created in a migration).

/** Turns free text into an FTS5 query: every word must match, the last one as a prefix. */
export function toFtsQuery(text: string): string | null {
  const words = text
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words
    .map((w, i) => `"${w.replaceAll('"', '""')}"${i === words.length - 1 ? "*" : ""}`)
    .join(" ");
}

/** Column weights for bm25: procedureId (unindexed), title, purpose, body, items. */
export const SEARCH_RANK_SQL = `bm25("ProcedureSearch", 0.0, 20.0, 4.0, 1.0, 2.0)`;

export const SEARCH_SQL = `
  SELECT "procedureId" AS procedureId,
         ${SEARCH_RANK_SQL} AS rank,
         snippet("ProcedureSearch", -1, '[[', ']]', ' … ', 16) AS snippet
  FROM "ProcedureSearch"
  WHERE "ProcedureSearch" MATCH ?
  ORDER BY rank
  LIMIT 200`;

export const SEARCH_DELETE_SQL = `DELETE FROM "ProcedureSearch" WHERE "procedureId" = ?`;
export const SEARCH_INSERT_SQL = `INSERT INTO "ProcedureSearch" ("procedureId", "title", "purpose", "body", "items") VALUES (?, ?, ?, ?, ?)`;
export const SEARCH_COUNT_SQL = `SELECT count(*) AS n FROM "ProcedureSearch"`;

export const INTEGRITY_CHECK_SQL = `PRAGMA integrity_check`;

// ---------------------------------------------------------------------------------------------
// Reports: run states and aggregates computed in the database. Dates are stored as ISO-8601 text;
// julianday() compares them as instants whatever their precision or offset.

/** The state of a run as SQL over the alias "run" and a "clock" row holding now as a Julian day.
 *  Mirrors runState() in lib/scheduling/run-state.ts; an integration test holds them equal. */
const RUN_STATE_SQL = `CASE
    WHEN run."suppressed" THEN 'SUPPRESSED'
    WHEN run."skippedAt" IS NOT NULL THEN 'SKIPPED'
    WHEN run."completedAt" IS NOT NULL THEN CASE
      WHEN run."hasExceptions" THEN 'COMPLETED_WITH_EXCEPTIONS'
      WHEN julianday(run."completedAt") > julianday(run."dueAt") THEN 'COMPLETED_LATE'
      ELSE 'COMPLETED' END
    WHEN clock.now < julianday(run."opensAt") THEN 'UPCOMING'
    WHEN clock.now <= julianday(run."dueAt") THEN 'DUE'
    WHEN clock.now <= julianday(run."graceEndsAt") THEN 'LATE'
    ELSE 'MISSED' END`;

/** Columns a report may group runs by; anything else is refused before SQL is built. */
export const REPORT_GROUP_COLUMNS = {
  day: `run."localDate"`,
  procedure: `run."procedureId"`,
  server: `run."serverId"`,
  cadence: `run."cadence"`,
  operator: `run."completedById"`,
} as const;
export type ReportGrouping = keyof typeof REPORT_GROUP_COLUMNS;

/**
 * Run counts per group for runs whose local date is in [from, to]. Parameters: now (ISO instant),
 * from, to. Every count is an integer; "onTime" counts completed runs finished by their due time.
 *
 * Completed runs fall in exactly one of three kinds (lib/reports/figures.ts): "clean" (no
 * exception), "withFailures" (a current failed item, whatever else) and "withNaOnly" (required
 * items marked N/A with a reason, and no failure). "withExceptions" is the last two together: the
 * COMPLETED_WITH_EXCEPTIONS state. A run that has exceptions but no counts (written by hand, or
 * before the counts existed) is taken as failed, which is what an exception meant then.
 */
export function reportAggregateSql(grouping: ReportGrouping): string {
  if (!Object.hasOwn(REPORT_GROUP_COLUMNS, grouping)) throw new Error(`Unknown report grouping: ${grouping}`);
  return `
  WITH clock AS (SELECT julianday(?) AS now),
  r AS (
    SELECT ${REPORT_GROUP_COLUMNS[grouping]} AS "key",
           ${RUN_STATE_SQL} AS state,
           (run."completedAt" IS NOT NULL AND julianday(run."completedAt") <= julianday(run."dueAt")) AS "finishedByDue",
           (run."naItems" > 0 AND run."failedItems" = 0) AS "naOnly"
    FROM "Run" run CROSS JOIN clock
    WHERE run."localDate" BETWEEN ? AND ?
  )
  SELECT "key",
    SUM(state IN ('COMPLETED', 'COMPLETED_LATE', 'COMPLETED_WITH_EXCEPTIONS', 'LATE', 'MISSED')) AS "expected",
    SUM(state IN ('COMPLETED', 'COMPLETED_LATE', 'COMPLETED_WITH_EXCEPTIONS')) AS "completed",
    SUM(state IN ('COMPLETED', 'COMPLETED_LATE', 'COMPLETED_WITH_EXCEPTIONS') AND "finishedByDue") AS "onTime",
    SUM(state IN ('COMPLETED', 'COMPLETED_LATE')) AS "clean",
    SUM(state = 'COMPLETED_WITH_EXCEPTIONS') AS "withExceptions",
    SUM(state = 'COMPLETED_WITH_EXCEPTIONS' AND NOT "naOnly") AS "withFailures",
    SUM(state = 'COMPLETED_WITH_EXCEPTIONS' AND "naOnly") AS "withNaOnly",
    SUM(state = 'LATE') AS "late",
    SUM(state = 'MISSED') AS "missed",
    SUM(state = 'SKIPPED') AS "skipped",
    SUM(state = 'SUPPRESSED') AS "suppressed",
    SUM(state IN ('UPCOMING', 'DUE')) AS "pending"
  FROM r
  GROUP BY "key"`;
}

/**
 * The MOF map's completion figures: the runs of each procedure due in [since, now), counted by
 * state (RUN_STATE_SQL, as runState() has it) and by whether they hold failed items and required
 * N/A items, in one statement. lib/runs/run-summary.ts summarizePastDueCounts turns the counts into
 * done, missed, clean and exception figures, so the buckets and kinds are defined in one place.
 * Runs are found by their indexed local date first (fromDate, toDate: a day wider than the window
 * on each side, for any zone), then by their due instant. Parameters: now, since (ISO instants),
 * fromDate, toDate.
 */
export const MOF_RUN_COUNTS_SQL = `
  WITH clock AS (SELECT julianday(?) AS now, julianday(?) AS since)
  SELECT run."procedureId" AS "procedureId",
         ${RUN_STATE_SQL} AS "state",
         (run."failedItems" > 0) AS "hasFailures",
         (run."naItems" > 0) AS "hasNa",
         COUNT(*) AS "n"
  FROM "Run" run CROSS JOIN clock
  WHERE run."localDate" BETWEEN ? AND ?
    AND julianday(run."dueAt") >= clock.since AND julianday(run."dueAt") < clock.now
  GROUP BY 1, 2, 3, 4`;

/**
 * The items of runs in [from, to] that are exceptions, by their current result (a correction
 * replaces what it corrects): a failure, or a required item marked N/A. An N/A counts on a run
 * still open, and on a completed run whose stored naItems say so: runs completed before N/A needed
 * a reason keep naItems 0, and their N/As stay what they were then, not exceptions. The item is
 * looked up only for N/A results, which are few beside the passes.
 */
const EXCEPTION_WHERE = `
  WHERE run."localDate" BETWEEN ? AND ?
    AND (res."outcome" = 'FAIL'
      OR (res."outcome" = 'NOT_APPLICABLE' AND (run."completedAt" IS NULL OR run."naItems" > 0)
          AND EXISTS (SELECT 1 FROM "ChecklistItem" req WHERE req."id" = res."itemId" AND req."required")))
    AND NOT EXISTS (SELECT 1 FROM "Result" later WHERE later."supersedesId" = res."id")`;

/**
 * How many items are exceptions on runs in [from, to]: "failed" and "notApplicable" (required
 * items marked N/A). Parameters: from, to.
 */
export const REPORT_EXCEPTION_COUNT_SQL = `
  SELECT COALESCE(SUM(res."outcome" = 'FAIL'), 0) AS "failed",
         COALESCE(SUM(res."outcome" = 'NOT_APPLICABLE'), 0) AS "notApplicable"
  FROM "Run" run
  JOIN "Result" res ON res."runId" = run."id"
  ${EXCEPTION_WHERE}`;

/**
 * Exception items (failures and required N/As, "outcome" telling which) on runs in [from, to],
 * newest run date first, after a keyset cursor. Parameters: from, to, afterDate, afterDate,
 * afterId, limit. A page from the top passes the afterDate "<to>~", which sorts after every date
 * of the range.
 */
export const REPORT_EXCEPTIONS_SQL = `
  SELECT res."id" AS "id", run."id" AS "runId", run."localDate" AS "localDate", run."cadence" AS "cadence",
         v."title" AS "procedure", srv."name" AS "server", item."text" AS "item", item."unit" AS "unit",
         res."outcome" AS "outcome",
         res."valueNumber" AS "valueNumber", res."valueText" AS "valueText", res."failureReason" AS "failureReason",
         res."note" AS "note", res."revision" AS "revision", u."name" AS "recordedBy", res."recordedAt" AS "recordedAt"
  FROM "Run" run
  JOIN "Result" res ON res."runId" = run."id"
  JOIN "ChecklistItem" item ON item."id" = res."itemId"
  JOIN "ProcedureVersion" v ON v."id" = run."versionId"
  JOIN "User" u ON u."id" = res."recordedById"
  LEFT JOIN "Server" srv ON srv."id" = run."serverId"
  ${EXCEPTION_WHERE}
    AND (run."localDate" < ? OR (run."localDate" = ? AND res."id" < ?))
  ORDER BY run."localDate" DESC, res."id" DESC
  LIMIT ?`;

/** A run's identity, timestamps and flags, as the columns runState() needs (alias "run"). */
const RUN_COLUMNS = `run."id" AS "id", run."cadence" AS "cadence", run."localDate" AS "localDate",
         run."opensAt" AS "opensAt", run."dueAt" AS "dueAt", run."graceEndsAt" AS "graceEndsAt",
         run."completedAt" AS "completedAt", run."hasExceptions" AS "hasExceptions",
         run."skippedAt" AS "skippedAt", run."suppressed" AS "suppressed"`;

/** A run with its version "v", procedure "p", server "srv", assignee and completer. */
const RUN_JOINS = `FROM "Run" run
  JOIN "ProcedureVersion" v ON v."id" = run."versionId"
  JOIN "Procedure" p ON p."id" = run."procedureId"
  LEFT JOIN "Server" srv ON srv."id" = run."serverId"
  LEFT JOIN "User" assignee ON assignee."id" = run."assigneeUserId"
  LEFT JOIN "User" completer ON completer."id" = run."completedById"`;

/**
 * Whether checklist item `item` applies to run `run` (lib/runs/completion.ts itemApplies): the
 * item names no Exchange role, the run has no server, or the server holds one of the item's roles.
 */
export const ITEM_APPLIES = `(run."serverId" IS NULL
  OR NOT EXISTS (SELECT 1 FROM "ChecklistItemRole" ir WHERE ir."itemId" = item."id")
  OR EXISTS (SELECT 1 FROM "ChecklistItemRole" ir JOIN "ServerRole" sr ON sr."role" = ir."role"
             WHERE ir."itemId" = item."id" AND sr."serverId" = run."serverId"))`;

/**
 * Everyone's runs on Today's list with everything a row shows and every filter needs, in one
 * statement (through Prisma's relation loading the same list cost ten times as long); Today
 * filters these rows in memory (lib/runs/today-filter.ts), so a filter costs no query.
 * Parameters: withRoles (1 or 0), today, weekStart, weekEnd, monthStart, monthEnd, backlogFrom,
 * today, now (ISO instant). The list: today's daily and as-needed runs, this week's weekly, this
 * month's monthly, and missed work of the last week (before today, past its grace period, neither
 * done nor skipped nor suppressed). "roles", read only with withRoles (the Exchange role filter;
 * it costs a fifth of the statement): the server's Exchange roles, or for a run with no server the
 * roles its procedure version is about.
 */
export const TODAY_RUNS_SQL = `
  SELECT ${RUN_COLUMNS}, run."assigneeRole" AS "assigneeRole", run."assigneeUserId" AS "assigneeUserId",
         run."failedItems" AS "failedItems", run."naItems" AS "naItems",
         v."title" AS "title", p."slug" AS "slug", srv."name" AS "serverName",
         assignee."name" AS "assigneeName", completer."name" AS "completedByName",
         CASE WHEN ? = 0 THEN NULL
           WHEN run."serverId" IS NULL THEN (SELECT json_group_array(pr."role") FROM "ProcedureRole" pr WHERE pr."versionId" = run."versionId")
           ELSE (SELECT json_group_array(sr."role") FROM "ServerRole" sr WHERE sr."serverId" = run."serverId") END AS "roles",
         (SELECT COUNT(*) FROM "ChecklistItem" item WHERE item."versionId" = run."versionId" AND item."required"
           AND ${ITEM_APPLIES}) AS "requiredTotal",
         (SELECT COUNT(DISTINCT res."itemId") FROM "Result" res JOIN "ChecklistItem" item ON item."id" = res."itemId"
           WHERE res."runId" = run."id" AND item."required" AND ${ITEM_APPLIES}) AS "requiredDone"
  ${RUN_JOINS}
  WHERE (run."cadence" IN ('DAILY', 'AS_NEEDED') AND run."localDate" = ?)
     OR (run."cadence" = 'WEEKLY' AND run."localDate" BETWEEN ? AND ?)
     OR (run."cadence" = 'MONTHLY' AND run."localDate" BETWEEN ? AND ?)
     OR (run."localDate" >= ? AND run."localDate" < ? AND run."completedAt" IS NULL AND run."skippedAt" IS NULL
         AND NOT run."suppressed" AND julianday(run."graceEndsAt") < julianday(?))`;

/** A run's record for its checklist page, with the names it shows. Parameter: the run's id. */
export const RUN_PAGE_SQL = `
  SELECT ${RUN_COLUMNS}, run."skipReason" AS "skipReason",
         run."assigneeRole" AS "assigneeRole", assignee."name" AS "assigneeName", completer."name" AS "completedByName",
         skipper."name" AS "skippedByName", srv."name" AS "serverName", srv."fqdn" AS "serverFqdn",
         srv."id" AS "serverId", srv."site" AS "serverSite", srv."storageGroups" AS "serverStorageGroups",
         (SELECT json_group_array(sr."role") FROM "ServerRole" sr WHERE sr."serverId" = run."serverId") AS "serverRoles",
         p."slug" AS "procedureSlug", p."currentVersionId" AS "currentVersionId",
         v."id" AS "versionId", v."number" AS "versionNumber", v."title" AS "title", v."purpose" AS "purpose", v."body" AS "body"
  ${RUN_JOINS}
  LEFT JOIN "User" skipper ON skipper."id" = run."skippedById"
  WHERE run."id" = ?`;

/** The tools of a version in order, with the tool's name. Parameter: the version's id. */
export const VERSION_TOOLS_SQL = `
  SELECT use."id" AS "id", use."command" AS "command", use."purpose" AS "purpose", tool."name" AS "toolName", tool."slug" AS "toolSlug"
  FROM "ProcedureTool" use JOIN "Tool" tool ON tool."id" = use."toolId"
  WHERE use."versionId" = ?
  ORDER BY use."position"`;

/** Every result of a run, each item's revisions in order, with who recorded it. Parameter: the run's id. */
export const RUN_RESULTS_SQL = `
  SELECT res."id" AS "id", res."itemId" AS "itemId", res."revision" AS "revision", res."outcome" AS "outcome",
         res."valueNumber" AS "valueNumber", res."valueText" AS "valueText", res."failureReason" AS "failureReason",
         res."limitMin" AS "limitMin", res."limitMax" AS "limitMax",
         res."note" AS "note", res."recordedAt" AS "recordedAt", u."name" AS "recordedByName"
  FROM "Result" res JOIN "User" u ON u."id" = res."recordedById"
  WHERE res."runId" = ?
  ORDER BY res."itemId", res."revision"`;

// ---------------------------------------------------------------------------------------------
// Distinct values of an indexed column by "skip scan": each step seeks the next larger value in
// the index, so the cost grows with the number of distinct values, not the number of rows (a plain
// GROUP BY reads the whole index: over a second on a million audit events).
const distinctSql = (table: string, column: string) => `
  WITH RECURSIVE v(value) AS (
    SELECT MIN("${column}") FROM "${table}"
    UNION ALL
    SELECT (SELECT MIN("${column}") FROM "${table}" WHERE "${column}" > v.value) FROM v WHERE v.value IS NOT NULL
  )
  SELECT value FROM v WHERE value IS NOT NULL`;

export const AUDIT_DISTINCT_ACTIONS_SQL = distinctSql("AuditEvent", "action");
export const AUDIT_DISTINCT_ENTITY_TYPES_SQL = distinctSql("AuditEvent", "entityType");

// ---------------------------------------------------------------------------------------------
// The operator's shift (lib/runs/shift.ts, lib/runs/previous-values.ts).

/**
 * Open runs a shift may hold for a user, in one statement: not completed, skipped or suppressed,
 * opened by now, assigned to the user or to the user's role and nobody in particular (Today's
 * "mine", lib/runs/today-filter.ts), due before the shift ends, and due in it or late or missed
 * since it started. Runs are found by their indexed local date first. Parameters: fromDate,
 * toDate, userId, role, now, shiftEnd, shiftStart, shiftStart (instants as ISO text).
 * lib/runs/shift.ts belongsToShift is the same rule; the caller applies it again and sorts.
 */
export const SHIFT_RUNS_SQL = `
  SELECT ${RUN_COLUMNS}, v."title" AS "title", srv."name" AS "serverName"
  FROM "Run" run
  JOIN "ProcedureVersion" v ON v."id" = run."versionId"
  LEFT JOIN "Server" srv ON srv."id" = run."serverId"
  WHERE run."localDate" BETWEEN ? AND ?
    AND run."completedAt" IS NULL AND run."skippedAt" IS NULL AND NOT run."suppressed"
    AND (run."assigneeUserId" = ? OR (run."assigneeUserId" IS NULL AND run."assigneeRole" = ?))
    AND julianday(run."opensAt") <= julianday(?)
    AND julianday(run."dueAt") < julianday(?)
    AND (julianday(run."dueAt") >= julianday(?) OR julianday(run."graceEndsAt") >= julianday(?))`;

/**
 * Earlier values of a run's number items, in one statement: for each NUMBER item key of the run's
 * version, the values recorded on the same procedure for the same scope (server, or the
 * organisation) in the runs due before this one, newest first, at most `perKey` per key. Only each
 * item's latest revision in a run counts (a corrected value replaces the first; a value corrected
 * to N/A has none). An item whose unit changes gets a new key, so one key never mixes units.
 * The earlier runs are the last `runs` of the procedure and scope that took results, walked
 * backwards on the (procedureId, dueAt) index, and only their number items are read (by version
 * and key): the cost stays the same however long the history grows. Run times are written in one
 * UTC form, so their text orders them. Parameters: runId, runs, perKey.
 */
export const PREVIOUS_VALUES_SQL = `
  WITH cur AS (
    SELECT r."id" AS "id", r."procedureId" AS "procedureId", r."scopeKey" AS "scopeKey", r."dueAt" AS "dueAt", r."versionId" AS "versionId"
    FROM "Run" r WHERE r."id" = ?
  ),
  prior AS (
    SELECT run."id" AS "id", run."versionId" AS "versionId", run."dueAt" AS "dueAt", run."localDate" AS "localDate"
    FROM "Run" run JOIN cur ON run."procedureId" = cur."procedureId" AND run."scopeKey" = cur."scopeKey"
    WHERE run."id" <> cur."id" AND run."dueAt" < cur."dueAt" AND run."skippedAt" IS NULL AND NOT run."suppressed"
    ORDER BY run."dueAt" DESC
    LIMIT ?
  ),
  recorded AS (
    SELECT item."key" AS "key", res."valueNumber" AS "value", prior."localDate" AS "localDate", prior."id" AS "runId", prior."dueAt" AS "dueAt"
    FROM prior
    JOIN "ChecklistItem" item ON item."versionId" = prior."versionId" AND item."kind" = 'NUMBER'
    JOIN "Result" res ON res."runId" = prior."id" AND res."itemId" = item."id"
    WHERE item."key" IN (SELECT ci."key" FROM "ChecklistItem" ci JOIN cur ON ci."versionId" = cur."versionId" WHERE ci."kind" = 'NUMBER')
      AND NOT EXISTS (SELECT 1 FROM "Result" later
                      WHERE later."runId" = res."runId" AND later."itemId" = res."itemId" AND later."revision" > res."revision")
      AND res."valueNumber" IS NOT NULL
  ),
  ranked AS (
    SELECT "key", "value", "localDate", "runId", ROW_NUMBER() OVER (PARTITION BY "key" ORDER BY "dueAt" DESC) AS "n" FROM recorded
  )
  SELECT "key", "value", "localDate", "runId" FROM ranked WHERE "n" <= ? ORDER BY "key", "n"`;

/**
 * A run's checklist items in order, with the Exchange roles each is limited to (a JSON array), by
 * the run's id, so that they are read alongside the run's record. Parameter: the run's id.
 */
export const RUN_ITEMS_SQL = `
  SELECT item."id" AS "id", item."key" AS "key", item."kind" AS "kind", item."text" AS "text", item."help" AS "help",
         item."required" AS "required", item."unit" AS "unit", item."min" AS "min", item."max" AS "max",
         item."limitsByMailboxUsers" AS "limitsByMailboxUsers", item."counter" AS "counter", item."choices" AS "choices", item."passChoices" AS "passChoices",
         (SELECT json_group_array(ir."role") FROM "ChecklistItemRole" ir WHERE ir."itemId" = item."id") AS "roles"
  FROM "ChecklistItem" item
  WHERE item."versionId" = (SELECT r."versionId" FROM "Run" r WHERE r."id" = ?)
  ORDER BY item."position"`;

/** VERSION_TOOLS_SQL by the run's id. Parameter: the run's id. */
export const RUN_TOOLS_SQL = `
  SELECT use."id" AS "id", use."command" AS "command", use."purpose" AS "purpose", tool."name" AS "toolName", tool."slug" AS "toolSlug"
  FROM "ProcedureTool" use JOIN "Tool" tool ON tool."id" = use."toolId"
  WHERE use."versionId" = (SELECT r."versionId" FROM "Run" r WHERE r."id" = ?)
  ORDER BY use."position"`;

/**
 * What the run page fills placeholders in with and checks commands against, in one statement
 * (lib/procedures/placeholder-queries.ts reads the same through three): the organisation's values
 * that are set ("org"), the run's server's values of SERVER variables that are set ("server"), and
 * every server's name, active or retired ("serverName"). Parameter: the run's id.
 */
export const RUN_PLACEHOLDER_VALUES_SQL = `
  SELECT 'org' AS "kind", pv."name" AS "name", pv."value" AS "value"
  FROM "PlaceholderVariable" pv WHERE pv."scope" = 'ORGANISATION' AND pv."value" <> ''
  UNION ALL
  SELECT 'server' AS "kind", sv."name" AS "name", sv."value" AS "value"
  FROM "ServerVariable" sv JOIN "PlaceholderVariable" pv ON pv."name" = sv."name" AND pv."scope" = 'SERVER'
  WHERE sv."serverId" = (SELECT r."serverId" FROM "Run" r WHERE r."id" = ?) AND sv."value" <> ''
  UNION ALL
  SELECT 'serverName' AS "kind", s."name" AS "name", '' AS "value" FROM "Server" s`;
