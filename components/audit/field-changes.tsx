// Before → after of one audit event as a small table of the fields that changed; the other fields,
// the request it came from and the stored JSON are one click away, closed by default so a page of
// fifty events stays readable. <details> needs no JavaScript.
import type { EventView, FieldRow, ShownValue } from "@/lib/audit/describe";

const cell = "px-2 py-1 align-top break-words";

function Value({ value }: { value: ShownValue | null }) {
  if (!value) return null;
  if (!value.full) return <>{value.text}</>;
  return (
    <>
      {value.text}
      <details className="mt-0.5">
        <summary className="cursor-pointer text-xs text-brand-700">Whole value</summary>
        <p tabIndex={0} className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap rounded bg-slate-100 p-1.5 text-xs">{value.full}</p>
      </details>
    </>
  );
}

function FieldTable({ rows, mode, caption }: { rows: FieldRow[]; mode: EventView["changes"]["mode"]; caption: string }) {
  const both = mode === "change";
  return (
    <table className="w-full table-fixed border-collapse text-xs" data-testid="audit-fields">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-left text-slate-600">
        <tr>
          <th scope="col" className="w-1/4 px-2 py-1 font-medium">Field</th>
          {both ? (
            <>
              <th scope="col" className="px-2 py-1 font-medium">Before</th>
              <th scope="col" className="px-2 py-1 font-medium">After</th>
            </>
          ) : (
            <th scope="col" className="px-2 py-1 font-medium">{mode === "removed" ? "Before" : "Value"}</th>
          )}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" className={`${cell} text-left font-normal text-slate-600`}>{row.field}</th>
            {both ? (
              <>
                <td className={`${cell} text-slate-600`}><Value value={row.before} /></td>
                <td className={cell}><Value value={row.after} /></td>
              </>
            ) : (
              <td className={cell}><Value value={mode === "removed" ? row.before : row.after} /></td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function FieldChanges({ event }: { event: EventView }) {
  const { changes, raw, request } = event;
  const what = changes.mode === "created" ? "recorded" : changes.mode === "removed" ? "removed" : "changed";
  return (
    <div className="min-w-64 space-y-1">
      {changes.changed.length > 0 ? (
        <FieldTable rows={changes.changed} mode={changes.mode} caption={`Fields ${what} by event ${event.seq}`} />
      ) : (
        <p className="text-xs text-slate-600">{changes.mode === "none" ? "No fields recorded." : "No field changed."}</p>
      )}
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {changes.unchanged.length > 0 && (
          <details className="w-full">
            <summary className="cursor-pointer text-xs text-brand-700">
              Show all fields ({changes.unchanged.length} more)
            </summary>
            <div className="mt-1">
              <FieldTable rows={changes.unchanged} mode={changes.mode} caption={`Other fields of event ${event.seq}`} />
            </div>
          </details>
        )}
        <details className="w-full">
          <summary className="cursor-pointer text-xs text-brand-700">Raw</summary>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-xs text-slate-700">
            <dt className="text-slate-600">Event</dt>
            <dd>
              #{event.seq}, action <code>{event.action.code}</code>
            </dd>
            <dt className="text-slate-600">From</dt>
            <dd>{request.ip || "—"}</dd>
            <dt className="text-slate-600">Browser</dt>
            <dd className="break-all">{request.userAgent || "—"}</dd>
          </dl>
          {(["before", "after"] as const).map((side) =>
            raw[side] === null ? null : (
              <div key={side} className="mt-1">
                <p className="text-xs text-slate-600">{side === "before" ? "Before" : "After"}</p>
                <pre tabIndex={0} className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-xs">{raw[side]}</pre>
              </div>
            ),
          )}
        </details>
      </div>
    </div>
  );
}
