import { Alert } from "@/components/ui/alert";

/**
 * Said on a run when the procedure's text names other servers of the inventory (B1): a command
 * written for EXHUB01 must not be copied on the run for EXEDGE01. `names` comes from
 * otherServersNamed (lib/procedures/placeholder-queries.ts); nothing is shown when it is empty.
 */
export function ServerMismatchWarning({ names, serverName }: { names: string[]; serverName: string }) {
  if (names.length === 0) return null;
  const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return (
    <Alert tone="warning" title={`This procedure names ${listed}, but this run is for ${serverName}.`} testId="server-mismatch">
      <p>Check every command before you run it: change the server name to {serverName}, or ask the procedure&apos;s owner to write {"{{server}}"} instead.</p>
    </Alert>
  );
}
