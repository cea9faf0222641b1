import { redirect } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";

/** The landing page: the day's work for those who do it, the library for new hires. */
export default async function Home() {
  const user = await requirePage("/");
  redirect(can(user.role, "run:read") ? "/today" : "/procedures");
}
