// Opsbook's command line: `npm run cli -- <command>`. Run with --help for the list.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createClient } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { databaseFile, env } from "@/lib/env";
import { writeAuditEvent } from "@/lib/audit/write";
import { checkAuditTrail, describeProblem } from "@/lib/audit/check";
import { formatAnchor, parseAnchor, type AuditAnchor } from "@/lib/audit/verify";
import { applyMigrations } from "@/lib/maintenance/migrate";
import { backupDatabase, restoreDatabase, type DatabaseSummary } from "@/lib/maintenance/backup";
import { seedDatabase } from "@/lib/procedures/seed";
import { CreateUserSchema, SetPasswordSchema, UserByEmailSchema } from "@/lib/users/schemas";
import { CLEARED_LIMITS, createUser, resetPassword, unlock, userIdByEmail } from "@/lib/users/service";
import { ActionError } from "@/lib/actions/errors";

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  user add --email EMAIL --name NAME --role ROLE
        Create a user. The password is read from standard input (one line).
        ROLE is VIEWER, OPERATOR, MANAGER or ADMIN.
  user unlock --email EMAIL
        Let the user sign in again at once: lift a lockout and clear the failed sign-ins that
        the sign-in limits count. Refused when there is nothing to clear.
  user set-password --email EMAIL
        Set a new password, read from standard input (one line) and held to the same rules as
        in the portal. Ends the user's open sessions and clears every sign-in limit, as unlock.
  db migrate        Apply database migrations.
  db seed           Add the Exchange 2007 library, tools and demo servers (idempotent).
  db backup FILE [--force]
        Copy the database to FILE while the portal keeps running, check the copy (integrity,
        audit trail) and print what it holds and its audit anchor. --force replaces FILE.
  db restore FILE [--force]
        Check the backup FILE, bring it up to the current schema and put it in place of the
        database. Stop the portal first. --force replaces an existing database, whose files
        are kept beside it as <name>.before-restore-<time>.
  audit verify [--anchor "#SEQ:HASH"]
        Check the audit trail's hash chain from the first event to the last, that the
        database's guard triggers are those its migrations create, and that every result,
        skip and completion in the tables is what the trail recorded; print the newest
        event as an anchor. With --anchor (one printed earlier, for example on a monthly
        review), also prove that no event up to it was removed or rewritten.

The database is the one named by DATABASE_URL (default file:./data/opsbook.db).`;

const CLI_ACTOR = { id: null, label: "cli" } as const;
const CLI_REQUEST = { ip: "local", userAgent: "opsbook cli" } as const;

function readStdinLine(): string {
  const text = readFileSync(0, "utf8");
  return text.split(/\r?\n/)[0] ?? "";
}

async function userAdd(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
    strict: true,
  });
  const password = readStdinLine();
  const parsed = CreateUserSchema.safeParse({ ...values, role: values.role?.toUpperCase(), password });
  if (!parsed.success) {
    printIssues(parsed.error.issues);
    return 2;
  }
  return changeUser(async (tx) => {
    const user = await createUser(tx, parsed.data);
    await writeAuditEvent(tx, CLI_ACTOR, CLI_REQUEST, { action: "user.create", entityType: "User", entityId: user.id, after: user });
    return `Created ${user.role} ${user.name} <${user.email}>.`;
  });
}

/** --email EMAIL, or null after printing the usage line. */
function emailArgument(args: string[], usage: string): string | null {
  try {
    const { values } = parseArgs({ args, options: { email: { type: "string" } }, strict: true });
    if (values.email !== undefined) return values.email;
  } catch {
    // An unknown option or a positional: the usage line below says what is accepted.
  }
  console.error(`Usage: ${usage}`);
  return null;
}

function printIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  for (const issue of issues) console.error(`${issue.path.map(String).join(".") || "input"}: ${issue.message}`);
}

/** Runs a change to one user in a transaction; a refusal is printed and exits 1, nothing changed. */
async function changeUser(work: (tx: Prisma.TransactionClient) => Promise<string>): Promise<number> {
  const db = createClient();
  try {
    console.log(await db.$transaction(work));
    return 0;
  } catch (error) {
    if (error instanceof ActionError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}

async function userUnlock(args: string[]): Promise<number> {
  const email = emailArgument(args, "user unlock --email EMAIL");
  if (email === null) return 2;
  const parsed = UserByEmailSchema.safeParse({ email });
  if (!parsed.success) {
    printIssues(parsed.error.issues);
    return 1;
  }
  return changeUser(async (tx) => {
    const { user, before } = await unlock(tx, await userIdByEmail(tx, parsed.data.email));
    await writeAuditEvent(tx, CLI_ACTOR, CLI_REQUEST, { action: "user.unlock", entityType: "User", entityId: user.id, before, after: CLEARED_LIMITS });
    const lifted = before.lockedUntil ? "lockout lifted, " : "";
    return `Unlocked ${user.name} <${user.email}>: ${lifted}${before.failedAttempts} failed sign-in attempt(s) cleared.`;
  });
}

async function userSetPassword(args: string[]): Promise<number> {
  const email = emailArgument(args, "user set-password --email EMAIL (the new password on standard input)");
  if (email === null) return 2;
  const password = readStdinLine();
  if (password === "") {
    console.error("No password given: write the new password as the first line of standard input.");
    return 1;
  }
  const parsed = SetPasswordSchema.safeParse({ email, password });
  if (!parsed.success) {
    printIssues(parsed.error.issues);
    return 1;
  }
  return changeUser(async (tx) => {
    const user = await resetPassword(tx, await userIdByEmail(tx, parsed.data.email), parsed.data.password);
    await writeAuditEvent(tx, CLI_ACTOR, CLI_REQUEST, { action: "user.reset_password", entityType: "User", entityId: user.id, before: user.limitsBefore, after: CLEARED_LIMITS });
    return `New password set for ${user.name} <${user.email}>; their open sessions have ended and every sign-in limit on the account is cleared.`;
  });
}

/** FILE and --force, or null after printing the usage line. */
function fileArguments(args: string[], usage: string): { file: string; force: boolean } | null {
  try {
    const { values, positionals } = parseArgs({ args, options: { force: { type: "boolean" } }, allowPositionals: true, strict: true });
    if (positionals.length === 1 && positionals[0]) return { file: positionals[0], force: values.force ?? false };
  } catch {
    // An unknown option: the usage line below says what is accepted.
  }
  console.error(`Usage: ${usage}`);
  return null;
}

function describeSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function describeContents(summary: DatabaseSummary): string {
  return `${summary.runs} runs, ${summary.results} results, ${summary.auditEvents} audit events`;
}

async function dbBackup(args: string[]): Promise<number> {
  const parsed = fileArguments(args, "db backup FILE [--force]");
  if (!parsed) return 2;
  const source = databaseFile();
  try {
    const copy = await backupDatabase(source, parsed.file, { force: parsed.force });
    console.log(`Backed up ${source} to ${copy.file} (${describeSize(copy.bytes)}, ${copy.bytes} bytes).`);
    console.log(`Copy checked: integrity ok; audit trail intact: ${copy.auditEvents} events verified.`);
    console.log(`It holds ${describeContents(copy)}.`);
    if (copy.anchor) console.log(`Anchor (keep it with the backup): ${formatAnchor(copy.anchor)}`);
    return 0;
  } catch (error) {
    console.error(`No backup made: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function dbRestore(args: string[]): Promise<number> {
  const parsed = fileArguments(args, "db restore FILE [--force]");
  if (!parsed) return 2;
  try {
    const restored = await restoreDatabase(parsed.file, databaseFile(), { force: parsed.force });
    console.log(`Restored ${restored.file} from ${parsed.file} (${describeSize(restored.bytes)}).`);
    console.log(`Backup checked: integrity ok; audit trail intact: ${restored.auditEvents} events verified.`);
    console.log(
      restored.migrationsApplied.length
        ? `Applied ${restored.migrationsApplied.length} migration(s) the backup lacked: ${restored.migrationsApplied.join(", ")}.`
        : "The backup's schema was already up to date.",
    );
    console.log(`It holds ${describeContents(restored)}.`);
    if (restored.keptAs) console.log(`The database it replaced is kept as ${restored.keptAs}; delete it once the portal works.`);
    if (restored.anchor) console.log(`Anchor of the restored trail: ${formatAnchor(restored.anchor)}`);
    console.log(`Next steps:
  1. Start the portal: npm start
  2. Prove the restored trail is complete with the anchor printed when the backup was made:
       npm run cli -- audit verify --anchor "#SEQ:HASH"`);
    return 0;
  } catch (error) {
    console.error(`Nothing restored: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function main(argv: string[]): Promise<number> {
  const [area, command, ...rest] = argv;
  if (!area || area === "--help" || area === "-h" || area === "help") {
    console.log(HELP);
    return area ? 0 : 2;
  }
  env(); // fail early on bad configuration
  switch (`${area} ${command ?? ""}`.trim()) {
    case "user add":
      return userAdd(rest);
    case "user unlock":
      return userUnlock(rest);
    case "user set-password":
      return userSetPassword(rest);
    case "db migrate":
      applyMigrations(env().DATABASE_URL);
      console.log(`Migrations applied to ${databaseFile()}.`);
      return 0;
    case "db backup":
      return dbBackup(rest);
    case "db restore":
      return dbRestore(rest);
    case "db seed": {
      const db = createClient();
      try {
        const report = await seedDatabase(db, { demoServers: env().SEED_DEMO_SERVERS });
        console.log(JSON.stringify(report, null, 2));
        return 0;
      } finally {
        await db.$disconnect();
      }
    }
    case "audit verify": {
      const db = createClient();
      try {
        let anchor: AuditAnchor | null = null;
        if (rest.length) {
          anchor = rest[0] === "--anchor" && rest.length === 2 ? parseAnchor(rest[1]!) : null;
          if (!anchor) {
            console.error('Usage: audit verify [--anchor "#SEQ:HASH"] (the anchor as printed by an earlier verify).');
            return 2;
          }
        }
        const check = await checkAuditTrail(db, { anchor });
        if (!check.ok) {
          for (const problem of check.problems) console.error(describeProblem(problem, check.verified));
          return 1;
        }
        const { evidence } = check;
        console.log(`Audit trail intact: ${check.events} events verified.${anchor ? ` Anchor #${anchor.seq} matches.` : ""}`);
        console.log(
          `Evidence matches the trail: ${evidence.results} results and the skips and completions of ${evidence.runs} runs agree with their ${evidence.events} audit events; all ${check.triggers} database guards are in place, and all ${check.schema} schema objects match the migrations.`,
        );
        if (check.head) console.log(`Anchor (keep it to check later): ${formatAnchor(check.head)}`);
        return 0;
      } finally {
        await db.$disconnect();
      }
    }
    default:
      console.error(`Unknown command: ${argv.join(" ")}\n\n${HELP}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A sentence for the person at the terminal, not a stack trace (the migrator's "database in use", a bad setting).
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
