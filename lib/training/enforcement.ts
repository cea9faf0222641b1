// The organisation setting "require acknowledgement": an operator records results on a run only
// after acknowledging the version the run follows (or a later version of the same procedure).
import "server-only";
import type { Db } from "@/lib/db";
import { Forbidden } from "@/lib/actions/errors";
import { isRole, type Role } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import { exemptFromAcknowledgement, mayRecordOnRun } from "./reading-list";
import { readSettings } from "@/lib/settings/organisation";

type Client = Db | Prisma.TransactionClient;

export interface AcknowledgementNeeded {
  slug: string;
  title: string;
  /** The version to acknowledge: the procedure's current one (only that can be acknowledged). */
  number: number;
  message: string;
}

/**
 * What the person must acknowledge before recording results on the run, or null when nothing is
 * needed (setting off, manager or administrator, already acknowledged, or no such run).
 */
export async function acknowledgementNeeded(client: Client, user: { id: string; role: Role | string }, runId: string): Promise<AcknowledgementNeeded | null> {
  const settings = await readSettings(client);
  if (!settings.requireAcknowledgement || !isRole(user.role)) return null;
  if (exemptFromAcknowledgement(user.role)) return null;
  const run = await client.run.findUnique({
    where: { id: runId },
    select: {
      version: {
        select: {
          number: true,
          procedure: { select: { id: true, slug: true, currentVersion: { select: { number: true, title: true } } } },
        },
      },
    },
  });
  if (!run) return null;
  const { procedure } = run.version;
  const acknowledged = await client.acknowledgement.findFirst({
    where: { userId: user.id, version: { procedureId: procedure.id, number: { gte: run.version.number } } },
    select: { id: true },
  });
  if (mayRecordOnRun({ required: true, role: user.role, pinnedNumber: run.version.number, acknowledgedNumber: acknowledged ? run.version.number : null })) return null;
  const number = procedure.currentVersion?.number ?? run.version.number;
  const title = procedure.currentVersion?.title ?? "this procedure";
  return {
    slug: procedure.slug,
    title,
    number,
    message: `Read and acknowledge version ${number} of ${title} before recording results on this run.`,
  };
}

/** For the result-recording action: refuses, with what to read, when the setting requires an acknowledgement first. */
export async function assertMayRecord(tx: Client, user: { id: string; role: Role | string }, runId: string): Promise<void> {
  const needed = await acknowledgementNeeded(tx, user, runId);
  if (needed) throw new Forbidden(needed.message);
}
