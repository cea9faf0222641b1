// Daily operations procedures (D1–D16) for the Exchange Server 2007 organisation.
import type { SeedProcedure } from "./types";
import {
  REF_ANTISPAM_UPDATES,
  REF_BACKUP_DATA_BY_ROLE,
  REF_BACK_PRESSURE_QUEUE_DISK,
  REF_BACK_PRESSURE_RESOURCES,
  REF_CMDLET_GET_EVENTLOGLEVEL,
  REF_CMDLET_GET_MAILBOXDATABASE,
  REF_CMDLET_GET_QUEUE,
  REF_CMDLET_GET_STORAGEGROUP,
  REF_CMDLET_GET_STORAGEGROUPCOPYSTATUS,
  REF_CMDLET_TEST_ACTIVESYNCCONNECTIVITY,
  REF_CMDLET_TEST_EDGESYNCHRONIZATION,
  REF_CMDLET_TEST_IMAPCONNECTIVITY,
  REF_CMDLET_TEST_MAILFLOW,
  REF_CMDLET_TEST_MAPICONNECTIVITY,
  REF_CMDLET_TEST_OWACONNECTIVITY,
  REF_CMDLET_TEST_REPLICATIONHEALTH,
  REF_CMDLET_TEST_SERVICEHEALTH,
  REF_CMDLET_TEST_UMCONNECTIVITY,
  REF_CMDLET_TEST_WEBSERVICESCONNECTIVITY,
  REF_COMMON_COUNTERS,
  REF_DAILY_CHECKLIST,
  REF_DAILY_TASKS,
  REF_E2003_DAILY_CHECKLIST,
  REF_E2003_DAILY_OPERATIONS,
  REF_E2003_PROCESSOR_BOUND,
  REF_E2010_TRANSPORT_COUNTERS,
  REF_EDGE_CLONED_CONFIG,
  REF_EMC_OVERVIEW,
  REF_EXBPA_DISK_BOTTLENECK,
  REF_EXBPA_LDAP_SEARCH_TIME,
  REF_EXBPA_RPC_BACKOFF,
  REF_EXBPA_RPC_LATENCY,
  REF_EXCHANGE_SMG_DAILY,
  REF_MOF_EXCHANGE_2007,
  REF_MOF_SMF_ALIGNMENT,
  REF_MOM_CHECKPOINT_DEPTH,
  REF_MOM_LARGEST_DELIVERY_QUEUE,
  REF_MONITORING_CLIENT_ACCESS_SERVERS,
  REF_MONITORING_HUB_TRANSPORT_SERVERS,
  REF_MONITORING_MAILBOX_SERVERS,
  REF_MONITORING_UM_SERVERS,
  REF_MONITORING_WITHOUT_SCOM,
  REF_OPERATIONS_MANAGEMENT,
  REF_PHYSICAL_ENVIRONMENT_CHECKS,
  REF_PROCESSOR_COUNTERS,
  REF_QUEUE_VIEWER,
  REF_SLOW_RPC,
  REF_SOLARWINDS_COMMON_COUNTERS,
  REF_TEST_UMCONNECTIVITY_MP,
  REF_TT_CAS_COUNTERS,
  REF_TT_DC_COUNTERS,
  REF_TT_HUB_TRANSPORT_HEALTH,
  REF_TT_MAILBOX_DATABASE_COUNTERS,
  REF_TT_QUEUE_VIEWER,
  REF_WUG_HUB_TRANSPORT_THRESHOLDS,
  REF_WUG_MAILBOX_THRESHOLDS,
} from "./references";

const ALL_ROLES: SeedProcedure["roles"] = [
  "MAILBOX",
  "HUB_TRANSPORT",
  "CLIENT_ACCESS",
  "EDGE_TRANSPORT",
  "UNIFIED_MESSAGING",
];

export const dailyProcedures: SeedProcedure[] = [
  // ---------------------------------------------------------------------------------------------
  {
    code: "D1",
    slug: "perform-physical-environment-checks",
    title: "Perform physical environment checks",
    cadence: "DAILY",
    roles: ALL_ROLES,
    smf: "SYSTEM_ADMINISTRATION",
    relatedSmfs: ["NETWORK_ADMINISTRATION"],
    purpose:
      "Confirm every morning that the rooms housing the Exchange servers and network equipment are secure, correctly cooled and undamaged, so that hardware faults are caught before they become outages.",
    body: `Exchange is only as reliable as the room it runs in. Overheating, a failed air-conditioning unit, a forced door or a loose network cable will take servers down regardless of how well the software is configured. This walk-round belongs to the Infrastructure role cluster and is the first check of the day.

**Steps**

1. Open the facilities monitoring dashboard and confirm that temperature and humidity are being logged without gaps since the previous check.
2. Compare the current readings with the hardware vendor's operating range and confirm the HVAC units are running and not in alarm.
3. Walk the server room and network cabinets. Check that doors and locks are intact, restricted areas are closed, access codes and hardware dongles are where they should be, and there is no sign of forced entry or damaged equipment.
4. Look at routers, switches, hubs, patch panels, cabling and connectors: link and status lights normal, nothing unplugged or strained.
5. Record the readings and tick each item.

**Record** the temperature and humidity readings and any deviation you noticed, however small.

**If a check fails**, raise an incident straight away. Environmental alarms and signs of unauthorised entry are escalated to the facilities team and the security officer at once; do not wait for the end of the checklist. Failed network hardware is handed to network administration with the affected links noted.`,
    items: [
      {
        key: "environment-logging",
        kind: "CHECK",
        text: "Environmental conditions are being logged continuously and have stayed within range since the last check",
        help: "Look for gaps in the facilities monitoring log as well as out-of-range values.",
      },
      {
        key: "temperature-humidity-in-spec",
        kind: "CHECK",
        text: "Temperature and humidity are inside the hardware vendor's specification and the HVAC is working",
      },
      {
        key: "room-temperature",
        kind: "NUMBER",
        text: "Server room temperature",
        unit: "°C",
        help: "No fixed figure: compare with the operating range in the hardware vendor's specification.",
      },
      {
        key: "room-humidity",
        kind: "NUMBER",
        text: "Server room relative humidity",
        unit: "%",
        help: "No fixed figure: compare with the operating range in the hardware vendor's specification.",
      },
      {
        key: "physical-security-intact",
        kind: "CHECK",
        text: "Physical security is intact (locks, doors, restricted rooms, dongles, access codes), with no sign of a break-in, unauthorised access or damaged equipment",
      },
      {
        key: "network-hardware-operational",
        kind: "CHECK",
        text: "Network hardware is operational: routers, switches, hubs, cabling and connectors",
      },
    ],
    tools: [
      {
        tool: "facilities-monitoring",
        purpose: "Read the temperature and humidity logs and confirm the HVAC units are not in alarm.",
      },
      {
        tool: "visual-inspection",
        purpose: "Walk the server room and network cabinets to check locks, doors, equipment and cabling.",
      },
      {
        tool: "checklist-and-team-procedure",
        purpose: "Record the readings and the completed checks with the operator name and time.",
      },
    ],
    references: [REF_PHYSICAL_ENVIRONMENT_CHECKS, REF_DAILY_CHECKLIST, REF_DAILY_TASKS, REF_MOF_EXCHANGE_2007, REF_MOF_SMF_ALIGNMENT],
    changeNote: "Cites the Exchange 2007 Microsoft Operations Framework page and the SMF alignment page that justify its MOF tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "D2",
    slug: "check-backups",
    title: "Check backups",
    cadence: "DAILY",
    roles: ALL_ROLES,
    smf: "STORAGE_MANAGEMENT",
    relatedSmfs: ["JOB_SCHEDULING"],
    purpose:
      "Verify that last night's Exchange backups completed, inside the agreed window and without unexplained errors, so that data can be restored when it is needed.",
    body: `A backup that silently failed is only discovered on the day a restore is needed. The minimum strategy is one online backup every day. The data to protect differs by role: storage group databases and transaction logs on Mailbox servers, and configuration data on Hub Transport, Edge Transport, Client Access and Unified Messaging servers.

**Steps**

1. Open the backup application's job report and confirm the previous job finished. On Windows Server 2003 that is NTBackup (**Tools > Report**). Windows Server 2008 has no NTBackup that can back up Exchange: there the job is run by the Windows Server Backup plug-in that Exchange 2007 SP2 adds, or by a VSS-based backup product, and you read its own report.
2. Run \`Get-MailboxDatabase -Status\` and \`Get-PublicFolderDatabase -Status\` and read LastFullBackup and LastIncrementalBackup for every database; BackupInProgress must be False once the window has closed. The backup times are properties of the databases: \`Get-StorageGroup -Status\` returns only the continuous-replication properties of a storage group and no backup data.
3. Confirm circular logging is off on every storage group that is backed up (\`Get-StorageGroup\`, CircularLoggingEnabled). With circular logging on, the logs are not kept for a roll-forward restore and the log-truncation check below tells you nothing.
4. Read every error and warning in the job log and in the Application event log, decide what each one means and act on it.
5. Confirm the transaction logs were truncated when the backup type purges them. Growing log folders usually mean the backup did not complete.
6. On the Edge Transport server, confirm the configuration export (ExportEdgeConfig.ps1) produced a current file. Microsoft asks for an export after installation and after every change to the Edge configuration; exporting daily is stricter than that and harmless.
7. Follow the tape rotation, labelling and off-site storage procedure.
8. Compare the job duration with the backup window in the SLA.
9. Make sure every part of the backup that failed has been logged with the service desk and rerun, and that how it was resolved is written down.

**Record** the last successful full backup time per database, the job duration and the number of errors and warnings.

**If a check fails**, log an incident with the service desk, rerun the failed part of the job as soon as the load allows, and tell the Storage Management owner. A database without a good full backup for more than one cycle is escalated to the messaging team lead.`,
    items: [
      {
        key: "daily-online-backup-ran",
        kind: "CHECK",
        text: "The minimum strategy ran: a daily online backup of every storage group",
      },
      {
        key: "previous-job-finished",
        kind: "CHECK",
        text: "The previous backup job ran to completion",
      },
      {
        key: "last-full-backup-per-database",
        kind: "TEXT",
        text: "Time of the most recent good full backup, per database",
        help: "Copy LastFullBackup from Get-MailboxDatabase -Status and Get-PublicFolderDatabase -Status, one line per database.",
      },
      {
        key: "no-backup-in-progress",
        kind: "CHECK",
        text: "No database still reports BackupInProgress after the backup window",
        roles: ["MAILBOX"],
      },
      {
        key: "circular-logging-off",
        kind: "CHECK",
        text: "Circular logging is off on every storage group that is backed up",
        roles: ["MAILBOX"],
        help: "Get-StorageGroup shows CircularLoggingEnabled per storage group; True means the logs needed for a roll-forward restore are not kept.",
      },
      {
        key: "job-duration",
        kind: "NUMBER",
        text: "Backup job duration",
        unit: "min",
        help: "No fixed limit; compare with the previous nights and with the backup window agreed in the SLA.",
      },
      {
        key: "errors-warnings-count",
        kind: "NUMBER",
        text: "Errors and warnings reported by the backup job",
        unit: "count",
        help: "Any non-zero count must be analysed item by item (next check); a rising count is a trend to report.",
      },
      {
        key: "errors-analysed",
        kind: "CHECK",
        text: "Every error and warning in the job log has been investigated and dealt with",
      },
      {
        key: "tape-rotation-followed",
        kind: "CHECK",
        text: "Tape rotation, labelling and off-site storage were done according to procedure",
      },
      {
        key: "logs-truncated",
        kind: "CHECK",
        text: "Transaction logs were truncated where the backup type purges them",
        help: "Only applies to full and incremental backups; copy and differential backups leave the logs in place. Meaningless when circular logging is on.",
      },
      {
        key: "within-sla-window",
        kind: "CHECK",
        text: "The backup finished inside the window set by the SLA",
      },
      {
        key: "failed-backups-logged",
        kind: "CHECK",
        text: "Failed parts of backups are logged with the service desk and rerun, and their resolution is documented",
      },
    ],
    tools: [
      {
        tool: "backup-application",
        command: "NTBackup: Tools > Report",
        purpose: "Windows Server 2003: open the report of the last NTBackup job to confirm completion and read its errors and warnings.",
      },
      {
        tool: "backup-application",
        command: "Windows Server Backup: the last backup's details and its Exchange consistency check",
        purpose: "Windows Server 2008 (Exchange 2007 SP2 plug-in) or a VSS backup product: read the last job's result, errors and warnings.",
      },
      {
        tool: "exchange-management-shell",
        command:
          "Get-MailboxDatabase -Status | Format-Table Server,StorageGroup,Name,Mounted,BackupInProgress,LastFullBackup,LastIncrementalBackup -AutoSize",
        purpose: "List the last full and incremental backup times of every mailbox database and spot a backup still in progress.",
      },
      {
        tool: "exchange-management-shell",
        command:
          "Get-PublicFolderDatabase -Status | Format-Table Server,StorageGroup,Name,Mounted,BackupInProgress,LastFullBackup,LastIncrementalBackup -AutoSize",
        purpose: "The same backup times for every public folder database.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-StorageGroup | Format-Table Server,Name,CircularLoggingEnabled -AutoSize",
        purpose: "Confirm circular logging is off on every storage group that is backed up.",
      },
      {
        tool: "exchange-management-shell",
        command: '.\\ExportEdgeConfig.ps1 -cloneConfigData:"{{var:backupPath}}\\{{server}}.xml"',
        purpose: "Export the configuration of each Edge Transport server so that it can be rebuilt; confirm the file is current.",
      },
      {
        tool: "event-viewer",
        purpose: "Read backup and ESE events in the Application log for errors the job report does not show.",
      },
      {
        tool: "service-desk-system",
        purpose: "Log failed backup portions and record their resolution.",
      },
    ],
    references: [
      REF_DAILY_CHECKLIST,
      REF_BACKUP_DATA_BY_ROLE,
      REF_CMDLET_GET_MAILBOXDATABASE,
      REF_CMDLET_GET_STORAGEGROUP,
      REF_EDGE_CLONED_CONFIG,
      REF_EXCHANGE_SMG_DAILY,
      REF_MOF_EXCHANGE_2007,
      REF_MOF_SMF_ALIGNMENT,
    ],
    practitionerGuidance: [
      "Windows Server 2008 has no NTBackup that backs up Exchange; Exchange 2007 SP2 adds a Windows Server Backup plug-in. This rests on experience and is not confirmed in a page the library cites.",
      "Circular logging must be off on storage groups that are backed up (checked with Get-StorageGroup, CircularLoggingEnabled): kept on experience.",
    ],
    changeNote:
      "Backup times are now read from Get-MailboxDatabase -Status and Get-PublicFolderDatabase -Status (LastFullBackup, LastIncrementalBackup, BackupInProgress): Get-StorageGroup -Status returns no backup data in Exchange 2007, and the record is per database instead of per storage group (new key last-full-backup-per-database). Added the Windows Server 2008 path (Exchange 2007 SP2 Windows Server Backup plug-in) beside NTBackup, a circular-logging check and a BackupInProgress check. The item about logging and rerunning failed backup parts moved here from the directory service check, where it did not belong. It also cites the Exchange 2007 MOF page and the SMF alignment page behind its MOF tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "D3",
    slug: "check-cpu-and-memory-use",
    title: "Check CPU and memory use",
    cadence: "DAILY",
    roles: ALL_ROLES,
    smf: "SERVICE_MONITORING_AND_CONTROL",
    purpose:
      "Sample processor and memory counters on every Exchange server and compare them with the baseline, so that resource shortages are found before users feel them.",
    body: `Processor and memory pressure show up as slow Outlook clients, delayed mail and failed connections long before a server actually stops. Recording the same counters every day also builds the picture of what normal looks like for each server.

**Steps**

1. Open Performance Monitor on each server (or connect to it remotely) and add the counters below.
2. Watch them over a representative interval of a few minutes; do not record a single instantaneous value.
3. Enter the average value and the sample time for each counter.
4. Compare each value with the server's baseline and with the guidance below, and flag deviations.

| Counter | Guidance |
|---|---|
| % Processor Time (_Total) | average below 75% (Microsoft's Exchange 2007 SP1–SP3 common counters; the older RTM/SP1 processor topic allowed 90%) |
| % User Time and % Privileged Time (_Total) | each below 75% on average (same Microsoft topic) |
| Processor Queue Length | below 2; brief spikes can be ignored unless CPU is above 75% at the same moment |
| Available MBytes | above 100 MB at all times (Microsoft's common counters) |
| % Committed Bytes In Use | no published figure; compare with the baseline |
| % Time in GC (.NET CLR Memory, _Global_; Client Access, Hub Transport) | average under 10% (Microsoft's common counters) |

**Record** the value and time for every counter.

**If a value is out of range** and stays there, raise an incident and look for the process responsible (Task Manager or the Process counters). Sustained pressure with no fault behind it is passed to Capacity Management for the monthly capacity review.`,
    items: [
      {
        key: "sample-processor-time",
        kind: "CHECK",
        text: "% Processor Time sampled over a representative interval and recorded",
      },
      {
        key: "sample-available-mbytes",
        kind: "CHECK",
        text: "Available MBytes sampled and recorded",
      },
      {
        key: "sample-committed-bytes",
        kind: "CHECK",
        text: "% Committed Bytes In Use sampled and recorded",
      },
      {
        key: "compare-with-baseline",
        kind: "CHECK",
        text: "Values compared with this server's performance baseline and deviations flagged",
      },
      {
        key: "processor-time",
        kind: "NUMBER",
        text: "% Processor Time (average)",
        unit: "%",
        max: 75,
        counter: "Processor(_Total)\\% Processor Time",
        source: REF_COMMON_COUNTERS,
        help: "Microsoft's Exchange 2007 SP1–SP3 common counters: below 75% on average. The older RTM/SP1 processor topic allowed 90%; the later figure applies.",
      },
      {
        key: "user-time",
        kind: "NUMBER",
        text: "% User Time (average)",
        unit: "%",
        max: 75,
        counter: "Processor(_Total)\\% User Time",
        source: REF_COMMON_COUNTERS,
        help: "Below 75% on average (Microsoft's common counters): time spent in applications such as store.exe or EdgeTransport.exe.",
      },
      {
        key: "privileged-time",
        kind: "NUMBER",
        text: "% Privileged Time (average)",
        unit: "%",
        max: 75,
        counter: "Processor(_Total)\\% Privileged Time",
        source: REF_COMMON_COUNTERS,
        help: "Below 75% on average (Microsoft's common counters): time spent in the kernel, often drivers, disk or network.",
      },
      {
        key: "processor-queue-length",
        kind: "NUMBER",
        text: "Processor Queue Length",
        unit: "threads",
        max: 2,
        counter: "System\\Processor Queue Length",
        source: REF_PROCESSOR_COUNTERS,
        help: "Short spikes above 2 can be ignored when % Processor Time is not above 75% at the same time.",
      },
      {
        key: "available-mbytes",
        kind: "NUMBER",
        text: "Available MBytes",
        unit: "MB",
        min: 100,
        counter: "Memory\\Available MBytes",
        source: REF_COMMON_COUNTERS,
        help: "Microsoft's common counters: above 100 MB at all times.",
      },
      {
        key: "committed-bytes-in-use",
        kind: "NUMBER",
        text: "% Committed Bytes In Use",
        unit: "%",
        counter: "Memory\\% Committed Bytes In Use",
        help: "No published threshold; compare with this server's baseline and flag a clear rise.",
      },
      {
        key: "time-in-gc",
        kind: "NUMBER",
        text: "% Time in GC (.NET garbage collection)",
        unit: "%",
        max: 10,
        counter: ".NET CLR Memory(_Global_)\\% Time in GC",
        source: REF_COMMON_COUNTERS,
        required: false,
        roles: ["CLIENT_ACCESS", "HUB_TRANSPORT"],
        help: "Microsoft's common counters: under 10% on average. The _Global_ instance covers all .NET processes; pick the w3wp or EdgeTransport instance to see one process.",
      },
    ],
    tools: [
      {
        tool: "performance-monitor",
        purpose: "Sample the processor and memory counters on each server over a few minutes and read the averages.",
      },
      {
        tool: "performance-monitor",
        command:
          'typeperf "\\Processor(_Total)\\% Processor Time" "\\Processor(_Total)\\% User Time" "\\Processor(_Total)\\% Privileged Time" "\\System\\Processor Queue Length" "\\Memory\\Available MBytes" "\\Memory\\% Committed Bytes In Use" -si 5 -sc 60 -s {{server}}',
        purpose: "Take 60 samples at 5-second intervals from a remote server from the command line when the console is not convenient.",
      },
      {
        tool: "mom-exchange-management-pack",
        purpose: "Where MOM is deployed, compare today's values with the performance history it keeps.",
      },
    ],
    references: [
      REF_E2003_DAILY_CHECKLIST,
      REF_COMMON_COUNTERS,
      REF_PROCESSOR_COUNTERS,
      REF_MONITORING_WITHOUT_SCOM,
      REF_E2003_PROCESSOR_BOUND,
      REF_SOLARWINDS_COMMON_COUNTERS,
      REF_MOF_EXCHANGE_2007,
      REF_MOF_SMF_ALIGNMENT,
    ],
    changeNote:
      "% Processor Time now fails above 75% (Microsoft's later Exchange 2007 SP1–SP3 common counters) instead of 90% (the older RTM/SP1 topic), and % User Time and % Privileged Time are recorded against the same 75%. Available MBytes and % Time in GC are labelled as Microsoft's values rather than rules of thumb, every limit names its source, and % Time in GC reads the _Global_ instance. It also cites the Exchange 2007 MOF page and the SMF alignment page behind its MOF tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "D4",
    slug: "check-disk-usage",
    title: "Check disk usage",
    cadence: "DAILY",
    roles: ALL_ROLES,
    smf: "STORAGE_MANAGEMENT",
    purpose:
      "Track free space and latency on the volumes that hold the system, databases, transaction logs and transport queues, because a full or slow disk stops Exchange faster than almost anything else.",
    body: `When a transaction-log volume fills, the storage group's databases dismount; when the queue volume on a Hub Transport or Edge Transport server drops below 4 GB free, back pressure makes the server refuse mail ("452 4.3.1 Insufficient system resources"). Slow disks show up first as RPC latency on Mailbox servers (see the mailbox database health check) and as growing queues on transport servers.

**Steps**

1. For each server, record free megabytes and percent free for each volume: the system volume ({{var:systemDrive}}) and, where the server has them, the database ({{var:databaseDrive}}), transaction-log ({{var:logDrive}}) and queue ({{var:queueDrive}}) volumes.
2. On Hub Transport and Edge Transport servers, confirm the queue volume has at least 4 GB (4,096 MB) free.
3. Work out whether the log volume could absorb a night or two without log truncation if a backup failed.
4. Look at the folders that grow on the system volume without anyone deleting them: IIS logs on Client Access servers (Exchange 2007 never purges them), and message tracking and protocol logs on transport servers (kept within the maximum age and size set on the transport server).
5. Sample the latency counters below for a few minutes and record the averages **in seconds, as the counters report them** (0.020 s is 20 ms).
6. Compare with yesterday's figures and the baseline.

| Where | Counter | Guidance |
|---|---|---|
| Hub/Edge queue volume | Free Megabytes | at least 4,096 MB (4 GB), or back pressure stops mail |
| Mailbox database disks | Avg. Disk sec/Read | below 0.020 s (20 ms) average; with more than about 1,000 users a 20 ms average can already hurt, so cross-check RPC latency |
| Mailbox log disks | Avg. Disk sec/Write | below 0.010 s (10 ms) average, spikes below 50 ms |
| Hub/Edge queue disks | Avg. Disk sec/Read and Avg. Disk sec/Write | below 0.020 s (20 ms) average, peaks not above 50 ms |
| Client Access | Disk Reads/sec and Disk Writes/sec | 50 or less (Microsoft's recommendation); more suggests paging |

With CCR, the transport dumpster raises Hub Transport disk load by roughly four to five times; size and watch those disks accordingly.

**Record** the free-space figures per volume and the latency averages.

**If a check fails**, raise an incident. A queue volume under 4 GB free is urgent: mail has stopped or is about to stop on that server (check for events 15001–15005 in the queue check). A log volume that cannot survive a missed backup is treated as urgent too: confirm last night's backup and free space before the end of the day.`,
    items: [
      {
        key: "free-space-recorded",
        kind: "CHECK",
        text: "Free space recorded for the system, database, transaction-log and queue volumes",
      },
      {
        key: "log-volume-headroom",
        kind: "CHECK",
        text: "Transaction-log volumes have enough room to carry on if a backup fails and logs are not truncated",
      },
      {
        key: "queue-volume-above-back-pressure",
        kind: "CHECK",
        text: "The queue database volume has at least 4 GB free, so back pressure is not refusing mail",
        roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"],
        help: "Below 4 GB free on the volume holding mail.que ({{var:queueDrive}}), the server stops accepting mail.",
      },
      {
        key: "log-folders-not-filling-system-volume",
        kind: "CHECK",
        text: "IIS, message tracking and protocol log folders are not filling the system volume",
        roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT", "CLIENT_ACCESS"],
        help: "Exchange 2007 never deletes IIS logs; message tracking and protocol logs are trimmed only to the maximum age and size set on the transport server. Compare folder sizes with yesterday.",
      },
      {
        key: "latency-within-thresholds",
        kind: "CHECK",
        text: "Disk latency counters are within the thresholds for the server's role",
      },
      {
        key: "system-volume-free-percent",
        kind: "NUMBER",
        text: "System volume free space",
        unit: "%",
        counter: "LogicalDisk({{var:systemDrive}})\\% Free Space",
        help: "Volume {{var:systemDrive}}. No fixed threshold; compare with the previous day and the baseline.",
      },
      {
        key: "system-volume-free-mb",
        kind: "NUMBER",
        text: "System volume free megabytes",
        unit: "MB",
        counter: "LogicalDisk({{var:systemDrive}})\\Free Megabytes",
        help: "Volume {{var:systemDrive}}. No fixed threshold; compare with the previous day and the baseline. Log folders kept on this volume (IIS, tracking, protocol logs) are the usual cause of a fall.",
      },
      {
        key: "database-volume-free-percent",
        kind: "NUMBER",
        text: "Database volume free space",
        unit: "%",
        counter: "LogicalDisk({{var:databaseDrive}})\\% Free Space",
        required: false,
        roles: ["MAILBOX"],
        help: "Volume {{var:databaseDrive}}. No fixed threshold; watch the trend.",
      },
      {
        key: "database-volume-free-mb",
        kind: "NUMBER",
        text: "Database volume free megabytes",
        unit: "MB",
        counter: "LogicalDisk({{var:databaseDrive}})\\Free Megabytes",
        required: false,
        roles: ["MAILBOX"],
        help: "Volume {{var:databaseDrive}}. No fixed threshold; watch the trend.",
      },
      {
        key: "log-volume-free-percent",
        kind: "NUMBER",
        text: "Transaction-log volume free space",
        unit: "%",
        counter: "LogicalDisk({{var:logDrive}})\\% Free Space",
        required: false,
        roles: ["MAILBOX", "HUB_TRANSPORT", "EDGE_TRANSPORT"],
        help: "Volume {{var:logDrive}}; on a transport server, only where its logs have a volume of their own. No fixed threshold; it must cover a missed backup.",
      },
      {
        key: "log-volume-free-mb",
        kind: "NUMBER",
        text: "Transaction-log volume free megabytes",
        unit: "MB",
        counter: "LogicalDisk({{var:logDrive}})\\Free Megabytes",
        required: false,
        roles: ["MAILBOX", "HUB_TRANSPORT", "EDGE_TRANSPORT"],
        help: "Volume {{var:logDrive}}. Compare with the volume of logs one day generates: there must be room for at least one missed truncation.",
      },
      {
        key: "queue-volume-free-percent",
        kind: "NUMBER",
        text: "Queue database volume free space",
        unit: "%",
        counter: "LogicalDisk({{var:queueDrive}})\\% Free Space",
        required: false,
        roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"],
        help: "Volume {{var:queueDrive}}. No percentage threshold: back pressure is set in megabytes (next item).",
      },
      {
        key: "queue-volume-free-mb",
        kind: "NUMBER",
        text: "Queue database volume free megabytes",
        unit: "MB",
        min: 4096,
        counter: "LogicalDisk({{var:queueDrive}})\\Free Megabytes",
        source: REF_BACK_PRESSURE_QUEUE_DISK,
        required: false,
        roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"],
        help: "Volume {{var:queueDrive}}, which holds mail.que. At least 4,096 MB (4 GB): below that, back pressure stops the server accepting mail (events 15001–15005, '452 4.3.1 Insufficient system resources').",
      },
      {
        key: "database-disk-sec-per-read",
        kind: "NUMBER",
        text: "Database disk average read latency, in seconds",
        unit: "s",
        max: 0.02,
        counter: "LogicalDisk({{var:databaseDrive}})\\Avg. Disk sec/Read",
        source: REF_EXBPA_DISK_BOTTLENECK,
        required: false,
        roles: ["MAILBOX"],
        help: "Enter the counter value as it is, in seconds: at most 0.020 (20 ms) on average. The PhysicalDisk object gives the same value per physical disk. With more than about 1,000 users a 20 ms average can already hurt; cross-check RPC Averaged Latency.",
      },
      {
        key: "log-disk-sec-per-write",
        kind: "NUMBER",
        text: "Transaction-log disk average write latency, in seconds",
        unit: "s",
        max: 0.01,
        counter: "LogicalDisk({{var:logDrive}})\\Avg. Disk sec/Write",
        source: REF_EXBPA_DISK_BOTTLENECK,
        required: false,
        roles: ["MAILBOX"],
        help: "Enter the counter value in seconds: at most 0.010 (10 ms) on average, spikes below 0.050. Every Outlook write waits for the log write, so a slow log disk is felt directly by users.",
      },
      {
        key: "queue-disk-sec-per-read",
        kind: "NUMBER",
        text: "Queue disk average read latency, in seconds",
        unit: "s",
        max: 0.02,
        counter: "LogicalDisk({{var:queueDrive}})\\Avg. Disk sec/Read",
        source: REF_MONITORING_HUB_TRANSPORT_SERVERS,
        required: false,
        roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"],
        help: "Enter the counter value in seconds: at most 0.020 (20 ms) on average; individual peaks should not go above 0.050. Check the log disk ({{var:logDrive}}) the same way where the transport logs have their own.",
      },
      {
        key: "queue-disk-sec-per-write",
        kind: "NUMBER",
        text: "Queue disk average write latency, in seconds",
        unit: "s",
        max: 0.02,
        counter: "LogicalDisk({{var:queueDrive}})\\Avg. Disk sec/Write",
        source: REF_MONITORING_HUB_TRANSPORT_SERVERS,
        required: false,
        roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"],
        help: "Enter the counter value in seconds: at most 0.020 (20 ms) on average; individual peaks should not go above 0.050. Check the log disk ({{var:logDrive}}) the same way where the transport logs have their own.",
      },
      {
        key: "cas-disk-reads",
        kind: "NUMBER",
        text: "Disk reads per second",
        unit: "reads/s",
        max: 50,
        counter: "LogicalDisk(_Total)\\Disk Reads/sec",
        source: REF_TT_CAS_COUNTERS,
        required: false,
        roles: ["CLIENT_ACCESS"],
        help: "Microsoft recommends this never exceeds 50 (as quoted in TechTarget's Client Access counter article). Higher values usually mean the server is paging.",
      },
      {
        key: "cas-disk-writes",
        kind: "NUMBER",
        text: "Disk writes per second",
        unit: "writes/s",
        max: 50,
        counter: "LogicalDisk(_Total)\\Disk Writes/sec",
        source: REF_TT_CAS_COUNTERS,
        required: false,
        roles: ["CLIENT_ACCESS"],
        help: "Microsoft recommends this never exceeds 50 (as quoted in TechTarget's Client Access counter article). Higher values usually mean the server is paging.",
      },
    ],
    tools: [
      {
        tool: "performance-monitor",
        purpose: "Sample the free-space and latency counters per volume and read the averages.",
      },
      {
        tool: "performance-monitor",
        command:
          'typeperf "\\LogicalDisk({{var:queueDrive}})\\Free Megabytes" "\\LogicalDisk({{var:queueDrive}})\\Avg. Disk sec/Read" "\\LogicalDisk({{var:queueDrive}})\\Avg. Disk sec/Write" -si 5 -sc 60 -s {{server}}',
        purpose: "On a Hub Transport or Edge Transport server: queue volume free space (at least 4,096 MB) and its latency in seconds, 60 samples 5 seconds apart.",
      },
      {
        tool: "performance-monitor",
        command:
          'typeperf "\\LogicalDisk({{var:databaseDrive}})\\Avg. Disk sec/Read" "\\LogicalDisk({{var:logDrive}})\\Avg. Disk sec/Write" -si 5 -sc 60 -s {{server}}',
        purpose: "On a Mailbox server: database read latency and log write latency in seconds, 60 samples 5 seconds apart.",
      },
      {
        tool: "windows-explorer",
        purpose: "Check volume free space and the size of the database, log, queue and log-file folders.",
      },
      {
        tool: "exchange-management-shell",
        command:
          'Get-ChildItem "{{var:logPath}}\\{{storageGroup}}" -Filter *.log | Measure-Object -Property Length -Sum',
        purpose: "Measure how many transaction logs are waiting in a storage group's log folder and how much space they use.",
      },
      {
        tool: "exchange-management-shell",
        command:
          "Get-TransportServer {{server}} | Format-List MessageTrackingLogPath,MessageTrackingLogMaxAge,MessageTrackingLogMaxDirectorySize,SendProtocolLogPath,SendProtocolLogMaxAge,ReceiveProtocolLogPath,ReceiveProtocolLogMaxAge",
        purpose: "On a transport server: where message tracking and protocol logs are written and how long they are kept, to judge their growth.",
      },
      {
        tool: "exchange-management-shell",
        command: 'Get-ChildItem "{{var:iisLogPath}}" -Recurse | Measure-Object -Property Length -Sum',
        purpose: "On a Client Access server: the size of the IIS log folder, which Exchange 2007 never trims.",
      },
    ],
    references: [
      REF_E2003_DAILY_CHECKLIST,
      REF_MONITORING_MAILBOX_SERVERS,
      REF_MONITORING_HUB_TRANSPORT_SERVERS,
      REF_BACK_PRESSURE_QUEUE_DISK,
      REF_BACK_PRESSURE_RESOURCES,
      REF_EXBPA_DISK_BOTTLENECK,
      REF_E2010_TRANSPORT_COUNTERS,
      REF_TT_CAS_COUNTERS,
      REF_MOF_EXCHANGE_2007,
      REF_MOF_SMF_ALIGNMENT,
    ],
    practitionerGuidance: [
      "Exchange 2007 does not delete IIS logs, while message tracking and protocol logs are trimmed to the maximum age and size set on the transport server; both can fill the system volume. Kept on experience.",
    ],
    changeNote:
      "The queue database volume now fails below 4,096 MB free, the point where Exchange 2007 back pressure stops accepting mail; it had no threshold. Disk latency is now recorded in seconds, as the counters report it, under new keys (database-disk-sec-per-read, queue-disk-sec-per-read, queue-disk-sec-per-write replace the millisecond items), so a sampled value can be entered unchanged. Added the Mailbox log disk write latency (at most 10 ms), a check that log folders are not filling the system volume, and the source of every limit; the Client Access disk figures are labelled as Microsoft's recommendation. It also cites the Exchange 2007 MOF page and the SMF alignment page behind its MOF tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "D5",
    slug: "examine-message-queues",
    title: "Examine message queues",
    cadence: "DAILY",
    roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"],
    smf: "SERVICE_MONITORING_AND_CONTROL",
    purpose:
      "Inspect the transport queues on every Hub Transport and Edge Transport server so that stuck, retrying or poisoned mail is found and dealt with before users notice delays.",
    body: `Queues exist only on the transport roles, and growing queues are the earliest sign of a mail-flow problem: a down Mailbox server, a broken connector, DNS trouble or a slow disk. Look at five kinds of queue: the Submission queue, which every transport server has; the poison message queue, which should be empty and whose messages stay suspended; the mailbox delivery queues, one for each Mailbox server in the site and found only on Hub Transport; the remote delivery queues for remote domains or smart hosts, which disappear about three minutes after emptying; and the Unreachable queue. Edge Transport queues have to be viewed on the Edge server itself.

**Steps**

1. Open Queue Viewer from the Toolbox (or run \`Get-Queue\`) on each Hub Transport server, then locally on the Edge Transport server.
2. Sample the queue counters below and record them.
3. For any queue in Retry status, read the last error and decide whether to wait, fix the cause or retry.
4. Look inside the poison message and unreachable queues and explain every message.
5. List back-pressure events (MSExchangeTransport 15001–15005) since the last check.

| Counter | Keep at or below |
|---|---|
| Aggregate Delivery Queue Length (All Queues) | 3,000 (never over 5,000) |
| Active Remote / Active Mailbox Delivery Queue Length | 250 each |
| Active Non-SMTP Delivery Queue Length | 100–250 (sources differ) |
| Submission, Retry (Mailbox, Remote, Non-SMTP) and Unreachable Queue Length | 100 each |
| Largest Delivery Queue Length | 200 |
| Poison Queue Length | 0 |

These are Microsoft's figures for Exchange 2007 transport servers, repeated unchanged in the Exchange 2010 transport counter guidance; the Exchange 2007 Management Pack raises a red alert when the Largest Delivery Queue Length stays above 250 for five minutes. The empty poison queue is the team's own rule. Adjust warning levels to your baseline, but do not raise the limits.

**Back pressure.** Also look in the Application log for MSExchangeTransport events 15001–15005 since the last check. They mean back pressure has started (or eased) because a resource ran short: free space on the queue volume (below 4 GB), the queue database's version buckets or the transport process's private bytes. While it lasts the server accepts less or no mail. Any occurrence is an incident, even if it has already cleared.

**Record** each counter value and the name of any retrying queue with its last error.

**If a threshold is exceeded**, raise an incident. Poisoned messages are never resubmitted blindly: export and examine them first. Escalate to network administration when remote queues retry because of DNS or connectivity errors.`,
    items: [
      {
        key: "queue-lengths-within-thresholds",
        kind: "CHECK",
        text: "Queue lengths recorded on every Hub Transport and Edge Transport server and within thresholds",
      },
      {
        key: "no-queue-stuck-in-retry",
        kind: "CHECK",
        text: "No queue is stuck in Retry; the last error of any retrying queue has been reviewed",
      },
      {
        key: "poison-queue-empty",
        kind: "CHECK",
        text: "Poison message queue is empty, or its messages have been investigated",
      },
      {
        key: "unreachable-queue-empty",
        kind: "CHECK",
        text: "Unreachable queue is empty, or its contents are explained",
      },
      {
        key: "back-pressure-events",
        kind: "NUMBER",
        text: "Back-pressure events (MSExchangeTransport 15001–15005) since the last check",
        unit: "events",
        max: 0,
        source: REF_BACK_PRESSURE_RESOURCES,
        help: "Any occurrence means the server refused or slowed mail because disk space, version buckets or memory ran short. Check the queue volume's free space in the disk check.",
      },
      {
        key: "aggregate-delivery-queue",
        kind: "NUMBER",
        text: "Aggregate Delivery Queue Length (All Queues)",
        unit: "messages",
        max: 3000,
        counter: "MSExchangeTransport Queues(_total)\\Aggregate Delivery Queue Length (All Queues)",
        source: REF_E2010_TRANSPORT_COUNTERS,
        help: "At most 3,000; it must never go above 5,000.",
      },
      {
        key: "active-remote-delivery-queue",
        kind: "NUMBER",
        text: "Active Remote Delivery Queue Length",
        unit: "messages",
        max: 250,
        counter: "MSExchangeTransport Queues(_total)\\Active Remote Delivery Queue Length",
        source: REF_E2010_TRANSPORT_COUNTERS,
      },
      {
        key: "active-mailbox-delivery-queue",
        kind: "NUMBER",
        text: "Active Mailbox Delivery Queue Length",
        unit: "messages",
        max: 250,
        counter: "MSExchangeTransport Queues(_total)\\Active Mailbox Delivery Queue Length",
        source: REF_E2010_TRANSPORT_COUNTERS,
        roles: ["HUB_TRANSPORT"],
        help: "Edge Transport servers deliver to no mailboxes, so they have no such queue.",
      },
      {
        key: "active-non-smtp-delivery-queue",
        kind: "NUMBER",
        text: "Active Non-SMTP Delivery Queue Length",
        unit: "messages",
        max: 250,
        counter: "MSExchangeTransport Queues(_total)\\Active Non-SMTP Delivery Queue Length",
        source: REF_E2010_TRANSPORT_COUNTERS,
        help: "Microsoft's transport guidance gives 250; some monitoring tools warn at 100. 250 is the limit and anything above 100 deserves a look.",
      },
      {
        key: "submission-queue",
        kind: "NUMBER",
        text: "Submission Queue Length",
        unit: "messages",
        max: 100,
        counter: "MSExchangeTransport Queues(_total)\\Submission Queue Length",
        source: REF_E2010_TRANSPORT_COUNTERS,
      },
      {
        key: "retry-mailbox-delivery-queue",
        kind: "NUMBER",
        text: "Retry Mailbox Delivery Queue Length",
        unit: "messages",
        max: 100,
        counter: "MSExchangeTransport Queues(_total)\\Retry Mailbox Delivery Queue Length",
        source: REF_E2010_TRANSPORT_COUNTERS,
      },
      {
        key: "retry-remote-delivery-queue",
        kind: "NUMBER",
        text: "Retry Remote Delivery Queue Length",
        unit: "messages",
        max: 100,
        counter: "MSExchangeTransport Queues(_total)\\Retry Remote Delivery Queue Length",
        source: REF_E2010_TRANSPORT_COUNTERS,
      },
      {
        key: "retry-non-smtp-delivery-queue",
        kind: "NUMBER",
        text: "Retry Non-SMTP Delivery Queue Length",
        unit: "messages",
        max: 100,
        counter: "MSExchangeTransport Queues(_total)\\Retry Non-SMTP Delivery Queue Length",
        source: REF_E2010_TRANSPORT_COUNTERS,
      },
      {
        key: "unreachable-queue",
        kind: "NUMBER",
        text: "Unreachable Queue Length",
        unit: "messages",
        max: 100,
        counter: "MSExchangeTransport Queues(_total)\\Unreachable Queue Length",
        source: REF_E2010_TRANSPORT_COUNTERS,
      },
      {
        key: "largest-delivery-queue",
        kind: "NUMBER",
        text: "Largest Delivery Queue Length",
        unit: "messages",
        max: 200,
        counter: "MSExchangeTransport Queues(_total)\\Largest Delivery Queue Length",
        source: REF_E2010_TRANSPORT_COUNTERS,
        help: "At most 200. The Exchange 2007 Management Pack raises a red alert above 250 sustained for five minutes.",
      },
      {
        key: "poison-queue",
        kind: "NUMBER",
        text: "Poison Queue Length",
        unit: "messages",
        max: 0,
        counter: "MSExchangeTransport Queues(_total)\\Poison Queue Length",
        source: "practitioner",
        help: "Should always be 0; any message here is investigated before it is released or removed.",
      },
    ],
    tools: [
      {
        tool: "queue-viewer",
        command: "Exchange Management Console > Toolbox > Queue Viewer",
        purpose: "View and filter the queues and their messages; connect to each Hub Transport server, and open it locally on the Edge Transport server.",
      },
      {
        tool: "exchange-management-shell",
        command:
          "Get-Queue -Server {{server}} | Sort-Object MessageCount -Descending | Format-Table Identity,Status,MessageCount,NextHopDomain,LastError -AutoSize",
        purpose: "List every queue on a Hub Transport server with its status, size and last error, largest first.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-Queue | Where-Object { $_.MessageCount -gt 100 }",
        purpose: "Show only the queues holding more than 100 messages.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-Message -Queue {{server}}\\Poison | Format-List FromAddress,Subject,LastError",
        purpose: "Inspect the messages held in the poison message queue.",
      },
      {
        tool: "exchange-management-shell",
        command: "Retry-Queue -Identity {{server}}\\<QueueId>",
        purpose: "Force a connection attempt for a retrying queue once its cause has been fixed (Suspend-Queue, Resume-Queue and Remove-Message are used the same way).",
      },
      {
        tool: "exchange-management-shell",
        command:
          'Get-EventLog Application -Newest 5000 | Where-Object { $_.Source -eq "MSExchangeTransport" -and $_.EventID -ge 15001 -and $_.EventID -le 15005 -and $_.TimeGenerated -gt (Get-Date).AddDays(-1) } | Format-Table TimeGenerated,EventID,EntryType,Message -AutoSize',
        purpose: "List the back-pressure events of the last 24 hours on a Hub Transport or Edge Transport server.",
      },
      {
        tool: "performance-monitor",
        purpose: "Sample the MSExchangeTransport Queues counters and record their values.",
      },
      {
        tool: "emc-toolbox",
        purpose: "Launch Queue Viewer and, when a message needs following, Message Tracking.",
      },
    ],
    references: [
      REF_E2003_DAILY_CHECKLIST,
      REF_QUEUE_VIEWER,
      REF_MONITORING_HUB_TRANSPORT_SERVERS,
      REF_CMDLET_GET_QUEUE,
      REF_E2010_TRANSPORT_COUNTERS,
      REF_MOM_LARGEST_DELIVERY_QUEUE,
      REF_BACK_PRESSURE_RESOURCES,
      REF_BACK_PRESSURE_QUEUE_DISK,
      REF_TT_HUB_TRANSPORT_HEALTH,
      REF_WUG_HUB_TRANSPORT_THRESHOLDS,
      REF_TT_QUEUE_VIEWER,
      REF_MOF_EXCHANGE_2007,
      REF_MOF_SMF_ALIGNMENT,
    ],
    practitionerGuidance: [
      "The poison message queue should be empty (limit 0): no published figure was found; a message there is always investigated before it is released or removed.",
    ],
    changeNote:
      "Added a count of back-pressure events (MSExchangeTransport 15001–15005), which must be 0, with the shell command that lists them: back pressure is the usual reason a 2007 transport server stops taking mail. The queue limits are now labelled as Microsoft's figures instead of secondary restatements, each limit names its source, and the Largest Delivery Queue guidance mentions the Management Pack's 250 alert. It also cites the Exchange 2007 MOF page and the SMF alignment page behind its MOF tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "D6",
    slug: "examine-event-logs",
    title: "Examine event logs",
    cadence: "DAILY",
    roles: ALL_ROLES,
    smf: "SERVICE_MONITORING_AND_CONTROL",
    purpose:
      "Review the Application and System logs of every Exchange server each day so that new errors and warnings are explained or turned into incidents.",
    body: `Exchange services write most of what goes wrong to the Application log under MSExchange* sources, and hardware, disk and network trouble appears in the System log. A warning that repeats quietly for a week is often the first sign of a later outage, so every new error needs an owner.

**Steps**

1. Open Event Viewer on each server (or connect remotely) and filter the Application log to Error and Warning since the previous check.
2. Note every MSExchange* source that reports a new event ID; look up known events in the team's event knowledge base.
3. Repeat for the System log (disks, NIC, service control manager, time service).
4. For anything unexplained, search the event ID, then decide whether it needs action.
5. While investigating a specific component, raise its diagnostic logging level with \`Set-EventLogLevel\` and set it back to the default afterwards with the same cmdlet; check current levels with \`Get-EventLogLevel\`.

**Record** how many new Exchange errors appeared and the incident numbers raised.

**If an error is not explained**, raise an incident with the event ID, source, server and first occurrence. Repeated errors that keep coming back after incidents are closed are passed to Problem Management.`,
    items: [
      {
        key: "application-system-reviewed",
        kind: "CHECK",
        text: "New MSExchange* errors and warnings in the Application and System logs have been looked at",
      },
      {
        key: "errors-explained-or-raised",
        kind: "CHECK",
        text: "Every new error has an explanation or an incident number",
      },
      {
        key: "new-exchange-errors",
        kind: "NUMBER",
        text: "New Exchange errors since the previous check",
        unit: "errors",
        help: "No fixed limit; compare with the usual daily count for this server.",
      },
      {
        key: "incidents-raised",
        kind: "TEXT",
        text: "Incident numbers raised for unexplained events",
        required: false,
      },
    ],
    tools: [
      {
        tool: "event-viewer",
        purpose: "Filter the Application and System logs to errors and warnings since the last check.",
      },
      {
        tool: "exchange-management-shell",
        command:
          'Get-EventLog Application -Newest 2000 | Where-Object { $_.Source -like "MSExchange*" -and $_.EntryType -ne "Information" -and $_.TimeGenerated -gt (Get-Date).AddDays(-1) } | Format-Table TimeGenerated,Source,EventID,EntryType -AutoSize',
        purpose: "List the Exchange errors and warnings of the last 24 hours from the shell.",
      },
      {
        tool: "exchange-management-shell",
        command: 'Set-EventLogLevel -Identity "{{server}}\\MSExchangeTransport\\SmtpReceive" -Level High',
        purpose: "Raise diagnostic logging for one component while investigating; use Get-EventLogLevel to check levels and set it back to Lowest afterwards.",
      },
    ],
    references: [REF_E2003_DAILY_CHECKLIST, REF_E2003_DAILY_OPERATIONS, REF_CMDLET_GET_EVENTLOGLEVEL, REF_MOF_EXCHANGE_2007, REF_MOF_SMF_ALIGNMENT],
    changeNote:
      "Cites the Exchange 2007 Get-EventLogLevel page for the diagnostic logging levels, alongside the Exchange 2003 pages. It also cites the Exchange 2007 MOF page and the SMF alignment page behind its MOF tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "D7",
    slug: "check-mailbox-database-health-and-mapi-performance",
    title: "Check mailbox database health and MAPI performance",
    cadence: "DAILY",
    roles: ["MAILBOX"],
    smf: "SERVICE_MONITORING_AND_CONTROL",
    purpose:
      "Confirm that every mailbox and public folder database is mounted and reachable over MAPI, and that RPC latency and database counters show Outlook users are being served quickly.",
    body: `Outlook users connect to the Mailbox server over MAPI/RPC, so database state and RPC response time are what they experience as "Exchange is slow" or "Exchange is down". The counters below catch a slow disk, an overloaded store or a replication backlog early.

**Steps**

1. Run \`Get-MailboxDatabase -Status\` (and \`Get-PublicFolderDatabase -Status\`) and confirm every database shows Mounted.
2. Run \`Test-MAPIConnectivity\` against each Mailbox server; it logs on to the system mailbox of every database, exercising MAPI and directory lookups.
3. Sample the counters below in Performance Monitor and record the averages.
4. If RPC latency is high, run the Performance Troubleshooter from the Toolbox and cross-check disk latency.

| Counter | Guidance |
|---|---|
| RPC Averaged Latency | by the organisation's mailbox users (Microsoft, ExBPA): under 15 ms below 500 users, under 30 ms for 500–3,000, under 50 ms above 3,000; above 100 ms Outlook shows "retrieving data" pop-ups |
| RPC Client Backoff/sec and Client: RPCs Failed: Server Too Busy/sec | 0 (Microsoft, ExBPA): any value means the store is throttling clients |
| RPC Requests | under 70 (monitoring-tool default); the store has 500 RPC threads and refuses clients when they are all busy |
| Messages Queued For Submission | under 50 (public store under 20) (monitoring-tool defaults) |
| Replication Receive Queue Size (public) | under 100 (monitoring-tool default) |
| Log Generation Checkpoint Depth | around 20–30 per storage group; investigate above 500. Microsoft's hard limit: the Management Pack goes red above 4,000 for 15 minutes, and ESE dismounts the storage group's databases at 5,000 |
| Database Page Fault Stalls/sec | 0 |
| Log Record Stalls/sec | average 10 or less, spikes up to 100 (Microsoft) |
| Log Threads Waiting | under 10 (Microsoft) |

The figures marked Microsoft come from Exchange 2007 documentation; the others are monitoring-tool defaults and practitioner figures, listed under practitioner guidance.

**Record** the mount state, the MAPI test result and each counter value.

**If a check fails**, raise an incident. A dismounted database or failed MAPI test is a service outage and is escalated at once; counter breaches are investigated the same day.`,
    items: [
      {
        key: "databases-mounted",
        kind: "CHECK",
        text: "All mailbox and public folder databases are mounted",
      },
      {
        key: "mapi-test-passes",
        kind: "CHECK",
        text: "The MAPI connectivity test succeeds for every database",
      },
      {
        key: "rpc-within-limits",
        kind: "CHECK",
        text: "RPC latency, RPC throttling and RPC requests recorded and within limits",
      },
      {
        key: "stall-counters-within-limits",
        kind: "CHECK",
        text: "Database cache and log stall counters within limits",
      },
      {
        key: "rpc-averaged-latency",
        kind: "NUMBER",
        text: "RPC Averaged Latency",
        unit: "ms",
        counter: "MSExchangeIS\\RPC Averaged Latency",
        source: REF_EXBPA_RPC_LATENCY,
        limitsByMailboxUsers: { UNDER_500: { max: 15 }, FROM_500_TO_3000: { max: 30 }, OVER_3000: { max: 50 } },
        help: "The limit depends on the organisation's mailbox users (ExBPA): 15 ms below 500 users, 30 ms from 500 to 3,000, 50 ms above 3,000. Above 100 ms Outlook users see 'retrieving data from Microsoft Exchange' pop-ups.",
      },
      {
        key: "rpc-client-backoff",
        kind: "NUMBER",
        text: "RPC Client Backoff/sec",
        unit: "backoffs/s",
        max: 0,
        counter: "MSExchangeIS\\RPC Client Backoff/sec",
        source: REF_EXBPA_RPC_BACKOFF,
        help: "Should be 0: the store is telling clients to wait before sending more RPCs, the first sign that its RPC threads are running out.",
      },
      {
        key: "rpc-server-too-busy",
        kind: "NUMBER",
        text: "Client: RPCs Failed: Server Too Busy/sec",
        unit: "failures/s",
        max: 0,
        counter: "MSExchangeIS\\Client: RPCs Failed: Server Too Busy/sec",
        source: REF_EXBPA_RPC_BACKOFF,
        help: "Should be 0: RPCs refused because all store threads were busy. See Troubleshooting Slow RPC Request Processing.",
      },
      {
        key: "rpc-requests",
        kind: "NUMBER",
        text: "RPC Requests",
        unit: "requests",
        max: 70,
        counter: "MSExchangeIS\\RPC Requests",
        source: "practitioner",
        help: "Under 70 (monitoring-tool default). The Exchange 2007 store has 500 RPC threads; at 500 it refuses clients.",
      },
      {
        key: "mailbox-messages-queued-for-submission",
        kind: "NUMBER",
        text: "Messages Queued For Submission (mailbox store)",
        unit: "messages",
        max: 50,
        counter: "MSExchangeIS Mailbox(_Total)\\Messages Queued For Submission",
        source: "practitioner",
        help: "Under 50 (monitoring-tool default).",
      },
      {
        key: "public-messages-queued-for-submission",
        kind: "NUMBER",
        text: "Messages Queued For Submission (public store)",
        unit: "messages",
        max: 20,
        counter: "MSExchangeIS Public(_Total)\\Messages Queued For Submission",
        source: "practitioner",
        required: false,
        help: "Only where public folder databases exist. Under 20 (monitoring-tool default).",
      },
      {
        key: "public-replication-receive",
        kind: "NUMBER",
        text: "Replication Receive Queue Size (public store)",
        unit: "messages",
        max: 100,
        counter: "MSExchangeIS Public(_Total)\\Replication Receive Queue Size",
        source: "practitioner",
        required: false,
        help: "Only where public folder databases exist. Under 100 (monitoring-tool default).",
      },
      {
        key: "checkpoint-depth",
        kind: "NUMBER",
        text: "Log Generation Checkpoint Depth (highest storage group)",
        unit: "logs",
        max: 500,
        counter: "MSExchange Database ==> Instances(*)\\Log Generation Checkpoint Depth",
        source: REF_TT_MAILBOX_DATABASE_COUNTERS,
        help: "Normally about 20–30 per storage group; 500 is an early warning. Microsoft's hard limit: the Exchange 2007 Management Pack goes red above 4,000 for 15 minutes, and at 5,000 ESE dismounts the storage group's databases. Escalate at once above 4,000.",
      },
      {
        key: "page-fault-stalls",
        kind: "NUMBER",
        text: "Database Page Fault Stalls/sec",
        unit: "stalls/s",
        max: 0,
        counter: "MSExchange Database(Information Store)\\Database Page Fault Stalls/sec",
        source: REF_TT_MAILBOX_DATABASE_COUNTERS,
        help: "Should be 0.",
      },
      {
        key: "log-record-stalls",
        kind: "NUMBER",
        text: "Log Record Stalls/sec (average)",
        unit: "stalls/s",
        max: 10,
        counter: "MSExchange Database(Information Store)\\Log Record Stalls/sec",
        source: REF_EXBPA_DISK_BOTTLENECK,
        help: "Microsoft: average 10 or less; brief spikes up to 100 are acceptable.",
      },
      {
        key: "log-threads-waiting",
        kind: "NUMBER",
        text: "Log Threads Waiting (average)",
        unit: "threads",
        max: 10,
        counter: "MSExchange Database(Information Store)\\Log Threads Waiting",
        source: REF_EXBPA_DISK_BOTTLENECK,
        help: "Microsoft: under 10. Threads waiting for the log write point at a slow log disk (see the log disk write latency in the disk check).",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command: "Get-MailboxDatabase -Status | Format-Table Name,Server,Mounted -AutoSize",
        purpose: "Confirm every mailbox database is mounted.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-PublicFolderDatabase -Status | Format-Table Name,Server,Mounted -AutoSize",
        purpose: "Confirm every public folder database is mounted.",
      },
      {
        tool: "exchange-management-console",
        command: "Server Configuration > Mailbox > select the server > Database Management",
        purpose: "See the mount state of each storage group's databases at a glance.",
      },
      {
        tool: "exchange-management-shell",
        command: "Test-MAPIConnectivity -Server {{server}}",
        purpose: "Log on to the system mailbox of each database on the server over MAPI and report success and latency.",
      },
      {
        tool: "performance-monitor",
        purpose: "Sample the MSExchangeIS and MSExchange Database counters and read their averages.",
      },
      {
        tool: "performance-troubleshooter",
        command: "Exchange Management Console > Toolbox > Performance Troubleshooter",
        purpose: "Diagnose the cause when RPC latency is high or users report a slow Outlook.",
      },
    ],
    references: [
      REF_E2003_DAILY_CHECKLIST,
      REF_MONITORING_MAILBOX_SERVERS,
      REF_CMDLET_GET_MAILBOXDATABASE,
      REF_CMDLET_TEST_MAPICONNECTIVITY,
      REF_EXBPA_RPC_LATENCY,
      REF_EXBPA_RPC_BACKOFF,
      REF_SLOW_RPC,
      REF_EXBPA_DISK_BOTTLENECK,
      REF_MOM_CHECKPOINT_DEPTH,
      REF_WUG_MAILBOX_THRESHOLDS,
      REF_TT_MAILBOX_DATABASE_COUNTERS,
      REF_MOF_EXCHANGE_2007,
      REF_MOF_SMF_ALIGNMENT,
    ],
    practitionerGuidance: [
      "RPC Requests under 70, Messages Queued For Submission under 50 (public store under 20) and public folder Replication Receive Queue Size under 100 are the defaults of a monitoring product (WhatsUp Gold), not Microsoft figures.",
      "The 500 early warning for Log Generation Checkpoint Depth and the 0 for Database Page Fault Stalls/sec come from a third-party article; Microsoft's own checkpoint figure is the 4,000 alert and the 5,000 dismount.",
    ],
    changeNote:
      "RPC Averaged Latency is now judged by the organisation's mailbox users, as the Exchange Best Practices Analyzer does (15 ms under 500 users, 30 ms up to 3,000, 50 ms above), instead of a flat 50 ms that hid trouble in smaller organisations. Added RPC Client Backoff/sec and Server Too Busy/sec (both 0) and Log Threads Waiting (under 10); the checkpoint-depth guidance states Microsoft's hard limit (red above 4,000, dismount at 5,000). Counters name their instances, Log Record Stalls is labelled as Microsoft's figure, and the monitoring-tool defaults are marked as practitioner guidance. It also cites the Exchange 2007 MOF page and the SMF alignment page behind its MOF tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "D8",
    slug: "check-client-access-performance",
    title: "Check Client Access performance",
    cadence: "DAILY",
    roles: ["CLIENT_ACCESS"],
    smf: "SERVICE_MONITORING_AND_CONTROL",
    purpose:
      "Test the client protocols offered by the Client Access server and check the ASP.NET and OWA counters, so that web, mobile and POP/IMAP users can connect and are answered quickly.",
    body: `The Client Access server serves Outlook Web Access, ActiveSync, POP3/IMAP4, Autodiscover and the Exchange web services through IIS and ASP.NET. This check takes the place of the old daily IIS performance check.

**Steps**

1. Run the connectivity test cmdlets against the Client Access server. They need the test mailbox created by the new-TestCasConnectivityUser.ps1 script; its account is named extest_ followed by random characters, so look up its user principal name before you use it in Test-OutlookWebServices. Test-WebServicesConnectivity needs Exchange 2007 SP1 or later.
2. The daily tests use -TrustAnySSLCertificate so that a self-signed certificate does not stop them, which also hides an expired or untrusted certificate. Check the certificates with Get-ExchangeCertificate (NotAfter), and run the OWA test once without the switch: it must pass too. Self-signed Exchange 2007 certificates last one year.
3. Run the POP3 and IMAP4 tests only if those protocols are offered to users.
4. Sample the counters below in Performance Monitor and record the values.

| Counter | Guidance |
|---|---|
| Application Restarts | 0 |
| Worker Process Restarts | 0 |
| Requests Current | under 5,000; at 5,000 new requests are rejected with HTTP 503 |
| Request Wait Time | under 1,000 ms |
| OWA Average Response Time | under 100 ms (Microsoft's recommendation) |

**Record** each test result and counter value.

**If a check fails**, raise an incident. ASP.NET application or worker-process restarts point to configuration changes, memory pressure or crashes: look in the Application log for the reason. A rising Requests Current or Request Wait Time means requests are backing up, usually because a Mailbox server or domain controller is slow; check those before restarting IIS. Restarting IIS on a production server is itself a change and goes through the normal approval route.`,
    items: [
      {
        key: "owa-test-passes",
        kind: "CHECK",
        text: "Outlook Web Access connectivity test passes",
      },
      {
        key: "activesync-test-passes",
        kind: "CHECK",
        text: "Exchange ActiveSync connectivity test passes",
      },
      {
        key: "pop-imap-tests-pass",
        kind: "CHECK",
        text: "POP3 and IMAP4 connectivity tests pass",
        required: false,
        help: "Only where POP3 or IMAP4 is offered to users.",
      },
      {
        key: "web-services-test-passes",
        kind: "CHECK",
        text: "Exchange web services (Autodiscover, Availability) tests pass",
      },
      {
        key: "certificates-valid",
        kind: "CHECK",
        text: "The Client Access certificates are valid and not close to expiry, and the OWA test passes without -TrustAnySSLCertificate",
        help: "Get-ExchangeCertificate shows NotAfter for each certificate and the services it is enabled for. Plan renewal well before a certificate expires.",
      },
      {
        key: "aspnet-counters-ok",
        kind: "CHECK",
        text: "ASP.NET restart counters are 0 and the request backlog is within limits",
      },
      {
        key: "application-restarts",
        kind: "NUMBER",
        text: "ASP.NET Application Restarts",
        unit: "restarts",
        max: 0,
        counter: "ASP.NET\\Application Restarts",
        source: REF_MONITORING_CLIENT_ACCESS_SERVERS,
      },
      {
        key: "worker-process-restarts",
        kind: "NUMBER",
        text: "ASP.NET Worker Process Restarts",
        unit: "restarts",
        max: 0,
        counter: "ASP.NET\\Worker Process Restarts",
        source: REF_MONITORING_CLIENT_ACCESS_SERVERS,
      },
      {
        key: "requests-current",
        kind: "NUMBER",
        text: "ASP.NET Requests Current",
        unit: "requests",
        max: 5000,
        counter: "ASP.NET\\Requests Current",
        source: REF_MONITORING_CLIENT_ACCESS_SERVERS,
        help: "Keep under 5,000: when the count reaches 5,000, new requests are rejected with HTTP 503. Treat a value approaching the limit as a failure.",
      },
      {
        key: "request-wait-time",
        kind: "NUMBER",
        text: "ASP.NET Request Wait Time",
        unit: "ms",
        max: 1000,
        counter: "ASP.NET\\Request Wait Time",
        source: REF_MONITORING_CLIENT_ACCESS_SERVERS,
      },
      {
        key: "owa-average-response-time",
        kind: "NUMBER",
        text: "OWA Average Response Time",
        unit: "ms",
        max: 100,
        counter: "MSExchange OWA\\Average Response Time",
        source: REF_TT_CAS_COUNTERS,
        help: "Microsoft recommends under 100 ms (as quoted in TechTarget's Client Access counter article).",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command: "Test-OwaConnectivity -ClientAccessServer {{server}} -TrustAnySSLCertificate",
        purpose: "Log on to Outlook Web Access with the test mailbox and report the result and latency; the switch hides certificate errors.",
      },
      {
        tool: "exchange-management-shell",
        command: "Test-OwaConnectivity -ClientAccessServer {{server}}",
        purpose: "The same test without -TrustAnySSLCertificate: it fails when the certificate is expired, untrusted or for another name.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-ExchangeCertificate -Server {{server}} | Format-Table Thumbprint,Services,NotAfter,Subject -AutoSize",
        purpose: "List the server's certificates with the services they are enabled for and their expiry dates.",
      },
      {
        tool: "exchange-management-shell",
        command: "Test-ActiveSyncConnectivity -ClientAccessServer {{server}} -TrustAnySSLCertificate",
        purpose: "Run a full ActiveSync synchronisation with the test mailbox.",
      },
      {
        tool: "exchange-management-shell",
        command: "Test-PopConnectivity -ClientAccessServer {{server}}; Test-ImapConnectivity -ClientAccessServer {{server}}",
        purpose: "Test POP3 and IMAP4 where those protocols are offered.",
      },
      {
        tool: "exchange-management-shell",
        command: "Test-OutlookWebServices -Identity <extest_UserPrincipalName>; Test-WebServicesConnectivity -ClientAccessServer {{server}}",
        purpose: "Check Autodiscover, Availability and the other web services as the extest_ test user; Test-WebServicesConnectivity needs SP1 or later.",
      },
      {
        tool: "performance-monitor",
        purpose: "Sample the ASP.NET and MSExchange OWA counters.",
      },
    ],
    references: [
      REF_E2003_DAILY_CHECKLIST,
      REF_MONITORING_CLIENT_ACCESS_SERVERS,
      REF_CMDLET_TEST_OWACONNECTIVITY,
      REF_CMDLET_TEST_ACTIVESYNCCONNECTIVITY,
      REF_CMDLET_TEST_IMAPCONNECTIVITY,
      REF_CMDLET_TEST_WEBSERVICESCONNECTIVITY,
      REF_TT_CAS_COUNTERS,
      REF_MOF_EXCHANGE_2007,
      REF_MOF_SMF_ALIGNMENT,
    ],
    practitionerGuidance: [
      "new-TestCasConnectivityUser.ps1 creates a test account named extest_ followed by random characters, and Exchange 2007 self-signed certificates are valid for one year: both from experience and a third-party article, not a Microsoft page.",
    ],
    changeNote:
      "The connectivity tests use -TrustAnySSLCertificate, which hides certificate errors, so a certificate check (Get-ExchangeCertificate, NotAfter) and an OWA test without the switch were added. Test-OutlookWebServices now asks for the extest_ test user's own name instead of a made-up address, Test-WebServicesConnectivity is marked as SP1 or later, the OWA 100 ms figure is labelled as Microsoft's recommendation, and every limit names its source; the slide deck reference was replaced by Microsoft's cmdlet pages. It also cites the Exchange 2007 MOF page and the SMF alignment page behind its MOF tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "D9",
    slug: "check-message-paths-and-mail-flow",
    title: "Check message paths and mail flow",
    cadence: "DAILY",
    roles: ["MAILBOX", "HUB_TRANSPORT", "EDGE_TRANSPORT"],
    smf: "SERVICE_MONITORING_AND_CONTROL",
    purpose:
      "Send test messages along each important path (within a server, between servers and to the Internet) and confirm they arrive within the time the SLA allows.",
    body: `Healthy counters do not prove that mail actually gets through. A daily end-to-end test catches broken routing, connector or DNS problems and Edge Transport failures that no single server reports as an error.

**Steps**

1. On each Mailbox server run \`Test-Mailflow\`. With no target it sends a message to itself and measures the round trip.
2. Test between servers with \`-TargetMailboxServer\`, and to an external probe address with \`-TargetEmailAddress\` so that the Hub Transport and Edge Transport path to the Internet is exercised.
3. Compare the reported latency with the SLA delivery target.
4. If a test fails or is slow, follow the message with \`Get-MessageTrackingLog\` (or Message Tracking in the Toolbox) to see where it stopped, and run the Mail Flow Troubleshooter for the matching symptom.

**Record** pass or fail for each path and the measured latency.

**If a test fails**, raise an incident straight away: a failed round trip means users' mail is not moving. Check the queues on the transport servers first; escalate to network administration if Internet delivery fails on DNS or connectivity errors.`,
    items: [
      {
        key: "round-trip-each-mailbox-server",
        kind: "CHECK",
        text: "Each Mailbox server passes the send-to-itself test",
      },
      {
        key: "inter-server-and-internet-delivery",
        kind: "CHECK",
        text: "Delivery between servers and to an external Internet address succeeds",
      },
      {
        key: "latency-within-sla",
        kind: "CHECK",
        text: "Delivery latency is within the SLA",
      },
      {
        key: "mailflow-latency",
        kind: "NUMBER",
        text: "Longest measured test message latency",
        unit: "s",
        help: "No fixed figure: compare with the delivery time agreed in the SLA and with previous days.",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command: "Test-Mailflow -Identity {{server}}",
        purpose: "Send a test message from the server's system mailbox to itself and report the result and latency.",
      },
      {
        tool: "exchange-management-shell",
        command: "Test-Mailflow -Identity {{server}} -TargetMailboxServer <OtherMailboxServer>",
        purpose: "Test delivery between the two Mailbox servers through the Hub Transport servers.",
      },
      {
        tool: "exchange-management-shell",
        command: "Test-Mailflow -Identity {{server}} -TargetEmailAddress mailprobe@example.com",
        purpose: "Test the outbound path through the Edge Transport server to an external address.",
      },
      {
        tool: "message-tracking",
        command:
          "Get-MessageTrackingLog -Server {{server}} -Start (Get-Date).AddHours(-1) -EventId FAIL | Format-Table Timestamp,EventId,Source,Recipients,MessageSubject",
        purpose: "Follow a failed or delayed test message through the transport servers.",
      },
      {
        tool: "mail-flow-troubleshooter",
        command: "Exchange Management Console > Toolbox > Mail Flow Troubleshooter",
        purpose: "Work through the likely causes when a test shows delayed or failed delivery.",
      },
      {
        tool: "exchange-troubleshooting-assistant",
        purpose: "Host for the Mail Flow Troubleshooter; start a new analysis and choose the symptom that matches the failed test.",
      },
    ],
    references: [REF_E2003_DAILY_CHECKLIST, REF_CMDLET_TEST_MAILFLOW, REF_EMC_OVERVIEW, REF_MOF_EXCHANGE_2007, REF_MOF_SMF_ALIGNMENT],
    changeNote:
      "The Mail Flow Troubleshooter is now referenced through Microsoft's overview of the Exchange 2007 console and its Toolbox instead of an Exchange 2010 article on a third-party site. It also cites the Exchange 2007 MOF page and the SMF alignment page behind its MOF tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "D10",
    slug: "check-connectors-and-edge-synchronization",
    title: "Check connectors and Edge synchronization",
    cadence: "DAILY",
    roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT"],
    smf: "SERVICE_MONITORING_AND_CONTROL",
    relatedSmfs: ["NETWORK_ADMINISTRATION"],
    purpose:
      "Confirm that foreign (non-SMTP) connectors are delivering and that EdgeSync keeps the Edge Transport server's copy of recipients and configuration up to date.",
    body: `Foreign connectors hand mail to systems such as fax gateways through a drop directory; if the gateway stops collecting, mail quietly piles up in the non-SMTP queue. The Edge Transport server works from a copy of Active Directory data pushed by EdgeSync; if synchronisation stops, recipient filtering, connectors and safe-sender data go stale.

**Steps**

1. List the connectors with \`Get-SendConnector\`, \`Get-ReceiveConnector\` and \`Get-ForeignConnector\` and confirm the expected ones are enabled.
2. Read the Active Non-SMTP Delivery Queue Length on each Hub Transport server and compare it with yesterday's figure (see the queue check).
3. On a Hub Transport server in the subscribed site, run \`Test-EdgeSynchronization\` and confirm the Edge subscription is synchronised and recent.
   The cmdlet exists from Exchange 2007 RTM; SP1 added -VerifyRecipient, which checks that one recipient has reached the Edge.
4. If routing looks wrong, open the routing table log in Routing Log Viewer (Exchange 2007 SP1 or later) and compare it with an earlier one.

**Record** the non-SMTP queue length and the EdgeSync result.

**If a check fails**, raise an incident. A growing non-SMTP queue goes to the owner of the foreign gateway. For EdgeSync failures, check the firewall rule for the EdgeSync port between the Hub Transport site and the perimeter network and the Edge subscription, and use the Mail Flow Troubleshooter's EdgeSync symptom; escalate to network administration for firewall issues.`,
    items: [
      {
        key: "foreign-connectors-delivering",
        kind: "CHECK",
        text: "Foreign and non-SMTP connectors are delivering and the non-SMTP queue is not growing",
      },
      {
        key: "edgesync-up-to-date",
        kind: "CHECK",
        text: "EdgeSync is up to date between the Hub Transport site and every Edge Transport server",
      },
      {
        key: "active-non-smtp-delivery-queue",
        kind: "NUMBER",
        text: "Active Non-SMTP Delivery Queue Length",
        unit: "messages",
        max: 250,
        counter: "MSExchangeTransport Queues(_total)\\Active Non-SMTP Delivery Queue Length",
        source: REF_E2010_TRANSPORT_COUNTERS,
        help: "Same counter and limit as in the queue check (Microsoft's 250; some monitoring tools warn at 100). What matters most here is whether it grows from day to day.",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command:
          "Get-SendConnector | Format-Table Name,Enabled,AddressSpaces -AutoSize; Get-ReceiveConnector | Format-Table Identity,Enabled,Bindings -AutoSize; Get-ForeignConnector | Format-Table Name,Enabled,DropDirectory -AutoSize",
        purpose: "Confirm the send, receive and foreign connectors exist and are enabled.",
      },
      {
        tool: "exchange-management-shell",
        command: "Test-EdgeSynchronization",
        purpose: "On a Hub Transport server, report the synchronisation status and last sync time of each Edge subscription (any service pack; -VerifyRecipient needs SP1).",
      },
      {
        tool: "performance-monitor",
        purpose: "Read the Active Non-SMTP Delivery Queue Length counter.",
      },
      {
        tool: "routing-log-viewer",
        command: "Exchange Management Console > Toolbox > Routing Log Viewer",
        purpose: "Inspect and compare routing table logs when connectors or address spaces seem to be ignored (SP1 or later).",
      },
      {
        tool: "mail-flow-troubleshooter",
        purpose: "Diagnose EdgeSync problems using the matching symptom.",
      },
    ],
    references: [
      REF_E2003_DAILY_CHECKLIST,
      REF_CMDLET_TEST_EDGESYNCHRONIZATION,
      REF_E2010_TRANSPORT_COUNTERS,
      REF_EMC_OVERVIEW,
      REF_MONITORING_HUB_TRANSPORT_SERVERS,
      REF_MOF_EXCHANGE_2007,
      REF_MOF_SMF_ALIGNMENT,
    ],
    changeNote:
      "Primary MOF function is now Service Monitoring and Control with Network Administration related: connectors and EdgeSync are Exchange configuration watched daily, not network work. Test-EdgeSynchronization is no longer labelled SP1 (it exists from RTM; SP1 added -VerifyRecipient), Routing Log Viewer is marked SP1 or later, the non-SMTP queue limit names its source, and the book excerpt and Exchange 2010 article were replaced by Microsoft pages. It also cites the Exchange 2007 MOF page and the SMF alignment page behind its MOF tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "D11",
    slug: "check-security-logs",
    title: "Check security logs",
    cadence: "DAILY",
    roles: ALL_ROLES,
    smf: "SECURITY_ADMINISTRATION",
    purpose:
      "Read the Security log of each Exchange server every day for failed logons, use of privileges and policy changes, so that attacks and misuse are spotted quickly.",
    body: `Exchange servers hold every user's mail and are an attractive target. Failed logon bursts, unexpected use of administrative privileges and changes to audit policy are the usual traces of password guessing, misuse of an administrator account or an attempt to hide activity.

**Steps**

1. Open the Security log in Event Viewer on each server and filter it to the period since the previous check.
2. Look for failed logons, especially many failures for one account or from one source.
3. Look for special privileges assigned at logon to accounts that should not have them, and for use of privileges outside change windows.
4. Look for audit policy changes and for the Security log being cleared.
5. Compare what you find with approved changes and known maintenance.

Filter on the entry type Failure Audit rather than on single event IDs: on Windows Server 2003, event 680 is logged for successful as well as failed credential checks, and the failed logons are spread over 529 to 539 (539 is a locked-out account). Besides the failures, look for 576 (special privileges), 612 (audit policy change) and 517 (Security log cleared) on Windows Server 2003, and 4672, 4719 and 1102 (log cleared) on Windows Server 2008, where failed logons are 4625.

**Record** anything unusual and the incident number if one was raised.

**If something is suspicious**, raise a security incident and escalate to the security officer at once. Do not clear or archive the Security log while an investigation is open: it is evidence.`,
    items: [
      {
        key: "failed-logons-reviewed",
        kind: "CHECK",
        text: "Security log reviewed for failed logons on every Exchange server",
      },
      {
        key: "privilege-use-reviewed",
        kind: "CHECK",
        text: "Use of privileges reviewed and matched to authorised work",
      },
      {
        key: "policy-changes-reviewed",
        kind: "CHECK",
        text: "Audit and security policy changes reviewed and matched to approved changes",
      },
      {
        key: "security-log-not-cleared",
        kind: "CHECK",
        text: "The Security log has not been cleared outside an approved change (event 517 on Windows Server 2003, 1102 on Windows Server 2008)",
      },
    ],
    tools: [
      {
        tool: "event-viewer",
        purpose: "Filter the Security log by date and event ID on each server.",
      },
      {
        tool: "exchange-management-shell",
        command:
          'Get-EventLog Security -Newest 5000 | Where-Object { $_.TimeGenerated -gt (Get-Date).AddDays(-1) -and ($_.EntryType -eq "FailureAudit" -or $_.EventID -eq 517 -or $_.EventID -eq 612 -or $_.EventID -eq 1102 -or $_.EventID -eq 4719) } | Format-Table TimeGenerated,EventID,EntryType,UserName -AutoSize',
        purpose: "List the last day's failure audits (every failed logon, lockouts included), audit policy changes and log clearing, on Windows Server 2003 or 2008.",
      },
    ],
    references: [REF_E2003_DAILY_CHECKLIST, REF_E2003_DAILY_OPERATIONS, REF_MOF_EXCHANGE_2007, REF_MOF_SMF_ALIGNMENT],
    practitionerGuidance: [
      "The Security event IDs (529–539, 680, 576, 612 and 517 on Windows Server 2003; 4625, 4672, 4719 and 1102 on Windows Server 2008) come from Windows administration practice; no page the library cites lists them.",
    ],
    changeNote:
      "The shell query now filters on Failure Audit instead of events 529, 680 and 612: 680 also logs successful checks and failures 530–539 (lockouts included) were missed. It also lists the log being cleared (517 on Windows Server 2003, 1102 on Windows Server 2008), which now has its own check. It also cites the Exchange 2007 MOF page and the SMF alignment page behind its MOF tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "D12",
    slug: "update-virus-definitions-and-scan",
    title: "Update virus definitions and scan",
    cadence: "DAILY",
    roles: ["HUB_TRANSPORT", "EDGE_TRANSPORT", "MAILBOX"],
    smf: "SECURITY_ADMINISTRATION",
    purpose:
      "Keep antivirus and anti-spam definitions current on every scanning server and confirm scheduled scans ran, because out-of-date signatures let new malware through.",
    body: `Keeping virus scanners up to date is one of the standard Exchange tasks. Transport scanning on the Hub Transport and Edge Transport servers stops malware in transit; store scanning on the Mailbox servers catches what is already inside. On the Edge (and on Hub Transport servers running the anti-spam agents) the content filter and spam signature data also need updates.

**Steps**

1. Open the antivirus console (for example Forefront Security for Exchange Server) on each scanning server and confirm every engine updated successfully at its last scheduled time.
2. Start a manual update for any engine that is behind and confirm it succeeds.
3. Check that scheduled scans completed, and review the detections and quarantine since the last check.
4. Run \`Get-AntispamUpdates\` on the Edge Transport and anti-spam-enabled Hub Transport servers and record the state of the anti-spam updates.

**Anti-spam updates have ended.** Microsoft stopped publishing SmartScreen spam definition updates for Exchange 2007 on 1 November 2016, and Exchange Server 2007 itself reached the end of support on 11 April 2017. A content filter whose last update dates from then is therefore as current as it can be: record "No longer published" rather than pretending the updates are current, and rely more on the other layers (connection and sender filtering, block lists, the antivirus product). Spam signature and IP reputation updates needed Enterprise client access licences and were never offered for the 32-bit build; turning on these premium updates counts every mailbox as an Enterprise CAL.

**Record** the signature version or date per server and the number of detections worth noting.

**If a check fails**, raise an incident. An engine that cannot update for more than a day is escalated to the security administrator; consider disabling that engine rather than leaving it silently stale. A genuine outbreak (many detections from inside the organisation) is a security incident and is escalated at once.`,
    items: [
      {
        key: "signatures-current",
        kind: "CHECK",
        text: "Antivirus signatures are current on every scanning server",
      },
      {
        key: "scans-completed",
        kind: "CHECK",
        text: "Scheduled scans completed and their detections have been reviewed",
      },
      {
        key: "antispam-update-state",
        kind: "CHOICE",
        text: "State of the anti-spam updates (Get-AntispamUpdates)",
        choices: ["Current", "No longer published by Microsoft", "Behind although still published", "Anti-spam updates not enabled"],
        passChoices: ["Current", "No longer published by Microsoft", "Anti-spam updates not enabled"],
        roles: ["EDGE_TRANSPORT", "HUB_TRANSPORT"],
        help: "SmartScreen spam definition updates ended on 1 November 2016: when the last update dates from then, choose 'No longer published by Microsoft'. A Hub Transport server receives updates only when the anti-spam agents are enabled on it.",
      },
    ],
    tools: [
      {
        tool: "forefront-security-for-exchange",
        purpose: "Check the last update time of each scan engine, start manual updates and review detections and quarantine.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-AntispamUpdates -Identity {{server}}",
        purpose: "Show the anti-spam update settings and the latest content-filter and spam-signature versions (Exchange 2007 only).",
      },
    ],
    references: [REF_E2003_DAILY_CHECKLIST, REF_OPERATIONS_MANAGEMENT, REF_ANTISPAM_UPDATES, REF_MOF_EXCHANGE_2007, REF_MOF_SMF_ALIGNMENT],
    practitionerGuidance: [
      "Spam signature and IP reputation updates need Enterprise client access licences and are not offered for the 32-bit build, and enabling them counts every mailbox as an Enterprise CAL: from third-party articles and a public licensing script, not a Microsoft page the library cites.",
    ],
    changeNote:
      "The check \"Anti-spam updates are current\" could not be passed truthfully any more: Microsoft stopped SmartScreen spam definition updates on 1 November 2016 and Exchange 2007 support ended on 11 April 2017. It is replaced by a choice (new key antispam-update-state) whose passing answers include \"No longer published by Microsoft\", with the licensing caveats of the premium updates. It also cites the Exchange 2007 MOF page and the SMF alignment page behind its MOF tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "D13",
    slug: "check-exchange-services",
    title: "Check Exchange services",
    cadence: "DAILY",
    roles: ALL_ROLES,
    smf: "SERVICE_MONITORING_AND_CONTROL",
    purpose:
      "Confirm that every Exchange and Windows service required by the roles installed on each server is running.",
    body: `Each Exchange 2007 role depends on a different set of services: the Information Store and System Attendant on Mailbox servers, the Transport service on Hub Transport and Edge Transport, IIS and the IMAP4/POP3 services on Client Access, the Unified Messaging service on UM. A stopped service can go unnoticed for hours if nobody uses that feature.

**Steps**

1. Run \`Test-ServiceHealth\` against each server. It lists, per installed role, the services that are set to start automatically and are not running.
2. On the Edge Transport server run it locally, logged on as a local administrator, because the Edge is not in the domain.
3. For any service listed under ServicesNotRunning, open the Services console and the System and Application logs to find out why it stopped.
4. Start the service only when the reason is understood or the stop is clearly transient, and note what you did.

**Record** the number of required services not running per server.

**If a required service is not running**, raise an incident. If it will not start or stops again, escalate to the messaging team: a stopped Information Store or Transport service is a service outage.`,
    items: [
      {
        key: "all-required-services-running",
        kind: "CHECK",
        text: "Test-ServiceHealth reports no required service stopped on any server",
      },
      {
        key: "services-not-running",
        kind: "NUMBER",
        text: "Required services not running",
        unit: "services",
        max: 0,
        source: REF_CMDLET_TEST_SERVICEHEALTH,
        help: "Count of entries under ServicesNotRunning across all roles on the server.",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command: "Test-ServiceHealth -Server {{server}} | Format-List Role,RequiredServicesRunning,ServicesNotRunning",
        purpose: "List, per installed role, whether all required services are running and which ones are not.",
      },
      {
        tool: "services-console",
        purpose: "Inspect and start a stopped service, and check its start-up type.",
      },
      {
        tool: "event-viewer",
        purpose: "Find out why a service stopped before restarting it.",
      },
    ],
    references: [REF_E2003_DAILY_CHECKLIST, REF_CMDLET_TEST_SERVICEHEALTH, REF_MOF_EXCHANGE_2007, REF_MOF_SMF_ALIGNMENT],
    changeNote: "The services-not-running limit names its source, the Test-ServiceHealth page. It also cites the Exchange 2007 MOF page and the SMF alignment page behind its MOF tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "D14",
    slug: "check-continuous-replication-health",
    title: "Check continuous replication health",
    cadence: "DAILY",
    roles: ["MAILBOX"],
    smf: "SERVICE_MONITORING_AND_CONTROL",
    relatedSmfs: ["AVAILABILITY_MANAGEMENT"],
    purpose:
      "Where local, cluster or standby continuous replication is deployed, confirm that every storage group copy is healthy and up to date so that a failover would not lose data.",
    body: `This check only applies where LCR, CCR or SCR is deployed. A passive copy that has silently stopped copying or replaying logs offers no protection, and the problem is typically only found when a failover is needed.

**Steps**

1. Run \`Get-StorageGroupCopyStatus\` against each Mailbox server that has replicated storage groups. For SCR targets add \`-StandbyMachine\` with the name of the standby server (SCR and -StandbyMachine need Exchange 2007 SP1 or later).
2. Check the SummaryCopyStatus of each storage group. Healthy is the only normal state; Copying and Seeding are transitional; Stopped, Failed and Disabled need attention.
3. Check CopyQueueLength (logs waiting to be copied) and ReplayQueueLength (logs copied but not yet replayed) and LastInspectedLogTime.
4. For CCR (and single copy clusters), run \`Get-ClusteredMailboxServerStatus\` and confirm the clustered mailbox server is Online on the expected node. Run \`Get-StorageGroupCopyStatus -DumpsterStatistics\` and confirm the transport dumpster on the Hub Transport servers is reachable for every storage group.
5. Compare CopyQueueLength on a CCR server with its AutoDatabaseMountDial (\`Get-MailboxServer\`): an automatic failover mounts the passive copy only when no more logs are missing than the setting allows.
6. Log on to each CCR node and each LCR server and run \`Test-ReplicationHealth\` there (SP1 or later). In Exchange 2007 it tests the server it runs on and takes no -Identity; from a single console use the two Get- cmdlets above instead.

**Record** the status and both queue lengths per storage group.

**Thresholds**: no fixed figure is published. For CCR, CopyQueueLength must stay within what AutoDatabaseMountDial lets a failover lose (Lossless: 0 logs, GoodAvailability: 6, BestAvailability: 12); otherwise both queues should be near zero or within the limit the team has agreed. SCR copies may carry a deliberate replay lag, so compare with the configured lag.

**If a check fails**, raise an incident. A Failed or Stopped copy is escalated to the Availability Management owner the same day; reseeding is a change and is planned accordingly.`,
    items: [
      {
        key: "all-copies-healthy",
        kind: "CHECK",
        text: "Every replicated storage group reports Healthy",
      },
      {
        key: "queues-near-zero",
        kind: "CHECK",
        text: "Copy and replay queue lengths are near zero or within the agreed limit",
      },
      {
        key: "clustered-mailbox-server-online",
        kind: "CHECK",
        text: "Every clustered mailbox server is Online on the expected node",
        required: false,
        roles: ["MAILBOX"],
        help: "CCR and single copy clusters only: Get-ClusteredMailboxServerStatus.",
      },
      {
        key: "transport-dumpster-available",
        kind: "CHECK",
        text: "The transport dumpster is available for every CCR storage group",
        required: false,
        roles: ["MAILBOX"],
        help: "Get-StorageGroupCopyStatus -DumpsterStatistics lists no Hub Transport server as unavailable.",
      },
      {
        key: "copy-queue-within-mount-dial",
        kind: "CHECK",
        text: "On CCR, CopyQueueLength is within what the server's AutoDatabaseMountDial lets a failover lose",
        required: false,
        roles: ["MAILBOX"],
        help: "Lossless: 0 logs; GoodAvailability: 6; BestAvailability: 12. A longer queue means an automatic failover would not mount the passive copy.",
      },
      {
        key: "summary-copy-status",
        kind: "CHOICE",
        text: "SummaryCopyStatus (worst storage group)",
        choices: ["Healthy", "Copying", "Seeding", "Stopped", "Failed", "Disabled"],
        passChoices: ["Healthy"],
        help: "Record the worst status seen across the replicated storage groups.",
      },
      {
        key: "copy-queue-length",
        kind: "NUMBER",
        text: "CopyQueueLength (highest storage group)",
        unit: "logs",
        help: "No published figure. On CCR compare with AutoDatabaseMountDial (Lossless 0, GoodAvailability 6, BestAvailability 12 logs); otherwise near zero or within the team's agreed limit.",
      },
      {
        key: "replay-queue-length",
        kind: "NUMBER",
        text: "ReplayQueueLength (highest storage group)",
        unit: "logs",
        help: "No published figure: near zero for LCR and CCR; for SCR compare with the configured replay lag.",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command:
          "Get-StorageGroupCopyStatus -Server {{server}} | Format-Table Identity,SummaryCopyStatus,CopyQueueLength,ReplayQueueLength,LastInspectedLogTime -AutoSize",
        purpose: "Show the replication status and queue lengths of every storage group copy on the server.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-StorageGroupCopyStatus -Server {{server}} -StandbyMachine {{var:scrTarget}}",
        purpose: "Show the status of standby continuous replication copies held on a standby server.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-ClusteredMailboxServerStatus -Identity {{server}}",
        purpose: "For a clustered mailbox server (CCR or SCC): its state and the node that owns it.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-StorageGroupCopyStatus -Server {{server}} -DumpsterStatistics | Format-List Identity,Dumpster*",
        purpose: "For CCR: the transport dumpster statistics per storage group and any Hub Transport server that cannot be reached.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-MailboxServer {{server}} | Format-List Name,AutoDatabaseMountDial",
        purpose: "Read how many lost logs an automatic CCR failover accepts, to judge CopyQueueLength.",
      },
      {
        tool: "exchange-management-shell",
        command: "Test-ReplicationHealth",
        purpose: "Run locally on each CCR node or LCR server (SP1 or later; no -Identity in Exchange 2007): the set of continuous replication health tests for that server.",
      },
    ],
    references: [REF_CMDLET_GET_STORAGEGROUPCOPYSTATUS, REF_CMDLET_TEST_REPLICATIONHEALTH, REF_MONITORING_MAILBOX_SERVERS, REF_MOF_EXCHANGE_2007, REF_MOF_SMF_ALIGNMENT],
    practitionerGuidance: [
      "Get-ClusteredMailboxServerStatus and the AutoDatabaseMountDial values (Lossless 0, GoodAvailability 6, BestAvailability 12 lost logs) come from Exchange 2007 practice and public scripts; verify the defaults on your own servers.",
    ],
    changeNote:
      "Test-ReplicationHealth -Identity failed on Exchange 2007, which has no -Identity: the test is now run locally on each CCR node or LCR server, and the single-console view uses Get-StorageGroupCopyStatus and Get-ClusteredMailboxServerStatus. Added checks of the clustered mailbox server state, the transport dumpster (-DumpsterStatistics) and CopyQueueLength against AutoDatabaseMountDial, and the SP1 floor for SCR and Test-ReplicationHealth. Primary MOF function is now Service Monitoring and Control (a daily status check), with Availability Management related. It also cites the Exchange 2007 MOF page and the SMF alignment page behind its MOF tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "D15",
    slug: "check-unified-messaging-health",
    title: "Check Unified Messaging health",
    cadence: "DAILY",
    roles: ["UNIFIED_MESSAGING"],
    smf: "SERVICE_MONITORING_AND_CONTROL",
    purpose:
      "Test the Unified Messaging server end to end and check its availability counters, so that voice mail, Outlook Voice Access and fax keep working.",
    body: `Unified Messaging failures are often invisible to the messaging team: callers simply cannot leave voice mail, or messages never reach the mailbox. The UM server depends on the VoIP gateway, on Hub Transport servers to submit voice mail and on directory access, and the counters below show each of those dependencies.

**Steps**

1. Run \`Test-UMConnectivity\` on the UM server in local mode. Add the telephone user interface logon test, and where a test extension exists, a remote test through the VoIP gateway.
2. Sample the UM availability counters and record them.
3. Watch Operations over Six Seconds: slow operations mean callers wait in silence.

| Counter | Expected |
|---|---|
| Call Answer Queued Messages | under 50 |
| Direct Access Failures | 0 |
| Hub Transport Access Failures | 0 |
| Unhandled Exceptions/sec | 0 |
| Queued OCS User Event Notifications | 0 |
| Operations over Six Seconds | no figure; compare with baseline |

**Record** the test results and each counter value.

**If a check fails**, raise an incident. Hub Transport access failures point at transport (check the queue and service checks); direct access failures point at the Mailbox servers or Active Directory; failed gateway tests go to the telephony team.`,
    items: [
      {
        key: "um-connectivity-passes",
        kind: "CHECK",
        text: "UM connectivity test passes",
      },
      {
        key: "um-counters-expected",
        kind: "CHECK",
        text: "UM availability counters are at their expected values",
      },
      {
        key: "call-answer-queued-messages",
        kind: "NUMBER",
        text: "Call Answer Queued Messages",
        unit: "messages",
        max: 50,
        counter: "MSExchangeUMAvailability\\Call Answer Queued Messages",
        source: REF_MONITORING_UM_SERVERS,
        help: "Keep under 50. The Microsoft page prints the object as MSExchangeAvailability; in Performance Monitor it is the UM availability object.",
      },
      {
        key: "direct-access-failures",
        kind: "NUMBER",
        text: "Direct Access Failures",
        unit: "failures",
        max: 0,
        counter: "MSExchangeUMAvailability\\Direct Access Failures",
        source: REF_MONITORING_UM_SERVERS,
      },
      {
        key: "hub-transport-access-failures",
        kind: "NUMBER",
        text: "Hub Transport Access Failures",
        unit: "failures",
        max: 0,
        counter: "MSExchangeUMAvailability\\Hub Transport Access Failures",
        source: REF_MONITORING_UM_SERVERS,
      },
      {
        key: "unhandled-exceptions",
        kind: "NUMBER",
        text: "Unhandled Exceptions/sec",
        unit: "exceptions/s",
        max: 0,
        counter: "MSExchangeUMAvailability\\Unhandled Exceptions/sec",
        source: REF_MONITORING_UM_SERVERS,
      },
      {
        key: "queued-ocs-notifications",
        kind: "NUMBER",
        text: "Queued OCS User Event Notifications",
        unit: "notifications",
        max: 0,
        counter: "MSExchangeUMAvailability\\Queued OCS User Event Notifications",
        source: REF_MONITORING_UM_SERVERS,
        required: false,
        help: "Only where Unified Messaging is integrated with Office Communications Server.",
      },
      {
        key: "operations-over-six-seconds",
        kind: "NUMBER",
        text: "Operations over Six Seconds",
        unit: "operations",
        counter: "MSExchangeUMPerformance\\Operations over Six Seconds",
        help: "No published figure; compare with the baseline and report a rising trend.",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command: "Test-UMConnectivity",
        purpose: "Test the local UM server's ability to accept a call and record a message.",
      },
      {
        tool: "exchange-management-shell",
        command: "Test-UMConnectivity -TUILogonAll $true",
        purpose: "Test logons to the telephone user interface with the configured test mailboxes.",
      },
      {
        tool: "exchange-management-shell",
        command: "Test-UMConnectivity -UMIPGateway {{org:umGateway}} -Phone {{org:umTestExtension}}",
        purpose: "Place a test call through the VoIP gateway to a test extension, exercising the whole telephony path.",
      },
      {
        tool: "performance-monitor",
        purpose: "Sample the UM availability and performance counters.",
      },
    ],
    references: [REF_MONITORING_UM_SERVERS, REF_CMDLET_TEST_UMCONNECTIVITY, REF_TEST_UMCONNECTIVITY_MP, REF_MOF_EXCHANGE_2007, REF_MOF_SMF_ALIGNMENT],
    changeNote: "Each UM counter limit names its source (Microsoft's UM monitoring page), and the Test-UMConnectivity cmdlet page is cited. It also cites the Exchange 2007 MOF page and the SMF alignment page behind its MOF tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "D16",
    slug: "check-directory-service-availability",
    title: "Check directory service availability",
    cadence: "DAILY",
    roles: ALL_ROLES,
    smf: "DIRECTORY_SERVICES_ADMINISTRATION",
    purpose:
      "Confirm that Active Directory replication is healthy and consistent, because every Exchange 2007 role reads its configuration and recipients from the directory.",
    body: `Exchange 2007 stores its configuration, routing topology and recipients in Active Directory and uses global catalog servers for every address lookup. Replication failures between domain controllers show up as mailboxes that cannot be found, changes that take effect on one server but not another, or transport routing errors.

**Steps**

1. Run \`repadmin /replsummary\` from an administrative workstation and confirm no domain controller reports failures and the largest replication delta is within schedule.
2. Run \`dcdiag\` with the replication and FRS event tests against the domain controllers used by Exchange.
3. Compare update sequence numbers with \`repadmin /showutdvec\`; large differences between domain controllers point at stalled replication.
4. Check the File Replication Service event log for SYSVOL replication errors.
5. On each Exchange server that uses Active Directory (every role but Edge Transport, which has its own ADAM copy), sample LDAP Read Time and LDAP Search Time for the domain controllers it talks to: under 50 ms on average, peaks under 100 ms. Slow answers from a domain controller make every Exchange role slow, even when replication is healthy.

**Record** the number of replication failures, any domain controller that is behind, and the highest LDAP read and search times.

**If a check fails**, raise an incident and escalate to the directory services team. Exchange administrators do not change domain controller configuration themselves; they pin Exchange to healthy domain controllers only when the directory team agrees.`,
    items: [
      {
        key: "ad-frs-replication-ok",
        kind: "CHECK",
        text: "AD and FRS replication between domain controllers runs without errors and on schedule",
      },
      {
        key: "usn-consistent",
        kind: "CHECK",
        text: "Update sequence numbers are consistent across domain controllers",
      },
      {
        key: "replication-failures",
        kind: "NUMBER",
        text: "Replication failures reported by repadmin /replsummary",
        unit: "failures",
        max: 0,
        source: REF_EXCHANGE_SMG_DAILY,
        help: "Any failure fails the check: replication must run without errors.",
      },
      {
        key: "ldap-read-time",
        kind: "NUMBER",
        text: "LDAP Read Time, slowest domain controller (average)",
        unit: "ms",
        max: 50,
        counter: "MSExchange ADAccess Domain Controllers(*)\\LDAP Read Time",
        source: REF_TT_DC_COUNTERS,
        roles: ["MAILBOX", "HUB_TRANSPORT", "CLIENT_ACCESS", "UNIFIED_MESSAGING"],
        help: "Under 50 ms on average, peaks under 100 ms, for each domain controller instance. Record the highest average.",
      },
      {
        key: "ldap-search-time",
        kind: "NUMBER",
        text: "LDAP Search Time, slowest domain controller (average)",
        unit: "ms",
        max: 50,
        counter: "MSExchange ADAccess Domain Controllers(*)\\LDAP Search Time",
        source: REF_TT_DC_COUNTERS,
        roles: ["MAILBOX", "HUB_TRANSPORT", "CLIENT_ACCESS", "UNIFIED_MESSAGING"],
        help: "Under 50 ms on average, peaks under 100 ms (the Exchange Best Practices Analyzer used the same 50 ms for Exchange 2003). Record the highest average.",
      },
    ],
    tools: [
      {
        tool: "repadmin",
        command: "repadmin /replsummary",
        purpose: "Summarise replication status and failures for every domain controller.",
      },
      {
        tool: "repadmin",
        command: "repadmin /showutdvec {{org:domainController}} <DomainNamingContext>",
        purpose: "Show the up-to-dateness vector of the domain naming context (such as dc=contoso,dc=local) so update sequence numbers can be compared between domain controllers.",
      },
      {
        tool: "dcdiag",
        command: "dcdiag /test:replications /test:frsevent",
        purpose: "Test replication and look for recent File Replication Service errors on the domain controllers.",
      },
      {
        tool: "performance-monitor",
        command:
          'typeperf "\\MSExchange ADAccess Domain Controllers(*)\\LDAP Read Time" "\\MSExchange ADAccess Domain Controllers(*)\\LDAP Search Time" -si 5 -sc 60 -s {{server}}',
        purpose: "Sample LDAP read and search times to each domain controller the Exchange server uses, 60 samples 5 seconds apart.",
      },
    ],
    references: [REF_EXCHANGE_SMG_DAILY, REF_TT_DC_COUNTERS, REF_EXBPA_LDAP_SEARCH_TIME, REF_MOF_EXCHANGE_2007, REF_MOF_SMF_ALIGNMENT],
    changeNote:
      "Added LDAP Read Time and LDAP Search Time (under 50 ms) from the MSExchange ADAccess Domain Controllers counters: Exchange 2007 reads every recipient and setting from Active Directory, and this procedure only checked replication. The backup item moved to the backup check, where it belongs, and repadmin /showutdvec asks for the domain naming context instead of naming the demo domain. It also cites the Exchange 2007 MOF page and the SMF alignment page behind its MOF tag.",
  },
];
