import type { Metadata } from "next";
import Link from "next/link";
import { ChangeForm, EMPTY_CHANGE } from "@/components/changes/change-form";
import { cardClass } from "@/components/ui/styles";
import { requirePage } from "@/lib/auth/guard";
import { createChangeAction } from "@/lib/changes/actions";
import { listServerChoices } from "@/lib/changes/queries";
import { getOrganisationSettings } from "@/lib/settings/queries";

export const metadata: Metadata = { title: "Record a change" };

export default async function NewChangePage() {
  await requirePage("/changes/new");
  const [servers, settings] = await Promise.all([listServerChoices(), getOrganisationSettings()]);
  return (
    <div className="space-y-5">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/changes" className="text-brand-700 underline">
          Changes
        </Link>{" "}
        <span aria-hidden="true">›</span> New
      </nav>
      <div>
        <h1 className="text-2xl font-semibold">Record a change</h1>
        <p className="mt-1 text-sm text-slate-600">It is saved as a draft that only you can edit; submit it from its page when it is ready.</p>
      </div>
      <section className={`${cardClass} max-w-4xl p-5`}>
        <ChangeForm action={createChangeAction} values={EMPTY_CHANGE} servers={servers} timeZone={settings.timeZone} />
      </section>
    </div>
  );
}
