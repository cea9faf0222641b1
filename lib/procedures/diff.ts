// Comparing two versions of a procedure: metadata field by field, the Markdown body line by line
// (jsdiff), checklist items matched by their stable key (added, removed, changed, moved) and tool
// uses matched by tool and occurrence. Pure; the versions page renders the result.
import { diffLines, diffWordsWithSpace } from "diff";
import { CADENCE_LABELS, EXCHANGE_ROLE_LABELS, ITEM_KIND_LABELS, MAILBOX_USERS_LABELS, MAILBOX_USERS_TIERS, MANAGEMENT_REVIEW_LABELS, MOF_SMFS, type ExchangeRole, type MofSmf } from "./vocabulary";
import type { ChecklistItemContent, ProcedureContent } from "./schemas";

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface TextPart {
  value: string;
  added?: boolean;
  removed?: boolean;
}

export type ItemChange =
  | {
      kind: "added";
      key: string;
      after: ChecklistItemContent;
      position: number;
      /** The removed number item this one continues under a new key because its unit changed. */
      replaces?: { key: string; text: string; unit: string };
    }
  | { kind: "removed"; key: string; before: ChecklistItemContent; position: number }
  | {
      kind: "changed";
      key: string;
      before: ChecklistItemContent;
      after: ChecklistItemContent;
      fields: FieldChange[];
      moved: boolean;
      position: number;
      /** A number item whose unit changed: publishing gives it a new key, so its values start a new series. */
      newSeries?: boolean;
    }
  | { kind: "moved"; key: string; after: ChecklistItemContent; from: number; position: number };

export interface ToolChange {
  kind: "added" | "removed" | "changed";
  tool: string;
  before?: { command: string; purpose: string };
  after?: { command: string; purpose: string };
}

export interface ContentDiff {
  fields: FieldChange[];
  body: TextPart[];
  bodyChanged: boolean;
  items: ItemChange[];
  tools: ToolChange[];
  /** True when nothing differs at all. */
  same: boolean;
}

const list = (values: string[]) => (values.length ? values.join(", ") : "—");

function metadata(c: ProcedureContent): Record<string, [string, string]> {
  return {
    title: ["Title", c.title],
    slug: ["Slug", c.slug],
    cadence: ["Cadence", CADENCE_LABELS[c.cadence]],
    smf: ["MOF function", MOF_SMFS[c.smf as MofSmf]?.label ?? c.smf],
    relatedSmfs: ["Related MOF functions", list(c.relatedSmfs.map((s) => MOF_SMFS[s as MofSmf]?.label ?? s))],
    roles: ["Exchange roles", list([...c.roles].sort().map((r) => EXCHANGE_ROLE_LABELS[r as ExchangeRole] ?? r))],
    purpose: ["Purpose", c.purpose],
    managementReview: ["Management review", c.managementReview ? MANAGEMENT_REVIEW_LABELS[c.managementReview] : "—"],
    reviewIntervalMonths: ["Review interval", `${c.reviewIntervalMonths} months`],
    references: ["References", list(c.references.map((r) => `${r.title} <${r.url}>`))],
  };
}

/** How an item reads in a comparison, field by field. */
export function itemFields(item: ChecklistItemContent): Record<string, [string, string]> {
  const unit = item.unit ? ` ${item.unit}` : "";
  const tiers = item.limitsByMailboxUsers;
  const range =
    item.kind !== "NUMBER"
      ? ""
      : tiers
        ? MAILBOX_USERS_TIERS.map((t) => `${MAILBOX_USERS_LABELS[t]}: ${tiers[t].min ?? "no minimum"} to ${tiers[t].max ?? "no maximum"}${unit}`).join("; ")
        : `${item.min ?? "no minimum"} to ${item.max ?? "no maximum"}${unit}`;
  return {
    text: ["Text", item.text],
    kind: ["Kind", ITEM_KIND_LABELS[item.kind]],
    required: ["Required", item.required ? "yes" : "no"],
    range: ["Range", range],
    unit: ["Unit", item.unit ?? ""],
    counter: ["Counter", item.counter ?? ""],
    choices: ["Choices", item.choices.join(", ")],
    passChoices: ["Passing choices", item.passChoices.join(", ")],
    roles: ["Exchange roles", itemRolesLabel(item.roles)],
    help: ["Guidance", item.help],
  };
}

/** Which servers an item is for, in words: "Mailbox, Hub Transport servers" or "every server". */
export function itemRolesLabel(roles: readonly string[]): string {
  return roles.length ? `${roles.map((r) => EXCHANGE_ROLE_LABELS[r as ExchangeRole] ?? r).join(", ")} servers only` : "every server";
}

/** Whether a number item's values start a new series (its unit changed). */
function unitChanged(before: ChecklistItemContent, after: ChecklistItemContent): boolean {
  return before.kind === "NUMBER" && after.kind === "NUMBER" && (before.unit ?? "") !== (after.unit ?? "");
}

function fieldChanges(before: Record<string, [string, string]>, after: Record<string, [string, string]>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const [field, [label, a]] of Object.entries(before)) {
    const b = after[field]![1];
    if (a !== b) changes.push({ field, label, before: a, after: b });
  }
  return changes;
}

/** Word-level differences of two short texts, for highlighting inside one field. */
export function wordDiff(before: string, after: string): TextPart[] {
  return diffWordsWithSpace(before, after).map((p) => ({ value: p.value, added: p.added || undefined, removed: p.removed || undefined }));
}

function diffItems(before: ChecklistItemContent[], after: ChecklistItemContent[]): ItemChange[] {
  const oldIndex = new Map(before.map((item, i) => [item.key, i]));
  const newKeys = new Set(after.map((i) => i.key));
  // An item "moved" when its order relative to the items kept on both sides changed.
  const keptBefore = before.filter((i) => newKeys.has(i.key)).map((i) => i.key);
  const keptAfter = after.filter((i) => oldIndex.has(i.key)).map((i) => i.key);
  const changes: ItemChange[] = [];
  after.forEach((item, position) => {
    const index = oldIndex.get(item.key);
    if (index === undefined) {
      changes.push({ kind: "added", key: item.key, after: item, position });
      return;
    }
    const old = before[index]!;
    const moved = keptBefore.indexOf(item.key) !== keptAfter.indexOf(item.key);
    const fields = fieldChanges(itemFields(old), itemFields(item));
    if (fields.length) changes.push({ kind: "changed", key: item.key, before: old, after: item, fields, moved, position, ...(unitChanged(old, item) ? { newSeries: true } : {}) });
    else if (moved) changes.push({ kind: "moved", key: item.key, after: item, from: index, position });
  });
  before.forEach((item, position) => {
    if (!newKeys.has(item.key)) changes.push({ kind: "removed", key: item.key, before: item, position });
  });
  // Between published versions a unit change shows as a removed item and an added one under the
  // key publishing gave it (series.ts): say that the added one continues the removed one.
  for (const added of changes) {
    if (added.kind !== "added" || added.after.kind !== "NUMBER") continue;
    const gone = changes.find((c) => c.kind === "removed" && c.before.kind === "NUMBER" && added.key.startsWith(`${c.key}-`) && unitChanged(c.before, added.after));
    if (gone?.kind === "removed") added.replaces = { key: gone.key, text: gone.before.text, unit: gone.before.unit ?? "" };
  }
  return changes;
}

function diffTools(before: ProcedureContent["tools"], after: ProcedureContent["tools"]): ToolChange[] {
  // Match the nth use of a tool on one side with its nth use on the other.
  const keyed = (tools: ProcedureContent["tools"]) => {
    const seen = new Map<string, number>();
    return new Map(
      tools.map((t) => {
        const n = (seen.get(t.tool) ?? 0) + 1;
        seen.set(t.tool, n);
        return [`${t.tool}#${n}`, t] as const;
      }),
    );
  };
  const a = keyed(before);
  const b = keyed(after);
  const changes: ToolChange[] = [];
  for (const [key, t] of b) {
    const old = a.get(key);
    if (!old) changes.push({ kind: "added", tool: t.tool, after: { command: t.command, purpose: t.purpose } });
    else if (old.command !== t.command || old.purpose !== t.purpose) {
      changes.push({ kind: "changed", tool: t.tool, before: { command: old.command, purpose: old.purpose }, after: { command: t.command, purpose: t.purpose } });
    }
  }
  for (const [key, t] of a) if (!b.has(key)) changes.push({ kind: "removed", tool: t.tool, before: { command: t.command, purpose: t.purpose } });
  return changes;
}

export function diffContent(before: ProcedureContent, after: ProcedureContent): ContentDiff {
  const fields = fieldChanges(metadata(before), metadata(after));
  const body = diffLines(before.body.endsWith("\n") ? before.body : `${before.body}\n`, after.body.endsWith("\n") ? after.body : `${after.body}\n`).map((p) => ({
    value: p.value,
    added: p.added || undefined,
    removed: p.removed || undefined,
  }));
  const bodyChanged = body.some((p) => p.added || p.removed);
  const items = diffItems(before.items, after.items);
  const tools = diffTools(before.tools, after.tools);
  return { fields, body, bodyChanged, items, tools, same: fields.length === 0 && !bodyChanged && items.length === 0 && tools.length === 0 };
}

/** One line per kind of change, for change-note suggestions and acknowledgement prompts. */
export function summariseDiff(d: ContentDiff): string[] {
  const lines: string[] = [];
  if (d.fields.length) lines.push(`Changed ${d.fields.map((f) => f.label.toLowerCase()).join(", ")}.`);
  if (d.bodyChanged) lines.push("Changed the instructions.");
  const count = (k: ItemChange["kind"]) => d.items.filter((i) => i.kind === k).length;
  const parts = [
    [count("added"), "added"],
    [count("removed"), "removed"],
    [count("changed"), "changed"],
    [count("moved"), "moved"],
  ].filter(([n]) => Number(n) > 0);
  if (parts.length) lines.push(`Checklist: ${parts.map(([n, w]) => `${n} ${w}`).join(", ")}.`);
  if (d.tools.length) lines.push(`Tools: ${d.tools.length} ${d.tools.length === 1 ? "change" : "changes"}.`);
  return lines;
}
