// Generated uploads through the whole import: archives (some damaged on purpose), front matter and
// Markdown bodies built from the pieces that trouble parsers, read by readUploads, parsed in one go
// and in turns, and sent to the real import action on a real database. Whatever comes in, nothing
// throws, the answer is never the catch-all message of an unexpected error, and a refused import
// writes nothing. Sizes are kept small so that each run is quick; the limits themselves are tested
// at full size in tests/unit/markdown-limits.test.ts and tests/unit/procedure-files.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import { runAction } from "@/lib/actions/define";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { parseProcedureFiles, parseProcedureFilesInTurns, readUploads, serializeProcedure, type Upload } from "@/lib/procedures/files";
import { DEFAULT_LIBRARY, seedContentOf, seedDatabase } from "@/lib/procedures/seed";
import { actionDefinition, as, makeUser, libraryCounts } from "../support/fixtures";

const CATCH_ALL = "Something went wrong on the server";
let manager: CurrentUser;

beforeAll(async () => {
  await import("@/lib/procedures/import-actions");
  await seedDatabase(db, { demoServers: false, library: { ...DEFAULT_LIBRARY, procedures: [], schedules: [] } });
  manager = await makeUser("MANAGER");
});

const counts = libraryCounts;

/** Pieces of Markdown that parsers find costly or surprising, repeated. */
const markdownPiece = fc.oneof(
  fc.constantFrom(">", "> ", "- ", "* ", "+ ", "1. ", "1) ", "*", "**", "_", "__", "~~", "`", "```", "[", "](", "<", "|", "|---", "---", "\n", "\n\n", "\r\n", "\t", "    ", "#", "&amp;", "!["),
  fc.string({ maxLength: 12 }),
);
const markdownBody = fc.oneof(
  fc.array(markdownPiece, { maxLength: 60 }).map((parts) => parts.join("")),
  fc.tuple(markdownPiece, fc.integer({ min: 1, max: 3_000 })).map(([piece, n]) => piece.repeat(n)),
);

/** Front matter lines: known fields with odd values, unknown keys, anchors, aliases, brackets. */
const yamlLine = fc.oneof(
  fc.constantFrom("slug: fuzzed-procedure", "title: Fuzzed", "cadence: DAILY", "smf: SYSTEM_ADMINISTRATION", "purpose: Fuzzing.", "items:", "  - key: done", "    kind: CHECK", "    text: Done", "roles: [MAILBOX]"),
  fc.constantFrom("a: &a [1, 2]", "b: [*a, *a, *a]", "? x", "{", "[[[[", "]]", "'unterminated", '"esc\\', "!!binary abc", "<<: *a", "- x", "tools:", "  - tool: no-such-tool", "references:", "  - {title: T, url: javascript:alert(1)}"),
  fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 })).map(([k, v]) => `${k}: ${v}`),
  fc.integer({ min: 1, max: 2_000 }).map((n) => Array.from({ length: n }, (_, i) => `k${i}: 1`).join("\n")),
);
const procedureFile = fc.oneof(
  fc.tuple(fc.array(yamlLine, { maxLength: 20 }), markdownBody).map(([lines, body]) => `---\n${lines.join("\n")}\n---\n${body}`),
  // A valid procedure with a generated body: the body alone decides.
  markdownBody.map((body) => `${serializeProcedure({ ...seedContentOf(DEFAULT_LIBRARY.procedures[1]!), slug: "fuzzed-valid", body: "" })}\n${body}`),
  fc.string({ maxLength: 200 }),
);
const entryName = fc.oneof(fc.constantFrom("a.md", "b.md", "../up.md", "/abs.md", "dir/x.md", "x\\y.md", "notes.txt", "a.md"), fc.string({ maxLength: 30 }).map((s) => `${s}.md`));

/** Corruptions of an archive's bytes: one byte changed, cut short, or left alone. */
const corruption = fc.oneof(
  fc.constant(null),
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => ({ kind: "byte" as const, at, byte })),
  fc.nat().map((at) => ({ kind: "cut" as const, at })),
);

const upload: fc.Arbitrary<Upload[]> = fc.oneof(
  fc.tuple(fc.array(fc.tuple(entryName, procedureFile, fc.boolean()), { minLength: 1, maxLength: 6 }), corruption).map(([entries, damage]) => {
    const files: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
    for (const [name, text, stored] of entries) files[name] = [strToU8(text), { level: stored ? 0 : 6 }];
    let data = zipSync(files);
    if (damage?.kind === "byte") {
      data = data.slice();
      data[damage.at % data.length] = damage.byte;
    } else if (damage?.kind === "cut") {
      data = data.subarray(0, damage.at % data.length);
    }
    return [{ name: "library.zip", data }];
  }),
  fc.array(fc.tuple(entryName, procedureFile), { minLength: 1, maxLength: 4 }).map((files) => files.map(([name, text]) => ({ name, data: strToU8(text) }))),
);

describe("import fuzzing", () => {
  it("never throws, never answers with the catch-all, and writes nothing when it refuses", async () => {
    await fc.assert(
      fc.asyncProperty(upload, async (uploads) => {
        const read = await readUploads(uploads);
        const inOneGo = parseProcedureFiles(read.files);
        const inTurns = await parseProcedureFilesInTurns(read.files);
        expect(inTurns.problems).toEqual(inOneGo.problems);
        const before = await counts();
        const result = await runAction(actionDefinition("procedure.import"), read, as(manager));
        if (!result.ok) {
          expect(result.error).not.toContain(CATCH_ALL);
          expect(result.error).toMatch(/^Nothing was imported\.|^Some fields need attention\.|^The form/);
          expect(await counts()).toEqual(before);
        } else {
          expect(inOneGo.problems).toEqual([]);
        }
      }),
      // A fixed seed: a run fails or passes the same at any hour. (A random seed found the parser's
      // stack overflow that the unit tests now pin.)
      { numRuns: 100, seed: 20_261_207 },
    );
  }, 240_000);
});
