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
