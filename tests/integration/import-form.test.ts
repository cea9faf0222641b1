// The import form's own action: it reads the upload, parses it a file and a step at a time, and
// hands the parsed result to the audited action. The session is the only thing replaced here (the
// form's action asks for the signed-in user itself); the database and the action are real.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { strToU8, zipSync } from "fflate";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { serializeProcedure } from "@/lib/procedures/files";
import { DEFAULT_LIBRARY, seedContentOf, seedDatabase } from "@/lib/procedures/seed";
import { makeUser, libraryCounts } from "../support/fixtures";
import { PATHOLOGICAL_BODIES } from "../support/pathological-markdown";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: async () => session.user,
}));
const { importProceduresAction } = await import("@/lib/procedures/import-actions");

const seed = DEFAULT_LIBRARY.procedures[2]!;
const fileFor = (slug: string, body: string) => `${serializeProcedure({ ...seedContentOf(seed), slug, body: "" })}\n${body}\n`;

function form(files: Record<string, string>): FormData {
  const data = new FormData();
  const archive = zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
  data.append("archive", new File([archive], "library.zip", { type: "application/zip" }));
  return data;
}

const counts = libraryCounts;

beforeAll(async () => {
  await seedDatabase(db, { demoServers: false, library: { ...DEFAULT_LIBRARY, procedures: [], schedules: [] } });
  session.user = await makeUser("MANAGER");
});

describe("the import form's action", () => {
  it("imports an archive, parsed in turns before the audited action runs", async () => {
    const result = await importProceduresAction(null, form({ "a.md": fileFor("form-import-a", "Some **text**."), "b.md": fileFor("form-import-b", "- one\n- two") }));
    expect(result).toMatchObject({ ok: true, message: "Imported 2 files: 2 new procedures published." });
    expect(await db.procedure.count({ where: { slug: { in: ["form-import-a", "form-import-b"] } } })).toBe(2);
  });

  it("refuses every pathological body by file and line, with nothing written", async () => {
    const before = await counts();
    const files = Object.fromEntries(Object.values(PATHOLOGICAL_BODIES).map((body, i) => [`bad-${i}.md`, fileFor(`form-bad-${i}`, body)]));
    const result = await importProceduresAction(null, form(files));
    expect(result).toMatchObject({ ok: false, error: "Nothing was imported. Fix 4 problems in 4 files and upload again." });
    const listed = !result.ok ? result.fieldErrors.archive! : [];
    expect(listed).toHaveLength(4);
    for (const line of listed) expect(line).toMatch(/^bad-\d\.md line \d+: /);
    expect(await counts()).toEqual(before);
  });

  it("refuses an entry whose checksum is wrong, naming it", async () => {
    const before = await counts();
    const archive = zipSync({ "crc.md": [strToU8(fileFor("form-crc", "Checksum")), { level: 0 }] });
    const at = Buffer.from(archive).indexOf("Checksum");
    archive[at] = "K".charCodeAt(0);
    const data = new FormData();
    data.append("archive", new File([archive], "library.zip"));
    const result = await importProceduresAction(null, data);
    expect(!result.ok && result.fieldErrors.archive).toEqual([expect.stringMatching(/^crc\.md: This file's checksum \(CRC-32\) does not match/)]);
    expect(await counts()).toEqual(before);
  });

  it("refuses a caller without the permission before reading the upload", async () => {
    const manager = session.user;
    session.user = await makeUser("OPERATOR");
    try {
      const result = await importProceduresAction(null, form({ "a.md": fileFor("form-import-denied", "x") }));
      expect(result).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    } finally {
      session.user = manager;
    }
  });
});
