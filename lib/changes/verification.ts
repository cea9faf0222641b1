// Verifying a change: which verification runs a choice of procedures makes, the ad-hoc runs
// themselves, why a change cannot be verified yet, and the hook that verifies a change when the
// last of its runs completes without exceptions.
import "server-only";
import { writeAuditEvent } from "@/lib/audit/write";
import type { Prisma } from "@/lib/generated/prisma/client";
import { addDays, localDateOf, localInstant } from "@/lib/time/dates";
import { RUN_TIMES_SELECT, runState, type RunState, type RunTimes } from "@/lib/scheduling/run-state";

/** A verification run is due this long after the change is marked implemented. */
export const VERIFICATION_DUE_HOURS = 4;

export interface PlannableProcedure {
  id: string;
  roles: string[];
}
export interface PlannableServer {
  id: string;
  roles: string[];
}

/** Whether a procedure applies to a server: it names one of the server's Exchange roles. */
export function appliesTo(procedure: { roles: string[] }, server: { roles: string[] }): boolean {
  return procedure.roles.some((role) => server.roles.includes(role));
}

/**
 * The (procedure, server) pairs that get a verification run: each chosen procedure runs on the
 * affected servers it applies to; one that applies to none of them (the implementer chose it
 * anyway, e.g. an organisation-wide check) runs on every affected server.
 */
export function planVerificationRuns(procedures: PlannableProcedure[], servers: PlannableServer[]): { procedureId: string; serverId: string }[] {
  return procedures.flatMap((procedure) => {
    const matching = servers.filter((server) => appliesTo(procedure, server));
    return (matching.length > 0 ? matching : servers).map((server) => ({ procedureId: procedure.id, serverId: server.id }));
  });
}

/** When ad-hoc verification runs open, fall due and turn late: now, in four hours, end of the local day. */
export function verificationTimes(now: Date, timeZone: string): { localDate: string; opensAt: Date; dueAt: Date; graceEndsAt: Date } {
  const localDate = localDateOf(now, timeZone);
  const dueAt = new Date(now.getTime() + VERIFICATION_DUE_HOURS * 3_600_000);
  const endOfDay = localInstant(addDays(localDate, 1), "00:00", timeZone);
  return { localDate, opensAt: now, dueAt, graceEndsAt: new Date(Math.max(dueAt.getTime(), endOfDay.getTime())) };
}

export interface VerificationRunView extends RunTimes {
  title: string;
  serverName: string | null;
}

const PASSED: RunState[] = ["COMPLETED", "COMPLETED_LATE"];

export function runPassed(run: RunTimes, now: Date): boolean {
  return PASSED.includes(runState(run, now));
}

function named(run: VerificationRunView): string {
  return run.serverName ? `${run.title} on ${run.serverName}` : run.title;
}

function list(runs: VerificationRunView[]): string {
  const names = runs.map(named);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** Why the change cannot be verified from these runs, or null when every one passed. */
export function verificationProblem(runs: VerificationRunView[], now: Date): string | null {
  if (runs.length === 0) return "This change has no verification runs, so there is nothing to verify it by.";
  const states = runs.map((run) => ({ run, state: runState(run, now) }));
  const failed = states.filter((s) => s.state === "COMPLETED_WITH_EXCEPTIONS").map((s) => s.run);
  if (failed.length > 0) {
    return `The change cannot be verified: ${failed.length === 1 ? "the verification run" : "the verification runs"} ${list(failed)} completed with exceptions. Put the problem right and correct the failed checks, or follow the back-out plan.`;
  }
  const dropped = states.filter((s) => s.state === "SKIPPED" || s.state === "SUPPRESSED").map((s) => s.run);
  if (dropped.length > 0) {
    return `The change cannot be verified: ${list(dropped)} ${dropped.length === 1 ? "was" : "were"} skipped or fall in a maintenance window, so ${dropped.length === 1 ? "it" : "they"} will never complete.`;
  }
  const open = states.filter((s) => !PASSED.includes(s.state)).map((s) => s.run);
  if (open.length > 0) {
    return `The change cannot be verified yet: ${open.length === 1 ? "the verification run" : `${open.length} verification runs`} ${list(open)} ${open.length === 1 ? "is" : "are"} not complete. It is verified when every verification run completes without exceptions.`;
  }
  return null;
}

/** The verification runs of a change, with what verificationProblem needs. */
export async function verificationRunsOf(tx: Prisma.TransactionClient, changeId: number): Promise<(VerificationRunView & { id: string })[]> {
  const runs = await tx.run.findMany({
    where: { changeId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, ...RUN_TIMES_SELECT, version: { select: { title: true } }, server: { select: { name: true } } },
  });
  return runs.map(({ version, server, ...run }) => ({ ...run, title: version.title, serverName: server?.name ?? null }));
}

/** Creates the ad-hoc verification runs of a change; returns their ids. */
export async function createVerificationRuns(
  tx: Prisma.TransactionClient,
  input: {
    changeId: number;
    pairs: { procedureId: string; serverId: string }[];
    versions: Map<string, { id: string; cadence: string }>;
    implementerId: string;
    timeZone: string;
    now: Date;
  },
): Promise<{ id: string; procedureId: string; serverId: string | null }[]> {
  const times = verificationTimes(input.now, input.timeZone);
  return tx.run.createManyAndReturn({
    data: input.pairs.map(({ procedureId, serverId }) => {
      const version = input.versions.get(procedureId)!;
      return {
        scheduleId: null,
        procedureId,
        versionId: version.id,
        serverId,
        periodKey: `change-${input.changeId}`,
        scopeKey: serverId,
        cadence: version.cadence,
        ...times,
        assigneeRole: null,
        assigneeUserId: input.implementerId,
        changeId: input.changeId,
      };
    }),
    select: { id: true, procedureId: true, serverId: true },
  });
}

const HOOK_REQUEST = { ip: "local", userAgent: "opsbook change verification" };

/**
 * Called by the result action after it records a result (inside its transaction). When the run is
 * a verification run and every verification run of its change has now completed without
 * exceptions, the implemented change becomes verified; when a correction gives a run of a verified
 * (not yet closed) change an exception, the change goes back to implemented. Either way one audit
 * event on the change records it, attributed to the person whose result decided it. Returns the
 * change's new status, or null when nothing changed.
 */
export async function onVerificationRunCompleted(tx: Prisma.TransactionClient, runId: string, now = new Date()): Promise<"VERIFIED" | "IMPLEMENTED" | null> {
  const run = await tx.run.findUnique({ where: { id: runId }, select: { changeId: true } });
  if (!run?.changeId) return null;
  const change = await tx.change.findUnique({ where: { id: run.changeId }, select: { id: true, status: true } });
  if (!change || (change.status !== "IMPLEMENTED" && change.status !== "VERIFIED")) return null;

  const runs = await verificationRunsOf(tx, change.id);
  const passed = verificationProblem(runs, now) === null;
  if (passed === (change.status === "VERIFIED")) return null;

  const latest = await tx.result.findFirst({
    where: { runId },
    orderBy: [{ recordedAt: "desc" }, { revision: "desc" }],
    select: { recordedBy: { select: { id: true, email: true } } },
  });
  const actor = latest ? { id: latest.recordedBy.id, label: latest.recordedBy.email } : { id: null, label: "system:change-verification" };

  if (passed) {
    const moved = await tx.change.updateMany({ where: { id: change.id, status: "IMPLEMENTED" }, data: { status: "VERIFIED", verifiedAt: now } });
    if (moved.count !== 1) return null;
    await writeAuditEvent(tx, actor, HOOK_REQUEST, {
      action: "change.verify",
      entityType: "Change",
      entityId: String(change.id),
      before: { status: "IMPLEMENTED" },
      after: { status: "VERIFIED", verifiedAt: now, automatic: true, lastRunId: runId, runIds: runs.map((r) => r.id) },
    });
    return "VERIFIED";
  }
  const moved = await tx.change.updateMany({ where: { id: change.id, status: "VERIFIED" }, data: { status: "IMPLEMENTED", verifiedAt: null } });
  if (moved.count !== 1) return null;
  await writeAuditEvent(tx, actor, HOOK_REQUEST, {
    action: "change.verification_reopened",
    entityType: "Change",
    entityId: String(change.id),
    before: { status: "VERIFIED" },
    after: { status: "IMPLEMENTED", reason: "A verification run now has exceptions.", runId },
  });
  return "IMPLEMENTED";
}
