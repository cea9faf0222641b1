// Seeds the Exchange 2007 library, the tools catalogue and (on an empty inventory) the demo
// servers. Idempotent: a second run creates nothing. A seeded procedure is brought up to date
// only while nobody has published a version of their own; an edited procedure is left alone.
import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/lib/db";
import { canonicalJson } from "@/lib/audit/chain";
import { writeAuditEvent, type RequestInfo } from "@/lib/audit/write";
import { seedProcedures, seedServers, seedTools } from "@/prisma/seed/library";
import { seedSchedules, type SeedSchedule } from "@/prisma/seed/schedules";
import { localDateOf, localInstant } from "@/lib/time/dates";
import { compileRule } from "@/lib/scheduling/rules";
import { replanForCalendar } from "@/lib/scheduling/service";
import { markSeededDemoServers } from "@/lib/servers/demo";
import { readSettings } from "@/lib/settings/organisation";
import type { SeedProcedure, SeedServer, SeedTool } from "@/prisma/seed/types";
import { publishVersion } from "./publish";
import { ProcedureContentSchema, ToolSchema } from "./schemas";
import { ensureSearchIndex } from "./search";

const SEED_ACTOR = { id: null, label: "system:seed" };
const SEED_REQUEST: RequestInfo = { ip: "local", userAgent: "opsbook seed" };

export interface SeedReport {
  schedulesCreated: number;
  /** Business-day schedules compiled again because the business days had changed. */
  schedulesRecompiled: number;
  toolsCreated: number;
  serversCreated: number;
  proceduresCreated: number;
  proceduresUpdated: number;
  proceduresKeptAsEdited: string[];
  slugConflicts: string[];
}

export function seedHashOf(procedure: SeedProcedure): string {
  return createHash("sha256").update(canonicalJson(procedure)).digest("hex");
}

export function seedContentOf(procedure: SeedProcedure) {
  return ProcedureContentSchema.parse({
    slug: procedure.slug,
    title: procedure.title,
    cadence: procedure.cadence,
    roles: procedure.roles,
    smf: procedure.smf,
    relatedSmfs: procedure.relatedSmfs ?? [],
    purpose: procedure.purpose,
    body: procedure.body,
    items: procedure.items,
    tools: procedure.tools,
    references: procedure.references,
  });
}

export interface SeedLibrary {
  tools: readonly SeedTool[];
  servers: readonly SeedServer[];
  procedures: readonly SeedProcedure[];
  schedules: readonly SeedSchedule[];
}

export const DEFAULT_LIBRARY: SeedLibrary = { tools: seedTools, servers: seedServers, procedures: seedProcedures, schedules: seedSchedules };

export async function seedDatabase(
  client: Db,
  options: { demoServers?: boolean; library?: SeedLibrary; now?: Date } = {},
): Promise<SeedReport> {
  const library = options.library ?? DEFAULT_LIBRARY;
  const now = options.now ?? new Date();
  const report: SeedReport = {
    schedulesCreated: 0,
    schedulesRecompiled: 0,
    toolsCreated: 0,
    serversCreated: 0,
    proceduresCreated: 0,
    proceduresUpdated: 0,
    proceduresKeptAsEdited: [],
    slugConflicts: [],
  };

  await client.$transaction(async (tx) => {
    if ((await tx.organisationSettings.count()) === 0) {
      const settings = await tx.organisationSettings.create({ data: { id: 1 } });
      await writeAuditEvent(tx, SEED_ACTOR, SEED_REQUEST, { action: "settings.create", entityType: "OrganisationSettings", entityId: "1", after: settings });
    }

    for (const raw of library.tools) {
      const tool = ToolSchema.parse(raw);
      const existing = await tx.tool.findUnique({ where: { slug: tool.slug }, select: { id: true } });
      if (existing) continue;
      const created = await tx.tool.create({ data: tool });
      await writeAuditEvent(tx, SEED_ACTOR, SEED_REQUEST, { action: "tool.create", entityType: "Tool", entityId: created.id, after: tool });
      report.toolsCreated += 1;
    }

    if ((options.demoServers ?? true) && (await tx.server.count()) === 0) {
      for (const server of library.servers) {
        const created = await tx.server.create({
          data: {
            name: server.name,
            fqdn: server.fqdn,
            site: server.site,
            description: server.description,
            demo: true,
            roles: { create: server.roles.map((role) => ({ role })) },
          },
        });
        await writeAuditEvent(tx, SEED_ACTOR, SEED_REQUEST, { action: "server.create", entityType: "Server", entityId: created.id, after: server });
        report.serversCreated += 1;
      }
    }
    await markSeededDemoServers(tx, library.servers);

    for (const seed of library.procedures) {
      const content = seedContentOf(seed);
      const seedHash = seedHashOf(seed);
      const publish = async (procedureId: string, changeNote: string) => {
        const version = await publishVersion(tx, procedureId, content, { source: "SEED", changeNote, authorId: null, seedHash });
        await writeAuditEvent(tx, SEED_ACTOR, SEED_REQUEST, {
          action: "procedure.publish",
          entityType: "Procedure",
          entityId: procedureId,
          after: { slug: content.slug, version: version.number, source: "SEED" },
        });
      };
      const existing = await tx.procedure.findUnique({
        where: { seedCode: seed.code },
        select: { id: true, currentVersion: { select: { source: true, seedHash: true } } },
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
        continue;
      }
      if (current.seedHash === seedHash) continue;
      await publish(existing.id, "Updated from a newer Opsbook library release.");
      report.proceduresUpdated += 1;
    }

    // Default schedules: created once per library code, never again (a manager may pause, edit or
    // replace them). They take effect from the start of today, so a new installation has today's work.
    const settings = await readSettings(tx);
    const today = localDateOf(now, settings.timeZone);
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
          anchorDate: today,
          dueTime: seed.dueTime,
          graceMinutes: seed.graceMinutes,
          assigneeRole: seed.assigneeRole,
          scope: perServer ? "PER_SERVER" : "ORGANISATION",
          scopeRoles: JSON.stringify(perServer ? roles : []),
          effectiveFrom: localInstant(today, "00:00", settings.timeZone),
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
