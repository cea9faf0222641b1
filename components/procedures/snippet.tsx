/** A search snippet whose matches the database marked with [[ ]]; rendered as text, never as HTML. */
export function Snippet({ text }: { text: string }) {
  // A mark never holds a bracket (the index splits words at punctuation); excluding [ and ] keeps
  // the pattern linear on a snippet full of brackets.
  const parts = text.split(/(\[\[[^[\]]*\]\])/g).filter(Boolean);
  return (
    <p className="mt-1 text-sm text-slate-600">
      {parts.map((part, i) =>
        part.startsWith("[[") && part.endsWith("]]") ? (
          <mark key={i} className="rounded bg-yellow-100 px-0.5 text-slate-900">
            {part.slice(2, -2)}
          </mark>
        ) : (
          <span key={i}>{part}</span>
        ),
      )}
    </p>
  );
}
