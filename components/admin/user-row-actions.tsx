"use client";
import { useActionState, useId } from "react";
import { FormMessage } from "@/components/forms/field";
import { buttonClass, inputClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { Select } from "@/components/forms/select";

interface Props {
  user: { id: string; name: string; role: Role; active: boolean; locked: boolean };
  isSelf: boolean;
  actions: { changeRole: FormAction; setActive: FormAction; resetPassword: FormAction; unlock: FormAction };
}

export function UserRowActions({ user, isSelf, actions }: Props) {
  const [roleState, roleAction, rolePending] = useActionState(actions.changeRole, null);
  const [activeState, activeAction, activePending] = useActionState(actions.setActive, null);
  const [pwState, pwAction, pwPending] = useActionState(actions.resetPassword, null);
  const [unlockState, unlockAction, unlockPending] = useActionState(actions.unlock, null);
  const id = useId();
  const latest = [unlockState, pwState, activeState, roleState].find(Boolean) ?? null;
  const pwErrors = pwState && !pwState.ok ? pwState.fieldErrors.password : undefined;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <form action={roleAction} className="flex items-center gap-1">
          <input type="hidden" name="userId" value={user.id} />
          <label htmlFor={`${id}-role`} className="sr-only">
            Role of {user.name}
          </label>
          <Select id={`${id}-role`} name="role" defaultValue={user.role} className={`${inputClass} w-auto py-1.5`}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </Select>
          <button type="submit" className={buttonClass.small} disabled={rolePending}>
            Change role
          </button>
        </form>
        {!isSelf && (
          <form action={activeAction}>
            <input type="hidden" name="userId" value={user.id} />
            <input type="hidden" name="active" value={user.active ? "false" : "true"} />
            <button type="submit" className={user.active ? buttonClass.danger : buttonClass.small} disabled={activePending}>
              {user.active ? "Deactivate" : "Reactivate"}
            </button>
          </form>
        )}
        {user.locked && (
          <form action={unlockAction}>
            <input type="hidden" name="userId" value={user.id} />
            <button type="submit" className={buttonClass.small} disabled={unlockPending}>
              Unlock
            </button>
          </form>
        )}
        <details>
          <summary className={`${buttonClass.small} cursor-pointer list-none`}>Reset password</summary>
          <form action={pwAction} className="mt-2 flex flex-wrap items-start gap-1" noValidate>
            <input type="hidden" name="userId" value={user.id} />
            <label htmlFor={`${id}-pw`} className="sr-only">
              New password for {user.name}
            </label>
            <input
              id={`${id}-pw`}
              name="password"
              type="password"
              autoComplete="new-password"
              placeholder="New password (12+ characters)"
              className={`${inputClass} w-60 py-1.5`}
              aria-invalid={pwErrors ? true : undefined}
            />
            <button type="submit" className={buttonClass.small} disabled={pwPending}>
              Set password
            </button>
          </form>
          {pwErrors && <p className="mt-1 text-sm text-red-700">{pwErrors.join(" ")}</p>}
        </details>
      </div>
      <FormMessage state={latest} />
    </div>
  );
}
