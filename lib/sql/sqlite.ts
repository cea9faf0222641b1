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

export const BUSY_TIMEOUT_MS = 10_000;

/** Connection settings applied to every new connection. */
function configure(db: BetterSqlite3.Database): void {
  db.pragma("journal_mode = WAL");
  // FULL: a commit acknowledged to a client survives power loss, not only a process crash.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
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

  constructor(file: string) {
    this.#inner = new PrismaBetterSQLite3({ url: file, timeout: BUSY_TIMEOUT_MS });
    this.adapterName = this.#inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return wrap(await this.#inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return wrap(await this.#inner.connectToShadowDb());
  }
}

function wrap(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const client = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
  if (!client || typeof client.prepare !== "function" || typeof client.pragma !== "function") {
    throw new Error("The SQLite driver adapter no longer exposes its connection; lib/sql/sqlite.ts needs updating.");
  }
  configure(client);
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

/** Prisma error codes that mean "the database was busy; the same request may succeed later". */
export const BUSY_ERROR_PATTERN = /SQLITE_BUSY|database is locked/i;

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
