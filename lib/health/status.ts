// What GET /api/health means (decision 023). Its status code is liveness: 200 while this process
// answers and its database does, 503 when the database does not. A restart or a load balancer
// acts on that code, and restarting the portal cures neither a directory outage nor a mail server
// that is down, so such dependencies are reported in the body under `dependencies` and never
// change the code.

/** How a dependency outside the portal (directory, mail) answered its last check. */
export type DependencyStatus = "ok" | "degraded" | "unavailable";

export interface DependencyReport {
  status: DependencyStatus;
  /** One short sentence for the operator; never a password, a path or a stack. */
  detail?: string;
}

export interface Health {
  /** Liveness: "ok" when the process and its database answer. The only input to the status code. */
  status: "ok" | "error";
  database: "ok" | "unavailable";
  /** Migrations applied, or null when the database did not answer. */
  migrations: number | null;
  /** Dependencies by name (none yet); reported, never part of `status`. */
  dependencies: Record<string, DependencyReport>;
  time: string;
}

/** The HTTP status of a health answer: it follows liveness alone, whatever the dependencies say. */
export function healthStatusCode(health: Pick<Health, "status">): 200 | 503 {
  return health.status === "ok" ? 200 : 503;
}
