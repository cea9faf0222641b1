// GET /api/health is liveness (decision 023): its status code says whether this process and its
// database answer, and nothing else. Dependencies outside the portal are reported in the body and
// never change the code, so a directory outage never gets the portal restarted or taken out of a
// load balancer. Against this file's own migrated database.
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { checkHealth, healthStatusCode, type DependencyCheck } from "@/lib/health/queries";

const NOW = new Date("2026-12-09T07:00:00Z");
const brokenDatabase = { $queryRawUnsafe: () => Promise.reject(new Error("SQLITE_CANTOPEN: unable to open /secret/path/opsbook.db")) };

describe("the health check", () => {
  it("answers 200 with the migrations applied and an empty dependencies object", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: "ok", database: "ok", dependencies: {} });
    expect(body.migrations).toBeGreaterThan(0);
  });

  it("answers 503 when the database does not, naming no path and no error", async () => {
    const health = await checkHealth({ client: brokenDatabase, now: NOW });
    expect(health).toEqual({ status: "error", database: "unavailable", migrations: null, dependencies: {}, time: NOW.toISOString() });
    expect(healthStatusCode(health)).toBe(503);
    expect(JSON.stringify(health)).not.toMatch(/secret|SQLITE/);
  });

  it("reports a dependency that is down or hangs in the body and still answers 200", async () => {
    const dependencies: Record<string, DependencyCheck> = {
      directory: () => Promise.reject(new Error("LDAP bind failed for cn=svc,password=hunter2")),
      mail: () => new Promise(() => {}), // never answers
      backup: () => Promise.resolve({ status: "degraded", detail: "Last copy is 3 days old." }),
    };
    const health = await checkHealth({ dependencies, dependencyTimeoutMs: 50, now: NOW });
    expect(health.status).toBe("ok");
    expect(health.database).toBe("ok");
    expect(health.dependencies).toEqual({
      directory: { status: "unavailable" },
      mail: { status: "unavailable", detail: "No answer in time." },
      backup: { status: "degraded", detail: "Last copy is 3 days old." },
    });
    expect(healthStatusCode(health)).toBe(200);
    expect(JSON.stringify(health)).not.toContain("hunter2");
  });

  it("stays 503 when the database is down, however well the dependencies are", async () => {
    const health = await checkHealth({ client: brokenDatabase, dependencies: { directory: async () => ({ status: "ok" }) }, now: NOW });
    expect(health.dependencies).toEqual({ directory: { status: "ok" } });
    expect(healthStatusCode(health)).toBe(503);
  });
});
