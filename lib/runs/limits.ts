// The one rule for which limits a number item is judged against: the tier of the organisation's
// mailbox users when the item gives limits by size, else the item's own min and max
// (docs/decisions/036-limits-by-organisation-size.md). Recording a value, the run page's
// "Expected", the marks on earlier values and the printed checklist all ask here. Pure.
import { LimitsByMailboxUsersSchema, type LimitsByMailboxUsers } from "@/lib/procedures/schemas";
import { describeRange, formatNumber } from "@/lib/procedures/thresholds";
import { MAILBOX_USERS_LABELS, MAILBOX_USERS_TIERS, type MailboxUsersTier } from "@/lib/procedures/vocabulary";

export type { LimitsByMailboxUsers };

export interface LimitedItem {
  min: number | null;
  max: number | null;
  /** Limits by mailbox users, parsed (parseLimitsByMailboxUsers); null or absent: the item's own apply. */
  limitsByMailboxUsers?: LimitsByMailboxUsers | null;
}

export interface EffectiveLimits {
  min: number | null;
  max: number | null;
  /** The tier the limits were taken from; null when they are the item's own. */
  tier: MailboxUsersTier | null;
}

/** The limits a value of this item is judged against for an organisation of this size. */
export function effectiveLimits(item: LimitedItem, mailboxUsers: MailboxUsersTier): EffectiveLimits {
  const tiers = item.limitsByMailboxUsers;
  if (tiers) {
    const limits = tiers[mailboxUsers];
    return { min: limits.min ?? null, max: limits.max ?? null, tier: mailboxUsers };
  }
  return { min: item.min, max: item.max, tier: null };
}

/**
 * The stored column (JSON text, "" for none) as tiers, or null. Text that does not hold three
 * valid tiers reads as none: the item's own limits then apply, as they did before tiers existed.
 * Only publishing writes the column, from content the schema has checked.
 */
export function parseLimitsByMailboxUsers(text: string | null | undefined): LimitsByMailboxUsers | null {
  if (!text) return null;
  try {
    const parsed = LimitsByMailboxUsersSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The column's text for tiers: a fixed key order, so equal tiers are stored alike; "" for none. */
export function serialiseLimitsByMailboxUsers(tiers: LimitsByMailboxUsers | null | undefined): string {
  if (!tiers) return "";
  return JSON.stringify(
    Object.fromEntries(
      MAILBOX_USERS_TIERS.map((tier) => {
        const { min, max } = tiers[tier];
        return [tier, { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) }];
      }),
    ),
  );
}

function withUnit(value: number, unit: string | null): string {
  if (!unit) return formatNumber(value);
  return unit === "%" ? `${formatNumber(value)}%` : `${formatNumber(value)} ${unit}`;
}

/**
 * What is expected of a number item, in words: "at most 30 ms (500–3,000 mailbox users)", or the
 * item's own range; null when there is no limit. Without a setting, an item with tiers lists all
 * three ("at most 15 ms under 500 mailbox users; …").
 */
export function describeLimits(item: LimitedItem & { unit: string | null }, mailboxUsers: MailboxUsersTier | null): string | null {
  const tiers = item.limitsByMailboxUsers;
  if (tiers && mailboxUsers === null) {
    return MAILBOX_USERS_TIERS.map((tier) => `${describeRange({ unit: item.unit, min: tiers[tier].min ?? null, max: tiers[tier].max ?? null })} ${MAILBOX_USERS_LABELS[tier]}`).join("; ");
  }
  const limits = effectiveLimits(item, mailboxUsers ?? "UNDER_500");
  const range = describeRange({ unit: item.unit, min: limits.min, max: limits.max });
  if (range === null) return null;
  return limits.tier ? `${range} (${MAILBOX_USERS_LABELS[limits.tier]})` : range;
}

/** The tier whose limits are these, for naming it beside a stored result; null when none matches. */
export function tierOfLimits(tiers: LimitsByMailboxUsers | null | undefined, min: number | null, max: number | null): MailboxUsersTier | null {
  if (!tiers) return null;
  return MAILBOX_USERS_TIERS.find((tier) => (tiers[tier].min ?? null) === min && (tiers[tier].max ?? null) === max) ?? null;
}

/**
 * The limit a recorded value was judged against, in words: "limit 30 ms (500–3,000 mailbox
 * users)", "limit: between 1 and 5 ms". A result from before limits were stored (both null) was
 * judged against the item's own min and max. Null when there was no limit.
 */
export function appliedLimitText(
  result: { limitMin: number | null; limitMax: number | null },
  item: LimitedItem & { unit: string | null },
): string | null {
  const stored = result.limitMin !== null || result.limitMax !== null;
  const min = stored ? result.limitMin : item.min;
  const max = stored ? result.limitMax : item.max;
  if (min === null && max === null) return null;
  const tier = stored ? tierOfLimits(item.limitsByMailboxUsers, min, max) : null;
  const text = min === null && max !== null ? `limit ${withUnit(max, item.unit)}` : `limit: ${describeRange({ unit: item.unit, min, max })}`;
  return tier ? `${text} (${MAILBOX_USERS_LABELS[tier]})` : text;
}
