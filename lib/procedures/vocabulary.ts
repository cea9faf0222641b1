// The fixed vocabulary of the procedure library: cadences, Exchange 2007 server roles and the
// MOF process model. Stored in the database as these string codes; labels are for display.

export const CADENCES = ["DAILY", "WEEKLY", "MONTHLY", "AS_NEEDED"] as const;
export type Cadence = (typeof CADENCES)[number];
export const CADENCE_LABELS: Record<Cadence, string> = {
  DAILY: "Daily",
  WEEKLY: "Weekly",
  MONTHLY: "Monthly",
  AS_NEEDED: "As needed",
};

export const EXCHANGE_ROLES = [
  "MAILBOX",
  "HUB_TRANSPORT",
  "CLIENT_ACCESS",
  "EDGE_TRANSPORT",
  "UNIFIED_MESSAGING",
] as const;
export type ExchangeRole = (typeof EXCHANGE_ROLES)[number];
export const EXCHANGE_ROLE_LABELS: Record<ExchangeRole, string> = {
  MAILBOX: "Mailbox",
  HUB_TRANSPORT: "Hub Transport",
  CLIENT_ACCESS: "Client Access",
  EDGE_TRANSPORT: "Edge Transport",
  UNIFIED_MESSAGING: "Unified Messaging",
};
export const EXCHANGE_ROLE_SHORT: Record<ExchangeRole, string> = {
  MAILBOX: "MBX",
  HUB_TRANSPORT: "HUB",
  CLIENT_ACCESS: "CAS",
  EDGE_TRANSPORT: "EDGE",
  UNIFIED_MESSAGING: "UM",
};

export const MOF_QUADRANTS = ["CHANGING", "OPERATING", "SUPPORTING", "OPTIMIZING"] as const;
export type MofQuadrant = (typeof MOF_QUADRANTS)[number];
export const MOF_QUADRANT_LABELS: Record<MofQuadrant, string> = {
  CHANGING: "Changing",
  OPERATING: "Operating",
  SUPPORTING: "Supporting",
  OPTIMIZING: "Optimizing",
};

/** MOF 3.0 Service Management Functions, each in exactly one quadrant. */
export const MOF_SMFS = {
  CHANGE_MANAGEMENT: { label: "Change Management", quadrant: "CHANGING" },
  CONFIGURATION_MANAGEMENT: { label: "Configuration Management", quadrant: "CHANGING" },
  RELEASE_MANAGEMENT: { label: "Release Management", quadrant: "CHANGING" },
  SYSTEM_ADMINISTRATION: { label: "System Administration", quadrant: "OPERATING" },
  SECURITY_ADMINISTRATION: { label: "Security Administration", quadrant: "OPERATING" },
  SERVICE_MONITORING_AND_CONTROL: { label: "Service Monitoring and Control", quadrant: "OPERATING" },
  JOB_SCHEDULING: { label: "Job Scheduling", quadrant: "OPERATING" },
  NETWORK_ADMINISTRATION: { label: "Network Administration", quadrant: "OPERATING" },
  DIRECTORY_SERVICES_ADMINISTRATION: { label: "Directory Services Administration", quadrant: "OPERATING" },
  STORAGE_MANAGEMENT: { label: "Storage Management", quadrant: "OPERATING" },
  PRINT_AND_OUTPUT_MANAGEMENT: { label: "Print and Output Management", quadrant: "OPERATING" },
  SERVICE_DESK: { label: "Service Desk", quadrant: "SUPPORTING" },
  INCIDENT_MANAGEMENT: { label: "Incident Management", quadrant: "SUPPORTING" },
  PROBLEM_MANAGEMENT: { label: "Problem Management", quadrant: "SUPPORTING" },
  SERVICE_LEVEL_MANAGEMENT: { label: "Service Level Management", quadrant: "OPTIMIZING" },
  CAPACITY_MANAGEMENT: { label: "Capacity Management", quadrant: "OPTIMIZING" },
  AVAILABILITY_MANAGEMENT: { label: "Availability Management", quadrant: "OPTIMIZING" },
  IT_SERVICE_CONTINUITY_MANAGEMENT: { label: "IT Service Continuity Management", quadrant: "OPTIMIZING" },
  SECURITY_MANAGEMENT: { label: "Security Management", quadrant: "OPTIMIZING" },
  FINANCIAL_MANAGEMENT: { label: "Financial Management", quadrant: "OPTIMIZING" },
  WORKFORCE_MANAGEMENT: { label: "Workforce Management", quadrant: "OPTIMIZING" },
  INFRASTRUCTURE_ENGINEERING: { label: "Infrastructure Engineering", quadrant: "OPTIMIZING" },
} as const satisfies Record<string, { label: string; quadrant: MofQuadrant }>;
export type MofSmf = keyof typeof MOF_SMFS;
export const MOF_SMF_CODES = Object.keys(MOF_SMFS) as MofSmf[];

export function quadrantOf(smf: MofSmf): MofQuadrant {
  return MOF_SMFS[smf].quadrant;
}

export function smfsInQuadrant(quadrant: MofQuadrant): MofSmf[] {
  return MOF_SMF_CODES.filter((code) => MOF_SMFS[code].quadrant === quadrant);
}

export const ITEM_KINDS = ["CHECK", "NUMBER", "TEXT", "CHOICE"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];
export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  CHECK: "Check",
  NUMBER: "Number",
  TEXT: "Text",
  CHOICE: "Choice",
};

export const TOOL_KINDS = ["CONSOLE", "SHELL", "UTILITY", "MONITORING", "SERVICE", "PROCESS"] as const;
export type ToolKind = (typeof TOOL_KINDS)[number];
export const TOOL_KIND_LABELS: Record<ToolKind, string> = {
  CONSOLE: "Graphical console",
  SHELL: "Command line",
  UTILITY: "Utility",
  MONITORING: "Monitoring",
  SERVICE: "Service or product",
  PROCESS: "Manual process",
};

/**
 * The organisation's size in mailbox users, as Microsoft's Exchange 2007 guidance tiers some limits
 * by it (RPC Averaged Latency: 15 ms under 500 users, 30 ms for 500 to 3,000, 50 ms over 3,000).
 * An organisation setting picks one; items may give a limit for each.
 */
export const MAILBOX_USERS_TIERS = ["UNDER_500", "FROM_500_TO_3000", "OVER_3000"] as const;
export type MailboxUsersTier = (typeof MAILBOX_USERS_TIERS)[number];
export const DEFAULT_MAILBOX_USERS: MailboxUsersTier = "UNDER_500";
/** How a tier reads after a limit: "30 ms (500–3,000 mailbox users)". */
export const MAILBOX_USERS_LABELS: Record<MailboxUsersTier, string> = {
  UNDER_500: "under 500 mailbox users",
  FROM_500_TO_3000: "500–3,000 mailbox users",
  OVER_3000: "over 3,000 mailbox users",
};
/** What choosing a tier means, for the settings page. */
export const MAILBOX_USERS_MEANINGS: Record<MailboxUsersTier, string> = {
  UNDER_500: "Fewer than 500 mailboxes across the organisation: the strictest limits apply (RPC Averaged Latency at most 15 ms).",
  FROM_500_TO_3000: "From 500 to 3,000 mailboxes: RPC Averaged Latency at most 30 ms.",
  OVER_3000: "More than 3,000 mailboxes: RPC Averaged Latency at most 50 ms.",
};

/** The MOF management review a procedure serves; "" when none. */
export const MANAGEMENT_REVIEWS = ["RELEASE_READINESS", "OPERATIONS", "SLA", "CHANGE_INITIATION"] as const;
export type ManagementReview = (typeof MANAGEMENT_REVIEWS)[number];
export const MANAGEMENT_REVIEW_LABELS: Record<ManagementReview, string> = {
  RELEASE_READINESS: "Release Readiness Review",
  OPERATIONS: "Operations Review",
  SLA: "Service Level Agreement Review",
  CHANGE_INITIATION: "Change Initiation Review",
};
