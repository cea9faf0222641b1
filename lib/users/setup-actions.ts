"use server";
import { formDataToObject } from "@/lib/actions/form-data";
import type { ActionResult, ActionState } from "@/lib/actions/result";
import { currentRequestInfo } from "@/lib/http/request-info";
import { createFirstAdmin } from "./setup";

export async function setupAction(_state: ActionState, form: FormData): Promise<ActionResult> {
  // Only a form is read: anything else (a hostile client can send other arguments) is an empty one.
  return createFirstAdmin(formDataToObject(form instanceof FormData ? form : new FormData()), await currentRequestInfo());
}
