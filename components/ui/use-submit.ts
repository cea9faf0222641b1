"use client";
// "Submit, show the result, keep the values": one hook for every form that calls a server action.
// On failure the form shows what was typed (the action echoes it back, never secrets) with each
// field's errors; on success it can reset itself for the next entry.
import { useActionState, useEffect, useRef } from "react";
import type { FormAction } from "@/lib/actions/define";
import { shown, type ActionState } from "@/lib/actions/result";

export function useSubmit<T = unknown>(action: FormAction<T>, options: { resetOnSuccess?: boolean; onSuccess?: (state: ActionState<T>) => void } = {}) {
  const [state, formAction, pending] = useActionState<ActionState<T>, FormData>(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  const { resetOnSuccess = false, onSuccess } = options;
  useEffect(() => {
    if (!state?.ok) return;
    if (resetOnSuccess) formRef.current?.reset();
    onSuccess?.(state);
    // Only a new result should trigger this, not a new callback identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  const fieldErrors = state && !state.ok ? state.fieldErrors : {};
  return {
    state,
    formAction,
    pending,
    formRef,
    /** The errors of one field (undefined when none). */
    errors: (name: string): string[] | undefined => fieldErrors[name],
    /** What to show in a field: what was just submitted after a failure, else `fallback`. */
    value: (name: string, fallback = "") => shown(state, name, fallback),
  };
}
