// Which address a request came from. Next.js keeps an X-Forwarded-For header it receives and only
// fills it in when absent, so a client talking to the portal directly could name any address it
// liked (in the audit trail and the per-address sign-in throttle). The portal's own HTTP listener
// (scripts/server.mjs) therefore replaces the header before Next.js sees it, trusting exactly as
// many proxy hops as TRUSTED_PROXY_HOPS says. Plain JavaScript (typed in forwarded.d.mts): the
// listener runs without a TypeScript loader, which would cost ~85 MB of resident memory.

/**
 * The client address for a request that arrived from `socketAddress` carrying `forwardedFor`.
 * With no trusted proxy the socket is the client. With N trusted proxies in front, each appended
 * the address it saw, so the client is the N-th entry from the right once the socket is appended;
 * anything further left was written by the client and is ignored.
 * @param {string | undefined} socketAddress
 * @param {string | string[] | undefined} forwardedFor
 * @param {number} trustedHops
 * @returns {string}
 */
export function clientAddress(socketAddress, forwardedFor, trustedHops) {
  const socket = normalise(socketAddress ?? "") || "unknown";
  if (trustedHops <= 0) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [
    ...header
      .split(",")
      .map((s) => normalise(s.trim()))
      .filter(Boolean),
    socket,
  ];
  // Fewer entries than trusted hops: the request skipped a proxy; the leftmost is the best known.
  return chain[Math.max(0, chain.length - 1 - trustedHops)];
}

/** @param {string} address */
function normalise(address) {
  return address.replace(/^::ffff:/, "").slice(0, 100);
}
