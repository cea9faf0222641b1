// Placeholders, item roles and new series against a real database (decision 033): the seeded
// library and its values, the editor's and the import's refusals, what publishing writes, the
// values a server and the organisation supply and how they are checked, and which items a run on
// a real server keeps.
import { beforeAll, describe, expect, it } from "vitest";
import { runAction } from "@/lib/actions/define";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session";
import { verifyAuditChain } from "@/lib/audit/verify";
import { versionContent } from "@/lib/procedures/content";
import { readUploads } from "@/lib/procedures/files";
import { knownPlaceholderNames, otherServersNamed, placeholderContextForServer } from "@/lib/procedures/placeholder-queries";
import { renderCommand } from "@/lib/procedures/placeholders";
import { getRunForPrint } from "@/lib/procedures/queries";
import { DEFAULT_LIBRARY, seedDatabase } from "@/lib/procedures/seed";
import type { ProcedureContent } from "@/lib/procedures/schemas";
import { getRun } from "@/lib/runs/queries";
import { actionDefinition, as, libraryCounts, makeUser } from "../support/fixtures";
import "@/lib/procedures/actions";
import { seedProcedures } from "@/prisma/seed/library";
import "@/lib/procedures/import-actions";
import "@/lib/servers/actions";
import "@/lib/servers/variable-actions";

const create = actionDefinition("procedure.create");
const save = actionDefinition("procedure.draft_save");
const publish = actionDefinition("procedure.publish");
const restore = actionDefinition("procedure.restore");
const importFiles = actionDefinition("procedure.import");
const updateServer = actionDefinition("server.update");
const defineVariable = actionDefinition("placeholder.define");
const updateVariable = actionDefinition("placeholder.update");
const removeVariable = actionDefinition("placeholder.remove");

let manager: CurrentUser;
let admin: CurrentUser;
const DEMO = DEFAULT_LIBRARY.servers.map((s) => s.name);
const json = (c: unknown) => JSON.stringify(c);

beforeAll(async () => {
  await seedDatabase(db, { now: new Date("2026-12-07T06:00:00Z") });
  manager = await makeUser("MANAGER");
  admin = await makeUser("ADMIN");
});

const serverId = async (name: string) => (await db.server.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;
const contentOf = async (code: string) => (await versionContent(db, (await db.procedure.findUniqueOrThrow({ where: { seedCode: code } })).currentVersionId!))!;

describe("the seeded library", () => {
  it("names no demo server in any seeded command, counter, item or body (B1)", async () => {
    const versions = await db.procedureVersion.findMany({
      where: { currentOf: { isNot: null } },
      select: { title: true, body: true, items: { select: { text: true, help: true, counter: true } }, tools: { select: { command: true, purpose: true } } },
    });
    expect(versions).toHaveLength(seedProcedures.length);
    for (const v of versions) {
      const texts = [v.body, ...v.items.flatMap((i) => [i.text, i.help, i.counter ?? ""]), ...v.tools.flatMap((t) => [t.command, t.purpose])];
      for (const name of [...DEMO, "DC01", "GW01"]) {
        expect(texts.filter((t) => t.toUpperCase().includes(name)), `${v.title} names ${name}`).toEqual([]);
      }
    }
    const queues = await contentOf("D5");
    expect(queues.tools.map((t) => t.command)).toContain("Get-Queue -Server {{server}} | Sort-Object MessageCount -Descending | Format-Table Identity,Status,MessageCount,NextHopDomain,LastError -AutoSize");
  });

  it("stores item roles, defines the variables it uses and gives the demo servers their values", async () => {
    const disk = await db.procedure.findUniqueOrThrow({ where: { seedCode: "D4" }, select: { currentVersion: { select: { items: { select: { key: true, roles: { select: { role: true } } } } } } } });
    const roles = Object.fromEntries(disk.currentVersion!.items.map((i) => [i.key, i.roles.map((r) => r.role).sort()]));
    expect(roles["database-volume-free-percent"]).toEqual(["MAILBOX"]);
    expect(roles["queue-volume-free-mb"]).toEqual(["EDGE_TRANSPORT", "HUB_TRANSPORT"]);
    expect(roles["system-volume-free-percent"]).toEqual([]);

    const known = await knownPlaceholderNames();
    expect(known.serverVars).toEqual(expect.arrayContaining(["queueDrive", "logPath", "systemDrive"]));
    expect(known.orgVars).toEqual(expect.arrayContaining(["domainController", "netbiosDomain"]));

    const edge = await placeholderContextForServer(await serverId("EXEDGE01"));
    expect(edge.server).toMatchObject({ name: "EXEDGE01", fqdn: "EXEDGE01.perimeter.contoso.com", site: "London-DMZ", storageGroups: [] });
    expect(edge.server?.vars).toMatchObject({ queueDrive: "D:", backupPath: "D:\\EdgeBackup" });
    expect(edge.org).toMatchObject({ domainController: "dc01.contoso.local", netbiosDomain: "CONTOSO" });
    const mailbox = await placeholderContextForServer(await serverId("EXMBX01"));
    expect(mailbox.server?.storageGroups).toEqual(["First Storage Group", "Second Storage Group"]);
    expect(await placeholderContextForServer(null)).toEqual({ server: null, org: edge.org });
    expect(await placeholderContextForServer("no-such-server")).toEqual({ server: null, org: edge.org });
  });

  it("renders the queue commands for EXEDGE01 with EXEDGE01, and storage group commands once per group", async () => {
    const edge = await placeholderContextForServer(await serverId("EXEDGE01"));
    const queues = await contentOf("D5");
    const commands = queues.tools.flatMap((t) => renderCommand(t.command, edge).map((r) => r.text)).join("\n");
    expect(commands).toContain("Get-Queue -Server EXEDGE01 |");
    expect(commands).toContain("Get-Message -Queue EXEDGE01\\Poison");
    expect(commands).not.toContain("EXHUB01");
    const disk = await contentOf("D4");
    const logs = disk.tools.find((t) => t.command.includes("{{storageGroup}}"))!;
    expect(renderCommand(logs.command, await placeholderContextForServer(await serverId("EXMBX02"))).map((r) => r.text)).toEqual([
      'Get-ChildItem "E:\\Exchange\\Logs\\Third Storage Group" -Filter *.log | Measure-Object -Property Length -Sum',
      'Get-ChildItem "E:\\Exchange\\Logs\\Fourth Storage Group" -Filter *.log | Measure-Object -Property Length -Sum',
      'Get-ChildItem "E:\\Exchange\\Logs\\Public Folder Storage Group" -Filter *.log | Measure-Object -Property Length -Sum',
    ]);
  });

  it("finds other servers a text names, as whole words in any case, retired ones too", async () => {
    await db.server.create({ data: { name: "EXOLD01", site: "HQ", active: false } });
    expect(await otherServersNamed(["Get-Queue -Server exhub01 | x", "Retry-Queue EXOLD01\\<QueueId>", "EXMBX011 EXEDGE01"], "EXEDGE01")).toEqual(["EXHUB01", "EXOLD01"]);
    expect(await otherServersNamed(["Get-Queue -Server {{server}}"], "EXEDGE01")).toEqual([]);
  });

  it("gives demo servers of an older seed their values once, on the first start that brings the variables", async () => {
    // As an older seed left them: no variables, no storage groups; one server an administrator has
    // given storage groups of its own since, which is left alone.
    const hub = await serverId("EXHUB02");
    const mailbox = await serverId("EXMBX02");
    await db.serverVariable.deleteMany({});
    await db.placeholderVariable.deleteMany({});
    await db.server.updateMany({ data: { storageGroups: "[]" } });
    await db.server.update({ where: { id: mailbox }, data: { storageGroups: JSON.stringify(["Own Group"]) } });
    const report = await seedDatabase(db);
    expect(report.variablesCreated).toBe(DEFAULT_LIBRARY.variables!.length);
    expect((await placeholderContextForServer(hub)).server?.vars).toMatchObject({ queueDrive: "D:" });
    expect((await placeholderContextForServer(await serverId("EXMBX01"))).server?.storageGroups).toEqual(["First Storage Group", "Second Storage Group"]);
    expect((await placeholderContextForServer(mailbox)).server).toMatchObject({ storageGroups: ["Own Group"], vars: {} });
    const again = await seedDatabase(db);
    expect(again.variablesCreated).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "server.seed_values" } })).toBe(DEMO.length - 1);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});

describe("the editor and the import refuse placeholders that name nothing", () => {
  it("refuses {{nope}} in a command beside the field, listing the valid ones, and writes nothing", async () => {
    const content = await contentOf("D5");
    const before = await libraryCounts();
    const edited = { ...content, tools: content.tools.map((t, i) => (i === 1 ? { ...t, command: "Get-Queue -Server {{nope}}" } : t)) };
    const procedureId = (await db.procedure.findUniqueOrThrow({ where: { seedCode: "D5" } })).id;
    const result = await runAction(save, { procedureId, expectedRevision: "0", content: json(edited) }, as(manager));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBe("A placeholder names nothing Opsbook knows; see the marked field.");
      expect(Object.keys(result.fieldErrors)).toEqual(["content.tools.1.command"]);
      expect(result.fieldErrors["content.tools.1.command"]![0]).toMatch(/^\{\{nope\}\} is not a placeholder Opsbook knows\. Valid placeholders: \{\{server\}\}, \{\{fqdn\}\}, \{\{site\}\}, \{\{storageGroup\}\}, .*\{\{var:queueDrive\}\}.*\{\{org:domainController\}\}/);
    }
    const unknownVariable = { ...content, body: `${content.body}\n\nSee {{var:nope}}.`, items: content.items.map((item, i) => (i === 0 ? { ...item, help: "On {{org:nowhere}}" } : item)) };
    const second = await runAction(create, { content: json({ ...unknownVariable, slug: "queues-copy" }) }, as(manager));
    expect(second.ok === false && Object.keys(second.fieldErrors).sort()).toEqual(["content.body", "content.items.0.help"]);
    expect(await libraryCounts()).toEqual(before);
  });

  it("refuses an imported file with an unknown placeholder as a problem of that file and line", async () => {
    const before = await libraryCounts();
    const file = [
      "---",
      "slug: placeholder-import",
      "title: Placeholder import",
      "cadence: AS_NEEDED",
      "smf: SYSTEM_ADMINISTRATION",
      "purpose: An imported procedure with a bad placeholder.",
      "items:",
      "  - key: done",
      "    kind: CHECK",
      "    text: Done on {{server}}",
      "    roles: [MAILBOX]",
      "tools:",
      "  - tool: exchange-management-shell",
      "    command: Get-Queue -Server {{srever}}",
      "---",
      "",
      "Body.",
      "",
    ].join("\n");
    const upload = await readUploads([{ name: "placeholder-import.md", data: new TextEncoder().encode(file) }]);
    const result = await runAction(importFiles, upload, as(manager));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fieldErrors.archive).toHaveLength(1);
      expect(result.fieldErrors.archive![0]).toMatch(/^placeholder-import\.md line 14: \{\{srever\}\} is not a placeholder Opsbook knows\. Valid placeholders: \{\{server\}\}/);
    }
    expect(await libraryCounts()).toEqual(before);

    // Corrected, it imports, with the item's roles.
    const fixed = await readUploads([{ name: "placeholder-import.md", data: new TextEncoder().encode(file.replace("{{srever}}", "{{server}}")) }]);
    expect(await runAction(importFiles, fixed, as(manager))).toMatchObject({ ok: true });
    const imported = await db.procedure.findUniqueOrThrow({ where: { slug: "placeholder-import" }, select: { currentVersion: { select: { items: { select: { roles: { select: { role: true } } } } } } } });
    expect(imported.currentVersion!.items[0]!.roles.map((r) => r.role)).toEqual(["MAILBOX"]);
  });
});

describe("publishing", () => {
  let procedureId: string;
  const base = (): ProcedureContent => ({
    slug: "role-scoped",
    title: "Role-scoped checks",
    cadence: "DAILY",
    roles: ["MAILBOX", "HUB_TRANSPORT"],
    smf: "STORAGE_MANAGEMENT",
    relatedSmfs: [],
    purpose: "Checks for some roles only.",
    body: "Check the queue volume on {{server}}.",
    items: [
      { key: "everyone", kind: "CHECK", text: "Done", help: "", required: true, choices: [], passChoices: [], roles: [] },
      { key: "queue-latency", kind: "NUMBER", text: "Queue disk latency on {{var:queueDrive}}", help: "", required: true, unit: "s", max: 0.02, counter: "LogicalDisk({{var:queueDrive}})\\Avg. Disk sec/Read", choices: [], passChoices: [], roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"] },
    ],
    tools: [{ tool: "exchange-management-shell", command: "Get-Queue -Server {{server}}", purpose: "" }],
    references: [],
    managementReview: "",
    reviewIntervalMonths: 12,
  });

  it("writes each item's roles with the version", async () => {
    const created = await runAction(create, { content: json(base()) }, as(manager));
    expect(created).toMatchObject({ ok: true });
    procedureId = (await db.procedure.findUniqueOrThrow({ where: { slug: "role-scoped" } })).id;
    expect(await runAction(publish, { procedureId, expectedRevision: "1", changeNote: "First version." }, as(manager))).toMatchObject({ ok: true });
    const items = await db.checklistItem.findMany({ where: { version: { procedureId } }, orderBy: { position: "asc" }, select: { key: true, roles: { select: { role: true } } } });
    expect(items.map((i) => [i.key, i.roles.map((r) => r.role).sort()])).toEqual([
      ["everyone", []],
      ["queue-latency", ["EDGE_TRANSPORT", "HUB_TRANSPORT"]],
    ]);
  });

  it("gives a number item whose unit changed a new key, so its series never mixes units", async () => {
    const next = base();
    next.items[1] = { ...next.items[1]!, unit: "ms", max: 20 };
    expect(await runAction(save, { procedureId, expectedRevision: "0", content: json(next) }, as(manager))).toMatchObject({ ok: true });
    const published = await runAction(publish, { procedureId, expectedRevision: "1", changeNote: "Latency in milliseconds." }, as(manager));
    expect(published).toMatchObject({ ok: true });
    if (published.ok) expect(published.message).toContain("queue-latency (now in ms, was s) is recorded as queue-latency-ms");
    const v2 = await db.procedureVersion.findFirstOrThrow({ where: { procedureId, number: 2 }, select: { items: { orderBy: { position: "asc" }, select: { key: true, unit: true, roles: { select: { role: true } } } } } });
    expect(v2.items.map((i) => [i.key, i.unit])).toEqual([
      ["everyone", null],
      ["queue-latency-ms", "ms"],
    ]);
    expect(v2.items[1]!.roles).toHaveLength(2);

    // Republished in ms, the new key stays; the old series keeps its seconds.
    const third = { ...base(), title: "Role-scoped checks, renamed" };
    third.items[1] = { ...third.items[1]!, key: "queue-latency-ms", unit: "ms", max: 20 };
    expect(await runAction(save, { procedureId, expectedRevision: "0", content: json(third) }, as(manager))).toMatchObject({ ok: true });
    expect(await runAction(publish, { procedureId, expectedRevision: "1", changeNote: "Renamed." }, as(manager))).toMatchObject({ ok: true });
    const v3 = await db.procedureVersion.findFirstOrThrow({ where: { procedureId, number: 3 }, select: { items: { select: { key: true } } } });
    expect(v3.items.map((i) => i.key).sort()).toEqual(["everyone", "queue-latency-ms"]);
  });

  it("keeps item roles through restoring an old version, which republishes it under a new key for the old unit", async () => {
    const v1 = await db.procedureVersion.findFirstOrThrow({ where: { procedureId, number: 1 }, select: { id: true } });
    expect(await runAction(restore, { versionId: v1.id }, as(manager))).toMatchObject({ ok: true });
    expect(await runAction(publish, { procedureId, expectedRevision: "1", changeNote: "Back to version 1." }, as(manager))).toMatchObject({ ok: true });
    const v4 = await db.procedureVersion.findFirstOrThrow({ where: { procedureId, number: 4 }, select: { items: { orderBy: { position: "asc" }, select: { key: true, unit: true, roles: { select: { role: true } } } } } });
    // queue-latency last recorded seconds (version 1): the restored item in seconds continues it.
    expect(v4.items.map((i) => [i.key, i.unit, i.roles.length])).toEqual([
      ["everyone", null, 0],
      ["queue-latency", "s", 2],
    ]);
  });

  it("marks the change note that a publish needs, keeping what was typed (B2)", async () => {
    const next = { ...base(), title: "Role-scoped checks again" };
    expect(await runAction(save, { procedureId, expectedRevision: "0", content: json(next) }, as(manager))).toMatchObject({ ok: true });
    const empty = await runAction(publish, { procedureId, expectedRevision: "1", changeNote: "" }, as(manager));
    expect(empty).toMatchObject({ ok: false, error: "Some fields need attention.", fieldErrors: { changeNote: ["Write a change note of at least 5 characters: what changed and why."] } });
    const short = await runAction(publish, { procedureId, expectedRevision: "1", changeNote: "abc" }, as(manager));
    expect(short).toMatchObject({ ok: false, values: { changeNote: "abc" } });
  });
});

describe("server values and organisation variables", () => {
  const hubForm = async () => ({ serverId: await serverId("EXHUB01"), name: "EXHUB01", fqdn: "exhub01.contoso.local", site: "London-HQ", description: "", roles: ["HUB_TRANSPORT"] });

  it("checks each value against its variable's kind, beside the field, and saves nothing on error", async () => {
    const id = await serverId("EXHUB01");
    const before = await placeholderContextForServer(id);
    const bad = await runAction(updateServer, { ...(await hubForm()), "vars.queueDrive": "D:\\Queue", "vars.logPath": "E:\\Logs'; Stop-Computer", "vars.nothing": "x", storageGroups: "SG1" }, as(admin));
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.fieldErrors["vars.queueDrive"]).toEqual(["Enter a drive letter with its colon, such as E:."]);
      expect(bad.fieldErrors["vars.logPath"]![0]).toMatch(/^Enter a folder such as E:\\Exchange\\Logs/);
      expect(bad.fieldErrors["vars.nothing"]).toEqual(["There is no per-server variable of this name (it may have been removed); reload the page."]);
      expect(bad.values).toMatchObject({ "vars.queueDrive": "D:\\Queue" });
    }
    expect(await placeholderContextForServer(id)).toEqual(before);

    const site = await runAction(updateServer, { ...(await hubForm()), site: "London HQ" }, as(admin));
    expect(site.ok === false && Object.keys(site.fieldErrors)).toEqual(["site"]);
  });

  it("saves good values (drive letters in capitals), storage groups, and removes a value left empty", async () => {
    const id = await serverId("EXHUB01");
    const ok = await runAction(updateServer, { ...(await hubForm()), "vars.queueDrive": "f:", "vars.logDrive": "", storageGroups: "Transport Group A\nTransport Group B" }, as(admin));
    expect(ok).toMatchObject({ ok: true });
    const ctx = await placeholderContextForServer(id);
    expect(ctx.server?.vars.queueDrive).toBe("F:");
    expect(ctx.server?.vars).not.toHaveProperty("logDrive");
    expect(ctx.server?.vars).toHaveProperty("systemDrive", "C:");
    expect(ctx.server?.storageGroups).toEqual(["Transport Group A", "Transport Group B"]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "server.update", entityId: id }, orderBy: { seq: "desc" } });
    expect(JSON.parse(event.after!)).toMatchObject({ storageGroups: ["Transport Group A", "Transport Group B"], variables: { queueDrive: "F:" } });
    // A form without the fields leaves them as they are (scripts and older forms).
    expect(await runAction(updateServer, await hubForm(), as(admin))).toMatchObject({ ok: true });
    expect((await placeholderContextForServer(id)).server).toMatchObject({ storageGroups: ["Transport Group A", "Transport Group B"], vars: { queueDrive: "F:" } });
  });

  it("defines, edits and removes variables, checking organisation values and refusing to remove one in use", async () => {
    expect(await runAction(defineVariable, { name: "umGateway2", scope: "ORGANISATION", kind: "HOST", value: "gw 02" }, as(admin))).toMatchObject({ ok: false, fieldErrors: { value: [expect.stringMatching(/^Use a host name/)] } });
    expect(await runAction(defineVariable, { name: "QueueDrive", scope: "SERVER", kind: "DRIVE" }, as(admin))).toMatchObject({ ok: false, fieldErrors: { name: ["{{var:queueDrive}} is already defined."] } });
    expect(await runAction(defineVariable, { name: "mailProbe", scope: "SERVER", kind: "NAME", value: "x" }, as(admin))).toMatchObject({ ok: false, fieldErrors: { value: [expect.stringContaining("each server's form")] } });
    expect(await runAction(defineVariable, { name: "umGateway2", scope: "ORGANISATION", kind: "HOST", description: "Second gateway", value: "gw02.contoso.local" }, as(admin))).toMatchObject({ ok: true });
    expect(await runAction(updateVariable, { name: "umGateway2", description: "Second gateway", value: "gw03.contoso.local" }, as(admin))).toMatchObject({ ok: true });
    expect((await placeholderContextForServer(null)).org.umGateway2).toBe("gw03.contoso.local");
    expect(await runAction(defineVariable, { name: "umGateway3", scope: "ORGANISATION", kind: "HOST" }, as(manager))).toMatchObject({ ok: false, error: "You do not have permission to do that." });

    const inUse = await runAction(removeVariable, { name: "queueDrive" }, as(admin));
    expect(inUse.ok === false && inUse.error).toMatch(/^\{\{var:queueDrive\}\} is still used by .*Check disk usage.*; nothing was removed\.$/);
    expect(await runAction(removeVariable, { name: "umGateway2" }, as(admin))).toMatchObject({ ok: true });
    expect(await db.placeholderVariable.findUnique({ where: { name: "umGateway2" } })).toBeNull();
  });
});

describe("runs on real servers", () => {
  const runOf = async (code: string, server: string) => {
    const procedure = await db.procedure.findUniqueOrThrow({ where: { seedCode: code }, select: { id: true, currentVersionId: true } });
    return db.run.create({
      data: {
        procedureId: procedure.id,
        versionId: procedure.currentVersionId!,
        serverId: await serverId(server),
        periodKey: `placeholders-${code}-${server}`,
        scopeKey: await serverId(server),
        cadence: "DAILY",
        localDate: "2026-12-07",
        opensAt: new Date("2026-12-07T00:00:00Z"),
        dueAt: new Date("2026-12-07T10:00:00Z"),
        graceEndsAt: new Date("2026-12-07T14:00:00Z"),
      },
    });
  };

  it("leaves out the disk items for roles a Client Access server does not hold (B9), on the run page and the printed checklist", async () => {
    const run = await runOf("D4", "EXCAS01");
    const printed = (await getRunForPrint(run.id))!;
    const kept = printed.items.map((i) => i.key);
    const left = printed.leftOut.map((i) => i.key);
    expect(kept).toEqual(expect.arrayContaining(["system-volume-free-percent", "cas-disk-reads"]));
    expect(left).toEqual(expect.arrayContaining(["database-volume-free-percent", "queue-volume-free-mb", "database-disk-sec-per-read"]));
    expect(kept.some((k) => left.includes(k))).toBe(false);
    const page = (await getRun(run.id, new Date("2026-12-07T09:00:00Z")))!;
    expect(page.items.map((i) => i.key)).toEqual(kept);
    expect(page.leftOut.map((i) => i.id).sort()).toEqual(printed.leftOut.map((i) => i.id).sort());
    expect(printed.server).toMatchObject({ name: "EXCAS01", roles: ["CLIENT_ACCESS"] });
  });

  it("keeps the Mailbox items on a Mailbox server's run, and says the run belongs to its procedure", async () => {
    const run = await runOf("D4", "EXMBX01");
    const printed = (await getRunForPrint(run.id))!;
    expect(printed.items.map((i) => i.key)).toEqual(expect.arrayContaining(["database-volume-free-percent", "database-disk-sec-per-read"]));
    expect(printed.leftOut.map((i) => i.key)).toEqual(expect.arrayContaining(["queue-volume-free-mb", "cas-disk-reads"]));
    expect(printed.slug).toBe("check-disk-usage");
    expect(await getRunForPrint("no-such-run")).toBeNull();
  });
});
