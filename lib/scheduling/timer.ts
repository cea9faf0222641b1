import "server-only";
import { db } from "@/lib/db";
import { pruneSecurityRecords } from "@/lib/auth/housekeeping";
import { generateRuns, generationIntervalMs } from "./generation";

let started = false;

/**
 * Keeps runs generated while the server is up: shortly after start, then on a fixed interval.
 * The same tick prunes old sign-in attempts and sessions.
 */
export function startRunGenerationTimer(): void {
  if (started) return;
  started = true;
  const tick = async () => {
    await generateRuns(db).catch((error: unknown) => {
      console.error("Run generation failed; it will be retried on the next tick", error);
    });
    await pruneSecurityRecords(db).catch((error: unknown) => {
      console.error("Pruning old sign-in records failed; it will be retried on the next tick", error);
    });
  };
  setTimeout(tick, 2_000).unref();
  setInterval(tick, generationIntervalMs()).unref();
}
