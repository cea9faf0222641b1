import type { Metadata } from "next";
import Link from "next/link";
import { MatrixTable } from "@/components/training/matrix-table";
import { ReadingListEditor } from "@/components/training/reading-list-editor";
import { buttonClass, cardClass, inputClass, labelClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { isRole, ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import { getOrganisationSettings } from "@/lib/settings/queries";
import { addManyToReadingListAction, addToReadingListAction, removeFromReadingListAction } from "@/lib/training/actions";
import { getReadingListEditor, getTrainingMatrix } from "@/lib/training/queries";
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
      <section aria-labelledby="list-heading" className={`${cardClass} pb-2`}>
        <h2 id="list-heading" className="px-5 pt-4 text-lg font-semibold">
          The {plural}&apos; reading list ({editor.count} {editor.count === 1 ? "procedure" : "procedures"})
        </h2>
        <ReadingListEditor
          role={role}
          plural={plural}
          rows={editor.rows.map((row) => ({
            id: row.id,
            slug: row.slug,
            code: row.code,
            title: row.title,
            cadence: row.cadence,
            onList: row.state.onList,
            byDefault: row.state.byDefault,
            personal: row.personal,
          }))}
          addAction={addToReadingListAction}
          removeAction={removeFromReadingListAction}
          addManyAction={addManyToReadingListAction}
        />
      </section>
    </>
  );
}

