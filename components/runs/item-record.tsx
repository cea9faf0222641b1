// What a done item shows under its one line, rendered on the server: why it failed (with "Raise an
// incident"), and the results it replaced, struck through, when it was corrected.
import Link from "next/link";
import type { RecorderResult } from "@/components/runs/item-recorder";

const OUTCOME_TEXT = { PASS: "Pass", FAIL: "Fail", NOT_APPLICABLE: "N/A" } as const;

export function ItemRecord({
  runId,
  itemId,
  current,
  earlier,
  canRaiseIncident,
}: {
  runId: string;
  itemId: string;
  current: RecorderResult;
  earlier: RecorderResult[];
  canRaiseIncident: boolean;
}) {
  if (!current.failureReason && earlier.length === 0 && !(canRaiseIncident && current.outcome === "FAIL")) return null;
  return (
    <div className="mt-1 space-y-1 text-sm">
      {current.failureReason && (
        <p className="break-words rounded bg-red-50 px-2 py-1 text-red-900" role="note">
          {current.failureReason}
        </p>
      )}
      {canRaiseIncident && current.outcome === "FAIL" && (
        <p>
          <Link
            href={`/incidents/new?run=${encodeURIComponent(runId)}&item=${encodeURIComponent(itemId)}`}
            className="font-medium text-red-800 underline hover:text-red-900"
          >
            Raise an incident
          </Link>
        </p>
      )}
      {earlier.length > 0 && (
        <details className="text-xs text-slate-600">
          <summary className="cursor-pointer">Earlier results ({earlier.length})</summary>
          <ul className="mt-1 space-y-0.5">
            {earlier.map((r) => (
              <li key={r.revision} className="break-words">
                <s>
                  {OUTCOME_TEXT[r.outcome]}
                  {r.value ? `: ${r.value}` : ""}
                </s>
                {r.limit ? ` (${r.limit})` : ""}{" "}
                by {r.by} at {r.at}
                {r.note ? ` — “${r.note}”` : ""}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
