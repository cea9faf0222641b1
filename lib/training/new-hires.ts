// The new hires' default reading list. New hires are viewers (the README's "Viewer (new hire)"):
// operators and managers get the procedures of their scheduled work by default
// (reading-list.ts, scheduleRolesFor), viewers are never assigned work, so without this their
// Training page starts empty.
//
// The list: every daily procedure (the work a new hire will soon do or watch every day), the
// as-needed recovery procedures and the reading page on MOF, by their library codes:
//   A3 Recover a mailbox — restoring a mailbox from the dumpster or a recovery storage group;
//   A7 Verify store integrity — Eseutil / Isinteg when a database will not mount or is damaged;
//   A8 Review disaster recovery preparation — the recovery plan, what is backed up and how a
//      server is rebuilt;
//   A11 How this team runs Exchange 2007 with MOF — the reading page that places the daily,
//      weekly and monthly work, incidents, changes and the management reviews on MOF.
// The other as-needed tasks (joiners and leavers, public folders, security audit, baselines,
// offline defragmentation, monitoring set-up) are planned work a new hire does not need first.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { MOF_READING_CODE } from "@/lib/mof/model";
import { liveProcedures } from "./data";

export const NEW_HIRE_ROLE = "VIEWER" as const;
export const NEW_HIRE_RECOVERY_CODES = ["A3", "A7", "A8"] as const;
/** The reading page "How this team runs Exchange 2007 with MOF". */
export const NEW_HIRE_MOF_READING_CODE = MOF_READING_CODE;
/** Every code on the default list besides the dailies. */
export const NEW_HIRE_CODES = [...NEW_HIRE_RECOVERY_CODES, NEW_HIRE_MOF_READING_CODE] as const;

/** Which of the live procedures go on the new hires' list: dailies and the codes above. */
export function newHireSelection<T extends { cadence: string; code: string | null }>(procedures: readonly T[]): T[] {
  const codes: readonly string[] = NEW_HIRE_CODES;
  return procedures.filter((p) => p.cadence === "DAILY" || (p.code !== null && codes.includes(p.code)));
}

/**
 * Puts the default list on the viewers' reading list, once. Called by first-admin setup, which
 * succeeds exactly once per database, so a list a manager later empties is never filled again; and
 * only while the viewers have no entry at all, so a list someone already started is left alone.
 * Returns the codes (or slugs, for procedures written in the portal) that were added.
 */
export async function seedNewHireReadingList(tx: Prisma.TransactionClient): Promise<string[]> {
  if ((await tx.readingListEntry.count({ where: { role: NEW_HIRE_ROLE } })) > 0) return [];
  const chosen = newHireSelection(await liveProcedures(tx));
  for (const p of chosen) await tx.readingListEntry.create({ data: { role: NEW_HIRE_ROLE, procedureId: p.id, mode: "INCLUDE" } });
  return chosen.map((p) => p.code ?? p.slug);
}
