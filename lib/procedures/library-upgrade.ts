// What a library release does to a portal that already holds procedures (decision 003): untouched
// seeded procedures get the new text as a version and their unstarted runs follow it; a procedure
// the team edited keeps its text and is offered a draft, which starts from the team's version and
// lists the library's corrections in its note. There is no automatic merge.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { writeAuditEvent, type AuditActor, type RequestInfo } from "@/lib/audit/write";
import { markdownProblem } from "@/lib/markdown/limits";
import { versionContent } from "./content";
import { oneLine } from "./seed-checks";
import { diffContent, itemFields, type ContentDiff } from "./diff";
import type { ProcedureContent } from "./schemas";

/** The action of the audit event that records a draft offered by a library release. */
export const LIBRARY_DRAFT_ACTION = "procedure.library_draft";

const LIMIT = { value: 240, lines: 12, entries: 40, chars: 12_000 } as const;

function clip(text: string, max: number = LIMIT.value): string {
  const one = oneLine(text);
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const value = clip(text);
  if (!value) return "(none)";
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${longest ? " " : ""}${value}${longest ? " " : ""}${fence}`;
}

/** Plain text in a Markdown line: the characters that would format it are escaped. */
function plain(text: string, max: number = LIMIT.value): string {
  return clip(text, max).replace(/([\\`*_~[\]<>|#])/g, "\\$1");
}

function bounded(lines: string[], max: number, what: string): string[] {
  return lines.length <= max ? lines : [...lines.slice(0, max), `- … and ${lines.length - max} more ${what}; compare the versions for the rest.`];
}

function correctionLines(diff: ContentDiff): string[] {
  const out: string[] = [];
  if (diff.fields.length > 0) {
    out.push("", "**Procedure details**", "");
    for (const f of diff.fields) out.push(`- ${f.label}: ${plain(f.before) || "(none)"} → ${plain(f.after) || "(none)"}`);
  }
  if (diff.bodyChanged) {
    const added = diff.body
      .filter((p) => p.added)
      .flatMap((p) => p.value.split("\n"))
      .map((line) => line.trim())
      .filter(Boolean);
    out.push("", "**Instructions** (new or reworded lines of the library's text)", "");
    out.push(...bounded(added.map((line) => `- ${plain(line)}`), LIMIT.lines, "lines"));
    if (added.length === 0) out.push("- Lines were removed; compare the versions for them.");
  }
  if (diff.items.length > 0) {
    out.push("", "**Checklist items**", "");
    const lines = diff.items.map((change) => {
      if (change.kind === "added") return `- ${code(change.key)} added: ${plain(change.after.text)}${rangeOf(change.after)}`;
      if (change.kind === "removed") return `- ${code(change.key)} removed: ${plain(change.before.text)}`;
      if (change.kind === "moved") return `- ${code(change.key)} moved to position ${change.position + 1}.`;
      const fields = change.fields.map((f) => `${f.label}: ${plain(f.before) || "(none)"} → ${plain(f.after) || "(none)"}`);
      return `- ${code(change.key)} changed. ${fields.join("; ")}${change.moved ? " (also moved)" : ""}`;
    });
    out.push(...bounded(lines, LIMIT.entries, "items"));
  }
  if (diff.tools.length > 0) {
    out.push("", "**Commands and tools**", "");
    const lines = diff.tools.map((t) => {
      if (t.kind === "added") return `- ${plain(t.tool)} added: ${code(t.after!.command || t.after!.purpose)}`;
      if (t.kind === "removed") return `- ${plain(t.tool)} removed: ${code(t.before!.command || t.before!.purpose)}`;
      return t.before!.command !== t.after!.command
        ? `- ${plain(t.tool)}: ${code(t.before!.command)} → ${code(t.after!.command)}`
        : `- ${plain(t.tool)}, purpose: ${plain(t.before!.purpose)} → ${plain(t.after!.purpose)}`;
    });
    out.push(...bounded(lines, LIMIT.entries, "commands"));
  }
  return out;
}

function rangeOf(item: ProcedureContent["items"][number]): string {
  if (item.kind !== "NUMBER") return "";
  const range = itemFields(item).range?.[1];
  return range ? ` (${plain(range)})` : "";
}

/**
 * The note of a draft offered to a team that edited a seeded procedure: why the library changed it
 * (its change note), then each correction, the library's old text beside its new text. Markdown,
 * bounded in length and inside the Markdown limits; `before` is the library text the portal last
 * had (its latest seeded version), null when it has none.
 */
export function libraryCorrectionsNote(input: { changeNote: string | undefined; before: ProcedureContent | null; after: ProcedureContent }): string {
  const why = input.changeNote?.trim() || "A newer Opsbook library release changed this procedure.";
  const head = [
    "A new release of the Opsbook Exchange 2007 library corrected this procedure. Your team had edited it, so your version was not replaced:",
    "this draft starts from your current version, and nothing of the library's text is in it yet. Apply the corrections you want, then publish",
    "the draft, or discard it to keep your version as it is.",
    "",
    `**Why:** ${plain(why, 2_000)}`,
  ];
  const corrections = input.before ? correctionLines(diffContent(input.before, input.after)) : ["", "The portal had no earlier library text of this procedure to compare with; see the library's current text on the versions page."];
  let note = [...head, ...corrections].join("\n");
  if (note.length > LIMIT.chars) note = `${note.slice(0, LIMIT.chars)}…\n\nThe list is cut short here; compare the versions for the rest.`;
  // The note is rendered as Markdown; one that the parser should not have is kept to its first part.
  if (markdownProblem(note)) note = [...head, "", "The corrections are too many to list here; compare the versions of this procedure."].join("\n");
  return note;
}

export type DraftOffer =
  | { outcome: "offered"; draftId: string }
  | { outcome: "existing-draft" }
  | { outcome: "already-offered" }
  | { outcome: "no-author" };

/**
 * Offers the library's corrections to a procedure the team edited, as a draft starting from the
 * team's current version. None when the procedure already has a draft (the team's or an earlier
 * offer) or when this library text (its seed hash) was offered before, even if that draft was
 * discarded since; none when nobody could own the draft. One audit event per draft.
 */
export async function offerLibraryDraft(
  tx: Prisma.TransactionClient,
  actor: AuditActor,
  request: RequestInfo,
  input: { procedureId: string; currentVersionId: string; content: ProcedureContent; changeNote: string | undefined; seedHash: string },
): Promise<DraftOffer> {
  // Offered once per release: an open draft of this very offer is not reported again at each start.
  const offers = await tx.auditEvent.findMany({ where: { entityType: "Procedure", entityId: input.procedureId, action: LIBRARY_DRAFT_ACTION }, select: { after: true } });
  if (offers.some((o) => (JSON.parse(o.after ?? "{}") as { seedHash?: string }).seedHash === input.seedHash)) return { outcome: "already-offered" };
  if ((await tx.procedureDraft.count({ where: { procedureId: input.procedureId } })) > 0) return { outcome: "existing-draft" };

  const current = await tx.procedureVersion.findUniqueOrThrow({ where: { id: input.currentVersionId }, select: { id: true, number: true, author: { select: { id: true, active: true } } } });
  const authorId =
    (current.author?.active ? current.author.id : null) ??
    (await tx.user.findFirst({ where: { active: true, role: { in: ["ADMIN", "MANAGER"] } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } }))?.id;
  if (!authorId) return { outcome: "no-author" };

  const teamContent = await versionContent(tx, current.id);
  if (!teamContent) return { outcome: "no-author" };
  const lastSeed = await tx.procedureVersion.findFirst({ where: { procedureId: input.procedureId, source: "SEED" }, orderBy: { number: "desc" }, select: { id: true, number: true } });
  const before = lastSeed ? await versionContent(tx, lastSeed.id) : null;
  const libraryNote = libraryCorrectionsNote({ changeNote: input.changeNote, before, after: input.content });
  const draft = await tx.procedureDraft.create({
    data: { procedureId: input.procedureId, baseVersionId: current.id, content: JSON.stringify(teamContent), authorId, libraryNote },
    select: { id: true },
  });
  await writeAuditEvent(tx, actor, request, {
    action: LIBRARY_DRAFT_ACTION,
    entityType: "Procedure",
    entityId: input.procedureId,
    after: { draftId: draft.id, authorId, baseVersion: current.number, librarySeedVersion: lastSeed?.number ?? null, seedHash: input.seedHash, libraryNote },
  });
  return { outcome: "offered", draftId: draft.id };
}
