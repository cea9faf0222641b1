import { notFound } from "next/navigation";
import { connection } from "next/server";
import { requirePage } from "@/lib/auth/guard";
import { env } from "@/lib/env";

/**
 * The smallest dynamic page the app can serve: the same layout, sign-in check and guard as every
 * page, and no data. The benchmark measures it as the floor the real pages are compared with.
 * Off (404) unless BENCH_ENDPOINTS=true.
 */
export default async function BenchFloorPage() {
  await connection();
  if (!env().BENCH_ENDPOINTS) notFound();
  const user = await requirePage("/bench/floor");
  return <p>Floor page for {user.name}.</p>;
}
