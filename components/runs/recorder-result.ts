// A stored result as the run page hands it to the recorder, current and earlier revisions alike.
import type { RecorderResult } from "@/components/runs/item-recorder";
import { quantity } from "@/components/runs/quantity";
import { recordedValue } from "@/lib/format/values";
import type { RunItemView } from "@/lib/runs/queries";
import { localDateOf } from "@/lib/time/dates";
import { formatDateTime, formatTime } from "@/lib/time/format";

/** `unit` is the item's (for `shown`); `runDate` the run's local date (a result of that day shows its time only). */
export function toRecorderResult(result: NonNullable<RunItemView["current"]>, timeZone: string, unit: string | null = null, runDate = ""): RecorderResult {
  return {
    revision: result.revision,
    outcome: result.outcome as RecorderResult["outcome"],
    // Without the unit: the recorder puts the value back in the field for a correction, where it
    // must read back as the same number. `shown` is the same value with its unit, for reading.
    value: recordedValue(result, null),
    shown: result.valueNumber !== null ? quantity(result.valueNumber, unit) : (result.valueText ?? ""),
    limit: result.limit,
    note: result.note,
    failureReason: result.failureReason,
    by: result.recordedBy.name,
    at: formatDateTime(result.recordedAt, timeZone),
    // On the run's own day the time says enough; the full date and zone stay in the tooltip.
    atShort: localDateOf(result.recordedAt, timeZone) === runDate ? formatTime(result.recordedAt, timeZone) : formatDateTime(result.recordedAt, timeZone),
  };
}
