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
      /** Full performance counter path when the value is a counter sample. */
      counter?: string;
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
}

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
