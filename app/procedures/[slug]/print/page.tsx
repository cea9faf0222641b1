import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { expectation } from "@/components/procedures/checklist-table";
import { PrintButton } from "@/components/procedures/print-button";
import { buttonClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { getProcedureForReading } from "@/lib/procedures/queries";
import { CADENCE_LABELS, EXCHANGE_ROLE_LABELS } from "@/lib/procedures/vocabulary";
import { getOrganisationSettings } from "@/lib/settings/queries";

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  const procedure = await getProcedureForReading(slug);
  return { title: procedure ? `${procedure.version.title} — paper checklist` : "Checklist" };
}

/**
 * The paper form of a procedure, laid out like Microsoft's Exchange operations checklists:
 * "Prepared by" and "Date" lines, a Completed box per task, and a value / time table for each
 * measured counter.
 */
export default async function PrintChecklistPage({ params }: Params) {
  const { slug } = await params;
  await requirePage("/procedures/[slug]/print", `/procedures/${slug}/print`);
  const [procedure, settings] = await Promise.all([getProcedureForReading(slug), getOrganisationSettings()]);
  if (!procedure) notFound();
  const v = procedure.version;
  const measured = v.items.filter((i) => i.kind === "NUMBER");
  const tasks = v.items.filter((i) => i.kind !== "NUMBER");

  return (
    <div className="mx-auto max-w-3xl bg-white p-6 text-black shadow-sm print:max-w-none print:p-0 print:shadow-none">
      <div className="no-print mb-6 flex gap-2">
        <PrintButton />
        <Link href={`/procedures/${procedure.slug}`} className={buttonClass.secondary}>
          Back to the procedure
        </Link>
      </div>

      <header className="border-b-2 border-black pb-3">
        <p className="text-xs uppercase tracking-wide">
          {settings.name} · {CADENCE_LABELS[v.cadence]} operations checklist{procedure.code ? ` · ${procedure.code}` : ""} · version {v.number}
        </p>
        <h1 className="mt-1 text-2xl font-bold">{v.title}</h1>
        <p className="mt-1 text-sm">{v.purpose}</p>
        <p className="mt-1 text-xs">
          Applies to: {v.roles.length ? v.roles.map((r) => EXCHANGE_ROLE_LABELS[r]).join(", ") : "the organisation"}
        </p>
      </header>

      <table className="mt-4 w-full text-sm" aria-label="Form header">
        <tbody>
          <tr>
            <th scope="row" className="w-28 py-2 text-left font-semibold">Prepared by</th>
            <td className="border-b border-black">&nbsp;</td>
            <th scope="row" className="w-16 py-2 pl-4 text-left font-semibold">Date</th>
            <td className="w-40 border-b border-black">&nbsp;</td>
          </tr>
          <tr>
            <th scope="row" className="py-2 text-left font-semibold">Server</th>
            <td className="border-b border-black">&nbsp;</td>
            <th scope="row" className="py-2 pl-4 text-left font-semibold">Time</th>
            <td className="border-b border-black">&nbsp;</td>
          </tr>
        </tbody>
      </table>

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
                    {item.text}
                    {!item.required && <span className="text-xs"> (optional)</span>}
                    {item.kind !== "CHECK" && <span className="mt-1 block text-xs italic">{expectation(item)}: ______________________</span>}
                  </td>
                  <td className="border border-black text-center align-middle">
                    <span aria-label="Completed box" className="inline-block h-5 w-5 border-2 border-black" />
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
                    {item.text}
                    {item.counter && <span className="block break-all font-mono text-[11px]">{item.counter}</span>}
                  </td>
                  <td className="border border-black px-2 py-2 text-xs">{expectation(item)}</td>
                  <td className="border border-black px-2 py-2">&nbsp;</td>
                  <td className="border border-black px-2 py-2">&nbsp;</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      <section className="mt-6 text-sm">
        <h2 className="text-base font-bold">Notes</h2>
        <div className="mt-2 h-24 border border-black" />
      </section>
    </div>
  );
}
