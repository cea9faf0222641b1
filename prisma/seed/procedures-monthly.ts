// Monthly operations procedures (M1–M4) for the Exchange Server 2007 organisation.
import type { SeedProcedure } from "./types";
import {
  REF_DATABASE_TROUBLESHOOTER,
  REF_E2003_SUMMARY_CHECKLIST,
  REF_MOF_CHANGING_QUADRANT_SMFS,
  REF_MOM_2005,
  REF_MONTHLY_CHECKLIST,
  REF_MONTHLY_TASKS,
} from "./references";

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
5. Remove what is no longer approved, through change control where the procedure requires it.

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
        tool: "active-directory-users-and-computers",
        purpose: "Review membership of administrative groups.",
      },
    ],
    references: [REF_MONTHLY_TASKS, REF_MONTHLY_CHECKLIST],
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
4. Project the trend forward (for example six and twelve months) and identify the first resource to run out.
5. Build or update the upgrade plan: what, when and at what cost. Hand the plan to the change and release processes for execution, and follow it until it is carried out.

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
    ],
    references: [REF_MONTHLY_TASKS, REF_MONTHLY_CHECKLIST, REF_MOM_2005],
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

**Steps**

1. Pick this month's target from the rotation log; it must differ from last month's.
2. Confirm the resources the plan needs are available: spare or virtual hardware, installation media, configuration exports and backup data.
3. Simulate total loss of the hardware and recover the server in an isolated environment by following the written procedure only. For most roles this means reinstalling with \`setup /m:RecoverServer\`; for the Edge Transport server, importing the exported configuration.
4. For Mailbox servers, restore at least one database from backup, for example into a recovery storage group, and recover a test mailbox from it.
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
        key: "resources-available",
        kind: "CHECK",
        text: "Resources, plans and backup data needed for recovery were confirmed available",
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
        purpose: "Rebuild a lost Exchange server from its configuration held in Active Directory.",
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
      REF_DATABASE_TROUBLESHOOTER,
    ],
  },

  // ---------------------------------------------------------------------------------------------
  {
    code: "M4",
    slug: "maintain-hotfixes-service-packs-and-updates",
    title: "Maintain hotfixes, service packs and updates",
    cadence: "MONTHLY",
    roles: ALL_ROLES,
    smf: "CHANGE_MANAGEMENT",
    relatedSmfs: ["RELEASE_MANAGEMENT"],
    purpose:
      "Keep an inventory of the hotfixes, service packs, update rollups and security updates applied, check for new ones for Windows and the services Exchange depends on, and keep every server at the same level.",
    body: `Servers that drift to different update levels behave differently, are harder to support and may be exposed to known vulnerabilities. The monthly review keeps the inventory current and makes sure the weekly update checks have actually turned into deployments.

**Steps**

1. Update the inventory of hotfixes, service packs, update rollups and security updates installed on each server, including the Exchange build.
2. Check for new Windows Server hotfixes and service packs.
3. Check for updates to the services Exchange depends on: IIS, Active Directory and DNS.
4. Compare the servers and workstations with each other and list those below the agreed level.
5. Schedule the missing updates through change control so that the same level reaches every server and workstation.
6. Confirm critical security fixes went in as soon as company policy allows.

**Record** the current update level and any server not at it.

**If a server cannot be brought to the standard level** (for example because of an application dependency), record the exception with its risk and an end date, and get it approved by change control. A critical security fix that is overdue is escalated to the security officer.`,
    items: [
      {
        key: "inventory-maintained",
        kind: "CHECK",
        text: "Inventory of applied hotfixes, service packs, update rollups and security updates is up to date",
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
    ],
    tools: [
      {
        tool: "exchange-management-shell",
        command: "Get-ExchangeServer | Format-Table Name,ServerRole,AdminDisplayVersion -AutoSize",
        purpose: "Record the Exchange version and build of every server for the inventory.",
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
        purpose: "Check for new Windows, IIS and Exchange updates.",
      },
      {
        tool: "change-control-process",
        purpose: "Schedule deployment of missing updates and approve exceptions.",
      },
    ],
    references: [REF_MONTHLY_TASKS, REF_MONTHLY_CHECKLIST, REF_MOF_CHANGING_QUADRANT_SMFS],
  },
];
