"use server";
import { onVerificationRunCompleted } from "@/lib/changes/verification";
import { assertMayRecord } from "@/lib/training/enforcement";
import { defineAction } from "@/lib/actions/define";
import { Conflict, Invalid, NotFound } from "@/lib/actions/errors";
import { recordedValue } from "@/lib/format/values";
import { runState } from "@/lib/scheduling/run-state";
import { formatDateTime } from "@/lib/time/format";
import { evaluate, OUTCOME_LABELS, type Outcome } from "./evaluate";
import { RecordResultSchema, SkipRunSchema } from "./schemas";
import { parseStringArray } from "@/lib/json";
import { readSettings, readTimeZone } from "@/lib/settings/organisation";
import { parseLimitsByMailboxUsers } from "./limits";
import { completionOf, currentResults, itemApplies } from "./completion";
import { recordToolSetAnswer, toolSetFailure } from "@/lib/tools/deployments";


export const recordResultAction = defineAction({
  name: "result.record",
  permission: "run:record",
  revalidate: (input) => [`/runs/${input.runId}`, "/today"],
  schema: RecordResultSchema,
  async handler(input, { tx, user, now }) {
    const run = await tx.run.findUnique({
      where: { id: input.runId },
      select: {
        id: true,
        opensAt: true,
        dueAt: true,
        graceEndsAt: true,
        completedAt: true,
        completedById: true,
        hasExceptions: true,
        failedItems: true,
        naItems: true,
        skippedAt: true,
        suppressed: true,
        changeId: true,
        server: { select: { roles: { select: { role: true } } } },
        version: {
          select: {
            items: {
              select: { id: true, key: true, kind: true, text: true, unit: true, min: true, max: true, limitsByMailboxUsers: true, choices: true, passChoices: true, required: true, roles: { select: { role: true } } },
            },
          },
        },
      },
    });
    if (!run) throw new NotFound("That run does not exist.");
    if (run.skippedAt) throw new Invalid("This run was skipped; it takes no results.");
    if (run.suppressed) throw new Invalid("This run falls in a maintenance window; it takes no results.");
    if (now < run.opensAt) {
      throw new Invalid(`This run opens on ${formatDateTime(run.opensAt, await readTimeZone(tx))}; results can be recorded from then.`);
    }
    // When the organisation requires it, operators must have acknowledged the run's version.
    await assertMayRecord(tx, user, run.id);
    const serverRoles = run.server ? run.server.roles.map((r) => r.role) : null;
    const items = run.version.items.map((i) => ({ ...i, roles: i.roles.map((r) => r.role) }));
    const item = items.find((i) => i.id === input.itemId);
    if (!item) throw new Invalid("That item is not part of the procedure version this run follows.");
    if (!itemApplies(item.roles, serverRoles)) throw new Invalid("That item does not apply to this run's server: it is for servers with other Exchange roles.");

    // The organisation's mailbox users as they are now pick the tier of an item that has them; the
    // limits judged against are stored on the result, so a later change of setting never alters it.
    const { mailboxUsers } = await readSettings(tx);
    const evaluation = evaluate(
      {
        ...item,
        limitsByMailboxUsers: parseLimitsByMailboxUsers(item.limitsByMailboxUsers),
        choices: parseStringArray(item.choices),
        passChoices: parseStringArray(item.passChoices),
      },
      { outcome: input.outcome, value: input.value, note: input.note },
      mailboxUsers,
    );
    if (!evaluation.ok) throw new Invalid(evaluation.message, { [evaluation.field]: [evaluation.message] });
    // Verifying the standard tool set: a version that is not approved is recorded as found, as a failure.
    const answer = { runId: run.id, itemKey: item.key, outcome: evaluation.outcome, value: evaluation.valueText };
    const unapproved = await toolSetFailure(tx, answer);
    if (unapproved) Object.assign(evaluation, { outcome: "FAIL", failureReason: unapproved });

    const previous = await tx.result.findFirst({
      where: { runId: run.id, itemId: item.id },
      orderBy: { revision: "desc" },
      select: { id: true, revision: true, outcome: true, valueNumber: true, valueText: true, note: true, recordedAt: true, recordedBy: { select: { name: true } } },
    });
    if ((previous?.revision ?? 0) !== input.expectedRevision) {
      const shown = previous ? recordedValue(previous, null) : "";
      const what = previous ? `${OUTCOME_LABELS[previous.outcome as Outcome]}${shown ? `, ${shown}` : ""}` : "no result";
      const who = previous ? `${previous.recordedBy.name} saved this item at ${formatDateTime(previous.recordedAt, await readTimeZone(tx))}` : "This item changed";
      throw new Conflict(`${who} (${what}) while you were editing. Your entry was not saved; the current result is shown. Save again if yours is still right.`);
    }

    const result = await tx.result.create({
      data: {
        runId: run.id,
        itemId: item.id,
        revision: input.expectedRevision + 1,
        supersedesId: previous?.id ?? null,
        outcome: evaluation.outcome,
        valueNumber: evaluation.valueNumber,
        valueText: evaluation.valueText,
        failureReason: evaluation.failureReason,
        limitMin: evaluation.limitMin,
        limitMax: evaluation.limitMax,
        note: input.note,
        recordedById: user.id,
        recordedAt: now,
      },
      // recordedAt goes into the audit event: the run's completion time (on time or late) rests on it.
      // limitMin and limitMax too: the audit trail says which limits the value was judged against.
      select: { id: true, revision: true, outcome: true, valueNumber: true, valueText: true, failureReason: true, limitMin: true, limitMax: true, note: true, recordedAt: true },
    });

    // The deployment record takes whatever the verification found, approved or not.
    const deployment = await recordToolSetAnswer(tx, { ...answer, outcome: result.outcome }, { userId: user.id, now });

    // Complete the run when every applicable required item has a result; a correction can change
    // its exceptions (failures, and required items marked not applicable).
    const all = await tx.result.findMany({ where: { runId: run.id }, select: { itemId: true, revision: true, outcome: true } });
    const completion = completionOf(items, serverRoles, currentResults(all));
    const { hasExceptions, failedItems, naItems } = completion;
    let completedNow = false;
    if (completion.complete && !run.completedAt) {
      await tx.run.update({ where: { id: run.id }, data: { completedAt: now, completedById: user.id, hasExceptions, failedItems, naItems } });
      completedNow = true;
    } else if (run.completedAt && (hasExceptions !== run.hasExceptions || failedItems !== run.failedItems || naItems !== run.naItems)) {
      await tx.run.update({ where: { id: run.id }, data: { hasExceptions, failedItems, naItems } });
    }
    // A verification run completing without exceptions may verify its change (same transaction).
    if (run.changeId !== null) await onVerificationRunCompleted(tx, run.id, now);
    const state = runState(
      { ...run, completedAt: run.completedAt ?? (completedNow ? now : null), hasExceptions },
      now,
    );

    return {
      audit: {
        action: previous ? "result.correct" : "result.record",
        entityType: "Run",
        entityId: run.id,
        before: previous ? { resultId: previous.id, itemId: item.id, revision: previous.revision, outcome: previous.outcome, valueNumber: previous.valueNumber, valueText: previous.valueText, note: previous.note } : undefined,
        after: { resultId: result.id, itemId: item.id, ...result, runCompleted: completedNow, runState: state, ...(deployment ? { toolSet: deployment } : {}) },
      },
      message:
        result.outcome === "FAIL" && result.failureReason
          ? `Saved as failed: ${result.failureReason}.`
          : completedNow
            ? "Saved. Every required item is done: the run is complete."
            : "Saved.",
      data: { revision: result.revision, outcome: result.outcome, completed: completedNow, state },
    };
  },
});

export const skipRunAction = defineAction({
  name: "run.skip",
  permission: "run:skip",
  revalidate: (input) => [`/runs/${input.runId}`, "/today"],
  schema: SkipRunSchema,
  async handler(input, { tx, user, now }) {
    const run = await tx.run.findUnique({ where: { id: input.runId }, select: { id: true, completedAt: true, skippedAt: true, localDate: true } });
    if (!run) throw new NotFound("That run does not exist.");
    if (run.skippedAt) throw new Invalid("This run is already skipped.");
    if (run.completedAt) throw new Invalid("A completed run cannot be skipped.");
    const skippedAt = now;
    await tx.run.update({ where: { id: run.id }, data: { skippedAt, skippedById: user.id, skipReason: input.reason } });
    return {
      audit: { action: "run.skip", entityType: "Run", entityId: run.id, after: { skippedAt, reason: input.reason } },
      message: "Run skipped.",
    };
  },
});
