// Export of published procedures as Markdown files (decision 010): the whole library as a .zip of
// <slug>.md files, or one procedure as a single .md file.
import "server-only";
import { db, type Db } from "@/lib/db";
import { allCurrentContent, versionContent } from "./content";
import { buildArchive, procedureFileName, serializeProcedure } from "./files";

export interface LibraryArchive {
  fileName: string;
  data: Uint8Array;
  count: number;
}

/** The current version of every published, unarchived procedure, one file each, in a .zip. */
export async function exportLibraryArchive(client: Db = db, now: Date = new Date()): Promise<LibraryArchive> {
  const entries = await allCurrentContent(client);
  return {
    fileName: `opsbook-procedures-${now.toISOString().slice(0, 10)}.zip`,
    data: await buildArchive(entries, now),
    count: entries.length,
  };
}

/** One published, unarchived procedure as a .md file, or null when there is none with this slug. */
export async function exportProcedureFile(slug: string, client: Db = db): Promise<{ fileName: string; text: string } | null> {
  const procedure = await client.procedure.findUnique({
    where: { slug },
    select: { seedCode: true, archivedAt: true, currentVersion: { select: { id: true, number: true } } },
  });
  if (!procedure?.currentVersion || procedure.archivedAt) return null;
  const content = await versionContent(client, procedure.currentVersion.id);
  if (!content) return null;
  return { fileName: procedureFileName(content.slug), text: serializeProcedure(content, { code: procedure.seedCode, version: procedure.currentVersion.number }) };
}
