// The controlled standard tool set against a real database: the verification run writing the
// deployment record (approved or not), deviations appearing and clearing, catalogue changes as
// Normal change records approved by another manager and applied at implementation, retiring a tool
// a published procedure needs refused by name, the bad inputs that write nothing, and the role
// boundaries of each new action.
import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/define";
import { verifyAuditChain } from "@/lib/audit/verify";
import type { CurrentUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { seedDatabase } from "@/lib/procedures/seed";
import { getChange } from "@/lib/changes/queries";
import { getToolSet, toolsLackingForRun } from "@/lib/tools/queries";
import { TOOL_SET_PROCEDURE_CODE } from "@/lib/tools/standard-set";
import { actionDefinition, as, auditCount, makeUser } from "../support/fixtures";
import "@/lib/changes/actions";
import "@/lib/runs/actions";
import "@/lib/tools/actions";

const raise = actionDefinition("tool.change_raise");
const deploy = actionDefinition("tool.record_deployment");
const submit = actionDefinition("change.submit");
const approve = actionDefinition("change.approve");
const implement = actionDefinition("change.implement");
const update = actionDefinition("change.update");
const record = actionDefinition("result.record");

const NOW = new Date("2026-12-09T07:00:00Z");

let viewer: CurrentUser;
let operator: CurrentUser;
let manager: CurrentUser;
let manager2: CurrentUser;
let mbx: { id: string; name: string };
let hub: { id: string; name: string };
let toolSetProcedure: { id: string; currentVersionId: string | null };
const tool = async (slug: string) => db.tool.findUniqueOrThrow({ where: { slug }, select: { id: true, name: true, slug: true } });

beforeAll(async () => {
  await seedDatabase(db, { now: NOW });
  viewer = await makeUser("VIEWER");
  operator = await makeUser("OPERATOR", { name: "Omar" });
  manager = await makeUser("MANAGER", { name: "Maya" });
  manager2 = await makeUser("MANAGER", { name: "Mo" });
  mbx = await db.server.findUniqueOrThrow({ where: { name: "EXMBX01" }, select: { id: true, name: true } });
  hub = await db.server.findUniqueOrThrow({ where: { name: "EXHUB01" }, select: { id: true, name: true } });
  toolSetProcedure = await db.procedure.findUniqueOrThrow({ where: { seedCode: TOOL_SET_PROCEDURE_CODE }, select: { id: true, currentVersionId: true } });
});

/** A run of "Verify the standard tool set" (or another procedure) for a server, open at NOW. */
async function openRun(serverId: string, procedureId = toolSetProcedure.id) {
  const procedure = await db.procedure.findUniqueOrThrow({ where: { id: procedureId }, select: { currentVersionId: true } });
  return db.run.create({
    data: {
      procedureId,
      versionId: procedure.currentVersionId!,
      serverId,
      periodKey: `test-${Math.random()}`,
      scopeKey: serverId,
      cadence: "MONTHLY",
      localDate: "2026-12-09",
      opensAt: new Date("2026-12-09T00:00:00Z"),
      dueAt: new Date("2026-12-09T16:00:00Z"),
      graceEndsAt: new Date("2026-12-12T16:00:00Z"),
    },
    select: { id: true, versionId: true },
  });
}

async function answer(runId: string, key: string, outcome: string, value: string, expectedRevision = 0) {
  const run = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { versionId: true } });
  const item = await db.checklistItem.findUniqueOrThrow({ where: { versionId_key: { versionId: run.versionId, key } }, select: { id: true } });
  return runAction(record, { runId, itemId: item.id, outcome, value, note: "", expectedRevision: String(expectedRevision) }, as(operator, NOW));
}

const changeForm = (fields: Record<string, unknown>) => ({
  reason: "Keep the standard tool set current.",
  risk: "LOW",
  backoutPlan: "Implement a change that reverses it.",
  plannedStart: "2026-12-10T20:00",
  plannedEnd: "2026-12-10T22:00",
  type: "NORMAL",
  ...fields,
});

async function writes() {
  return {
    events: await auditCount(),
    changes: await db.change.count(),
    toolChanges: await db.toolChange.count(),
    deployments: await db.toolDeployment.findMany({ orderBy: [{ serverId: "asc" }, { toolId: "asc" }] }),
    versions: await db.toolVersion.count(),
    tools: await db.tool.findMany({ orderBy: { slug: "asc" }, select: { slug: true, retiredAt: true } }),
  };
}

describe("the seeded standard tool set", () => {
  it("places Microsoft's Exchange 2007 tools by role, with the lab-only tools and a monthly per-server verification", async () => {
    const set = await getToolSet();
    const bySlug = new Map(set.tools.map((t) => [t.slug, t]));
    expect(bySlug.get("queue-viewer")).toMatchObject({ placement: "ROLES", requiredRoles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"], versioning: "EXCHANGE" });
    expect(bySlug.get("isinteg")).toMatchObject({ placement: "ROLES", requiredRoles: ["MAILBOX"], versioning: "EXCHANGE" });
    expect(bySlug.get("jetstress")).toMatchObject({ placement: "LAB_ONLY", requiredRoles: [] });
    expect(bySlug.get("load-generator")).toMatchObject({ placement: "LAB_ONLY" });
    expect(bySlug.get("exchange-server-user-monitor")).toMatchObject({ placement: "ROLES", versioning: "OWN", approvedVersions: [] });
    expect(bySlug.get("event-viewer")).toMatchObject({ placement: "NONE" });
    for (const t of set.standard) expect(t.source.length > 0 && t.owner.length > 0).toBe(true);
    // Nothing recorded yet: no deviation, everything "not verified".
    expect(set.deviations).toEqual([]);
    expect(set.notVerified.length).toBeGreaterThan(0);
    const schedule = await db.schedule.findFirstOrThrow({ where: { procedure: { seedCode: TOOL_SET_PROCEDURE_CODE } } });
    expect(schedule).toMatchObject({ scope: "PER_SERVER" });
    const items = await db.checklistItem.findMany({ where: { versionId: toolSetProcedure.currentVersionId! }, select: { key: true, roles: { select: { role: true } } } });
    expect(items.find((i) => i.key === "tool-isinteg")!.roles.map((r) => r.role)).toEqual(["MAILBOX"]);
    expect(items.find((i) => i.key === "tool-jetstress")!.roles).toEqual([]);
  });

  it("fills in the place in the set of tools an older portal already has, once, and never again", async () => {
    const isinteg = await tool("isinteg");
    await db.tool.update({ where: { id: isinteg.id }, data: { placement: "NONE", requiredRoles: "[]", source: "", owner: "" } });
    const report = await seedDatabase(db, { now: NOW });
    expect(report.toolsStandardised).toBe(1);
    expect(await db.tool.findUniqueOrThrow({ where: { id: isinteg.id } })).toMatchObject({ placement: "ROLES", requiredRoles: '["MAILBOX"]' });
    expect((await seedDatabase(db, { now: NOW })).toolsStandardised).toBe(0);
  });
});

describe("the verification run and the deployment record", () => {
  it("records whatever the run finds, approved or not, and shows deviations until they clear", async () => {
    const run = await openRun(mbx.id);
    expect(await answer(run.id, "exchange-build", "PASS", "08.03.0083.006")).toMatchObject({ ok: true });
    expect(await db.server.findUniqueOrThrow({ where: { id: mbx.id }, select: { exchangeBuild: true } })).toEqual({ exchangeBuild: "08.03.0083.006" });

    // ExMon at a version nobody approved: saved as found, as a failure, and a deviation.
    const exmon = await tool("exchange-server-user-monitor");
    const saved = await answer(run.id, "tool-exchange-server-user-monitor", "PASS", "6.1.0");
    expect(saved).toMatchObject({ ok: true, data: { outcome: "FAIL" } });
    expect(await db.toolDeployment.findUniqueOrThrow({ where: { serverId_toolId: { serverId: mbx.id, toolId: exmon.id } } })).toMatchObject({ present: true, installedVersion: "6.1.0", verifiedById: operator.id, runId: run.id });
    let set = await getToolSet();
    expect(set.deviations.map((d) => [d.serverName, d.toolSlug, d.kind])).toContainEqual(["EXMBX01", "exchange-server-user-monitor", "UNAPPROVED_VERSION"]);

    // ISInteg missing, Jetstress found: both deviations; the shipped tools take the server's build.
    await answer(run.id, "tool-isinteg", "PASS", "Missing");
    await answer(run.id, "tool-jetstress", "PASS", "Installed");
    await answer(run.id, "tool-eseutil", "PASS", "Present");
    const eseutil = await tool("eseutil");
    expect(await db.toolDeployment.findUniqueOrThrow({ where: { serverId_toolId: { serverId: mbx.id, toolId: eseutil.id } } })).toMatchObject({ present: true, installedVersion: "08.03.0083.006" });
    set = await getToolSet();
    const kinds = set.deviations.filter((d) => d.serverName === "EXMBX01").map((d) => `${d.toolSlug}:${d.kind}`);
    expect(kinds).toEqual(expect.arrayContaining(["isinteg:MISSING", "jetstress:LAB_ONLY_PRESENT", "exchange-server-user-monitor:UNAPPROVED_VERSION"]));

    // A correction: ISInteg is there after all, Jetstress removed; those deviations clear.
    await answer(run.id, "tool-isinteg", "PASS", "Present", 1);
    await answer(run.id, "tool-jetstress", "PASS", "Not installed", 1);
    set = await getToolSet();
    expect(set.deviations.filter((d) => d.serverName === "EXMBX01").map((d) => d.toolSlug)).toEqual(["exchange-server-user-monitor"]);
  });

  it("warns on a run page when its server lacks a tool the procedure needs, by the deployment record", async () => {
    const usesIsinteg = await db.procedure.findFirstOrThrow({ where: { currentVersion: { tools: { some: { tool: { slug: "isinteg" } } } } }, select: { id: true } });
    const run = await openRun(mbx.id, usesIsinteg.id);
    expect((await toolsLackingForRun(run.id)).lacking).toEqual([]);
    const isinteg = await tool("isinteg");
    expect(await runAction(deploy, { serverId: mbx.id, toolId: isinteg.id, present: "false", version: "" }, as(operator, NOW))).toMatchObject({ ok: true, message: "Recorded: EXMBX01 lacks Isinteg." });
    expect((await toolsLackingForRun(run.id)).lacking.map((t) => t.slug)).toEqual(["isinteg"]);
    expect(await runAction(deploy, { serverId: mbx.id, toolId: isinteg.id, present: "true", version: "" }, as(operator, NOW))).toMatchObject({ ok: true });
    expect((await toolsLackingForRun(run.id)).lacking).toEqual([]);
  });
});

describe("changes to the standard tool set", () => {
  it("approves a new version only through a Normal change another manager approves, applied when implemented", async () => {
    const exmon = await tool("exchange-server-user-monitor");
    // Standard and Emergency are refused, writing nothing.
    const before = await writes();
    for (const type of ["STANDARD", "EMERGENCY"]) {
      const refused = await runAction(raise, changeForm({ changeKind: "APPROVE_VERSION", toolId: exmon.id, version: "6.1.0", type }), as(manager, NOW));
      expect(refused).toMatchObject({ ok: false, fieldErrors: { type: [expect.stringContaining("A tool change is a Normal change")] } });
    }
    expect(await writes()).toEqual(before);

    const raised = await runAction(raise, changeForm({ changeKind: "APPROVE_VERSION", toolId: exmon.id, version: "6.1.0" }), as(manager, NOW));
    expect(raised).toMatchObject({ ok: true });
    expect(await auditCount()).toBe(before.events + 1);
    const changeId = (raised as { data: { id: number } }).data.id;
    const change = await db.change.findUniqueOrThrow({ where: { id: changeId }, include: { servers: { include: { server: true } } } });
    expect(change).toMatchObject({ type: "NORMAL", status: "DRAFT", title: "Approve version 6.1.0 of Exchange Server User Monitor (ExMon)" });
    expect(change.servers.map((s) => s.server.name)).toContain("EXMBX01");

    // The draft stays Normal.
    const edit = await runAction(update, { changeId: String(changeId), title: change.title, type: "EMERGENCY", description: change.description, reason: change.reason, risk: "LOW", backoutPlan: change.backoutPlan, plannedStart: "2026-12-10T20:00", plannedEnd: "2026-12-10T22:00", serverIds: change.servers.map((s) => s.serverId) }, as(manager, NOW));
    expect(edit).toMatchObject({ ok: false, fieldErrors: { type: [expect.stringContaining("Normal change")] } });

    expect(await runAction(submit, { changeId: String(changeId) }, as(manager, NOW))).toMatchObject({ ok: true });
    expect(await runAction(approve, { changeId: String(changeId), note: "" }, as(manager, NOW))).toMatchObject({ ok: false, error: "You requested this change, so another manager must approve it." });
    expect(await runAction(approve, { changeId: String(changeId), note: "" }, as(operator, NOW))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await runAction(approve, { changeId: String(changeId), note: "Fine." }, as(manager2, NOW))).toMatchObject({ ok: true });
    // The implementer is offered the tool-set verification first, already chosen; an ordinary
    // change on the same servers is not.
    const detail = await getChange(changeId, NOW);
    expect(detail!.choices!.suggested[0]!.id).toBe(toolSetProcedure.id);
    expect(detail!.choices!.preselected).toEqual([toolSetProcedure.id]);
    const ordinary = await db.change.create({
      data: { title: "Ordinary change", type: "NORMAL", status: "APPROVED", description: "", reason: "r", risk: "LOW", backoutPlan: "b", plannedStart: NOW, plannedEnd: NOW, requesterId: manager.id, servers: { create: change.servers.map((s) => ({ serverId: s.serverId })) } },
    });
    const plain = await getChange(ordinary.id, NOW);
    expect(plain!.choices!.preselected).toEqual([]);
    expect(plain!.choices!.suggested.map((c) => c.id)).not.toContain(toolSetProcedure.id);
    await db.change.delete({ where: { id: ordinary.id } });

    // Approved, and the work not yet carried out: the catalogue has not changed; the deviation stands.
    expect(await db.toolVersion.count({ where: { toolId: exmon.id } })).toBe(0);
    expect((await getToolSet()).deviations.some((d) => d.toolSlug === "exchange-server-user-monitor")).toBe(true);

    // An untouched future run of the verification follows the new version; a started one stays.
    const untouched = await openRun(hub.id);
    const versionBefore = (await db.procedure.findUniqueOrThrow({ where: { id: toolSetProcedure.id }, select: { currentVersion: { select: { number: true } } } })).currentVersion!.number;
    const implemented = await runAction(implement, { changeId: String(changeId), procedureIds: [toolSetProcedure.id] }, as(operator, NOW));
    expect(implemented).toMatchObject({ ok: true, message: expect.stringContaining("The standard tool set is updated.") });
    expect(await db.toolVersion.findMany({ where: { toolId: exmon.id }, select: { version: true, changeId: true } })).toEqual([{ version: "6.1.0", changeId }]);
    const current = await db.procedure.findUniqueOrThrow({ where: { id: toolSetProcedure.id }, select: { currentVersion: { select: { id: true, number: true, source: true, items: { where: { key: "tool-exchange-server-user-monitor" }, select: { help: true } } } } } });
    expect(current.currentVersion).toMatchObject({ number: versionBefore + 1, source: "EDITOR" });
    expect(current.currentVersion!.items[0]!.help).toContain("Approved: 6.1.0.");
    expect((await db.run.findUniqueOrThrow({ where: { id: untouched.id } })).versionId).toBe(current.currentVersion!.id);
    expect((await db.toolChange.findUniqueOrThrow({ where: { changeId } })).appliedAt).toEqual(NOW);
    // The deviation clears: 6.1.0 is now approved.
    expect((await getToolSet()).deviations.some((d) => d.toolSlug === "exchange-server-user-monitor")).toBe(false);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("refuses to retire a tool that a published procedure still needs, naming the procedures", async () => {
    const isinteg = await tool("isinteg");
    const titles = (await db.procedureTool.findMany({ where: { toolId: isinteg.id, version: { currentOf: { is: { archivedAt: null } } } }, select: { version: { select: { title: true } } } })).map((u) => u.version.title);
    expect(titles.length).toBeGreaterThan(0);
    const before = await writes();
    const refused = await runAction(raise, changeForm({ changeKind: "RETIRE", toolId: isinteg.id }), as(manager, NOW));
    expect(refused).toMatchObject({ ok: false });
    const error = (refused as { error: string }).error;
    expect(error).toContain("Isinteg cannot be retired");
    for (const title of titles) expect(error).toContain(`"${title}"`);
    expect(await writes()).toEqual(before);
  });

  it("retires a tool no procedure needs when its change is implemented, and the verification drops it", async () => {
    const loadgen = await tool("load-generator");
    const raised = await runAction(raise, changeForm({ changeKind: "RETIRE", toolId: loadgen.id }), as(manager2, NOW));
    const changeId = String((raised as { data: { id: number } }).data.id);
    await runAction(submit, { changeId }, as(manager2, NOW));
    await runAction(approve, { changeId, note: "" }, as(manager, NOW));
    expect((await db.tool.findUniqueOrThrow({ where: { id: loadgen.id } })).retiredAt).toBeNull();
    expect(await runAction(implement, { changeId, procedureIds: [toolSetProcedure.id] }, as(operator, NOW))).toMatchObject({ ok: true });
    expect((await db.tool.findUniqueOrThrow({ where: { id: loadgen.id } })).retiredAt).toEqual(NOW);
    const current = await db.procedure.findUniqueOrThrow({ where: { id: toolSetProcedure.id }, select: { currentVersionId: true } });
    expect(await db.checklistItem.count({ where: { versionId: current.currentVersionId!, key: "tool-load-generator" } })).toBe(0);
  });

  it("adds a tool when its change is implemented, and refuses a role that no server holds", async () => {
    const add = { changeKind: "ADD", slug: "exchange-profile-analyzer", name: "Exchange Profile Analyzer", toolKind: "UTILITY", toolDescription: "Reads the mailbox profile of the organisation for capacity planning.", placement: "ROLES", versioning: "OWN", version: "1.0", source: "Microsoft Download Center", owner: "Messaging team" };
    // Every unified messaging server retired: nobody holds the role.
    const um = await db.server.findMany({ where: { roles: { some: { role: "UNIFIED_MESSAGING" } } }, select: { id: true } });
    await db.server.updateMany({ where: { id: { in: um.map((s) => s.id) } }, data: { active: false } });
    const before = await writes();
    const refused = await runAction(raise, changeForm({ ...add, requiredRoles: ["UNIFIED_MESSAGING"] }), as(manager, NOW));
    expect(refused).toMatchObject({ ok: false, error: expect.stringContaining("No server in service holds the Unified Messaging role") });
    expect(await writes()).toEqual(before);
    await db.server.updateMany({ where: { id: { in: um.map((s) => s.id) } }, data: { active: true } });

    const raised = await runAction(raise, changeForm({ ...add, requiredRoles: ["MAILBOX"] }), as(manager, NOW));
    const changeId = String((raised as { data: { id: number } }).data.id);
    expect(await db.tool.count({ where: { slug: add.slug } })).toBe(0);
    await runAction(submit, { changeId }, as(manager, NOW));
    await runAction(approve, { changeId, note: "" }, as(manager2, NOW));
    expect(await runAction(implement, { changeId, procedureIds: [toolSetProcedure.id] }, as(operator, NOW))).toMatchObject({ ok: true });
    const created = await db.tool.findUniqueOrThrow({ where: { slug: add.slug }, include: { versions: true } });
    expect(created).toMatchObject({ placement: "ROLES", requiredRoles: '["MAILBOX"]', versioning: "OWN", owner: "Messaging team" });
    expect(created.versions.map((v) => v.version)).toEqual(["1.0"]);
  });
});

describe("deployments recorded by hand", () => {
  it("refuses an unapproved version, a retired server and a lab-only tool, writing nothing", async () => {
    const exmon = await tool("exchange-server-user-monitor");
    const jetstress = await tool("jetstress");
    const retired = await db.server.create({ data: { name: "EXOLD01", site: "Lab", active: false, roles: { create: [{ role: "MAILBOX" }] } }, select: { id: true } });
    const before = await writes();
    const unapproved = await runAction(deploy, { serverId: mbx.id, toolId: exmon.id, present: "true", version: "9.9" }, as(operator, NOW));
    expect(unapproved).toMatchObject({ ok: false, error: expect.stringContaining("Version 9.9 of Exchange Server User Monitor (ExMon) is not approved (approved: 6.1.0)") });
    expect(await runAction(deploy, { serverId: retired.id, toolId: exmon.id, present: "true", version: "6.1.0" }, as(operator, NOW))).toMatchObject({ ok: false, error: "EXOLD01 is retired; it has no deployment record to keep." });
    expect(await runAction(deploy, { serverId: mbx.id, toolId: jetstress.id, present: "true", version: "" }, as(operator, NOW))).toMatchObject({ ok: false, error: expect.stringContaining("lab-only") });
    expect(await runAction(deploy, { serverId: mbx.id, toolId: exmon.id, present: "true", version: "6.1.0; DROP" }, as(operator, NOW))).toMatchObject({ ok: false, fieldErrors: { version: [expect.any(String)] } });
    expect(await writes()).toEqual(before);
  });

  it("lets an operator (allow) but not a viewer (deny) record a deployment", async () => {
    const exmon = await tool("exchange-server-user-monitor");
    const form = { serverId: mbx.id, toolId: exmon.id, present: "true", version: "6.1.0" };
    const before = await auditCount();
    expect(await runAction(deploy, form, as(viewer, NOW))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await auditCount()).toBe(before);
    expect(await runAction(deploy, form, as(operator, NOW))).toMatchObject({ ok: true });
    expect(await auditCount()).toBe(before + 1);
  });

  it("lets a manager (allow) but not an operator (deny) raise a tool change", async () => {
    const exmon = await tool("exchange-server-user-monitor");
    const form = changeForm({ changeKind: "APPROVE_VERSION", toolId: exmon.id, version: "6.2.0" });
    const before = await db.change.count();
    expect(await runAction(raise, form, as(operator, NOW))).toMatchObject({ ok: false, error: "You do not have permission to do that." });
    expect(await db.change.count()).toBe(before);
    expect(await runAction(raise, form, as(manager, NOW))).toMatchObject({ ok: true });
    expect(await db.change.count()).toBe(before + 1);
  });
});
