// Seeds the Exchange 2007 library, the tools catalogue and (on an empty inventory) the demo
// servers. Idempotent: a second run creates nothing. A seeded procedure is brought up to date
// only while nobody has published a version of their own (its unstarted runs then follow the new
// version); an edited procedure is left alone and offered the library's corrections as a draft
// (library-upgrade.ts, decision 003).
import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db";
import { canonicalJson } from "@/lib/audit/chain";
import { writeAuditEvent, type RequestInfo } from "@/lib/audit/write";
import { seedProcedures, seedServers, seedTools, seedVariables } from "@/prisma/seed/library";
import { seedSchedules, type SeedSchedule } from "@/prisma/seed/schedules";
import { addDays, localDateOf, localInstant } from "@/lib/time/dates";
import { compileRule } from "@/lib/scheduling/rules";
import { replanForCalendar } from "@/lib/scheduling/service";
import { markSeededDemoServers } from "@/lib/servers/demo";
import { readSettings } from "@/lib/settings/organisation";
import type { SeedProcedure, SeedServer, SeedTool, SeedVariable } from "@/prisma/seed/types";
import { normaliseVariableValue } from "./placeholders";
import { libraryProblems, seedContentOf, type CheckedLibrary } from "./seed-checks";
import { offerLibraryDraft } from "./library-upgrade";

export { libraryProblems, seedContentOf };
import { publishVersion, repinUnstartedRuns } from "./publish";
import { ToolSchema } from "./schemas";
import { ensureSearchIndex } from "./search";

const SEED_ACTOR = { id: null, label: "system:seed" };
const SEED_REQUEST: RequestInfo = { ip: "local", userAgent: "opsbook seed" };

export interface SeedReport {
  schedulesCreated: number;
  /** Business-day schedules compiled again because the business days had changed. */
  schedulesRecompiled: number;
  toolsCreated: number;
  /** Existing tools given their place in the controlled standard set (decision 038). */
  toolsStandardised: number;
  variablesCreated: number;
  serversCreated: number;
  proceduresCreated: number;
  proceduresUpdated: number;
  proceduresKeptAsEdited: string[];
  slugConflicts: string[];
  /** Unstarted runs of updated procedures moved to their new version. */
  runsRepinned: number;
  /** Edited procedures (slugs) offered the library's corrections as a new draft. */
  draftsOffered: string[];
  /** Edited procedures the library corrected that already had a draft, so none was added. */
  draftsSkippedExisting: string[];
  /** Edited procedures whose draft for this library text was offered before (and discarded since). */
  draftsAlreadyOffered: string[];
  /** Edited procedures the library corrected, with no active manager or administrator to own a draft. */
  draftsWithoutAuthor: string[];
}

const UPDATE_NOTE = "Updated from a newer Opsbook library release.";

export function seedHashOf(procedure: SeedProcedure): string {
  return createHash("sha256").update(canonicalJson(procedure)).digest("hex");
}

export interface SeedLibrary extends CheckedLibrary {
  tools: readonly SeedTool[];
  schedules: readonly SeedSchedule[];
}

export const DEFAULT_LIBRARY: SeedLibrary = { tools: seedTools, servers: seedServers, procedures: seedProcedures, schedules: seedSchedules, variables: seedVariables };

/** The columns of a tool's place in the standard set, as the library gives it; null for other tools. */
function standardFieldsOf(tool: SeedTool) {
  const standard = tool.standard;
  if (!standard) return null;
  return {
    fields: {
      placement: standard.placement,
      requiredRoles: JSON.stringify(standard.placement === "ROLES" ? (standard.roles ?? []) : []),
      versioning: standard.versioning,
      source: standard.source,
      owner: standard.owner,
    },
    approvedVersions: standard.versioning === "OWN" ? (standard.approvedVersions ?? []) : [],
  };
}

/** A demo server's storage groups and variable values as the library gives them. */
function demoValuesOf(server: SeedServer, variables: readonly SeedVariable[]) {
  const kinds = new Map(variables.map((v) => [v.name, v.kind]));
  return {
    storageGroups: JSON.stringify(server.storageGroups ?? []),
    variables: Object.entries(server.variables ?? {}).map(([name, value]) => ({ name, value: normaliseVariableValue(kinds.get(name)!, value) })),
  };
}

export async function seedDatabase(
  client: Db,
  options: {
    demoServers?: boolean;
    library?: SeedLibrary;
    now?: Date;
    /** false only for a frozen earlier release that predates the release checks (tests). */
    releaseChecks?: boolean;
  } = {},
): Promise<SeedReport> {
  const library = options.library ?? DEFAULT_LIBRARY;
  const variables = library.variables ?? seedVariables;
  const now = options.now ?? new Date();
  // A library that contradicts itself, or fails the release checks, stops the seed before anything is written.
  const problems = libraryProblems({ ...library, variables }, { release: options.releaseChecks ?? true });
  if (problems.length > 0) throw new Error(`The seed library has ${problems.length === 1 ? "a problem" : `${problems.length} problems`}; nothing was written.\n${problems.join("\n")}`);
  const report: SeedReport = {
    schedulesCreated: 0,
    schedulesRecompiled: 0,
    toolsCreated: 0,
    toolsStandardised: 0,
    variablesCreated: 0,
    serversCreated: 0,
    proceduresCreated: 0,
    proceduresUpdated: 0,
    proceduresKeptAsEdited: [],
    slugConflicts: [],
    runsRepinned: 0,
    draftsOffered: [],
    draftsSkippedExisting: [],
    draftsAlreadyOffered: [],
    draftsWithoutAuthor: [],
  };

  await client.$transaction(async (tx) => {
    // A portal in use (an earlier seed's procedures, or runs) gets new schedules from tomorrow.
    const portalInUse = (await tx.procedure.count({ where: { seedCode: { not: null } } })) > 0 || (await tx.run.count()) > 0;

    if ((await tx.organisationSettings.count()) === 0) {
      const settings = await tx.organisationSettings.create({ data: { id: 1 } });
      await writeAuditEvent(tx, SEED_ACTOR, SEED_REQUEST, { action: "settings.create", entityType: "OrganisationSettings", entityId: "1", after: settings });
    }

    for (const raw of library.tools) {
      const tool = ToolSchema.parse(raw);
      const standard = standardFieldsOf(raw);
      const existing = await tx.tool.findUnique({ where: { slug: tool.slug }, select: { id: true, placement: true, source: true, retiredAt: true, _count: { select: { changes: true } } } });
      if (existing) {
        // A portal from before the controlled tool set: where the catalogue lacks the tool's place
        // in the set, the library's is filled in once. Never after a manager's change touched it.
        if (!standard || existing.placement !== "NONE" || existing.source !== "" || existing.retiredAt || existing._count.changes > 0) continue;
        await tx.tool.update({ where: { id: existing.id }, data: standard.fields });
        for (const version of standard.approvedVersions) await tx.toolVersion.create({ data: { toolId: existing.id, version, approvedAt: now } });
        await writeAuditEvent(tx, SEED_ACTOR, SEED_REQUEST, {
          action: "tool.standardise",
          entityType: "Tool",
          entityId: existing.id,
          before: { placement: "NONE" },
          after: { ...standard.fields, requiredRoles: raw.standard!.roles ?? [], approvedVersions: standard.approvedVersions },
        });
        report.toolsStandardised += 1;
        continue;
      }
      const created = await tx.tool.create({ data: { ...tool, ...standard?.fields } });
      for (const version of standard?.approvedVersions ?? []) await tx.toolVersion.create({ data: { toolId: created.id, version, approvedAt: now } });
      await writeAuditEvent(tx, SEED_ACTOR, SEED_REQUEST, { action: "tool.create", entityType: "Tool", entityId: created.id, after: standard ? { ...tool, standard: raw.standard } : tool });
      report.toolsCreated += 1;
    }

    const createDemoServers = (options.demoServers ?? true) && (await tx.server.count()) === 0;
    // Demo servers an older seed created are marked first, so that they get the demo values below.
    await markSeededDemoServers(tx, library.servers);
    const withDemoValues = createDemoServers || (await tx.server.count({ where: { demo: true } })) > 0;

    // The variables the library's commands name, before the servers that hold values of them.
    // Created when missing (the library needs them), never changed: their descriptions and values
    // are the administrator's from then on. An organisation value is filled in only for a portal
    // that runs on the demo servers.
    const createdVariables: string[] = [];
    for (const variable of variables) {
      if (await tx.placeholderVariable.findUnique({ where: { name: variable.name }, select: { name: true } })) continue;
      const value = withDemoValues && variable.scope === "ORGANISATION" && variable.demoValue ? normaliseVariableValue(variable.kind, variable.demoValue) : "";
      const created = await tx.placeholderVariable.create({
        data: { name: variable.name, scope: variable.scope, kind: variable.kind, description: variable.description, value },
        select: { name: true, scope: true, kind: true, description: true, value: true },
      });
      await writeAuditEvent(tx, SEED_ACTOR, SEED_REQUEST, { action: "placeholder.define", entityType: "PlaceholderVariable", entityId: created.name, after: created });
      createdVariables.push(created.name);
      report.variablesCreated += 1;
    }

    if (createDemoServers) {
      for (const server of library.servers) {
        const values = demoValuesOf(server, variables);
        const created = await tx.server.create({
          data: {
            name: server.name,
            fqdn: server.fqdn,
            site: server.site,
            description: server.description,
            demo: true,
            storageGroups: values.storageGroups,
            roles: { create: server.roles.map((role) => ({ role })) },
            variables: { create: values.variables },
          },
        });
        await writeAuditEvent(tx, SEED_ACTOR, SEED_REQUEST, { action: "server.create", entityType: "Server", entityId: created.id, after: server });
        report.serversCreated += 1;
      }
    } else if (createdVariables.length > 0) {
      // The first start after placeholders arrived: demo servers of an older seed, still without
      // storage groups and values, get the library's, so that their runs' commands are complete.
      const bySeed = new Map(library.servers.map((s) => [s.name, s]));
      const bare = await tx.server.findMany({ where: { demo: true, storageGroups: "[]", variables: { none: {} }, name: { in: [...bySeed.keys()] } }, select: { id: true, name: true } });
      for (const server of bare) {
        const values = demoValuesOf(bySeed.get(server.name)!, variables);
        const fresh = values.variables.filter((v) => createdVariables.includes(v.name));
        await tx.server.update({ where: { id: server.id }, data: { storageGroups: values.storageGroups, variables: { create: fresh } } });
        await writeAuditEvent(tx, SEED_ACTOR, SEED_REQUEST, {
          action: "server.seed_values",
          entityType: "Server",
          entityId: server.id,
          before: { storageGroups: [], variables: {} },
          after: { storageGroups: JSON.parse(values.storageGroups) as string[], variables: Object.fromEntries(fresh.map((v) => [v.name, v.value])) },
        });
      }
    }

    for (const seed of library.procedures) {
      const content = seedContentOf(seed);
      const seedHash = seedHashOf(seed);
      const publish = async (procedureId: string, changeNote: string) => {
        const version = await publishVersion(tx, procedureId, content, { source: "SEED", changeNote, authorId: null, seedHash });
        // As when a manager publishes: runs nobody has started follow the new version.
        const repinned = await repinUnstartedRuns(tx, procedureId, version.id);
        report.runsRepinned += repinned;
        await writeAuditEvent(tx, SEED_ACTOR, SEED_REQUEST, {
          action: "procedure.publish",
          entityType: "Procedure",
          entityId: procedureId,
          after: { slug: content.slug, version: version.number, source: "SEED", changeNote, ...(repinned ? { runsMovedToNewVersion: repinned } : {}) },
        });
      };
      const existing = await tx.procedure.findUnique({
        where: { seedCode: seed.code },
        select: { id: true, slug: true, currentVersion: { select: { id: true, source: true, seedHash: true } } },
      });

      if (!existing) {
        const slugTaken = await tx.procedure.findUnique({ where: { slug: content.slug }, select: { id: true } });
        if (slugTaken) {
          report.slugConflicts.push(content.slug);
          continue;
        }
        const procedure = await tx.procedure.create({ data: { slug: content.slug, seedCode: seed.code }, select: { id: true } });
        await publish(procedure.id, "Initial version from the Opsbook Exchange 2007 library.");
        report.proceduresCreated += 1;
        continue;
      }

      const current = existing.currentVersion;
      if (current?.source !== "SEED") {
        report.proceduresKeptAsEdited.push(content.slug);
        if (!current) continue;
        // Edited by the team: never overwritten. When the library's text changed since the last
        // seeded version this portal has, the corrections are offered as a draft of the team's version.
        const lastSeed = await tx.procedureVersion.findFirst({ where: { procedureId: existing.id, source: "SEED" }, orderBy: { number: "desc" }, select: { seedHash: true } });
        if (lastSeed?.seedHash === seedHash) continue;
        const offer = await offerLibraryDraft(tx, SEED_ACTOR, SEED_REQUEST, { procedureId: existing.id, currentVersionId: current.id, content, changeNote: seed.changeNote, seedHash });
        const list = { offered: report.draftsOffered, "existing-draft": report.draftsSkippedExisting, "already-offered": report.draftsAlreadyOffered, "no-author": report.draftsWithoutAuthor }[offer.outcome];
        list.push(existing.slug);
        continue;
      }
      if (current.seedHash === seedHash) continue;
      await publish(existing.id, seed.changeNote?.trim() || UPDATE_NOTE);
      report.proceduresUpdated += 1;
    }

    // Default schedules: created once per library code, never again (a manager may pause, edit or
    // replace them). On a new installation they take effect from the start of today, so it has
    // today's work; on a portal in use, a schedule a newer library adds starts with the next day,
    // so that it does not make missed runs of days before it existed.
    const settings = await readSettings(tx);
    const today = localDateOf(now, settings.timeZone);
    const firstDay = portalInUse ? addDays(today, 1) : today;
    for (const seed of library.schedules) {
      if (await tx.schedule.findUnique({ where: { seedKey: seed.code }, select: { id: true } })) continue;
      const procedure = await tx.procedure.findUnique({
        where: { seedCode: seed.code },
        select: { id: true, currentVersion: { select: { roles: { select: { role: true } } } } },
      });
      if (!procedure?.currentVersion) continue;
      const roles = procedure.currentVersion.roles.map((r) => r.role);
      const perServer = seed.scope === "PER_SERVER" && roles.length > 0;
      const { rrule, holidayPolicy } = compileRule(seed.rule, settings.businessDays);
      const schedule = await tx.schedule.create({
        data: {
          seedKey: seed.code,
          procedureId: procedure.id,
          rrule,
          holidayPolicy,
          ruleKind: seed.rule.kind,
          timeZone: settings.timeZone,
          anchorDate: firstDay,
          dueTime: seed.dueTime,
          graceMinutes: seed.graceMinutes,
          assigneeRole: seed.assigneeRole,
          scope: perServer ? "PER_SERVER" : "ORGANISATION",
          scopeRoles: JSON.stringify(perServer ? roles : []),
          effectiveFrom: localInstant(firstDay, "00:00", settings.timeZone),
        },
      });
      await writeAuditEvent(tx, SEED_ACTOR, SEED_REQUEST, { action: "schedule.create", entityType: "Schedule", entityId: schedule.id, after: schedule });
      report.schedulesCreated += 1;
    }

    // Business-day rules compiled with other days than today's (made before the days changed, by
    // an earlier release that did not follow them) are compiled again and re-planned.
    for (const { scheduleId, withdrawnRunIds } of await replanForCalendar(tx, {}, now)) {
      const after = await tx.schedule.findUniqueOrThrow({ where: { id: scheduleId } });
      await writeAuditEvent(tx, SEED_ACTOR, SEED_REQUEST, {
        action: "schedule.follow_business_days",
        entityType: "Schedule",
        entityId: scheduleId,
        after: { ...after, withdrawnRunIds },
      });
      report.schedulesRecompiled += 1;
    }
  });

  await ensureSearchIndex(client);
  return report;
}
