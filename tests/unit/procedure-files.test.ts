import { describe, expect, it } from "vitest";
import { strToU8, zipSync } from "fflate";
import { DEFAULT_LIBRARY, seedContentOf } from "@/lib/procedures/seed";
import { PATHOLOGICAL_BODIES } from "../support/pathological-markdown";
import {
  FRONT_MATTER_LIMITS,
  IMPORT_LIMITS,
  buildArchive,
  crc32,
  frontMatterProblem,
  entryNameProblem,
  formatProblem,
  parseProcedureFile,
  parseProcedureFiles,
  parseProcedureFilesInTurns,
  readUploads,
  serializeProcedure,
  type FileProblem,
} from "@/lib/procedures/files";

/** A valid procedure file; the line numbers in the tests below refer to it. */
const VALID = [
  "---", //                                    1
  "slug: check-widgets", //                    2
  "title: Check widgets", //                   3
  "cadence: DAILY", //                         4
  "roles: [MAILBOX]", //                       5
  "smf: SYSTEM_ADMINISTRATION", //             6
  "purpose: Make sure the widgets work.", //   7
  "items:", //                                 8
  "  - key: widgets-counted", //               9
  "    kind: NUMBER", //                      10
  "    text: Widgets counted", //             11
  "    unit: widgets", //                     12
  "    min: 1", //                            13
  "    max: 10", //                           14
  "  - key: widgets-colour", //               15
  "    kind: CHOICE", //                      16
  "    text: Colour of the widgets", //       17
  "    choices: [Green, Red]", //             18
  "    pass_choices: [Green]", //             19
  "tools:", //                                20
  "  - tool: exchange-management-shell", //   21
  "    command: Get-Widget", //               22
  "---", //                                   23
  "", //                                      24
  "Count the **widgets**.", //                25
].join("\n");

/** VALID with some lines replaced (1-based line number → new text; null removes the line). */
function edit(changes: Record<number, string | null>): string {
  return VALID.split("\n")
    .flatMap((line, i) => {
      const change = changes[i + 1];
      return change === undefined ? [line] : change === null ? [] : [change];
    })
    .join("\n");
}

function problemsOf(text: string, file = "widgets.md"): FileProblem[] {
  const result = parseProcedureFile(file, text);
  return result.ok ? [] : result.problems;
}

function zip(files: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, typeof data === "string" ? strToU8(data) : data])));
}

const procedures = DEFAULT_LIBRARY.procedures;

describe("procedure files: writing and reading back", () => {
  it.each(procedures.map((p) => [p.code, p.slug, p] as const))("%s %s survives serialize → parse unchanged", (_code, _slug, seed) => {
    const content = seedContentOf(seed);
    const text = serializeProcedure(content, { code: seed.code, version: 3 });
    expect(text.startsWith("---\n")).toBe(true);
    const result = parseProcedureFile(`${content.slug}.md`, text);
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (result.ok) expect(result.procedure.content).toEqual(content);
  });

  it("writes every field but the body in the front matter, and the body after the closing line", () => {
    const content = seedContentOf(procedures.find((p) => p.slug === "examine-message-queues")!);
    const text = serializeProcedure(content, { code: "D5", version: 2 });
    const [, frontMatter, ...rest] = text.split(/^---$/m);
    for (const key of ["slug", "title", "code", "version", "cadence", "roles", "smf", "related_smfs", "review_interval_months", "purpose", "items", "tools", "references"]) {
      expect(frontMatter, key).toMatch(new RegExp(`^${key}:`, "m"));
    }
    expect(frontMatter).toContain("roles: [HUB_TRANSPORT, EDGE_TRANSPORT]");
    expect(frontMatter).toContain("code: D5");
    expect(rest.join("---").trim()).toBe(content.body);
  });

  it("ignores the informational code and version on import", () => {
    const result = parseProcedureFile("w.md", edit({ 3: "title: Check widgets\ncode: X9\nversion: 14" }));
    expect(result.ok).toBe(true);
  });

  it("accepts Windows line endings and a byte order mark", () => {
    const result = parseProcedureFile("w.md", `\uFEFF${VALID.replace(/\n/g, "\r\n")}`);
    expect(result.ok ? result.procedure.content.body : result.problems).toBe("Count the **widgets**.");
  });

  it("a whole-library archive reads back into the same procedures", async () => {
    const contents = procedures.map((p) => seedContentOf(p));
    const archive = await buildArchive(contents.map((content, i) => ({ content, seedCode: procedures[i]!.code, versionNumber: 1 })));
    const read = await readUploads([{ name: "opsbook-procedures.zip", data: archive }]);
    expect(read.problems).toEqual([]);
    expect(read.files.map((f) => f.name).sort()).toEqual(contents.map((c) => `${c.slug}.md`).sort());
    const parsed = parseProcedureFiles(read.files);
    expect(parsed.problems).toEqual([]);
    const bySlug = new Map(parsed.procedures.map((p) => [p.content.slug, p.content]));
    for (const content of contents) expect(bySlug.get(content.slug), content.slug).toEqual(content);
  });
});

describe("procedure files: every problem by file and line", () => {
  it("formats a problem as file, line and message", () => {
    expect(formatProblem({ file: "a.md", line: 12, message: "The minimum (5) is above the maximum (3)." })).toBe("a.md line 12: The minimum (5) is above the maximum (3).");
    expect(formatProblem({ file: "notes.txt", line: null, message: "Only Markdown files." })).toBe("notes.txt: Only Markdown files.");
  });

  it("the valid file has no problem", () => {
    expect(problemsOf(VALID)).toEqual([]);
  });

  it("malformed YAML: the line of the syntax error", () => {
    const problems = problemsOf(edit({ 7: "purpose: Make sure: the widgets work." }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "widgets.md", line: 7 });
    expect(problems[0]!.message).toMatch(/^The front matter is not valid YAML: /);
  });

  it("malformed YAML: a quote never closed points at the opening quote", () => {
    expect(problemsOf(edit({ 3: 'title: "Check widgets' }))).toEqual([{ file: "widgets.md", line: 3, message: 'The front matter is not valid YAML: Missing closing "quote.' }]);
  });

  it("malformed YAML: bad indentation", () => {
    expect(problemsOf(edit({ 10: "   kind: NUMBER" }))).toEqual([{ file: "widgets.md", line: 10, message: expect.stringMatching(/^The front matter is not valid YAML: /) }]);
  });

  it("malformed YAML: a field given twice", () => {
    const problems = problemsOf(edit({ 4: "cadence: DAILY\ntitle: Again" }));
    expect(problems).toEqual([{ file: "widgets.md", line: 5, message: expect.stringMatching(/not valid YAML: Map keys must be unique/) }]);
  });

  it("missing front matter", () => {
    expect(problemsOf("# Check widgets\n\nCount them.")).toEqual([
      { file: "widgets.md", line: 1, message: "The file must begin with front matter: a line holding only ---, the fields, then another --- line before the body." },
    ]);
  });

  it("front matter that is never closed", () => {
    expect(problemsOf(edit({ 23: null, 24: null }))).toEqual([
      { file: "widgets.md", line: 1, message: "The front matter is not closed: add a line holding only --- after the last field." },
    ]);
  });

  it("front matter that is not a set of fields", () => {
    expect(problemsOf("---\n- just\n- a list\n---\nBody")).toEqual([{ file: "widgets.md", line: 2, message: expect.stringMatching(/must be a set of fields/) }]);
  });

  it("unknown cadence", () => {
    expect(problemsOf(edit({ 4: "cadence: HOURLY" }))).toEqual([{ file: "widgets.md", line: 4, message: "Choose a cadence." }]);
  });

  it("empty title, and a missing title", () => {
    expect(problemsOf(edit({ 3: 'title: ""' }))).toEqual([{ file: "widgets.md", line: 3, message: "Title cannot be empty." }]);
    expect(problemsOf(edit({ 3: "title:" }))).toEqual([{ file: "widgets.md", line: 3, message: "Title is required." }]);
    // No title line at all: the problem points at the start of the front matter.
    expect(problemsOf(edit({ 3: null }))).toEqual([{ file: "widgets.md", line: 2, message: "Title is required." }]);
  });

  it("number item without a unit: the line of the item", () => {
    expect(problemsOf(edit({ 12: null }))).toEqual([{ file: "widgets.md", line: 9, message: "A number item needs a unit (for example messages, ms, %)." }]);
  });

  it("minimum above the maximum: the line of the minimum", () => {
    expect(problemsOf(edit({ 13: "    min: 20" }))).toEqual([{ file: "widgets.md", line: 13, message: "The minimum (20) is above the maximum (10)." }]);
  });

  it("choice item without choices", () => {
    expect(problemsOf(edit({ 18: null, 19: null }))).toEqual([{ file: "widgets.md", line: 15, message: "A choice item needs at least two choices." }]);
  });

  it("a pass choice that is not one of the choices", () => {
    expect(problemsOf(edit({ 19: "    pass_choices: [Blue]" }))).toEqual([{ file: "widgets.md", line: 19, message: '"Blue" is not one of the choices.' }]);
  });

  it("duplicate item keys: the line of the second key", () => {
    expect(problemsOf(edit({ 15: "  - key: widgets-counted" }))).toEqual([{ file: "widgets.md", line: 15, message: 'Item key "widgets-counted" is used twice.' }]);
  });

  it("unknown fields, a body in the front matter, and wrong types", () => {
    expect(problemsOf(edit({ 3: "titel: Check widgets" }))).toEqual([
      { file: "widgets.md", line: 2, message: "Title is required." },
      { file: "widgets.md", line: 3, message: expect.stringMatching(/^Unknown field "titel" in the front matter\. Known fields: slug, title/) },
    ]);
    expect(problemsOf(edit({ 7: "purpose: Make sure.\nbody: Count them." }))).toEqual([
      { file: "widgets.md", line: 8, message: 'Unknown field "body" in the front matter. The body goes below the closing --- line.' },
    ]);
    expect(problemsOf(edit({ 12: "    unit: widgets\n    colour: blue" }))).toEqual([{ file: "widgets.md", line: 13, message: expect.stringMatching(/^Unknown field "colour" in checklist item 1\./) }]);
    expect(problemsOf(edit({ 14: '    max: "ten"' }))).toEqual([{ file: "widgets.md", line: 14, message: "Maximum must be a number." }]);
    expect(problemsOf(edit({ 20: "tools: none", 21: null, 22: null }))).toEqual([{ file: "widgets.md", line: 20, message: '"tools" must be a list.' }]);
    expect(problemsOf(edit({ 21: "  - command: Get-Widget", 22: null }))).toEqual([{ file: "widgets.md", line: 21, message: "Slug is required." }]);
  });

  it("several problems of one file are all reported, in line order", () => {
    const problems = problemsOf(edit({ 4: "cadence: HOURLY", 12: null, 13: "    min: 20", 18: null, 19: null }));
    // Lines 12, 18 and 19 are removed, so the min is now on line 12 and the choice item on line 14.
    expect(problems.map((p) => p.line)).toEqual([4, 9, 12, 14]);
  });

  it("a script in the body: the first line of the body", () => {
    const problems = problemsOf(edit({ 25: "<script>alert(1)</script>" }));
    expect(problems).toEqual([{ file: "widgets.md", line: 25, message: expect.stringMatching(/^Remove the HTML that could run code/) }]);
  });

  it("duplicate slugs across files: each file is told of the other", () => {
    const result = parseProcedureFiles([
      { name: "a.md", text: VALID },
      { name: "b.md", text: edit({ 3: "title: Check the widgets again" }) },
      { name: "c.md", text: edit({ 2: "slug: check-gadgets" }) },
    ]);
    expect(result.procedures.map((p) => p.file)).toEqual(["a.md", "b.md", "c.md"]);
    expect(result.problems).toEqual([
      { file: "a.md", line: 2, message: 'The slug "check-widgets" is also used by b.md; each procedure must be in one file.' },
      { file: "b.md", line: 2, message: 'The slug "check-widgets" is also used by a.md; each procedure must be in one file.' },
    ]);
  });

  it("names the tools of every readable file with their lines, valid or not, for the catalogue check", () => {
    const result = parseProcedureFiles([
      { name: "a.md", text: VALID },
      { name: "b.md", text: edit({ 2: "slug: check-gadgets", 4: "cadence: HOURLY", 21: "  - tool: gadget-viewer" }) },
      { name: "c.md", text: "no front matter" },
    ]);
    expect(result.tools).toEqual([
      { file: "a.md", tool: "exchange-management-shell", line: 21 },
      { file: "b.md", tool: "gadget-viewer", line: 21 },
    ]);
  });

  it("problems of several files are collected together", () => {
    const result = parseProcedureFiles([
      { name: "b.md", text: edit({ 13: "    min: 20" }) },
      { name: "a.md", text: "no front matter" },
      { name: "c.md", text: edit({ 2: "slug: check-gadgets" }) },
    ]);
    expect(result.problems.map(formatProblem)).toEqual([
      "a.md line 1: The file must begin with front matter: a line holding only ---, the fields, then another --- line before the body.",
      "b.md line 13: The minimum (20) is above the maximum (10).",
    ]);
    expect(result.procedures.map((p) => p.file)).toEqual(["c.md"]);
  });
});

describe("procedure files: reading uploads safely", () => {
  it("reads the .md files of an archive, and loose .md files", async () => {
    const result = await readUploads([
      { name: "library.zip", data: zip({ "check-widgets.md": VALID }) },
      { name: "check-gadgets.md", data: strToU8(edit({ 2: "slug: check-gadgets" })) },
    ]);
    expect(result.problems).toEqual([]);
    expect(result.files.map((f) => f.name)).toEqual(["check-widgets.md", "check-gadgets.md"]);
    expect(result.files[0]!.text).toBe(VALID);
  });

  it("a file that is not an archive, and a damaged one", async () => {
    const notZip = await readUploads([{ name: "library.zip", data: strToU8("this is plain text, not a zip archive at all") }]);
    expect(notZip).toEqual({ files: [], problems: [{ file: "library.zip", line: null, message: expect.stringMatching(/^This is not a \.zip archive, or it is damaged\. Nothing was imported\./) }] });
    const good = zip({ "a.md": VALID, "b.md": VALID.replace("check-widgets", "check-gadgets") });
    const truncated = await readUploads([{ name: "cut.zip", data: good.subarray(0, good.length - 30) }]);
    expect(truncated.files).toEqual([]);
    expect(truncated.problems).toEqual([{ file: "cut.zip", line: null, message: expect.stringMatching(/not a \.zip archive, or it is damaged/) }]);
  });

  it("an empty archive", async () => {
    expect((await readUploads([{ name: "empty.zip", data: zip({}) }])).problems).toEqual([{ file: "empty.zip", line: null, message: "There is no .md file in this archive." }]);
  });

  it("nothing chosen", async () => {
    expect((await readUploads([])).problems).toEqual([{ file: "", line: null, message: expect.stringMatching(/^Choose a \.zip archive/) }]);
  });

  it("too many files in one archive", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i <= IMPORT_LIMITS.files; i++) files[`p${i}.md`] = "x";
    const result = await readUploads([{ name: "many.zip", data: zip(files) }]);
    expect(result).toEqual({ files: [], problems: [{ file: "many.zip", line: null, message: `The archive holds ${IMPORT_LIMITS.files + 1} files; at most ${IMPORT_LIMITS.files} can be imported at once. Split it into smaller archives.` }] });
  });

  it("too large an upload is refused before it is opened", async () => {
    const result = await readUploads([{ name: "huge.zip", data: new Uint8Array(IMPORT_LIMITS.uploadBytes + 1) }]);
    expect(result.problems).toEqual([{ file: "huge.zip", line: null, message: "This upload is larger than 4 MB, the most that can be imported at once. Split it into smaller archives." }]);
  });

  it("a file that unpacks too large is not unpacked (a zip bomb stays small)", async () => {
    const bomb = new Uint8Array(IMPORT_LIMITS.fileBytes + 1).fill(0x20);
    const result = await readUploads([{ name: "bomb.zip", data: zip({ "big.md": bomb, "check-widgets.md": VALID }) }]);
    expect(result.problems).toEqual([{ file: "big.md", line: null, message: "This file unpacks to more than 1 MB, the most one procedure file may hold." }]);
    expect(result.files.map((f) => f.name)).toEqual(["check-widgets.md"]);
  });

  it("an entry that unpacks to more than its header declares is caught while unpacking", async () => {
    const archive = zip({ "liar.md": "x".repeat(5000) });
    // Rewrite the declared uncompressed size (local header offset 22, central directory offset 24) to 100 bytes.
    const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
    for (let i = 0; i + 4 <= archive.length; i++) {
      const signature = view.getUint32(i, true);
      if (signature === 0x04034b50) view.setUint32(i + 22, 100, true);
      if (signature === 0x02014b50) view.setUint32(i + 24, 100, true);
    }
    const result = await readUploads([{ name: "liar.zip", data: archive }]);
    expect(result.files).toEqual([]);
    expect(result.problems).toEqual([{ file: "liar.md", line: null, message: "This file could not be unpacked: the archive is damaged." }]);
  });

  it("names with directories, .. or absolute paths, and files that are not .md", async () => {
    const result = await readUploads([
      { name: "library.zip", data: zip({ "../evil.md": VALID, "/etc/evil.md": VALID, "C:/evil.md": VALID, "docs/check-widgets.md": VALID, "notes.txt": "hello", "README": "x", "check-widgets.md": VALID }) },
    ]);
    expect(result.files.map((f) => f.name)).toEqual(["check-widgets.md"]);
    const outside = "This file name points outside the archive (an absolute path or ..); it was not read.";
    expect(result.problems).toEqual([
      { file: "../evil.md", line: null, message: outside },
      { file: "/etc/evil.md", line: null, message: outside },
      { file: "C:/evil.md", line: null, message: outside },
      { file: "docs/check-widgets.md", line: null, message: "Files inside folders are not imported: put the .md files at the top level of the archive." },
      { file: "notes.txt", line: null, message: "Only Markdown files (.md) can be imported; remove this file from the archive." },
      { file: "README", line: null, message: "Only Markdown files (.md) can be imported; remove this file from the archive." },
    ]);
  });

  it("checks entry names strictly", () => {
    expect(entryNameProblem("a.md")).toBeNull();
    expect(entryNameProblem("A-B.MD")).toBeNull();
    expect(entryNameProblem("..\\evil.md")).toMatch(/outside the archive/);
    expect(entryNameProblem("a/../b.md")).toMatch(/outside the archive/);
    expect(entryNameProblem("a\u0000.md")).toMatch(/control characters/);
    expect(entryNameProblem("a.md.exe")).toMatch(/Only Markdown/);
  });

  it("skips the files an operating system adds to archives", async () => {
    const result = await readUploads([{ name: "mac.zip", data: zip({ "check-widgets.md": VALID, "__MACOSX/._check-widgets.md": "junk", ".DS_Store": "junk" }) }]);
    expect(result).toEqual({ files: [{ name: "check-widgets.md", text: VALID }], problems: [] });
  });

  it("text that is not UTF-8", async () => {
    const latin1 = Uint8Array.from([...strToU8("---\ntitle: Caf"), 0xe9, ...strToU8("\n---\n")]);
    const result = await readUploads([{ name: "library.zip", data: zip({ "cafe.md": latin1 }) }, { name: "loose.md", data: latin1 }]);
    const message = "This file is not UTF-8 text. Save it with UTF-8 encoding and import it again.";
    expect(result).toEqual({ files: [], problems: [{ file: "cafe.md", line: null, message }, { file: "loose.md", line: null, message }] });
  });

  it("uploads that are neither an archive nor .md files, and two files of the same name", async () => {
    const result = await readUploads([
      { name: "procedures.docx", data: strToU8("x") },
      { name: "one.zip", data: zip({ "check-widgets.md": VALID }) },
      { name: "check-widgets.md", data: strToU8(VALID) },
    ]);
    expect(result.problems).toEqual([
      { file: "procedures.docx", line: null, message: "Only a .zip archive or .md files can be imported." },
      { file: "check-widgets.md", line: null, message: "Two files in this upload have this name; keep one." },
    ]);
    expect(result.files).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Limits before any parser (decision 028)

describe("bodies over the Markdown limits", () => {
  it.each(Object.entries(PATHOLOGICAL_BODIES))("refuses a file whose body is %s, by the file's line", (_, body) => {
    const problems = problemsOf(`${VALID.split("\n").slice(0, 24).join("\n")}\n${body}`);
    // The body starts on line 25 of the file, and each of these goes over a limit on its first line.
    expect(problems).toContainEqual({ file: "widgets.md", line: 25, message: expect.stringMatching(/more than|at most/) });
  });

  it("points at the line of the body where the limit is reached", () => {
    const problems = problemsOf(`${VALID}\n\nMore text.\n\n${"> ".repeat(25)}deep`);
    expect(problems).toEqual([{ file: "widgets.md", line: 29, message: expect.stringContaining("nest at most 20 deep") }]);
  });

  it("parses the same a file at a time with turns between, as in one go", async () => {
    const files = [
      { name: "a.md", text: VALID },
      { name: "b.md", text: edit({ 2: "slug: other-widgets" }) },
      { name: "c.md", text: `${VALID}\n${"*a".repeat(300)}` },
      { name: "d.md", text: "no front matter" },
    ];
    const inTurns = await parseProcedureFilesInTurns(files);
    const inOneGo = parseProcedureFiles(files);
    expect(inTurns.problems).toEqual(inOneGo.problems);
    expect(inTurns.procedures.map((p) => p.content)).toEqual(inOneGo.procedures.map((p) => p.content));
    expect(inTurns.problems.map((p) => p.file)).toEqual(["c.md", "d.md"]);
  });
});

describe("front matter limits", () => {
  const withFrontMatter = (extra: string) => VALID.replace("tools:\n", `${extra}\ntools:\n`);

  // Found by the import fuzzing: within the limits, an unclosed "{" before some two thousand keys
  // ran the YAML parser out of stack, and the import failed with an error instead of a problem.
  it("reports front matter that runs the parser out of stack as a problem of the file", () => {
    const keys = Array.from({ length: 1_943 }, (_, i) => `k${i}: 1`).join("\n");
    const text = `---\n{: \n${keys}\n,: /!CJg1_J\n---\n${"Q($%".repeat(600)}\n`;
    const problems = problemsOf(text);
    expect(problems).toEqual([{ file: "widgets.md", line: 2, message: "The front matter is nested too deeply for the parser to read; check its brackets and indentation." }]);
  });

  it("refuses 30,000 unknown keys before parsing them, by the line where the count runs over", () => {
    const keys = Array.from({ length: 30_000 }, (_, i) => `${i.toString(36)}: 1`).join("\n");
    const problems = problemsOf(withFrontMatter(keys));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: "widgets.md", message: expect.stringContaining("more than 4,000 colons, commas and question marks") });
    // Lines 2-19 hold 19 separators (a colon each, and the comma of [Green, Red]), so the 4,001st
    // is the colon of the 3,982nd key, on line 20 + 3,981.
    expect(problems[0]!.line).toBe(20 + 4_000 - 19);
  });

  it("refuses keys in a flow map, explicit keys, and a front matter too large, the same way", () => {
    expect(frontMatterProblem(`x: {${Array.from({ length: 5_000 }, (_, i) => `k${i}`).join(", ")}}`)?.message).toContain("too many fields");
    expect(frontMatterProblem("? a\n".repeat(4_001))?.message).toContain("too many fields");
    expect(frontMatterProblem("#".repeat(FRONT_MATTER_LIMITS.chars + 1))?.message).toContain("at most 262,144");
  });

  it("refuses brackets nested too deep", () => {
    expect(frontMatterProblem(`x: ${"[".repeat(17)}${"]".repeat(17)}`)).toMatchObject({ line: 2, message: expect.stringContaining("more than 16 deep") });
    expect(frontMatterProblem(`x: ${"[".repeat(16)}${"]".repeat(16)}`)).toBeNull();
    expect(problemsOf(withFrontMatter(`deep: ${"[".repeat(100_000)}`))[0]!.message).toContain("more than 16 deep");
  });

  it("refuses more aliases than the limit (a billion laughs stays small)", () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(",")}]`)].join("\n");
    const problems = problemsOf(withFrontMatter(laughs));
    expect(problems).toEqual([{ file: "widgets.md", line: 2, message: expect.stringMatching(/could not be read: .*alias/i) }]);
  });

  it("passes the front matter of every seeded procedure well within the limits", () => {
    for (const p of DEFAULT_LIBRARY.procedures) {
      const text = serializeProcedure(seedContentOf(p));
      const yamlText = text.slice(4, text.indexOf("\n---\n"));
      expect(frontMatterProblem(yamlText), p.slug).toBeNull();
      expect(yamlText.length).toBeLessThan(FRONT_MATTER_LIMITS.chars / 20);
    }
  });

  it("reports a key given twice in each map where it happens", () => {
    const problems = problemsOf(VALID.replace("    unit: widgets\n", "    unit: widgets\n    unit: gadgets\n").replace("    text: Colour of the widgets\n", "    text: Colour of the widgets\n    text: again\n"));
    expect(problems.map((p) => [p.line, p.message.match(/"(\w+)" is given twice/)?.[1]])).toEqual([
      [13, "unit"],
      [19, "text"],
    ]);
  });
});

describe("zip entries", () => {
  it("refuses an entry whose CRC-32 does not match its content, naming it", async () => {
    // Stored (not deflated) so that a changed byte of content still unpacks to the declared size.
    const archive = zipSync({ "check-widgets.md": [strToU8(VALID), { level: 0 }], "other.md": [strToU8(edit({ 2: "slug: other-widgets" })), { level: 0 }] });
    const at = findBytes(archive, strToU8("Count the **widgets**"));
    archive[at] = "K".charCodeAt(0);
    const result = await readUploads([{ name: "damaged.zip", data: archive }]);
    expect(result.problems).toEqual([{ file: "check-widgets.md", line: null, message: expect.stringMatching(/^This file's checksum \(CRC-32\) does not match/) }]);
    expect(result.files.map((f) => f.name)).toEqual(["other.md"]);
  });

  it("refuses an entry whose content is shorter than its header declares", async () => {
    const archive = zip({ "short.md": "x".repeat(100) });
    const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
    for (let i = 0; i + 4 <= archive.length; i++) {
      const signature = view.getUint32(i, true);
      if (signature === 0x04034b50) view.setUint32(i + 22, 5000, true);
      if (signature === 0x02014b50) view.setUint32(i + 24, 5000, true);
    }
    const result = await readUploads([{ name: "short.zip", data: archive }]);
    expect(result.files).toEqual([]);
    expect(result.problems).toEqual([{ file: "short.md", line: null, message: "This file could not be unpacked: the archive is damaged." }]);
  });

  it("refuses names with backslashes, control characters or too many characters", async () => {
    const long = `${"a".repeat(300)}.md`;
    const result = await readUploads([{ name: "names.zip", data: zip({ "a\\b.md": VALID, "tab\there.md": VALID, "del\u007f.md": VALID, [long]: VALID }) }]);
    expect(result.files).toEqual([]);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        { file: "a\\b.md", line: null, message: expect.stringContaining("outside the archive") },
        // Without the UTF-8 flag the names read as code page 437, where control bytes are symbols.
        { file: "tab\u25cbhere.md", line: null, message: expect.stringContaining("control characters") },
        { file: "del\u2302.md", line: null, message: expect.stringContaining("control characters") },
        { file: `${"a".repeat(60)}…`, line: null, message: "This file name is longer than 200 characters; give the file a shorter name." },
      ]),
    );
  });

  it("computes CRC-32 as zip does", () => {
    expect(crc32(strToU8("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});

function findBytes(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error("not found");
}
