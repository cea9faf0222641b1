// As-needed operations procedures (A1–A10) for the Exchange Server 2007 organisation.
import type { SeedProcedure, SeedReference } from "./types";
import {
  REF_AS_NEEDED_TASKS,
  REF_CMDLET_GET_MAILBOXDATABASE,
  REF_CMDLET_GET_STORAGEGROUP,
  REF_CMDLET_GET_STORAGEGROUPCOPYSTATUS,
  REF_CMDLET_TEST_MAPICONNECTIVITY,
  REF_DATABASE_TROUBLESHOOTER,
  REF_DR_PREPARATION_CHECKLIST,
  REF_E2003_DR_PREPARATION_CHECKLIST,
  REF_E2003_UNDERSTANDING_OPERATIONS,
  REF_EXBPA_SCAN_TYPES,
  REF_MOF_EXCHANGE_2007,
  REF_MOF_SMF_ALIGNMENT,
  REF_MOM_2005,
  REF_MONITORING_WITHOUT_SCOM,
  REF_QUEUE_VIEWER,
  REF_TT_QUEUE_VIEWER,
} from "./references";
import { REF_DELETED_ITEM_RETENTION, REF_SLIPSTICK_DATABASE_SIZE } from "./procedures-monthly";
import { REF_HOW_TO_RUN_ESEUTIL_D } from "./procedures-weekly";

// Every procedure cites the pages that justify its MOF tag: how Exchange 2007 uses MOF, and which
// quadrant each Service Management Function belongs to.
const MOF_REFS: SeedReference[] = [REF_MOF_EXCHANGE_2007, REF_MOF_SMF_ALIGNMENT];

// Microsoft pages this file cites that the shared reference list does not hold.
const REF_ESEUTIL_D_MODE: SeedReference = {
  title: "Exchange Server 2007: Eseutil /D defragmentation mode",
  url: "https://learn.microsoft.com./en-us/previous-versions/office/exchange-server-2007/aa997972(v=exchg.80)",
};

const REF_UNDERSTANDING_THE_STORE: SeedReference = {
  title: "Exchange Server 2007: Understanding the Exchange 2007 Store (Turkish edition)",
  url: "https://learn.microsoft.com/tr-tr/previous-versions/office/exchange-server-2007/bb331958(v=exchg.80)",
};

const ALL_ROLES: SeedProcedure["roles"] = [
  "MAILBOX",
  "HUB_TRANSPORT",
  "CLIENT_ACCESS",
  "EDGE_TRANSPORT",
  "UNIFIED_MESSAGING",
];

export const asNeededProcedures: SeedProcedure[] = [
  // ---------------------------------------------------------------------------------------------
  {
    code: "A1",
    slug: "manage-new-and-departing-users",
    title: "Manage new and departing users",
    cadence: "AS_NEEDED",
    roles: ["MAILBOX"],
    smf: "SYSTEM_ADMINISTRATION",
    relatedSmfs: ["DIRECTORY_SERVICES_ADMINISTRATION"],
    purpose:
      "Set up accounts and mailboxes for people who join, and remove access and deal with the mail and data of people who leave, always by the same documented standard.",
    body: `Joiners and leavers are the most frequent standard change in a messaging service. Doing them the same way every time avoids over-privileged new accounts and, more importantly, leavers who keep access to mail after they have gone.

**Triggers**: a joiner or leaver notification from HR or a line manager, or an urgent access-removal request from security.

**Joiner steps**

1. Create the user account and mailbox with \`New-Mailbox\` (or \`Enable-Mailbox\` for an existing account) in the database the standard specifies.
2. Add the rights and group memberships listed for the role in the documented standard.
3. Send the user a copy of the IT and security policies.

**Leaver steps**

1. Revoke mailbox and system access on the leaving date, or at once when security asks: disable the account and remove remote access.
2. Handle inbound mail as the policy says: forward it to a manager with \`Set-Mailbox\`, or let it be rejected.
3. Decide what happens to the mailbox data under the retention procedure: keep it online for the agreed period, then archive it (see the weekly data archive task). When the mailbox is finally removed with \`Disable-Mailbox\`, the data stays recoverable for the deleted-mailbox retention period.

**Record** the request reference and what was done.

**If something cannot be done** as the standard says (for example access cannot be removed immediately), raise an incident and inform security.`,
    items: [
      {
        key: "joiner-created",
        kind: "CHECK",
        text: "Joiner: account, mailbox, rights and group memberships created according to the documented standard",
      },
      {
        key: "joiner-policies-sent",
        kind: "CHECK",
        text: "Joiner: a copy of the IT and security policies has been sent",
      },
      {
        key: "leaver-access-revoked",
        kind: "CHECK",
        text: "Leaver: access to the mailbox and other systems removed without delay",
      },
      {
        key: "leaver-inbound-mail",
        kind: "CHECK",
        text: "Leaver: inbound mail handled as the policy says (rerouted or rejected)",
      },
      {
        key: "leaver-data-decided",
        kind: "CHECK",
        text: "Leaver: what happens to the Exchange data has been decided under the retention procedure",
      },
      {
        key: "request-reference",
        kind: "TEXT",
        text: "HR or service request reference",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command:
          'New-Mailbox -Name "Jane Doe" -UserPrincipalName jane.doe@contoso.local -Database "{{server}}\\{{storageGroup}}\\Mailbox Database" -OrganizationalUnit "contoso.local/Staff" -Password (Read-Host "Initial password" -AsSecureString)',
        purpose: "Create a new user account and mailbox in one step.",
      },
      {
        tool: "exchange-management-shell",
        command: 'Enable-Mailbox -Identity {{org:netbiosDomain}}\\jdoe -Database "{{server}}\\{{storageGroup}}\\Mailbox Database"',
        purpose: "Add a mailbox to an existing user account.",
      },
      {
        tool: "exchange-management-shell",
        command: "Set-Mailbox -Identity jdoe -ForwardingAddress manager@contoso.local -DeliverToMailboxAndForward $false",
        purpose: "Reroute a leaver's inbound mail to the manager named in the request.",
      },
      {
        tool: "exchange-management-shell",
        command: "Disable-Mailbox -Identity jdoe",
        purpose: "Remove the mailbox from the account once the retention period allows; it stays recoverable for the deleted-mailbox retention period.",
      },
      {
        tool: "active-directory-users-and-computers",
        purpose: "Set group memberships and disable the leaver's account.",
      },
      {
        tool: "exchange-management-console",
        command: "Recipient Configuration > Mailbox > New Mailbox...",
        purpose: "Create or disable mailboxes through the wizard when the shell is not used; the wizard shows the equivalent command.",
      },
      {
        tool: "records-retention-policy",
        purpose: "Decide how long the leaver's data stays online and when it is archived.",
      },
    ],
    references: [REF_AS_NEEDED_TASKS, ...MOF_REFS],
    changeNote: "The procedure now cites the Exchange 2007 MOF page and the SMF alignment page that justify its System Administration tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "A2",
    slug: "create-public-folders",
    title: "Create public folders",
    cadence: "AS_NEEDED",
    roles: ["MAILBOX"],
    smf: "SYSTEM_ADMINISTRATION",
    purpose:
      "Create public folders on request as a standard change: check the requester is authorised, keep top-level folders under administrator control and apply the permissions the procedure specifies.",
    body: `Uncontrolled public folder creation leads to sprawling hierarchies, unclear ownership and data nobody can find or remove later. Treating folder creation as a standard change keeps the hierarchy tidy and permissions predictable.

**Trigger**: a service request for a new public folder.

**Steps**

1. Check the requester is authorised to ask for the folder according to the procedure (for example a department head for a departmental folder).
2. Decide where the folder belongs. Only administrators create top-level folders; users with the right permission may create subfolders beneath a folder they own.
3. Create the folder with \`New-PublicFolder\` or in the Public Folder Management Console (Exchange 2007 SP1 or later).
4. Apply the permissions specified in the request and the procedure with \`Add-PublicFolderClientPermission\`, starting from a restrictive default.
5. Set the replicas if the folder must be available on more than one public folder database.
6. Tell the requester the folder is ready and who owns it.

**Record** the folder path, its owner and the request reference.

**If the requester is not authorised** or the request conflicts with the procedure, return it to the service desk with the reason; do not create the folder.`,
    items: [
      {
        key: "requester-authorised",
        kind: "CHECK",
        text: "The requester is authorised according to the procedure",
      },
      {
        key: "top-level-by-admins",
        kind: "CHECK",
        text: "Top-level folders are created only by administrators",
      },
      {
        key: "permissions-applied",
        kind: "CHECK",
        text: "Permissions are applied as the procedure specifies",
      },
      {
        key: "folder-path-owner",
        kind: "TEXT",
        text: "Folder path and owner",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command: 'New-PublicFolder -Name "Projects" -Path "\\" -Server {{server}}',
        purpose: "Create the folder in the hierarchy.",
      },
      {
        tool: "exchange-management-shell",
        command: 'Add-PublicFolderClientPermission -Identity "\\Projects" -User jdoe -AccessRights PublishingEditor',
        purpose: "Grant the permissions specified in the request.",
      },
      {
        tool: "public-folder-management-console",
        purpose: "Create the folder and set its permissions and replicas from the console (SP1 and later).",
      },
    ],
    references: [REF_AS_NEEDED_TASKS, ...MOF_REFS],
    changeNote:
      "The procedure now says that the Public Folder Management Console needs Exchange 2007 SP1 or later, and cites the Exchange 2007 MOF page and the SMF alignment page.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "A3",
    slug: "recover-a-mailbox",
    title: "Recover a mailbox",
    cadence: "AS_NEEDED",
    roles: ["MAILBOX"],
    smf: "STORAGE_MANAGEMENT",
    relatedSmfs: ["INCIDENT_MANAGEMENT"],
    purpose:
      "Restore a mailbox that was deleted or damaged, using the deleted-mailbox retention where possible and a backup restored into a recovery storage group otherwise.",
    body: `Mailbox recovery is usually requested under pressure: someone deleted the wrong account, or a user has lost important data. Choosing the right source first saves hours.

**Triggers**: a mailbox was removed by mistake, a leaver's data is needed again, or a user's mailbox content was lost or corrupted.

**What retention gives you.** A mailbox removed with \`Disable-Mailbox\` stays in its database as a disconnected mailbox for the deleted mailbox retention period, and items a user deleted stay recoverable (Outlook's Recover Deleted Items) for the deleted item retention period. The Exchange 2007 defaults are **30 days** for mailboxes and **14 days** for items; the monthly security checks (M1) confirm the settings in use.

**Steps**

1. Work out what was lost and when, and compare it with the retention settings of the mailbox's database.
2. Single items deleted within the deleted item retention period: the user (or a delegate) recovers them in Outlook with Recover Deleted Items; no restore is needed.
3. A whole mailbox disconnected within the deleted mailbox retention period: run \`Clean-MailboxDatabase\` on its database first, because a mailbox disabled only a short while ago is not listed as disconnected until the database has been cleaned (or online maintenance has run). Then find it with \`Get-MailboxStatistics\` and reconnect it with \`Connect-Mailbox\`. This is fastest and needs no backup.
4. Otherwise restore from backup into a recovery storage group (RSG):
   1. create the RSG on the Mailbox server;
   2. create the recovery database in it with \`New-MailboxDatabase -MailboxDatabaseToRecover … -StorageGroup …\\RSG -EdbFilePath …\`, naming the production database the mailbox lived in;
   3. restore the backup of that database into the RSG with the backup application;
   4. if the restored database is not in a clean shutdown state, replay its logs with \`eseutil /r\` using the storage group's log prefix;
   5. mount the recovery database with \`Mount-Database\`;
   6. copy the mailbox content back with \`Restore-Mailbox -RSGDatabase\`.

   Database Recovery Management in the Toolbox guides these steps.
5. Check the result with the user: the folders and items they expected are present.
6. Dismount and remove the recovery database and the RSG when they are no longer needed, so they do not use disk space or confuse later work.

**Record** the source used, the incident or request number and the user's confirmation.

**If recovery fails** (no retention copy, no usable backup), escalate to the messaging team lead and tell the requester honestly what can and cannot be recovered. A missing or unusable backup is also raised as a problem.`,
    items: [
      {
        key: "retention-checked",
        kind: "CHECK",
        text: "The deleted item and deleted mailbox retention of the mailbox's database was checked against when the data was lost",
      },
      {
        key: "source-chosen",
        kind: "CHECK",
        text: "Recovery source chosen: deleted-mailbox retention, or a backup restored into a recovery storage group",
      },
      {
        key: "recovery-source",
        kind: "CHOICE",
        text: "Recovery source used",
        choices: ["Deleted-mailbox retention", "Backup in a recovery storage group"],
      },
      {
        key: "restored-and-verified",
        kind: "CHECK",
        text: "Mailbox content is back and the user has confirmed it is complete",
      },
      {
        key: "incident-number",
        kind: "TEXT",
        text: "Incident or request number",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command: "Get-MailboxDatabase -Server {{server}} | Format-Table Name,DeletedItemRetention,MailboxRetention -AutoSize",
        purpose: "Show how long deleted items and deleted mailboxes are kept in each database.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-MailboxDatabase -Server {{server}} | Clean-MailboxDatabase",
        purpose: "Mark mailboxes disabled since the last online maintenance as disconnected, so that the next command lists them.",
      },
      {
        tool: "exchange-management-shell",
        command:
          "Get-MailboxStatistics -Server {{server}} | Where-Object { $_.DisconnectDate -ne $null } | Format-Table DisplayName,Database,DisconnectDate -AutoSize",
        purpose: "Find disconnected mailboxes still held under deleted-mailbox retention.",
      },
      {
        tool: "exchange-management-shell",
        command:
          'Connect-Mailbox -Identity "Jane Doe" -Database "{{server}}\\{{storageGroup}}\\Mailbox Database" -User {{org:netbiosDomain}}\\jdoe',
        purpose: "Reconnect a disconnected mailbox to its user account.",
      },
      {
        tool: "exchange-management-console",
        command: "Recipient Configuration > Disconnected Mailbox > Connect...",
        purpose: "Reconnect a mailbox that is still in deleted-mailbox retention from the console.",
      },
      {
        tool: "exchange-management-shell",
        command:
          "New-StorageGroup -Server {{server}} -Name RSG -LogFolderPath {{var:recoveryPath}} -SystemFolderPath {{var:recoveryPath}} -Recovery",
        purpose: "Create the recovery storage group.",
      },
      {
        tool: "exchange-management-shell",
        command:
          'New-MailboxDatabase -MailboxDatabaseToRecover "{{server}}\\{{storageGroup}}\\Mailbox Database" -StorageGroup "{{server}}\\RSG" -EdbFilePath "{{var:recoveryPath}}\\Mailbox Database.edb"',
        purpose: "Create the recovery database in the RSG for the production database the mailbox lived in.",
      },
      {
        tool: "backup-application",
        purpose: "Restore the database backup into the recovery storage group.",
      },
      {
        tool: "eseutil",
        command: 'Eseutil /r <LogPrefix> /l "{{var:recoveryPath}}" /s "{{var:recoveryPath}}" /d "{{var:recoveryPath}}"',
        purpose: "Only if the restored database is not in a clean shutdown state: replay its logs (the prefix is the storage group's, such as E00).",
      },
      {
        tool: "exchange-management-shell",
        command: 'Mount-Database -Identity "{{server}}\\RSG\\Mailbox Database"',
        purpose: "Mount the restored recovery database.",
      },
      {
        tool: "exchange-management-shell",
        command: 'Restore-Mailbox -Identity jdoe -RSGDatabase "{{server}}\\RSG\\Mailbox Database"',
        purpose: "Copy mailbox content from the database restored into the recovery storage group.",
      },
      {
        tool: "database-recovery-management",
        command: "Exchange Management Console > Toolbox > Database Recovery Management",
        purpose: "Walk through creating the recovery storage group, restoring and mounting the database.",
      },
    ],
    references: [REF_AS_NEEDED_TASKS, REF_DELETED_ITEM_RETENTION, REF_CMDLET_GET_MAILBOXDATABASE, REF_DATABASE_TROUBLESHOOTER, ...MOF_REFS],
    practitionerGuidance: [
      "That a mailbox disabled a short while ago is listed as disconnected only after Clean-MailboxDatabase (or online maintenance) has run rests on Exchange 2007 practice.",
      "The order of the recovery storage group steps (New-MailboxDatabase -MailboxDatabaseToRecover, restore, eseutil /r when the database is not in a clean shutdown state, Mount-Database, Restore-Mailbox) rests on Exchange 2007 practice; Database Recovery Management in the Toolbox walks through the same steps.",
    ],
    changeNote:
      "Clean-MailboxDatabase now runs before disconnected mailboxes are listed, because a mailbox disabled minutes ago is not shown until it has. The recovery storage group restore is complete (New-MailboxDatabase -MailboxDatabaseToRecover, restore, eseutil /r if needed, Mount-Database, then Restore-Mailbox), and a new item and command check the deleted item and deleted mailbox retention (defaults 14 and 30 days) that decide the first recovery path.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "A4",
    slug: "perform-a-full-security-audit",
    title: "Perform a full security audit",
    cadence: "AS_NEEDED",
    roles: ALL_ROLES,
    smf: "SECURITY_MANAGEMENT",
    purpose:
      "Carry out a complete security audit of the messaging environment when the schedule, a redesign or a security incident calls for one, going beyond the monthly permission checks.",
    body: `The monthly security checks look at permissions; a full audit tests the environment from the outside as an attacker would, and confirms that security fixes are actually in place.

**Triggers**

- the regular audit schedule set by the security policy;
- an upgrade or redesign of the messaging system;
- an attempted or successful security breach.

**Steps**

1. Agree the scope and timing with the security officer and, for port scans and penetration tests, get written authorisation through change control.
2. Run port scans against the Exchange servers and the firewalls, from outside and from inside, and compare the open ports with those the design allows.
3. Audit the security fixes applied on every server against the current list of applicable updates.
4. Commission a penetration test from a third party, give them the agreed scope, and receive their report.
5. Turn every finding into an action with an owner and a date.

**Record** the trigger, the findings and the actions.

**If the audit finds a serious weakness**, treat it as a security incident: escalate to the security officer immediately and apply a mitigation before the full fix.`,
    items: [
      {
        key: "audit-trigger",
        kind: "CHOICE",
        text: "What triggered this audit",
        choices: ["Regular schedule", "Messaging upgrade or redesign", "Attempted or successful breach"],
      },
      {
        key: "port-scans",
        kind: "CHECK",
        text: "Port scans of the servers and firewalls have been carried out",
      },
      {
        key: "security-fixes-audited",
        kind: "CHECK",
        text: "Applied security fixes have been audited",
      },
      {
        key: "penetration-test",
        kind: "CHECK",
        text: "A third-party penetration test has been commissioned",
      },
    ],
    tools: [
      {
        tool: "port-scanner",
        purpose: "Scan the Exchange servers and firewalls for open ports from inside and outside the perimeter.",
      },
      {
        tool: "mbsa",
        command: "mbsacli /target {{org:netbiosDomain}}\\{{server}}",
        purpose: "Audit the security updates and basic security settings of each server.",
      },
      {
        tool: "external-penetration-test",
        purpose: "Have an outside firm test the environment and report the weaknesses found.",
      },
      {
        tool: "change-control-process",
        purpose: "Authorise the scans and the penetration test in advance.",
      },
    ],
    references: [REF_AS_NEEDED_TASKS, ...MOF_REFS],
    changeNote: "The procedure now cites the Exchange 2007 MOF page and the SMF alignment page that justify its Security Management tag.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "A5",
    slug: "update-performance-baselines",
    title: "Update performance baselines",
    cadence: "AS_NEEDED",
    roles: ALL_ROLES,
    smf: "CAPACITY_MANAGEMENT",
    relatedSmfs: ["SERVICE_MONITORING_AND_CONTROL"],
    purpose:
      "Capture a new performance baseline after any upgrade or configuration change, so that the daily checks compare against what is normal now rather than before the change.",
    body: `The daily checks judge counters against a baseline. After an upgrade, a hardware change or a significant configuration change, the old baseline no longer describes normal, and the checks start either raising false alarms or missing real problems.

**Trigger**: any upgrade or configuration change, once the change has settled (typically after a full business week).

**Steps**

1. Collect a counter log over a representative period covering busy and quiet hours, with the same counters the daily checks use.
2. Run an ExBPA Baseline scan and a Health/Performance Check and keep their reports with the counter log. The organisation-wide ExBPA Health Check that follows every change is its own procedure (M5).
3. Store the new baseline with the date and the change that triggered it.
4. Review the thresholds used by the daily CPU and memory, disk, message queue, mailbox database and Client Access checks against the new baseline, and raise a change to adjust any that no longer fit.

**Record** the change that triggered the new baseline and where it is stored.

**If the new baseline is worse than expected** for the change made, raise an incident or problem before accepting it as the new normal.`,
    items: [
      {
        key: "baseline-captured",
        kind: "CHECK",
        text: "A new baseline has been captured and stored",
      },
      {
        key: "thresholds-reviewed",
        kind: "CHECK",
        text: "Thresholds of the daily CPU and memory, disk, message queue, mailbox database and Client Access checks have been reviewed against it",
      },
      {
        key: "triggering-change",
        kind: "TEXT",
        text: "Change or upgrade that triggered the new baseline",
      },
    ],
    tools: [
      {
        tool: "performance-monitor",
        command:
          "logman create counter Exchange_Baseline -cf {{var:perfLogPath}}\\exchange-counters.txt -si 00:00:15 -o {{var:perfLogPath}}\\Exchange_Baseline",
        purpose: "Create a counter log that records the baseline counters every 15 seconds.",
      },
      {
        tool: "exchange-best-practices-analyzer",
        command: "Exchange Management Console > Toolbox > Best Practices Analyzer > Baseline / Health-Performance Check",
        purpose: "Capture a configuration baseline and a health and performance report.",
      },
      {
        tool: "emc-toolbox",
        purpose: "Launch the Best Practices Analyzer and Performance Monitor from one place.",
      },
    ],
    references: [REF_AS_NEEDED_TASKS, REF_EXBPA_SCAN_TYPES, REF_MONITORING_WITHOUT_SCOM, ...MOF_REFS],
    changeNote:
      "The body now points to the monthly and after-change ExBPA Health Check (M5), and the procedure cites the Exchange 2007 MOF page and the SMF alignment page.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "A6",
    slug: "perform-offline-defragmentation",
    title: "Perform offline defragmentation",
    cadence: "AS_NEEDED",
    roles: ["MAILBOX"],
    smf: "STORAGE_MANAGEMENT",
    relatedSmfs: ["CHANGE_MANAGEMENT"],
    purpose:
      "Reclaim unused space inside a mailbox or public folder database by defragmenting it offline, when a large amount of data has been removed and the disk space is needed back.",
    body: `Online maintenance reuses free pages inside a database but never shrinks the file. After a large amount of data has been removed, for example after mailboxes have been moved off a database, offline defragmentation with Eseutil rebuilds the file smaller. It needs an outage and has some risk, so it is done only when the space is actually needed and never as routine.

**Triggers**: a large amount of white space in a database (event 1221 in the Application log, recorded weekly by the online maintenance check, W13) and a real need for the disk space.

**How much free space.** Microsoft asks for free space of at least **110% of the size the database will have after defragmentation** on the volume that holds the temporary file. Work that size out from event 1221: the current size of the .edb file minus the free space the latest 1221 event reports. For example, a 100 GB database with 40 GB of white space ends at about 60 GB and needs about 66 GB free.

**Steps**

1. Raise a change, get it approved and schedule the outage with the users of the database.
2. Take a full backup and confirm it succeeded.
3. Work out the expected size after defragmentation (database size minus the 1221 white space) and make sure the volume of {{var:tempPath}} has at least 110% of it free. Put the temporary file on another volume if the database's own volume is short.
4. Dismount the database and run \`Eseutil /d\`.
5. Mount the database and check it with \`Test-MAPIConnectivity\`.
6. Take a fresh full backup straight away, because earlier backups and logs no longer match the new file.

**Record** the database size before and after.

**If Eseutil fails**, do not delete anything: keep the original file, mount it again, raise an incident and escalate to the messaging team.`,
    items: [
      {
        key: "change-approved-backup-taken",
        kind: "CHECK",
        text: "Change approved, outage scheduled and a full backup taken first",
      },
      {
        key: "free-space-for-end-size",
        kind: "CHECK",
        text: "The volume of {{var:tempPath}} has free space of at least 110% of the database's expected size after defragmentation",
      },
      {
        key: "free-space-percent-of-end-size",
        kind: "NUMBER",
        text: "Free space on the volume of {{var:tempPath}} as a percentage of the expected size after defragmentation (database size minus the white space of event 1221)",
        unit: "%",
        min: 110,
        help: "Microsoft's figure: at least 110% of the end size.",
        source: REF_HOW_TO_RUN_ESEUTIL_D,
      },
      {
        key: "size-before",
        kind: "NUMBER",
        text: "Database size before defragmentation",
        unit: "GB",
      },
      {
        key: "size-after",
        kind: "NUMBER",
        text: "Database size after defragmentation",
        unit: "GB",
      },
      {
        key: "fresh-full-backup",
        kind: "CHECK",
        text: "A fresh full backup was taken after defragmentation",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command: 'Dismount-Database -Identity "{{server}}\\{{storageGroup}}\\Mailbox Database"',
        purpose: "Take the database offline before running Eseutil.",
      },
      {
        tool: "eseutil",
        command: 'Eseutil /d "{{var:databasePath}}\\{{storageGroup}}\\Mailbox Database.edb" /t "{{var:tempPath}}\\tempdfrg.edb"',
        purpose: "Defragment the database offline, using a temporary file on another volume.",
      },
      {
        tool: "exchange-management-shell",
        command: 'Mount-Database -Identity "{{server}}\\{{storageGroup}}\\Mailbox Database"',
        purpose: "Bring the database back online after defragmentation.",
      },
      {
        tool: "backup-application",
        purpose: "Take the full backups before and after the defragmentation.",
      },
      {
        tool: "change-control-process",
        purpose: "Approve and schedule the outage.",
      },
    ],
    references: [REF_HOW_TO_RUN_ESEUTIL_D, REF_ESEUTIL_D_MODE, REF_CMDLET_TEST_MAPICONNECTIVITY, REF_E2003_UNDERSTANDING_OPERATIONS, ...MOF_REFS],
    changeNote:
      "The free-space requirement now follows Microsoft: at least 110% of the database's size after defragmentation (its size minus the white space of event 1221), not of its current size and no longer called a rule of thumb; the two free-space items have new keys because their meaning changed, and the number item names the volume and its source. Change Management is now a related MOF function, since the task needs an approved change and outage, and the Exchange 2007 Eseutil /D pages replace the copy of the 2003 guide.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "A7",
    slug: "verify-store-integrity",
    title: "Verify store integrity",
    cadence: "AS_NEEDED",
    roles: ["MAILBOX"],
    smf: "STORAGE_MANAGEMENT",
    relatedSmfs: ["PROBLEM_MANAGEMENT", "CHANGE_MANAGEMENT"],
    purpose:
      "Check the physical and logical integrity of a mailbox or public folder database when troubleshooting points to corruption, and log the results.",
    body: `Integrity checks need the database offline and can take hours on a large store, so they are not a routine task. They are run when symptoms point to corruption: a database that will not mount, repeated store errors in the Application log, or items that users cannot open.

**Triggers**: troubleshooting indicates possible database damage; the Database Troubleshooter recommends it; a database failed to mount after a crash.

**Steps**

1. Run the Database Troubleshooter from the Toolbox and follow its analysis of the database and logs.
2. Dismount the database (inside an approved change unless the database is already down) and read its header with \`Eseutil /mh\` to see its state and the logs it needs.
3. If the troubleshooting points to logical damage, run \`Isinteg\` in test mode first; run repairs only when the results and the messaging team lead agree.
4. Mount the database again and confirm users can reach it.
5. Take a full backup after any repair.

**Record** the database state reported and the results of each tool.

**If the database is damaged beyond repair**, escalate immediately and move to recovery from backup (see the mailbox recovery procedure); raise a problem record to find the cause of the corruption, which is often the storage layer.`,
    items: [
      {
        key: "run-only-when-indicated",
        kind: "CHECK",
        text: "The integrity check was run only because troubleshooting indicated it",
      },
      {
        key: "database-state",
        kind: "CHOICE",
        text: "Database state reported by Eseutil /mh",
        choices: ["Clean Shutdown", "Dirty Shutdown"],
        passChoices: ["Clean Shutdown"],
      },
      {
        key: "results-logged",
        kind: "CHECK",
        text: "The results have been logged",
      },
    ],
    tools: [
      {
        tool: "database-troubleshooter",
        command: "Exchange Management Console > Toolbox > Database Troubleshooter",
        purpose: "Analyse the database and its logs and suggest the next step.",
      },
      {
        tool: "exchange-troubleshooting-assistant",
        purpose: "Host for the Database Troubleshooter; keep its saved report with the results.",
      },
      {
        tool: "eseutil",
        command: 'Eseutil /mh "{{var:databasePath}}\\{{storageGroup}}\\Mailbox Database.edb"',
        purpose: "Read the database header: state, log files required and last backup information.",
      },
      {
        tool: "isinteg",
        command: "Isinteg -s {{server}} -test alltests",
        purpose: "Test the logical integrity of the information store tables of a dismounted database.",
      },
    ],
    references: [REF_E2003_UNDERSTANDING_OPERATIONS, REF_UNDERSTANDING_THE_STORE, REF_DATABASE_TROUBLESHOOTER, ...MOF_REFS],
    changeNote:
      "Change Management is now a related MOF function, since the check needs the database offline inside an approved change. Microsoft's Exchange 2007 store overview and the 2003 operations overview replace the copy of the 2003 guide hosted on a document-sharing site, and the procedure cites the Exchange 2007 MOF page and the SMF alignment page.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "A8",
    slug: "review-disaster-recovery-preparation",
    title: "Review disaster recovery preparation",
    cadence: "AS_NEEDED",
    roles: ALL_ROLES,
    smf: "IT_SERVICE_CONTINUITY_MANAGEMENT",
    relatedSmfs: ["AVAILABILITY_MANAGEMENT"],
    purpose:
      "Review whether the organisation is ready to recover the messaging service from a disaster: strategy, protected data, media, records, procedures and fault tolerance.",
    body: `The monthly recovery test proves one server can be rebuilt. This review checks the preparation as a whole and is the place to fix gaps the tests expose.

**Triggers**: a new or redesigned messaging system, a change in the SLA, a failed recovery test, or the yearly continuity review.

**Steps**

1. Confirm the backup and restore strategy is derived from the SLA: allowed downtime, recovery time and how much data loss is tolerable. It must cover hardware, backup application, scope, the method for recovering a whole server, the schedule and the backup type for each kind of data.
2. Confirm the data to protect is identified: operating system and system state, domain controller data, IIS metabase, databases and logs, connector-specific data, certificate authority data, cluster configuration, individual mailboxes where needed and any other unique data.
3. Confirm firmware and software updates can be applied, installation media is at hand and copies of all required software are kept.
4. Confirm hardware and software records are current and spare hardware is available where possible.
5. Confirm the recovery procedures are documented and tested, staff are trained, drills are held and insurance is adequate.
6. Confirm LCR, CCR or SCR, RAID and multipath I/O have been considered for mailbox fault tolerance, and that the chosen design fits the editions bought: Exchange 2007 Standard Edition allows at most five storage groups and five databases per server, and clustered mailbox servers (CCR, SCC) need Exchange Enterprise Edition on Windows Server Enterprise Edition. SCR needs Exchange 2007 SP1 or later.
7. Where SCR is deployed, confirm there is a written and tested activation procedure (A10). SCR has no automatic failover: an operator must activate the standby copy with \`Restore-StorageGroupCopy\` and then bring the databases online on the standby server, by database portability or by recovering the lost server's identity on it.

**Record** each gap found with its owner.

**If a gap is found**, raise a problem or change to close it and report it to the IT service continuity manager.`,
    items: [
      {
        key: "strategy-from-sla",
        kind: "CHECK",
        text: "Backup and restore strategy is derived from the SLA (downtime, recovery time, data-loss tolerance) and covers hardware, application, scope, whole-server recovery, schedule and backup type per data category",
      },
      {
        key: "data-identified",
        kind: "CHECK",
        text: "Data to protect is identified: OS and system state, DC data, IIS metabase, databases and logs, connector data, CA data, cluster configuration, individual mailboxes where needed, other unique data",
      },
      {
        key: "media-and-software",
        kind: "CHECK",
        text: "Firmware and software updates can be applied, installation media is at hand and copies of all required software are kept",
      },
      {
        key: "records-and-spares",
        kind: "CHECK",
        text: "Hardware and software records are kept and spare hardware is available where possible",
      },
      {
        key: "procedures-tested",
        kind: "CHECK",
        text: "Recovery procedures are documented and tested, staff trained, drills held and insurance adequate",
      },
      {
        key: "fault-tolerance-considered",
        kind: "CHECK",
        text: "LCR, CCR or SCR (and RAID and multipath) have been considered for mailbox data fault tolerance",
      },
      {
        key: "edition-fits-design",
        kind: "CHECK",
        text: "The Exchange and Windows editions fit the design: Standard Edition's five storage groups and five databases per server are enough, and clustered mailbox servers run Enterprise Edition",
      },
      {
        key: "scr-activation-runbook",
        kind: "CHECK",
        text: "Where SCR is deployed, a written activation procedure exists and has been exercised, because SCR has no automatic failover",
        required: false,
        help: "Leave unticked if SCR is not deployed.",
      },
    ],
    tools: [
      {
        tool: "checklist-and-team-procedure",
        purpose: "Work through the preparation checklist and record the gaps.",
      },
      {
        tool: "backup-application",
        purpose: "Confirm the backup jobs cover every category of data to protect.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-StorageGroup | Format-Table Name,Server,HasLocalCopy,StandbyMachines -AutoSize",
        purpose: "See which storage groups have a local copy (LCR) or a standby copy (SCR, which needs SP1 or later).",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-ExchangeServer | Where-Object { $_.IsMailboxServer } | Format-Table Name,Edition,AdminDisplayVersion -AutoSize",
        purpose: "Show the edition of every Mailbox server, to compare with the continuity design.",
      },
    ],
    references: [
      REF_DR_PREPARATION_CHECKLIST,
      REF_E2003_DR_PREPARATION_CHECKLIST,
      REF_CMDLET_GET_STORAGEGROUP,
      REF_CMDLET_GET_STORAGEGROUPCOPYSTATUS,
      REF_SLIPSTICK_DATABASE_SIZE,
      ...MOF_REFS,
    ],
    practitionerGuidance: [
      "That clustered mailbox servers (CCR and SCC) need Exchange Enterprise Edition on Windows Server Enterprise Edition is practitioner knowledge; a third-party page confirms the Standard Edition limits of five storage groups and five databases.",
      "Activating an SCR copy with Restore-StorageGroupCopy and then database portability or a recovery of the lost server's identity rests on Exchange 2007 practice.",
    ],
    changeNote:
      "New items check that the Exchange and Windows editions fit the continuity design (Standard: five storage groups and five databases per server; clustered mailbox servers need Enterprise) and that an SCR activation procedure exists and is exercised, since SCR has no automatic failover; the body states that SCR needs SP1. The procedure now cites Microsoft's Get-StorageGroup and Get-StorageGroupCopyStatus pages, an edition-limits page, the Exchange 2007 MOF page and the SMF alignment page.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "A9",
    slug: "configure-performance-monitoring-and-alerts",
    title: "Configure performance monitoring and alerts",
    cadence: "AS_NEEDED",
    roles: ALL_ROLES,
    smf: "SERVICE_MONITORING_AND_CONTROL",
    purpose:
      "Set up counter logs and alerts for the thresholds used in the daily checks, and inspect the transport queues on demand when users report delays.",
    body: `The daily checks catch problems once a day; alerts catch them when they happen. Where no MOM or Operations Manager is deployed, Performance Logs and Alerts provides a simple alternative. The same task covers looking at the transport queues whenever users report that mail is slow.

**Triggers**: a new server is built, a baseline or threshold changes, or users report delayed mail.

**Steps**

1. Create counter logs on each server for the counters of the daily CPU and memory, disk, message queue, mailbox database, Client Access and Unified Messaging checks.
2. In Performance Logs and Alerts, create alerts for the same counters with the thresholds the daily checks use, sending a network message or writing an event that the monitoring system picks up.
3. Test each alert by lowering its threshold temporarily and confirming the notification arrives.
4. Where MOM with the Exchange Management Pack is deployed, check its rules cover the same thresholds instead.
5. When users report delays, open Queue Viewer or run \`Get-Queue\` on the Hub Transport and Edge Transport servers at once, without waiting for the next daily check.

**Record** the alerts configured and, for on-demand inspections, what was found.

**If an alert cannot be delivered**, or an on-demand inspection finds a backlog, raise an incident.`,
    items: [
      {
        key: "logs-and-alerts-configured",
        kind: "CHECK",
        text: "Counter logs and alerts are configured for the thresholds used in the daily checks",
      },
      {
        key: "alerts-tested",
        kind: "CHECK",
        text: "Each alert has been tested and its notification received",
      },
      {
        key: "on-demand-inspection",
        kind: "CHECK",
        text: "Transport queues are inspected on demand whenever users report delays",
        required: false,
        help: "Tick when this run was triggered by a user report of delayed mail.",
      },
    ],
    tools: [
      {
        tool: "performance-monitor",
        command:
          "logman create counter Exchange_Daily -cf {{var:perfLogPath}}\\exchange-counters.txt -si 00:01:00 -o {{var:perfLogPath}}\\Exchange_Daily",
        purpose: "Create the counter log; alerts are then configured under Performance Logs and Alerts > Alerts.",
      },
      {
        tool: "mom-exchange-management-pack",
        purpose: "Where deployed, check the Management Pack rules cover the same thresholds.",
      },
      {
        tool: "queue-viewer",
        purpose: "Inspect the transport queues as soon as users report delays.",
      },
      {
        tool: "exchange-management-shell",
        command:
          "Get-ExchangeServer | Where-Object { $_.IsHubTransportServer } | ForEach-Object { Get-Queue -Server $_.Name } | Sort-Object MessageCount -Descending",
        purpose: "List the queues of every Hub Transport server in one go during an on-demand inspection.",
      },
    ],
    references: [REF_MONITORING_WITHOUT_SCOM, REF_MOM_2005, REF_QUEUE_VIEWER, REF_TT_QUEUE_VIEWER, ...MOF_REFS],
    changeNote:
      "The copy of the 2003 operations guide hosted on a document-sharing site is no longer cited (Microsoft's Exchange 2007 monitoring pages already cover the task), and the procedure cites the Exchange 2007 MOF page and the SMF alignment page.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "A10",
    slug: "activate-a-standby-continuous-replication-copy",
    title: "Activate a standby continuous replication copy",
    cadence: "AS_NEEDED",
    roles: ["MAILBOX"],
    smf: "IT_SERVICE_CONTINUITY_MANAGEMENT",
    relatedSmfs: ["AVAILABILITY_MANAGEMENT", "INCIDENT_MANAGEMENT"],
    purpose:
      "Bring the mailbox databases of a lost Mailbox server back into service from their standby continuous replication (SCR) copies, by a written and rehearsed procedure, because SCR never fails over by itself.",
    body: `Standby continuous replication (SCR, Exchange 2007 SP1 and later) ships the transaction logs of a storage group to a standby Mailbox server ({{var:scrTarget}} for this server). Unlike a CCR cluster, nothing happens automatically when the source fails: an operator decides to activate the copy and carries out every step. The copy may also be behind on purpose, by its replay lag; the logs it has received are replayed during activation. The same steps are rehearsed in the monthly recovery test (M3) when SCR is the target.

**Triggers**: the source Mailbox server or its storage is lost and cannot be brought back within the recovery time objective, and the incident manager has decided to activate; or a planned rehearsal.

**Steps**

1. Record the decision to activate, who took it and the data loss accepted.
2. Read the copy status for the storage groups on the standby server: copy and replay queue lengths and the time of the last log inspected, which bounds the data loss.
3. Activate each storage group copy with \`Restore-StorageGroupCopy\`. While the source is still reachable the cmdlet copies the remaining logs first; when it is lost, add \`-Force\`.
4. On the standby server, check each database with \`Eseutil /mh\`. If it is not in a clean shutdown state, replay the logs with \`Eseutil /r\` and the storage group's log prefix.
5. Bring the databases online on the standby server, by one of two routes:
   - **database portability**: create a storage group and database on the standby server pointing at the activated files, allow the database to be overwritten by a restore (\`Set-MailboxDatabase -AllowFileRestore\`), mount it, and re-home the users' mailboxes to it with \`Move-Mailbox -ConfigurationOnly\`;
   - **server recovery**: where the standby hardware takes over the lost server's identity, recover that server with \`setup /m:RecoverServer\` and mount its databases from the activated files.
6. Confirm users can open their mailboxes (Outlook clients follow the moved mailboxes through Autodiscover or on their next logon) and that mail is delivered to them.
7. Plan the way back: SCR to a rebuilt source, or a new standby, has to be set up again; the old relationship does not resume by itself.

**Record** the decision, the data-loss window and the time each database came back.

**If activation fails** (the copy is damaged, logs are missing), escalate to the messaging team lead and fall back to a restore from backup (A3 and the recovery steps of M3).`,
    items: [
      {
        key: "activation-decided",
        kind: "CHECK",
        text: "The decision to activate, who took it and the accepted data loss are recorded",
      },
      {
        key: "copy-status-recorded",
        kind: "CHECK",
        text: "The copy status of each storage group on {{var:scrTarget}} was read before activation",
      },
      {
        key: "copies-activated",
        kind: "CHECK",
        text: "Every storage group copy was activated with Restore-StorageGroupCopy",
      },
      {
        key: "database-state-after-replay",
        kind: "CHOICE",
        text: "Database state on the standby server before mounting (Eseutil /mh)",
        choices: ["Clean Shutdown", "Dirty Shutdown"],
        passChoices: ["Clean Shutdown"],
      },
      {
        key: "users-back-in-service",
        kind: "CHECK",
        text: "The databases are mounted on the standby server, users open their mailboxes and mail reaches them",
      },
      {
        key: "data-loss-window",
        kind: "TEXT",
        text: "Time of the last log replayed (the data-loss window)",
      },
      {
        key: "replication-re-established",
        kind: "CHECK",
        text: "Setting up SCR again (to a rebuilt source or a new standby) is planned with an owner",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command:
          "Get-StorageGroupCopyStatus -Server {{server}} -StandbyMachine {{var:scrTarget}} | Format-List Identity,SummaryCopyStatus,CopyQueueLength,ReplayQueueLength,LastInspectedLogTime",
        purpose: "SP1 and later: read the state of each SCR copy on the standby server before activating it.",
      },
      {
        tool: "exchange-management-shell",
        command: 'Restore-StorageGroupCopy -Identity "{{server}}\\{{storageGroup}}" -StandbyMachine {{var:scrTarget}}',
        purpose: "Activate the standby copy while the source can still be reached (the remaining logs are copied first).",
      },
      {
        tool: "exchange-management-shell",
        command: 'Restore-StorageGroupCopy -Identity "{{server}}\\{{storageGroup}}" -StandbyMachine {{var:scrTarget}} -Force',
        purpose: "Activate the standby copy when the source server is lost.",
      },
      {
        tool: "eseutil",
        command: 'Eseutil /mh "{{var:databasePath}}\\{{storageGroup}}\\Mailbox Database.edb"',
        purpose: "On the standby server: read the state of the activated database.",
      },
      {
        tool: "eseutil",
        command: 'Eseutil /r <LogPrefix> /l "{{var:logPath}}\\{{storageGroup}}" /d "{{var:databasePath}}\\{{storageGroup}}"',
        purpose: "On the standby server, only if the database is not in a clean shutdown state: replay the copied logs.",
      },
      {
        tool: "exchange-management-shell",
        command: 'Mount-Database -Identity "<DatabaseOnStandbyServer>"',
        purpose: "Mount the database on the standby server once it points at the activated files.",
      },
      {
        tool: "exchange-setup",
        command: "setup.com /m:RecoverServer",
        purpose: "Server recovery route: give the standby hardware the lost server's identity.",
      },
    ],
    references: [REF_CMDLET_GET_STORAGEGROUPCOPYSTATUS, REF_CMDLET_GET_STORAGEGROUP, REF_DR_PREPARATION_CHECKLIST, ...MOF_REFS],
    practitionerGuidance: [
      "The activation sequence (Restore-StorageGroupCopy, with -Force when the source is lost; Eseutil /r; database portability with Set-MailboxDatabase -AllowFileRestore and Move-Mailbox -ConfigurationOnly, or /m:RecoverServer) rests on Exchange 2007 SP1 practice; no Microsoft page describing it is among the library's sources.",
      "The commands that name {{var:databasePath}} and {{var:logPath}} assume the standby copy is kept at the same paths as the source storage group, which is how SCR places it.",
    ],
    changeNote:
      "New procedure: the content review found no SCR activation runbook, although SCR has no automatic failover and must be activated by hand (Restore-StorageGroupCopy, then database portability or server recovery).",
  },
];
