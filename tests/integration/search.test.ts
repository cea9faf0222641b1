import { beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { db } from "@/lib/db";
import { seedContentOf, seedDatabase } from "@/lib/procedures/seed";
import { getProcedureForReading, listLibrary, listToolsWithUse, parseLibraryFilter } from "@/lib/procedures/queries";
import { searchProcedures } from "@/lib/procedures/search";
import { seedProcedures } from "@/prisma/seed/library";

beforeAll(async () => {
  await seedDatabase(db);
});

const titles = (entries: { title: string }[]) => entries.map((e) => e.title);

describe("searching the library", () => {
  it("puts 'Examine message queues' first for 'queue'", async () => {
    const results = await listLibrary({ q: "queue" });
    expect(results.length).toBeGreaterThan(1);
    expect(results[0]!.title).toBe("Examine message queues");
  });

  it("puts 'Check backups' first for 'backup'", async () => {
    const results = await listLibrary({ q: "backup" });
    expect(results[0]!.title).toBe("Check backups");
  });

  it("finds the queue procedure by its cmdlet, 'Get-Queue'", async () => {
    const results = await listLibrary({ q: "Get-Queue" });
    expect(titles(results)).toContain("Examine message queues");
    expect(results[0]!.title).toBe("Examine message queues");
  });

  it("puts the obvious procedure first for other everyday searches", async () => {
    expect((await listLibrary({ q: "disk" }))[0]!.title).toBe("Check disk usage");
    expect((await listLibrary({ q: "mail flow" }))[0]!.title).toBe("Check message paths and mail flow");
  });

  it("matches every word and the last one as a prefix", async () => {
    const prefix = await listLibrary({ q: "backu" });
    expect(titles(prefix)).toContain("Check backups");
    const both = await listLibrary({ q: "backup mailbox" });
    const backup = new Set(titles(await listLibrary({ q: "backup" })));
    const mailbox = new Set(titles(await listLibrary({ q: "mailbox" })));
    expect(both.length).toBeGreaterThan(0);
    for (const title of titles(both)) {
      expect(backup.has(title) && mailbox.has(title), title).toBe(true);
    }
  });

  it("marks the matched words in a snippet", async () => {
    const [first] = await listLibrary({ q: "backup" });
    expect(first!.snippet).toMatch(/\[\[[^\]]*\]\]/);
    expect((await listLibrary({}))[0]!.snippet).toBeNull();
  });

  it("returns [] when nothing matches, and for text without words", async () => {
    expect(await listLibrary({ q: "zyxwvutsrq" })).toEqual([]);
    expect(await listLibrary({ q: "queue zyxwvutsrq" })).toEqual([]);
    expect(await searchProcedures(db, '"*()"')).toEqual([]);
  });

  it("never throws on arbitrary text, FTS5 syntax included (property)", async () => {
    const syntax = fc.constantFrom('"', "'", "*", "(", ")", ":", "^", "-", "+", "NEAR", "NEAR(", "AND", "OR", "NOT", "title:", "{title}", " ", "queue", "é", "\u0000", "\\", "%", "_", ",");
    const text = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 60 }),
      fc.string({ unit: "binary", maxLength: 60 }),
      fc.array(syntax, { maxLength: 15 }).map((parts) => parts.join("")),
    );
    await fc.assert(
      fc.asyncProperty(text, async (q) => {
        const results = await listLibrary({ q });
        expect(Array.isArray(results)).toBe(true);
        // Whatever arrives in the query string goes through the same path.
        const { filter } = parseLibraryFilter({ q });
        await listLibrary(filter);
      }),
      { numRuns: 150 },
    );
  });
});

describe("filtering the library", () => {
  it("lists every procedure in cadence and code order without filters", async () => {
    const all = await listLibrary({});
    expect(all).toHaveLength(seedProcedures.length);
    expect(all.slice(0, 3).map((e) => e.code)).toEqual(["D1", "D2", "D3"]);
    // Codes in number order: A9 before A10.
    const asNeeded = all.filter((e) => e.cadence === "AS_NEEDED").map((e) => e.code);
    expect(asNeeded.slice(0, 2)).toEqual(["A1", "A2"]);
    expect(asNeeded.indexOf("A9")).toBeLessThan(asNeeded.indexOf("A10"));
    expect(all.at(-1)!.code).toBe(`A${asNeeded.length}`);
  });

  it("gives the weekly procedures, W1 to the last, for cadence=WEEKLY", async () => {
    const weekly = await listLibrary({ cadence: "WEEKLY" });
    const count = seedProcedures.filter((p) => p.cadence === "WEEKLY").length;
    expect(count).toBeGreaterThanOrEqual(12);
    expect(weekly).toHaveLength(count);
    expect(weekly.every((e) => e.cadence === "WEEKLY")).toBe(true);
    expect(weekly.map((e) => e.code)).toEqual(Array.from({ length: count }, (_, i) => `W${i + 1}`));
  });

  it("includes the Unified Messaging health check for role=UNIFIED_MESSAGING, and only procedures with that role", async () => {
    const um = await listLibrary({ role: "UNIFIED_MESSAGING" });
    expect(titles(um)).toContain("Check Unified Messaging health");
    expect(um.every((e) => e.roles.includes("UNIFIED_MESSAGING"))).toBe(true);
    const expected = seedProcedures.filter((p) => p.roles.includes("UNIFIED_MESSAGING")).map((p) => p.title);
    expect(titles(um).sort()).toEqual(expected.sort());
  });

  it("lists the procedures that use a tool for tool=<slug>", async () => {
    const viewer = await listLibrary({ tool: "queue-viewer" });
    expect(titles(viewer)).toContain("Examine message queues");
    const expected = seedProcedures.filter((p) => p.tools.some((t) => t.tool === "queue-viewer")).map((p) => p.title);
    expect(titles(viewer).sort()).toEqual(expected.sort());
    expect(await listLibrary({ tool: "no-such-tool" })).toEqual([]);
  });

  it("filters by MOF function", async () => {
    const storage = await listLibrary({ smf: "STORAGE_MANAGEMENT" });
    const expected = seedProcedures.filter((p) => p.smf === "STORAGE_MANAGEMENT").map((p) => p.title);
    expect(storage.length).toBe(expected.length);
    expect(storage.every((e) => e.smf === "STORAGE_MANAGEMENT")).toBe(true);
  });

  it("combines search text with a cadence filter", async () => {
    const all = await listLibrary({ q: "queue" });
    const daily = await listLibrary({ q: "queue", cadence: "DAILY" });
    const weekly = await listLibrary({ q: "queue", cadence: "WEEKLY" });
    expect(daily.length).toBeGreaterThan(0);
    expect(daily[0]!.title).toBe("Examine message queues");
    expect(daily.every((e) => e.cadence === "DAILY")).toBe(true);
    expect(weekly.every((e) => e.cadence === "WEEKLY")).toBe(true);
    expect(titles(weekly)).not.toContain("Examine message queues");
    // The filtered results keep the ranking order of the unfiltered search.
    const order = titles(all);
    expect(titles(daily)).toEqual(order.filter((t) => titles(daily).includes(t)));
    expect(daily.length + weekly.length).toBeLessThanOrEqual(all.length);
  });
});

describe("reading a procedure and the tools catalogue", () => {
  it("returns null for an unknown slug", async () => {
    expect(await getProcedureForReading("no-such-procedure")).toBeNull();
    expect(await getProcedureForReading("")).toBeNull();
  });

  it("returns the full current version of check-backups", async () => {
    const seed = seedProcedures.find((p) => p.slug === "check-backups")!;
    const procedure = await getProcedureForReading("check-backups");
    expect(procedure).toMatchObject({
      slug: "check-backups",
      code: "D2",
      versionCount: 1,
      version: { number: 1, title: "Check backups", cadence: "DAILY", smf: seed.smf, source: "SEED", authorName: null },
    });
    const v = procedure!.version;
    expect(v.purpose).toBe(seed.purpose);
    expect(v.body).toBe(seedContentOf(seed).body.trim());
    expect(v.smfLabel).toBeTruthy();
    expect(v.quadrant).toBeTruthy();
    expect(v.roles.sort()).toEqual([...seed.roles].sort());
    expect(v.items.map((i) => i.key)).toEqual(seed.items.map((i) => i.key));
    expect(v.items.map((i) => i.position)).toEqual(seed.items.map((_, i) => i));
    for (const item of v.items) {
      expect(Array.isArray(item.choices)).toBe(true);
      expect(Array.isArray(item.passChoices)).toBe(true);
    }
    expect(v.tools.map((t) => t.tool.slug)).toEqual(seed.tools.map((t) => t.tool));
    expect(v.references).toEqual(seed.references);
  });

  it("lists 'Examine message queues' under the Exchange Management Shell, with its commands", async () => {
    const tools = await listToolsWithUse();
    const ems = tools.find((t) => t.slug === "exchange-management-shell");
    expect(ems).toBeDefined();
    expect(ems!.name).toBe("Exchange Management Shell (EMS)");
    const queues = ems!.procedures.find((p) => p.title === "Examine message queues");
    expect(queues).toMatchObject({ slug: "examine-message-queues", code: "D5", cadence: "DAILY" });
    expect(queues!.commands.some((c) => c.includes("Get-Queue"))).toBe(true);
    // One entry per procedure, daily first.
    expect(new Set(ems!.procedures.map((p) => p.slug)).size).toBe(ems!.procedures.length);
    expect(ems!.procedures[0]!.cadence).toBe("DAILY");
  });

  it("hides an archived procedure from the library, the reading view and the tools catalogue", async () => {
    await db.procedure.update({ where: { slug: "examine-message-queues" }, data: { archivedAt: new Date() } });
    try {
      expect(titles(await listLibrary({}))).not.toContain("Examine message queues");
      expect(titles(await listLibrary({ q: "queue" }))).not.toContain("Examine message queues");
      expect(await getProcedureForReading("examine-message-queues")).toBeNull();
      const ems = (await listToolsWithUse()).find((t) => t.slug === "exchange-management-shell")!;
      expect(ems.procedures.map((p) => p.slug)).not.toContain("examine-message-queues");
    } finally {
      await db.procedure.update({ where: { slug: "examine-message-queues" }, data: { archivedAt: null } });
    }
  });
});
