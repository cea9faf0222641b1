// The one Prisma client of the process. Reused across dev-server reloads so connections are not
// opened again on every edit.
import "server-only";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseFile } from "@/lib/env";
import { createAdapter } from "@/lib/sql";

export type Db = InstanceType<typeof PrismaClient>;

export function createClient(file: string = databaseFile()): Db {
  return new PrismaClient({
    adapter: createAdapter(file),
    transactionOptions: { maxWait: 15_000, timeout: 30_000 },
  });
}

const globalForDb = globalThis as unknown as { opsbookDb?: Db };

export const db: Db = globalForDb.opsbookDb ?? createClient();
globalForDb.opsbookDb = db;
