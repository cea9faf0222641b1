// The first-run guide at the top of the dashboard: five steps an administrator takes after setup,
// each linking to where it is done and showing when it was. Renders nothing for anyone else, and
// nothing once every step is done or the guide was dismissed.
import Link from "next/link";
import { cardClass } from "@/components/ui/styles";
import { getCurrentUser } from "@/lib/auth/session";
import { confirmGuideStepAction, dismissGuideAction } from "@/lib/guide/actions";
import { getFirstRunGuide } from "@/lib/guide/queries";
import { formatDate } from "@/lib/time/format";
import { ConfirmStepButton, DismissGuideButton } from "./guide-buttons";

export async function FirstRunGuide() {
  const user = await getCurrentUser();
  const guide = user ? await getFirstRunGuide(user) : null;
  if (!guide) return null;
  return (
    <section aria-labelledby="first-run-guide" className={`${cardClass} border-brand-100 p-5`} data-testid="first-run-guide">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="first-run-guide" className="text-lg font-semibold">
          Getting started
        </h2>
        <p className="text-sm text-slate-600">
          {guide.done} of {guide.steps.length} done
        </p>
      </div>
      <p className="mt-1 text-sm text-slate-600">A few things to set before the team starts. This list goes away when every step is done.</p>
      <ol className="mt-3 divide-y divide-slate-200">
        {guide.steps.map((step, index) => (
          <li key={step.step} className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid={`guide-step-${step.step}`} data-done={step.done ? "true" : "false"}>
            <div className="flex min-w-0 flex-1 gap-3">
              <span
                aria-hidden="true"
                className={`mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${step.done ? "bg-green-700 text-white" : "bg-slate-200 text-slate-800"}`}
              >
                {step.done ? "✓" : index + 1}
              </span>
              <div className="min-w-0">
                <h3 className="font-medium">
                  {step.title}
                  <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
                </h3>
                <p className="text-sm text-slate-700">{step.done ? step.doneText : step.todo}</p>
                {step.done && (
                  <p className="text-xs font-medium text-green-800">Done{step.doneAt ? ` on ${formatDate(step.doneAt, guide.timeZone)}` : ""}</p>
                )}
              </div>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              <Link href={step.href} className="text-sm text-brand-700 underline" aria-label={`${step.linkLabel}: ${step.title}`}>
                {step.linkLabel}
              </Link>
              {step.confirmable && !step.done && <ConfirmStepButton action={confirmGuideStepAction} step={step.step} title={step.title} />}
            </div>
          </li>
        ))}
      </ol>
      <div className="mt-2 border-t border-slate-200 pt-3">
        <DismissGuideButton action={dismissGuideAction} />
      </div>
    </section>
  );
}
