import "server-only";
import { headers } from "next/headers";
import type { RequestInfo } from "@/lib/audit/write";

/** Client address and user agent of the current request, for the audit trail and throttling. */
export async function currentRequestInfo(): Promise<RequestInfo> {
  try {
    const h = await headers();
    return fromHeaders((name) => h.get(name));
  } catch {
    // Outside a request (CLI, seed, tests).
    return { ip: "local", userAgent: "opsbook" };
  }
}

export function fromHeaders(get: (name: string) => string | null | undefined): RequestInfo {
  // The portal's listener (scripts/server.mjs) puts the client address here, from the connection or
  // the trusted proxies (TRUSTED_PROXY_HOPS); a client cannot choose it.
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  const ip = forwarded || get("x-real-ip")?.trim() || "unknown";
  return { ip: ip.replace(/^::ffff:/, ""), userAgent: get("user-agent") ?? "" };
}
