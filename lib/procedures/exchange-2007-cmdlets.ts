// The cmdlets the seeded library's commands run, with the parameters each one has on Exchange
// Server 2007 (SP1 to SP3 on Windows PowerShell 1.0/2.0), so that the seed check (seed-checks.ts)
// refuses a command written with a parameter of a later Exchange release, such as
// `Test-ReplicationHealth -Identity` (Exchange 2010). Every cmdlet a library command uses must be
// listed here: an unknown cmdlet is a problem too, so the table cannot fall behind the library.
//
// Sources: the Exchange 2007 cmdlet reference pages named in the content review
// (docs shared with the project: exchange-2007-content-review.md, Sources) and the library's own
// references (prisma/seed/references.ts). Where no 2007 page was available the entry says
// "practitioner" and why; those parameter lists rest on experience with Exchange 2007 and should
// be checked against the 2007 reference when a copy of the page turns up. Windows PowerShell's own
// cmdlets are listed the same way (no page of theirs is among the project's sources).
//
// Pure data and a pure parser; no database.

export interface CmdletEntry {
  /** The Exchange 2007 (or Windows PowerShell) parameters, without the common parameters. */
  parameters: readonly string[];
  /** The 2007 reference page the parameters were read from, or "practitioner". */
  source: string;
  /** Why the source is what it is, or what to keep in mind (service pack that added it, …). */
  note?: string;
}

/** Windows PowerShell's common parameters, which every cmdlet accepts. */
export const COMMON_PARAMETERS = ["Verbose", "Debug", "ErrorAction", "ErrorVariable", "WarningAction", "WarningVariable", "OutVariable", "OutBuffer"] as const;
/** The risk-mitigation parameters; accepted here for every cmdlet (the library uses them only where they apply). */
export const RISK_PARAMETERS = ["WhatIf", "Confirm"] as const;

const PRACTITIONER = "practitioner";
const NO_PAGE = "No Exchange 2007 reference page for this cmdlet is among the project's sources; parameters from Exchange 2007 practice.";
const POWERSHELL = "Windows PowerShell cmdlet (1.0/2.0); no page of it is among the project's sources.";

const REVIEW_URL = {
  getStorageGroup: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/aa998331(v=exchg.80)",
  getStorageGroupCopyStatus: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/aa997246(v=exchg.80)",
  getMailboxDatabase: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb124924(v=exchg.80)",
  testReplicationHealth: "https://learn.microsoft.com/zh-cn/previous-versions/office/exchange-server-2007/bb691314(v=exchg.80)",
  testEdgeSynchronization: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/aa996925(v=exchg.80)",
  testWebServicesConnectivity: "https://learn.microsoft.com/zh-tw/previous-versions/office/exchange-server-2007/aa998328(v=exchg.80)",
  testOwaConnectivity: "https://learn.microsoft.com/zh-tw/previous-versions/office/exchange-server-2007/aa997682(v=exchg.80)",
  testActiveSyncConnectivity: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb123540(v=exchg.80)",
  testImapConnectivity: "https://learn.microsoft.com/it-it/previous-versions/office/exchange-server-2007/bb738126(v=exchg.80)",
  testUMConnectivity: "https://learn.microsoft.com/ja-jp/previous-versions/office/exchange-server-2007/aa997953(v=exchg.80)",
  testMailflow: "https://learn.microsoft.com/ko-kr/previous-versions/office/exchange-server-2007/aa995894(v=exchg.80)",
  testServiceHealth: "https://learn.microsoft.com/zh-cn/previous-versions/office/exchange-server-2007/aa998852(v=exchg.80)",
  testMapiConnectivity: "https://technet.microsoft.com/en-us/library/bb123681(v=exchg.80).aspx",
  getQueue: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb691288(v=exchg.80)",
  getPublicFolderStatistics: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb629628(v=exchg.80)",
  updatePublicFolder: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/aa997451(v=exchg.80)",
  updatePublicFolderHierarchy: "https://learn.microsoft.com/he-il/previous-versions/office/exchange-server-2007/bb124741(v=exchg.80)",
  getEventLogLevel: "https://learn.microsoft.com/zh-tw/previous-versions/office/exchange-server-2007/bb125129(v=exchg.80)",
  setTransportServer: "https://learn.microsoft.com/es-es/previous-versions/office/exchange-server-2007/bb124238(v=exchg.80)",
  enableAntispamUpdates: "http://technet.microsoft.com/ja-jp/library/aa998006(v=exchg.80)",
} as const;

const exchange = (source: string, parameters: readonly string[], note?: string): CmdletEntry => ({ parameters, source, ...(note ? { note } : {}) });
const practitioner = (parameters: readonly string[], note = NO_PAGE): CmdletEntry => ({ parameters, source: PRACTITIONER, note });
const powershell = (parameters: readonly string[]): CmdletEntry => ({ parameters, source: PRACTITIONER, note: POWERSHELL });

const CLIENT_TEST = ["ClientAccessServer", "MailboxCredential", "AllowUnsecureAccess", "DomainController", "LightMode", "MailboxServer", "MonitoringContext", "ResetTestAccountCredentials", "Timeout", "TrustAnySSLCertificate"];
const POP_IMAP_TEST = ["ClientAccessServer", "MailboxCredential", "ConnectionType", "DomainController", "LightMode", "MailboxServer", "MonitoringContext", "PortClientAccessServer", "ResetTestAccountCredentials", "Timeout", "TrustAnySSLCertificate"];
const MAILBOX_CONTENT_FILTERS = ["AllContentKeywords", "AttachmentFilenames", "BadItemLimit", "ContentKeywords", "EndDate", "StartDate", "ExcludeFolders", "IncludeFolders", "GlobalCatalog", "Locale", "MaxThreads", "RecipientKeywords", "SenderKeywords", "SubjectKeywords", "ValidateOnly", "AllowMerge", "DomainController"];

/** Cmdlet name → its Exchange 2007 parameters. Keys are the cmdlet names as Microsoft spells them. */
export const EXCHANGE_2007_CMDLETS: Readonly<Record<string, CmdletEntry>> = {
  // Databases, storage groups, continuous replication
  "Get-MailboxDatabase": exchange(REVIEW_URL.getMailboxDatabase, ["Identity", "Server", "StorageGroup", "Status", "IncludePreExchange2007", "DomainController"]),
  "Get-PublicFolderDatabase": exchange(REVIEW_URL.getMailboxDatabase, ["Identity", "Server", "StorageGroup", "Status", "IncludePreExchange2007", "DomainController"], "Same syntax as Get-MailboxDatabase (the review reads both from bb124924)."),
  "Get-StorageGroup": exchange(REVIEW_URL.getStorageGroup, ["Identity", "Server", "Status", "IncludeRecovery", "DomainController"], "-Status returns the LCR/CCR copy properties only; backup times are on the databases."),
  "Get-StorageGroupCopyStatus": exchange(REVIEW_URL.getStorageGroupCopyStatus, ["Identity", "Server", "StandbyMachine", "DumpsterStatistics", "DurationToCheck", "DomainController"], "-StandbyMachine (SCR) needs SP1."),
  "Test-ReplicationHealth": exchange(REVIEW_URL.testReplicationHealth, ["ActiveDirectoryTimeout", "DomainController", "MonitoringContext", "TransientEventSuppressionWindow"], "SP1 and later; no -Identity in Exchange 2007 (added in Exchange 2010). Runs on the local LCR/CCR server."),
  "Get-ClusteredMailboxServerStatus": practitioner(["Identity", "DomainController"]),
  "Restore-StorageGroupCopy": practitioner(["Identity", "StandbyMachine", "Force", "ReplaceLocations", "DomainController"]),
  "Clean-MailboxDatabase": practitioner(["Identity", "DomainController"]),
  "New-StorageGroup": practitioner(["Name", "Server", "LogFolderPath", "SystemFolderPath", "Recovery", "CircularLoggingEnabled", "ZeroDatabasePages", "HasLocalCopy", "CopyLogFolderPath", "CopySystemFolderPath", "DomainController", "TemplateInstance"]),
  "New-MailboxDatabase": practitioner(["Name", "StorageGroup", "EdbFilePath", "MailboxDatabaseToRecover", "HasLocalCopy", "CopyEdbFilePath", "OfflineAddressBook", "PublicFolderDatabase", "DomainController", "TemplateInstance"]),
  "Mount-Database": practitioner(["Identity", "Force", "AcceptDataLoss", "DomainController"]),
  "Dismount-Database": practitioner(["Identity", "DomainController"]),
  "Get-MailboxServer": practitioner(["Identity", "Status", "DomainController"]),
  "Get-ExchangeServer": practitioner(["Identity", "Domain", "Status", "DomainController"]),
  // Transport
  "Get-Queue": exchange(REVIEW_URL.getQueue, ["Identity", "Server", "Filter", "Include", "Exclude", "BookmarkIndex", "BookmarkObject", "IncludeBookmark", "ResultSize", "ReturnPageInfo", "SearchForward", "SortOrder"], "-Include and -Exclude need SP1."),
  "Get-Message": practitioner(["Identity", "Queue", "Server", "Filter", "IncludeRecipientInfo", "BookmarkIndex", "BookmarkObject", "IncludeBookmark", "ResultSize", "ReturnPageInfo", "SearchForward", "SortOrder"]),
  "Retry-Queue": practitioner(["Identity", "Filter", "Server", "Resubmit"]),
  "Get-MessageTrackingLog": practitioner(["Server", "Start", "End", "EventId", "Sender", "Recipients", "MessageId", "InternalMessageId", "MessageSubject", "Reference", "ResultSize", "DomainController"]),
  "Get-TransportServer": practitioner(["Identity", "DomainController"], `The settings it shows are those of Set-TransportServer (${REVIEW_URL.setTransportServer}); no page of Get-TransportServer itself is among the sources.`),
  "Set-TransportServer": exchange(REVIEW_URL.setTransportServer, ["Identity", "ExternalPostmasterAddress", "MessageTrackingLogEnabled", "MessageTrackingLogMaxAge", "MessageTrackingLogMaxDirectorySize", "MessageTrackingLogPath", "SendProtocolLogMaxAge", "ReceiveProtocolLogMaxAge", "SendProtocolLogPath", "ReceiveProtocolLogPath", "ConnectivityLogEnabled", "ConnectivityLogMaxAge", "PipelineTracingEnabled", "DomainController"]),
  "Get-SendConnector": practitioner(["Identity", "DomainController"]),
  "Get-ReceiveConnector": practitioner(["Identity", "Server", "DomainController"]),
  "Get-ForeignConnector": practitioner(["Identity", "DomainController"]),
  "Test-EdgeSynchronization": exchange(REVIEW_URL.testEdgeSynchronization, ["DomainController", "ExcludeRecipientTest", "MaxReportSize", "MonitoringContext", "VerifyRecipient"], "Exists since RTM; SP1 added -VerifyRecipient."),
  "Get-AntispamUpdates": practitioner(["Identity", "DomainController"], `Exchange 2007 only; its settings are those of Enable-AntispamUpdates (${REVIEW_URL.enableAntispamUpdates}).`),
  "Enable-AntispamUpdates": exchange(REVIEW_URL.enableAntispamUpdates, ["Identity", "UpdateMode", "SpamSignatureUpdatesEnabled", "IPReputationUpdatesEnabled", "MicrosoftUpdate", "DomainController"]),
  // Health and client tests
  "Test-ServiceHealth": exchange(REVIEW_URL.testServiceHealth, ["Server", "DomainController", "MonitoringContext"]),
  "Test-MAPIConnectivity": exchange(REVIEW_URL.testMapiConnectivity, ["Identity", "Server", "Database", "ActiveDirectoryTimeout", "AllConnectionsTimeout", "PerConnectionTimeout", "DomainController", "MonitoringContext"]),
  "Test-Mailflow": exchange(REVIEW_URL.testMailflow, ["Identity", "TargetMailboxServer", "TargetEmailAddress", "TargetEmailAddressDisplayName", "TargetDatabase", "AutoDiscoverTargetMailboxServer", "ActiveDirectoryTimeout", "ErrorLatency", "ExecutionTimeout", "MonitoringContext", "DomainController"]),
  "Test-OwaConnectivity": exchange(REVIEW_URL.testOwaConnectivity, ["URL", "TestType", "VirtualDirectoryName", ...CLIENT_TEST]),
  "Test-ActiveSyncConnectivity": exchange(REVIEW_URL.testActiveSyncConnectivity, ["URL", "UseAutodiscoverForClientAccessServer", ...CLIENT_TEST]),
  "Test-WebServicesConnectivity": exchange(REVIEW_URL.testWebServicesConnectivity, ["UseAutodiscoverForClientAccessServer", ...CLIENT_TEST], "SP1 and later."),
  "Test-ImapConnectivity": exchange(REVIEW_URL.testImapConnectivity, POP_IMAP_TEST),
  "Test-PopConnectivity": practitioner(POP_IMAP_TEST, `No page of its own among the sources; the same syntax as Test-ImapConnectivity (${REVIEW_URL.testImapConnectivity}).`),
  "Test-OutlookWebServices": practitioner(["Identity", "ClientAccessServer", "TargetAddress", "TrustAnySSLCertificate", "URL", "DomainController", "MonitoringContext"]),
  "Test-UMConnectivity": exchange(REVIEW_URL.testUMConnectivity, [
    "TUILogon", "TUILogonAll", "UMIPGateway", "Phone", "PIN", "ResetPIN", "Fax", "From", "ListenPort", "Secured", "MediaSecured", "CertificateThumbprint",
    "CallRouter", "DiagDtmfSequence", "DiagInitialSilenceInMilisecs", "DiagDtmfDurationInMilisecs", "DiagInterDtmfGapInMilisecs", "DiagInterDtmfDiffGapInMilisecs",
    "Timeout", "MonitoringContext", "DomainController",
  ]),
  "Get-EventLogLevel": exchange(REVIEW_URL.getEventLogLevel, ["Identity", "Server", "DomainController"]),
  "Set-EventLogLevel": practitioner(["Identity", "Level", "DomainController"], `No page of its own among the sources; the levels (Lowest … Expert) are on the Get-EventLogLevel page (${REVIEW_URL.getEventLogLevel}).`),
  "Get-ExchangeCertificate": practitioner(["Thumbprint", "Identity", "Instance", "DomainName", "Server", "DomainController"]),
  // Public folders
  "Get-PublicFolder": practitioner(["Identity", "Recurse", "GetChildren", "Server", "ResultSize", "DomainController"]),
  "Get-PublicFolderStatistics": exchange(REVIEW_URL.getPublicFolderStatistics, ["Identity", "Server", "ResultSize", "DomainController"]),
  "Update-PublicFolder": exchange(REVIEW_URL.updatePublicFolder, ["Identity", "Server", "DomainController"], "SP1 and later; -Server is the replica that is the source of the replication."),
  "Update-PublicFolderHierarchy": exchange(REVIEW_URL.updatePublicFolderHierarchy, ["Server", "DomainController"]),
  "New-PublicFolder": practitioner(["Name", "Path", "Server", "DomainController"]),
  "Add-PublicFolderClientPermission": practitioner(["Identity", "User", "AccessRights", "Server", "DomainController"]),
  "Get-OfflineAddressBook": practitioner(["Identity", "Server", "DomainController"]),
  "Update-OfflineAddressBook": practitioner(["Identity", "DomainController"]),
  "Update-FileDistributionService": practitioner(["Identity", "Type", "DomainController"]),
  // Recipients and permissions
  "Get-Mailbox": practitioner(["Identity", "Server", "Database", "OrganizationalUnit", "RecipientTypeDetails", "Filter", "Anr", "SortBy", "ResultSize", "ReadFromDomainController", "IgnoreDefaultScope", "Credential", "DomainController"]),
  "Get-MailboxStatistics": practitioner(["Identity", "Server", "Database", "DomainController"]),
  "Get-MailboxPermission": practitioner(["Identity", "User", "Owner", "ReadFromDomainController", "Credential", "DomainController"]),
  "Get-ADPermission": practitioner(["Identity", "User", "Owner", "DomainController"]),
  "Get-ExchangeAdministrator": practitioner(["Identity", "Role", "DomainController"], `${NO_PAGE} Exchange 2007 only (replaced by role-based access control in 2010).`),
  "New-Mailbox": practitioner([
    "Name", "UserPrincipalName", "Database", "OrganizationalUnit", "Password", "Alias", "DisplayName", "FirstName", "LastName", "Initials", "SamAccountName",
    "ResetPasswordOnNextLogon", "ManagedFolderMailboxPolicy", "ActiveSyncMailboxPolicy", "Room", "Equipment", "Shared", "LinkedMasterAccount", "LinkedDomainController",
    "LinkedCredential", "TemplateInstance", "DomainController",
  ]),
  "Enable-Mailbox": practitioner(["Identity", "Database", "Alias", "DisplayName", "ManagedFolderMailboxPolicy", "ActiveSyncMailboxPolicy", "Room", "Equipment", "Shared", "LinkedMasterAccount", "LinkedDomainController", "LinkedCredential", "DomainController"]),
  "Disable-Mailbox": practitioner(["Identity", "IgnoreDefaultScope", "DomainController"]),
  "Connect-Mailbox": practitioner(["Identity", "Database", "User", "Alias", "ValidateOnly", "ManagedFolderMailboxPolicy", "ActiveSyncMailboxPolicy", "Room", "Equipment", "Shared", "LinkedMasterAccount", "LinkedDomainController", "LinkedCredential", "DomainController"]),
  "Set-Mailbox": practitioner([
    "Identity", "UseDatabaseQuotaDefaults", "IssueWarningQuota", "ProhibitSendQuota", "ProhibitSendReceiveQuota", "UseDatabaseRetentionDefaults", "RetainDeletedItemsFor",
    "RetainDeletedItemsUntilBackup", "ForwardingAddress", "DeliverToMailboxAndForward", "GrantSendOnBehalfTo", "HiddenFromAddressListsEnabled", "EmailAddresses",
    "EmailAddressPolicyEnabled", "PrimarySmtpAddress", "DisplayName", "Alias", "Name", "MaxSendSize", "MaxReceiveSize", "RecipientLimits", "Type", "IgnoreDefaultScope", "DomainController",
  ]),
  "Export-Mailbox": practitioner(["Identity", "PSTFolderPath", "TargetMailbox", "TargetFolder", "DeleteContent", "DeleteAssociatedMessages", "IncludeAssociatedMessages", ...MAILBOX_CONTENT_FILTERS], `${NO_PAGE} -PSTFolderPath needs SP1, the 32-bit tools and Outlook.`),
  "Restore-Mailbox": practitioner(["Identity", "RSGDatabase", "RSGMailbox", "TargetFolder", ...MAILBOX_CONTENT_FILTERS]),
  // Windows PowerShell
  "Where-Object": powershell(["FilterScript", "InputObject"]),
  "ForEach-Object": powershell(["Process", "Begin", "End", "InputObject"]),
  "Format-Table": powershell(["Property", "AutoSize", "HideTableHeaders", "Wrap", "GroupBy", "View", "Expand", "Force", "DisplayError", "ShowError", "InputObject"]),
  "Format-List": powershell(["Property", "GroupBy", "View", "Expand", "Force", "DisplayError", "ShowError", "InputObject"]),
  "Sort-Object": powershell(["Property", "Descending", "Unique", "CaseSensitive", "Culture", "InputObject"]),
  "Select-Object": powershell(["Property", "First", "Last", "Skip", "Unique", "ExpandProperty", "ExcludeProperty", "InputObject"]),
  "Measure-Object": powershell(["Property", "Sum", "Average", "Maximum", "Minimum", "Line", "Word", "Character", "IgnoreWhiteSpace", "InputObject"]),
  "Group-Object": powershell(["Property", "NoElement", "CaseSensitive", "Culture", "InputObject"]),
  "Get-Date": powershell(["Date", "Year", "Month", "Day", "Hour", "Minute", "Second", "Format", "UFormat", "DisplayHint"]),
  "Get-Item": powershell(["Path", "LiteralPath", "Filter", "Include", "Exclude", "Force", "Credential"]),
  "Get-ChildItem": powershell(["Path", "LiteralPath", "Filter", "Include", "Exclude", "Recurse", "Force", "Name"]),
  "Read-Host": powershell(["Prompt", "AsSecureString"]),
  "Get-EventLog": powershell(["LogName", "Newest", "List", "AsString", "ComputerName", "EntryType", "Source", "InstanceId", "After", "Before", "Message", "UserName", "Index", "AsBaseObject"]),
  "Get-Service": powershell(["Name", "DisplayName", "ComputerName", "Include", "Exclude", "DependentServices", "RequiredServices", "InputObject"]),
  "Get-WmiObject": powershell(["Class", "ComputerName", "Namespace", "Filter", "Query", "Property", "Credential", "List"]),
  "Export-Csv": powershell(["Path", "LiteralPath", "NoTypeInformation", "Encoding", "Delimiter", "UseCulture", "Force", "NoClobber", "InputObject"]),
  "Out-File": powershell(["FilePath", "Encoding", "Append", "Force", "NoClobber", "Width", "InputObject"]),
};

/** Shell aliases the library may use, by the cmdlet they stand for. */
export const CMDLET_ALIASES: Readonly<Record<string, string>> = {
  "?": "Where-Object",
  where: "Where-Object",
  "%": "ForEach-Object",
  foreach: "ForEach-Object",
  ft: "Format-Table",
  fl: "Format-List",
  sort: "Sort-Object",
  select: "Select-Object",
  measure: "Measure-Object",
  group: "Group-Object",
  gci: "Get-ChildItem",
  dir: "Get-ChildItem",
  gi: "Get-Item",
};

/** PowerShell operators, never parameters: `-eq`, `-like`, `-and` … */
const OPERATORS = new Set(
  [
    "eq", "ne", "gt", "ge", "lt", "le", "like", "notlike", "match", "notmatch", "contains", "notcontains", "in", "notin", "replace", "split", "join",
    "is", "isnot", "as", "and", "or", "xor", "not", "band", "bor", "bxor", "bnot", "f",
  ].flatMap((op) => [op, `c${op}`, `i${op}`]),
);

export interface CmdletCall {
  /** The cmdlet as written (an alias is resolved). */
  cmdlet: string;
  /** The parameter names as written, without the dash. */
  parameters: string[];
}

const CMDLET_NAME = /^[A-Za-z]+-[A-Za-z][A-Za-z0-9]*$/;
const PARAMETER = /^-([A-Za-z][A-Za-z0-9]*)(:.*)?$/;

/**
 * The cmdlets a command line runs, each with the parameters written after it in the same pipeline
 * segment. A segment ends at `|`, `;` or the end of its block; a script block `{…}` or a
 * sub-expression `(…)` is a command context of its own, so what is inside never counts as a
 * parameter of the cmdlet outside, and operators such as `-gt` are never parameters. Quoted text
 * and placeholders are left out. A segment that starts with anything but a cmdlet (a program such
 * as `repadmin`, a script, a menu path) is not looked into.
 */
export function cmdletCalls(command: string): CmdletCall[] {
  const text = command.replace(/\{\{[^{}]*\}\}/g, " _ ");
  const calls: CmdletCall[] = [];
  // One frame per open block; each knows whether its segment is a cmdlet call, a non-call, or not started.
  type Frame = { call: CmdletCall | null; started: boolean };
  const stack: Frame[] = [{ call: null, started: false }];
  const frame = () => stack[stack.length - 1]!;
  const endSegment = () => {
    const f = frame();
    f.call = null;
    f.started = false;
  };
  const token = (word: string) => {
    const f = frame();
    if (!f.started) {
      f.started = true;
      const resolved = CMDLET_ALIASES[word.toLowerCase()] ?? (CMDLET_NAME.test(word) ? word : null);
      if (resolved) {
        f.call = { cmdlet: resolved, parameters: [] };
        calls.push(f.call);
      }
      return;
    }
    if (word === "=") {
      // `$x = Get-Thing`: what follows the assignment is a command.
      endSegment();
      return;
    }
    const parameter = PARAMETER.exec(word);
    if (f.call && parameter && !OPERATORS.has(parameter[1]!.toLowerCase())) f.call.parameters.push(parameter[1]!);
  };

  let word = "";
  const flush = () => {
    if (word) token(word);
    word = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      // A quoted string: one argument, never a cmdlet or parameter. The backtick escapes in "…".
      flush();
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += c === '"' && text[j] === "`" ? 2 : 1;
      token('""');
      i = j;
    } else if (c === "{" || c === "(") {
      flush();
      if (!frame().started) frame().started = true;
      stack.push({ call: null, started: false });
    } else if (c === "}" || c === ")") {
      flush();
      if (stack.length > 1) stack.pop();
    } else if (c === "|" || c === ";" || c === "\n") {
      flush();
      endSegment();
    } else if (/\s/.test(c)) {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return calls;
}

const KNOWN = new Map(Object.keys(EXCHANGE_2007_CMDLETS).map((name) => [name.toLowerCase(), name]));
const COMMON = new Set([...COMMON_PARAMETERS, ...RISK_PARAMETERS].map((p) => p.toLowerCase()));

/** What is wrong with a command against the Exchange 2007 syntax: unknown cmdlets and parameters, one sentence each. */
export function commandSyntaxProblems(command: string): string[] {
  const problems: string[] = [];
  for (const call of cmdletCalls(command)) {
    const name = KNOWN.get(call.cmdlet.toLowerCase());
    if (!name) {
      problems.push(`${call.cmdlet} is not in the table of Exchange 2007 cmdlets (lib/procedures/exchange-2007-cmdlets.ts); add it with its 2007 parameters and source.`);
      continue;
    }
    const allowed = new Set(EXCHANGE_2007_CMDLETS[name]!.parameters.map((p) => p.toLowerCase()));
    for (const parameter of call.parameters) {
      if (!allowed.has(parameter.toLowerCase()) && !COMMON.has(parameter.toLowerCase())) {
        problems.push(`${name} has no -${parameter} parameter in Exchange 2007.`);
      }
    }
  }
  return problems;
}
