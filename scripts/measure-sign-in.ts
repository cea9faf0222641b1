// Measures how long a refused sign-in takes for an existing account and for an unknown e-mail
// (decision 027: both should cost the same). Prints medians and quartiles; asserts nothing.
// Run: tsx --conditions=react-server scripts/measure-sign-in.ts [--tries N] (default 60)
// It migrates a fresh database in a temporary folder and removes it afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const args = process.argv.slice(2);
const triesAt = args.indexOf("--tries");
const tries = triesAt >= 0 ? Number(args[triesAt + 1]) : 60;
if (!Number.isInteger(tries) || tries < 5) {
  console.error("Usage: measure-sign-in.ts [--tries N] (N a whole number, at least 5)");
  process.exit(2);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function describe(label: string, times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(2).padStart(7);
  return `${label.padEnd(34)} median ${f(quantile(sorted, 0.5))} ms   p25 ${f(quantile(sorted, 0.25))}   p75 ${f(quantile(sorted, 0.75))}`;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "opsbook-measure-sign-in-"));
  const file = path.join(dir, "opsbook.db");
  process.env.DATABASE_URL = `file:${file}`;
  try {
    const { applyMigrations } = await import("@/lib/maintenance/migrate");
    applyMigrations(process.env.DATABASE_URL);
    const { db } = await import("@/lib/db");
    const { hashPassword } = await import("@/lib/auth/password");
    const { checkCredentials } = await import("@/lib/auth/sign-in");
    const user = await db.user.create({
      data: { email: "measured@example.test", name: "Measured", role: "VIEWER", passwordHash: await hashPassword("Lantern-Quarry-88-kite") },
    });

    // Each try from its own address, so that no limit comes into play; the two paths alternate so
    // that drift (caches warming, other load) falls on both alike.
    const existing: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < tries + 5; i++) {
      for (const [email, into] of [
        [user.email, existing],
        [`nobody${i}@example.test`, unknown],
      ] as const) {
        const request = { ip: `10.${into === existing ? 1 : 2}.${Math.floor(i / 250)}.${i % 250}`, userAgent: "measure" };
        const start = performance.now();
        const answer = await checkCredentials({ email, password: "not the password" }, request);
        const took = performance.now() - start;
        if (answer !== null) throw new Error("A wrong password was accepted.");
        // The first few tries warm the process up and are not counted.
        if (i >= 5) into.push(took);
      }
      // Keep the account clear of the lockout, which is not what is measured here.
      await db.user.update({ where: { id: user.id }, data: { failedSignIns: 0, lockedUntil: null } });
    }
    console.log(`Refused sign-ins, ${tries} tries each (wrong password for an account; any password for an unknown e-mail):`);
    console.log(describe("existing account, wrong password", existing));
    console.log(describe("unknown e-mail", unknown));
    const difference = quantile([...existing].sort((a, b) => a - b), 0.5) - quantile([...unknown].sort((a, b) => a - b), 0.5);
    console.log(`Difference of medians: ${difference.toFixed(2)} ms`);
    await db.$disconnect();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
