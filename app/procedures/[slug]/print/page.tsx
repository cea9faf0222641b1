import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { expectation, ItemRoles } from "@/components/procedures/checklist-table";
import { MissingChip, PlaceholderText } from "@/components/procedures/placeholder-text";
import { PrintButton } from "@/components/procedures/print-button";
import { buttonClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";
import { itemRolesLabel } from "@/lib/procedures/diff";
import { placeholderContextForServer } from "@/lib/procedures/placeholder-queries";
import { renderCommand, type PlaceholderContext } from "@/lib/procedures/placeholders";
import { getProcedureForReading, getRunForPrint, type ReadingItem } from "@/lib/procedures/queries";
import { CADENCE_LABELS, EXCHANGE_ROLE_LABELS, type Cadence, type ExchangeRole } from "@/lib/procedures/vocabulary";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { formatLongDate } from "@/lib/time/format";

type Params = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  const procedure = await getProcedureForReading(slug);
  return { title: procedure ? `${procedure.version.title} — paper checklist` : "Checklist" };
}

/** What one printed sheet shows, from the current version or from a run's pinned version. */
interface Sheet {
  code: string | null;
  number: number;
  title: string;
  purpose: string;
  cadence: Cadence;
  roles: ExchangeRole[];
  items: ReadingItem[];
  tools: { id: string; command: string; purpose: string; tool: { name: string } }[];
  /** For a run: its server and day, and the items left out for that server's roles. */
  run: { serverName: string | null; serverRoles: ExchangeRole[]; localDate: string; leftOut: ReadingItem[] } | null;
}

/** A command as paper shows it: filled in, with ‹name› where a value is not set. */
function PrintedCommand({ command, context }: { command: string; context: PlaceholderContext | null }) {
  return (
    <>
      {renderCommand(command, context).map((r, i) => (
        <code key={i} className="mt-1 block whitespace-pre-wrap break-all font-mono text-[11px]" data-testid="printed-command">
          {r.segments.map((s, j) => (s.kind === "missing" ? <MissingChip key={j} label={s.label} /> : <span key={j}>{s.text}</span>))}
        </code>
      ))}
    </>
  );
}

/**
 * The paper form of a procedure, laid out like Microsoft's Exchange operations checklists:
 * "Prepared by" and "Date" lines, a Completed box per task, and a value / time table for each
 * measured counter. With ?run=<id> it is that run's form: the version the run is pinned to, the
 * run's server and day filled in, its commands and items written for that server, and the items
 * that do not apply to the server's roles left out (and listed as such).
 */
export default async function PrintChecklistPage({ params, searchParams }: Params) {
  const { slug } = await params;
  const runParam = (await searchParams).run;
  const runId = typeof runParam === "string" && runParam.length <= 64 ? runParam : undefined;
  const user = await requirePage("/procedures/[slug]/print", `/procedures/${slug}/print${runId ? `?run=${encodeURIComponent(runId)}` : ""}`);
  // A run's sheet is for whoever may read the run; to anyone else it does not exist.
  if (runParam !== undefined && (!runId || !can(user.role, "run:read"))) notFound();
  const settings = await getOrganisationSettings();

  let sheet: Sheet;
  let context: PlaceholderContext;
  if (runId) {
    const run = await getRunForPrint(runId);
    if (!run || run.slug !== slug) notFound();
    context = await placeholderContextForServer(run.server?.id ?? null);
    sheet = {
      code: run.code,
      ...run.version,
      items: run.items,
      run: { serverName: run.server?.name ?? null, serverRoles: run.server?.roles ?? [], localDate: run.localDate, leftOut: run.leftOut },
    };
  } else {
    const procedure = await getProcedureForReading(slug);
    if (!procedure) notFound();
    context = await placeholderContextForServer(null);
    const v = procedure.version;
    sheet = { code: procedure.code, number: v.number, title: v.title, purpose: v.purpose, cadence: v.cadence, roles: v.roles, items: v.items, tools: v.tools, run: null };
  }
  const measured = sheet.items.filter((i) => i.kind === "NUMBER");
  const tasks = sheet.items.filter((i) => i.kind !== "NUMBER");
  const commands = sheet.tools.filter((t) => t.command);

  return (
    <div className="mx-auto max-w-3xl bg-white p-6 text-black shadow-sm print:max-w-none print:p-0 print:shadow-none">
      <div className="no-print mb-6 flex flex-wrap gap-2">
        <PrintButton />
        {sheet.run ? (
          <Link href={`/runs/${runId}`} className={buttonClass.secondary}>
            Back to the run
          </Link>
        ) : (
          <Link href={`/procedures/${slug}`} className={buttonClass.secondary}>
            Back to the procedure
          </Link>
        )}
      </div>

      <header className="border-b-2 border-black pb-3">
        <p className="text-xs uppercase tracking-wide">
          {settings.name} · {CADENCE_LABELS[sheet.cadence]} operations checklist{sheet.code ? ` · ${sheet.code}` : ""} · version {sheet.number}
        </p>
        <h1 className="mt-1 text-2xl font-bold">
          {sheet.title}
          {sheet.run?.serverName ? ` — ${sheet.run.serverName}` : ""}
        </h1>
        <p className="mt-1 text-sm">{sheet.purpose}</p>
        <p className="mt-1 text-xs">Applies to: {sheet.roles.length ? sheet.roles.map((r) => EXCHANGE_ROLE_LABELS[r]).join(", ") : "the organisation"}</p>
      </header>

      <table className="mt-4 w-full text-sm" aria-label="Form header">
        <tbody>
          <tr>
            <th scope="row" className="w-28 py-2 text-left font-semibold">Prepared by</th>
            <td className="border-b border-black">&nbsp;</td>
            <th scope="row" className="w-16 py-2 pl-4 text-left font-semibold">Date</th>
            <td className="w-40 border-b border-black" data-testid="sheet-date">{sheet.run ? formatLongDate(sheet.run.localDate) : "\u00a0"}</td>
          </tr>
          <tr>
            <th scope="row" className="py-2 text-left font-semibold">Server</th>
            <td className="border-b border-black" data-testid="sheet-server">{sheet.run?.serverName ?? "\u00a0"}</td>
            <th scope="row" className="py-2 pl-4 text-left font-semibold">Time</th>
            <td className="border-b border-black">&nbsp;</td>
          </tr>
        </tbody>
      </table>

      {sheet.run && sheet.run.leftOut.length > 0 && (
        <section className="mt-4 border border-black p-2 text-xs" data-testid="left-out">
          <p className="font-semibold">
            {sheet.run.leftOut.length} {sheet.run.leftOut.length === 1 ? "item is" : "items are"} left out: they apply only to Exchange roles that{" "}
            {sheet.run.serverName} does not hold ({sheet.run.serverRoles.map((r) => EXCHANGE_ROLE_LABELS[r]).join(", ") || "no roles"}).
          </p>
          <ul className="mt-1 list-disc pl-5">
            {sheet.run.leftOut.map((item) => (
              <li key={item.id}>
                <PlaceholderText text={item.text} context={context} /> — {itemRolesLabel(item.roles)}
              </li>
            ))}
          </ul>
        </section>
      )}

      {tasks.length > 0 && (
        <section className="mt-6">
          <h2 className="text-base font-bold">Tasks</h2>
          <table className="mt-2 w-full border-collapse text-sm">
            <thead>
              <tr>
                <th scope="col" className="border border-black px-2 py-1 text-left">Task</th>
                <th scope="col" className="w-24 border border-black px-2 py-1 text-center">Completed</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((item) => (
                <tr key={item.id} className="break-inside-avoid">
                  <td className="border border-black px-2 py-2">
                    <PlaceholderText text={item.text} context={context} />
                    {!item.required && <span className="text-xs"> (optional)</span>}
                    {!sheet.run && <ItemRoles roles={item.roles} />}
                    {item.kind !== "CHECK" && <span className="mt-1 block text-xs italic">{expectation(item, settings.mailboxUsers)}: ______________________</span>}
                  </td>
                  <td className="border border-black text-center align-middle">
                    <span role="img" aria-label="Completed box" className="inline-block h-5 w-5 border-2 border-black" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {measured.length > 0 && (
        <section className="mt-6">
          <h2 className="text-base font-bold">Measured values</h2>
          <table className="mt-2 w-full border-collapse text-sm">
            <thead>
              <tr>
                <th scope="col" className="border border-black px-2 py-1 text-left">Counter</th>
                <th scope="col" className="border border-black px-2 py-1 text-left">Expected</th>
                <th scope="col" className="w-32 border border-black px-2 py-1 text-left">Measured value</th>
                <th scope="col" className="w-28 border border-black px-2 py-1 text-left">Time recorded</th>
              </tr>
            </thead>
            <tbody>
              {measured.map((item) => (
                <tr key={item.id} className="break-inside-avoid">
                  <td className="border border-black px-2 py-2">
                    <PlaceholderText text={item.text} context={context} />
                    {!sheet.run && <ItemRoles roles={item.roles} />}
                    {item.counter && (
                      <span className="block break-all font-mono text-[11px]">
                        <PlaceholderText text={item.counter} context={context} />
                      </span>
                    )}
                  </td>
                  <td className="border border-black px-2 py-2 text-xs">{expectation(item, settings.mailboxUsers)}</td>
                  <td className="border border-black px-2 py-2">&nbsp;</td>
                  <td className="border border-black px-2 py-2">&nbsp;</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {commands.length > 0 && (
        <section className="mt-6 break-inside-avoid text-sm" aria-labelledby="print-commands">
          <h2 id="print-commands" className="text-base font-bold">Commands</h2>
          {!sheet.run && <p className="text-xs">Values in ‹ › are filled in on the checklist printed from a run.</p>}
          <ul className="mt-2 space-y-2">
            {commands.map((use) => (
              <li key={use.id}>
                <span className="text-xs font-semibold">{use.tool.name}</span>
                {use.purpose && <span className="text-xs">: {use.purpose}</span>}
                <PrintedCommand command={use.command} context={context} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="mt-6 text-sm">
        <h2 className="text-base font-bold">Notes</h2>
        <div className="mt-2 h-24 border border-black" />
      </section>
    </div>
  );
}
