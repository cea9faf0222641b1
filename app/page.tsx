import { redirect } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";

/** The landing page: the library for now; each role gets its own start page as the work arrives. */
export default async function Home() {
  await requirePage("/");
  redirect("/procedures");
}
