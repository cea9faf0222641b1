import "server-only";
import type { Db } from "@/lib/db";
import { checkChain, GENESIS_HASH, type ChainCheck } from "./chain";

const PAGE = 5_000;

/** Walks the whole audit trail in pages, in sequence order, and reports the first broken link. */
export async function verifyAuditChain(db: Db): Promise<ChainCheck> {
  let state = { prevHash: GENESIS_HASH, prevSeq: 0, verified: 0 };
  for (;;) {
    const page = await db.auditEvent.findMany({
      where: { seq: { gt: state.prevSeq } },
      orderBy: { seq: "asc" },
      take: PAGE,
    });
    if (page.length === 0) return { ok: true, verified: state.verified, lastHash: state.prevHash };
    const result = checkChain(page, state);
    if (!result.ok) return result;
    const last = page.at(-1)!;
    state = { prevHash: result.lastHash, prevSeq: last.seq, verified: result.verified };
  }
}

/** A point of the chain recorded outside the database ("#seq:hash"), to detect events removed from the end. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

export function parseAnchor(text: string): AuditAnchor | null {
  const match = /^#?(\d{1,12}):([0-9a-f]{64})$/.exec(text.trim());
  return match ? { seq: Number(match[1]), hash: match[2]! } : null;
}

export function formatAnchor(anchor: AuditAnchor): string {
  return `#${anchor.seq}:${anchor.hash}`;
}

/** The newest event, as an anchor to write down (printed reviews carry it). */
export async function auditHead(db: Db): Promise<AuditAnchor | null> {
  const last = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  return last;
}

/**
 * An intact chain proves nothing was changed between its first and last event, but not that no
 * events were cut from its end. An anchor noted earlier closes that gap: the event it names must
 * still exist with the same hash.
 */
export async function checkAnchor(db: Db, anchor: AuditAnchor): Promise<string | null> {
  const event = await db.auditEvent.findUnique({ where: { seq: anchor.seq }, select: { hash: true } });
  if (!event) return `event #${anchor.seq} named by the anchor is missing (events were removed from the end of the trail)`;
  if (event.hash !== anchor.hash) return `event #${anchor.seq} no longer has the anchored hash (the trail was rewritten)`;
  return null;
}
