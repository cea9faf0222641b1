"use server";
import { defineAction } from "@/lib/actions/define";
import { ChangeRoleSchema, CreateUserSchema, ResetPasswordSchema, SetActiveSchema, UnlockSchema } from "./schemas";
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
