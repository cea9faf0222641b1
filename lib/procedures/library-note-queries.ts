// Reads the library's note on a draft (library-upgrade.ts) for the edit page.
import "server-only";
import { db } from "@/lib/db";

/** The library's note on a procedure's open draft; "" when there is no draft or it is the team's own. */
export async function getDraftLibraryNote(procedureId: string): Promise<string> {
  const draft = await db.procedureDraft.findFirst({ where: { procedureId }, select: { libraryNote: true } });
  return draft?.libraryNote ?? "";
}
