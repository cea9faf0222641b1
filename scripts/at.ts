// Runs a command with its whole process tree on a pinned clock (libfaketime): the clock reads the
// given instant when the command starts and runs on from there. "pinned" is the instant the main
// end-to-end suite starts at; the crash test and the benchmarks use it too.
//   tsx scripts/at.ts pinned -- npm run bench
//   tsx scripts/at.ts 2026-12-31T23:58:00Z -- npm start
import { spawn } from "node:child_process";
import { MAIN_SUITE_START } from "../tests/e2e/clock/scenarios";
import { pinClock } from "./support/fake-clock";

const [given, separator, command, ...args] = process.argv.slice(2);
const instant = given === "pinned" ? MAIN_SUITE_START : given;
const at = new Date(instant ?? "");
if (!instant || separator !== "--" || !command || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?Z$/.test(instant) || Number.isNaN(at.getTime())) {
  console.error('Usage: tsx scripts/at.ts <"pinned" or a UTC instant, e.g. 2026-12-09T07:00:00Z> -- <command> [arguments…]');
  process.exit(2);
}

let clock: ReturnType<typeof pinClock>;
try {
  clock = pinClock(at);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
const child = spawn(command, args, { stdio: "inherit", env: clock.env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  clock.dispose();
  process.exit(code ?? (signal ? 1 : 0));
});
