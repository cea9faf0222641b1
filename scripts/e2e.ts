// `npm run test:e2e`: the end-to-end tests, each Playwright run on a pinned clock (libfaketime).
// First the main suite (tests/e2e/*.spec.ts) at MAIN_SUITE_START, then every clock scenario
// (tests/e2e/clock/<name>.spec.ts) at its own start, on its own portal and database.
//   npm run test:e2e                          everything
//   npm run test:e2e -- tests/e2e/runs.spec.ts   the main suite only, with Playwright's arguments
//   npm run test:e2e -- --scenario due-and-grace one clock scenario
import { spawnSync } from "node:child_process";
import path from "node:path";
import { CLOCK_SCENARIOS, MAIN_SUITE_START, isClockScenario } from "../tests/e2e/clock/scenarios";
import { pinClock } from "./support/fake-clock";

const playwright = path.join(process.cwd(), "node_modules", ".bin", "playwright");

function runPlaywright(label: string, start: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  console.log(`\n== ${label}: Playwright on a clock starting at ${start}`);
  const clock = pinClock(new Date(start), { ...process.env, ...extraEnv });
  try {
    const result = spawnSync(playwright, ["test", ...args], { stdio: "inherit", env: clock.env });
    return result.status === 0;
  } finally {
    clock.dispose();
  }
}

function main(): number {
  const args = process.argv.slice(2);
  const at = args.indexOf("--scenario");
  if (at >= 0) {
    const name = args[at + 1];
    if (!isClockScenario(name)) {
      console.error(`Unknown scenario "${name ?? ""}". Scenarios: ${Object.keys(CLOCK_SCENARIOS).join(", ")}.`);
      return 2;
    }
    return runPlaywright(`clock scenario ${name}`, CLOCK_SCENARIOS[name].start, [], { OPSBOOK_E2E_SCENARIO: name }) ? 0 : 1;
  }
  const failed: string[] = [];
  if (!runPlaywright("main suite", MAIN_SUITE_START, args)) failed.push("main suite");
  // Arguments narrow the run to part of the main suite; the scenarios run only with the whole.
  if (args.length === 0) {
    for (const [name, scenario] of Object.entries(CLOCK_SCENARIOS)) {
      if (!runPlaywright(`clock scenario ${name}`, scenario.start, [], { OPSBOOK_E2E_SCENARIO: name })) failed.push(`clock scenario ${name}`);
    }
  }
  if (failed.length) console.error(`\nEnd-to-end tests failed: ${failed.join(", ")}.`);
  return failed.length ? 1 : 0;
}

try {
  process.exit(main());
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
