import { describe, expect, it } from "vitest";
import { seedProcedures, seedServers, seedTools, seedVariables } from "@/prisma/seed/library";
import { libraryProblems, seedContentOf } from "@/lib/procedures/seed-checks";
import { placeholderFields } from "@/lib/procedures/content-placeholders";
import { findPlaceholders } from "@/lib/procedures/placeholders";
import { ProcedureContentSchema, ToolSchema } from "@/lib/procedures/schemas";
import { ServerFieldsSchema } from "@/lib/servers/schemas";
import { CADENCES, EXCHANGE_ROLES, MOF_SMF_CODES } from "@/lib/procedures/vocabulary";

const PREFIX = { DAILY: "D", WEEKLY: "W", MONTHLY: "M", AS_NEEDED: "A" } as const;

function contentOf(p: (typeof seedProcedures)[number]) {
  return { ...p, code: undefined, relatedSmfs: p.relatedSmfs ?? [] };
}

describe("the seeded procedure library", () => {
  it("has 16 daily, 14 weekly, 7 monthly and 11 as-needed procedures, 48 in all", () => {
    const counts = Object.fromEntries(CADENCES.map((c) => [c, seedProcedures.filter((p) => p.cadence === c).length]));
    expect(counts).toEqual({ DAILY: 16, WEEKLY: 14, MONTHLY: 7, AS_NEEDED: 11 });
    expect(seedProcedures).toHaveLength(48);
  });

  it("numbers each cadence D1..D16, W1..W14, M1..M6, A1..A11 without gaps", () => {
    for (const cadence of CADENCES) {
      const codes = seedProcedures.filter((p) => p.cadence === cadence).map((p) => p.code);
      const expected = codes.map((_, i) => `${PREFIX[cadence]}${i + 1}`);
      expect([...codes].sort(), cadence).toEqual([...expected].sort());
    }
  });

  it("uses unique codes, slugs and titles", () => {
    const unique = (values: string[]) => new Set(values).size === values.length;
    expect(unique(seedProcedures.map((p) => p.code))).toBe(true);
    expect(unique(seedProcedures.map((p) => p.slug))).toBe(true);
    expect(unique(seedProcedures.map((p) => p.title.toLowerCase()))).toBe(true);
  });

  it("contains the procedures operators look for first", () => {
    const titles = seedProcedures.map((p) => p.title);
    for (const title of ["Check backups", "Examine message queues", "Check disk usage", "Check message paths and mail flow"]) {
      expect(titles).toContain(title);
    }
    expect(seedProcedures.find((p) => p.title === "Examine message queues")).toMatchObject({ code: "D5", slug: "examine-message-queues", cadence: "DAILY" });
  });

  for (const procedure of seedProcedures) {
    it(`${procedure.code} ${procedure.title} is valid procedure content`, () => {
      const result = ProcedureContentSchema.safeParse(contentOf(procedure));
      expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([]);
    });
  }

  it("gives every number item a non-empty unit and a consistent range", () => {
    let numberItems = 0;
    for (const procedure of seedProcedures) {
      for (const item of procedure.items) {
        if (item.kind !== "NUMBER") continue;
        numberItems += 1;
        expect(item.unit.trim(), `${procedure.code} ${item.key}`).not.toBe("");
        if (item.min !== undefined && item.max !== undefined) expect(item.min, `${procedure.code} ${item.key}`).toBeLessThanOrEqual(item.max);
      }
    }
    expect(numberItems).toBeGreaterThan(40);
  });

  it("uses only tools that exist in the tools catalogue", () => {
    const toolSlugs = new Set(seedTools.map((t) => t.slug));
    for (const procedure of seedProcedures) {
      expect(procedure.tools.length, procedure.code).toBeGreaterThan(0);
      for (const use of procedure.tools) expect(toolSlugs.has(use.tool), `${procedure.code} uses ${use.tool}`).toBe(true);
    }
  });

  it("uses only known roles and MOF functions, and gives references", () => {
    for (const procedure of seedProcedures) {
      for (const role of procedure.roles) expect(EXCHANGE_ROLES).toContain(role);
      expect(MOF_SMF_CODES).toContain(procedure.smf);
      expect(procedure.references.length, procedure.code).toBeGreaterThan(0);
    }
  });
});

describe("the seeded tools and servers", () => {
  it("has valid tools with unique slugs and names", () => {
    for (const tool of seedTools) expect(ToolSchema.safeParse(tool).success, tool.slug).toBe(true);
    expect(new Set(seedTools.map((t) => t.slug)).size).toBe(seedTools.length);
    expect(new Set(seedTools.map((t) => t.name)).size).toBe(seedTools.length);
    expect(seedTools.map((t) => t.slug)).toContain("exchange-management-shell");
  });

  it("has seven valid demo servers with unique names covering every Exchange role", () => {
    expect(seedServers).toHaveLength(7);
    for (const server of seedServers) {
      const result = ServerFieldsSchema.safeParse(server);
      expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`), server.name).toEqual([]);
    }
    expect(new Set(seedServers.map((s) => s.name.toUpperCase())).size).toBe(7);
    expect(new Set(seedServers.flatMap((s) => s.roles))).toEqual(new Set(EXCHANGE_ROLES));
  });
});

describe("the seeded library and its placeholders", () => {
  it("uses only placeholders it defines, and gives valid demo values", () => {
    expect(libraryProblems({ procedures: seedProcedures, servers: seedServers, variables: seedVariables })).toEqual([]);
  });

  it("names no demo server, domain controller, gateway or volume in a command, counter, item or body (B1)", () => {
    const names = [...seedServers.map((s) => s.name), "DC01", "GW01"];
    const volume = /(^|[^A-Za-z{])[C-Z]:\\/;
    for (const procedure of seedProcedures) {
      const content = seedContentOf(procedure);
      const texts = [...placeholderFields(content).map((f) => [f.path.join("."), f.text] as const), ...content.tools.map((t, i) => [`tools.${i}.purpose`, t.purpose] as const)];
      for (const [where, text] of texts) {
        for (const name of names) expect(text.toUpperCase().includes(name), `${procedure.code} ${where} names ${name}`).toBe(false);
        expect(volume.test(text), `${procedure.code} ${where} names a volume: ${text}`).toBe(false);
      }
    }
  });

  it("puts the run's server in every command that targets a server", () => {
    const perServer = seedProcedures.flatMap((p) => p.tools.map((t) => t.command ?? "")).filter((c) => /-(Server|Identity|ClientAccessServer) \{\{/.test(c));
    expect(perServer.length).toBeGreaterThan(15);
    for (const command of perServer) for (const p of findPlaceholders(command)) expect(p.name, command).toMatch(/^(server|storageGroup|var:\w+|org:\w+)$/);
  });

  it("limits items to Exchange roles instead of saying so in their guidance", () => {
    for (const procedure of seedProcedures) {
      for (const item of procedure.items) {
        expect(item.help ?? "", `${procedure.code} ${item.key}`).not.toMatch(/servers only/i);
        for (const role of item.roles ?? []) expect(EXCHANGE_ROLES).toContain(role);
      }
    }
    const disk = seedProcedures.find((p) => p.code === "D4")!;
    expect(disk.items.find((i) => i.key === "database-volume-free-percent")?.roles).toEqual(["MAILBOX"]);
    expect(disk.items.find((i) => i.key === "queue-volume-free-mb")?.roles).toEqual(["HUB_TRANSPORT", "EDGE_TRANSPORT"]);
  });

  it("gives the mailbox servers their storage groups", () => {
    for (const server of seedServers.filter((s) => s.roles.includes("MAILBOX"))) expect(server.storageGroups?.length, server.name).toBeGreaterThan(0);
  });
});
