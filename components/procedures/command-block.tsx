import { renderCommand, type PlaceholderContext } from "@/lib/procedures/placeholders";
import { CopyButton } from "./copy-button";
import { MissingChip } from "./placeholder-text";

/**
 * An exact command, shown as code, with a copy button. Placeholders are filled in for `context`
 * (a run's server, the organisation's values): values are marked subtly, values not set are chips,
 * and Copy copies the command as it would run, with <name> where a value is missing. A command
 * naming {{storageGroup}} is shown once per storage group. Without a context, every placeholder is
 * a chip.
 */
export function CommandBlock({ command, context = null }: { command: string; context?: PlaceholderContext | null }) {
  const rendered = renderCommand(command, context);
  return (
    <div className="space-y-1" data-testid="command-block">
      {rendered.map((r, i) => (
        <div key={i} className="mt-1 flex items-start gap-2 rounded-md bg-slate-900 p-2">
          <code className="min-w-0 flex-1 whitespace-pre-wrap break-words font-mono text-xs text-slate-100" data-testid="command-text">
            {r.segments.map((s, j) =>
              s.kind === "text" ? (
                <span key={j}>{s.text}</span>
              ) : s.kind === "value" ? (
                <span key={j} className="text-[#bae6fd] underline decoration-[#38bdf8]/60 decoration-dotted underline-offset-2" title={`{{${s.name}}}`}>
                  {s.text}
                </span>
              ) : (
                <MissingChip key={j} label={s.label} tone="dark" />
              ),
            )}
          </code>
          <CopyButton text={r.text} label={r.text} />
        </div>
      ))}
    </div>
  );
}
