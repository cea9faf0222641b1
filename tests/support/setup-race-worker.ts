// A separate process for tests/integration/setup.test.ts: loads the app's setup code against the
// database in DATABASE_URL, says "ready", waits for "go" on stdin, then makes `count` concurrent
// first-admin attempts and prints their results as one JSON line.
//   node --conditions=react-server --import tsx tests/support/setup-race-worker.ts <label> <count>
// (the react-server condition makes "server-only" an empty module, as for the CLI).

const label = process.argv[2] ?? "worker";
const count = Number(process.argv[3] ?? "1");

async function main() {
  const { createFirstAdmin } = await import("@/lib/users/setup");
  const { db } = await import("@/lib/db");
  // Open the connection before the start signal, so both processes race on the transaction only.
  await db.$queryRawUnsafe("SELECT 1");
  process.stdout.write("ready\n");
  await new Promise<void>((resolve) => {
    let buffer = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk: string) => {
      buffer += chunk;
      if (buffer.includes("go")) resolve();
    });
  });
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const password = "Race-Winner-2026!";
      return createFirstAdmin(
        { email: `${label}-${i}@example.test`, name: `Admin ${label} ${i}`, password, confirm: password },
        { ip: "127.0.0.1", userAgent: `setup-race-worker ${label}` },
      );
    }),
  );
  process.stdout.write(`${JSON.stringify(results)}\n`);
  await db.$disconnect();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
