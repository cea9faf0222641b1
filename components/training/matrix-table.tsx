import Link from "next/link";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { formatDate } from "@/lib/time/format";
import { cellKey, type MatrixCell, type TrainingMatrix } from "@/lib/training/queries";
import { AcknowledgementBadge } from "./status-badge";

/** Procedures down the side, people across the top; each cell the version acknowledged, when, and its status. */
export function MatrixTable({ matrix, timeZone, caption }: { matrix: TrainingMatrix; timeZone: string; caption: string }) {
  return (
    // Not stretched to the card: with few people, the columns stay next to the procedures they describe.
    <table className="border-separate border-spacing-0 text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-xs text-slate-600">
        <tr>
          <th scope="col" className="sticky left-0 z-10 min-w-64 border-b border-slate-200 bg-slate-50 px-3 py-2 align-bottom uppercase tracking-wide">
            Procedure
          </th>
          <th scope="col" className="min-w-28 border-b border-slate-200 bg-slate-50 px-3 py-2 align-bottom uppercase tracking-wide">
            Up to date
          </th>
          {matrix.users.map((u) => (
            <th key={u.id} scope="col" className="min-w-36 border-b border-slate-200 bg-slate-50 px-3 py-2 align-bottom font-normal" data-testid="matrix-user">
              <span className="block font-semibold text-slate-900">{u.name}</span>
              <span className="block">{ROLE_LABELS[u.role]}</span>
              <span className="block">
                {u.progress.total === 0 ? "Nothing to read" : `${u.progress.current} of ${u.progress.total} current`}
              </span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.procedures.map((p) => (
          <tr key={p.id} className="align-top" data-testid="matrix-row">
            <th scope="row" className="sticky left-0 z-10 border-b border-slate-200 bg-white px-3 py-2 font-normal">
              <Link href={`/procedures/${p.slug}`} className="font-medium text-brand-700 hover:underline">
                {p.title}
              </Link>
              <span className="block text-xs text-slate-600">
                {p.code ? `${p.code} · ` : ""}version {p.number}
              </span>
            </th>
            <td className="whitespace-nowrap border-b border-slate-200 px-3 py-2 text-slate-700" data-testid="matrix-row-total">
              {matrix.totals.get(p.id)?.current ?? 0} of {matrix.totals.get(p.id)?.required ?? 0}
            </td>
            {matrix.users.map((u) => (
              <td key={u.id} className="border-b border-slate-200 px-3 py-2" data-user={u.email} data-procedure={p.slug}>
                <Cell cell={matrix.cells.get(cellKey(u.id, p.id))} timeZone={timeZone} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Cell({ cell, timeZone }: { cell: MatrixCell | undefined; timeZone: string }) {
  if (!cell) {
    return (
      <span className="text-slate-500">
        <span aria-hidden="true">—</span>
        <span className="sr-only">Not on the list</span>
      </span>
    );
  }
  const ack = cell.acknowledged;
  return (
    <span className={`flex flex-col items-start gap-0.5 ${cell.required ? "" : "opacity-75"}`}>
      <AcknowledgementBadge status={cell.status} />
      {ack && (
        <span className="whitespace-nowrap text-xs text-slate-700">
          v{ack.number} · {formatDate(ack.at, timeZone)}
        </span>
      )}
      {!cell.required && <span className="text-xs text-slate-600">not on the list</span>}
    </span>
  );
}
