// Writing audit events. Always called inside the transaction of the change it records, which
// holds the database's write lock, so reading the chain's tail and appending cannot interleave.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { GENESIS_HASH, canonicalJson, eventHash } from "./chain";

export interface AuditActor {
  id: string | null;
  label: string;
}

export interface RequestInfo {
  ip: string;
  userAgent: string;
}

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

function serialise(value: unknown): string | null {
  return value === undefined || value === null ? null : canonicalJson(value);
}

/** Appends one event; returns its sequence number. */
export async function writeAuditEvent(
  tx: Prisma.TransactionClient,
  actor: AuditActor,
  request: RequestInfo,
  input: AuditInput,
): Promise<number> {
  return writeAuditEvents(tx, actor, request, [input]);
}

/** Appends several events in order, in one round trip; for bulk changes such as run generation. */
export async function writeAuditEvents(
  tx: Prisma.TransactionClient,
  actor: AuditActor,
  request: RequestInfo,
  inputs: AuditInput[],
): Promise<number> {
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  if (inputs.length === 0) return last?.seq ?? 0;
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  // Millisecond precision, as stored.
  const at = new Date();
  const rows = inputs.map((input) => {
    seq += 1;
    const content = {
      seq,
      at,
      actorId: actor.id,
      actorLabel: actor.label,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      before: serialise(input.before),
      after: serialise(input.after),
      ip: request.ip.slice(0, 100),
      userAgent: request.userAgent.slice(0, 500),
    };
    const hash = eventHash(prevHash, content);
    const row = { ...content, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await tx.auditEvent.createMany({ data: rows });
  return seq;
}
