"use server";
import { defineAction } from "@/lib/actions/define";
import type { ActionResult, ActionState } from "@/lib/actions/result";
import { changeOwnPassword, currentSessionId } from "./account";
import { ChangeOwnPasswordSchema, ChangeRoleSchema, CreateUserSchema, ResetPasswordSchema, SetActiveSchema, UnlockSchema } from "./schemas";
import { CLEARED_LIMITS, changeRole, createUser, resetPassword, setActive, unlock } from "./service";

export const createUserAction = defineAction({
  name: "user.create",
  permission: "user:manage",
  revalidate: ["/admin/users"],
  schema: CreateUserSchema,
  async handler(input, { tx }) {
    const user = await createUser(tx, input);
    return {
      audit: { action: "user.create", entityType: "User", entityId: user.id, after: user },
      message: `${user.name} (${user.email}) can now sign in as ${user.role.toLowerCase()}.`,
    };
  },
});

export const changeRoleAction = defineAction({
  name: "user.change_role",
  permission: "user:manage",
  revalidate: ["/admin/users"],
  schema: ChangeRoleSchema,
  async handler(input, { tx }) {
    const { before, after } = await changeRole(tx, input.userId, input.role);
    return {
      audit: { action: "user.change_role", entityType: "User", entityId: after.id, before, after },
      message: `${after.name} is now ${after.role.toLowerCase()}.`,
    };
  },
});

export const setUserActiveAction = defineAction({
  name: "user.set_active",
  permission: "user:manage",
  revalidate: ["/admin/users"],
  schema: SetActiveSchema,
  async handler(input, { tx, user }) {
    const { before, after } = await setActive(tx, input.userId, input.active, user.id);
    return {
      audit: {
        action: after.active ? "user.reactivate" : "user.deactivate",
        entityType: "User",
        entityId: after.id,
        before,
        after,
      },
      message: after.active ? `${after.name} can sign in again.` : `${after.name} is deactivated and signed out everywhere.`,
    };
  },
});

export const resetPasswordAction = defineAction({
  name: "user.reset_password",
  permission: "user:manage",
  revalidate: ["/admin/users"],
  schema: ResetPasswordSchema,
  async handler(input, { tx }) {
    const user = await resetPassword(tx, input.userId, input.password);
    return {
      audit: { action: "user.reset_password", entityType: "User", entityId: user.id },
      message: `Password of ${user.name} reset; their open sessions have ended.`,
    };
  },
});

export const unlockUserAction = defineAction({
  name: "user.unlock",
  permission: "user:manage",
  revalidate: ["/admin/users"],
  schema: UnlockSchema,
  async handler(input, { tx }) {
    const { user, before } = await unlock(tx, input.userId);
    return {
      audit: { action: "user.unlock", entityType: "User", entityId: user.id, before, after: CLEARED_LIMITS },
      message: `${user.name} can sign in again: the lockout and recorded failed sign-ins are cleared.`,
    };
  },
});

const WRONG_CURRENT_PASSWORD = "That is not your current password. Nothing was changed.";

/**
 * Changing one's own password (lib/users/account.ts). A wrong current password is written down as
 * a failed sign-in attempt, which must be committed to count, so the handler returns it as an
 * outcome (audited as account.change_password_refused) instead of throwing; the form's action
 * below turns that outcome into the refusal the person sees.
 */
const changeOwnPasswordForm = defineAction({
  name: "account.change_password",
  permission: "account:update",
  revalidate: ["/account"],
  schema: ChangeOwnPasswordSchema,
  async handler(input, { tx, user, request, now }) {
    const keepSessionId = await currentSessionId();
    const outcome = await changeOwnPassword(tx, { userId: user.id, currentPassword: input.currentPassword, password: input.password, keepSessionId }, request, now);
    if (!outcome.changed) {
      return {
        audit: {
          action: "account.change_password_refused",
          entityType: "User",
          entityId: user.id,
          after: { reason: outcome.reason, ...(outcome.lockedUntil ? { lockedUntil: outcome.lockedUntil.toISOString() } : {}) },
        },
        message: WRONG_CURRENT_PASSWORD,
        data: { refused: true },
      };
    }
    const n = outcome.sessionsEnded;
    return {
      audit: { action: "account.change_password", entityType: "User", entityId: user.id, after: { passwordChangedAt: outcome.passwordChangedAt, otherSessionsEnded: n } },
      message:
        n === 0
          ? "Your password is changed. Sign in with it from now on; this browser stays signed in."
          : `Your password is changed. ${n} other ${n === 1 ? "session was" : "sessions were"} signed out; this browser stays signed in.`,
      data: { refused: false },
    };
  },
});

export async function changeOwnPasswordAction(state: ActionState, form: FormData): Promise<ActionResult> {
  const result = await changeOwnPasswordForm(state, form);
  if (result.ok && (result.data as { refused?: boolean } | undefined)?.refused) {
    return { ok: false, error: result.message, fieldErrors: { currentPassword: ["That is not your current password."] } };
  }
  return result;
}
