// The release checks of the seed library (lib/procedures/seed-checks.ts): each one refuses a small
// bad library with a message naming the procedure, and the library as shipped passes them all.
import { describe, expect, it } from "vitest";
import { libraryProblems, seedContentOf, counterPathProblem, type CheckedLibrary } from "@/lib/procedures/seed-checks";
import { cmdletCalls, commandSyntaxProblems, EXCHANGE_2007_CMDLETS } from "@/lib/procedures/exchange-2007-cmdlets";
import { seedProcedures, seedServers, seedVariables } from "@/prisma/seed/library";
import type { SeedItem, SeedProcedure, SeedReference } from "@/prisma/seed/types";

const QUEUE_REF: SeedReference = { title: "Get-Queue (Exchange Server 2007 RTM)", url: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb691288(v=exchg.80)" };
const OTHER_REF: SeedReference = { title: "Exchange Server 2007: Weekly Tasks", url: "https://technet.microsoft.com/en-us/library/bb201713(v=exchg.80).aspx" };

const queueItem: SeedItem = {
  key: "submission-queue",
  kind: "NUMBER",
  text: "Submission queue length",
  unit: "messages",
  max: 100,
  source: QUEUE_REF,
  counter: "MSExchangeTransport Queues(_total)\\Submission Queue Length",
};

/** A procedure every check passes; each test breaks one thing in it. */
const good: SeedProcedure = {
  code: "T1",
  slug: "test-queues",
  title: "Test queues",
  cadence: "DAILY",
  roles: ["HUB_TRANSPORT"],
  smf: "SYSTEM_ADMINISTRATION",
  purpose: "A procedure for the checks' tests.",
  body: "Look at the queues of {{server}}.",
  items: [
    queueItem,
    { key: "queue-drive-free", kind: "NUMBER", text: "Free space on the queue drive", unit: "MB", min: 4096, source: QUEUE_REF, counter: "LogicalDisk({{var:queueDrive}})\\Free Megabytes" },
    { key: "reviewed", kind: "CHECK", text: "Queues reviewed" },
  ],
  tools: [
    { tool: "exchange-management-shell", command: "Get-Queue -Server {{server}} | Where-Object { $_.MessageCount -gt 100 } | Sort-Object MessageCount -Descending | Format-Table Identity,MessageCount -AutoSize", purpose: "List the queues." },
    { tool: "performance-monitor", command: 'typeperf "\\Processor(_Total)\\% Processor Time" -si 5 -sc 60 -s {{server}}', purpose: "Sample the processor." },
  ],
  references: [QUEUE_REF],
};

const servers: CheckedLibrary["servers"] = [
  { name: "EXHUB01", fqdn: "EXHUB01.contoso.local", site: "London-HQ", roles: ["HUB_TRANSPORT"], description: "Hub Transport server.", variables: { queueDrive: "D:" } },
];
const variables: CheckedLibrary["variables"] = [{ name: "queueDrive", scope: "SERVER", kind: "DRIVE", description: "The drive that holds the queue database." }];

function problemsOf(patch: Partial<SeedProcedure>): string[] {
  return libraryProblems({ servers, variables, procedures: [{ ...good, ...patch }] });
}

function withItem(patch: Record<string, unknown>, index = 0): Partial<SeedProcedure> {
  return { items: good.items.map((item, i) => (i === index ? ({ ...item, ...patch } as SeedItem) : item)) };
}

function withCommand(command: string): Partial<SeedProcedure> {
  return { tools: [{ tool: "exchange-management-shell", command, purpose: "Test." }] };
}

/** Every problem names the procedure, and at least one says `expected`. */
function expectProblem(problems: string[], expected: RegExp) {
  expect(problems.length, "the library is refused").toBeGreaterThan(0);
  for (const p of problems) expect(p).toMatch(/^T1 Test queues\b/);
  expect(problems.some((p) => expected.test(p)), `${expected} in:\n${problems.join("\n")}`).toBe(true);
}

describe("the library's release checks", () => {
  it("pass a library that is right", () => {
    expect(problemsOf({})).toEqual([]);
  });

  it("refuse an unknown placeholder in a command or in the body", () => {
    expectProblem(problemsOf(withCommand("Get-Queue -Server {{var:hubDrive}}")), /tools\.0\.command: .*hubDrive/);
    expectProblem(problemsOf({ body: "Open {{org:nowhere}} first." }), /body: .*nowhere/);
  });

  it("refuse a counter without its instance where the object has instances", () => {
    for (const counter of ["LogicalDisk\\Free Megabytes", "Processor\\% Processor Time", "MSExchange Database\\Log Record Stalls/sec", "MSExchangeIS Public\\Replication Receive Queue Size", ".NET CLR Memory\\% Time in GC", "MSExchange ADAccess Domain Controllers\\LDAP Read Time", "\\MSExchangeTransport Queues\\Submission Queue Length"]) {
      expectProblem(problemsOf(withItem({ counter })), /names no instance/);
    }
    expectProblem(problemsOf({ tools: [{ tool: "performance-monitor", command: 'typeperf "\\Processor\\% Processor Time" -si 5', purpose: "Sample." }] }), /command 1 .*names no instance/);
    expect(counterPathProblem("Memory\\Available MBytes")).toBeNull();
    expect(counterPathProblem("\\\\EXHUB01\\Processor(_Total)\\% Processor Time")).toBeNull();
  });

  it("refuse a per-volume counter that names a drive literally", () => {
    expectProblem(problemsOf(withItem({ counter: "LogicalDisk(D:)\\Free Megabytes" }, 1)), /queue-drive-free.*names its volume literally/);
    expectProblem(problemsOf(withItem({ counter: "PhysicalDisk(0 C:)\\Avg. Disk sec/Read" }, 1)), /names its volume literally/);
    expect(counterPathProblem("LogicalDisk(_Total)\\Disk Reads/sec")).toBeNull();
  });

  it("refuse a number item without a unit", () => {
    expectProblem(problemsOf(withItem({ unit: "" })), /submission-queue has no unit/);
  });

  it("refuse limits without a source, and a source the procedure does not cite", () => {
    expectProblem(problemsOf(withItem({ source: undefined })), /submission-queue has limits but no source/);
    expectProblem(
      problemsOf(withItem({ source: undefined, max: undefined, limitsByMailboxUsers: { UNDER_500: { max: 15 }, FROM_500_TO_3000: { max: 30 }, OVER_3000: { max: 50 } } })),
      /submission-queue has limits but no source/,
    );
    expectProblem(problemsOf(withItem({ source: OTHER_REF })), /submission-queue takes its limits from "Exchange Server 2007: Weekly Tasks", which the procedure does not list/);
  });

  it("refuse a practitioner source when the procedure gives no practitioner guidance", () => {
    expectProblem(problemsOf(withItem({ source: "practitioner" })), /submission-queue rest on practitioner guidance/);
    expect(problemsOf({ ...withItem({ source: "practitioner" }), practitionerGuidance: ["Queues above 100 on this site mean a stuck connector."] })).toEqual([]);
  });

  it("refuse a reference without an http(s) link", () => {
    expectProblem(problemsOf({ references: [QUEUE_REF, { title: "A book", url: "" }] }), /reference 2 \("A book"\) has no http\(s\) link/);
    expectProblem(problemsOf({ references: [QUEUE_REF, { title: "A share", url: "ftp://files.example/ops.pdf" }] }), /reference 2 .* has no http\(s\) link/);
  });

  it("refuse a demo server named literally in a command", () => {
    expectProblem(problemsOf(withCommand("Get-Queue -Server EXHUB01")), /command 1 .*names the demo server EXHUB01/);
    expectProblem(problemsOf(withCommand("Test-Mailflow -TargetEmailAddress probe@EXHUB01.contoso.local")), /demo server EXHUB01\.contoso\.local/);
    // A longer name is another name.
    expect(problemsOf(withCommand("Get-Queue -Server EXHUB010"))).toEqual([]);
  });

  it("refuse a parameter the cmdlet does not have in Exchange 2007, and a cmdlet the table does not know", () => {
    expectProblem(problemsOf(withCommand("Test-ReplicationHealth -Identity {{server}}")), /Test-ReplicationHealth has no -Identity parameter in Exchange 2007/);
    expectProblem(problemsOf(withCommand("Get-MailboxDatabaseCopyStatus -Server {{server}}")), /Get-MailboxDatabaseCopyStatus is not in the table of Exchange 2007 cmdlets/);
    expectProblem(problemsOf(withCommand("Get-ExchangeServer | ForEach-Object { Get-Queue -Server $_.Name -Bogus 1 }")), /Get-Queue has no -Bogus parameter/);
    expect(problemsOf(withCommand("Test-ReplicationHealth -MonitoringContext $true -Verbose -ErrorAction Stop"))).toEqual([]);
    expect(problemsOf(withCommand("Test-EdgeSynchronization -VerifyRecipient probe@contoso.local"))).toEqual([]);
  });
});

describe("reading a command's cmdlets and parameters", () => {
  it("stops a cmdlet's parameters at a pipe or a semicolon", () => {
    expect(cmdletCalls("Get-Queue -Server x | Sort-Object MessageCount -Descending; Test-ServiceHealth -Server y")).toEqual([
      { cmdlet: "Get-Queue", parameters: ["Server"] },
      { cmdlet: "Sort-Object", parameters: ["Descending"] },
      { cmdlet: "Test-ServiceHealth", parameters: ["Server"] },
    ]);
  });

  it("reads script blocks and sub-expressions on their own, never as the outer cmdlet's parameters, and skips operators", () => {
    const calls = cmdletCalls('Get-EventLog Application -Newest 2000 | Where-Object { $_.Source -like "MSExchange*" -and $_.TimeGenerated -gt (Get-Date).AddDays(-1) } | Format-Table TimeGenerated -AutoSize');
    expect(calls).toEqual([
      { cmdlet: "Get-EventLog", parameters: ["Newest"] },
      { cmdlet: "Where-Object", parameters: [] },
      { cmdlet: "Get-Date", parameters: [] },
      { cmdlet: "Format-Table", parameters: ["AutoSize"] },
    ]);
    expect(cmdletCalls("New-Mailbox -Name x -Password (Read-Host \"Initial password\" -AsSecureString)")).toEqual([
      { cmdlet: "New-Mailbox", parameters: ["Name", "Password"] },
      { cmdlet: "Read-Host", parameters: ["AsSecureString"] },
    ]);
  });

  it("leaves quoted text, placeholders, programs and menu paths alone, and resolves aliases", () => {
    expect(cmdletCalls('Get-Mailbox | Get-ADPermission | ? { $_.ExtendedRights -like "*Send-As*" } | ft Identity,User')).toEqual([
      { cmdlet: "Get-Mailbox", parameters: [] },
      { cmdlet: "Get-ADPermission", parameters: [] },
      { cmdlet: "Where-Object", parameters: [] },
      { cmdlet: "Format-Table", parameters: [] },
    ]);
    expect(cmdletCalls("Exchange Management Console > Toolbox > Best Practices Analyzer > Health-Performance Check")).toEqual([]);
    expect(cmdletCalls("Isinteg -s {{server}} -test alltests")).toEqual([]);
    expect(cmdletCalls('.\\ExportEdgeConfig.ps1 -cloneConfigData:"{{var:backupPath}}\\{{server}}.xml"')).toEqual([]);
    expect(commandSyntaxProblems("Retry-Queue -Identity {{server}}\\<QueueId>")).toEqual([]);
  });
});

describe("the table of Exchange 2007 cmdlets", () => {
  it("gives every cmdlet a source: a reference page, or practitioner with a note", () => {
    for (const [name, entry] of Object.entries(EXCHANGE_2007_CMDLETS)) {
      expect(entry.parameters.length, name).toBeGreaterThan(0);
      if (entry.source === "practitioner") expect(entry.note, name).toBeTruthy();
      else expect(entry.source, name).toMatch(/^https?:\/\/(learn\.microsoft\.com|technet\.microsoft\.com)\//);
    }
  });

  it("has Test-ReplicationHealth without -Identity, as Exchange 2007 has it", () => {
    expect(EXCHANGE_2007_CMDLETS["Test-ReplicationHealth"]!.parameters).toEqual(["ActiveDirectoryTimeout", "DomainController", "MonitoringContext", "TransientEventSuppressionWindow"]);
    expect(EXCHANGE_2007_CMDLETS["Test-EdgeSynchronization"]!.parameters).toContain("VerifyRecipient");
  });
});

describe("seed content", () => {
  it("ends the body with the practitioner guidance, and tells each limit's source in the item's guidance", () => {
    const content = seedContentOf({
      ...good,
      managementReview: "OPERATIONS",
      practitionerGuidance: ["Queues above 100 on this site mean a stuck connector.", "Retry before you restart the transport service."],
      items: [
        { ...queueItem, help: "Read it in Queue Viewer." },
        { ...queueItem, key: "felt", source: "practitioner" },
        { key: "rpc", kind: "NUMBER", text: "RPC latency", unit: "ms", source: QUEUE_REF, limitsByMailboxUsers: { UNDER_500: { max: 15 }, FROM_500_TO_3000: { max: 30 }, OVER_3000: { max: 50 } } },
      ],
    });
    expect(content.body).toMatch(/^Look at the queues of \{\{server\}\}\.\n\n## Practitioner guidance\n\n.*not on a Microsoft page.*\n\n- Queues above 100 on this site mean a stuck connector\.\n- Retry before you restart the transport service\.$/);
    expect(content.items[0]!.help).toBe("Read it in Queue Viewer. Source: Get-Queue (Exchange Server 2007 RTM).");
    expect(content.items[1]!.help).toBe("Source: practitioner guidance.");
    expect(content.items[2]!.limitsByMailboxUsers).toEqual({ UNDER_500: { max: 15 }, FROM_500_TO_3000: { max: 30 }, OVER_3000: { max: 50 } });
    expect(content.managementReview).toBe("OPERATIONS");
    expect(seedContentOf(good).body).toBe(good.body);
  });
});

describe("the library as shipped", () => {
  it("passes every check", () => {
    expect(libraryProblems({ servers: seedServers, procedures: seedProcedures, variables: seedVariables })).toEqual([]);
  });

  it("uses only cmdlets of the table", () => {
    const unknown = seedProcedures.flatMap((p) => p.tools.flatMap((t) => cmdletCalls(t.command ?? "").map((c) => c.cmdlet))).filter((name) => !Object.keys(EXCHANGE_2007_CMDLETS).some((k) => k.toLowerCase() === name.toLowerCase()));
    expect([...new Set(unknown)]).toEqual([]);
  });
});
