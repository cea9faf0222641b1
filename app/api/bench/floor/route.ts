import { userWith } from "@/lib/auth/guard";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/**
 * The smallest dynamic route handler, with the same sign-in check as the real handlers: the
 * benchmark's floor for handlers. Off (404) unless BENCH_ENDPOINTS=true.
 */
export async function GET() {
  if (!env().BENCH_ENDPOINTS) return new Response("Not found.", { status: 404 });
  const user = await userWith("procedure:read");
  if (!user) return new Response("Not found.", { status: 404 });
  return Response.json({ ok: true, user: user.id });
}
