"use client";
import { ActionAlert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/styles";
import { useSubmit } from "@/components/ui/use-submit";
import type { FormAction } from "@/lib/actions/define";

/**
 * The demo servers at the top of the inventory, and one button that retires them all. Stays on the
 * page after they are retired, so the result of the retirement can still be read.
 */
export function RetireDemoServers({ action, active, retired }: { action: FormAction; active: { id: string; name: string }[]; retired: number }) {
  const { state, formAction, pending } = useSubmit(action);
  return (
    <section aria-labelledby="demo-servers" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid="demo-servers">
      <h2 id="demo-servers" className="font-semibold">
        Demo servers
      </h2>
      {active.length > 0 ? (
        <form action={formAction} className="mt-1 space-y-2">
          <p>
            {active.map((s) => s.name).join(", ")} {active.length === 1 ? "is an example server" : `are ${active.length} example servers`} added when the portal was
            installed, marked <span className="rounded bg-amber-200 px-1.5 text-xs font-medium">demo</span> below. Add your own servers, then retire{" "}
            {active.length === 1 ? "it" : "them"}: {active.length === 1 ? "it stops" : "they stop"} getting runs, {active.length === 1 ? "its" : "their"} untouched
            future runs are withdrawn, and past runs and runs with results stay in the history.
          </p>
          {active.map((s) => (
            <input key={s.id} type="hidden" name="serverIds" value={s.id} />
          ))}
          <button type="submit" className={buttonClass.danger} disabled={pending}>
            {pending ? "Retiring…" : active.length === 1 ? "Retire the demo server" : "Retire all demo servers"}
          </button>
        </form>
      ) : (
        <p className="mt-1">
          {retired === 1 ? "The demo server is retired." : `All ${retired} demo servers are retired.`} Their past runs stay in the history; each can be reactivated
          below.
        </p>
      )}
      <div className="mt-2 empty:hidden">
        <ActionAlert state={state} />
      </div>
    </section>
  );
}
