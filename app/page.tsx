import { redirect } from "next/navigation";
import { requirePage } from "@/lib/auth/guard";
import { can } from "@/lib/auth/policy";

/** The landing page: the dashboard for managers, the day's work for operators, the library for new hires. */
export default async function Home() {
  const user = await requirePage("/");
  redirect(can(user.role, "dashboard:read") ? "/dashboard" : can(user.role, "run:read") ? "/today" : "/procedures");
}
