"use server";
import { formDataToObject } from "@/lib/actions/form-data";
import type { ActionResult, ActionState } from "@/lib/actions/result";
import { currentRequestInfo } from "@/lib/http/request-info";
import { createFirstAdmin } from "./setup";

export async function setupAction(_state: ActionState, form: FormData): Promise<ActionResult> {
  return createFirstAdmin(formDataToObject(form), await currentRequestInfo());
}
