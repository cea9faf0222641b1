// Shapes of the seeded content. The library files in this folder are plain data checked by
// these types (at compile time) and by lib/procedures/schemas.ts (at seed time).
import type { Cadence, ExchangeRole, MofSmf, ToolKind } from "../../lib/procedures/vocabulary";
import type { VariableKind, VariableScope } from "../../lib/procedures/placeholders";

export interface SeedTool {
  /** Stable key, also the URL slug, e.g. "exchange-management-shell". */
  slug: string;
  name: string;
  kind: ToolKind;
  /** One or two sentences: what operators use it for. */
  description: string;
  /** Place in the controlled standard tool set (decision 038); absent: not part of it. */
  standard?: SeedStandardTool;
}

/** Where a tool of the standard set must be, how it is versioned, where it comes from, who owns it. */
export interface SeedStandardTool {
  /** ROLES: required on every server holding one of `roles`; LAB_ONLY: never on a production server. */
  placement: "ROLES" | "LAB_ONLY";
  roles?: ExchangeRole[];
  /** EXCHANGE: ships with Exchange and takes the server's build; OWN: approved versions of its own. */
  versioning: "EXCHANGE" | "OWN";
  /** Where to obtain it: a reviewed link (exchange-2007-content-review.md, exchange-2007-operations.md) or plain words. */
  source: string;
  owner: string;
  /** Approved versions of a separately installed tool (none until a change approves one). */
  approvedVersions?: string[];
}

interface SeedItemBase {
  /** Stable key within the procedure, kebab-case, e.g. "submission-queue". Never reused. */
  key: string;
  /** What to check, phrased as the thing that should be true or the value to record. */
  text: string;
  /** Optional short guidance shown under the item: how to check, where to look. */
  help?: string;
  /** Defaults to true. */
  required?: boolean;
  /** Exchange roles the item is limited to; on a per-server run it is left out for other servers. */
  roles?: ExchangeRole[];
}

export type SeedItem =
  | (SeedItemBase & { kind: "CHECK" })
  | (SeedItemBase & { kind: "TEXT" })
  | (SeedItemBase & {
      kind: "NUMBER";
      /** Unit of the recorded value, e.g. "messages", "ms", "%", "MB". Always present. */
      unit: string;
      /** Allowed range, inclusive. At least one of min/max when the sheet gives a threshold. */
      min?: number;
      max?: number;
      /** Full performance counter path when the value is a counter sample, with its instance
       *  (`LogicalDisk({{var:queueDrive}})\Free Megabytes`, `Processor(_Total)\% Processor Time`). */
      counter?: string;
      /** Where min/max (or the tiers) come from: a reference the procedure cites, or "practitioner"
       *  for a value kept on experience alone (the procedure then says so). Required with a limit. */
      source?: SeedReference | "practitioner";
      /** Limits that depend on the organisation's mailbox users (Microsoft's tiers), in place of
       *  min/max; the organisation setting picks one when a value is recorded. */
      limitsByMailboxUsers?: Record<MailboxUsersTier, { min?: number; max?: number }>;
    })
  | (SeedItemBase & {
      kind: "CHOICE";
      choices: string[];
      /** Choices that count as a pass; the others mark the item failed. Defaults to all. */
      passChoices?: string[];
    });

export interface SeedToolUse {
  /** SeedTool.slug */
  tool: string;
  /** The exact command or menu path, e.g. "Get-Queue | Where-Object {$_.MessageCount -gt 100}". Optional for GUI tools. */
  command?: string;
  /** What the command is for in this procedure. */
  purpose: string;
}

export interface SeedReference {
  title: string;
  url: string;
}

export interface SeedProcedure {
  /** The fact sheet's code: D1..D16, W1..W12, M1..M4, A1..A9. */
  code: string;
  slug: string;
  title: string;
  cadence: Cadence;
  /** Exchange server roles the procedure applies to; empty for organisational tasks. */
  roles: ExchangeRole[];
  /** Primary MOF Service Management Function; the quadrant follows from it. */
  smf: MofSmf;
  /** Further SMFs the task touches. */
  relatedSmfs?: MofSmf[];
  /** One or two sentences: why this procedure exists. */
  purpose: string;
  /** Markdown: why and how, step by step, thresholds explained, triggers for as-needed tasks. */
  body: string;
  items: SeedItem[];
  tools: SeedToolUse[];
  references: SeedReference[];
  /** MOF management review the procedure serves (W9, the weekly status meeting, is the
   *  Operations Review). */
  managementReview?: ManagementReview;
  /** Claims kept on expert knowledge that no reachable page confirms; listed on the procedure
   *  under "Practitioner guidance" so readers know what rests on experience alone. */
  practitionerGuidance?: string[];
  /** What this library release changed in the procedure and why, one sentence per correction;
   *  becomes the change note of the new version (or the note of the draft offered to a team that
   *  edited the procedure). Omit when nothing changed. */
  changeNote?: string;
}

export type MailboxUsersTier = "UNDER_500" | "FROM_500_TO_3000" | "OVER_3000";
export type ManagementReview = "RELEASE_READINESS" | "OPERATIONS" | "SLA" | "CHANGE_INITIATION";

export interface SeedServer {
  name: string;
  fqdn: string;
  site: string;
  roles: ExchangeRole[];
  description: string;
  /** Storage group names, in order ({{storageGroup}} in commands). */
  storageGroups?: string[];
  /** Values of per-server variables ({{var:NAME}}), by variable name. */
  variables?: Record<string, string>;
}

/** A variable the library's commands use: {{var:NAME}} (scope SERVER) or {{org:NAME}} (ORGANISATION). */
export interface SeedVariable {
  /** A letter, then letters and digits (camelCase). */
  name: string;
  scope: VariableScope;
  kind: VariableKind;
  /** What the value is, for the administrator who sets it and the author who uses it. */
  description: string;
  /** The organisation value written with the demo servers (ORGANISATION scope only). */
  demoValue?: string;
}
