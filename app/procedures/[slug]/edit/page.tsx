import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Markdown } from "@/components/markdown";
import { ProcedureEditor } from "@/components/procedures/editor/procedure-editor";
import { buttonClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";
import {
  approveDraftAction,
  discardDraftAction,
  publishDraftAction,
  saveDraftAction,
  submitDraftAction,
} from "@/lib/procedures/actions";
import { getEditorData } from "@/lib/procedures/authoring-queries";
import { getDraftLibraryNote } from "@/lib/procedures/library-note-queries";
import { formatDateTime } from "@/lib/time/format";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  return { title: `Edit ${slug}` };
}

export default async function EditProcedurePage({ params }: Params) {
  const { slug } = await params;
  const user = await requirePage("/procedures/[slug]/edit", `/procedures/${slug}/edit`);
  const data = await getEditorData(slug);
  if (!data || !data.content || data.procedure.archived) notFound();
  const { procedure, draft } = data;
  const title = data.content.title;
  // A draft a library release offered carries the library's corrections beside the team's text.
  const libraryNote = draft ? await getDraftLibraryNote(procedure.id) : "";

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm text-slate-600">
            {procedure.code ? `${procedure.code} · ` : ""}
            {procedure.currentVersion ? `Published version ${procedure.currentVersion.number}` : "Not published yet"}
          </p>
          <h1 className="text-2xl font-semibold">Edit: {title}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {draft
              ? `Editing the open draft, last saved ${formatDateTime(draft.updatedAt, data.timeZone)}. Readers see the published version until the draft is published.`
              : "Your first save opens a draft. Readers keep seeing the published version until it is published."}
          </p>
        </div>
        <div className="flex gap-2">
          {procedure.currentVersion && (
            <>
              <Link href={`/procedures/${procedure.slug}`} className={buttonClass.secondary}>View published</Link>
              <Link href={`/procedures/${procedure.slug}/versions`} className={buttonClass.secondary}>Versions</Link>
            </>
          )}
        </div>
      </div>
      {libraryNote && (
        <section aria-labelledby="library-corrections" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-slate-800">
          <h2 id="library-corrections" className="mb-2 text-base font-semibold">Library corrections</h2>
          <div className="prose-ops">
            <Markdown source={libraryNote} />
          </div>
        </section>
      )}
      <ProcedureEditor
        key={draft ? `draft-${draft.id}` : "published"}
        mode="edit"
        procedureId={procedure.id}
        initial={data.content}
        revision={draft?.revision ?? 0}
        tools={data.tools}
        variables={data.variables}
        action={saveDraftAction}
        draft={
          draft
            ? {
                status: draft.status,
                authorName: draft.authorName,
                approvedByName: draft.approvedByName,
                canApprove: can(user.role, "procedure:approve") && !draft.editorIds.includes(user.id),
              }
            : null
        }
        draftActions={{ submit: submitDraftAction, approve: approveDraftAction, publish: publishDraftAction, discard: discardDraftAction }}
        requireSecondApproval={data.requireSecondApproval}
        published={procedure.currentVersion !== null}
      />
    </div>
  );
}
