import "server-only";
import { db } from "@/lib/db";
import { generateRuns, generationIntervalMs } from "./generation";

let started = false;

/** Keeps runs generated while the server is up: shortly after start, then on a fixed interval. */
export function startRunGenerationTimer(): void {
  if (started) return;
  started = true;
  const tick = () =>
    generateRuns(db).catch((error: unknown) => {
      console.error("Run generation failed; it will be retried on the next tick", error);
    });
  setTimeout(tick, 2_000).unref();
  setInterval(tick, generationIntervalMs()).unref();
}
