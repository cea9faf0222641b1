// Rules the proxy applies to every request before Next.js renders anything: the
// Content-Security-Policy, HSTS behind HTTPS, and refusing writes that come from another site.
// Pure functions of the request's method and headers, so they are unit-tested on their own.

/** A fresh, unguessable nonce for one response (128 bits, base64). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The policy for one response. Scripts run only from this origin and only when they carry the
 * response's nonce (Next.js adds it to its own scripts); nothing may frame the portal, post forms
 * elsewhere or load plugins. Styles: the stylesheet and nonce-carrying style elements, plus style
 * attributes (a progress bar's width), which cannot run code.
 */
export function contentSecurityPolicy(nonce: string, options: { development: boolean; https: boolean }): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic' lets the nonce-carrying bootstrap load the page's chunks; the development
    // server also evaluates code for its error overlay and fast refresh.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // The development server injects style elements without a nonce.
    options.development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Two years, the usual preload value; sent only when the portal is reached over HTTPS. */
export const HSTS_VALUE = "max-age=63072000; includeSubDomains";

type HeaderGetter = (name: string) => string | null;

/** True when the request reached the portal over HTTPS, directly or through a reverse proxy. */
export function isHttps(protocol: string, get: HeaderGetter): boolean {
  if (protocol === "https:") return true;
  return get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a request must be refused as cross-site, or null when it may go on.
 * - Writes (any method but GET/HEAD/OPTIONS: server actions, sign-in, sign-out) must come from a
 *   page of this origin: a browser's Sec-Fetch-Site must be "same-origin" (or "none", typed by
 *   the user), and an Origin header, when sent, must name this host.
 * - Reads of the data handlers under /api (exports, previews) must not be made by another site's
 *   page either; a link followed from e-mail or a bookmark carries "none" and still works.
 * Clients that send neither header (scripts, curl) are not browsers acting for a signed-in user,
 * and still need a valid session cookie.
 */
export function crossSiteRefusal(
  request: { method: string; pathname: string; host: string | null },
  get: HeaderGetter,
  allowedOrigins: readonly string[] = [],
): string | null {
  const fetchSite = get("sec-fetch-site")?.toLowerCase() ?? null;
  const write = !SAFE_METHODS.has(request.method.toUpperCase());
  const dataHandler = request.pathname.startsWith("/api/") && !request.pathname.startsWith("/api/health");
  if (!write && !dataHandler) return null;

  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    return `A ${fetchSite} request was refused: Opsbook accepts this only from its own pages.`;
  }
  if (write) {
    const origin = get("origin");
    if (origin !== null && !originMatches(origin, request.host, allowedOrigins)) {
      return "A request from another site was refused: Opsbook accepts changes only from its own pages.";
    }
  }
  return null;
}

function originMatches(origin: string, host: string | null, allowedOrigins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and garbage
  }
  if (host !== null && parsed.host.toLowerCase() === host.toLowerCase()) return true;
  return allowedOrigins.some((allowed) => {
    try {
      return new URL(allowed).origin === parsed.origin;
    } catch {
      return false;
    }
  });
}

/** The session cookie's names: plain over HTTP, with the __Secure- prefix behind HTTPS. */
export const SESSION_COOKIE_NAMES = ["next-auth.session-token", "__Secure-next-auth.session-token"] as const;
