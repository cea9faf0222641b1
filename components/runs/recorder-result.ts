// A stored result as the run page hands it to the recorder, current and earlier revisions alike.
import type { RecorderResult } from "@/components/runs/item-recorder";
import { recordedValue } from "@/lib/format/values";
import type { RunItemView } from "@/lib/runs/queries";
import { formatDateTime } from "@/lib/time/format";

export function toRecorderResult(result: NonNullable<RunItemView["current"]>, timeZone: string): RecorderResult {
  return {
    revision: result.revision,
    outcome: result.outcome as RecorderResult["outcome"],
    // Without the unit: the recorder shows it beside the value, and puts the value back in the
    // field for a correction, where it must read back as the same number.
    value: recordedValue(result, null),
    note: result.note,
    failureReason: result.failureReason,
    by: result.recordedBy.name,
    at: formatDateTime(result.recordedAt, timeZone),
  };
}
