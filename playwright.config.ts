import { existsSync } from "node:fs";
import { chromium, defineConfig } from "@playwright/test";

export const E2E_PORT = 3210;
export const E2E_DATABASE = "data/e2e/opsbook.db";

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
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  // The foundation flows start from a fresh portal (no users yet), so they run before all others.
  projects: [
    { name: "foundation", testMatch: "foundation.spec.ts" },
    { name: "flows", testIgnore: "foundation.spec.ts", dependencies: ["foundation"] },
  ],
  webServer: {
    // A production build on a fresh database, listening on loopback only.
    command: `rm -rf data/e2e && DATABASE_URL=file:./${E2E_DATABASE} PORT=${E2E_PORT} HOST=127.0.0.1 npm start`,
    url: `http://127.0.0.1:${E2E_PORT}/api/health`,
    timeout: 420_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
