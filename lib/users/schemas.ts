import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { isCommonPassword } from "./password-policy";
import { refineName } from "@/lib/validation/text";

export const PASSWORD_MIN_LENGTH = 12;

export const EmailSchema = z
  .string({ error: "Enter an e-mail address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter an e-mail address.")
  .max(254, "An e-mail address has at most 254 characters.")
  .pipe(z.email({ error: "Enter a valid e-mail address, like name@example.com." }));

export const NameSchema = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(100, "A name has at most 100 characters.")
  .superRefine(refineName("A name"));

export const PasswordSchema = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN_LENGTH, `A password needs at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(200, "A password has at most 200 characters.")
  .refine((v) => new Set(v).size >= 5, "A password needs at least 5 different characters.")
  .refine(
    // One message at a time: too little variety is reported by the rule above.
    (v) => new Set(v).size < 5 || !isCommonPassword(v),
    "That password is built from words and patterns attackers try first (like Password2026! or qwerty123456). Use three or four unrelated words instead.",
  );

export const RoleSchema = z.enum(ROLES, { error: "Choose a role." });

export const IdSchema = z.string({ error: "Missing id." }).trim().min(1, "Missing id.").max(64, "Invalid id.");

function passwordNotEmail<T extends { email: string; password: string }>(value: T, ctx: z.RefinementCtx) {
  if (value.password.toLowerCase().includes(value.email.split("@")[0]!.toLowerCase()) && value.email.split("@")[0]!.length >= 4) {
    ctx.addIssue({ code: "custom", path: ["password"], message: "A password cannot contain the e-mail name." });
  }
}

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1).max(200),
});

export const SetupSchema = z
  .object({
    email: EmailSchema,
    name: NameSchema,
    password: PasswordSchema,
    confirm: z.string({ error: "Repeat the password." }),
  })
  .superRefine((value, ctx) => {
    if (value.password !== value.confirm) {
      ctx.addIssue({ code: "custom", path: ["confirm"], message: "The two passwords do not match." });
    }
    passwordNotEmail(value, ctx);
  });

export const CreateUserSchema = z
  .object({
    email: EmailSchema,
    name: NameSchema,
    role: RoleSchema,
    password: PasswordSchema,
  })
  .superRefine(passwordNotEmail);

export const ChangeRoleSchema = z.object({ userId: IdSchema, role: RoleSchema });
export const SetActiveSchema = z.object({
  userId: IdSchema,
  active: z.enum(["true", "false"], { error: "Invalid request." }).transform((v) => v === "true"),
});
export const ResetPasswordSchema = z.object({ userId: IdSchema, password: PasswordSchema });
export const UnlockSchema = z.object({ userId: IdSchema });

/** The command line's `user unlock` and `user set-password`: the account by its e-mail. */
export const UserByEmailSchema = z.object({ email: EmailSchema });
export const SetPasswordSchema = z.object({ email: EmailSchema, password: PasswordSchema }).superRefine(passwordNotEmail);

/**
 * Changing one's own password on /account: the current one (any text a password could be, but not
 * blank), a new one under the same policy as every password, and the new one repeated.
 */
export const ChangeOwnPasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password." })
      .max(200, "A password has at most 200 characters.")
      .refine((v) => v.trim() !== "", "Enter your current password."),
    password: PasswordSchema,
    confirm: z.string({ error: "Repeat the new password." }).max(200, "A password has at most 200 characters."),
  })
  .superRefine((value, ctx) => {
    if (value.password !== value.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "The two new passwords do not match." });
    if (value.password === value.currentPassword) ctx.addIssue({ code: "custom", path: ["password"], message: "Choose a new password, not the current one." });
  });
