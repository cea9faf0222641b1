// A comparison of two procedure versions: changed fields, the instructions line by line, checklist
// items and tools. Additions are <ins>, removals <del>, each also labelled in words.
import { itemRolesLabel, type ContentDiff, type ItemChange, type TextPart } from "@/lib/procedures/diff";

const CONTEXT_LINES = 3;

function Ins({ children }: { children: React.ReactNode }) {
  return (
    <ins className="bg-emerald-100 text-emerald-950 no-underline">
      <span className="sr-only">added: </span>
      {children}
    </ins>
  );
}

function Del({ children }: { children: React.ReactNode }) {
  return (
    <del className="bg-red-100 text-red-900">
      <span className="sr-only">removed: </span>
      {children}
    </del>
  );
}

type Row = { left: string | null; right: string | null; kind: "same" | "changed" | "fold"; folded?: number };

/** Pairs the line diff into rows of a two-column view; long unchanged stretches fold to context. */
function sideBySide(parts: TextPart[]): Row[] {
  const rows: Row[] = [];
  const lines = (p: TextPart) => p.value.replace(/\n$/, "").split("\n");
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part.removed || part.added) {
      const removed = part.removed ? lines(part) : [];
      const next = parts[i + 1];
      const added = part.added ? lines(part) : next?.added ? lines(next) : [];
      if (part.removed && next?.added) i += 1;
      for (let j = 0; j < Math.max(removed.length, added.length); j++) rows.push({ left: removed[j] ?? null, right: added[j] ?? null, kind: "changed" });
      continue;
    }
    const same = lines(part);
    const head = i > 0 ? CONTEXT_LINES : 0;
    const tail = i < parts.length - 1 ? CONTEXT_LINES : 0;
    if (same.length > head + tail + 1) {
      for (const line of same.slice(0, head)) rows.push({ left: line, right: line, kind: "same" });
      rows.push({ left: null, right: null, kind: "fold", folded: same.length - head - tail });
      for (const line of same.slice(same.length - tail)) rows.push({ left: line, right: line, kind: "same" });
    } else for (const line of same) rows.push({ left: line, right: line, kind: "same" });
  }
  return rows;
}

/** The instructions side by side: the earlier version on the left, the later on the right. */
function BodyDiff({ parts, fromLabel, toLabel }: { parts: TextPart[]; fromLabel: string; toLabel: string }) {
  const cell = "w-1/2 whitespace-pre-wrap break-words px-2 py-0.5 align-top";
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200 bg-white">
      <table className="w-full table-fixed font-mono text-xs leading-5">
        <caption className="sr-only">Instructions, {fromLabel} and {toLabel} side by side</caption>
        <thead className="border-b border-slate-200 bg-slate-50 font-sans text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-2 py-1 text-left">{fromLabel}</th>
            <th scope="col" className="px-2 py-1 text-left">{toLabel}</th>
          </tr>
        </thead>
        <tbody>
          {sideBySide(parts).map((row, i) =>
            row.kind === "fold" ? (
              <tr key={i}>
                <td colSpan={2} className="py-0.5 text-center font-sans text-slate-600">⋯ {row.folded} unchanged lines ⋯</td>
              </tr>
            ) : row.kind === "same" ? (
              <tr key={i} className="text-slate-600">
                <td className={cell}>{row.left || " "}</td>
                <td className={`${cell} border-l border-slate-200`}>{row.right || " "}</td>
              </tr>
            ) : (
              <tr key={i}>
                <td className={`${cell} ${row.left !== null ? "bg-red-50" : ""}`}>{row.left !== null ? <Del>{row.left || " "}</Del> : null}</td>
                <td className={`${cell} border-l border-slate-200 ${row.right !== null ? "bg-emerald-50" : ""}`}>{row.right !== null ? <Ins>{row.right || " "}</Ins> : null}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

const CHANGE_LABEL: Record<ItemChange["kind"], string> = { added: "Added", removed: "Removed", changed: "Changed", moved: "Moved" };
const CHANGE_STYLE: Record<ItemChange["kind"], string> = {
  added: "bg-emerald-100 text-emerald-900",
  removed: "bg-red-100 text-red-900",
  changed: "bg-amber-100 text-amber-900",
  moved: "bg-slate-100 text-slate-800",
};

export function VersionDiff({ diff, fromLabel, toLabel }: { diff: ContentDiff; fromLabel: string; toLabel: string }) {
  if (diff.same) return <p className="text-sm text-slate-600">These versions have the same content.</p>;
  return (
    <div className="space-y-6" data-testid="version-diff">
      {diff.fields.length > 0 && (
        <section aria-labelledby="diff-fields">
          <h3 id="diff-fields" className="mb-2 font-semibold">Details</h3>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Changed details</caption>
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
              <tr><th scope="col" className="py-1 pr-3">Field</th><th scope="col" className="py-1 pr-3">{fromLabel}</th><th scope="col" className="py-1">{toLabel}</th></tr>
            </thead>
            <tbody className="divide-y divide-slate-200">
              {diff.fields.map((f) => (
                <tr key={f.field} className="align-top">
                  <th scope="row" className="py-1.5 pr-3 font-medium">{f.label}</th>
                  <td className="py-1.5 pr-3"><Del>{f.before || "—"}</Del></td>
                  <td className="py-1.5"><Ins>{f.after || "—"}</Ins></td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {diff.items.length > 0 && (
        <section aria-labelledby="diff-items">
          <h3 id="diff-items" className="mb-2 font-semibold">Checklist</h3>
          <ul className="space-y-2">
            {diff.items.map((c) => {
              const item = c.kind === "removed" ? c.before : c.after;
              return (
                <li key={`${c.kind}-${c.key}`} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="diff-item">
                  <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-semibold ${CHANGE_STYLE[c.kind]}`}>{CHANGE_LABEL[c.kind]}</span>
                  {c.kind === "removed" ? <Del>{item.text}</Del> : c.kind === "added" ? <Ins>{item.text}</Ins> : <span className="font-medium">{item.text}</span>}
                  {c.kind === "moved" && <span className="ml-2 text-slate-600">from position {c.from + 1} to {c.position + 1}</span>}
                  {c.kind === "changed" && c.moved && <span className="ml-2 text-slate-600">(also moved to position {c.position + 1})</span>}
                  {c.kind === "added" && item.kind === "NUMBER" && (
                    <span className="ml-2 text-slate-600">number, {item.min ?? "no minimum"} to {item.max ?? "no maximum"} {item.unit}</span>
                  )}
                  {c.kind === "added" && item.roles.length > 0 && <span className="ml-2 text-slate-600">({itemRolesLabel(item.roles)})</span>}
                  {c.kind === "added" && c.replaces && (
                    <p className="mt-1 text-slate-700" data-testid="new-series">
                      Unit changed, new series: it continues “{c.replaces.text}” (recorded in {c.replaces.unit || "no unit"}), whose values are not compared with these.
                    </p>
                  )}
                  {c.kind === "changed" && c.newSeries && (
                    <p className="mt-1 text-slate-700" data-testid="new-series">
                      Unit changed, new series: publishing gives this item a new key, so values recorded in {c.before.unit || "no unit"} are not compared with values in {c.after.unit || "no unit"}.
                    </p>
                  )}
                  {c.kind === "changed" && (
                    <dl className="mt-2 grid gap-x-3 gap-y-1 sm:grid-cols-[10rem_1fr]">
                      {c.fields.map((f) => (
                        <div key={f.field} className="contents">
                          <dt className="text-slate-600">{f.label}</dt>
                          <dd><Del>{f.before || "—"}</Del> → <Ins>{f.after || "—"}</Ins></dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {diff.tools.length > 0 && (
        <section aria-labelledby="diff-tools">
          <h3 id="diff-tools" className="mb-2 font-semibold">Tools</h3>
          <ul className="space-y-2 text-sm">
            {diff.tools.map((t, i) => (
              <li key={i} className="rounded-md border border-slate-200 p-3">
                <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-semibold ${CHANGE_STYLE[t.kind]}`}>{CHANGE_LABEL[t.kind]}</span>
                <span className="font-medium">{t.tool}</span>
                {t.before && t.kind !== "added" && <pre className="mt-1 whitespace-pre-wrap font-mono text-xs"><Del>{t.before.command || "(no command)"}</Del></pre>}
                {t.after && t.kind !== "removed" && <pre className="mt-1 whitespace-pre-wrap font-mono text-xs"><Ins>{t.after.command || "(no command)"}</Ins></pre>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.bodyChanged && (
        <section aria-labelledby="diff-body">
          <h3 id="diff-body" className="mb-2 font-semibold">Instructions</h3>
          <BodyDiff parts={diff.body} fromLabel={fromLabel} toLabel={toLabel} />
        </section>
      )}
    </div>
  );
}
