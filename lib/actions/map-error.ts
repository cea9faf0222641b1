// Turning failures into what a form shows: zod issues by field, typed errors by message, Prisma
// errors by code. Nothing internal (stack traces, SQL) ever reaches the browser.
import type { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import { BUSY_ERROR_PATTERN } from "@/lib/sql";
import { ActionError, Conflict, Forbidden, Invalid, NotFound } from "./errors";

export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

export function fail(error: string, fieldErrors: Record<string, string[]> = {}): { ok: false; error: string; fieldErrors: Record<string, string[]> } {
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
