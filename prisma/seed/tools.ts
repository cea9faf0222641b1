// Tools the operations procedures rely on: the Exchange 2007 management tools, the Windows and
// Active Directory utilities around them, and the manual processes some checks depend on.
import type { SeedTool } from "./types";

/** Who answers for the tools of the standard set until a manager names someone else. */
const OWNER = "Messaging team";
/** Separately installed tools: no reviewed page gives their download, so the source is said in words. */
const DOWNLOAD = "Microsoft Download Center; the team keeps the installer it approved on its software share";

export const seedTools: SeedTool[] = [
  // --- Exchange Server 2007 management tools ------------------------------------------------------
  {
    slug: "exchange-management-console",
    name: "Exchange Management Console (EMC)",
    kind: "CONSOLE",
    description:
      "The MMC 3.0 administration console, organised into the Organization Configuration, Server Configuration, Recipient Configuration and Toolbox work centres with an action pane. Its wizards display the Exchange Management Shell command they run.",
    standard: { placement: "ROLES", roles: ["MAILBOX", "HUB_TRANSPORT", "CLIENT_ACCESS", "EDGE_TRANSPORT", "UNIFIED_MESSAGING"], versioning: "EXCHANGE", source: "Installed by Exchange Server 2007 setup with the management tools; see https://techcommunity.microsoft.com/t5/exchange-team-blog/the-new-exchange-2007-management-console-overview/ba-p/603928", owner: OWNER },
  },
  {
    slug: "emc-toolbox",
    name: "EMC Toolbox",
    kind: "CONSOLE",
    description:
      "The Toolbox work centre of the Exchange Management Console, which launches ExBPA, the ExTRA troubleshooters, Queue Viewer, Message Tracking, Performance Monitor and, from SP1, Routing Log Viewer and the Public Folder Management Console.",
  },
  {
    slug: "exchange-management-shell",
    name: "Exchange Management Shell (EMS)",
    kind: "SHELL",
    description:
      "The PowerShell-based command line for Exchange 2007. Every console action is available as a cmdlet, which makes it the tool for scripted checks, reports and testing changes with -WhatIf.",
    standard: { placement: "ROLES", roles: ["MAILBOX", "HUB_TRANSPORT", "CLIENT_ACCESS", "EDGE_TRANSPORT", "UNIFIED_MESSAGING"], versioning: "EXCHANGE", source: "Installed by Exchange Server 2007 setup with the management tools", owner: OWNER },
  },
  {
    slug: "queue-viewer",
    name: "Queue Viewer",
    kind: "CONSOLE",
    description:
      "Toolbox tool for viewing and filtering the queues and messages on Hub Transport and Edge Transport servers, and for suspending, resuming, retrying or removing them. It can connect to another Hub Transport server; Edge Transport queues have to be viewed on the Edge server itself.",
    standard: { placement: "ROLES", roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"], versioning: "EXCHANGE", source: "EMC Toolbox, installed by Exchange Server 2007 setup; see http://unifiedpeople.ru/exchhelp.en/html/2319ba30-2db2-45de-b078-20ec25f75eaf.htm", owner: OWNER },
  },
  {
    slug: "performance-monitor",
    name: "Performance Monitor / Performance Logs and Alerts",
    kind: "MONITORING",
    description:
      "Samples performance counters in real time, writes counter logs for baselines and trend reports, and raises alerts when a counter crosses a threshold.",
  },
  {
    slug: "event-viewer",
    name: "Event Viewer",
    kind: "CONSOLE",
    description:
      "Windows console for reading the Application, System and Security event logs and for saving and clearing them when they are archived.",
  },
  {
    slug: "exchange-best-practices-analyzer",
    name: "Exchange Best Practices Analyzer (ExBPA)",
    kind: "UTILITY",
    description:
      "Scans the configuration and health of the organisation, an administrative group or selected servers. Scan types include Health Check, Health/Performance Check, Connectivity Test and Baseline.",
    standard: { placement: "ROLES", roles: ["MAILBOX", "HUB_TRANSPORT", "CLIENT_ACCESS", "EDGE_TRANSPORT", "UNIFIED_MESSAGING"], versioning: "EXCHANGE", source: "EMC Toolbox, installed by Exchange Server 2007 setup; see https://unifiedpeople.ru/exbpa.en/html/1d75861c-6065-4cd4-a0d6-a6719b219311.htm", owner: OWNER },
  },
  {
    slug: "exchange-troubleshooting-assistant",
    name: "Exchange Troubleshooting Assistant (ExTRA)",
    kind: "UTILITY",
    description:
      "The framework in the Toolbox that hosts the symptom-driven troubleshooters for mail flow, performance and databases.",
    standard: { placement: "ROLES", roles: ["MAILBOX", "HUB_TRANSPORT", "CLIENT_ACCESS", "EDGE_TRANSPORT", "UNIFIED_MESSAGING"], versioning: "EXCHANGE", source: "Installed by Exchange Server 2007 setup with the management tools (EMC Toolbox); see https://techcommunity.microsoft.com/t5/exchange-team-blog/the-new-exchange-2007-management-console-overview/ba-p/603928", owner: OWNER },
  },
  {
    slug: "mail-flow-troubleshooter",
    name: "Mail Flow Troubleshooter",
    kind: "UTILITY",
    description:
      "ExTRA troubleshooter that starts from a symptom (unexpected NDRs, delayed inbound or outbound mail, a queue backlog, messages pending submission, EdgeSync problems) and walks through the likely causes.",
    standard: { placement: "ROLES", roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"], versioning: "EXCHANGE", source: "Installed by Exchange Server 2007 setup with the management tools (EMC Toolbox); see https://techcommunity.microsoft.com/t5/exchange-team-blog/the-new-exchange-2007-management-console-overview/ba-p/603928", owner: OWNER },
  },
  {
    slug: "performance-troubleshooter",
    name: "Performance Troubleshooter",
    kind: "UTILITY",
    description:
      "ExTRA troubleshooter that diagnoses slow Outlook and RPC symptoms on Mailbox servers by collecting and analysing the relevant counters.",
    standard: { placement: "ROLES", roles: ["MAILBOX"], versioning: "EXCHANGE", source: "Installed by Exchange Server 2007 setup with the management tools (EMC Toolbox); see https://techcommunity.microsoft.com/t5/exchange-team-blog/the-new-exchange-2007-management-console-overview/ba-p/603928", owner: OWNER },
  },
  {
    slug: "database-troubleshooter",
    name: "Database Troubleshooter",
    kind: "UTILITY",
    description:
      "ExTRA troubleshooter that analyses databases that will not mount and their transaction logs and reports the likely cause.",
  },
  {
    slug: "database-recovery-management",
    name: "Database Recovery Management",
    kind: "UTILITY",
    description:
      "ExTRA tool, successor of ExDRA, that guides database recovery work such as checking log and database state, working with a recovery storage group and repairing databases.",
    standard: { placement: "ROLES", roles: ["MAILBOX"], versioning: "EXCHANGE", source: "Installed by Exchange Server 2007 setup with the management tools (EMC Toolbox); see https://techcommunity.microsoft.com/t5/exchange-team-blog/the-new-exchange-2007-management-console-overview/ba-p/603928", owner: OWNER },
  },
  {
    slug: "message-tracking",
    name: "Message Tracking",
    kind: "UTILITY",
    description:
      "Toolbox tool (and the Get-MessageTrackingLog cmdlet) for following a message through the Hub Transport, Edge Transport and Mailbox servers it passed.",
    standard: { placement: "ROLES", roles: ["MAILBOX", "HUB_TRANSPORT", "EDGE_TRANSPORT"], versioning: "EXCHANGE", source: "Installed by Exchange Server 2007 setup with the management tools (EMC Toolbox); see https://techcommunity.microsoft.com/t5/exchange-team-blog/the-new-exchange-2007-management-console-overview/ba-p/603928", owner: OWNER },
  },
  {
    slug: "routing-log-viewer",
    name: "Routing Log Viewer",
    kind: "UTILITY",
    description:
      "SP1 Toolbox tool for opening and comparing routing topology logs: Active Directory sites, servers, connectors and address spaces as the transport service saw them.",
    standard: { placement: "ROLES", roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"], versioning: "EXCHANGE", source: "EMC Toolbox from Exchange Server 2007 SP1, installed by setup", owner: OWNER },
  },
  {
    slug: "mom-exchange-management-pack",
    name: "MOM 2005 SP1 with the Exchange 2007 Management Pack",
    kind: "MONITORING",
    description:
      "Rule-based alerting and a health state per server and role, with long-term reports used for service-level reporting and capacity forecasting. System Center Operations Manager 2007 takes over the same job in later deployments.",
  },
  {
    slug: "backup-application",
    name: "Backup application (NTBackup)",
    kind: "SERVICE",
    description:
      "Takes streaming online backups of Exchange storage groups; on Windows Server 2003 this is NTBackup unless a third-party backup product is in use. Also used to restore data in recovery tests.",
  },
  {
    slug: "eseutil",
    name: "Eseutil",
    kind: "UTILITY",
    description:
      "Offline utility for Exchange database files: header dumps (/mh), offline defragmentation (/d), integrity checks and repair. The database must be dismounted.",
    standard: { placement: "ROLES", roles: ["MAILBOX", "HUB_TRANSPORT", "EDGE_TRANSPORT"], versioning: "EXCHANGE", source: "The Exchange bin folder, installed by Exchange Server 2007 setup", owner: OWNER },
  },
  {
    slug: "isinteg",
    name: "Isinteg",
    kind: "UTILITY",
    description:
      "Offline utility that checks, and optionally fixes, the logical integrity of the information store tables of a dismounted database.",
    standard: { placement: "ROLES", roles: ["MAILBOX"], versioning: "EXCHANGE", source: "The Exchange bin folder, installed by Exchange Server 2007 setup", owner: OWNER },
  },
  {
    slug: "microsoft-update",
    name: "Microsoft Update",
    kind: "SERVICE",
    description:
      "Microsoft's online update service for Windows and Exchange: service packs, update rollups, hotfixes and security updates.",
  },
  {
    slug: "wsus",
    name: "Windows Server Update Services (WSUS)",
    kind: "SERVICE",
    description:
      "Internal update server that lists the updates each server still needs and approves them for deployment in a controlled way.",
  },
  {
    slug: "mbsa",
    name: "Microsoft Baseline Security Analyzer (MBSA)",
    kind: "UTILITY",
    description:
      "Scans servers for missing security updates and common security misconfigurations and produces a compliance report.",
  },
  {
    slug: "add-remove-programs",
    name: "Installed updates (Add or Remove Programs / Programs and Features)",
    kind: "CONSOLE",
    description:
      "The Control Panel list of installed programs and updates: Add or Remove Programs with Show updates on Windows Server 2003, Programs and Features > View installed updates on Windows Server 2008. It shows which Exchange 2007 update rollups a server has.",
  },

  // --- Windows, Active Directory and security tools --------------------------------------------------
  {
    slug: "services-console",
    name: "Services console (services.msc)",
    kind: "CONSOLE",
    description:
      "Windows console for viewing service state and start-up type and for starting or restarting a service.",
  },
  {
    slug: "repadmin",
    name: "Repadmin",
    kind: "UTILITY",
    description:
      "Active Directory replication diagnostic tool from the Windows Support Tools: replication summaries, per-partner status and up-to-dateness vectors.",
  },
  {
    slug: "dcdiag",
    name: "Dcdiag",
    kind: "UTILITY",
    description:
      "Domain controller diagnostic tool that tests connectivity, replication, FRS, DNS registration and other health aspects of each domain controller.",
  },
  {
    slug: "active-directory-users-and-computers",
    name: "Active Directory Users and Computers",
    kind: "CONSOLE",
    description:
      "Console for user accounts and group memberships, used alongside Exchange recipient management when people join or leave and when group memberships are audited.",
  },
  {
    slug: "forefront-security-for-exchange",
    name: "Forefront Security for Exchange Server",
    kind: "SERVICE",
    description:
      "Antivirus product for Exchange 2007 that scans mail in transport on Hub and Edge Transport servers and in the store on Mailbox servers, with multiple scan engines and scheduled signature updates.",
  },
  {
    slug: "firewall-console",
    name: "Firewall management console",
    kind: "CONSOLE",
    description:
      "Management console of the perimeter and internal firewalls (for example ISA Server Management), used to review and audit the rules that govern SMTP, HTTPS and EdgeSync traffic.",
  },
  {
    slug: "port-scanner",
    name: "Port scanner",
    kind: "UTILITY",
    description:
      "Network scanning tool used during security audits to confirm that servers and firewalls expose only the ports the design allows.",
  },
  {
    slug: "windows-explorer",
    name: "Windows Explorer",
    kind: "CONSOLE",
    description:
      "File browser used to look at volume free space and at the size of database, transaction-log, queue and log-file folders.",
  },
  {
    slug: "public-folder-management-console",
    name: "Public Folder Management Console",
    kind: "CONSOLE",
    description:
      "SP1 Toolbox console for creating public folders, setting their replicas and permissions and updating their content.",
  },
  {
    slug: "log-parser",
    name: "Log Parser",
    kind: "UTILITY",
    description:
      "Microsoft Log Parser 2.2, a command-line tool that runs SQL-like queries over IIS logs, CSV protocol logs and event logs to summarise errors and unusual traffic.",
  },
  {
    slug: "exchange-setup",
    name: "Exchange Server Setup",
    kind: "UTILITY",
    description:
      "Exchange 2007 Setup, including the /m:RecoverServer mode that rebuilds a lost server from its configuration stored in Active Directory, and /RecoverCMS, which rebuilds a clustered mailbox server (CCR or SCC) on its cluster nodes.",
  },
  {
    slug: "outlook-client",
    name: "Outlook / Outlook Web Access",
    kind: "UTILITY",
    description:
      "Mail clients used to open a service mailbox, such as the postmaster mailbox, and to confirm with a user that restored data is present.",
  },

  // --- Facilities and manual processes ----------------------------------------------------------------
  {
    slug: "facilities-monitoring",
    name: "Facilities environment monitoring",
    kind: "MONITORING",
    description:
      "Temperature, humidity and HVAC sensors in the server room, with their logs and alarms.",
  },
  {
    slug: "visual-inspection",
    name: "Visual inspection",
    kind: "PROCESS",
    description:
      "A walk round the server room and network cabinets to look at doors, locks, equipment, indicator lights and cabling.",
  },
  {
    slug: "checklist-and-team-procedure",
    name: "Checklist and team procedure",
    kind: "PROCESS",
    description:
      "The team's documented standard procedure and completion checklist, recording who performed a task, when, and the outcome.",
  },
  {
    slug: "operations-review-meeting",
    name: "Operations review meeting",
    kind: "PROCESS",
    description:
      "The weekly status meeting of the operations team at which recent incidents, changes and measurements are reviewed and actions are given owners.",
  },
  {
    slug: "service-desk-system",
    name: "Service desk ticketing system",
    kind: "SERVICE",
    description:
      "The system in which incidents, problems and service requests are logged, assigned, tracked and closed.",
  },
  {
    slug: "change-control-process",
    name: "Change control (request for change)",
    kind: "PROCESS",
    description:
      "The Change Management process through which any change not covered by a standard procedure is requested, assessed, approved and scheduled.",
  },
  {
    slug: "records-retention-policy",
    name: "Records and data retention policy",
    kind: "PROCESS",
    description:
      "The organisation's policy on how long logs, mailbox data and archives are kept online and offline, and when they may be destroyed.",
  },
  {
    slug: "external-penetration-test",
    name: "Third-party penetration test",
    kind: "PROCESS",
    description:
      "An engagement with an outside security firm to attempt to breach the messaging environment and report the weaknesses found.",
  },
  // --- Separately installed Exchange 2007 tools of the standard set -------------------------------
  {
    slug: "exchange-server-user-monitor",
    name: "Exchange Server User Monitor (ExMon)",
    kind: "MONITORING",
    description: "Shows the processor time, MAPI operations and latency each user causes on a Mailbox server, to find the users behind a load before it becomes an outage.",
    standard: { placement: "ROLES", roles: ["MAILBOX"], versioning: "OWN", source: DOWNLOAD, owner: OWNER },
  },
  {
    slug: "jetstress",
    name: "Exchange Jetstress",
    kind: "UTILITY",
    description: "Stresses a storage design with Exchange's database engine before the servers go live. Lab only: it must never run against production disks.",
    standard: { placement: "LAB_ONLY", versioning: "OWN", source: DOWNLOAD, owner: OWNER },
  },
  {
    slug: "load-generator",
    name: "Exchange Load Generator (LoadGen)",
    kind: "UTILITY",
    description: "Simulates the client load of many users against a test organisation to size servers before a change. Lab only: it must never be pointed at production.",
    standard: { placement: "LAB_ONLY", versioning: "OWN", source: DOWNLOAD, owner: OWNER },
  },
];
