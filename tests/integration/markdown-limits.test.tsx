// The Markdown limits against a real database (decision 028): each body that once brought the
// server down is refused by the import and by the editor with a message, and nothing is written;
// a body over the limits that is already stored (saved before them) is read, shown without the
// parser, and published only once edited.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { runAction } from "@/lib/actions/define";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { versionContent } from "@/lib/procedures/content";
import { seedContentOf, seedDatabase, DEFAULT_LIBRARY } from "@/lib/procedures/seed";
import { serializeProcedure } from "@/lib/procedures/files";
import { publishVersion } from "@/lib/procedures/publish";
import { PATHOLOGICAL_BODIES } from "../support/pathological-markdown";
import { actionDefinition, as, makeUser, libraryCounts } from "../support/fixtures";

const parsed = vi.hoisted(() => ({ count: 0 }));
vi.mock("react-markdown", async (importOriginal) => {
  const real = await importOriginal<typeof import("react-markdown")>();
  return {
    ...real,
    default: (options: Parameters<typeof real.default>[0]) => {
      parsed.count++;
      return real.default(options);
    },
  };
});
const { Markdown } = await import("@/components/markdown");

let manager: CurrentUser;
const seedProcedure = DEFAULT_LIBRARY.procedures[0]!;

beforeAll(async () => {
  await import("@/lib/procedures/import-actions");
  await import("@/lib/procedures/actions");
  await seedDatabase(db);
  manager = await makeUser("MANAGER");
});

const counts = libraryCounts;

/** A new procedure's file with the given body. */
function fileWith(slug: string, body: string): string {
  const text = serializeProcedure({ ...seedContentOf(seedProcedure), slug, body: "" });
  return `${text}\n${body}\n`;
}

describe("importing a body over the limits", () => {
  it.each(Object.entries(PATHOLOGICAL_BODIES))("refuses %s with a message by file and line, and writes nothing", async (_, body) => {
    const before = await counts();
    const result = await runAction(actionDefinition("procedure.import"), { files: [{ name: "deep.md", text: fileWith("deep-body", body) }], problems: [] }, as(manager));
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ ok: false, error: "Nothing was imported. Fix 1 problem in 1 file and upload again." });
    const listed = (result as { fieldErrors?: Record<string, string[]> }).fieldErrors?.archive ?? [];
    expect(listed).toEqual([expect.stringMatching(/^deep\.md line \d+: .*(more than|at most)/)]);
    expect(await counts()).toEqual(before);
    expect(await db.procedure.findUnique({ where: { slug: "deep-body" } })).toBeNull();
  });

  it("imports the same file with an ordinary body", async () => {
    const result = await runAction(actionDefinition("procedure.import"), { files: [{ name: "fine.md", text: fileWith("fine-body", "> quoted\n\n- **item**") }], problems: [] }, as(manager));
    expect(result).toMatchObject({ ok: true });
    expect(await db.procedure.findUnique({ where: { slug: "fine-body" } })).not.toBeNull();
  });
});

describe("saving a body over the limits in the editor", () => {
  it.each(Object.entries(PATHOLOGICAL_BODIES).filter(([, body]) => body.length <= 50_000))("refuses %s on the body field, and writes nothing", async (_, body) => {
    const before = await counts();
    const content = { ...seedContentOf(seedProcedure), slug: "editor-deep", body };
    const result = await runAction(actionDefinition("procedure.create"), { content: JSON.stringify(content) }, as(manager));
    expect(result.ok).toBe(false);
    const errors = (result as { fieldErrors?: Record<string, string[]> }).fieldErrors ?? {};
    expect(errors["content.body"]?.[0]).toMatch(/^(Line 1 of the body: .*|The body has at most 20,000 characters\.)/);
    expect(await counts()).toEqual(before);
  });
});

describe("a body over the limits stored before them", () => {
  it("is read, and shown as plain text without the parser", async () => {
    // Versions cannot be updated (a trigger refuses it), so one is published as an earlier release did, unchecked.
    const body = PATHOLOGICAL_BODIES["12,400 mixed quote and list levels"]!;
    const procedure = await db.$transaction(async (tx) => {
      const created = await tx.procedure.create({ data: { slug: "stored-before-limits", reviewIntervalMonths: 12 }, select: { id: true } });
      const version = await publishVersion(tx, created.id, { ...seedContentOf(seedProcedure), slug: "stored-before-limits", body }, { source: "EDITOR", changeNote: "Saved before the limits", authorId: manager.id });
      return { currentVersionId: version.id };
    });
    const content = await versionContent(db, procedure.currentVersionId!);
    expect(content?.body).toBe(body.trim());
    parsed.count = 0;
    const html = renderToStaticMarkup(<Markdown source={content!.body} />);
    expect(parsed.count).toBe(0);
    expect(html).toContain('data-markdown="plain"');
    expect(html).toContain("shown unformatted");
  });

  it("is not published from a draft until it is edited", async () => {
    const procedure = await db.procedure.findUniqueOrThrow({ where: { slug: seedProcedure.slug }, select: { id: true, currentVersionId: true } });
    const content = { ...seedContentOf(seedProcedure), body: "> - ".repeat(100) };
    // A draft as an earlier release saved it, without the limits.
    const draft = await db.procedureDraft.create({
      data: { procedureId: procedure.id, baseVersionId: procedure.currentVersionId, content: JSON.stringify(content), authorId: manager.id, status: "APPROVED", approvedById: manager.id },
      select: { revision: true },
    });
    const before = await counts();
    const result = await runAction(actionDefinition("procedure.publish"), { procedureId: procedure.id, expectedRevision: String(draft.revision), changeNote: "Publishing an old draft" }, as(manager));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^Edit the draft before publishing it\. Line 1 of the body: This line opens more than 20/);
    expect(await counts()).toEqual(before);
  });
});
