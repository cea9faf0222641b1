// First-run setup: creates the first administrator, only while no user exists. The check and the
// insert run in one write transaction, so two racing requests (or processes) create one admin.
import "server-only";
import { db } from "@/lib/db";
import { fieldErrorsOf, mapError } from "@/lib/actions/map-error";
import { registerAction } from "@/lib/actions/registry";
import { Conflict } from "@/lib/actions/errors";
import { echoValues, type ActionResult } from "@/lib/actions/result";
import { writeAuditEvent, type RequestInfo } from "@/lib/audit/write";
import { seedNewHireReadingList } from "@/lib/training/new-hires";
import { inputProblem } from "@/lib/validation/text";
import { SetupSchema } from "./schemas";
import { createUser } from "./service";

registerAction("setup.create_first_admin", "public");

export async function createFirstAdmin(raw: unknown, request: RequestInfo): Promise<ActionResult> {
  const result = await attempt(raw, request);
  return result.ok ? result : { ...result, values: echoValues(raw) };
}

async function attempt(raw: unknown, request: RequestInfo): Promise<ActionResult> {
  const problem = inputProblem(raw);
  if (problem) return { ok: false, error: "Some fields need attention.", fieldErrors: { [problem.field]: [problem.message] } };
  let parsed: ReturnType<typeof SetupSchema.safeParse>;
  try {
    parsed = SetupSchema.safeParse(raw);
  } catch {
    // zod itself throws on some hostile values (a `length` that cannot become a number).
    return { ok: false, error: "The form could not be read. Reload the page and try again.", fieldErrors: {} };
  }
  if (!parsed.success) return { ok: false, error: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    const { email, name, password } = parsed.data;
    await db.$transaction(async (tx) => {
      if ((await tx.user.count()) > 0) throw new Conflict("Setup is already complete. Sign in instead.");
      const user = await createUser(tx, { email, name, password, role: "ADMIN" });
      // The new hires' default reading list comes with the first administrator: setup happens once
      // per database, so a list a manager later changes or empties is never filled in again.
      const readingList = await seedNewHireReadingList(tx);
      await writeAuditEvent(tx, { id: user.id, label: user.email }, request, {
        action: "setup.create_first_admin",
        entityType: "User",
        entityId: user.id,
        after: readingList.length ? { ...user, newHireReadingList: readingList } : user,
      });
    });
    return { ok: true, message: "Administrator created. Sign in with the e-mail and password you chose." };
  } catch (error) {
    return mapError(error);
  }
}
