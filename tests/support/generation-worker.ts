// A separate process for tests/integration/generation.test.ts: waits for "go" on stdin, then
// generates runs against the database in DATABASE_URL at the given instant and prints the report.
//   node --conditions=react-server --import tsx tests/support/generation-worker.ts <iso-instant>
import { db } from "@/lib/db";
import { generateRuns } from "@/lib/scheduling/generation";

async function main() {
  const now = new Date(process.argv[2] ?? Date.now());
  await db.$queryRawUnsafe("SELECT 1");
  process.stdout.write("ready\n");
  await new Promise<void>((resolve) => {
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk: string) => {
      if (chunk.includes("go")) resolve();
    });
  });
  const reports = await Promise.all([generateRuns(db, { now }), generateRuns(db, { now })]);
  process.stdout.write(`${JSON.stringify(reports)}\n`);
  await db.$disconnect();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
