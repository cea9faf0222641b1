import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { LibraryFilterSchema, type LibraryFilter } from "./schemas";
import { searchProcedures } from "./search";
import { parseJsonArray } from "@/lib/json";
import { itemApplies } from "@/lib/runs/completion";
import { parseLimitsByMailboxUsers } from "@/lib/runs/limits";
import {
  CADENCES,
  EXCHANGE_ROLES,
  MOF_SMFS,
  quadrantOf,
  type Cadence,
  type ExchangeRole,
  type MofSmf,
} from "./vocabulary";

export interface ParsedFilter {
  filter: LibraryFilter;
  /** Query-string values that were not understood and were ignored. */
  ignored: string[];
}

export function parseLibraryFilter(params: Record<string, string | string[] | undefined>): ParsedFilter {
  const single = (key: string) => {
    const v = params[key];
    return Array.isArray(v) ? v[0] : v;
  };
  const raw = { q: single("q"), cadence: single("cadence"), smf: single("smf"), role: single("role"), tool: single("tool") };
  const filter = LibraryFilterSchema.parse(raw);
  const ignored = (Object.keys(raw) as (keyof typeof raw)[]).filter(
    (key) => raw[key] !== undefined && raw[key] !== "" && filter[key] === undefined,
  );
  return { filter, ignored };
}

export interface LibraryEntry {
  slug: string;
  code: string | null;
  title: string;
  purpose: string;
  cadence: Cadence;
  smf: MofSmf;
  roles: ExchangeRole[];
  itemCount: number;
  snippet: string | null;
}

/** The library page: live procedures matching the filters; with search text, best match first. */
export async function listLibrary(filter: LibraryFilter): Promise<LibraryEntry[]> {
  const versionWhere: Prisma.ProcedureVersionWhereInput = {};
  if (filter.cadence) versionWhere.cadence = filter.cadence;
  if (filter.smf) versionWhere.smf = filter.smf;
  if (filter.role) versionWhere.roles = { some: { role: filter.role } };
  if (filter.tool) versionWhere.tools = { some: { tool: { slug: filter.tool } } };

  let ranking: Map<string, { rank: number; snippet: string }> | null = null;
  const where: Prisma.ProcedureWhereInput = { archivedAt: null, currentVersion: { is: versionWhere } };
  if (filter.q) {
    const hits = await searchProcedures(db, filter.q);
    ranking = new Map(hits.map((h, i) => [h.procedureId, { rank: i, snippet: h.snippet }]));
    where.id = { in: hits.map((h) => h.procedureId) };
  }

  const rows = await db.procedure.findMany({
    where,
    select: {
      id: true,
      slug: true,
      seedCode: true,
      currentVersion: {
        select: {
          title: true,
          purpose: true,
          cadence: true,
          smf: true,
          roles: { select: { role: true } },
          _count: { select: { items: true } },
        },
      },
    },
  });

  const entries = rows.flatMap((row) => {
    const v = row.currentVersion;
    if (!v) return [];
    return [
      {
        id: row.id,
        slug: row.slug,
        code: row.seedCode,
        title: v.title,
        purpose: v.purpose,
        cadence: v.cadence as Cadence,
        smf: v.smf as MofSmf,
        roles: v.roles.map((r) => r.role as ExchangeRole),
        itemCount: v._count.items,
        snippet: ranking?.get(row.id)?.snippet ?? null,
      },
    ];
  });

  if (ranking) {
    const r = ranking;
    entries.sort((a, b) => r.get(a.id)!.rank - r.get(b.id)!.rank);
  } else {
    entries.sort(
      (a, b) =>
        CADENCES.indexOf(a.cadence) - CADENCES.indexOf(b.cadence) ||
        codeOrder(a.code) - codeOrder(b.code) ||
        a.title.localeCompare(b.title),
    );
  }
  return entries.map(({ id: _id, ...rest }) => rest);
}

function codeOrder(code: string | null): number {
  const n = code ? Number(code.slice(1)) : NaN;
  return Number.isFinite(n) ? n : 1000;
}

export async function libraryFilterOptions() {
  const tools = await db.tool.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } });
  return { tools };
}

export interface ProcedureReference {
  title: string;
  url: string;
}

/** Everything the reading view shows for the current version of one procedure, or null. */
export async function getProcedureForReading(slug: string) {
  const procedure = await db.procedure.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      seedCode: true,
      archivedAt: true,
      reviewIntervalMonths: true,
      lastReviewedAt: true,
      _count: { select: { versions: true } },
      currentVersion: {
        select: {
          id: true,
          number: true,
          title: true,
          purpose: true,
          body: true,
          cadence: true,
          smf: true,
          relatedSmfs: true,
          references: true,
          changeNote: true,
          publishedAt: true,
          source: true,
          author: { select: { name: true } },
          roles: { select: { role: true } },
          items: {
            orderBy: { position: "asc" },
            select: {
              id: true,
              key: true,
              position: true,
              kind: true,
              text: true,
              help: true,
              required: true,
              unit: true,
              min: true,
              max: true,
              limitsByMailboxUsers: true,
              counter: true,
              choices: true,
              passChoices: true,
              roles: { select: { role: true } },
            },
          },
          tools: {
            orderBy: { position: "asc" },
            select: { id: true, command: true, purpose: true, tool: { select: { slug: true, name: true, kind: true } } },
          },
        },
      },
    },
  });
  if (!procedure || procedure.archivedAt || !procedure.currentVersion) return null;
  const v = procedure.currentVersion;
  const smf = v.smf as MofSmf;
  return {
    slug: procedure.slug,
    code: procedure.seedCode,
    versionCount: procedure._count.versions,
    reviewIntervalMonths: procedure.reviewIntervalMonths,
    lastReviewedAt: procedure.lastReviewedAt,
    version: {
      number: v.number,
      title: v.title,
      purpose: v.purpose,
      body: v.body,
      cadence: v.cadence as Cadence,
      smf,
      smfLabel: MOF_SMFS[smf]?.label ?? smf,
      quadrant: quadrantOf(smf),
      relatedSmfs: parseJsonArray<MofSmf>(v.relatedSmfs),
      references: parseJsonArray<ProcedureReference>(v.references),
      changeNote: v.changeNote,
      publishedAt: v.publishedAt,
      source: v.source,
      authorName: v.author?.name ?? null,
      roles: v.roles.map((r) => r.role as ExchangeRole),
      items: v.items.map((item) => ({
        ...item,
        limitsByMailboxUsers: item.kind === "NUMBER" ? parseLimitsByMailboxUsers(item.limitsByMailboxUsers) : null,
        choices: parseJsonArray(item.choices),
        passChoices: parseJsonArray(item.passChoices),
        roles: orderedRoles(item.roles.map((r) => r.role)),
      })),
      tools: v.tools,
    },
  };
}

/** Role codes in the vocabulary's order (unknown ones dropped). */
function orderedRoles(roles: readonly string[]): ExchangeRole[] {
  return EXCHANGE_ROLES.filter((r) => roles.includes(r));
}

export type ProcedureForReading = NonNullable<Awaited<ReturnType<typeof getProcedureForReading>>>;
export type ReadingItem = ProcedureForReading["version"]["items"][number];

/** The tools catalogue with the live procedures whose current version uses each tool. */
export async function listToolsWithUse() {
  const tools = await db.tool.findMany({
    orderBy: { name: "asc" },
    select: {
      slug: true,
      name: true,
      kind: true,
      description: true,
      uses: {
        where: { version: { currentOf: { is: { archivedAt: null } } } },
        select: { command: true, version: { select: { title: true, cadence: true, procedure: { select: { slug: true, seedCode: true } } } } },
      },
    },
  });
  return tools.map((tool) => {
    const bySlug = new Map<string, { slug: string; code: string | null; title: string; cadence: Cadence; commands: string[] }>();
    for (const use of tool.uses) {
      const slug = use.version.procedure.slug;
      const entry = bySlug.get(slug) ?? {
        slug,
        code: use.version.procedure.seedCode,
        title: use.version.title,
        cadence: use.version.cadence as Cadence,
        commands: [],
      };
      if (use.command) entry.commands.push(use.command);
      bySlug.set(slug, entry);
    }
    const procedures = [...bySlug.values()].sort(
      (a, b) => CADENCES.indexOf(a.cadence) - CADENCES.indexOf(b.cadence) || a.title.localeCompare(b.title),
    );
    return { slug: tool.slug, name: tool.name, kind: tool.kind, description: tool.description, procedures };
  });
}

/**
 * A run as its printed checklist shows it: the version it is pinned to, the items that apply to
 * its server (itemApplies, the rule the run page and the counts use) and those left out, and the
 * server whose values fill the placeholders in. Null when there is no such run.
 */
export async function getRunForPrint(runId: string) {
  const run = await db.run.findUnique({
    where: { id: runId },
    select: {
      id: true,
      localDate: true,
      procedure: { select: { slug: true, seedCode: true } },
      server: { select: { id: true, name: true, roles: { select: { role: true } } } },
      version: {
        select: {
          number: true,
          title: true,
          purpose: true,
          cadence: true,
          roles: { select: { role: true } },
          items: {
            orderBy: { position: "asc" },
            select: { id: true, key: true, position: true, kind: true, text: true, help: true, required: true, unit: true, min: true, max: true, limitsByMailboxUsers: true, counter: true, choices: true, passChoices: true, roles: { select: { role: true } } },
          },
          tools: { orderBy: { position: "asc" }, select: { id: true, command: true, purpose: true, tool: { select: { slug: true, name: true } } } },
        },
      },
    },
  });
  if (!run) return null;
  const serverRoles = run.server ? run.server.roles.map((r) => r.role) : null;
  const items = run.version.items.map((item) => ({
    ...item,
    limitsByMailboxUsers: item.kind === "NUMBER" ? parseLimitsByMailboxUsers(item.limitsByMailboxUsers) : null,
    choices: parseJsonArray<string>(item.choices),
    passChoices: parseJsonArray<string>(item.passChoices),
    roles: orderedRoles(item.roles.map((r) => r.role)),
  }));
  return {
    id: run.id,
    localDate: run.localDate,
    slug: run.procedure.slug,
    code: run.procedure.seedCode,
    server: run.server ? { id: run.server.id, name: run.server.name, roles: orderedRoles(serverRoles ?? []) } : null,
    version: {
      number: run.version.number,
      title: run.version.title,
      purpose: run.version.purpose,
      cadence: run.version.cadence as Cadence,
      roles: orderedRoles(run.version.roles.map((r) => r.role)),
      tools: run.version.tools,
    },
    items: items.filter((i) => itemApplies(i.roles, serverRoles)),
    leftOut: items.filter((i) => !itemApplies(i.roles, serverRoles)),
  };
}

export type RunForPrint = NonNullable<Awaited<ReturnType<typeof getRunForPrint>>>;
