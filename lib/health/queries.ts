import "server-only";
import { db } from "@/lib/db";
import type { DependencyReport, Health } from "./status";

export type { DependencyReport, DependencyStatus, Health } from "./status";
export { healthStatusCode } from "./status";

/** A check of one dependency; it may throw or hang, which reports the dependency unavailable. */
export type DependencyCheck = () => Promise<DependencyReport>;

/**
 * The dependencies /api/health reports. None yet: the directory and mail checks are added here
 * when those integrations exist. Each must be cheap (or answer from a cached result), since the
 * health check is polled.
 */
export const DEPENDENCY_CHECKS: Readonly<Record<string, DependencyCheck>> = {};

/** A dependency that has not answered by then is reported unavailable; health answers regardless. */
export const DEPENDENCY_TIMEOUT_MS = 2_000;

async function report(check: DependencyCheck, timeoutMs: number): Promise<DependencyReport> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DependencyReport>((resolve) => {
    timer = setTimeout(() => resolve({ status: "unavailable", detail: "No answer in time." }), timeoutMs);
  });
  try {
    return await Promise.race([check().catch((): DependencyReport => ({ status: "unavailable" })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface HealthOptions {
  /** The database to check (the portal's own by default). */
  client?: { $queryRawUnsafe<T>(query: string): PromiseLike<T> };
  dependencies?: Readonly<Record<string, DependencyCheck>>;
  dependencyTimeoutMs?: number;
  now?: Date;
}

/**
 * Whether the database answers and how far it is migrated, plus what each dependency says.
 * Names no paths or errors.
 */
export async function checkHealth(options: HealthOptions = {}): Promise<Health> {
  const client = options.client ?? db;
  const checks = options.dependencies ?? DEPENDENCY_CHECKS;
  const timeoutMs = options.dependencyTimeoutMs ?? DEPENDENCY_TIMEOUT_MS;
  const time = (options.now ?? new Date()).toISOString();

  const [migrations, dependencyReports] = await Promise.all([
    Promise.resolve(client.$queryRawUnsafe<{ n: bigint | number }[]>(`SELECT count(*) AS n FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`))
      .then((rows) => Number(rows[0]?.n ?? 0))
      .catch(() => null),
    Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await report(check, timeoutMs)] as const)),
  ]);
  const dependencies = Object.fromEntries(dependencyReports);
  if (migrations === null) return { status: "error", database: "unavailable", migrations: null, dependencies, time };
  return { status: "ok", database: "ok", migrations, dependencies, time };
}
