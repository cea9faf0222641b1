"use client";
import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { buttonClass, cardClass, labelClass } from "@/components/ui/styles";
import type { FormAction } from "@/lib/actions/define";
import type { ImportedProcedure, ImportSummary } from "@/lib/procedures/import-actions";

/** "file.md line 12: message" → the location and the message, so the location can stand out. */
function splitProblem(problem: string): { where: string; what: string } {
  const at = problem.indexOf(": ");
  return at < 0 ? { where: "", what: problem } : { where: problem.slice(0, at), what: problem.slice(at + 2) };
}

export function ImportForm({ action, maxBytes }: { action: FormAction; maxBytes: number }) {
  const [state, formAction, pending] = useActionState(action, null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const problems = state && !state.ok ? (state.fieldErrors.archive ?? []) : [];
  const summary = state?.ok ? (state.data as ImportSummary | undefined) : undefined;

  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);

  // Checked here too, because the server refuses an oversized request before the action can
  // explain why.
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    const input = event.currentTarget.elements.namedItem("archive") as HTMLInputElement | null;
    const total = [...(input?.files ?? [])].reduce((sum, f) => sum + f.size, 0);
    if (total > maxBytes) {
      event.preventDefault();
      setTooLarge(`The chosen files add up to more than ${Math.round(maxBytes / (1024 * 1024))} MB, the most that can be imported at once. Split them into smaller archives.`);
    } else {
      setTooLarge(null);
    }
  }

  const error = tooLarge ?? (state && !state.ok ? state.error : null);
  return (
    <div className="space-y-4">
      <form ref={formRef} action={formAction} onSubmit={onSubmit} className="space-y-4" aria-label="Import procedures">
        <div className="space-y-1">
          <label htmlFor="archive" className={labelClass}>
            Procedure files
          </label>
          <input
            id="archive"
            name="archive"
            type="file"
            accept=".zip,.md,application/zip,text/markdown"
            multiple
            required
            aria-describedby="archive-hint"
            aria-invalid={error ? true : undefined}
            className="block w-full text-sm text-slate-800 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
          />
          <p id="archive-hint" className="text-xs text-slate-600">
            A .zip of .md files (as the library export makes), or one or more .md files. At most {Math.round(maxBytes / (1024 * 1024))} MB.
          </p>
        </div>
        <button type="submit" className={buttonClass.primary} disabled={pending}>
          {pending ? "Checking and importing…" : "Import"}
        </button>
      </form>

      {error && (
        <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-medium">{error}</p>
          {!tooLarge && problems.length > 0 && !(problems.length === 1 && error.endsWith(problems[0]!)) && (
            <ul className="mt-2 space-y-1" aria-label="Problems found">
              {problems.map((problem, i) => {
                const { where, what } = splitProblem(problem);
                return (
                  <li key={i} className="break-words">
                    {where && <span className="font-mono text-xs font-semibold">{where}</span>}
                    {where && ": "}
                    {what}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}

      {state?.ok && (
        <div role="status" className="space-y-3 rounded-md border border-green-300 bg-green-50 px-4 py-3 text-sm text-green-900">
          <p className="font-medium">{state.message}</p>
          {summary && (
            <>
              <ResultList title="Published as new procedures" entries={summary.created} href={(slug) => `/procedures/${slug}`} />
              <ResultList title="Drafts opened: review and publish them" entries={summary.drafted} href={(slug) => `/procedures/${slug}/edit`} />
              <ResultList title="Unchanged (same as the published version)" entries={summary.unchanged} href={(slug) => `/procedures/${slug}`} />
            </>
          )}
        </div>
      )}
    </div>
  );
}

function ResultList({ title, entries, href }: { title: string; entries: ImportedProcedure[]; href: (slug: string) => string }) {
  if (entries.length === 0) return null;
  return (
    <section aria-label={title} className={`${cardClass} p-3 text-slate-900`}>
      <h2 className="text-sm font-semibold">{title}</h2>
      <ul className="mt-1 space-y-0.5">
        {entries.map((e) => (
          <li key={e.slug}>
            <Link href={href(e.slug)} className="text-brand-700 underline">
              {e.title}
            </Link>{" "}
            <span className="text-xs text-slate-600">({e.file})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
