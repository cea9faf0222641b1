// What a recorded value means for a checklist item: pure rules, shared by the action and its tests.
import { recordedNumber } from "@/lib/format/values";
import { rangeViolation } from "@/lib/procedures/thresholds";
import { DEFAULT_MAILBOX_USERS, MAILBOX_USERS_LABELS, type MailboxUsersTier } from "@/lib/procedures/vocabulary";
import { effectiveLimits, type LimitsByMailboxUsers } from "./limits";

export const OUTCOMES = ["PASS", "FAIL", "NOT_APPLICABLE"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = { PASS: "Pass", FAIL: "Fail", NOT_APPLICABLE: "Not applicable" };

export interface EvaluableItem {
  kind: string;
  text: string;
  unit: string | null;
  min: number | null;
  max: number | null;
  choices: string[];
  passChoices: string[];
  /** Limits by the organisation's mailbox users (parsed); null or absent: min and max apply. */
  limitsByMailboxUsers?: LimitsByMailboxUsers | null;
  /** A required item marked not applicable needs a reason (the note) and counts as an exception. */
  required?: boolean;
}

export interface Submission {
  outcome: Outcome;
  value: string;
  note?: string;
}

export type Evaluation =
  | {
      ok: true;
      outcome: Outcome;
      valueNumber: number | null;
      valueText: string | null;
      failureReason: string | null;
      /** The limits a number was judged against (lib/runs/limits.ts); null for other kinds, N/A and no limit. */
      limitMin: number | null;
      limitMax: number | null;
    }
  | { ok: false; field: "value" | "outcome" | "note"; message: string };

/** Shortest reason accepted for marking a required item not applicable. */
export const NA_REASON_MIN = 5;

/** Accepts "180", "-3", "12.5", "1 234", "1,234" (thousands), "12,5" is refused as ambiguous. */
export function parseNumber(raw: string): number | null {
  const text = raw.trim().replace(/[\s\u00a0]/g, "");
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(text)) return null;
  const value = Number(text.replaceAll(",", ""));
  return Number.isFinite(value) && Math.abs(value) < 1e15 ? value : null;
}

/** `mailboxUsers`: the organisation's setting, which picks the tier of an item that has them. */
export function evaluate(item: EvaluableItem, submission: Submission, mailboxUsers: MailboxUsersTier = DEFAULT_MAILBOX_USERS): Evaluation {
  const judged = judge(item, submission, mailboxUsers);
  return judged.ok ? { limitMin: null, limitMax: null, ...judged } : judged;
}

type Judged =
  | ({ ok: true } & Omit<Extract<Evaluation, { ok: true }>, "ok" | "limitMin" | "limitMax"> & { limitMin?: number | null; limitMax?: number | null })
  | Extract<Evaluation, { ok: false }>;

function judge(item: EvaluableItem, submission: Submission, mailboxUsers: MailboxUsersTier): Judged {
  const value = submission.value.trim();
  if (submission.outcome === "NOT_APPLICABLE") {
    if (item.required && (submission.note ?? "").trim().length < NA_REASON_MIN) {
      return { ok: false, field: "note", message: `This item is required: say in the note why it does not apply (at least ${NA_REASON_MIN} characters).` };
    }
    return { ok: true, outcome: "NOT_APPLICABLE", valueNumber: null, valueText: value || null, failureReason: null };
  }
  switch (item.kind) {
    case "CHECK":
      return {
        ok: true,
        outcome: submission.outcome,
        valueNumber: null,
        valueText: null,
        failureReason: submission.outcome === "FAIL" ? `${item.text}: marked failed` : null,
      };
    case "NUMBER": {
      if (value === "") return { ok: false, field: "value", message: `Enter the measured value${item.unit ? ` in ${item.unit}` : ""}.` };
      const number = parseNumber(value);
      if (number === null) return { ok: false, field: "value", message: `"${value.slice(0, 40)}" is not a number. Use digits, e.g. 120 or 12.5.` };
      const limits = effectiveLimits(item, mailboxUsers);
      const judgedAgainst = { limitMin: limits.min, limitMax: limits.max };
      const violation = rangeViolation(item.text, number, { unit: item.unit, min: limits.min, max: limits.max });
      if (violation) {
        // A tier's limit says which: "… exceeds the maximum of 30 ms for 500–3,000 mailbox users".
        const reason = limits.tier ? `${violation} for ${MAILBOX_USERS_LABELS[limits.tier]}` : violation;
        return { ok: true, outcome: "FAIL", valueNumber: number, valueText: null, failureReason: reason, ...judgedAgainst };
      }
      return {
        ok: true,
        outcome: submission.outcome,
        valueNumber: number,
        valueText: null,
        ...judgedAgainst,
        failureReason: submission.outcome === "FAIL" ? `${item.text} ${recordedNumber(number)}${item.unit ? ` ${item.unit}` : ""}: marked failed` : null,
      };
    }
    case "CHOICE": {
      if (!item.choices.includes(value)) return { ok: false, field: "value", message: `Choose one of: ${item.choices.join(", ")}.` };
      const passes = item.passChoices.length === 0 || item.passChoices.includes(value);
      if (!passes) return { ok: true, outcome: "FAIL", valueNumber: null, valueText: value, failureReason: `${item.text} is ${value}, expected ${item.passChoices.join(" or ")}` };
      return { ok: true, outcome: submission.outcome, valueNumber: null, valueText: value, failureReason: submission.outcome === "FAIL" ? `${item.text} (${value}): marked failed` : null };
    }
    case "TEXT": {
      if (value === "") return { ok: false, field: "value", message: "Write down what you found." };
      return { ok: true, outcome: submission.outcome, valueNumber: null, valueText: value, failureReason: submission.outcome === "FAIL" ? `${item.text}: marked failed` : null };
    }
    default:
      return { ok: false, field: "outcome", message: "This item cannot take a result." };
  }
}
