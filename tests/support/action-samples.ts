// A valid input for every registered action, in running order (later samples use what earlier
// ones created), shared by the tests that walk the action registry: every-action-audited runs each
// once; fuzz-actions breaks each one in many ways first.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session";
import { versionContent } from "@/lib/procedures/content";
import { publishVersion } from "@/lib/procedures/publish";
import type { ProcedureContent } from "@/lib/procedures/schemas";
import { seedDatabase } from "@/lib/procedures/seed";
import { makeUser, TEST_PASSWORD } from "./fixtures";

const root = path.resolve(import.meta.dirname, "../..");

/** Imports every "use server" module under lib/, so that each action registers itself. */
export async function importActionModules(): Promise<void> {
  for (const file of readdirSync(path.join(root, "lib"), { recursive: true, withFileTypes: true })) {
    const full = path.join(file.parentPath, file.name);
    if (file.isFile() && /\.tsx?$/.test(file.name) && !full.includes("generated") && /^["']use server["'];/m.test(readFileSync(full, "utf8"))) await import(full);
  }
}

/** The seeded library and one user of each role that the samples act as. */
export async function sampleContext(): Promise<SampleContext> {
  await seedDatabase(db);
  return { admin: await makeUser("ADMIN"), operator: await makeUser("OPERATOR"), manager: await makeUser("MANAGER"), created: {} };
}

export type SampleRole = "admin" | "manager" | "operator";
export type Sample = (ctx: SampleContext) => Promise<Record<string, unknown>> | Record<string, unknown>;
export interface SampleContext {
  admin: CurrentUser;
  operator: CurrentUser;
  manager: CurrentUser;
  created: Record<string, string>;
}

async function openRun() {
  const procedure = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D1" }, include: { currentVersion: { include: { items: { orderBy: { position: "asc" } } } } } });
  const now = Date.now();
  const run = await db.run.create({
    data: {
      procedureId: procedure.id, versionId: procedure.currentVersionId!, periodKey: `audit-${now}-${Math.random()}`, scopeKey: "-", cadence: "DAILY",
      localDate: new Date(now).toISOString().slice(0, 10), opensAt: new Date(now - 3_600_000), dueAt: new Date(now + 3_600_000), graceEndsAt: new Date(now + 7_200_000),
    },
  });
  return { runId: run.id, itemId: procedure.currentVersion!.items[0]!.id };
}

const scheduleForm = async () => ({
  procedureId: (await db.procedure.findUniqueOrThrow({ where: { seedCode: "A1" } })).id,
  kind: "DAILY", anchorDate: "2026-11-24", dueTime: "09:00", graceMinutes: "30", timeZone: "UTC",
  assignee: "role:OPERATOR", scope: "ORGANISATION", active: "on",
});

let cachedContent: ProcedureContent | null = null;
async function sampleContent(): Promise<ProcedureContent> {
  if (!cachedContent) cachedContent = (await versionContent(db, (await db.procedure.findUniqueOrThrow({ where: { seedCode: "D16" } })).currentVersionId!))!;
  return cachedContent;
}
const sampleProcedureId = async () => (await db.procedure.findUniqueOrThrow({ where: { slug: "sample-procedure" } })).id;

/** In running order: later samples use what earlier ones created. */
export const ACTION_SAMPLES: [string, SampleRole, Sample][] = [
  ["user.create", "admin", () => ({ email: "sample.user@example.test", name: "Sample User", role: "VIEWER", password: "Lantern-Quarry-77" })],
  ["user.change_role", "admin", async () => ({ userId: (await db.user.findUniqueOrThrow({ where: { email: "sample.user@example.test" } })).id, role: "OPERATOR" })],
  ["user.reset_password", "admin", async () => ({ userId: (await db.user.findUniqueOrThrow({ where: { email: "sample.user@example.test" } })).id, password: "Harbour-Lantern-42" })],
  ["user.unlock", "admin", async () => {
    const { id } = await db.user.update({ where: { email: "sample.user@example.test" }, data: { lockedUntil: new Date(Date.now() + 600_000) } });
    return { userId: id };
  }],
  ["account.change_password", "operator", () => ({ currentPassword: TEST_PASSWORD, password: "Quarry-Lantern-Harbour-58", confirm: "Quarry-Lantern-Harbour-58" })],
  ["user.set_active", "admin", async () => ({ userId: (await db.user.findUniqueOrThrow({ where: { email: "sample.user@example.test" } })).id, active: "false" })],
  ["server.create", "admin", () => ({ name: "EXCAS09", fqdn: "", site: "London-HQ", description: "", roles: ["CLIENT_ACCESS"] })],
  ["server.update", "admin", async () => ({ serverId: (await db.server.findUniqueOrThrow({ where: { name: "EXCAS09" } })).id, name: "EXCAS09", fqdn: "", site: "Leeds", description: "", roles: ["CLIENT_ACCESS"] })],
  ["server.set_active", "admin", async () => ({ serverId: (await db.server.findUniqueOrThrow({ where: { name: "EXCAS09" } })).id, active: "false" })],
  ["placeholder.define", "admin", () => ({ name: "sampleDrive", scope: "SERVER", kind: "DRIVE", description: "A sample drive." })],
  ["placeholder.update", "admin", () => ({ name: "sampleDrive", description: "Still a sample drive." })],
  ["placeholder.remove", "admin", () => ({ name: "sampleDrive" })],
  // A demo server of its own, so the seeded ones stay in service for the incident and change samples.
  ["server.retire_demo", "admin", async () => ({ serverIds: [(await db.server.create({ data: { name: "EXDEMO09", site: "Lab", demo: true } })).id] })],
  ["settings.update", "admin", () => ({ name: "Contoso", timeZone: "UTC", businessDays: ["1", "2", "3", "4", "5"] })],
  ["settings.add_holiday", "admin", () => ({ date: "2027-01-01", name: "New Year's Day" })],
  ["settings.remove_holiday", "admin", async () => ({ holidayId: (await db.holiday.findUniqueOrThrow({ where: { date: "2027-01-01" } })).id })],
  ["guide.confirm_step", "admin", () => ({ step: "calendar" })],
  ["guide.dismiss", "admin", () => ({ guide: "first-run" })],
  ["schedule.create", "manager", scheduleForm],
  ["schedule.update", "manager", async () => ({ ...(await scheduleForm()), dueTime: "11:00", scheduleId: (await db.schedule.findFirstOrThrow({ where: { procedure: { seedCode: "A1" } } })).id })],
  ["schedule.set_active", "manager", async () => ({ scheduleId: (await db.schedule.findFirstOrThrow({ where: { procedure: { seedCode: "A1" } } })).id, active: "false" })],
  ["maintenance.create", "manager", () => ({ name: "Sample window", startsAt: "2031-01-01T08:00", endsAt: "2031-01-01T10:00" })],
  ["maintenance.remove", "manager", async () => ({ windowId: (await db.maintenanceWindow.findFirstOrThrow({ where: { name: "Sample window" } })).id })],
  // Authoring: a new procedure, published; then a draft of it taken through approval and discarded.
  ["procedure.create", "manager", async () => ({ content: JSON.stringify({ ...(await sampleContent()), slug: "sample-procedure", title: "Sample procedure" }) })],
  ["procedure.publish", "manager", async () => ({ procedureId: await sampleProcedureId(), expectedRevision: "1", changeNote: "First version of the sample." })],
  ["procedure.draft_save", "manager", async () => ({ procedureId: await sampleProcedureId(), expectedRevision: "0", content: JSON.stringify({ ...(await sampleContent()), slug: "sample-procedure", title: "Sample procedure, revised" }) })],
  ["procedure.draft_submit", "manager", async () => ({ procedureId: await sampleProcedureId(), expectedRevision: "1" })],
  ["procedure.draft_approve", "admin", async () => ({ procedureId: await sampleProcedureId(), expectedRevision: "1" })],
  ["procedure.draft_discard", "manager", async () => ({ procedureId: await sampleProcedureId(), expectedRevision: "1" })],
  ["procedure.restore", "manager", async () => {
    const id = await sampleProcedureId();
    const content = { ...(await sampleContent()), slug: "sample-procedure", title: "Sample procedure v2" };
    await db.$transaction((tx) => publishVersion(tx, id, content, { source: "EDITOR", changeNote: "Second version", authorId: null }));
    return { versionId: (await db.procedureVersion.findFirstOrThrow({ where: { procedureId: id, number: 1 } })).id };
  }],
  ["procedure.mark_reviewed", "manager", async () => ({ procedureId: (await db.procedure.findUniqueOrThrow({ where: { seedCode: "D1" } })).id, note: "Still right." })],
  ["procedure.import", "manager", () => ({ problems: [], files: [{ name: "sample-import.md", text: "---\nslug: sample-import\ntitle: Sample import\ncadence: AS_NEEDED\nsmf: SYSTEM_ADMINISTRATION\npurpose: A sample imported procedure.\nitems:\n  - key: done\n    kind: CHECK\n    text: Done\n---\n\nBody.\n" }] })],
  ["training.acknowledge", "operator", async () => ({ versionId: (await db.procedure.findUniqueOrThrow({ where: { seedCode: "D3" } })).currentVersionId })],
  ["training.reading_list_add", "manager", async () => ({ role: "VIEWER", procedureId: (await db.procedure.findUniqueOrThrow({ where: { seedCode: "A3" } })).id })],
  ["training.reading_list_remove", "manager", async () => ({ role: "VIEWER", procedureId: (await db.procedure.findUniqueOrThrow({ where: { seedCode: "A3" } })).id })],
  ["training.reading_list_add_many", "manager", async () => ({ role: "VIEWER", procedureIds: (await db.procedure.findMany({ where: { seedCode: { in: ["A2", "A4"] } }, select: { id: true } })).map((p) => p.id) })],
  ["tool.create", "admin", () => ({ slug: "sample-tool", name: "Sample tool", kind: "UTILITY", description: "A tool added to the catalogue." })],
  ["tool.update", "admin", async () => ({ toolId: (await db.tool.findUniqueOrThrow({ where: { slug: "sample-tool" } })).id, name: "Sample tool (renamed)", kind: "UTILITY", description: "Still a sample." })],
  ["tool.record_deployment", "operator", async () => ({ serverId: (await db.server.findUniqueOrThrow({ where: { name: "EXHUB01" } })).id, toolId: (await db.tool.findUniqueOrThrow({ where: { slug: "queue-viewer" } })).id, present: "true", version: "" })],
  ["tool.change_raise", "manager", async () => ({ changeKind: "APPROVE_VERSION", type: "NORMAL", toolId: (await db.tool.findUniqueOrThrow({ where: { slug: "exchange-server-user-monitor" } })).id, version: "6.1.0", reason: "The version the team tested.", risk: "LOW", backoutPlan: "Uninstall it.", plannedStart: "2031-01-01T20:00", plannedEnd: "2031-01-01T22:00" })],
  ["incident.open", "operator", async () => ({ title: "Sample incident", severity: "3", description: "", serverIds: [(await db.server.findUniqueOrThrow({ where: { name: "EXHUB01" } })).id] })],
  ["incident.add_update", "operator", async () => ({ incidentId: String((await db.incident.findFirstOrThrow({ where: { title: "Sample incident" } })).id), body: "Still looking." })],
  ["incident.update", "operator", async () => ({ incidentId: String((await db.incident.findFirstOrThrow({ where: { title: "Sample incident" } })).id), title: "Sample incident", severity: "2", serverIds: [] })],
  ["incident.change_status", "operator", async () => ({ incidentId: String((await db.incident.findFirstOrThrow({ where: { title: "Sample incident" } })).id), step: "resolve", resolution: "Restarted the transport service." })],
  ["problem.create", "operator", async () => ({ incidentId: String((await db.incident.findFirstOrThrow({ where: { title: "Sample incident" } })).id), title: "Sample problem" })],
  ["problem.update", "operator", async () => ({ problemId: String((await db.problem.findFirstOrThrow({ where: { title: "Sample problem" } })).id), title: "Sample problem", rootCause: "Known cause." })],
  ["incident.unlink_problem", "operator", async () => ({ incidentId: String((await db.incident.findFirstOrThrow({ where: { title: "Sample incident" } })).id) })],
  ["incident.link_problem", "operator", async () => ({ incidentId: String((await db.incident.findFirstOrThrow({ where: { title: "Sample incident" } })).id), problemId: String((await db.problem.findFirstOrThrow({ where: { title: "Sample problem" } })).id) })],
  ["change.create", "operator", async () => ({ title: "Sample change", type: "NORMAL", description: "Set-TransportConfig -MaxSendSize 20MB", reason: "Larger attachments", risk: "LOW", backoutPlan: "Set it back to 10MB", plannedStart: "2031-01-01T20:00", plannedEnd: "2031-01-01T22:00", serverIds: [(await db.server.findUniqueOrThrow({ where: { name: "EXHUB01" } })).id] })],
  ["change.update", "operator", async () => ({ changeId: String((await db.change.findFirstOrThrow({ where: { title: "Sample change" } })).id), title: "Sample change", type: "NORMAL", description: "Set-TransportConfig -MaxSendSize 25MB", reason: "Larger attachments", risk: "LOW", backoutPlan: "Set it back to 10MB", plannedStart: "2031-01-01T20:00", plannedEnd: "2031-01-01T23:00", serverIds: [(await db.server.findUniqueOrThrow({ where: { name: "EXHUB01" } })).id] })],
  ["change.submit", "operator", async () => ({ changeId: String((await db.change.findFirstOrThrow({ where: { title: "Sample change" } })).id) })],
  ["change.approve", "manager", async () => ({ changeId: String((await db.change.findFirstOrThrow({ where: { title: "Sample change" } })).id), note: "Go ahead." })],
  ["change.reject", "manager", async ({ operator }) => ({ changeId: String((await db.change.create({ data: { title: "Sample rejected change", type: "NORMAL", status: "SUBMITTED", description: "d", reason: "r", risk: "LOW", backoutPlan: "b", plannedStart: new Date("2031-02-01T20:00Z"), plannedEnd: new Date("2031-02-01T21:00Z"), requesterId: operator.id } })).id), note: "Not this month." })],
  ["change.implement", "operator", async () => ({ changeId: String((await db.change.findFirstOrThrow({ where: { title: "Sample change" } })).id), procedureIds: [(await db.procedure.findUniqueOrThrow({ where: { slug: "examine-message-queues" } })).id] })],
  ["change.verify", "operator", async () => { const change = await db.change.findFirstOrThrow({ where: { title: "Sample change" } }); await db.run.updateMany({ where: { changeId: change.id }, data: { completedAt: new Date(), hasExceptions: false } }); return { changeId: String(change.id) }; }],
  ["change.close", "manager", async () => ({ changeId: String((await db.change.findFirstOrThrow({ where: { title: "Sample change" } })).id) })],
  ["result.record", "operator", async () => ({ ...(await openRun()), outcome: "PASS", value: "", note: "", expectedRevision: "0" })],
  ["run.skip", "manager", async () => ({ runId: (await openRun()).runId, reason: "Covered by the facilities inspection" })],
];
