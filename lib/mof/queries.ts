// Reads of the MOF map: the live procedures with the MOF fields of their current versions, and
// their runs due in the window, counted in one statement (lib/sql MOF_RUN_COUNTS_SQL).
import "server-only";
import { db, type Db } from "@/lib/db";
import { parseJsonArray } from "@/lib/json";
import type { Cadence } from "@/lib/procedures/vocabulary";
import { RUN_STATES, type RunState } from "@/lib/scheduling/run-state";
import type { RunStateCount } from "@/lib/runs/run-summary";
import { MOF_RUN_COUNTS_SQL } from "@/lib/sql";
import { addDays } from "@/lib/time/dates";
import { buildMofMap, type MapProcedure, type MofMap } from "./map";
import { MOF_MAP_WINDOW_DAYS } from "./model";

const DAY_MS = 86_400_000;

type CountRow = { procedureId: string; state: string; hasFailures: bigint | number; hasNa: bigint | number; n: bigint | number };

/**
 * Each procedure's runs due in [now − days, now), by state and kind of exception. The local-date
 * range is a day wider than the window on each side, which holds every zone's dates.
 */
export async function runCountsByProcedure(client: Db, now: Date, days: number = MOF_MAP_WINDOW_DAYS): Promise<Map<string, RunStateCount[]>> {
  const since = new Date(now.getTime() - days * DAY_MS);
  const today = now.toISOString().slice(0, 10);
  const rows = await client.$queryRawUnsafe<CountRow[]>(MOF_RUN_COUNTS_SQL, now.toISOString(), since.toISOString(), addDays(today, -days - 1), addDays(today, 1));
  const counts = new Map<string, RunStateCount[]>();
  for (const row of rows) {
    if (!(RUN_STATES as readonly string[]).includes(row.state)) continue;
    const list = counts.get(row.procedureId) ?? [];
    const failures = Number(row.hasFailures) ? 1 : 0;
    const na = Number(row.hasNa) ? 1 : 0;
    list.push({
      state: row.state as RunState,
      hasExceptions: row.state === "COMPLETED_WITH_EXCEPTIONS",
      failedItems: failures,
      naItems: na,
      count: Number(row.n),
    });
    counts.set(row.procedureId, list);
  }
  return counts;
}

/** The live procedures with the MOF placement of their current versions. */
export async function mapProcedures(client: Db): Promise<MapProcedure[]> {
  const rows = await client.procedure.findMany({
    where: { archivedAt: null, currentVersionId: { not: null } },
    select: {
      id: true,
      slug: true,
      seedCode: true,
      currentVersion: { select: { title: true, cadence: true, smf: true, relatedSmfs: true, managementReview: true } },
    },
  });
  return rows.flatMap((row) => {
    const v = row.currentVersion;
    if (!v) return [];
    return [
      {
        id: row.id,
        slug: row.slug,
        code: row.seedCode,
        title: v.title,
        cadence: v.cadence as Cadence,
        smf: v.smf,
        relatedSmfs: parseJsonArray<string>(v.relatedSmfs),
        managementReview: v.managementReview,
      },
    ];
  });
}

/** The MOF map as of `now`: the model, the procedures on it and their last 30 days of runs. */
export async function getMofMap(now: Date, client: Db = db): Promise<MofMap> {
  const [procedures, counts] = await Promise.all([mapProcedures(client), runCountsByProcedure(client, now)]);
  return buildMofMap(procedures, counts, MOF_MAP_WINDOW_DAYS);
}
