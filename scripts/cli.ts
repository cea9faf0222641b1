// Opsbook's command line: `npm run cli -- <command>`. Run with --help for the list.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createClient } from "@/lib/db";
import { databaseFile, env } from "@/lib/env";
import { writeAuditEvent } from "@/lib/audit/write";
import { auditHead, checkAnchor, formatAnchor, parseAnchor, verifyAuditChain, type AuditAnchor } from "@/lib/audit/verify";
import { applyMigrations } from "@/lib/maintenance/migrate";
import { seedDatabase } from "@/lib/procedures/seed";
import { CreateUserSchema } from "@/lib/users/schemas";
import { createUser } from "@/lib/users/service";
import { ActionError } from "@/lib/actions/errors";

const HELP = `Usage: npm run cli -- <command> [options]

Commands:
  user add --email EMAIL --name NAME --role ROLE
        Create a user. The password is read from standard input (one line).
        ROLE is VIEWER, OPERATOR, MANAGER or ADMIN.
  db migrate        Apply database migrations.
  db seed           Add the Exchange 2007 library, tools and demo servers (idempotent).
  audit verify [--anchor "#SEQ:HASH"]
        Check the audit trail's hash chain from the first event to the last, and print
        the newest event as an anchor. With --anchor (one printed earlier, for example on
        a monthly review), also prove that no event up to it was removed or rewritten.

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
    for (const issue of parsed.error.issues) console.error(`${issue.path.join(".") || "input"}: ${issue.message}`);
    return 2;
  }
  const db = createClient();
  try {
    const user = await db.$transaction(async (tx) => {
      const created = await createUser(tx, parsed.data);
      await writeAuditEvent(tx, CLI_ACTOR, CLI_REQUEST, { action: "user.create", entityType: "User", entityId: created.id, after: created });
      return created;
    });
    console.log(`Created ${user.role} ${user.name} <${user.email}>.`);
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
    case "db migrate":
      applyMigrations(env().DATABASE_URL);
      console.log(`Migrations applied to ${databaseFile()}.`);
      return 0;
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
        const result = await verifyAuditChain(db);
        if (result.ok) {
          const problem = anchor ? await checkAnchor(db, anchor) : null;
          if (problem) {
            console.error(`Audit trail BROKEN: ${problem}. ${result.verified} events verified.`);
            return 1;
          }
          const head = await auditHead(db);
          console.log(`Audit trail intact: ${result.verified} events verified.${anchor ? ` Anchor #${anchor.seq} matches.` : ""}`);
          if (head) console.log(`Anchor (keep it to check later): ${formatAnchor(head)}`);
          return 0;
        }
        console.error(`Audit trail BROKEN at event #${result.badSeq}: ${result.reason}. ${result.verified} events before it verified.`);
        return 1;
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
    console.error(error instanceof z.ZodError ? error.message : error);
    process.exit(1);
  },
);
