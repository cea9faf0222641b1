import { userWith } from "@/lib/auth/guard";
import { previewSchedule } from "@/lib/scheduling/preview";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  if (!(await userWith("schedule:manage"))) return Response.json({ ok: false, error: "Not found." }, { status: 404 });
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ ok: false, error: "The request is not valid JSON.", fieldErrors: {} }, { status: 400 });
  }
  // The schedule form sends its fields as text (weekdays as a list of text); nothing else is read.
  const isField = (v: unknown) => typeof v === "string" || (Array.isArray(v) && v.every((x) => typeof x === "string"));
  if (!body || typeof body !== "object" || Array.isArray(body) || !Object.values(body).every(isField)) {
    return Response.json({ ok: false, error: "The request is not a schedule form.", fieldErrors: {} }, { status: 400 });
  }
  const result = await previewSchedule(body);
  return Response.json(result, { status: result.ok ? 200 : 422, headers: { "Cache-Control": "no-store" } });
}
