// The audit hash chain: pure functions, no I/O. Each event's hash covers the previous event's hash
// and the event's own canonical content, so changing, removing or reordering any event breaks
// every hash after it.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditContent {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
  ip: string;
  userAgent: string;
}

/** JSON with object keys sorted at every level, so equal values always give the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    // Null prototype: a key named "__proto__" stays an ordinary key.
    const out: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function eventHash(prevHash: string, content: AuditContent): string {
  // Exactly these fields, whatever else the object carries.
  const text = canonicalJson({
    seq: content.seq,
    at: content.at.toISOString(),
    actorId: content.actorId,
    actorLabel: content.actorLabel,
    action: content.action,
    entityType: content.entityType,
    entityId: content.entityId,
    before: content.before,
    after: content.after,
    ip: content.ip,
    userAgent: content.userAgent,
    prevHash,
  });
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export interface StoredAuditEvent extends AuditContent {
  prevHash: string;
  hash: string;
}

export type ChainCheck =
  | { ok: true; verified: number; lastHash: string }
  | { ok: false; verified: number; badSeq: number; reason: string };

/**
 * Walks events in sequence order, continuing from a known point (so the caller can stream the
 * table in pages). Returns at the first event that does not fit the chain.
 */
export function checkChain(
  events: Iterable<StoredAuditEvent>,
  start: { prevHash: string; prevSeq: number; verified: number } = {
    prevHash: GENESIS_HASH,
    prevSeq: 0,
    verified: 0,
  },
): ChainCheck {
  let { prevHash, prevSeq, verified } = start;
  for (const event of events) {
    if (event.seq !== prevSeq + 1) {
      return {
        ok: false,
        verified,
        badSeq: event.seq,
        reason: `sequence jumps from ${prevSeq} to ${event.seq} (an event is missing or out of order)`,
      };
    }
    if (event.prevHash !== prevHash) {
      return { ok: false, verified, badSeq: event.seq, reason: "does not link to the previous event's hash" };
    }
    if (eventHash(prevHash, event) !== event.hash) {
      return { ok: false, verified, badSeq: event.seq, reason: "content does not match its hash (altered)" };
    }
    prevHash = event.hash;
    prevSeq = event.seq;
    verified += 1;
  }
  return { ok: true, verified, lastHash: prevHash };
}
