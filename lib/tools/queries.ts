import "server-only";
import { db } from "@/lib/db";

/** Every tool with the published procedures that use it, for the catalogue page. */
export async function listToolCatalogue() {
  const tools = await db.tool.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      description: true,
      uses: { where: { version: { currentOf: { is: { archivedAt: null } } } }, select: { version: { select: { title: true, procedure: { select: { slug: true } } } } } },
    },
  });
  return tools.map(({ uses, ...tool }) => {
    const procedures = new Map(uses.map((u) => [u.version.procedure.slug, u.version.title]));
    return { ...tool, procedures: [...procedures].map(([slug, title]) => ({ slug, title })).sort((a, b) => a.title.localeCompare(b.title)) };
  });
}
