"use client";
// A role's reading list: every published procedure, whether it is on the list, a button per row to
// add or take it off, and checkboxes to add several at once (with helpers to pick a whole cadence).
import Link from "next/link";
import { useMemo, useState } from "react";
import { CadenceBadge } from "@/components/procedures/badges";
import { ActionAlert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/styles";
import { Table, TBody, Td, Th, THead } from "@/components/ui/table";
import { useSubmit } from "@/components/ui/use-submit";
import type { FormAction } from "@/lib/actions/define";
import { CADENCES, type Cadence } from "@/lib/procedures/vocabulary";
import { ReadingListButton } from "./reading-list-button";

export interface EditorRow {
  id: string;
  slug: string;
  code: string | null;
  title: string;
  cadence: Cadence;
  onList: boolean;
  byDefault: boolean;
  personal: number;
}

const HELPER_LABEL: Record<Cadence, string> = {
  DAILY: "Select all daily",
  WEEKLY: "Select all weekly",
  MONTHLY: "Select all monthly",
  AS_NEEDED: "Select all as needed",
};

export function ReadingListEditor({
  role,
  plural,
  rows,
  addAction,
  removeAction,
  addManyAction,
}: {
  role: string;
  plural: string;
  rows: EditorRow[];
  addAction: FormAction;
  removeAction: FormAction;
  addManyAction: FormAction;
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const { state, formAction, pending } = useSubmit(addManyAction, { onSuccess: () => setSelected(new Set()) });
  const addable = useMemo(() => rows.filter((r) => !r.onList), [rows]);
  // What is chosen and can still be added (a row added meanwhile drops out of the choice).
  const chosen = addable.filter((r) => selected.has(r.id));

  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const selectCadence = (cadence: Cadence) => setSelected((prev) => new Set([...prev, ...addable.filter((r) => r.cadence === cadence).map((r) => r.id)]));

  return (
    <>
      <form action={formAction} className="space-y-3 px-5 pt-3" aria-label={`Add several procedures to the ${plural}' reading list`}>
        <input type="hidden" name="role" value={role} />
        {chosen.map((r) => (
          <input key={r.id} type="hidden" name="procedureIds" value={r.id} />
        ))}
        <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Choose procedures to add">
          {CADENCES.filter((c) => addable.some((r) => r.cadence === c)).map((cadence) => (
            <button key={cadence} type="button" className={buttonClass.small} onClick={() => selectCadence(cadence)}>
              {HELPER_LABEL[cadence]}
            </button>
          ))}
          <button type="button" className={buttonClass.small} onClick={() => setSelected(new Set())} disabled={chosen.length === 0}>
            Clear selection
          </button>
          <button type="submit" className={buttonClass.primary} disabled={pending || chosen.length === 0}>
            {pending ? "Adding…" : chosen.length === 0 ? "Add selected" : `Add ${chosen.length} selected`}
          </button>
        </div>
        <p className="text-xs text-slate-600" aria-live="polite">
          {addable.length === 0
            ? `Every published procedure is on the ${plural}' list.`
            : `${chosen.length} of ${addable.length} procedures not on the list selected.`}
        </p>
        <ActionAlert state={state} />
      </form>
      <Table className="mt-2" caption={`Every published procedure and whether it is on the ${plural}' reading list`} captionHidden>
        <THead>
          <tr>
            <Th className="w-10">
              <span className="sr-only">Select</span>
            </Th>
            <Th>Procedure</Th>
            <Th>Cadence</Th>
            <Th>On the list</Th>
            <Th>Change</Th>
          </tr>
        </THead>
        <TBody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="reading-list-row" data-cadence={row.cadence}>
              <Td>
                {!row.onList && (
                  <input
                    type="checkbox"
                    className="h-4 w-4"
                    checked={selected.has(row.id)}
                    onChange={(e) => toggle(row.id, e.currentTarget.checked)}
                    aria-label={`Select ${row.title}`}
                  />
                )}
              </Td>
              <th scope="row" className="px-3 py-2 text-left align-top font-normal">
                <Link href={`/procedures/${row.slug}`} className="font-medium text-brand-700 hover:underline">
                  {row.title}
                </Link>
                {row.code && <span className="block text-xs text-slate-600">{row.code}</span>}
              </th>
              <Td>
                <CadenceBadge cadence={row.cadence} />
              </Td>
              <Td>
                <ListState row={row} plural={plural} />
              </Td>
              <Td>
                <ReadingListButton
                  action={row.onList ? removeAction : addAction}
                  role={role}
                  procedureId={row.id}
                  label={row.onList ? "Remove" : "Add"}
                  description={row.onList ? `Remove ${row.title} from the ${plural}' reading list` : `Add ${row.title} to the ${plural}' reading list`}
                />
              </Td>
            </tr>
          ))}
        </TBody>
      </Table>
    </>
  );
}

function ListState({ row, plural }: { row: EditorRow; plural: string }) {
  const main = row.onList
    ? row.byDefault
      ? "Yes, scheduled for this role"
      : "Yes, added by a manager"
    : row.byDefault
      ? "No, taken off (scheduled for this role)"
      : "No";
  return (
    <span className={row.onList ? "font-medium text-slate-900" : "text-slate-600"}>
      {main}
      {row.personal > 0 && (
        <span className="block text-xs font-normal text-slate-600">
          Assigned by name to {row.personal} of the {plural}, who read it either way
        </span>
      )}
    </span>
  );
}
