"use client";
// The procedure editor: metadata, Markdown body with a live preview, checklist items (add, edit,
// reorder with the Move buttons by keyboard or pointer, remove), tools with their commands, and
// references. The whole procedure is kept in the browser and sent as one JSON field, so a refused
// save (invalid input, or someone else saved first) never loses what was typed.
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useMemo, useRef, useState } from "react";
import { FormMessage } from "@/components/forms/field";
import { Markdown } from "@/components/markdown";
import { DraftControls, type DraftActions, type DraftInfo } from "./draft-controls";
import { PlaceholderReference, type PlaceholderVariableInfo } from "./placeholder-reference";
import { buttonClass, cardClass, inputClass, labelClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import type { ActionState } from "@/lib/actions/result";
import type { LimitsByMailboxUsers, ProcedureContent } from "@/lib/procedures/schemas";
import {
  CADENCES,
  CADENCE_LABELS,
  EXCHANGE_ROLES,
  EXCHANGE_ROLE_LABELS,
  ITEM_KINDS,
  ITEM_KIND_LABELS,
  MAILBOX_USERS_LABELS,
  MAILBOX_USERS_TIERS,
  MANAGEMENT_REVIEWS,
  MANAGEMENT_REVIEW_LABELS,
  MOF_QUADRANTS,
  MOF_QUADRANT_LABELS,
  MOF_SMF_CODES,
  MOF_SMFS,
  type ItemKind,
} from "@/lib/procedures/vocabulary";

interface ItemState {
  uid: number;
  key: string;
  isNew: boolean;
  kind: ItemKind;
  text: string;
  help: string;
  required: boolean;
  unit: string;
  min: string;
  max: string;
  counter: string;
  /**
   * Limits by the organisation's mailbox users (number items), kept as they came: the editor shows
   * them but does not edit them (they follow Microsoft's tiers); null when the item's own apply.
   */
  limitsByMailboxUsers: LimitsByMailboxUsers | null;
  choices: string;
  passChoices: string[];
  /** Exchange roles the item is limited to; none: every server. */
  roles: string[];
  /** The unit the item was published with (number items), to warn that changing it starts a new series. */
  publishedUnit: string | null;
}

interface ToolState {
  uid: number;
  tool: string;
  command: string;
  purpose: string;
}

interface RefState {
  uid: number;
  title: string;
  url: string;
}

interface EditorState {
  slug: string;
  title: string;
  cadence: string;
  smf: string;
  relatedSmfs: string[];
  roles: string[];
  purpose: string;
  reviewIntervalMonths: string;
  managementReview: string;
  body: string;
  items: ItemState[];
  tools: ToolState[];
  references: RefState[];
}

// Rows added in the browser get ids from here; rows rendered on the server use their position, so
// server and browser agree on the first render.
let nextUid = 100_000;
const uid = () => nextUid++;

function fromContent(c: ProcedureContent): EditorState {
  return {
    slug: c.slug,
    title: c.title,
    cadence: c.cadence,
    smf: c.smf,
    relatedSmfs: [...c.relatedSmfs],
    roles: [...c.roles],
    purpose: c.purpose,
    reviewIntervalMonths: String(c.reviewIntervalMonths),
    managementReview: c.managementReview,
    body: c.body,
    items: c.items.map((i, index) => ({
      uid: index + 1,
      key: i.key,
      isNew: false,
      kind: i.kind,
      text: i.text,
      help: i.help,
      required: i.required,
      unit: i.unit ?? "",
      min: i.min === undefined ? "" : String(i.min),
      max: i.max === undefined ? "" : String(i.max),
      counter: i.counter ?? "",
      limitsByMailboxUsers: i.limitsByMailboxUsers ?? null,
      choices: i.choices.join("\n"),
      passChoices: [...i.passChoices],
      roles: [...i.roles],
      publishedUnit: i.kind === "NUMBER" ? (i.unit ?? "") : null,
    })),
    tools: c.tools.map((t, index) => ({ uid: index + 1, ...t })),
    references: c.references.map((r, index) => ({ uid: index + 1, ...r })),
  };
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    // Runs are single hyphens by now; matching one (not -+) keeps the patterns linear.
    .replace(/^-|-$/g, "")
    .slice(0, 50)
    .replace(/-$/, "");
}

/** A number field's text as JSON: a number when it is one, else the text (the server explains). */
function numberOrText(text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  const n = Number(t.replace(",", "."));
  return Number.isFinite(n) ? n : t;
}

function toContent(s: EditorState): Record<string, unknown> {
  const used = new Set(s.items.filter((i) => !i.isNew).map((i) => i.key));
  const items = s.items.map((i) => {
    let key = i.key;
    if (i.isNew) {
      // New items get a readable key from their text; it never changes afterwards.
      const base = slugify(i.text) || "item";
      key = base;
      for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
      used.add(key);
    }
    const choices = i.kind === "CHOICE" ? i.choices.split("\n").map((c) => c.trim()).filter(Boolean) : [];
    return {
      key,
      kind: i.kind,
      text: i.text,
      help: i.help,
      required: i.required,
      unit: i.kind === "NUMBER" ? i.unit.trim() || undefined : undefined,
      min: i.kind === "NUMBER" ? numberOrText(i.min) : undefined,
      max: i.kind === "NUMBER" ? numberOrText(i.max) : undefined,
      counter: i.kind === "NUMBER" ? i.counter.trim() || undefined : undefined,
      limitsByMailboxUsers: i.kind === "NUMBER" && i.limitsByMailboxUsers ? i.limitsByMailboxUsers : undefined,
      choices,
      passChoices: i.kind === "CHOICE" ? i.passChoices.filter((p) => choices.includes(p)) : [],
      roles: EXCHANGE_ROLES.filter((r) => i.roles.includes(r)),
    };
  });
  const months = Number(s.reviewIntervalMonths);
  return {
    slug: s.slug,
    title: s.title,
    cadence: s.cadence,
    smf: s.smf,
    relatedSmfs: s.relatedSmfs,
    roles: s.roles,
    purpose: s.purpose,
    reviewIntervalMonths: s.reviewIntervalMonths.trim() === "" || !Number.isFinite(months) ? s.reviewIntervalMonths : months,
    managementReview: s.managementReview,
    body: s.body,
    items,
    tools: s.tools.map(({ tool, command, purpose }) => ({ tool, command, purpose })),
    references: s.references.map(({ title, url }) => ({ title, url })),
  };
}

/** One tier's limits in words: "at most 30 ms", "1 to 5 ms". */
function tierRange(limits: { min?: number; max?: number }, unit: string): string {
  const u = unit.trim() ? ` ${unit.trim()}` : "";
  if (limits.min !== undefined && limits.max !== undefined) return `${limits.min} to ${limits.max}${u}`;
  if (limits.max !== undefined) return `at most ${limits.max}${u}`;
  return `at least ${limits.min}${u}`;
}

function move<T>(list: T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return list;
  const copy = [...list];
  [copy[index], copy[to]] = [copy[to]!, copy[index]!];
  return copy;
}

function Errors({ messages, id }: { messages?: string[]; id?: string }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="text-sm text-red-700">
      {messages.join(" ")}
    </p>
  );
}

interface Props {
  mode: "create" | "edit";
  procedureId?: string;
  initial: ProcedureContent;
  revision: number;
  tools: { slug: string; name: string }[];
  action: FormAction;
  /** The open draft, when there is one (edit mode). */
  draft?: DraftInfo | null;
  draftActions?: DraftActions;
  requireSecondApproval?: boolean;
  published?: boolean;
  /** The variables defined in the portal, for the placeholder reference. */
  variables?: PlaceholderVariableInfo[];
}

export function ProcedureEditor({ mode, procedureId, initial, revision: initialRevision, tools, action, draft, draftActions, requireSecondApproval = false, published = false, variables = [] }: Props) {
  const router = useRouter();
  const [form, setForm] = useState<EditorState>(() => fromContent(initial));
  const [revision, setRevision] = useState(initialRevision);
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(toContent(fromContent(initial))));
  const [state, formAction, pending] = useActionState<ActionState, FormData>(async (previous, data) => {
    const saved = String(data.get("content") ?? "");
    const result = await action(previous, data);
    if (!result.ok) return result;
    const answer = (result.data ?? {}) as { revision?: number; slug?: string };
    if (mode === "create" && answer.slug) {
      router.push(`/procedures/${answer.slug}/edit`);
      return result;
    }
    if (typeof answer.revision === "number") setRevision(answer.revision);
    // What was saved becomes the baseline; new items keep the keys they were saved with.
    const keys = (JSON.parse(saved) as { items: { key: string }[] }).items.map((i) => i.key);
    setSavedJson(saved);
    setForm((f) => (f.items.length === keys.length ? { ...f, items: f.items.map((item, i) => ({ ...item, isNew: false, key: keys[i]! })) } : f));
    router.refresh();
    return result;
  }, null);
  const [tab, setTab] = useState<"write" | "preview">("write");
  const focusAfterMove = useRef<string | null>(null);
  const json = useMemo(() => JSON.stringify(toContent(form)), [form]);
  const dirty = json !== savedJson;
  const errors: Record<string, string[]> = state && !state.ok ? state.fieldErrors : {};
  const err = (path: string) => errors[`content.${path}`];

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty) e.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  useEffect(() => {
    if (focusAfterMove.current) {
      document.getElementById(focusAfterMove.current)?.focus();
      focusAfterMove.current = null;
    }
  });

  const set = <K extends keyof EditorState>(key: K, value: EditorState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setItem = (index: number, patch: Partial<ItemState>) => setForm((f) => ({ ...f, items: f.items.map((item, i) => (i === index ? { ...item, ...patch } : item)) }));
  const moveItem = (index: number, by: -1 | 1, buttonId: string) => {
    focusAfterMove.current = buttonId;
    setForm((f) => ({ ...f, items: move(f.items, index, by) }));
  };
  const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const otherErrors = Object.entries(errors).filter(([k]) => !k.startsWith("content.") || k === "content");

  return (
    <div className="space-y-5">
    <form
      // Submitted by hand so React does not reset the form afterwards: a reset puts selects back to
      // their first option while the editor's state (the truth) stays as typed.
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
      className="space-y-5"
      noValidate aria-label={mode === "create" ? "New procedure" : "Edit procedure"}>
      <input type="hidden" name="content" value={json} />
      {procedureId && <input type="hidden" name="procedureId" value={procedureId} />}
      <input type="hidden" name="expectedRevision" value={revision} />

      <div className="sticky top-0 z-10 -mx-1 flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white/95 px-3 py-2 shadow-sm backdrop-blur">
        <button type="submit" className={buttonClass.primary} disabled={pending}>
          {pending ? "Saving…" : mode === "create" ? "Create draft" : "Save draft"}
        </button>
        <span className="text-sm text-slate-600" aria-live="polite">
          {dirty ? "Unsaved changes" : mode === "edit" && revision > 0 ? `Draft saved (revision ${revision})` : "No changes"}
        </span>
      </div>
      <FormMessage state={state} />
      {otherErrors.length > 0 && <Errors messages={otherErrors.flatMap(([, m]) => m)} />}

      <section aria-labelledby="meta-heading" className={`${cardClass} space-y-4 p-5`}>
        <h2 id="meta-heading" className="text-lg font-semibold">About this procedure</h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor="ed-title" className={labelClass}>Title</label>
            <input id="ed-title" className={inputClass} value={form.title} onChange={(e) => set("title", e.target.value)} aria-invalid={err("title") ? true : undefined} aria-describedby="ed-title-err" />
            <Errors id="ed-title-err" messages={err("title")} />
          </div>
          <div className="space-y-1">
            <label htmlFor="ed-slug" className={labelClass}>Address (slug)</label>
            <input id="ed-slug" className={`${inputClass} font-mono`} value={form.slug} onChange={(e) => set("slug", e.target.value)} aria-invalid={err("slug") ? true : undefined} aria-describedby="ed-slug-hint ed-slug-err" />
            <p id="ed-slug-hint" className="text-xs text-slate-600">/procedures/{form.slug || "…"}{mode === "edit" ? " — changing it changes the procedure's links." : ""}</p>
            <Errors id="ed-slug-err" messages={err("slug")} />
          </div>
          <div className="space-y-1">
            <label htmlFor="ed-cadence" className={labelClass}>Cadence</label>
            <select id="ed-cadence" className={inputClass} value={form.cadence} onChange={(e) => set("cadence", e.target.value)}>
              {CADENCES.map((c) => <option key={c} value={c}>{CADENCE_LABELS[c]}</option>)}
            </select>
            <Errors messages={err("cadence")} />
          </div>
          <div className="space-y-1">
            <label htmlFor="ed-smf" className={labelClass}>MOF Service Management Function</label>
            <select id="ed-smf" className={inputClass} value={form.smf} onChange={(e) => set("smf", e.target.value)}>
              {MOF_QUADRANTS.map((q) => (
                <optgroup key={q} label={`${MOF_QUADRANT_LABELS[q]} quadrant`}>
                  {MOF_SMF_CODES.filter((s) => MOF_SMFS[s].quadrant === q).map((s) => <option key={s} value={s}>{MOF_SMFS[s].label}</option>)}
                </optgroup>
              ))}
            </select>
            <Errors messages={err("smf")} />
          </div>
          <div className="space-y-1">
            <label htmlFor="ed-review" className={labelClass}>Review every (months)</label>
            <input id="ed-review" type="number" min={1} max={60} className={inputClass} value={form.reviewIntervalMonths} onChange={(e) => set("reviewIntervalMonths", e.target.value)} aria-invalid={err("reviewIntervalMonths") ? true : undefined} />
            <Errors messages={err("reviewIntervalMonths")} />
          </div>
          <div className="space-y-1">
            <label htmlFor="ed-management-review" className={labelClass}>MOF management review</label>
            <select id="ed-management-review" className={inputClass} value={form.managementReview} onChange={(e) => set("managementReview", e.target.value)} aria-describedby="ed-management-review-hint" aria-invalid={err("managementReview") ? true : undefined}>
              <option value="">None</option>
              {MANAGEMENT_REVIEWS.map((r) => <option key={r} value={r}>{MANAGEMENT_REVIEW_LABELS[r]}</option>)}
            </select>
            <p id="ed-management-review-hint" className="text-xs text-slate-600">The management review whose meeting this procedure feeds, if any.</p>
            <Errors messages={err("managementReview")} />
          </div>
        </div>
        <fieldset>
          <legend className={labelClass}>Exchange server roles it applies to</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {EXCHANGE_ROLES.map((r) => (
              <label key={r} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" checked={form.roles.includes(r)} onChange={() => set("roles", toggle(form.roles, r))} /> {EXCHANGE_ROLE_LABELS[r]}
              </label>
            ))}
          </div>
          <Errors messages={err("roles")} />
        </fieldset>
        <details>
          <summary className="cursor-pointer text-sm text-brand-700">Related MOF functions ({form.relatedSmfs.length})</summary>
          <div className="mt-2 grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
            {MOF_SMF_CODES.filter((s) => s !== form.smf).map((s) => (
              <label key={s} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" checked={form.relatedSmfs.includes(s)} onChange={() => set("relatedSmfs", toggle(form.relatedSmfs, s))} /> {MOF_SMFS[s].label}
              </label>
            ))}
          </div>
        </details>
        <div className="space-y-1">
          <label htmlFor="ed-purpose" className={labelClass}>Purpose</label>
          <textarea id="ed-purpose" rows={2} className={inputClass} value={form.purpose} onChange={(e) => set("purpose", e.target.value)} aria-invalid={err("purpose") ? true : undefined} />
          <Errors messages={err("purpose")} />
        </div>
      </section>

      <section aria-labelledby="body-heading" className={`${cardClass} space-y-3 p-5`}>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="body-heading" className="text-lg font-semibold">Instructions</h2>
          <div role="tablist" aria-label="Instructions view" className="flex gap-1 lg:hidden">
            {(["write", "preview"] as const).map((t) => (
              <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)} className={tab === t ? buttonClass.primary : buttonClass.small}>
                {t === "write" ? "Write" : "Preview"}
              </button>
            ))}
          </div>
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          <div className={tab === "write" ? "" : "hidden lg:block"}>
            <label htmlFor="ed-body" className={labelClass}>Markdown</label>
            <textarea id="ed-body" rows={22} className={`${inputClass} font-mono text-xs`} value={form.body} onChange={(e) => set("body", e.target.value)} aria-invalid={err("body") ? true : undefined} aria-describedby="ed-body-hint ed-body-err" />
            <p id="ed-body-hint" className="mt-1 text-xs text-slate-600">Headings (##), lists, tables and `code`. HTML is not allowed. Placeholders such as {"{{server}}"} are filled in on each server&apos;s run (see Placeholders below).</p>
            <Errors id="ed-body-err" messages={err("body")} />
          </div>
          <div className={tab === "preview" ? "" : "hidden lg:block"}>
            <p className={labelClass} id="ed-preview-label">Preview</p>
            <div role="region" tabIndex={0} aria-labelledby="ed-preview-label" data-testid="body-preview" className="mt-1 max-h-[34rem] overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3">
              {form.body.trim() ? <Markdown source={form.body} placeholders={null} /> : <p className="text-sm text-slate-500">Nothing written yet.</p>}
            </div>
          </div>
        </div>
      </section>

      <PlaceholderReference variables={variables} />

      <section aria-labelledby="items-heading" className={`${cardClass} space-y-3 p-5`}>
        <h2 id="items-heading" className="text-lg font-semibold">Checklist ({form.items.length} items)</h2>
        <Errors messages={err("items")} />
        <ol className="space-y-3">
          {form.items.map((item, index) => {
            const base = `ed-item-${item.uid}`;
            const e = (field: string) => err(`items.${index}.${field}`);
            const choices = item.choices.split("\n").map((c) => c.trim()).filter(Boolean);
            return (
              <li key={item.uid} className="rounded-md border border-slate-200 p-3" data-testid="editor-item" aria-label={`Item ${index + 1}: ${item.text || "new item"}`}>
                <div className="flex flex-wrap items-start gap-3">
                  <span className="mt-7 w-6 text-right text-sm font-semibold text-slate-500">{index + 1}.</span>
                  <div className="min-w-64 flex-1 space-y-1">
                    <label htmlFor={`${base}-text`} className={labelClass}>Item text</label>
                    <input id={`${base}-text`} className={inputClass} value={item.text} onChange={(ev) => setItem(index, { text: ev.target.value })} aria-invalid={e("text") ? true : undefined} />
                    <Errors messages={e("text")} />
                  </div>
                  <div className="w-44 space-y-1">
                    <label htmlFor={`${base}-kind`} className={labelClass}>Kind</label>
                    <select id={`${base}-kind`} className={inputClass} value={item.kind} onChange={(ev) => setItem(index, { kind: ev.target.value as ItemKind })}>
                      {ITEM_KINDS.map((k) => <option key={k} value={k}>{ITEM_KIND_LABELS[k]}</option>)}
                    </select>
                  </div>
                  <label className="mt-7 flex items-center gap-1.5 text-sm">
                    <input type="checkbox" checked={item.required} onChange={(ev) => setItem(index, { required: ev.target.checked })} /> Required
                  </label>
                  <div className="mt-6 flex gap-1">
                    <button type="button" id={`${base}-up`} className={buttonClass.small} disabled={index === 0} onClick={() => moveItem(index, -1, `${base}-up`)} aria-label={`Move item ${index + 1} up`}>↑</button>
                    <button type="button" id={`${base}-down`} className={buttonClass.small} disabled={index === form.items.length - 1} onClick={() => moveItem(index, 1, `${base}-down`)} aria-label={`Move item ${index + 1} down`}>↓</button>
                    <button type="button" className={buttonClass.danger} onClick={() => set("items", form.items.filter((_, i) => i !== index))} aria-label={`Remove item ${index + 1}`}>Remove</button>
                  </div>
                </div>
                {item.kind === "NUMBER" && (
                  <div className="mt-3 grid gap-3 pl-9 sm:grid-cols-4">
                    <div className="space-y-1">
                      <label htmlFor={`${base}-unit`} className={labelClass}>Unit</label>
                      <input id={`${base}-unit`} className={inputClass} value={item.unit} onChange={(ev) => setItem(index, { unit: ev.target.value })} placeholder="messages, ms, %" aria-invalid={e("unit") ? true : undefined} />
                      <Errors messages={e("unit")} />
                    </div>
                    {item.limitsByMailboxUsers ? (
                      <div className="space-y-1 sm:col-span-2" data-testid="editor-item-tiers">
                        <p className={labelClass} id={`${base}-tiers`}>Limits by mailbox users</p>
                        <dl aria-labelledby={`${base}-tiers`} className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                          {MAILBOX_USERS_TIERS.map((tier) => (
                            <div key={tier} className="contents">
                              <dt className="text-slate-600">{MAILBOX_USERS_LABELS[tier]}</dt>
                              <dd>{tierRange(item.limitsByMailboxUsers![tier], item.unit)}</dd>
                            </div>
                          ))}
                        </dl>
                        <p className="text-xs text-slate-600">Follows the organisation&apos;s mailbox users setting: a value is judged against the limit for the size set under Settings when it is recorded. Kept as they are when you save.</p>
                        <Errors messages={e("limitsByMailboxUsers")} />
                      </div>
                    ) : (
                      <>
                        <div className="space-y-1">
                          <label htmlFor={`${base}-min`} className={labelClass}>Minimum</label>
                          <input id={`${base}-min`} inputMode="decimal" className={inputClass} value={item.min} onChange={(ev) => setItem(index, { min: ev.target.value })} aria-invalid={e("min") ? true : undefined} />
                          <Errors messages={e("min")} />
                        </div>
                        <div className="space-y-1">
                          <label htmlFor={`${base}-max`} className={labelClass}>Maximum</label>
                          <input id={`${base}-max`} inputMode="decimal" className={inputClass} value={item.max} onChange={(ev) => setItem(index, { max: ev.target.value })} aria-invalid={e("max") ? true : undefined} />
                          <Errors messages={e("max")} />
                        </div>
                      </>
                    )}
                    <div className="space-y-1">
                      <label htmlFor={`${base}-counter`} className={labelClass}>Counter (optional)</label>
                      <input id={`${base}-counter`} className={`${inputClass} font-mono text-xs`} value={item.counter} onChange={(ev) => setItem(index, { counter: ev.target.value })} placeholder="\\MSExchangeIS\\RPC Requests" aria-invalid={e("counter") ? true : undefined} />
                      <Errors messages={e("counter")} />
                    </div>
                    {!item.isNew && item.publishedUnit !== null && item.publishedUnit !== "" && item.unit.trim() !== item.publishedUnit && (
                      <p className="text-xs text-amber-800 sm:col-span-4" role="note">
                        The unit was {item.publishedUnit}. When published, this item gets a new key, so its values start a new series and are never compared with those recorded in {item.publishedUnit}.
                      </p>
                    )}
                  </div>
                )}
                {item.kind === "CHOICE" && (
                  <div className="mt-3 grid gap-3 pl-9 sm:grid-cols-2">
                    <div className="space-y-1">
                      <label htmlFor={`${base}-choices`} className={labelClass}>Choices, one per line</label>
                      <textarea id={`${base}-choices`} rows={3} className={inputClass} value={item.choices} onChange={(ev) => setItem(index, { choices: ev.target.value })} aria-invalid={e("choices") ? true : undefined} />
                      <Errors messages={e("choices")} />
                    </div>
                    <fieldset>
                      <legend className={labelClass}>Choices that pass</legend>
                      {choices.length === 0 && <p className="text-xs text-slate-600">Add choices first.</p>}
                      {choices.map((c) => (
                        <label key={c} className="flex items-center gap-1.5 text-sm">
                          <input type="checkbox" checked={item.passChoices.includes(c)} onChange={() => setItem(index, { passChoices: toggle(item.passChoices, c) })} /> {c}
                        </label>
                      ))}
                      <Errors messages={e("passChoices")} />
                    </fieldset>
                  </div>
                )}
                <div className="mt-3 space-y-1 pl-9">
                  <label htmlFor={`${base}-help`} className={labelClass}>Guidance (optional)</label>
                  <textarea id={`${base}-help`} rows={1} className={inputClass} value={item.help} onChange={(ev) => setItem(index, { help: ev.target.value })} aria-invalid={e("help") ? true : undefined} />
                  <Errors messages={e("help")} />
                  <Errors messages={e("key")} />
                </div>
                <fieldset className="mt-3 pl-9" aria-describedby={`${base}-roles-hint`}>
                  <legend className={labelClass}>Only for servers with these Exchange roles</legend>
                  <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                    {EXCHANGE_ROLES.map((r) => (
                      <label key={r} className="flex items-center gap-1.5 text-sm">
                        <input type="checkbox" checked={item.roles.includes(r)} onChange={() => setItem(index, { roles: toggle(item.roles, r) })} /> {EXCHANGE_ROLE_LABELS[r]}
                      </label>
                    ))}
                  </div>
                  <p id={`${base}-roles-hint`} className="text-xs text-slate-600">
                    None ticked: every server. On a run for a server without any of the ticked roles the item is left out, and the run says so.
                  </p>
                  <Errors messages={e("roles")} />
                </fieldset>
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          className={buttonClass.secondary}
          onClick={() => set("items", [...form.items, { uid: uid(), key: "", isNew: true, kind: "CHECK", text: "", help: "", required: true, unit: "", min: "", max: "", counter: "", limitsByMailboxUsers: null, choices: "", passChoices: [], roles: [], publishedUnit: null }])}
        >
          Add item
        </button>
      </section>

      <section aria-labelledby="tools-heading" className={`${cardClass} space-y-3 p-5`}>
        <h2 id="tools-heading" className="text-lg font-semibold">Tools and commands</h2>
        <Errors messages={err("tools")} />
        {form.tools.map((t, index) => (
          <div key={t.uid} className="grid gap-3 rounded-md border border-slate-200 p-3 md:grid-cols-[14rem_1fr_auto]" data-testid="editor-tool">
            <div className="space-y-1">
              <label htmlFor={`ed-tool-${t.uid}`} className={labelClass}>Tool</label>
              <select id={`ed-tool-${t.uid}`} className={inputClass} value={t.tool} onChange={(ev) => set("tools", form.tools.map((x, i) => (i === index ? { ...x, tool: ev.target.value } : x)))}>
                {tools.map((tool) => <option key={tool.slug} value={tool.slug}>{tool.name}</option>)}
              </select>
              <Errors messages={err(`tools.${index}.tool`)} />
            </div>
            <div className="space-y-2">
              <div className="space-y-1">
                <label htmlFor={`ed-tool-cmd-${t.uid}`} className={labelClass}>Command</label>
                <textarea id={`ed-tool-cmd-${t.uid}`} rows={2} className={`${inputClass} font-mono text-xs`} value={t.command} onChange={(ev) => set("tools", form.tools.map((x, i) => (i === index ? { ...x, command: ev.target.value } : x)))} aria-invalid={err(`tools.${index}.command`) ? true : undefined} />
                <Errors messages={err(`tools.${index}.command`)} />
              </div>
              <div className="space-y-1">
                <label htmlFor={`ed-tool-purpose-${t.uid}`} className={labelClass}>What it is used for</label>
                <input id={`ed-tool-purpose-${t.uid}`} className={inputClass} value={t.purpose} onChange={(ev) => set("tools", form.tools.map((x, i) => (i === index ? { ...x, purpose: ev.target.value } : x)))} />
              </div>
            </div>
            <div className="flex items-start gap-1 md:mt-6">
              <button type="button" className={buttonClass.small} disabled={index === 0} onClick={() => set("tools", move(form.tools, index, -1))} aria-label={`Move tool ${index + 1} up`}>↑</button>
              <button type="button" className={buttonClass.small} disabled={index === form.tools.length - 1} onClick={() => set("tools", move(form.tools, index, 1))} aria-label={`Move tool ${index + 1} down`}>↓</button>
              <button type="button" className={buttonClass.danger} onClick={() => set("tools", form.tools.filter((_, i) => i !== index))} aria-label={`Remove tool ${index + 1}`}>Remove</button>
            </div>
          </div>
        ))}
        <button type="button" className={buttonClass.secondary} onClick={() => set("tools", [...form.tools, { uid: uid(), tool: tools[0]?.slug ?? "", command: "", purpose: "" }])}>
          Add tool
        </button>
      </section>

      <section aria-labelledby="refs-heading" className={`${cardClass} space-y-3 p-5`}>
        <h2 id="refs-heading" className="text-lg font-semibold">References</h2>
        {form.references.map((r, index) => (
          <div key={r.uid} className="grid gap-3 md:grid-cols-[1fr_1fr_auto]">
            <div className="space-y-1">
              <label htmlFor={`ed-ref-title-${r.uid}`} className={labelClass}>Title</label>
              <input id={`ed-ref-title-${r.uid}`} className={inputClass} value={r.title} onChange={(ev) => set("references", form.references.map((x, i) => (i === index ? { ...x, title: ev.target.value } : x)))} />
              <Errors messages={err(`references.${index}.title`)} />
            </div>
            <div className="space-y-1">
              <label htmlFor={`ed-ref-url-${r.uid}`} className={labelClass}>Link</label>
              <input id={`ed-ref-url-${r.uid}`} type="url" className={inputClass} value={r.url} onChange={(ev) => set("references", form.references.map((x, i) => (i === index ? { ...x, url: ev.target.value } : x)))} />
              <Errors messages={err(`references.${index}.url`)} />
            </div>
            <div className="md:mt-6">
              <button type="button" className={buttonClass.danger} onClick={() => set("references", form.references.filter((_, i) => i !== index))} aria-label={`Remove reference ${index + 1}`}>Remove</button>
            </div>
          </div>
        ))}
        <button type="button" className={buttonClass.secondary} onClick={() => set("references", [...form.references, { uid: uid(), title: "", url: "https://" }])}>
          Add reference
        </button>
      </section>
    </form>
    {mode === "edit" && procedureId && draft && draftActions && revision > 0 && (
      <DraftControls procedureId={procedureId} revision={revision} dirty={dirty} draft={draft} requireSecondApproval={requireSecondApproval} published={published} actions={draftActions} />
    )}
    </div>
  );
}
