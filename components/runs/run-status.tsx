// The run page's state, said once: a sticky progress line (required items recorded, failures, N/A
// exceptions), one banner for a run that takes no results or is complete (with the shift's next
// run), and one line for the items left out for the server's roles. Server components.
import Link from "next/link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { EXCHANGE_ROLE_LABELS, type ExchangeRole } from "@/lib/procedures/vocabulary";
import type { RunState } from "@/lib/scheduling/run-state";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "x of y required · 1 failure · 1 N/A exception". */
export function progressText(p: { requiredDone: number; requiredTotal: number; failedItems: number; naItems: number }): string {
  const parts = [`${p.requiredDone} of ${p.requiredTotal} required`];
  if (p.failedItems > 0) parts.push(plural(p.failedItems, "failure", "failures"));
  if (p.naItems > 0) parts.push(plural(p.naItems, "N/A exception", "N/A exceptions"));
  return parts.join(" · ");
}

export function RunProgress({
  requiredDone,
  requiredTotal,
  failedItems,
  naItems,
  badge,
  children,
}: {
  requiredDone: number;
  requiredTotal: number;
  failedItems: number;
  naItems: number;
  badge: ReactNode;
  /** Controls at the end of the line (the keyboard help). */
  children?: ReactNode;
}) {
  const complete = requiredDone >= requiredTotal;
  return (
    <div className="sticky top-0 z-10 -mx-4 border-b border-slate-200 bg-slate-50/95 px-4 py-2 backdrop-blur sm:-mx-6 sm:px-6" data-testid="run-progress">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {badge}
        <progress aria-label="Required items recorded" value={requiredDone} max={Math.max(requiredTotal, 1)} className={`${complete ? "progress-bar done" : "progress-bar"} hidden sm:block`} />
        <p className="min-w-0 flex-1 text-sm text-slate-700">
          {progressText({ requiredDone, requiredTotal, failedItems, naItems })}
        </p>
        {children}
      </div>
    </div>
  );
}

export interface NextRun {
  id: string;
  title: string;
  serverName: string | null;
}

/** The link after the last required item: the shift's next run, or back to Today. */
export function NextRunLink({ next, remaining, shift }: { next: NextRun | null; remaining: number; shift: string }) {
  if (!next) {
    return (
      <p className="mt-1">
        No more runs in this shift ({shift}).{" "}
        <Link href="/today" className="font-medium underline" data-next-run="">
          Back to Today
        </Link>
      </p>
    );
  }
  return (
    <p className="mt-1">
      <Link href={`/runs/${next.id}`} className="font-medium underline" data-next-run="">
        Next run: {next.title}
        {next.serverName ? ` on ${next.serverName}` : ""} →
      </Link>{" "}
      <span className="text-xs">({plural(remaining, "open run", "open runs")} left in this shift, {shift})</span>
    </p>
  );
}

/**
 * One banner for the run as a whole: complete (with its exceptions and the next run), or why it
 * takes no results. Nothing while it is open for recording.
 */
export function RunBanner({
  state,
  complete,
  failedItems,
  naItems,
  opensOn,
  skipped,
  readOnly,
  next,
}: {
  state: RunState;
  complete: boolean;
  failedItems: number;
  naItems: number;
  /** When an upcoming run opens, as shown. */
  opensOn: string;
  skipped: { by: string | null; at: string | null; reason: string | null };
  /** The user's role may read but not record. */
  readOnly: boolean;
  next: ReactNode;
}) {
  if (state === "SKIPPED") {
    return (
      <Alert tone="info" title="Skipped" testId="run-banner">
        <p>
          This run was skipped{skipped.by ? ` by ${skipped.by}` : ""}
          {skipped.at ? ` on ${skipped.at}` : ""}; it takes no results.
        </p>
      </Alert>
    );
  }
  if (state === "SUPPRESSED") {
    return (
      <Alert tone="info" title="In a maintenance window" testId="run-banner">
        <p>This run falls in a maintenance window; it takes no results and is never counted as missed.</p>
      </Alert>
    );
  }
  if (state === "UPCOMING") {
    return (
      <Alert tone="info" title="Not open yet" testId="run-banner">
        <p>This run opens on {opensOn}. Results can be recorded from then.</p>
      </Alert>
    );
  }
  if (complete) {
    const exceptions = [failedItems > 0 ? plural(failedItems, "failure", "failures") : null, naItems > 0 ? plural(naItems, "required item marked N/A", "required items marked N/A") : null].filter(Boolean);
    return (
      <Alert tone={exceptions.length ? "warning" : "success"} title={exceptions.length ? `Run complete, with exceptions: ${exceptions.join(" and ")}` : "Run complete"} testId="run-banner">
        <p>Every required item is recorded. A result can still be corrected with Change; the earlier one is kept.</p>
        {next}
      </Alert>
    );
  }
  if (readOnly) {
    return (
      <Alert tone="info" testId="run-banner">
        <p>Your role can read this run but not record results.</p>
      </Alert>
    );
  }
  return null;
}

const roleLabel = (role: string) => EXCHANGE_ROLE_LABELS[role as ExchangeRole] ?? role;

function list(words: string[], joiner: "and" | "or"): string {
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} ${joiner} ${words.at(-1)}` : (words[0] ?? "");
}

/** "2 items left out: they apply to Mailbox servers; EXCAS01 holds Client Access." */
export function leftOutSentence(items: readonly { roles: readonly string[] }[], server: { name: string; roles: readonly string[] }): string {
  const roles = [...new Set(items.flatMap((i) => i.roles))].sort().map(roleLabel);
  const held = server.roles.length ? `${server.name} holds ${list([...server.roles].sort().map(roleLabel), "and")}` : `${server.name} holds no Exchange role`;
  const they = items.length === 1 ? "it applies" : "they apply";
  return `${plural(items.length, "item", "items")} left out: ${they} to ${list(roles, "or")} servers; ${held}.`;
}

export function LeftOutItems({ items, server }: { items: { id: string; text: string; required: boolean; roles: string[] }[]; server: { name: string; roles: string[] } }) {
  if (items.length === 0) return null;
  return (
    <details className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700" data-testid="left-out">
      <summary className="cursor-pointer">{leftOutSentence(items, server)}</summary>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs">
        {items.map((i) => (
          <li key={i.id} className="break-words">
            {i.text} <span className="text-slate-600">({list(i.roles.map(roleLabel), "or")} servers{i.required ? "" : ", optional"})</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
