import type { Metadata } from "next";
import Link from "next/link";
import { CadenceBadge } from "@/components/procedures/badges";
import { MatrixTable } from "@/components/training/matrix-table";
import { ReadingListButton } from "@/components/training/reading-list-button";
import { buttonClass, cardClass, inputClass, labelClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { isRole, ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { addToReadingListAction, removeFromReadingListAction } from "@/lib/training/actions";
import { getReadingListEditor, getTrainingMatrix, type ReadingListEditorRow } from "@/lib/training/queries";
import { ROLE_PLURAL } from "@/lib/training/reading-list";
import { parseMatrixFilter } from "@/lib/training/schemas";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: single((await searchParams).view) === "lists" ? "Reading lists" : "Training matrix" };
}

export default async function TrainingMatrixPage({ searchParams }: Props) {
  await requirePage("/training/matrix");
  const params = await searchParams;
  const lists = single(params.view) === "lists";
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">{lists ? "Reading lists" : "Training matrix"}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          {lists
            ? "Each role reads the procedures of the work scheduled for it. Add a procedure to a role's list or take one off; people also read whatever is assigned to them by name."
            : "Who has read and understood which procedure: the version acknowledged and when. Outdated means a newer version was published since; missing means never acknowledged."}
        </p>
      </div>
      <nav aria-label="Training administration" className="flex gap-1 border-b border-slate-200">
        <Tab href="/training/matrix" current={!lists}>
          Matrix
        </Tab>
        <Tab href="/training/matrix?view=lists" current={lists}>
          Reading lists
        </Tab>
      </nav>
      {lists ? <ReadingLists role={single(params.role)} /> : <Matrix params={params} />}
    </div>
  );
}

function Tab({ href, current, children }: { href: string; current: boolean; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${current ? "border-brand-700 text-brand-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
    >
      {children}
    </Link>
  );
}

async function Matrix({ params }: { params: Record<string, string | string[] | undefined> }) {
  const filter = parseMatrixFilter(params);
  const [matrix, { timeZone }] = await Promise.all([getTrainingMatrix(filter), getOrganisationSettings()]);
  const query = filter.role ? `?role=${filter.role}` : "";
  const who = filter.role ? `active ${ROLE_PLURAL[filter.role]}` : "active people";
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <form method="get" action="/training/matrix" className="flex flex-wrap items-end gap-2" aria-label="Filter the matrix">
          <div>
            <label htmlFor="role" className={labelClass}>
              Role
            </label>
            <select id="role" name="role" defaultValue={filter.role ?? ""} className={`${inputClass} w-56`}>
              <option value="">Everyone</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className={buttonClass.secondary}>
            Show
          </button>
        </form>
        <a href={`/api/training/matrix${query}`} className={buttonClass.secondary} download>
          Export CSV
        </a>
      </div>
      <div className={`${cardClass} overflow-x-auto`}>
        {matrix.users.length === 0 || matrix.procedures.length === 0 ? (
          <p className="p-6 text-sm text-slate-600">
            {matrix.users.length === 0 ? `No ${who}.` : `Nothing is on the reading lists of the ${who}.`}
          </p>
        ) : (
          <MatrixTable
            matrix={matrix}
            timeZone={timeZone}
            caption={`Training matrix: ${matrix.procedures.length} procedures on the reading lists of ${matrix.users.length} ${who}`}
          />
        )}
      </div>
    </>
  );
}

async function ReadingLists({ role: asked }: { role: string | undefined }) {
  const role: Role = isRole(asked) ? asked : "OPERATOR";
  const editor = await getReadingListEditor(role);
  const plural = ROLE_PLURAL[role];
  return (
    <>
      <nav aria-label="Roles" className="flex flex-wrap gap-2">
        {ROLES.map((r) => (
          <Link
            key={r}
            href={`/training/matrix?view=lists&role=${r}`}
            aria-current={r === role ? "page" : undefined}
            className={`rounded-full px-3 py-1 text-sm font-medium ring-1 ring-inset ${r === role ? "bg-brand-700 text-white ring-brand-700" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50"}`}
          >
            {ROLE_LABELS[r]}
          </Link>
        ))}
      </nav>
      <section aria-labelledby="list-heading" className={`${cardClass} overflow-x-auto`}>
        <h2 id="list-heading" className="px-5 pt-4 text-lg font-semibold">
          The {plural}&apos; reading list ({editor.count} {editor.count === 1 ? "procedure" : "procedures"})
        </h2>
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">Every published procedure and whether it is on the {plural}&apos; reading list</caption>
          <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-5 py-2">
                Procedure
              </th>
              <th scope="col" className="px-3 py-2">
                Cadence
              </th>
              <th scope="col" className="px-3 py-2">
                On the list
              </th>
              <th scope="col" className="px-3 py-2">
                Change
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200">
            {editor.rows.map((row) => (
              <tr key={row.id} className="align-top" data-testid="reading-list-row">
                <th scope="row" className="px-5 py-2 font-normal">
                  <Link href={`/procedures/${row.slug}`} className="font-medium text-brand-700 hover:underline">
                    {row.title}
                  </Link>
                  {row.code && <span className="block text-xs text-slate-600">{row.code}</span>}
                </th>
                <td className="px-3 py-2">
                  <CadenceBadge cadence={row.cadence} />
                </td>
                <td className="px-3 py-2">
                  <ListState row={row} plural={plural} />
                </td>
                <td className="px-3 py-2">
                  <ReadingListButton
                    action={row.state.onList ? removeFromReadingListAction : addToReadingListAction}
                    role={role}
                    procedureId={row.id}
                    label={row.state.onList ? "Remove" : "Add"}
                    description={row.state.onList ? `Remove ${row.title} from the ${plural}' reading list` : `Add ${row.title} to the ${plural}' reading list`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

function ListState({ row, plural }: { row: ReadingListEditorRow; plural: string }) {
  const { onList, byDefault } = row.state;
  const main = onList
    ? byDefault
      ? "Yes, scheduled for this role"
      : "Yes, added by a manager"
    : byDefault
      ? "No, taken off (scheduled for this role)"
      : "No";
  return (
    <span className={onList ? "font-medium text-slate-900" : "text-slate-600"}>
      {main}
      {row.personal > 0 && (
        <span className="block text-xs font-normal text-slate-600">
          Assigned by name to {row.personal} of the {plural}, who read it either way
        </span>
      )}
    </span>
  );
}
