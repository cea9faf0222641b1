import { existsSync } from "node:fs";
import { chromium, defineConfig } from "@playwright/test";
import { CLOCK_SCENARIOS, isClockScenario } from "./tests/e2e/clock/scenarios";

// Run through `npm run test:e2e` (scripts/e2e.ts), which starts Playwright on a pinned clock: the
// main suite, then each clock scenario (OPSBOOK_E2E_SCENARIO) on its own portal and database.
const scenarioName = process.env.OPSBOOK_E2E_SCENARIO;
if (scenarioName !== undefined && !isClockScenario(scenarioName)) throw new Error(`Unknown clock scenario ${scenarioName}`);
const scenario = scenarioName === undefined ? undefined : { name: scenarioName, ...CLOCK_SCENARIOS[scenarioName] };

export const E2E_PORT = scenario ? 3211 : 3210;
export const E2E_DATABASE = scenario ? "data/e2e-clock/opsbook.db" : "data/e2e/opsbook.db";

/** Playwright's own Chromium when it is installed, else a system Chromium (CHROMIUM_PATH, then Debian's). */
function browserPath(): string | undefined {
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return undefined;
  } catch {
    // not installed
  }
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  return candidates.find((p): p is string => Boolean(p && existsSync(p)));
}

/**
 * Chromium's environment. Under libfaketime (scripts/e2e.ts) Chromium needs its monotonic clock
 * moved with the wall clock, or it stops loading pages; the Node processes keep theirs real
 * (DONT_FAKE_MONOTONIC) so their timers survive a moved clock.
 */
function browserEnv(): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  delete env.DONT_FAKE_MONOTONIC;
  return env;
}

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  // The flows share one portal and one database, and build on each other in order.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  forbidOnly: true,
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: browserPath(),
      env: browserEnv(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  // The foundation flows start from a fresh portal (no users yet), so they run before all others.
  projects: scenario
    ? [{ name: `clock: ${scenario.name}`, testMatch: `clock/${scenario.name}.spec.ts` }]
    : [
        { name: "foundation", testMatch: "foundation.spec.ts" },
        // The first-run guide is followed to its end on the portal exactly as foundation left it.
        { name: "first-run", testMatch: "first-run.spec.ts", dependencies: ["foundation"] },
        { name: "flows", testIgnore: ["foundation.spec.ts", "first-run.spec.ts", "clock/**"], dependencies: ["first-run"] },
      ],
  webServer: {
    // A production build on a fresh database, listening on loopback only. A clock scenario first
    // gives the organisation its time zone, so the seed makes its schedules in that zone.
    command: scenario
      ? `rm -rf data/e2e-clock && DATABASE_URL=file:./${E2E_DATABASE} npm run cli -- db migrate >/dev/null && DATABASE_URL=file:./${E2E_DATABASE} node tests/e2e/clock/prepare.mjs ${scenario.timeZone} && DATABASE_URL=file:./${E2E_DATABASE} PORT=${E2E_PORT} HOST=127.0.0.1 npm start`
      : `rm -rf data/e2e && DATABASE_URL=file:./${E2E_DATABASE} PORT=${E2E_PORT} HOST=127.0.0.1 npm start`,
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    timeout: 420_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
