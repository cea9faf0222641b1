// Today's counts for what the filters show, one word each as run-summary.ts defines them: open
// (not yet due), late, missed, done, and of the done runs those with exceptions.
import type { RunSummary } from "@/lib/runs/run-summary";

const TONE = {
  open: "border-sky-300 bg-sky-50",
  late: "border-amber-300 bg-amber-50",
  missed: "border-red-300 bg-red-50",
  done: "border-green-300 bg-green-50",
  exceptions: "border-orange-300 bg-orange-50",
  quiet: "border-slate-200 bg-white",
} as const;

export function SummaryStrip({ summary, listed }: { summary: RunSummary; listed: number }) {
  const s = summary;
  const tiles: { key: string; label: string; value: number; detail?: string; tone: keyof typeof TONE }[] = [
    { key: "open", label: "Open, not yet due", value: s.open, tone: s.open ? "open" : "quiet" },
    { key: "late", label: "Late", value: s.late, tone: s.late ? "late" : "quiet" },
    { key: "missed", label: "Missed", value: s.missed, tone: s.missed ? "missed" : "quiet" },
    { key: "done", label: "Done", value: s.done, tone: s.done ? "done" : "quiet" },
    {
      key: "exceptions",
      label: "With exceptions",
      value: s.exceptions,
      detail: `${s.withFailures} with failures · ${s.withNaOnly} N/A only`,
      tone: s.exceptions ? "exceptions" : "quiet",
    },
  ];
  if (s.upcoming) tiles.push({ key: "upcoming", label: "Upcoming", value: s.upcoming, tone: "quiet" });
  if (s.skipped) tiles.push({ key: "skipped", label: "Skipped", value: s.skipped, tone: "quiet" });
  return (
    <section aria-labelledby="today-summary" data-testid="today-summary" className="space-y-1">
      <h2 id="today-summary" className="sr-only">
        Summary
      </h2>
      <dl className="flex flex-wrap gap-2">
        {tiles.map((t) => (
          <div key={t.key} data-testid={`summary-${t.key}`} className={`min-w-24 rounded-md border px-3 py-1.5 ${TONE[t.tone]}`}>
            <dt className="text-xs text-slate-700">{t.label}</dt>
            <dd className="text-xl font-semibold tabular-nums text-slate-900">{t.value}</dd>
            {t.detail && <dd className="text-xs text-slate-700">{t.detail}</dd>}
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-600" data-testid="summary-shown">
        {s.total === listed ? `${listed} ${listed === 1 ? "run" : "runs"} on today's list.` : `${s.total} of the ${listed} runs on today's list match the filters.`}
      </p>
    </section>
  );
}
