import type { Metadata } from "next";
import { SearchResults } from "@/components/search/search-results";
import { requirePage } from "@/lib/auth/guard";
import { searchPortal } from "@/lib/search/queries";

export const metadata: Metadata = { title: "Search" };

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePage("/search");
  const page = await searchPortal(user, (await searchParams).q);
  return <SearchResults page={page} />;
}
