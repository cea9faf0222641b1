// What an open item asks for, rendered on the server and handed to the item's recorder: the
// counter path (wrapping only at backslashes), the expectation, the help text, and for a number
// item its earlier values on this server.
import { expectation, type ExpectationItem } from "@/components/procedures/checklist-table";
import { PlaceholderText } from "@/components/procedures/placeholder-text";
import { PreviousValuesLine } from "@/components/runs/previous-values";
import { PathText } from "@/components/ui/path-text";
import type { PlaceholderContext } from "@/lib/procedures/placeholders";
import type { MailboxUsersTier } from "@/lib/procedures/vocabulary";
import { describeLimits, type EffectiveLimits } from "@/lib/runs/limits";
import type { PreviousValues } from "@/lib/runs/previous-values";

export interface DetailsItem extends ExpectationItem {
  help: string;
  counter: string | null;
  previous: PreviousValues | null;
  /** The limits a value recorded now is judged against (lib/runs/limits.ts). */
  limits: EffectiveLimits;
}

/**
 * `placeholders`: the run's values, for the help text ({{…}} filled in, or a ‹name› chip when not
 * set); `mailboxUsers`: the organisation's setting, which picks the limit of an item that has tiers.
 */
export function ItemDetails({ item, placeholders, mailboxUsers }: { item: DetailsItem; placeholders: PlaceholderContext | null; mailboxUsers: MailboxUsersTier }) {
  return (
    <div className="mt-0.5 space-y-0.5 text-xs text-slate-600">
      {item.counter && (
        <p>
          <PathText path={item.counter} />
        </p>
      )}
      {/* A limit reads "Expected: at most 50 ms"; the other kinds say it in a sentence of their own. */}
      <p>{item.kind === "NUMBER" && describeLimits(item, mailboxUsers) !== null ? `Expected: ${expectation(item, mailboxUsers)}` : expectation(item, mailboxUsers)}</p>
      {item.help && (
        <p className="break-words">
          <PlaceholderText text={item.help} context={placeholders} />
        </p>
      )}
      {item.kind === "NUMBER" && item.previous && <PreviousValuesLine previous={item.previous} unit={item.unit} limits={item.limits} />}
    </div>
  );
}
