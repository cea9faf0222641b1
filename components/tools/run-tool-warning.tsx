// On a run page: the tools the procedure needs that the server lacks by its deployment record.
// Nothing when the record shows none missing (tools never verified there are listed on /tools).
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { formatDateTime } from "@/lib/time/format";

export function RunToolWarning({ serverName, lacking, timeZone }: { serverName: string; lacking: { name: string; slug: string; verifiedAt: Date }[]; timeZone: string }) {
  if (lacking.length === 0) return null;
  return (
    <Alert tone="warning" testId="run-tool-warning" title={`${serverName} lacks ${lacking.length === 1 ? "a tool" : "tools"} this procedure needs`}>
      <ul className="list-disc pl-5">
        {lacking.map((t) => (
          <li key={t.slug}>
            {t.name}: recorded as missing on {formatDateTime(t.verifiedAt, timeZone)}.
          </li>
        ))}
      </ul>
      <p className="mt-1">
        Install it before you start, or record what you find; see the{" "}
        <Link href="/tools" className="underline">
          deployment record on the Tools page
        </Link>
        .
      </p>
    </Alert>
  );
}
