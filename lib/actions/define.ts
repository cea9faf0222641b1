// The one path for every change: authenticate → authorize (policy table) → parse (zod) → run in a
// transaction → write exactly one audit event in that transaction → map errors to a message.
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { writeAuditEvent, type AuditInput, type RequestInfo } from "@/lib/audit/write";
import { can, type Permission } from "@/lib/auth/policy";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { currentRequestInfo } from "@/lib/http/request-info";
import { inputProblem } from "@/lib/validation/text";
import { formDataToObject } from "./form-data";
import { fail, fieldErrorsOf, mapError } from "./map-error";
import { registerAction } from "./registry";
import { echoValues, type ActionResult, type ActionState } from "./result";

export interface ActionContext {
  tx: Prisma.TransactionClient;
  user: CurrentUser;
  request: RequestInfo;
  /** The instant the action acts at, read once from the clock (integration tests pass their own). */
  now: Date;
}

/** Who acts, from where, and (for tests) at which instant; a request supplies the first two itself. */
export interface Actor {
  user: CurrentUser;
  request: RequestInfo;
  now?: Date;
}

export interface HandlerOutcome<T> {
  /** The one audit event that records this change. */
  audit: AuditInput;
  message: string;
  data?: T;
}

export interface ActionDefinition<S extends z.ZodType, T> {
  /** Stable name, e.g. "user.create"; also used as the audit action unless the handler says otherwise. */
  name: string;
  permission: Permission;
  schema: S;
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<HandlerOutcome<T>>;
  /** Work to do after the transaction committed (e.g. generating runs); its failure is logged, not reported. */
  afterCommit?: (input: z.output<S>, data: T | undefined, ctx: { now: Date }) => Promise<void>;
  /** Pages whose data the action changes; re-rendered after success. */
  revalidate?: string[] | ((input: z.output<S>) => string[]);
}

export type FormAction<T = unknown> = (state: ActionState<T>, form: FormData) => Promise<ActionResult<T>>;

export async function runAction<S extends z.ZodType, T>(
  definition: ActionDefinition<S, T>,
  raw: unknown,
  actor?: Actor,
): Promise<ActionResult<T>> {
  const result = await attempt(definition, raw, actor);
  return result.ok ? result : { ...result, values: echoValues(raw) };
}

async function attempt<S extends z.ZodType, T>(
  definition: ActionDefinition<S, T>,
  raw: unknown,
  actor?: Actor,
): Promise<ActionResult<T>> {
  try {
    const user = actor?.user ?? (await getCurrentUser());
    if (!user) return fail("Your session has ended. Sign in again.");
    // The role check needs no input, so it comes first: a refused caller learns nothing about the
    // input rules. Checks that depend on the record (owner, state) run in the handler.
    if (!can(user.role, definition.permission)) {
      return fail("You do not have permission to do that.");
    }
    // Every field of every action, before its schema: broken Unicode, control characters and
    // oversized strings never reach a parser or the database, whichever field carries them.
    const problem = inputProblem(raw);
    if (problem) return fail("Some fields need attention.", { [problem.field]: [problem.message] });
    let parsed: z.ZodSafeParseResult<z.output<S>>;
    try {
      parsed = definition.schema.safeParse(raw);
    } catch {
      // zod itself throws on some hostile values (a `length` that cannot become a number).
      return fail("The form could not be read. Reload the page and try again.");
    }
    if (!parsed.success) {
      return fail("Some fields need attention.", fieldErrorsOf(parsed.error));
    }
    const request = actor?.request ?? (await currentRequestInfo());
    // Read inside the transaction: the instant the action holds the write lock.
    let now = actor?.now ?? new Date();
    const outcome = await db.$transaction(async (tx) => {
      now = actor?.now ?? new Date();
      const result = await definition.handler(parsed.data, { tx, user, request, now });
      await writeAuditEvent(tx, { id: user.id, label: user.email }, request, result.audit);
      return result;
    });
    if (definition.afterCommit) {
      await definition.afterCommit(parsed.data, outcome.data, { now }).catch((error: unknown) => {
        console.error(`After-commit work of ${definition.name} failed`, error);
      });
    }
    const paths = typeof definition.revalidate === "function" ? definition.revalidate(parsed.data) : (definition.revalidate ?? []);
    for (const path of paths) revalidateIfInRequest(path);
    return { ok: true, message: outcome.message, data: outcome.data };
  } catch (error) {
    return mapError(error);
  }
}

export function defineAction<S extends z.ZodType, T = unknown>(definition: ActionDefinition<S, T>): FormAction {
  registerAction(definition.name, definition.permission, definition as ActionDefinition<S, unknown>);
  return async (_state, form) => runAction(definition, form instanceof FormData ? formDataToObject(form) : form);
}

function revalidateIfInRequest(path: string): void {
  try {
    revalidatePath(path);
  } catch {
    // Not inside a Next.js request (tests, CLI): nothing is cached.
  }
}

export { actionRegistry, registerAction } from "./registry";
export { fieldErrorsOf, mapError } from "./map-error";
