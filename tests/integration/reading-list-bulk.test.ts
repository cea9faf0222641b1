// Adding several procedures to a role's reading list at once: one action, one audit event naming
// them all, the smallest entry for each, and nothing changed when any part of the request is wrong.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { runAction } from "@/lib/actions/define";
import type { CurrentUser } from "@/lib/auth/session";
import { seedDatabase } from "@/lib/procedures/seed";
import { getReadingListEditor } from "@/lib/training/queries";
import { MAX_BULK_PROCEDURES } from "@/lib/training/schemas";
import "@/lib/training/actions";
import { actionDefinition, as, auditCount, makeUser } from "../support/fixtures";

const addMany = actionDefinition("training.reading_list_add_many");
const remove = actionDefinition("training.reading_list_remove");
let manager: CurrentUser;

const idsOf = async (codes: string[]) => (await db.procedure.findMany({ where: { seedCode: { in: codes } }, select: { id: true, seedCode: true } })).sort((a, b) => codes.indexOf(a.seedCode!) - codes.indexOf(b.seedCode!)).map((p) => p.id);
const entries = (role: string) => db.readingListEntry.findMany({ where: { role }, select: { procedureId: true, mode: true }, orderBy: { procedureId: "asc" } });
const state = async () => ({ entries: await db.readingListEntry.findMany({ orderBy: { id: "asc" } }), audit: await auditCount() });

beforeAll(async () => {
  await seedDatabase(db);
  manager = await makeUser("MANAGER");
});

describe("adding several procedures to a reading list", () => {
  it("refuses operators and viewers (deny), writing nothing", async () => {
    const ids = await idsOf(["W1", "W2"]);
    for (const role of ["VIEWER", "OPERATOR"] as const) {
      const user = await makeUser(role);
      const before = await state();
      expect(await runAction(addMany, { role: "VIEWER", procedureIds: ids }, as(user))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
      expect(await state()).toEqual(before);
    }
  });

  it("lets a manager add several at once (allow), with one audit event naming each procedure added", async () => {
    const ids = await idsOf(["W1", "W2", "M1", "A3"]);
    const before = await auditCount();
    const result = await runAction(addMany, { role: "VIEWER", procedureIds: [...ids, ids[0]!] }, as(manager));
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/^4 procedures added to the viewers' reading list: .+\.$/) });
    expect(await entries("VIEWER")).toEqual(ids.map((procedureId) => ({ procedureId, mode: "INCLUDE" })).sort((a, b) => a.procedureId.localeCompare(b.procedureId)));
    expect(await auditCount()).toBe(before + 1);
    const event = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "training.reading_list_add_many", entityType: "ReadingList", entityId: "VIEWER", actorId: manager.id });
    const after = JSON.parse(event.after!) as { added: { procedureId: string; code: string; entry: string }[]; alreadyOnList: string[] };
    expect(after.added.map((a) => a.code).sort()).toEqual(["A3", "M1", "W1", "W2"]);
    expect(after.added.every((a) => a.entry === "INCLUDE")).toBe(true);
    expect(after.alreadyOnList).toEqual([]);
    expect((await getReadingListEditor("VIEWER")).count).toBe(4);
  });

  it("names what was already on the list and leaves it alone; refuses when everything was", async () => {
    const ids = await idsOf(["W1", "W3"]);
    const result = await runAction(addMany, { role: "VIEWER", procedureIds: ids }, as(manager));
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("1 was already on it:") });
    const before = await state();
    expect(await runAction(addMany, { role: "VIEWER", procedureIds: ids }, as(manager))).toMatchObject({ ok: false, error: "All 2 chosen procedures are already on the viewers' reading list." });
    expect(await state()).toEqual(before);
  });

  it("puts a procedure taken off a role's default list back by removing the exclusion, as a single add does", async () => {
    // Check backups (D2) is scheduled for operators, so it is on their list by default.
    const [backups] = await idsOf(["D2"]);
    expect(await runAction(remove, { role: "OPERATOR", procedureId: backups }, as(manager))).toMatchObject({ ok: true });
    expect(await entries("OPERATOR")).toEqual([{ procedureId: backups, mode: "EXCLUDE" }]);
    const [extra] = await idsOf(["A9"]);
    expect(await runAction(addMany, { role: "OPERATOR", procedureIds: [backups, extra] }, as(manager))).toMatchObject({ ok: true });
    expect(await entries("OPERATOR")).toEqual([{ procedureId: extra, mode: "INCLUDE" }]);
  });

  it("refuses unknown or archived procedures, an empty choice and an oversized one, adding nothing at all", async () => {
    const ids = await idsOf(["W5", "W6"]);
    const archived = await db.procedure.update({ where: { seedCode: "A6" }, data: { archivedAt: new Date() }, select: { id: true } });
    const before = await state();
    expect(await runAction(addMany, { role: "VIEWER", procedureIds: [...ids, "no-such-procedure"] }, as(manager))).toMatchObject({
      ok: false,
      error: "One of the chosen procedures does not exist or is archived. Nothing was added; reload the page and choose again.",
    });
    expect(await runAction(addMany, { role: "VIEWER", procedureIds: [...ids, archived.id] }, as(manager))).toMatchObject({ ok: false });
    expect(await runAction(addMany, { role: "VIEWER", procedureIds: [] }, as(manager))).toMatchObject({ ok: false, fieldErrors: { procedureIds: ["Choose at least one procedure to add."] } });
    const tooMany = Array.from({ length: MAX_BULK_PROCEDURES + 1 }, (_, i) => `p${i}`);
    expect(await runAction(addMany, { role: "VIEWER", procedureIds: tooMany }, as(manager))).toMatchObject({ ok: false, fieldErrors: { procedureIds: [`Add at most ${MAX_BULK_PROCEDURES} procedures at once.`] } });
    expect(await runAction(addMany, { role: "ROOT", procedureIds: ids }, as(manager))).toMatchObject({ ok: false, fieldErrors: { role: ["Choose a role."] } });
    expect(await state()).toEqual(before);
    await db.procedure.update({ where: { id: archived.id }, data: { archivedAt: null } });
  });
});
