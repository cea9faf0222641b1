// Weekly operations procedures (W1–W12) for the Exchange Server 2007 organisation.
import type { SeedProcedure } from "./types";
import {
  REF_E2003_SCHEDULED_MAINTENANCE,
  REF_E2003_SUMMARY_CHECKLIST,
  REF_EXBPA_SCAN_TYPES,
  REF_EXCHANGE_MAINTENANCE_CHECKLIST,
  REF_MOF_CHANGING_QUADRANT_SMFS,
  REF_MOF_OPERATING_QUADRANT,
  REF_MOF_PROCESS_MODEL_QUADRANTS,
  REF_MOM_2005,
  REF_MONITORING_MAILBOX_SERVERS,
  REF_QUEUE_VIEWER,
  REF_WEEKLY_TASKS,
} from "./references";

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
    smf: "STORAGE_MANAGEMENT",
    relatedSmfs: ["SECURITY_ADMINISTRATION"],
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
    references: [REF_WEEKLY_TASKS],
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

**Steps**

1. Check Microsoft Update and WSUS for new updates for Windows Server, Exchange Server 2007, IIS and the other components on the servers.
2. Run MBSA against the servers to confirm which updates each one is missing.
3. Read the bulletins and decide which updates apply; note their severity.
4. Install the applicable updates on the lab servers and repeat the key daily checks there (services, mail flow, client access).
5. Raise a request for change for production deployment, with the test results and a rollback plan.

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
        tool: "change-control-process",
        purpose: "Request, assess and schedule the production deployment.",
      },
    ],
    references: [REF_WEEKLY_TASKS, REF_MOF_CHANGING_QUADRANT_SMFS],
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
    references: [REF_WEEKLY_TASKS, REF_MOM_2005],
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
      "Confirm that public folder replicas are up to date on every public folder database, so users see current data from their local replica.",
    body: `When public folder replication stalls, users connected to an out-of-date replica either cannot see recent data or are referred across the WAN to another server. Problems build up slowly and are rarely reported until someone misses an item.

**Steps**

1. List the folders with their replica lists using \`Get-PublicFolder -Recurse\` and confirm important folders have the replicas they should.
2. Compare item counts and last modification times between replicas with \`Get-PublicFolderStatistics\` run against each server.
3. Read the public store Replication Receive Queue Size counter (also sampled in the daily mailbox database check).
4. For a folder that is behind, run \`Update-PublicFolder\` against the lagging server and check again later; the Public Folder Management Console (SP1) offers the same actions.

**Record** the replication receive figure and any folder found out of date.

**If a check fails**, raise an incident. Check the Application log on both servers for replication errors and confirm mail flows between them, because public folder replication travels as mail. Escalate to the messaging team if replicas stay out of date after an update.`,
    items: [
      {
        key: "replicas-up-to-date",
        kind: "CHECK",
        text: "Public folder replicas are up to date, so users neither lose access to data nor fetch it across the WAN",
      },
      {
        key: "replication-receive-normal",
        kind: "CHECK",
        text: "Replication Receive Queue Size is normal (same limit as the daily mailbox database check)",
      },
      {
        key: "replication-receive-queue-size",
        kind: "NUMBER",
        text: "Replication Receive Queue Size (public store)",
        unit: "messages",
        max: 100,
        counter: "MSExchangeIS Public\\Replication Receive Queue Size",
        help: "Secondary-source rule of thumb: under 100.",
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
        command:
          "Get-PublicFolderStatistics -Server {{server}} | Sort-Object Name | Format-Table Name,ItemCount,LastModificationTime -AutoSize",
        purpose: "Compare item counts and last changes between the replicas on each server.",
      },
      {
        tool: "exchange-management-shell",
        command: 'Update-PublicFolder -Identity "\\Projects" -Server {{server}}',
        purpose: "Ask a lagging replica to synchronise its content.",
      },
      {
        tool: "public-folder-management-console",
        purpose: "Review replicas and trigger content updates from the SP1 console.",
      },
      {
        tool: "performance-monitor",
        purpose: "Read the public store replication receive counter.",
      },
    ],
    references: [REF_WEEKLY_TASKS, REF_MONITORING_MAILBOX_SERVERS],
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
2. For each one, export or back up the mailbox to the archive format the policy specifies (for example a PST export with SP1's \`Export-Mailbox\`, or a dedicated backup set).
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
    references: [REF_WEEKLY_TASKS],
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
    references: [REF_WEEKLY_TASKS],
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
5. Optionally run an ExBPA health scan; a third-party checklist suggests doing so weekly.

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
      {
        key: "exbpa-health-scan",
        kind: "CHECK",
        text: "ExBPA health scan run and its findings reviewed",
        required: false,
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
      {
        tool: "exchange-best-practices-analyzer",
        purpose: "Run the optional weekly health scan.",
      },
    ],
    references: [
      REF_E2003_SUMMARY_CHECKLIST,
      REF_E2003_SCHEDULED_MAINTENANCE,
      REF_MOM_2005,
      REF_EXBPA_SCAN_TYPES,
      REF_EXCHANGE_MAINTENANCE_CHECKLIST,
    ],
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
    references: [REF_E2003_SUMMARY_CHECKLIST, REF_E2003_SCHEDULED_MAINTENANCE],
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "W9",
    slug: "hold-weekly-status-meeting",
    title: "Hold weekly status meeting",
    cadence: "WEEKLY",
    roles: [],
    smf: "SYSTEM_ADMINISTRATION",
    purpose:
      "Hold the operations team's weekly status meeting, MOF's Operations Review for the Operating quadrant, so that results, incidents and changes are reviewed and every action has an owner.",
    body: `In MOF each quadrant closes with a management review; for the Operating quadrant it is the Operations Review, which checks that internal procedures and operating level agreements are working. For the Exchange team this takes the form of the weekly status meeting. It is not a Service Management Function of its own, so it is filed here under System Administration, whose standard procedures it reviews.

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
    references: [
      REF_E2003_SUMMARY_CHECKLIST,
      REF_MOF_OPERATING_QUADRANT,
      REF_MOF_PROCESS_MODEL_QUADRANTS,
    ],
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
        purpose: "Summarise the IIS log of the Client Access server by HTTP status code.",
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
    references: [REF_E2003_SUMMARY_CHECKLIST, REF_E2003_SCHEDULED_MAINTENANCE],
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
    references: [REF_E2003_SUMMARY_CHECKLIST, REF_E2003_SCHEDULED_MAINTENANCE],
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
    references: [REF_E2003_SUMMARY_CHECKLIST, REF_E2003_SCHEDULED_MAINTENANCE, REF_QUEUE_VIEWER],
  },
];
