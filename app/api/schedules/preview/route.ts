import { userWith } from "@/lib/auth/guard";
import { previewResponse } from "@/lib/scheduling/preview";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  // The permission comes first: nothing of an anonymous request's body is read.
  if (!(await userWith("schedule:manage"))) return Response.json({ ok: false, error: "Not found." }, { status: 404 });
  return previewResponse(request);
}
