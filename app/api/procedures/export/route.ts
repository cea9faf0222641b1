import { userWith } from "@/lib/auth/guard";
import { exportLibraryArchive, exportProcedureFile } from "@/lib/procedures/file-export";
import { SlugSchema } from "@/lib/procedures/schemas";

export const dynamic = "force-dynamic";

/**
 * The procedure library as Markdown files: the whole library as a .zip, or with ?slug= one
 * procedure as a .md file. Managers only; anyone else is told there is nothing here.
 */
export async function GET(request: Request) {
  if (!(await userWith("procedure:edit"))) return new Response("Not found.", { status: 404 });
  const slugParam = new URL(request.url).searchParams.get("slug");
  if (slugParam !== null) {
    const slug = SlugSchema.safeParse(slugParam);
    const file = slug.success ? await exportProcedureFile(slug.data) : null;
    if (!file) return new Response("Not found.", { status: 404 });
    return new Response(file.text, {
      headers: {
        "Content-Type": "text/markdown; charset=utf-8",
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  }
  const archive = await exportLibraryArchive();
  return new Response(new Blob([archive.data as Uint8Array<ArrayBuffer>]), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${archive.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
