// The one path for every change: authenticate → authorize (policy table) → parse (zod) → run in a
// transaction → write exactly one audit event in that transaction → map errors to a message.
import "server-only";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { writeAuditEvent, type AuditInput, type RequestInfo } from "@/lib/audit/write";
import { can, type Permission } from "@/lib/auth/policy";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { currentRequestInfo } from "@/lib/http/request-info";
import { BUSY_ERROR_PATTERN } from "@/lib/sql";
import { ActionError, Conflict, Forbidden, Invalid, NotFound } from "./errors";
import { formDataToObject } from "./form-data";
import { echoValues, type ActionResult, type ActionState } from "./result";

export interface ActionContext {
  tx: Prisma.TransactionClient;
  user: CurrentUser;
  request: RequestInfo;
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
  /** Pages whose data the action changes; re-rendered after success. */
  revalidate?: string[];
}

/** Every action defined in the app, by name: tests walk it to check each one is guarded and audited. */
export interface RegisteredAction {
  permission: Permission | "public";
  /** The definition, for tests that run every action with an explicit actor (null for special actions). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definition: ActionDefinition<any, unknown> | null;
}

export const actionRegistry = new Map<string, RegisteredAction>();

/** Registers an action that cannot use defineAction (e.g. first-admin setup, which has no user yet). */
export function registerAction(
  name: string,
  permission: Permission | "public",
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definition: ActionDefinition<any, unknown> | null = null,
): void {
  if (actionRegistry.has(name)) throw new Error(`Duplicate action name ${name}`);
  actionRegistry.set(name, { permission, definition });
}

export type FormAction<T = unknown> = (state: ActionState<T>, form: FormData) => Promise<ActionResult<T>>;

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export async function runAction<S extends z.ZodType, T>(
  definition: ActionDefinition<S, T>,
  raw: unknown,
  actor?: { user: CurrentUser; request: RequestInfo },
): Promise<ActionResult<T>> {
  const result = await attempt(definition, raw, actor);
  return result.ok ? result : { ...result, values: echoValues(raw) };
}

async function attempt<S extends z.ZodType, T>(
  definition: ActionDefinition<S, T>,
  raw: unknown,
  actor?: { user: CurrentUser; request: RequestInfo },
): Promise<ActionResult<T>> {
  try {
    const user = actor?.user ?? (await getCurrentUser());
    if (!user) return fail("Your session has ended. Sign in again.");
    // The role check needs no input, so it comes first: a refused caller learns nothing about the
    // input rules. Checks that depend on the record (owner, state) run in the handler.
    if (!can(user.role, definition.permission)) {
      return fail("You do not have permission to do that.");
    }
    const parsed = definition.schema.safeParse(raw);
    if (!parsed.success) {
      return fail("Some fields need attention.", fieldErrorsOf(parsed.error));
    }
    const request = actor?.request ?? (await currentRequestInfo());
    const outcome = await db.$transaction(async (tx) => {
      const result = await definition.handler(parsed.data, { tx, user, request });
      await writeAuditEvent(tx, { id: user.id, label: user.email }, request, result.audit);
      return result;
    });
    for (const path of definition.revalidate ?? []) revalidateIfInRequest(path);
    return { ok: true, message: outcome.message, data: outcome.data };
  } catch (error) {
    return mapError(error);
  }
}

export function defineAction<S extends z.ZodType, T = unknown>(definition: ActionDefinition<S, T>): FormAction<T> {
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

function fail(error: string, fieldErrors: Record<string, string[]> = {}): { ok: false; error: string; fieldErrors: Record<string, string[]> } {
  return { ok: false, error, fieldErrors };
}

export function mapError(error: unknown): { ok: false; error: string; fieldErrors: Record<string, string[]> } {
  if (error instanceof NotFound) return fail(error.message || "Not found.", error.fieldErrors);
  if (error instanceof Forbidden) return fail(error.message || "You do not have permission to do that.");
  if (error instanceof Conflict || error instanceof Invalid || error instanceof ActionError) {
    return fail(error.message, error.fieldErrors);
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002") return fail("That conflicts with an existing record (it must be unique).");
    if (error.code === "P2025") return fail("The record no longer exists.");
    if (error.code === "P2003") return fail("That refers to a record that does not exist or is still in use.");
    if (error.code === "P2028") return fail("The server is busy. Try again in a moment.");
  }
  if (error instanceof Error && BUSY_ERROR_PATTERN.test(error.message)) {
    return fail("The server is busy. Try again in a moment.");
  }
  console.error("Unexpected error in action", error);
  return fail("Something went wrong on the server. Nothing was saved. Try again, and tell an administrator if it keeps happening.");
}
