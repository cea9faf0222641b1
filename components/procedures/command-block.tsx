import { CopyButton } from "./copy-button";

/** An exact command, shown as code, with a copy button. */
export function CommandBlock({ command }: { command: string }) {
  return (
    <div className="mt-1 flex items-start gap-2 rounded-md bg-slate-900 p-2">
      <code className="min-w-0 flex-1 whitespace-pre-wrap break-words font-mono text-xs text-slate-100">{command}</code>
      <CopyButton text={command} label={command} />
    </div>
  );
}
