import { checkHealth, healthStatusCode } from "@/lib/health/queries";

export const dynamic = "force-dynamic";

/** Liveness: 200 or 503 by the process and its database alone; dependencies are in the body (decision 023). */
export async function GET() {
  const health = await checkHealth();
  return Response.json(health, {
    status: healthStatusCode(health),
    headers: { "Cache-Control": "no-store" },
  });
}
