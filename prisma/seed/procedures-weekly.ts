// Weekly operations procedures (W1–W14) for the Exchange Server 2007 organisation.
import type { SeedProcedure, SeedReference } from "./types";
import {
  REF_CMDLET_GET_MAILBOXDATABASE,
  REF_E2003_SCHEDULED_MAINTENANCE,
  REF_E2003_SUMMARY_CHECKLIST,
  REF_MOF_CHANGING_QUADRANT_SMFS,
  REF_MOF_EXCHANGE_2007,
  REF_MOF_OPERATING_QUADRANT,
  REF_MOF_PROCESS_MODEL_QUADRANTS,
  REF_MOF_SMF_ALIGNMENT,
  REF_MOM_2005,
  REF_MONITORING_CLIENT_ACCESS_SERVERS,
  REF_MONITORING_MAILBOX_SERVERS,
  REF_QUEUE_VIEWER,
  REF_WEEKLY_TASKS,
  REF_WUG_MAILBOX_THRESHOLDS,
} from "./references";

// Every procedure cites the pages that justify its MOF tag: how Exchange 2007 uses MOF, and which
// quadrant each Service Management Function belongs to.
const MOF_REFS: SeedReference[] = [REF_MOF_EXCHANGE_2007, REF_MOF_SMF_ALIGNMENT];

// Microsoft pages this file cites that the shared reference list does not hold.
const REF_CMDLET_UPDATE_PUBLICFOLDER: SeedReference = {
  title: "Update-PublicFolder (Exchange Server 2007)",
  url: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/aa997451(v=exchg.80)",
};

const REF_CMDLET_UPDATE_PUBLICFOLDERHIERARCHY: SeedReference = {
  title: "Update-PublicFolderHierarchy (Exchange Server 2007, Hebrew edition)",
  url: "https://learn.microsoft.com/he-il/previous-versions/office/exchange-server-2007/bb124741(v=exchg.80)",
};

const REF_CMDLET_GET_PUBLICFOLDERSTATISTICS: SeedReference = {
  title: "Get-PublicFolderStatistics (Exchange Server 2007)",
  url: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb629628(v=exchg.80)",
};

const REF_CMDLET_SET_TRANSPORTSERVER: SeedReference = {
  title: "Set-TransportServer (Exchange Server 2007, Spanish edition)",
  url: "https://learn.microsoft.com/es-es/previous-versions/office/exchange-server-2007/bb124238(v=exchg.80)",
};

export const REF_HOW_TO_RUN_ESEUTIL_D: SeedReference = {
  title: "Exchange Server 2007: How to Run Eseutil /D (Defragmentation)",
  url: "http://technet.microsoft.com/en-us/library/aa998863(v=EXCHG.80).aspx",
};

const REF_EXCHANGE_2007_MAINTENANCE_WEEKLY: SeedReference = {
  title: "Programming4us: Exchange Server 2007 maintenance, weekly tasks",
  url: "http://programming4.us/enterprise/24562.aspx",
};

const ALL_ROLES: SeedProcedure["roles"] = [
  "MAILBOX",
  "HUB_TRANSPORT",
  "CLIENT_ACCESS",
  "EDGE_TRANSPORT",
  "UNIFIED_MESSAGING",
];

export const weeklyProcedures: SeedProcedure[] = [
  // ---------------------------------------------------------------------------------------------
  {
    code: "W1",
    slug: "archive-event-logs",
    title: "Archive event logs",
    cadence: "WEEKLY",
    roles: ALL_ROLES,
    smf: "SECURITY_ADMINISTRATION",
    relatedSmfs: ["STORAGE_MANAGEMENT"],
    purpose:
      "Save the event logs of every Exchange server to the archive each week and then clear them, so that history is kept for investigations without the logs filling up or overwriting evidence.",
    body: `Event logs that are not set to overwrite old events stop recording when they reach their maximum size; logs that do overwrite lose the history that a later investigation may need. Archiving them weekly solves both problems. The Security log gets priority because it is the evidence in any breach investigation.

**Steps**

1. Check whether a security investigation is open on any server. If it is, do not clear that server's Security log; archive a copy only.
2. In Event Viewer, save the Security log of each server to the archive share, using a file name that contains the server name and date.
3. Confirm the saved file opens, then clear the log.
4. Repeat for the Application and System logs, and for any other log that is not set to overwrite.
5. Apply the retention policy to the archive: move files past their online retention period to offline media and delete only what the policy allows.

**Record** the archive location and anything unusual noticed while saving the logs.

**If a check fails** (a log cannot be saved, the archive share is full, or a log had already stopped recording), raise an incident and tell the security administrator, because events may have been lost.`,
    items: [
      {
        key: "logs-saved-and-cleared",
        kind: "CHECK",
        text: "Logs that are not set to overwrite have been saved to the archive and then cleared",
      },
      {
        key: "security-logs-first",
        kind: "CHECK",
        text: "Security logs were archived first and kept as evidence for breach investigations",
      },
      {
        key: "archive-location",
        kind: "TEXT",
        text: "Archive folder or media where this week's logs were stored",
      },
    ],
    tools: [
      {
        tool: "event-viewer",
        command: "Event Viewer > right-click the log > Save Log File As..., then Clear all Events",
        purpose: "Save each log to the archive and then clear it.",
      },
      {
        tool: "records-retention-policy",
        purpose: "Decide how long archived logs stay online and when they move to offline media or may be destroyed.",
      },
    ],
    references: [REF_WEEKLY_TASKS, ...MOF_REFS],
    changeNote:
      "The primary MOF function is now Security Administration, with Storage Management related: Microsoft gives security evidence as the reason to archive the logs, and keeping the files is the storage side of it. The procedure now cites the Exchange 2007 MOF page and the SMF alignment page that justify the tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "W2",
    slug: "check-for-security-updates",
    title: "Check for security updates",
    cadence: "WEEKLY",
    roles: ALL_ROLES,
    smf: "RELEASE_MANAGEMENT",
    relatedSmfs: ["CHANGE_MANAGEMENT"],
    purpose:
      "Find new service packs, update rollups, hotfixes and security updates for Exchange and Windows every week, test the relevant ones and request their deployment through change control.",
    body: `New vulnerabilities are published constantly, and Exchange servers face the Internet through the Edge Transport and Client Access roles. Finding updates weekly keeps the gap between release and installation short. Installing them is not part of this task: production deployment is a release that goes through Change Management.

**MOF.** The library files update work by one rule: finding and testing updates is Release Management, approving and scheduling their deployment is Change Management. This task finds and tests, so Release Management is its primary function; the monthly update review (M4) follows the same rule.

**Support status.** Microsoft's support for Exchange Server 2007 ended on **11 April 2017**. Since then no new Exchange 2007 service pack, update rollup or security update is published, so the Exchange part of this check can only confirm that every server runs the last release and record that the servers run unsupported software. Windows, IIS and the other components keep their own support dates. The library assumes Exchange 2007 SP1 as the minimum (SP1 is also the first level supported on Windows Server 2008) and SP3 with its latest update rollup as the norm.

**Where to look**

- Microsoft Update and WSUS: Windows Server, IIS, .NET Framework and other components, and the Exchange 2007 update rollups that were published while the product was supported.
- MBSA: which security updates each server is missing.
- The Exchange build of each server: in Exchange 2007 \`Get-ExchangeServer\` shows only the service-pack build (AdminDisplayVersion), not the update rollup, so read the file version of ExSetup.exe on the server, or its list of installed updates, instead.

**Steps**

1. Check Microsoft Update and WSUS for new updates for Windows Server, Exchange Server 2007, IIS and the other components on the servers.
2. Run MBSA against the servers to confirm which updates each one is missing.
3. Read each server's Exchange build from ExSetup.exe and compare it with the build the organisation has approved.
4. Read the bulletins and decide which updates apply; note their severity.
5. Install the applicable updates on the lab servers and repeat the key daily checks there (services, mail flow, client access).
6. Raise a request for change for production deployment, with the test results and a rollback plan.

**Record** the updates identified, the lab result and the change request reference.

**If a check fails** (an update breaks something in the lab), do not deploy it. Record the problem, look for a known issue, and escalate to the messaging team lead. For a critical security update that cannot be deployed, agree a mitigation with the security administrator.`,
    items: [
      {
        key: "new-updates-identified",
        kind: "CHECK",
        text: "New service packs, hotfixes and update rollups have been identified",
      },
      {
        key: "updates-tested-in-lab",
        kind: "CHECK",
        text: "Applicable updates have been tested in the lab",
      },
      {
        key: "deployment-requested",
        kind: "CHECK",
        text: "Production deployment has been requested through change control",
      },
      {
        key: "change-request-reference",
        kind: "TEXT",
        text: "Change request reference",
        required: false,
        help: "Leave empty if no applicable updates were found this week.",
      },
      {
        key: "exchange-build-per-server",
        kind: "CHECK",
        text: "Each server's Exchange build (service pack and update rollup) was read from ExSetup.exe and matches the approved build",
        help: "AdminDisplayVersion shows only the service pack; the ExSetup.exe file version or the installed-updates list shows the update rollup.",
      },
      {
        key: "end-of-support-recorded",
        kind: "CHECK",
        text: "Exchange 2007's end of support (11 April 2017) is recorded: no new Exchange update is expected, and the risk of running it stays on the risk register",
      },
    ],
    tools: [
      {
        tool: "microsoft-update",
        purpose: "Check for newly released Windows and Exchange updates.",
      },
      {
        tool: "wsus",
        purpose: "See which approved and unapproved updates each Exchange server still needs.",
      },
      {
        tool: "mbsa",
        command: "mbsacli /target {{org:netbiosDomain}}\\{{server}}",
        purpose: "Report missing security updates on a server.",
      },
      {
        tool: "exchange-management-shell",
        command:
          "(Get-Item ($exbin + 'ExSetup.exe')).VersionInfo.FileVersion",
        purpose: "Run on each Exchange server: the ExSetup.exe file version shows the service pack and update rollup installed.",
      },
      {
        tool: "add-remove-programs",
        purpose: "On each server, list the installed updates to see which Exchange 2007 update rollups are present.",
      },
      {
        tool: "change-control-process",
        purpose: "Request, assess and schedule the production deployment.",
      },
    ],
    references: [REF_WEEKLY_TASKS, REF_MOF_CHANGING_QUADRANT_SMFS, ...MOF_REFS],
    practitionerGuidance: [
      "AdminDisplayVersion in Exchange 2007 shows the service-pack build and not the update rollup; the ExSetup.exe file version and the installed-updates list show the rollup. This rests on administrators' experience, not on a Microsoft page the library could cite.",
      "The Exchange Management Shell of Exchange 2007 defines $exbin as the Exchange bin folder of the server it runs on, so the ExSetup.exe command reads the local file; run it in the shell on each server.",
    ],
    changeNote:
      "The procedure now states that Exchange 2007 support ended on 11 April 2017, where updates are looked for, the SP1 minimum (also needed for Windows Server 2008) and the MOF rule shared with M4 (finding and testing updates is Release Management, approving and scheduling them is Change Management). New items record each server's Exchange build from ExSetup.exe, because AdminDisplayVersion hides the update rollup, and the end of support.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "W3",
    slug: "review-sla-performance-figures",
    title: "Review SLA performance figures",
    cadence: "WEEKLY",
    roles: ALL_ROLES,
    smf: "SERVICE_LEVEL_MANAGEMENT",
    purpose:
      "Collect last week's key performance data and compare it with the service level agreement, so that missed targets and worrying trends are acted on early.",
    body: `The daily checks produce a lot of measurements; the weekly SLA review turns them into a statement of whether the messaging service met what was promised. It is also the main input to the weekly status meeting and to capacity planning.

**Steps**

1. Gather last week's figures: service availability, mail delivery times from the mail-flow tests, client response times, backup success and incident counts.
2. Pull reports from MOM where it is deployed, or from the Performance Monitor counter logs and the completed daily checklists.
3. Compare each figure with its SLA or OLA target.
4. Identify missed targets and trends that are heading toward a miss, even if the target was met.
5. Agree an action and owner for each one.

**Record** the availability figure, the targets missed and the actions agreed.

**If a target was missed**, report it at the weekly status meeting and to the service level manager. A repeated miss with no clear cause is handed to Problem Management; one caused by lack of resources goes to Capacity Management.`,
    items: [
      {
        key: "performance-data-collected",
        kind: "CHECK",
        text: "Key performance data for the previous week has been collected",
      },
      {
        key: "compared-with-sla",
        kind: "CHECK",
        text: "The data has been compared with the SLA targets",
      },
      {
        key: "trends-actioned",
        kind: "CHECK",
        text: "Trends and missed targets have been identified and given actions",
      },
      {
        key: "weekly-availability",
        kind: "NUMBER",
        text: "Messaging service availability last week",
        unit: "%",
        help: "No fixed figure here: compare with the availability target in the SLA.",
      },
    ],
    tools: [
      {
        tool: "mom-exchange-management-pack",
        purpose: "Produce availability and performance reports for the week.",
      },
      {
        tool: "performance-monitor",
        purpose: "Use the counter logs when MOM reports are not available.",
      },
      {
        tool: "checklist-and-team-procedure",
        purpose: "Collect the figures recorded in the week's daily checklists.",
      },
    ],
    references: [REF_WEEKLY_TASKS, REF_MOM_2005, ...MOF_REFS],
    changeNote: "The procedure now cites the Exchange 2007 MOF page and the SMF alignment page that justify its Service Level Management tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "W4",
    slug: "check-public-folder-replication",
    title: "Check public folder replication",
    cadence: "WEEKLY",
    roles: ["MAILBOX"],
    smf: "SERVICE_MONITORING_AND_CONTROL",
    purpose:
      "Confirm that the public folder hierarchy, the system folders and the folder replicas are up to date on every public folder database, so users see current data from their local replica.",
    body: `When public folder replication stalls, users connected to an out-of-date replica either cannot see recent data or are referred across the WAN to another server. Problems build up slowly and are rarely reported until someone misses an item. Two things replicate separately: the **hierarchy** (the folder tree, which every public folder database holds in full) and the **content** of each folder (only on the databases listed as its replicas). The system folders under \`\\NON_IPM_SUBTREE\`, in particular SCHEDULE+ FREE BUSY and OFFLINE ADDRESS BOOK, matter as long as Outlook 2003 or earlier clients connect: they read free/busy information and the offline address book from there.

**Service pack.** \`Update-PublicFolder\` and the Public Folder Management Console need Exchange 2007 SP1 or later.

**Steps**

1. List the folders with their replica lists using \`Get-PublicFolder \\ -Recurse\` and confirm important folders have the replicas they should.
2. List the system folders with \`Get-PublicFolder \\NON_IPM_SUBTREE -Recurse\` and confirm that the free/busy and offline address book folders have a replica on each public folder database that Outlook 2003 clients use.
3. Compare item counts and last modification times between replicas with \`Get-PublicFolderStatistics\` run against each server.
4. Read the public store Replication Receive Queue Size counter (also sampled in the daily mailbox database check).
5. If a folder created or renamed on one server is missing on another, replicate the hierarchy with \`Update-PublicFolderHierarchy\`, naming the server whose hierarchy is current.
6. For a folder whose content is behind, run \`Update-PublicFolder\` with \`-Server\` naming a server whose replica is **up to date**: Microsoft defines that parameter as the source of the replication, not the lagging server. Check again later. The Public Folder Management Console offers the same actions.

**Record** the replication receive figure and any folder found out of date.

**If a check fails**, raise an incident. Check the Application log on both servers for replication errors and confirm mail flows between them, because public folder replication travels as mail. Escalate to the messaging team if replicas stay out of date after an update.`,
    items: [
      {
        key: "replicas-up-to-date",
        kind: "CHECK",
        text: "Public folder replicas are up to date, so users neither lose access to data nor fetch it across the WAN",
      },
      {
        key: "hierarchy-consistent",
        kind: "CHECK",
        text: "The public folder hierarchy is the same on every public folder database (no folder missing or misnamed on one of them)",
      },
      {
        key: "system-folders-replicated",
        kind: "CHECK",
        text: "SCHEDULE+ FREE BUSY and OFFLINE ADDRESS BOOK system folders have a replica on every public folder database that Outlook 2003 clients use",
        help: "Tick if no Outlook 2003 or earlier clients remain.",
      },
      {
        key: "replication-receive-normal",
        kind: "CHECK",
        text: "Replication Receive Queue Size is normal (same limit as the daily mailbox database check)",
      },
      {
        key: "replication-receive-queue-size",
        kind: "NUMBER",
        text: "Replication Receive Queue Size (public store, all instances)",
        unit: "messages",
        max: 100,
        counter: "MSExchangeIS Public(_Total)\\Replication Receive Queue Size",
        help: "Under 100: a monitoring product's default threshold (WhatsUp Gold); no Microsoft figure was found.",
        source: REF_WUG_MAILBOX_THRESHOLDS,
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command: "Get-PublicFolder \\ -Recurse | Format-Table Name,Replicas -AutoSize",
        purpose: "List every public folder with the databases holding its replicas.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-PublicFolder \\NON_IPM_SUBTREE -Recurse | Format-Table Name,Replicas -AutoSize",
        purpose: "List the system folders (free/busy, offline address book) with their replicas.",
      },
      {
        tool: "exchange-management-shell",
        command:
          "Get-PublicFolderStatistics -Server {{server}} | Sort-Object Name | Format-Table Name,ItemCount,LastModificationTime -AutoSize",
        purpose: "Compare item counts and last changes between the replicas on each server.",
      },
      {
        tool: "exchange-management-shell",
        command: "Update-PublicFolderHierarchy -Server <ServerWithCurrentHierarchy>",
        purpose: "Replicate the folder tree from a server whose hierarchy is current.",
      },
      {
        tool: "exchange-management-shell",
        command: 'Update-PublicFolder -Identity "\\Projects" -Server <UpToDateReplicaServer>',
        purpose: "SP1 and later: replicate a folder's content, naming as -Server the up-to-date replica that is the source.",
      },
      {
        tool: "public-folder-management-console",
        purpose: "Review replicas and trigger hierarchy and content updates from the console (SP1 and later).",
      },
      {
        tool: "performance-monitor",
        purpose: "Read the public store replication receive counter.",
      },
    ],
    references: [
      REF_WEEKLY_TASKS,
      REF_MONITORING_MAILBOX_SERVERS,
      REF_CMDLET_GET_PUBLICFOLDERSTATISTICS,
      REF_CMDLET_UPDATE_PUBLICFOLDER,
      REF_CMDLET_UPDATE_PUBLICFOLDERHIERARCHY,
      REF_WUG_MAILBOX_THRESHOLDS,
      ...MOF_REFS,
    ],
    practitionerGuidance: [
      "Checking the system folders with Get-PublicFolder \\NON_IPM_SUBTREE -Recurse, and their importance for Outlook 2003 free/busy and offline address book downloads, rests on administrators' experience.",
    ],
    changeNote:
      "Update-PublicFolder now names an up-to-date replica as -Server, because Microsoft defines that parameter as the source of the replication, not the lagging server. New items and commands check the hierarchy (Update-PublicFolderHierarchy) and the free/busy and offline address book system folders; the counter names its _Total instance, the 100-message limit is attributed to its source (a monitoring product's default), and the SP1 requirement is stated.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "W5",
    slug: "archive-data",
    title: "Archive data",
    cadence: "WEEKLY",
    roles: ["MAILBOX"],
    smf: "STORAGE_MANAGEMENT",
    purpose:
      "Move data that must be kept but is no longer needed online, such as the mailboxes of people who have left, to archive media so that store sizes stay under control while the data remains recoverable.",
    body: `Mailbox databases that keep growing make backups, restores and maintenance slower. Much of the growth is data nobody uses day to day, in particular the mailboxes of people who have left the organisation. The retention policy decides how long such data stays online and when it is archived.

**Steps**

1. List leavers whose online retention period (as set by the policy) has ended.
2. For each one, export or back up the mailbox to the archive format the policy specifies (for example a PST export with \`Export-Mailbox -PSTFolderPath\`, which needs Exchange 2007 SP1 or later and a 32-bit management workstation with Outlook installed, or a dedicated backup set).
3. Write the archive to CD, DVD, tape or equivalent media and verify the media can be read.
4. Only after verification, remove the mailbox according to the leaver procedure.
5. Label the media and store it with the off-site backup media.

**Record** the media label and what it contains.

**If a check fails** (export errors, unreadable media), keep the mailbox online, raise an incident and retry. Data must never be removed before a verified archive copy exists.`,
    items: [
      {
        key: "data-archived-to-media",
        kind: "CHECK",
        text: "Data due for archiving has been written to CD, DVD, tape or equivalent media and verified",
      },
      {
        key: "leaver-mailboxes-kept-online",
        kind: "CHECK",
        text: "Leavers' mailboxes are kept online for the agreed period",
      },
      {
        key: "leaver-mailboxes-archived",
        kind: "CHECK",
        text: "After that period, leavers' mailboxes are archived so store size is controlled and the data stays recoverable",
      },
      {
        key: "archive-media-label",
        kind: "TEXT",
        text: "Archive media label and contents",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command: "Export-Mailbox -Identity leaver@contoso.local -PSTFolderPath {{org:pstArchivePath}}\\leaver.pst",
        purpose: "Export a leaver's mailbox to a PST file (SP1; run on a 32-bit management workstation with Outlook installed).",
      },
      {
        tool: "backup-application",
        purpose: "Write archive sets to tape or other removable media.",
      },
      {
        tool: "records-retention-policy",
        purpose: "Decide which data is due for archiving and how long archives are kept.",
      },
    ],
    references: [REF_WEEKLY_TASKS, ...MOF_REFS],
    changeNote:
      "The body now says that Export-Mailbox -PSTFolderPath needs Exchange 2007 SP1 or later and a 32-bit workstation with Outlook, and the procedure cites the Exchange 2007 MOF page and the SMF alignment page.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "W6",
    slug: "perform-environmental-tests",
    title: "Perform environmental tests",
    cadence: "WEEKLY",
    roles: ALL_ROLES,
    smf: "SYSTEM_ADMINISTRATION",
    purpose:
      "Test, not just observe, the air conditioning, the environmental monitors and the physical security measures each week, so that they work when they are needed.",
    body: `The daily physical environment check confirms that nothing is wrong today. This weekly test confirms that the safeguards would react if something went wrong: a temperature sensor that has failed reads normal for ever, and a door alarm that was never tested may not sound. The work belongs to the Infrastructure role cluster and is usually done with the facilities team.

**Steps**

1. Confirm the air-conditioning units were serviced according to the maintenance schedule and test failover to the standby unit where there is one.
2. Test each temperature and humidity monitor, for example by comparing it with a calibrated reference reading, and confirm that an alarm reaches the right people.
3. Test the physical security measures: door alarms, badge readers, camera recording and cabinet locks.
4. Record each result and any defect.

**Record** the tests carried out and their results.

**If a test fails**, raise an incident with facilities (or security for access control). Until the defect is fixed, increase the frequency of the manual physical environment check.`,
    items: [
      {
        key: "air-conditioning-tested",
        kind: "CHECK",
        text: "Air conditioning has been tested and maintained",
      },
      {
        key: "monitors-tested",
        kind: "CHECK",
        text: "Temperature and humidity monitors have been tested and their alarms reach the right people",
      },
      {
        key: "physical-security-tested",
        kind: "CHECK",
        text: "Physical security measures have been tested",
      },
    ],
    tools: [
      {
        tool: "facilities-monitoring",
        purpose: "Test the sensors and confirm that alarms are raised and delivered.",
      },
      {
        tool: "checklist-and-team-procedure",
        purpose: "Record the tests carried out with the facilities and security teams.",
      },
    ],
    references: [REF_WEEKLY_TASKS, ...MOF_REFS],
    changeNote: "The procedure now cites the Exchange 2007 MOF page and the SMF alignment page that justify its System Administration tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "W7",
    slug: "create-reports-and-identify-trends",
    title: "Create reports and identify trends",
    cadence: "WEEKLY",
    roles: ALL_ROLES,
    smf: "CAPACITY_MANAGEMENT",
    relatedSmfs: ["SERVICE_LEVEL_MANAGEMENT"],
    purpose:
      "Produce the weekly performance and usage report against the baseline so that growth and degradation are visible long before they become incidents.",
    body: `A single day's counters can look fine while a steady weekly drift is heading for trouble. The weekly report compares the week's performance and usage with the baseline and feeds both the SLA review and the monthly capacity planning.

**Steps**

1. Collect the week's counter logs (or MOM reports): processor, memory, disk latency and free space, queues, RPC latency and client access figures.
2. Add usage figures: mailbox counts, the largest mailboxes and total store sizes.
3. Compare each series with the baseline and with the previous weeks, and note the trend.
4. If hardware or workload changed substantially (for example a large change in the number of users), recreate the baseline.

The Best Practices Analyzer health check is no longer part of this weekly report: it has its own monthly procedure (M5), which is also run after every change.

**Record** the report location and the trends worth watching.

**If the report shows a worrying trend**, raise it at the weekly status meeting and pass it to Capacity Management; a trend already affecting users becomes an incident.`,
    items: [
      {
        key: "weekly-report-produced",
        kind: "CHECK",
        text: "Weekly performance and usage report produced and compared with the baseline",
      },
      {
        key: "baseline-recreated-after-change",
        kind: "CHECK",
        text: "The baseline was rebuilt if hardware or workload changed, for example a large change in user numbers",
        help: "Tick if no such change happened this week.",
      },
    ],
    tools: [
      {
        tool: "performance-monitor",
        purpose: "Use the week's counter logs as the data source for the report.",
      },
      {
        tool: "mom-exchange-management-pack",
        purpose: "Run the weekly performance and availability reports where MOM is deployed.",
      },
      {
        tool: "exchange-management-shell",
        command:
          "Get-MailboxStatistics -Server {{server}} | Sort-Object TotalItemSize -Descending | Select-Object -First 20 DisplayName,ItemCount,TotalItemSize",
        purpose: "List the largest mailboxes on each server for the usage section.",
      },
    ],
    references: [REF_E2003_SUMMARY_CHECKLIST, REF_E2003_SCHEDULED_MAINTENANCE, REF_MOM_2005, ...MOF_REFS],
    changeNote:
      "The optional weekly ExBPA item (exbpa-health-scan) and the third-party checklist that suggested it are removed: the ExBPA Health Check now runs monthly and after every change in its own procedure, M5. The procedure now cites the Exchange 2007 MOF page and the SMF alignment page.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "W8",
    slug: "complete-incident-reports",
    title: "Complete incident reports",
    cadence: "WEEKLY",
    roles: [],
    smf: "INCIDENT_MANAGEMENT",
    relatedSmfs: ["PROBLEM_MANAGEMENT"],
    purpose:
      "Write up the week's messaging incidents and pass recurring ones to Problem Management, so that causes are fixed rather than the same fault being handled again and again.",
    body: `Incidents are resolved under time pressure, and the record is often incomplete when the ticket closes. The weekly write-up makes sure each incident has a clear description, impact, resolution and time line, which the SLA review and Problem Management both depend on.

**Steps**

1. List all messaging incidents opened or closed during the week in the service desk system.
2. For each one, complete the description, the affected service and users, the start and end times, the resolution and the workaround used.
3. Group incidents that share a symptom or cause.
4. Pass recurring incidents, or one serious incident whose cause is unknown, to Problem Management as a problem record.
5. Bring the summary to the weekly status meeting.

**Record** the number of incidents and the incident numbers written up.

**If an incident cannot be completed** (missing information, owner unavailable), note it and escalate to the incident manager so it is finished before the next meeting.`,
    items: [
      {
        key: "incidents-written-up",
        kind: "CHECK",
        text: "This week's incidents have been written up completely",
      },
      {
        key: "recurring-passed-to-problem",
        kind: "CHECK",
        text: "Recurring incidents have been passed to Problem Management",
      },
      {
        key: "incident-count",
        kind: "NUMBER",
        text: "Messaging incidents this week",
        unit: "incidents",
        help: "No target; compare with previous weeks.",
      },
      {
        key: "incident-numbers",
        kind: "TEXT",
        text: "Incident numbers written up",
      },
    ],
    tools: [
      {
        tool: "service-desk-system",
        purpose: "List the week's incidents, complete their records and create problem records.",
      },
    ],
    references: [REF_E2003_SUMMARY_CHECKLIST, REF_E2003_SCHEDULED_MAINTENANCE, ...MOF_REFS],
    changeNote: "The procedure now cites the Exchange 2007 MOF page and the SMF alignment page that justify its Incident Management tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "W9",
    slug: "hold-weekly-status-meeting",
    title: "Hold weekly status meeting",
    cadence: "WEEKLY",
    roles: [],
    smf: "SYSTEM_ADMINISTRATION",
    managementReview: "OPERATIONS",
    purpose:
      "Hold the operations team's weekly status meeting, MOF's Operations Review for the Operating quadrant, so that results, incidents and changes are reviewed and every action has an owner.",
    body: `In MOF each quadrant closes with a management review; for the Operating quadrant it is the Operations Review, which checks that internal procedures and operating level agreements are working. For the Exchange team this takes the form of the weekly status meeting, and the library records it as that management review. A management review is not a Service Management Function, so the procedure's SMF names the function whose work the meeting mostly looks at: System Administration, which owns the standard procedures of the Operating quadrant.

**Steps**

1. Circulate the agenda the day before: SLA figures, the weekly report, incident summary, changes completed and planned, open actions.
2. Review the SLA and OLA figures and any missed targets.
3. Go through the incident summary and the problems opened.
4. Review last week's changes and the changes planned for next week, and any effect on dependent services (network, firewall, Active Directory).
5. Check the open actions from earlier meetings.
6. Agree new actions, each with an owner and a due date.

**Record** the actions, owners and due dates, and publish the minutes.

**If the meeting cannot take place**, the team lead circulates the reports and collects updates on open actions by e-mail; overdue actions are escalated to the operations manager.`,
    items: [
      {
        key: "meeting-held",
        kind: "CHECK",
        text: "The weekly status meeting was held",
      },
      {
        key: "actions-owners-recorded",
        kind: "CHECK",
        text: "Actions and their owners have been recorded and the minutes published",
      },
      {
        key: "actions-agreed",
        kind: "TEXT",
        text: "Actions agreed, with owner and due date",
      },
    ],
    tools: [
      {
        tool: "operations-review-meeting",
        purpose: "Run the weekly review with the operations team.",
      },
      {
        tool: "checklist-and-team-procedure",
        purpose: "Keep the agenda, minutes and action list.",
      },
    ],
    references: [REF_E2003_SUMMARY_CHECKLIST, REF_MOF_OPERATING_QUADRANT, REF_MOF_PROCESS_MODEL_QUADRANTS, ...MOF_REFS],
    changeNote:
      "The meeting is now recorded as MOF's Operations Review, a management review, instead of borrowing System Administration as a stand-in; System Administration stays as the SMF whose standard procedures it reviews. The procedure now cites the Exchange 2007 MOF page and the SMF alignment page.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "W10",
    slug: "review-iis-and-protocol-logs",
    title: "Review IIS and protocol logs",
    cadence: "WEEKLY",
    roles: ["CLIENT_ACCESS", "HUB_TRANSPORT", "EDGE_TRANSPORT"],
    smf: "SERVICE_MONITORING_AND_CONTROL",
    relatedSmfs: ["SECURITY_ADMINISTRATION"],
    purpose:
      "Review the IIS logs of the Client Access server and the SMTP protocol logs of the transport servers for errors, failures and signs of abuse.",
    body: `IIS logs on the Client Access server show every Outlook Web Access, ActiveSync and web services request, including failed authentications and unusual clients. SMTP send and receive protocol logs on the Hub Transport and Edge Transport servers show every SMTP conversation, which reveals failing partners, relay attempts and spam floods. Protocol logging is off by default on connectors, so confirm it is enabled where it is needed.

**Where the IIS logs are.** The folder and the file names depend on the Windows version of the Client Access server. Set the per-server value {{var:iisLogPath}} to the folder, and use the command for the matching file names:

- Windows Server 2003 (IIS 6): \`%SystemRoot%\\system32\\LogFiles\\W3SVC1\`, files \`ex*.log\`;
- Windows Server 2008 (IIS 7), which Exchange 2007 supports from SP1: \`%SystemDrive%\\inetpub\\logs\\LogFiles\\W3SVC1\`, files \`u_ex*.log\`.

**Steps**

1. Summarise the week's IIS logs by HTTP status code with Log Parser and look at the counts of 401, 403, 500 and 503 responses.
2. Look for clients or addresses with unusually many failed requests.
3. Open the SMTP receive and send protocol logs on each transport server and look for repeated failures, rejected relay attempts and unusual volumes from a single address.
4. Check that the logs are being written and that their folders are not growing without limit.

**Record** anything unusual and the incident number if one was raised.

**If the review finds a problem**, raise an incident. Signs of abuse (password guessing through OWA, relay attempts, spam floods) are security incidents and go to the security administrator.`,
    items: [
      {
        key: "iis-logs-reviewed",
        kind: "CHECK",
        text: "IIS logs on the Client Access server checked for errors and odd access patterns",
      },
      {
        key: "smtp-logs-reviewed",
        kind: "CHECK",
        text: "SMTP send and receive logs checked for failed sessions and signs of abuse",
      },
    ],
    tools: [
      {
        tool: "log-parser",
        command:
          'LogParser.exe -i:IISW3C "SELECT sc-status, COUNT(*) AS Hits FROM {{var:iisLogPath}}\\ex*.log GROUP BY sc-status ORDER BY Hits DESC"',
        purpose: "Windows Server 2003 (IIS 6, ex*.log files): summarise the Client Access server's IIS logs by HTTP status code.",
      },
      {
        tool: "log-parser",
        command:
          'LogParser.exe -i:IISW3C "SELECT sc-status, COUNT(*) AS Hits FROM {{var:iisLogPath}}\\u_ex*.log GROUP BY sc-status ORDER BY Hits DESC"',
        purpose: "Windows Server 2008 (IIS 7, u_ex*.log files): the same summary.",
      },
      {
        tool: "windows-explorer",
        purpose: "Open the SmtpReceive and SmtpSend protocol log folders under TransportRoles\\Logs\\ProtocolLog on each transport server.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-ReceiveConnector | Format-Table Identity,ProtocolLoggingLevel -AutoSize",
        purpose: "Confirm that protocol logging is enabled on the connectors whose logs are reviewed.",
      },
    ],
    references: [REF_E2003_SUMMARY_CHECKLIST, REF_E2003_SCHEDULED_MAINTENANCE, REF_MONITORING_CLIENT_ACCESS_SERVERS, ...MOF_REFS],
    practitionerGuidance: [
      "The IIS log folders and file names (ex*.log under system32\\LogFiles\\W3SVC1 on Windows Server 2003, u_ex*.log under inetpub\\logs\\LogFiles\\W3SVC1 on Windows Server 2008) are the Windows defaults as administrators know them; a site configured otherwise logs elsewhere.",
    ],
    changeNote:
      "The IIS log locations now cover both Windows versions: ex*.log under system32\\LogFiles\\W3SVC1 on Windows Server 2003 and u_ex*.log under inetpub\\logs\\LogFiles\\W3SVC1 on Windows Server 2008 (supported from Exchange 2007 SP1), with a Log Parser command for each. The procedure now cites Microsoft's Client Access monitoring page, the Exchange 2007 MOF page and the SMF alignment page.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "W11",
    slug: "review-mailbox-usage",
    title: "Review mailbox usage",
    cadence: "WEEKLY",
    roles: ["MAILBOX"],
    smf: "CAPACITY_MANAGEMENT",
    purpose:
      "Identify the users consuming the most mailbox storage and apply quotas and policies, so that store growth stays within plan.",
    body: `A few very large mailboxes often account for a large share of store growth, backup time and restore time. Reviewing them weekly keeps growth in line with the capacity plan and gives early warning to users who are about to hit their limits.

**Steps**

1. List the largest mailboxes on each Mailbox server with \`Get-MailboxStatistics\`, sorted by size.
2. Note mailboxes that are near or over their warning or send limits, or that have grown sharply since last week.
3. Apply the agreed quota or retention policy: database defaults, individual quotas approved by the service owner, or managed folder policies.
4. Contact the users concerned, or their managers, where the policy asks for it.

**Record** the size of the largest mailbox and the actions taken.

**If usage is outside policy** and the user or business owner does not agree a remedy, escalate to the service owner. Growth that the current quotas cannot contain is passed to Capacity Management for the monthly planning review.`,
    items: [
      {
        key: "top-consumers-identified",
        kind: "CHECK",
        text: "The users consuming the most storage have been identified",
      },
      {
        key: "quotas-applied",
        kind: "CHECK",
        text: "Quotas and policies have been applied to them as agreed",
      },
      {
        key: "largest-mailbox-size",
        kind: "NUMBER",
        text: "Size of the largest mailbox",
        unit: "MB",
        help: "No fixed limit; compare with the quota policy and last week's figure.",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command:
          "Get-MailboxStatistics -Server {{server}} | Sort-Object TotalItemSize -Descending | Select-Object -First 25 DisplayName,TotalItemSize,StorageLimitStatus",
        purpose: "List the largest mailboxes and their quota status.",
      },
      {
        tool: "exchange-management-shell",
        command:
          "Set-Mailbox -Identity jdoe -UseDatabaseQuotaDefaults $false -IssueWarningQuota 1900MB -ProhibitSendQuota 2000MB",
        purpose: "Apply an individual quota agreed with the service owner.",
      },
    ],
    references: [REF_E2003_SUMMARY_CHECKLIST, REF_E2003_SCHEDULED_MAINTENANCE, ...MOF_REFS],
    changeNote: "The procedure now cites the Exchange 2007 MOF page and the SMF alignment page that justify its Capacity Management tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "W12",
    slug: "review-postmaster-mailbox-and-ndrs",
    title: "Review postmaster mailbox and NDRs",
    cadence: "WEEKLY",
    roles: ["HUB_TRANSPORT"],
    smf: "SERVICE_MONITORING_AND_CONTROL",
    purpose:
      "Go through the postmaster mailbox and the week's non-delivery reports so that recurring delivery failures are noticed and fixed.",
    body: `Non-delivery reports and mail sent to the postmaster address are how remote systems and users report delivery problems. Patterns in them reveal misconfigured connectors, broken address rewriting, blacklisting of the organisation's outbound IP address or a partner domain that keeps rejecting mail. Exchange 2003's BadMail folder has no equivalent in Exchange 2007; malformed messages end up in the poison message queue, which is covered by the daily queue check.

**Steps**

1. Open the postmaster mailbox in Outlook or Outlook Web Access and work through new messages.
2. List the week's failed deliveries from the message tracking logs of the Hub Transport servers and group them by recipient domain and error.
3. Confirm which address the transport servers use as the external postmaster.
4. Deal with what you find: correct address data, contact the remote administrators, or raise a change for a connector fix.

**Record** the number of failures reviewed and any pattern found.

**If a pattern points to a fault** in the organisation's own configuration, raise an incident; if mail to a partner keeps failing, escalate through the partner contact.`,
    items: [
      {
        key: "postmaster-reviewed",
        kind: "CHECK",
        text: "Postmaster and NDR mail has been reviewed and acted on",
      },
      {
        key: "failed-deliveries-reviewed",
        kind: "NUMBER",
        text: "Failed deliveries reviewed this week",
        unit: "messages",
        help: "No fixed limit; compare with previous weeks and look for patterns.",
      },
    ],
    tools: [
      {
        tool: "outlook-client",
        purpose: "Open the postmaster mailbox and work through its messages.",
      },
      {
        tool: "message-tracking",
        command:
          "Get-MessageTrackingLog -Server {{server}} -EventId FAIL -Start (Get-Date).AddDays(-7) -ResultSize Unlimited | Group-Object { $_.Recipients[0].Split('@')[1] } | Sort-Object Count -Descending",
        purpose: "Group the week's failed deliveries by recipient domain.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-TransportServer | Format-Table Name,ExternalPostmasterAddress -AutoSize",
        purpose: "Confirm the external postmaster address used by each transport server.",
      },
    ],
    references: [REF_E2003_SUMMARY_CHECKLIST, REF_E2003_SCHEDULED_MAINTENANCE, REF_QUEUE_VIEWER, REF_CMDLET_SET_TRANSPORTSERVER, ...MOF_REFS],
    changeNote:
      "The procedure now cites Microsoft's Exchange 2007 page for the transport server settings that hold the external postmaster address, the Exchange 2007 MOF page and the SMF alignment page.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "W13",
    slug: "check-online-maintenance-and-white-space",
    title: "Check online maintenance and database white space",
    cadence: "WEEKLY",
    roles: ["MAILBOX"],
    smf: "STORAGE_MANAGEMENT",
    relatedSmfs: ["JOB_SCHEDULING"],
    purpose:
      "Confirm each week that online maintenance, including online defragmentation, completes on every database of a Mailbox server, and record the free space (white space) it reports inside the databases.",
    body: `Every night in its maintenance window the information store cleans up each database: it removes deleted items and mailboxes whose retention has expired and then defragments the database online, so that free pages are reused. Online defragmentation never shrinks the file; it reports the free space left inside the database with event **1221** (source MSExchangeIS Mailbox Store or MSExchangeIS Public Store). Microsoft uses that figure to work out how much an offline defragmentation would reclaim and how much disk it needs (see the offline defragmentation procedure, A6).

When online maintenance does not complete, deleted data is not purged, databases grow and the 1221 figure is stale. The usual cause is a backup that runs inside the maintenance window: online defragmentation stops while a backup is running.

**Steps**

1. List each database's maintenance schedule and compare it with the backup schedule of the server; the two windows must not overlap.
2. Look in the Application log for the past week's online defragmentation events from source ESE: 700 when a pass starts, 701 when a full pass has finished. Every database should show a finished pass.
3. Look for event 1221 for each database and note the free space it reports.
4. Compare the white space with the database size (monthly capacity review). A large white space is normal after mailboxes have moved away; it is a reason for an offline defragmentation only when the disk space is really needed.

**Record** the largest white space reported and the database it belongs to.

**If a database shows no finished pass for a week**, move the backup or the maintenance window so that they no longer overlap, through change control, and raise an incident if databases are growing because of it.`,
    items: [
      {
        key: "maintenance-window-clear-of-backup",
        kind: "CHECK",
        text: "The online maintenance window of each database on {{server}} does not overlap its backup",
      },
      {
        key: "online-defrag-completed",
        kind: "CHECK",
        text: "Every database on {{server}} finished at least one online defragmentation pass this week (ESE event 701)",
      },
      {
        key: "largest-white-space",
        kind: "NUMBER",
        text: "Largest free space inside a database on {{server}}, from the latest event 1221",
        unit: "MB",
        help: "No limit: compare with the database size. White space is reused by the database; it is returned to the disk only by an offline defragmentation.",
      },
      {
        key: "largest-white-space-database",
        kind: "TEXT",
        text: "Database with the largest white space",
        required: false,
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command: "Get-MailboxDatabase -Server {{server}} | Format-Table Name,MaintenanceSchedule -AutoSize -Wrap",
        purpose: "Show each database's online maintenance window, to compare with the backup schedule.",
      },
      {
        tool: "exchange-management-shell",
        command:
          'Get-EventLog Application -Newest 20000 | Where-Object { $_.Source -eq "ESE" -and ($_.EventID -eq 700 -or $_.EventID -eq 701) -and $_.TimeGenerated -gt (Get-Date).AddDays(-7) } | Format-Table TimeGenerated,EventID,Message -AutoSize -Wrap',
        purpose: "Run on the Mailbox server: the past week's online defragmentation starts (700) and finished passes (701).",
      },
      {
        tool: "exchange-management-shell",
        command:
          "Get-EventLog Application -Newest 20000 | Where-Object { $_.EventID -eq 1221 -and $_.TimeGenerated -gt (Get-Date).AddDays(-7) } | Format-Table TimeGenerated,Source,Message -AutoSize -Wrap",
        purpose: "Run on the Mailbox server: the white space each database reported after online defragmentation.",
      },
      {
        tool: "backup-application",
        purpose: "Read the backup schedule of the server's storage groups.",
      },
    ],
    references: [REF_HOW_TO_RUN_ESEUTIL_D, REF_CMDLET_GET_MAILBOXDATABASE, REF_EXCHANGE_2007_MAINTENANCE_WEEKLY, ...MOF_REFS],
    practitionerGuidance: [
      "ESE events 700 (online defragmentation started) and 701 (a full pass finished) are known from administrators' experience; no Microsoft page among the library's sources lists them.",
      "That a running backup interrupts online defragmentation, so the two windows must not overlap, is practitioner knowledge, also given in a third-party Exchange 2007 weekly maintenance list.",
    ],
    changeNote:
      "New procedure: the content review found no check that online maintenance and online defragmentation complete, or of the white space they report (event 1221), which is also the trigger and the sizing input of the offline defragmentation procedure.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "W14",
    slug: "check-offline-address-book-distribution",
    title: "Check offline address book generation and distribution",
    cadence: "WEEKLY",
    roles: ["MAILBOX", "CLIENT_ACCESS"],
    smf: "SERVICE_MONITORING_AND_CONTROL",
    relatedSmfs: ["DIRECTORY_SERVICES_ADMINISTRATION"],
    purpose:
      "Confirm that every offline address book is generated on its Mailbox server and reaches clients, by web distribution through the Client Access servers and, where Outlook 2003 remains, through public folders.",
    body: `Outlook in cached mode looks people up in the offline address book (OAB), not in Active Directory. When generation or distribution stops, new starters, leavers and changed addresses stay wrong on every client, and the service desk sees it as many small, unrelated complaints.

In Exchange 2007 each offline address book is generated by one Mailbox server (its generation server) on a schedule, once a day by default. Two ways take it to clients:

- **Web distribution** for Outlook 2007: the File Distribution Service on each Client Access server copies the files from the generation server and publishes them through the OAB virtual directory.
- **Public folder distribution** for Outlook 2003 and earlier: the files are posted to the OFFLINE ADDRESS BOOK system folder, which must replicate (see the public folder replication check, W4).

**Steps**

1. List the offline address books with their generation server, schedule, versions and distribution methods.
2. On each generation server, look in the Application log for errors from the OAB generation (source MSExchangeSA) since last week.
3. On each Client Access server that distributes an OAB, look for errors from the File Distribution Service (source MSExchangeFDS).
4. Where a change must reach clients sooner, or generation failed and has been fixed, regenerate the OAB and then ask the Client Access servers to fetch it.
5. From an Outlook 2007 client in cached mode, download the address book and look up a recent joiner.

**Record** anything that failed and the incident number if one was raised.

**If generation or distribution fails**, raise an incident. Common causes are a generation server that is down or moved, a public folder database the OAB points to that no longer exists, and a Client Access server that cannot reach the generation server's share.`,
    items: [
      {
        key: "oab-generated",
        kind: "CHECK",
        text: "Every offline address book was generated on schedule without errors on its generation server (MSExchangeSA)",
      },
      {
        key: "oab-web-distribution",
        kind: "CHECK",
        text: "Each Client Access server that distributes an offline address book copied the current files without errors (MSExchangeFDS)",
      },
      {
        key: "oab-public-folder-distribution",
        kind: "CHECK",
        text: "Where Outlook 2003 or earlier clients remain, public folder distribution is enabled and the OFFLINE ADDRESS BOOK folder replicates",
        help: "Tick if no Outlook 2003 or earlier clients remain.",
      },
      {
        key: "oab-client-download",
        kind: "CHECK",
        text: "A cached-mode Outlook 2007 client downloaded the address book and found a recent joiner",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command: "Get-OfflineAddressBook | Format-List Name,Server,Schedule,Versions,PublicFolderDistributionEnabled,VirtualDirectories",
        purpose: "List each offline address book with its generation server, schedule and distribution methods.",
      },
      {
        tool: "exchange-management-shell",
        command:
          'Get-EventLog Application -Newest 5000 | Where-Object { ($_.Source -eq "MSExchangeSA" -or $_.Source -eq "MSExchangeFDS") -and $_.EntryType -eq "Error" } | Format-Table TimeGenerated,Source,EventID,Message -AutoSize -Wrap',
        purpose: "Run on a generation server or a Client Access server: recent errors of OAB generation and file distribution.",
      },
      {
        tool: "exchange-management-shell",
        command: 'Update-OfflineAddressBook -Identity "<OfflineAddressBook>"',
        purpose: "Regenerate an offline address book on its generation server now.",
      },
      {
        tool: "exchange-management-shell",
        command: "Update-FileDistributionService -Identity <ClientAccessServer> -Type OAB",
        purpose: "Make a Client Access server fetch the newly generated files instead of waiting for its next poll.",
      },
      {
        tool: "outlook-client",
        command: "Tools > Send/Receive > Download Address Book...",
        purpose: "Download the offline address book on a test client and check a recent change.",
      },
    ],
    references: [...MOF_REFS],
    practitionerGuidance: [
      "No Microsoft page on offline address book generation and distribution is among the library's sources. The daily default schedule, the event sources MSExchangeSA (generation) and MSExchangeFDS (File Distribution Service), and the Get-OfflineAddressBook, Update-OfflineAddressBook and Update-FileDistributionService commands rest on administrators' experience with Exchange 2007.",
    ],
    changeNote:
      "New procedure: the content review found no check of offline address book generation and distribution, whose failures leave every cached-mode client with stale addresses.",
  },
];
