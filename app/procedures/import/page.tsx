import type { Metadata } from "next";
import Link from "next/link";
import { ImportForm } from "@/components/procedures/import-form";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { IMPORT_LIMITS } from "@/lib/procedures/files";
import { importProceduresAction } from "@/lib/procedures/import-actions";

export const metadata: Metadata = { title: "Import procedures" };

export default async function ImportProceduresPage() {
  await requirePage("/procedures/import");
  return (
    <div className="space-y-5">
      <div>
        <p className="text-sm">
          <Link href="/procedures" className="text-brand-700 underline">
            Procedures
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">Import procedures</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Upload procedure files: Markdown with the fields in front matter, one procedure per file. Every file is checked
          first; if any has a problem, nothing is imported and each problem is listed with its file and line.
        </p>
      </div>
      <div className="grid gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="upload" className={`${cardClass} self-start p-5`}>
          <h2 id="upload" className="mb-3 text-lg font-semibold">
            Upload
          </h2>
          <ImportForm action={importProceduresAction} maxBytes={IMPORT_LIMITS.uploadBytes} />
        </section>
        <section aria-labelledby="how" className={`${cardClass} self-start p-5 text-sm text-slate-700`}>
          <h2 id="how" className="mb-2 text-lg font-semibold text-slate-900">
            What happens
          </h2>
          <ul className="list-disc space-y-1.5 pl-5">
            <li>A slug not yet in the library becomes a new procedure, published as version 1.</li>
            <li>
              A slug already in the library opens a <strong>draft</strong> with the file&apos;s content; the published version
              stays as it is until someone reviews and publishes the draft. A file identical to the published version is left
              alone.
            </li>
            <li>Tools are named by their slug and must already be in the tools catalogue.</li>
            <li>
              At most {IMPORT_LIMITS.files} files and {Math.round(IMPORT_LIMITS.uploadBytes / (1024 * 1024))} MB at once; only
              .md files at the top level of the archive are read.
            </li>
          </ul>
          <p className="mt-3">
            The easiest start is an export:{" "}
            <a href="/api/procedures/export" className="text-brand-700 underline" download>
              download the library as a .zip
            </a>
            , edit the files, and upload them here.
          </p>
        </section>
      </div>
    </div>
  );
}
