// Monthly operations procedures (M1–M7) for the Exchange Server 2007 organisation.
import type { SeedProcedure, SeedReference } from "./types";
import type { ExchangeRole } from "../../lib/procedures/vocabulary";
import { TOOL_SET_PROCEDURE_CODE, toolSetItems } from "../../lib/tools/standard-set";
import { seedTools } from "./tools";
import {
  REF_ANTISPAM_UPDATES,
  REF_CMDLET_GET_MAILBOXDATABASE,
  REF_CMDLET_GET_STORAGEGROUPCOPYSTATUS,
  REF_DATABASE_TROUBLESHOOTER,
  REF_E2003_SUMMARY_CHECKLIST,
  REF_EDGE_CLONED_CONFIG,
  REF_EMC_OVERVIEW,
  REF_EXBPA_SCAN_TYPES,
  REF_MOF_CHANGING_QUADRANT_SMFS,
  REF_MOF_EXCHANGE_2007,
  REF_MOF_SMF_ALIGNMENT,
  REF_MOM_2005,
  REF_MONTHLY_CHECKLIST,
  REF_MONTHLY_TASKS,
} from "./references";

// Every procedure cites the pages that justify its MOF tag: how Exchange 2007 uses MOF, and which
// quadrant each Service Management Function belongs to.
const MOF_REFS: SeedReference[] = [REF_MOF_EXCHANGE_2007, REF_MOF_SMF_ALIGNMENT];

// Pages this file cites that the shared reference list does not hold.
export const REF_DELETED_ITEM_RETENTION: SeedReference = {
  title: "Exchange Server 2007: Deleted item and deleted mailbox retention (German edition)",
  url: "https://technet.microsoft.com/de-de/library/bb125266(v=exchg.80).aspx",
};

export const REF_SLIPSTICK_DATABASE_SIZE: SeedReference = {
  title: "Slipstick Systems: Exchange database size limits (Exchange 2007 Standard and Enterprise)",
  url: "https://www.slipstick.com/exchange/exchange-database-how-high-can-i-go/",
};

const REF_EXCHANGEPEDIA_SELF_SIGNED_CERTIFICATE: SeedReference = {
  title: "Exchangepedia: Exchange Server 2007, renewing the self-signed certificate (valid for one year)",
  url: "http://exchangepedia.com/2008/01/exchange-server-2007-renewing-the-self-signed-certificate.html",
};

const ALL_ROLES: SeedProcedure["roles"] = [
  "MAILBOX",
  "HUB_TRANSPORT",
  "CLIENT_ACCESS",
  "EDGE_TRANSPORT",
  "UNIFIED_MESSAGING",
];

export const monthlyProcedures: SeedProcedure[] = [
  // ---------------------------------------------------------------------------------------------
  {
    code: "M1",
    slug: "perform-security-checks",
    title: "Perform security checks",
    cadence: "MONTHLY",
    roles: ALL_ROLES,
    smf: "SECURITY_ADMINISTRATION",
    relatedSmfs: ["SECURITY_MANAGEMENT"],
    purpose:
      "Audit firewall rules, user rights, group memberships and mailbox permissions every month, so that access granted for a reason that no longer applies is found and removed.",
    body: `Permissions accumulate: a firewall rule opened for a migration, an administrator who changed jobs, a delegate added for holiday cover. None of these raises an alarm, so they have to be looked for. This monthly audit compares what is granted with what is approved.

**Steps**

1. Review the rules on the perimeter and internal firewalls that concern Exchange (SMTP to the Edge Transport server, HTTPS to the Client Access server, EdgeSync and any others) against the approved rule set.
2. List Exchange administrator role holders with \`Get-ExchangeAdministrator\` and confirm each one is still approved.
3. Review membership of the Exchange and Windows administrative groups in Active Directory Users and Computers.
4. List explicit mailbox permissions (full access) and Send As rights and confirm each has a current business reason.
5. Confirm that deleted item retention and deleted mailbox retention on every mailbox database match the policy. The Exchange 2007 defaults are 14 days for deleted items and 30 days for deleted mailboxes; the first and fastest way to recover a mailbox (A3) depends on them.
6. Remove what is no longer approved, through change control where the procedure requires it.

**Record** what was reviewed and every access removed.

**If the audit finds unapproved access**, raise a security incident and tell the security officer; if there is any sign the access was used improperly, preserve the logs before making changes.`,
    items: [
      {
        key: "firewall-rules-audited",
        kind: "CHECK",
        text: "Firewall rules have been audited against the approved rule set",
      },
      {
        key: "user-rights-audited",
        kind: "CHECK",
        text: "User rights, including Exchange administrator roles, have been audited",
      },
      {
        key: "group-memberships-audited",
        kind: "CHECK",
        text: "Administrative group memberships have been audited",
      },
      {
        key: "mailbox-permissions-audited",
        kind: "CHECK",
        text: "Delegate and mailbox permissions have been audited",
      },
      {
        key: "retention-settings-match-policy",
        kind: "CHECK",
        text: "Deleted item and deleted mailbox retention on every mailbox database match the policy (Exchange 2007 defaults: 14 and 30 days)",
      },
    ],
    tools: [
      {
        tool: "firewall-console",
        purpose: "Review the firewall rules that allow traffic to and from the Exchange servers.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-ExchangeAdministrator | Format-Table Identity,Role,Scope -AutoSize",
        purpose: "List everyone holding an Exchange administrator role and its scope.",
      },
      {
        tool: "exchange-management-shell",
        command:
          'Get-Mailbox -ResultSize Unlimited | Get-MailboxPermission | Where-Object { $_.IsInherited -eq $false -and $_.User -notlike "NT AUTHORITY\\SELF" } | Format-Table Identity,User,AccessRights -AutoSize',
        purpose: "List explicitly granted mailbox permissions such as full access.",
      },
      {
        tool: "exchange-management-shell",
        command:
          'Get-Mailbox -ResultSize Unlimited | Get-ADPermission | Where-Object { $_.ExtendedRights -like "*Send-As*" -and $_.User -notlike "NT AUTHORITY\\SELF" } | Format-Table Identity,User -AutoSize',
        purpose: "List Send As rights granted on mailboxes.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-MailboxDatabase | Format-Table Name,DeletedItemRetention,MailboxRetention,RetainDeletedItemsUntilBackup -AutoSize",
        purpose: "Show the deleted item and deleted mailbox retention of every mailbox database.",
      },
      {
        tool: "active-directory-users-and-computers",
        purpose: "Review membership of administrative groups.",
      },
    ],
    references: [REF_MONTHLY_TASKS, REF_MONTHLY_CHECKLIST, REF_DELETED_ITEM_RETENTION, REF_CMDLET_GET_MAILBOXDATABASE, ...MOF_REFS],
    changeNote:
      "A new item and command check each mailbox database's deleted item and deleted mailbox retention against the policy (Exchange 2007 defaults 14 and 30 days), because mailbox recovery depends on them. The procedure now cites Microsoft's retention page, the Exchange 2007 MOF page and the SMF alignment page.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "M2",
    slug: "perform-capacity-planning",
    title: "Perform capacity planning",
    cadence: "MONTHLY",
    roles: ALL_ROLES,
    smf: "CAPACITY_MANAGEMENT",
    purpose:
      "Compare current capacity and performance with what the SLA requires and turn the growth trend into an upgrade plan before resources run out.",
    body: `Disk space, processor, memory and network capacity are consumed gradually, and hardware takes weeks to buy and install. Monthly planning turns the weekly reports into decisions early enough to act on them.

**Steps**

1. Gather the month's data: the weekly trend reports, MOM reports where available, store and log volume sizes, mailbox counts and message volumes.
2. Compare current capacity and performance with what the SLA demands, for each role.
3. Review last month's capacity figures and SLA targets and note what changed.
4. Check the database sizes and the edition limits. Exchange 2007 sets no size cap on a database in either edition, but Standard Edition allows at most five storage groups and five databases per server, and clustered mailbox servers (CCR, SCC) need Exchange Enterprise Edition on Windows Server Enterprise Edition. For restore times, the usual Exchange 2007 sizing keeps a database to about 100 GB when it has no continuous replication copy and about 200 GB when it has one (LCR or CCR).
5. Project the trend forward (for example six and twelve months) and identify the first resource to run out.
6. Build or update the upgrade plan: what, when and at what cost. Hand the plan to the change and release processes for execution, and follow it until it is carried out.

**Record** total database size, monthly growth and the planned actions.

**If the projection shows a shortfall** within the lead time for new hardware, escalate to the service owner and the budget holder now; do not wait for the next monthly review.`,
    items: [
      {
        key: "capacity-vs-sla",
        kind: "CHECK",
        text: "Current capacity and performance have been compared with what the SLA requires",
      },
      {
        key: "previous-month-reviewed",
        kind: "CHECK",
        text: "Last month's capacity figures and SLA targets have been reviewed",
      },
      {
        key: "upgrade-plan",
        kind: "CHECK",
        text: "An upgrade plan has been built from the historical growth trend and its execution scheduled",
      },
      {
        key: "total-database-size",
        kind: "NUMBER",
        text: "Total size of all mailbox databases",
        unit: "GB",
        help: "No fixed limit; compare with last month and with the storage available.",
      },
      {
        key: "monthly-growth",
        kind: "NUMBER",
        text: "Growth in total database size since last month",
        unit: "%",
        help: "No fixed limit; use it to project when storage will run out.",
      },
      {
        key: "largest-database-without-copy",
        kind: "NUMBER",
        text: "Size of the largest mailbox database that has no continuous replication copy",
        unit: "GB",
        max: 100,
        required: false,
        help: "About 100 GB keeps a restore from backup within a working night. Leave empty if every database has an LCR or CCR copy.",
        source: "practitioner",
      },
      {
        key: "largest-database-with-copy",
        kind: "NUMBER",
        text: "Size of the largest mailbox database that has an LCR or CCR copy",
        unit: "GB",
        max: 200,
        required: false,
        help: "About 200 GB when a continuous replication copy can take over. Leave empty if no database has one.",
        source: "practitioner",
      },
      {
        key: "edition-limits-respected",
        kind: "CHECK",
        text: "No Standard Edition server is at its limit of five storage groups or five databases, and every clustered mailbox server runs Enterprise Edition",
      },
    ],
    tools: [
      {
        tool: "mom-exchange-management-pack",
        purpose: "Produce long-term capacity reports and forecasts.",
      },
      {
        tool: "performance-monitor",
        purpose: "Use counter logs as the trend data where MOM is not available.",
      },
      {
        tool: "exchange-management-shell",
        command:
          'Get-MailboxDatabase | ForEach-Object { Get-Item ("\\\\" + $_.Server + "\\" + $_.EdbFilePath.PathName.Replace(":", "$")) } | Format-Table Name,Length -AutoSize',
        purpose: "Read the size of every mailbox database file through the administrative shares.",
      },
      {
        tool: "exchange-management-shell",
        command: "(Get-Mailbox -ResultSize Unlimited | Measure-Object).Count",
        purpose: "Count mailboxes for the growth figures.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-ExchangeServer | Where-Object { $_.IsMailboxServer } | Format-Table Name,Edition,AdminDisplayVersion -AutoSize",
        purpose: "Show the edition (Standard or Enterprise) of every Mailbox server.",
      },
      {
        tool: "exchange-management-shell",
        command: "Get-StorageGroup | Group-Object Server | Format-Table Name,Count -AutoSize",
        purpose: "Count the storage groups on each Mailbox server, to compare with the edition's limit.",
      },
    ],
    references: [REF_MONTHLY_TASKS, REF_MONTHLY_CHECKLIST, REF_MOM_2005, REF_SLIPSTICK_DATABASE_SIZE, ...MOF_REFS],
    practitionerGuidance: [
      "The sizing figures of about 100 GB per database without a continuous replication copy and about 200 GB with one are Exchange 2007 practice; the library found no Microsoft page stating them, so the two limits rest on experience.",
      "That clustered mailbox servers (CCR and SCC) need Exchange Enterprise Edition on Windows Server Enterprise Edition is practitioner knowledge; a third-party page confirms the Standard Edition limits of five storage groups and five databases and that neither edition caps database size.",
    ],
    changeNote:
      "New items record the largest database with and without a continuous replication copy against the usual Exchange 2007 sizing (about 100 and 200 GB, marked as practitioner guidance) and check the edition limits (Standard: five storage groups and five databases per server; clustered mailbox servers need Enterprise). The procedure now cites a page on the edition limits, the Exchange 2007 MOF page and the SMF alignment page.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "M3",
    slug: "test-disaster-recovery",
    title: "Test disaster recovery",
    cadence: "MONTHLY",
    roles: ALL_ROLES,
    smf: "IT_SERVICE_CONTINUITY_MANAGEMENT",
    purpose:
      "Each month, fully recover one component of the messaging system in a test environment by following the documented process, so that the recovery procedures, backups and people are proven to work.",
    body: `A recovery plan that has never been exercised is a guess. Recovering one server a month, rotating through Edge Transport, Client Access, Mailbox, the firewall and so on, proves that the documentation, the backups and the skills are all sound, and shows how long recovery really takes.

**How each kind of server is rebuilt**

- **Standalone Mailbox, Hub Transport, Client Access or Unified Messaging server**: install Windows with the same name, join the domain and run \`setup /m:RecoverServer\`, which rebuilds the server from its configuration in Active Directory; then restore its data (databases, for a Mailbox server).
- **Clustered mailbox server (CCR or SCC)**: \`/m:RecoverServer\` does not apply. Rebuild the cluster node, then run \`setup /RecoverCMS\` with the clustered mailbox server's name and IP address to re-create it on the cluster.
- **Edge Transport server**: its configuration is not in Active Directory, so it cannot be rebuilt with RecoverServer. Install the Edge Transport role and import the cloned configuration exported with \`ExportEdgeConfig.ps1\` (\`ImportEdgeConfig.ps1\`, first to validate and produce an answer file, then to import). The Edge Subscription and its EdgeSync credentials do not survive: subscribe the rebuilt server again from the Hub Transport side. The export is only as current as the last run after a configuration change, so check its date first.
- **Storage group protected by standby continuous replication (SCR)**: SCR has no automatic failover. When the rotation reaches it, exercise the activation on the standby server with the SCR activation procedure (A10).

**Restoring a mailbox database into the recovery storage group**

1. Create the recovery storage group (RSG) on the Mailbox server.
2. Create the recovery database in it with \`New-MailboxDatabase -MailboxDatabaseToRecover … -StorageGroup …\\RSG -EdbFilePath …\`, naming the production database it stands for.
3. Restore the backup into the RSG with the backup application.
4. If the restored database is not in a clean shutdown state, replay its logs with \`eseutil /r\` using the storage group's log prefix.
5. Mount the recovery database with \`Mount-Database\`.
6. Copy a test mailbox's content out with \`Restore-Mailbox -RSGDatabase\`, check it, then dismount and remove the RSG.

Database Recovery Management in the Toolbox guides the same steps.

**Steps**

1. Pick this month's target from the rotation log; it must differ from last month's.
2. Confirm the resources the plan needs are available: spare or virtual hardware, installation media, configuration exports (including the Edge Transport cloned configuration) and backup data.
3. Simulate total loss of the hardware and recover the server in an isolated environment by following the written procedure only, with the method for its kind of server above.
4. For Mailbox servers, restore at least one database from backup into the recovery storage group and recover a test mailbox from it.
5. Time each stage and note every gap or error in the documentation.
6. Update the procedure and the rotation log.

**Record** which server was recovered, how long it took and what needs correcting.

**If the test fails**, raise a problem record and treat fixing the recovery procedure as high priority; inform the IT service continuity manager, because the organisation's recovery capability is not what the plan says.`,
    items: [
      {
        key: "server-fully-recovered",
        kind: "CHECK",
        text: "One server was fully recovered by following the documented process, simulating total hardware loss",
      },
      {
        key: "recovery-method-matches-role",
        kind: "CHECK",
        text: "The rebuild used the method for that kind of server: /m:RecoverServer for a standalone server, /RecoverCMS for a clustered mailbox server, the cloned configuration for Edge Transport",
      },
      {
        key: "resources-available",
        kind: "CHECK",
        text: "Resources, plans and backup data needed for recovery were confirmed available",
      },
      {
        key: "edge-clone-current",
        kind: "CHECK",
        text: "The Edge Transport cloned configuration was exported after the last Edge configuration change, and re-creating the Edge Subscription is documented",
      },
      {
        key: "target-rotated",
        kind: "CHECK",
        text: "A different target from last month was chosen and the rotation log updated",
      },
      {
        key: "backup-restored",
        kind: "CHECK",
        text: "At least one backup was actually restored",
      },
      {
        key: "scr-activation-exercised",
        kind: "CHECK",
        text: "When this month's target is protected by SCR, its activation on the standby server was exercised with the SCR activation procedure (A10)",
        required: false,
        help: "Leave unticked if SCR is not deployed or not this month's target.",
      },
      {
        key: "server-recovered",
        kind: "TEXT",
        text: "Which server was recovered this month",
      },
      {
        key: "recovery-duration",
        kind: "NUMBER",
        text: "Time taken to recover the server",
        unit: "min",
        help: "No fixed figure; compare with the recovery time objective in the continuity plan.",
      },
    ],
    tools: [
      {
        tool: "exchange-setup",
        command: "setup.com /m:RecoverServer",
        purpose: "Rebuild a lost standalone Exchange server from its configuration held in Active Directory.",
      },
      {
        tool: "exchange-setup",
        command: "setup.com /RecoverCMS /CMSName:<ClusteredMailboxServer> /CMSIPAddress:<ClusteredMailboxServerIP>",
        purpose: "Re-create a clustered mailbox server (CCR or SCC) on a rebuilt cluster node.",
      },
      {
        tool: "exchange-management-shell",
        command: '.\\ImportEdgeConfig.ps1 -cloneConfigData:"<CloneConfigFile>" -isImport $false -cloneConfigAnswer:"<AnswerFile>"',
        purpose: "Edge Transport: validate the exported cloned configuration and write the answer file to complete.",
      },
      {
        tool: "exchange-management-shell",
        command: '.\\ImportEdgeConfig.ps1 -cloneConfigData:"<CloneConfigFile>" -isImport $true -cloneConfigAnswer:"<AnswerFile>"',
        purpose: "Edge Transport: import the cloned configuration into the rebuilt server; then subscribe it again.",
      },
      {
        tool: "backup-application",
        purpose: "Restore the storage group or configuration data needed for the test.",
      },
      {
        tool: "exchange-management-shell",
        command:
          "New-StorageGroup -Server {{server}} -Name RSG -LogFolderPath {{var:recoveryPath}} -SystemFolderPath {{var:recoveryPath}} -Recovery",
        purpose: "Create a recovery storage group to restore a mailbox database into.",
      },
      {
        tool: "exchange-management-shell",
        command:
          'New-MailboxDatabase -MailboxDatabaseToRecover "{{server}}\\{{storageGroup}}\\Mailbox Database" -StorageGroup "{{server}}\\RSG" -EdbFilePath "{{var:recoveryPath}}\\Mailbox Database.edb"',
        purpose: "Create the recovery database in the RSG for the production database to be restored.",
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
        command: 'Restore-Mailbox -Identity testuser -RSGDatabase "{{server}}\\RSG\\Mailbox Database"',
        purpose: "Recover a test mailbox's content from the restored database.",
      },
      {
        tool: "database-recovery-management",
        command: "Exchange Management Console > Toolbox > Database Recovery Management",
        purpose: "Follow the guided steps for restoring and mounting databases.",
      },
    ],
    references: [
      REF_MONTHLY_TASKS,
      REF_MONTHLY_CHECKLIST,
      REF_E2003_SUMMARY_CHECKLIST,
      REF_EDGE_CLONED_CONFIG,
      REF_CMDLET_GET_STORAGEGROUPCOPYSTATUS,
      REF_DATABASE_TROUBLESHOOTER,
      ...MOF_REFS,
    ],
    practitionerGuidance: [
      "The order of the recovery storage group steps (New-MailboxDatabase -MailboxDatabaseToRecover, restore, eseutil /r when the database is not in a clean shutdown state, Mount-Database, Restore-Mailbox) rests on Exchange 2007 practice; Database Recovery Management in the Toolbox walks through the same steps.",
      "That a clustered mailbox server is re-created with setup /RecoverCMS, not /m:RecoverServer, is practitioner knowledge.",
      "That a rebuilt Edge Transport server must be subscribed again, because its EdgeSync credentials are lost with it, rests on experience; Microsoft's cloned configuration page covers the export and import.",
    ],
    changeNote:
      "The recovery storage group restore is complete: the recovery database is created with New-MailboxDatabase -MailboxDatabaseToRecover, restored, brought to a clean state with eseutil /r if needed and mounted before Restore-Mailbox. Clustered mailbox servers are now rebuilt with setup /RecoverCMS instead of /m:RecoverServer, the Edge Transport import of the cloned configuration and the new Edge Subscription are spelled out, with a check that the export is current, and an SCR-protected target exercises the new SCR activation procedure (A10).",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "M4",
    slug: "maintain-hotfixes-service-packs-and-updates",
    title: "Maintain hotfixes, service packs and updates",
    cadence: "MONTHLY",
    roles: ALL_ROLES,
    smf: "RELEASE_MANAGEMENT",
    relatedSmfs: ["CHANGE_MANAGEMENT", "CONFIGURATION_MANAGEMENT"],
    purpose:
      "Keep an inventory of the hotfixes, service packs, update rollups and security updates applied, check for new ones for Windows and the services Exchange depends on, and keep every server at the same level.",
    body: `Servers that drift to different update levels behave differently, are harder to support and may be exposed to known vulnerabilities. The monthly review keeps the inventory current and makes sure the weekly update checks have actually turned into deployments.

**MOF.** The library files update work by one rule: finding and testing updates is Release Management, approving and scheduling their deployment is Change Management. This review mostly finds what is missing and where, so Release Management is its primary function; the deployments it asks for are approved and scheduled by Change Management, and the inventory it keeps is Configuration Management's. The weekly update check (W2) follows the same rule.

**Support status.** Microsoft's support for Exchange Server 2007 ended on **11 April 2017**, and Microsoft stopped producing the SmartScreen spam-filter updates for it on 1 November 2016. No new Exchange 2007 service pack, update rollup or security update is published, so the inventory shows how far each server is from the last release, and the review keeps the risk of running unsupported software in front of the service owner. The library assumes Exchange 2007 SP1 as the minimum (SP1 is also the first level supported on Windows Server 2008) and SP3 with its latest update rollup as the norm.

**Reading the update level.** In Exchange 2007, \`Get-ExchangeServer\` reports the service-pack build (AdminDisplayVersion) but not the update rollup, so it cannot show that servers are at the same level. For each server, read the file version of ExSetup.exe in the Exchange bin folder, or the Exchange update rollups in the server's list of installed updates.

**Where to check for new updates**: Microsoft Update and WSUS for Windows Server, IIS, .NET Framework and the other components; MBSA for the security updates each server is missing.

**Steps**

1. Update the inventory of hotfixes, service packs, update rollups and security updates installed on each server, including the Exchange service pack and update rollup read from ExSetup.exe.
2. Check for new Windows Server hotfixes and service packs.
3. Check for updates to the services Exchange depends on: IIS, Active Directory and DNS.
4. Compare the servers and workstations with each other and list those below the agreed level.
5. Schedule the missing updates through change control so that the same level reaches every server and workstation.
6. Confirm critical security fixes went in as soon as company policy allows.
7. Review the end-of-support risk with the service owner: the migration plan, or the mitigations while Exchange 2007 stays in service.

**Record** the current update level and any server not at it.

**If a server cannot be brought to the standard level** (for example because of an application dependency), record the exception with its risk and an end date, and get it approved by change control. A critical security fix that is overdue is escalated to the security officer.`,
    items: [
      {
        key: "inventory-maintained",
        kind: "CHECK",
        text: "Inventory of applied hotfixes, service packs, update rollups and security updates is up to date",
      },
      {
        key: "exchange-build-per-server",
        kind: "CHECK",
        text: "The inventory gives each server's Exchange service pack and update rollup, read from ExSetup.exe or the installed-updates list (not from AdminDisplayVersion)",
      },
      {
        key: "windows-hotfixes-checked",
        kind: "CHECK",
        text: "New Windows Server hotfixes have been checked",
      },
      {
        key: "windows-service-packs-checked",
        kind: "CHECK",
        text: "New Windows Server service packs have been checked",
      },
      {
        key: "dependent-services-checked",
        kind: "CHECK",
        text: "IIS, Active Directory and DNS, the services Exchange relies on, have been checked for new updates",
      },
      {
        key: "same-level-everywhere",
        kind: "CHECK",
        text: "Every server and workstation has been brought to the same update level",
      },
      {
        key: "critical-fixes-installed",
        kind: "CHECK",
        text: "Critical security fixes went in as early as company policy allows",
      },
      {
        key: "end-of-support-reviewed",
        kind: "CHECK",
        text: "The risk of running Exchange 2007 after its end of support (11 April 2017) has been reviewed with the service owner, with a migration plan or mitigations",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command: "Get-ExchangeServer | Format-Table Name,ServerRole,Edition,AdminDisplayVersion -AutoSize",
        purpose: "List the servers with their roles and service-pack build; this does not show the update rollup.",
      },
      {
        tool: "exchange-management-shell",
        command: "(Get-Item ($exbin + 'ExSetup.exe')).VersionInfo.FileVersion",
        purpose: "Run in the shell on each Exchange server: the ExSetup.exe file version gives the service pack and update rollup installed.",
      },
      {
        tool: "add-remove-programs",
        purpose: "On each server, list the installed updates to see which Exchange 2007 update rollups are present.",
      },
      {
        tool: "wsus",
        purpose: "Report the update status of each server against the approved level.",
      },
      {
        tool: "mbsa",
        command: "mbsacli /target {{org:netbiosDomain}}\\{{server}}",
        purpose: "Confirm which security updates a server is missing.",
      },
      {
        tool: "microsoft-update",
        purpose: "Check for new Windows, IIS and other component updates.",
      },
      {
        tool: "change-control-process",
        purpose: "Schedule deployment of missing updates and approve exceptions.",
      },
    ],
    references: [REF_MONTHLY_TASKS, REF_MONTHLY_CHECKLIST, REF_MOF_CHANGING_QUADRANT_SMFS, REF_ANTISPAM_UPDATES, ...MOF_REFS],
    practitionerGuidance: [
      "AdminDisplayVersion in Exchange 2007 shows the service-pack build and not the update rollup; the ExSetup.exe file version and the installed-updates list show the rollup. This rests on administrators' experience, not on a Microsoft page the library could cite.",
      "The Exchange Management Shell of Exchange 2007 defines $exbin as the Exchange bin folder of the server it runs on, so the ExSetup.exe command reads the local file; run it in the shell on each server.",
    ],
    changeNote:
      "The inventory now reads each server's update rollup from the ExSetup.exe file version or the installed-updates list, because AdminDisplayVersion shows only the service-pack build and would report servers at the same level when they are not. The primary MOF function is now Release Management (Change and Configuration Management related), by the same rule as W2; the procedure states the end of support (11 April 2017), the end of SmartScreen updates, the SP1 minimum and where updates are checked, and adds an item for the end-of-support review.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "M5",
    slug: "run-exbpa-health-check",
    title: "Run the ExBPA health check",
    cadence: "MONTHLY",
    roles: ALL_ROLES,
    smf: "SERVICE_MONITORING_AND_CONTROL",
    relatedSmfs: ["CHANGE_MANAGEMENT", "CONFIGURATION_MANAGEMENT"],
    purpose:
      "Run the Exchange Best Practices Analyzer Health Check over the organisation every month and after every change, so that configuration drift and settings that break Microsoft's recommendations are found and acted on.",
    body: `The daily checks look at how the servers behave; the Best Practices Analyzer (ExBPA) looks at how they are configured, against Microsoft's rules for Exchange 2007: Active Directory and DNS settings, connectors, database and log placement, service accounts, Windows settings that Exchange depends on. Configuration drifts quietly through hotfixes, changes and troubleshooting, and ExBPA is Microsoft's tool for catching that drift.

**When**: on the monthly schedule, and as the last step of every change to the Exchange servers or to the Active Directory, DNS or network settings they rely on. The performance baseline procedure (A5) runs its own Baseline and Health/Performance scans after upgrades; this procedure is the organisation-wide Health Check.

**Steps**

1. Start the Best Practices Analyzer from the Toolbox and let it check for updated rules.
2. Start a new scan of type **Health Check**, with all Exchange servers of the organisation selected.
3. Open the report and go through the Critical Issues first, then the warnings.
4. For each finding decide: fix it (through change control where it changes configuration), or record an accepted exception with its reason.
5. Compare with last month's report: new findings usually point to a recent change.
6. Keep the report with the run.

**Record** the number of critical issues, the trigger of this run and where the report is kept.

**If a critical issue is found**, raise an incident when it already affects users, otherwise a change or a problem record to fix it; report findings caused by a recent change to the change manager.`,
    items: [
      {
        key: "scan-trigger",
        kind: "CHOICE",
        text: "What triggered this scan",
        choices: ["Monthly schedule", "After a change"],
      },
      {
        key: "health-check-run",
        kind: "CHECK",
        text: "An ExBPA Health Check of every Exchange server in the organisation has completed, with current rules",
      },
      {
        key: "critical-issues",
        kind: "NUMBER",
        text: "Critical issues in the report",
        unit: "issues",
        help: "No limit is set here: every critical issue needs an action or an accepted exception (next item).",
      },
      {
        key: "findings-actioned",
        kind: "CHECK",
        text: "Every critical issue and warning has an action (incident, change or problem) or a recorded, accepted exception",
      },
      {
        key: "report-location",
        kind: "TEXT",
        text: "Where the report is kept",
      },
    ],
    tools: [
      {
        tool: "exchange-best-practices-analyzer",
        command: "Exchange Management Console > Toolbox > Best Practices Analyzer > Select options for a new scan > Health Check",
        purpose: "Run the Health Check over every Exchange server and open its report.",
      },
      {
        tool: "emc-toolbox",
        purpose: "Launch the Best Practices Analyzer.",
      },
      {
        tool: "change-control-process",
        purpose: "Schedule the configuration fixes and record accepted exceptions.",
      },
    ],
    references: [REF_EXBPA_SCAN_TYPES, REF_MONTHLY_TASKS, ...MOF_REFS],
    practitionerGuidance: [
      "Running the Health Check monthly and after every change is Exchange 2007 practice recommended by the content review; Microsoft's pages among the library's sources describe the scan types, not a schedule.",
    ],
    changeNote:
      "New procedure: the ExBPA Health Check now runs monthly and after every change, replacing the optional weekly ExBPA item of the weekly report (W7), which rested on a third-party checklist.",
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "M6",
    slug: "check-exchange-certificates",
    title: "Check Exchange certificates",
    cadence: "MONTHLY",
    roles: ["HUB_TRANSPORT", "CLIENT_ACCESS", "EDGE_TRANSPORT", "UNIFIED_MESSAGING"],
    smf: "SECURITY_ADMINISTRATION",
    purpose:
      "Find Exchange certificates that are about to expire, or that do not cover the services and names clients use, on each server in time to renew them.",
    body: `Exchange 2007 secures Outlook Web Access, ActiveSync, Outlook Anywhere, Autodiscover, POP3, IMAP4, SMTP (TLS), Unified Messaging and EdgeSync with certificates. When one expires, these services fail or show certificate warnings, often on every client at once. Setup creates a **self-signed certificate that is valid for one year**, so an installation that was never given a commercial or internal CA certificate hits this a year after setup and every year after a renewal.

**Steps**

1. On the server, list the Exchange certificates with their services, expiry date and subject.
2. Note the certificate that expires first among those bound to a service, and record the days left.
3. Confirm each service the server offers is bound to a certificate that is valid and names the host names clients use (the external and internal names of Outlook Web Access, Autodiscover, SMTP).
4. For every certificate expiring within 60 days, raise a change to renew it: request a new certificate from the CA (or create a new self-signed certificate where that is acceptable), import it and enable it for the same services.
5. After an Edge Transport server's certificate has been renewed, subscribe the Edge Transport server again so EdgeSync keeps working.

**Record** the days left on the first certificate to expire.

**If a certificate has expired or expires within 30 days**, raise an incident with high priority and renew it at once.`,
    items: [
      {
        key: "days-to-first-expiry",
        kind: "NUMBER",
        text: "Days until the first certificate bound to a service on {{server}} expires",
        unit: "days",
        min: 30,
        help: "Renewal takes time (CA request, change approval, import on every server), so act well before 30 days.",
        source: "practitioner",
      },
      {
        key: "services-have-valid-certificate",
        kind: "CHECK",
        text: "Every service on {{server}} is bound to a valid certificate that names the host names clients use",
      },
      {
        key: "renewals-scheduled",
        kind: "CHECK",
        text: "A change to renew it is scheduled for every certificate expiring within 60 days",
      },
      {
        key: "edge-resubscribed-after-renewal",
        kind: "CHECK",
        text: "After renewing the Edge Transport certificate, the Edge Subscription was re-created and EdgeSync tested",
        required: false,
        roles: ["EDGE_TRANSPORT"],
        help: "Leave unticked if no Edge Transport certificate was renewed this month.",
      },
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command: "Get-ExchangeCertificate | Format-Table Thumbprint,Services,NotAfter,Subject -AutoSize",
        purpose: "Run on the server: list its Exchange certificates with their services and expiry dates.",
      },
      {
        tool: "exchange-management-shell",
        command:
          "Get-ExchangeCertificate | Where-Object { $_.NotAfter -lt (Get-Date).AddDays(60) } | Format-List Thumbprint,Services,NotAfter,Subject,Issuer,CertificateDomains",
        purpose: "Run on the server: the certificates expiring within 60 days, with the names they cover.",
      },
      {
        tool: "change-control-process",
        purpose: "Schedule the renewal and the re-binding of services.",
      },
    ],
    references: [REF_EXCHANGEPEDIA_SELF_SIGNED_CERTIFICATE, ...MOF_REFS],
    practitionerGuidance: [
      "The 30-day floor and the 60-day renewal horizon are the library's own choice, based on how long a certificate request and change usually take; no published threshold was found.",
      "Listing certificates with Get-ExchangeCertificate (Thumbprint, Services, NotAfter, Subject), and subscribing an Edge Transport server again after its certificate is renewed, rest on Exchange 2007 practice.",
    ],
    changeNote:
      "New procedure: the content review found no certificate check, although Exchange 2007's self-signed certificates last one year and an expired certificate breaks Outlook Web Access, ActiveSync, Outlook Anywhere, Autodiscover and EdgeSync.",
  },
  {
    code: TOOL_SET_PROCEDURE_CODE,
    slug: "verify-the-standard-tool-set",
    title: "Verify the standard tool set",
    cadence: "MONTHLY",
    roles: ["MAILBOX", "HUB_TRANSPORT", "CLIENT_ACCESS", "EDGE_TRANSPORT", "UNIFIED_MESSAGING"],
    smf: "CONFIGURATION_MANAGEMENT",
    relatedSmfs: ["CHANGE_MANAGEMENT"],
    purpose:
      "Confirm, once a month on each server, that the tools the team's procedures rely on are installed at an approved version, and that lab-only tools are not, so that the deployment record matches the servers.",
    body: `The team's procedures assume that the right tools are on each server: Queue Viewer on every transport server, ESEUtil and ISInteg on every Mailbox server, and so on. This procedure checks that assumption and keeps the **deployment record** of each server (shown on the Tools page) up to date.

**Steps**

1. Read the server's Exchange build, service pack and update rollup: the file version of ExSetup.exe in the Exchange bin folder, or the installed-updates list. \`Get-ExchangeServer\` shows the service-pack build only. The tools that ship with Exchange (the consoles, Queue Viewer, the troubleshooters, ESEUtil, ISInteg) take this version.
2. For each tool of the checklist, confirm it is there. For a separately installed tool, write the version it reports, or "not installed".
3. Confirm that the lab-only tools (Jetstress, Load Generator) are **not** installed. They load the disks and the network in ways a production server must not see.

**What happens to what you record**

Whatever you find is recorded as found, approved or not: the deployment record is evidence. A version that is not approved is saved as a failure and listed on the Tools page as a deviation until the server runs an approved version, or a manager approves the version through a Normal change. A tool recorded as missing is a deviation too, and runs of procedures that need it warn the operator.

**When the list changes**

The checklist is the standard tool set. Adding or retiring a tool, or approving a new version, is a Normal change that another manager approves; when it is implemented, this procedure gets a new version and runs nobody has started move to it.`,
    items: toolSetItems(
      seedTools
        .filter((tool) => tool.standard)
        .map((tool) => ({
          id: tool.slug,
          slug: tool.slug,
          name: tool.name,
          placement: tool.standard!.placement,
          requiredRoles: (tool.standard!.roles ?? []) as ExchangeRole[],
          versioning: tool.standard!.versioning,
          approvedVersions: tool.standard!.approvedVersions ?? [],
          retired: false,
        })),
    ).map((item) => ({ ...item, help: item.help || undefined }) as SeedProcedure["items"][number]),
    tools: [
      {
        tool: "exchange-management-shell",
        command: "Get-ExchangeServer | Format-Table Name,ServerRole,Edition,AdminDisplayVersion -AutoSize",
        purpose: "The roles and the service-pack build of each server (not the update rollup).",
      },
      {
        tool: "windows-explorer",
        purpose: "The file version of ExSetup.exe in the Exchange bin folder: the build with its update rollup.",
      },
      {
        tool: "add-remove-programs",
        purpose: "The installed-updates list: the update rollups, and the separately installed tools with their versions.",
      },
    ],
    references: [REF_EMC_OVERVIEW, REF_MONTHLY_TASKS, ...MOF_REFS],
    practitionerGuidance: [
      "Which server roles need which tool of the set is the team's own choice, based on where each tool works on Exchange 2007 (Queue Viewer and the transport tools on transport servers, the database tools on Mailbox servers); no Microsoft page lists it as a requirement.",
    ],
    changeNote: "New procedure: the standard tool set is controlled, and each server's deployment record is kept by this monthly verification.",
  },
];
