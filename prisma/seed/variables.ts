// Variables the seeded library's commands name as {{var:NAME}} (per server) and {{org:NAME}}
// (organisation), with what each one means. Created when missing, never changed afterwards: an
// administrator sets the values under Servers. The demo values (demoValue here, and each demo
// server's own in servers.ts) are written only when the demo servers are.
import type { SeedVariable } from "./types";

export const seedVariables: SeedVariable[] = [
  // Per server: volumes and folders.
  { name: "systemDrive", scope: "SERVER", kind: "DRIVE", description: "The system volume: Windows, the page file and the Exchange program files." },
  { name: "databaseDrive", scope: "SERVER", kind: "DRIVE", description: "The volume holding the mailbox and public folder databases (Mailbox servers)." },
  { name: "logDrive", scope: "SERVER", kind: "DRIVE", description: "The volume holding the transaction logs: the storage groups' on a Mailbox server, the transport logs where a transport server keeps them apart." },
  { name: "queueDrive", scope: "SERVER", kind: "DRIVE", description: "The volume holding the transport queue database (Hub Transport and Edge Transport servers)." },
  { name: "databasePath", scope: "SERVER", kind: "PATH", description: "The folder holding one folder per storage group, named after it, with the group's database files." },
  { name: "logPath", scope: "SERVER", kind: "PATH", description: "The folder holding one folder per storage group, named after it, with the group's transaction logs." },
  { name: "tempPath", scope: "SERVER", kind: "PATH", description: "A folder on a volume with room for temporary copies, such as an offline defragmentation's (about 110% of the largest database)." },
  { name: "recoveryPath", scope: "SERVER", kind: "PATH", description: "The folder for a recovery storage group's database and logs." },
  { name: "backupPath", scope: "SERVER", kind: "PATH", description: "Where this server's configuration exports are written (the Edge Transport cloned configuration)." },
  { name: "perfLogPath", scope: "SERVER", kind: "PATH", description: "Where Performance Monitor logs and counter lists are kept." },
  { name: "iisLogPath", scope: "SERVER", kind: "PATH", description: "The IIS log folder of the default web site (Client Access servers)." },
  { name: "scrTarget", scope: "SERVER", kind: "HOST", description: "The standby server that receives this server's storage groups by standby continuous replication (SCR), if any." },
  // The organisation.
  { name: "netbiosDomain", scope: "ORGANISATION", kind: "NAME", description: "The NetBIOS name of the Active Directory domain, as in CONTOSO\\jdoe.", demoValue: "CONTOSO" },
  { name: "domainController", scope: "ORGANISATION", kind: "HOST", description: "The domain controller that directory replication is checked against.", demoValue: "dc01.contoso.local" },
  { name: "umGateway", scope: "ORGANISATION", kind: "NAME", description: "The UM IP gateway as Exchange names it (Get-UMIPGateway).", demoValue: "GW01" },
  { name: "umTestExtension", scope: "ORGANISATION", kind: "NAME", description: "The extension dialled to test Unified Messaging through the gateway.", demoValue: "5999" },
  { name: "pstArchivePath", scope: "ORGANISATION", kind: "PATH", description: "The folder, on the workstation that runs Export-Mailbox, where leavers' mailboxes are exported.", demoValue: "D:\\Archive" },
];
