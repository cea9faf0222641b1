// Which address a request came from. Next.js keeps an X-Forwarded-For header it receives and only
// fills it in when absent, so a client talking to the portal directly could name any address it
// liked (in the audit trail and the per-address sign-in throttle). The portal's own HTTP listener
// (scripts/server.ts) therefore replaces the header before Next.js sees it, trusting exactly as many
// proxy hops as TRUSTED_PROXY_HOPS says.

/**
 * The client address for a request that arrived from `socketAddress` carrying `forwardedFor`.
 * With no trusted proxy the socket is the client. With N trusted proxies in front, each appended
 * the address it saw, so the client is the N-th entry from the right once the socket is appended;
 * anything further left was written by the client and is ignored.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops: number): string {
  const socket = normalise(socketAddress ?? "") || "unknown";
  if (trustedHops <= 0) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [...header.split(",").map((s) => normalise(s.trim())).filter(Boolean), socket];
  // Fewer entries than trusted hops: the request skipped a proxy; the leftmost is the best known.
  return chain[Math.max(0, chain.length - 1 - trustedHops)]!;
}

function normalise(address: string): string {
  return address.replace(/^::ffff:/, "").slice(0, 100);
}
