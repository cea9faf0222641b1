import "server-only";
import { db } from "@/lib/db";

export interface Health {
  status: "ok" | "error";
  database: "ok" | "unavailable";
  migrations: number | null;
  time: string;
}

/** A cheap check that the database answers and is migrated. Names no paths or errors. */
export async function checkHealth(): Promise<Health> {
  const time = new Date().toISOString();
  try {
    const rows = await db.$queryRawUnsafe<{ n: bigint | number }[]>(
      `SELECT count(*) AS n FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL`,
    );
    return { status: "ok", database: "ok", migrations: Number(rows[0]?.n ?? 0), time };
  } catch {
    return { status: "error", database: "unavailable", migrations: null, time };
  }
}
