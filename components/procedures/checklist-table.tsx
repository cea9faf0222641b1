import { itemRolesLabel } from "@/lib/procedures/diff";
import type { PlaceholderContext } from "@/lib/procedures/placeholders";
import type { ReadingItem } from "@/lib/procedures/queries";
import type { LimitsByMailboxUsers } from "@/lib/procedures/schemas";
import type { MailboxUsersTier } from "@/lib/procedures/vocabulary";
import { describeLimits } from "@/lib/runs/limits";
import { PlaceholderText } from "./placeholder-text";

export interface ExpectationItem {
  kind: string;
  unit: string | null;
  min: number | null;
  max: number | null;
  /** Limits by the organisation's mailbox users (parsed); null or absent: min and max apply. */
  limitsByMailboxUsers?: LimitsByMailboxUsers | null;
  choices: string[];
  passChoices: string[];
}

/**
 * What an item expects, in words. `mailboxUsers`: the organisation's setting, for an item whose
 * limits depend on it (lib/runs/limits.ts); null lists the limit for each size.
 */
export function expectation(item: ExpectationItem, mailboxUsers: MailboxUsersTier | null = null): string {
  switch (item.kind) {
    case "CHECK":
      return "Check, then mark Pass";
    case "NUMBER":
      return describeLimits(item, mailboxUsers) ?? `Record in ${item.unit}; compare with the baseline`;
    case "CHOICE":
      return item.passChoices.length > 0 && item.passChoices.length < item.choices.length
        ? `Expected: ${item.passChoices.join(" or ")}`
        : `One of: ${item.choices.join(", ")}`;
    case "TEXT":
      return "Write down what you found";
    default:
      return "";
  }
}

const KIND_LABEL: Record<string, string> = { CHECK: "Check", NUMBER: "Value", TEXT: "Text", CHOICE: "Choice" };

/** Which servers an item is limited to, as a small label; nothing for an item that applies to every server. */
export function ItemRoles({ roles }: { roles: readonly string[] }) {
  if (roles.length === 0) return null;
  return <span className="ml-2 rounded bg-sky-50 px-1.5 py-0.5 text-xs text-sky-900 ring-1 ring-sky-200">{itemRolesLabel(roles)}</span>;
}

/** The checklist of a procedure; `context` fills its placeholders in (null: shown as ‹name›). */
export function ChecklistTable({ items, context = null }: { items: ReadingItem[]; context?: PlaceholderContext | null }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Checklist items, in order</caption>
        <thead className="border-b border-slate-300 text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="w-8 py-2 pr-2">#</th>
            <th scope="col" className="py-2 pr-3">Item</th>
            <th scope="col" className="py-2 pr-3">Record</th>
            <th scope="col" className="py-2 pr-3">Expected</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {items.map((item, index) => (
            <tr key={item.id} className="align-top">
              <td className="py-2 pr-2 text-slate-500">{index + 1}</td>
              <td className="py-2 pr-3">
                <span className="font-medium text-slate-900">
                  <PlaceholderText text={item.text} context={context} />
                </span>
                {!item.required && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">optional</span>}
                <ItemRoles roles={item.roles} />
                {item.counter && (
                  <span className="mt-0.5 block break-all font-mono text-xs text-slate-600">
                    <PlaceholderText text={item.counter} context={context} />
                  </span>
                )}
                {item.help && (
                  <span className="mt-1 block text-xs text-slate-600">
                    <PlaceholderText text={item.help} context={context} />
                  </span>
                )}
              </td>
              <td className="py-2 pr-3 whitespace-nowrap text-slate-700">
                {KIND_LABEL[item.kind]}
                {item.kind === "NUMBER" && item.unit ? ` (${item.unit})` : ""}
              </td>
              <td className="py-2 pr-3 text-slate-700">{expectation(item)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
