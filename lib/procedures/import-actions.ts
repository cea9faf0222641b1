"use server";
// Import of procedure files (decision 010). Everything is checked before anything is written: the
// archive, every file's front matter and body, the tools each file names, and what already exists
// under each slug. One problem anywhere and nothing is imported; the form lists every problem by
// file and line. Otherwise a new slug becomes a procedure published as version 1, and an existing
// slug gets a draft to review and publish (never a new version over the current one).
import { z } from "zod";
import { defineAction, type FormAction } from "@/lib/actions/define";
import { Invalid } from "@/lib/actions/errors";
import type { ActionResult, ActionState } from "@/lib/actions/result";
import { canonicalJson } from "@/lib/audit/chain";
import { can } from "@/lib/auth/policy";
import { getCurrentUser } from "@/lib/auth/session";
import type { Prisma } from "@/lib/generated/prisma/client";
import { versionContent } from "./content";
import { createDraft, createProcedureWithDraft } from "./drafts";
import {
  IMPORT_LIMITS,
  formatProblem,
  parseProcedureFiles,
  parseProcedureFilesInTurns,
  readUploads,
  sortProblems,
  type FileProblem,
  type ParsedFiles,
  type ProcedureFile,
  type ToolReference,
  type Upload,
} from "./files";
import { contentPlaceholderProblems } from "./content-placeholders";
import { knownPlaceholderNames } from "./placeholder-queries";
import { publishVersion } from "./publish";
import type { ProcedureContent } from "./schemas";
import { readSettings } from "@/lib/settings/organisation";

/**
 * An upload already read and parsed, a file at a time with turns of the event loop between them
 * (importProceduresAction). Its result is held in a private field: the generic input check sees an
 * object without fields, and only this module can make one, so no client can send one.
 */
class ParsedUpload {
  readonly #parsed: ParsedFiles;
  constructor(parsed: ParsedFiles) {
    this.#parsed = parsed;
  }
  get parsed(): ParsedFiles {
    return this.#parsed;
  }
}

const ImportSchema = z
  // Loose, so that the form's parsed upload (under "upload") comes through beside the fields.
  .looseObject({
    /** The files unpacked from the upload (see importProceduresAction). */
    files: z
      .array(z.object({ name: z.string().min(1).max(255), text: z.string().max(IMPORT_LIMITS.fileBytes) }), { error: "The upload could not be read." })
      .max(IMPORT_LIMITS.files, `Import at most ${IMPORT_LIMITS.files} files at once.`),
    /** What could not be unpacked. */
    problems: z.array(z.object({ file: z.string().max(1000), line: z.number().int().nullable(), message: z.string().max(2000) })).max(10_000).default([]),
  })
  .transform((input): ParsedFiles => {
    // The form parsed its upload already, in turns; only an object this module made is taken.
    const upload = (input as { upload?: unknown }).upload;
    if (upload instanceof ParsedUpload) return upload.parsed;
    // Other callers (tests, scripts) bring the files; they are parsed here, in one go, before the
    // transaction starts and takes the database's write lock.
    const parsed = parseProcedureFiles(input.files);
    return { procedures: parsed.procedures, tools: parsed.tools, problems: [...input.problems, ...parsed.problems] };
  });

export interface ImportedProcedure {
  slug: string;
  title: string;
  file: string;
}

export interface ImportSummary {
  created: ImportedProcedure[];
  drafted: ImportedProcedure[];
  unchanged: ImportedProcedure[];
}

type Plan =
  | { kind: "create"; file: ProcedureFile }
  | { kind: "draft"; file: ProcedureFile; procedureId: string; baseVersionId: string | null }
  | { kind: "unchanged"; file: ProcedureFile };

/** Content as stored: what publishing keeps and drops, so equal content compares equal. */
function comparable(content: ProcedureContent): string {
  return canonicalJson({
    ...content,
    roles: [...content.roles].sort(),
    items: content.items.map((item) => ({ ...item, unit: item.kind === "NUMBER" ? item.unit : undefined, counter: item.counter || undefined })),
  });
}

/** The checks that need the database. Adds to `problems`; returns what to do with each file. */
async function planImport(tx: Prisma.TransactionClient, files: ProcedureFile[], tools: ToolReference[], problems: FileProblem[]): Promise<Plan[]> {
  // Tools named by every file that could be read, valid or not, so each file hears of all its problems.
  const toolSlugs = [...new Set(tools.map((t) => t.tool))];
  const known = new Set((await tx.tool.findMany({ where: { slug: { in: toolSlugs } }, select: { slug: true } })).map((t) => t.slug));
  for (const ref of tools) {
    if (!known.has(ref.tool)) {
      problems.push({ file: ref.file, line: ref.line, message: `There is no tool "${ref.tool}" in the tools catalogue; use the slug of a catalogued tool (see Tools).` });
    }
  }

  // Placeholders must name a field Opsbook knows or a variable defined in this portal.
  const variables = await knownPlaceholderNames(tx);
  for (const f of files) {
    for (const problem of contentPlaceholderProblems(f.content, variables)) problems.push({ file: f.file, line: f.lineOf(problem.path), message: problem.message });
  }

  const existing = await tx.procedure.findMany({
    where: { slug: { in: files.map((f) => f.content.slug) } },
    select: { id: true, slug: true, archivedAt: true, currentVersionId: true, drafts: { take: 1, select: { author: { select: { name: true } } } } },
  });
  const bySlug = new Map(existing.map((p) => [p.slug, p]));
  const plans: Plan[] = [];
  for (const f of files) {
    const procedure = bySlug.get(f.content.slug);
    if (!procedure) {
      plans.push({ kind: "create", file: f });
      continue;
    }
    const slugLine = f.lineOf(["slug"]);
    if (procedure.archivedAt) {
      problems.push({ file: f.file, line: slugLine, message: `The procedure "${f.content.slug}" is archived and cannot be changed; give this file another slug to import it as a new procedure.` });
      continue;
    }
    const current = procedure.currentVersionId ? await versionContent(tx, procedure.currentVersionId) : null;
    if (current && comparable(current) === comparable(f.content)) {
      plans.push({ kind: "unchanged", file: f });
      continue;
    }
    const draft = procedure.drafts[0];
    if (draft) {
      problems.push({
        file: f.file,
        line: slugLine,
        message: `"${f.content.slug}" already has an open draft (started by ${draft.author.name}). Publish or discard that draft, then import this file again.`,
      });
      continue;
    }
    plans.push({ kind: "draft", file: f, procedureId: procedure.id, baseVersionId: procedure.currentVersionId });
  }
  return plans;
}

function rejection(problems: FileProblem[]): Invalid {
  const sorted = sortProblems(problems);
  // A problem of the upload as a whole (nothing chosen, too large): there is no file to name.
  if (sorted.length === 1 && sorted[0]!.file === "") return new Invalid(`Nothing was imported. ${sorted[0]!.message}`, { archive: [sorted[0]!.message] });
  const files = new Set(sorted.map((p) => p.file)).size;
  const listed = sorted.slice(0, IMPORT_LIMITS.problems).map(formatProblem);
  if (sorted.length > listed.length) listed.push(`… and ${sorted.length - listed.length} more problems.`);
  const count = sorted.length === 1 ? "1 problem" : `${sorted.length} problems`;
  return new Invalid(`Nothing was imported. Fix ${count} in ${files === 1 ? "1 file" : `${files} files`} and upload again.`, { archive: listed });
}

const importAction = defineAction({
  name: "procedure.import",
  permission: "procedure:edit",
  schema: ImportSchema,
  revalidate: ["/procedures", "/procedures/review", "/training"],
  async handler(input, { tx, user }) {
    const problems = [...input.problems];
    const plans = await planImport(tx, input.procedures, input.tools, problems);
    if (problems.length > 0) throw rejection(problems);
    // The form always brings a file or a problem; a direct call may bring neither.
    if (plans.length === 0) throw rejection([{ file: "", line: null, message: "Choose a .zip archive of procedure files, or .md files, to import." }]);

    // When a second manager must approve what is published, new procedures arrive as drafts too.
    const approvalRequired = (await readSettings(tx)).requireSecondApproval;
    const summary: ImportSummary = { created: [], drafted: [], unchanged: [] };
    const audit: { created: unknown[]; drafted: unknown[]; unchanged: unknown[] } = { created: [], drafted: [], unchanged: [] };
    for (const plan of plans) {
      const { file, content } = plan.file;
      const entry = { slug: content.slug, title: content.title, file };
      if (plan.kind === "create" && approvalRequired) {
        const { procedureId, draftId } = await createProcedureWithDraft(tx, { content, authorId: user.id });
        summary.drafted.push(entry);
        audit.drafted.push({ slug: content.slug, file, procedureId, draftId, baseVersionId: null });
      } else if (plan.kind === "create") {
        const procedure = await tx.procedure.create({ data: { slug: content.slug, reviewIntervalMonths: content.reviewIntervalMonths }, select: { id: true } });
        const version = await publishVersion(tx, procedure.id, content, { source: "IMPORT", changeNote: `Imported from ${file}`, authorId: user.id });
        summary.created.push(entry);
        audit.created.push({ slug: content.slug, file, procedureId: procedure.id, versionId: version.id, version: version.number });
      } else if (plan.kind === "draft") {
        const draft = await createDraft(tx, { procedureId: plan.procedureId, content, authorId: user.id, baseVersionId: plan.baseVersionId });
        summary.drafted.push(entry);
        audit.drafted.push({ slug: content.slug, file, procedureId: plan.procedureId, draftId: draft.id, baseVersionId: plan.baseVersionId });
      } else {
        summary.unchanged.push(entry);
        audit.unchanged.push({ slug: content.slug, file });
      }
    }

    const parts = [
      summary.created.length ? `${summary.created.length} new ${summary.created.length === 1 ? "procedure" : "procedures"} published` : null,
      summary.drafted.length ? `${summary.drafted.length} ${summary.drafted.length === 1 ? "draft" : "drafts"} opened for review` : null,
      summary.unchanged.length ? `${summary.unchanged.length} unchanged` : null,
    ].filter(Boolean);
    const total = plans.length;
    return {
      audit: { action: "procedure.import", entityType: "ProcedureLibrary", entityId: "procedures", after: { files: total, ...audit } },
      message: `Imported ${total === 1 ? "1 file" : `${total} files`}: ${parts.join(", ")}.`,
      data: summary,
    };
  },
});

/**
 * The form's action. Uploaded files do not survive the generic FormData-to-object step, and an
 * archive is best unpacked before the audited action opens its transaction, so this reads the
 * upload and hands the files to the audited action. The permission is checked before anything
 * is unpacked; the audited action checks it again, as always.
 */
export async function importProceduresAction(state: ActionState, form: FormData): Promise<ActionResult> {
  const user = await getCurrentUser();
  const action = importAction as FormAction;
  // Refused callers get the audited action's own refusal, without their upload being read.
  if (!user || !can(user.role, "procedure:edit")) return action(state, new FormData());
  const uploads: Upload[] = [];
  // Anything but a form (a hostile client can send other arguments) counts as an empty upload.
  for (const value of form instanceof FormData ? form.getAll("archive") : []) {
    if (typeof value === "string" || value.size === 0) continue;
    uploads.push({ name: value.name, data: new Uint8Array(await value.arrayBuffer()) });
  }
  const read = await readUploads(uploads);
  // Each file is parsed in turns of its own (decision 028); the problems of reading come first.
  const parsed = await parseProcedureFilesInTurns(read.files);
  const upload = new ParsedUpload({ procedures: parsed.procedures, tools: parsed.tools, problems: [...read.problems, ...parsed.problems] });
  // defineAction's actions take a plain object as well as FormData.
  return action(state, { files: [], problems: [], upload } as unknown as FormData);
}
