// Demo server inventory for a fictional single-forest organisation (contoso.local) with an Edge
// Transport server in the perimeter network, with the storage groups and volumes that the library's
// commands name through placeholders (variables.ts).
import type { SeedServer } from "./types";

/** Values every demo server has. */
const COMMON = { systemDrive: "C:", perfLogPath: "C:\\PerfLogs" };

export const seedServers: SeedServer[] = [
  {
    name: "EXMBX01",
    fqdn: "EXMBX01.contoso.local",
    site: "London-HQ",
    roles: ["MAILBOX"],
    description:
      "Mailbox server holding the first half of the user mailbox databases and the primary public folder database.",
    storageGroups: ["First Storage Group", "Second Storage Group"],
    variables: { ...COMMON, databaseDrive: "D:", logDrive: "E:", databasePath: "D:\\Exchange\\Databases", logPath: "E:\\Exchange\\Logs", tempPath: "F:\\Temp", recoveryPath: "D:\\RSG", scrTarget: "EXMBX02" },
  },
  {
    name: "EXMBX02",
    fqdn: "EXMBX02.contoso.local",
    site: "London-HQ",
    roles: ["MAILBOX"],
    description:
      "Mailbox server holding the second half of the user mailbox databases and a public folder replica; also the target for recovery storage group restores.",
    storageGroups: ["Third Storage Group", "Fourth Storage Group", "Public Folder Storage Group"],
    variables: { ...COMMON, databaseDrive: "D:", logDrive: "E:", databasePath: "D:\\Exchange\\Databases", logPath: "E:\\Exchange\\Logs", tempPath: "F:\\Temp", recoveryPath: "D:\\RSG" },
  },
  {
    name: "EXHUB01",
    fqdn: "EXHUB01.contoso.local",
    site: "London-HQ",
    roles: ["HUB_TRANSPORT"],
    description:
      "Hub Transport server routing mail within the organisation and subscribed to the Edge Transport server through EdgeSync.",
    variables: { ...COMMON, queueDrive: "D:", logDrive: "E:" },
  },
  {
    name: "EXHUB02",
    fqdn: "EXHUB02.contoso.local",
    site: "London-HQ",
    roles: ["HUB_TRANSPORT"],
    description:
      "Second Hub Transport server for load sharing and redundancy; also a source server for the Internet send connector.",
    variables: { ...COMMON, queueDrive: "D:", logDrive: "E:" },
  },
  {
    name: "EXCAS01",
    fqdn: "EXCAS01.contoso.local",
    site: "London-HQ",
    roles: ["CLIENT_ACCESS"],
    description:
      "Client Access server providing Outlook Web Access, Exchange ActiveSync, POP3/IMAP4, Autodiscover and the Availability service.",
    variables: { ...COMMON, iisLogPath: "C:\\WINDOWS\\system32\\LogFiles\\W3SVC1" },
  },
  {
    name: "EXEDGE01",
    fqdn: "EXEDGE01.perimeter.contoso.com",
    site: "London-DMZ",
    roles: ["EDGE_TRANSPORT"],
    description:
      "Edge Transport server in the perimeter network, workgroup member outside the contoso.local domain; receives and sends Internet mail and runs the anti-spam and antivirus agents.",
    variables: { ...COMMON, queueDrive: "D:", logDrive: "E:", backupPath: "D:\\EdgeBackup" },
  },
  {
    name: "EXUM01",
    fqdn: "EXUM01.contoso.local",
    site: "London-HQ",
    roles: ["UNIFIED_MESSAGING"],
    description:
      "Unified Messaging server connected to the PBX through a VoIP gateway; provides voice mail, Outlook Voice Access and fax receipt.",
    variables: { ...COMMON },
  },
];
