// Where the browser goes after signing in (or out). Pure: the sign-in form, the login page, the
// auth route handler and next-auth's redirect callback all call it, and unit tests run it as is.

/** next-auth's callback-url cookie, over http and behind https. */
export const CALLBACK_URL_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"] as const;

/** A longer target is refused, not cut: nothing the portal links to comes near it. */
export const MAX_CALLBACK_TARGET_LENGTH = 2_000;

// C0 controls and DEL. The URL parser silently drops tab, CR and LF and trims the rest at the ends,
// which is how "/\t/evil.example" turns into "//evil.example"; a target holding any is refused.
const CONTROL = /[\u0000-\u001f\u007f]/;
// An absolute URL starts with a scheme; anything else must be a path from the root.
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * True when the path could be read as naming another host: a second slash or a backslash after
 * the first, also once its ASCII percent-escapes are decoded and the characters a URL parser drops
 * (controls, spaces) are removed, as a server or proxy decoding the path once might see it.
 */
function startsAnotherHost(path: string): boolean {
  const decoded = path.replace(/%([0-7][0-9a-f])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return /^\/[/\\]/.test(path) || /^\/[/\\]/.test(decoded.replace(/[\u0000-\u0020\u007f]/g, ""));
}

/**
 * Resolves `target` to a path of the portal at `origin`: "/path?query#fragment". The target is
 * parsed against the origin by the WHATWG URL parser, exactly as a browser parses it, so dot
 * segments, backslashes and percent-encoded dots are resolved by the parser, not by string
 * handling here. The parsed URL must have the portal's origin, and the path it yields must start
 * with a single "/"; anything else (another origin or scheme, a protocol-relative or "/\" target,
 * control characters, over-long input, a non-string) resolves to "/".
 */
export function resolveCallbackTarget(target: unknown, origin: string): string {
  if (typeof target !== "string" || target.length === 0 || target.length > MAX_CALLBACK_TARGET_LENGTH) return "/";
  if (CONTROL.test(target)) return "/";
  if (!target.startsWith("/") && !SCHEME.test(target)) return "/";
  let portal: string;
  let parsed: URL;
  try {
    portal = new URL(origin).origin;
    parsed = new URL(target, portal);
  } catch {
    return "/";
  }
  // An opaque origin ("null": file:, data:, javascript: …) never equals a portal's http(s) origin.
  if (portal === "null" || parsed.origin !== portal) return "/";
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  if (!path.startsWith("/") || startsAnotherHost(path)) return "/";
  return path;
}

/**
 * True when `value` is already in a form the portal writes for a callback target: the resolved
 * path, the portal's origin followed by it (what next-auth stores in its callback-url cookie), or
 * the bare origin (next-auth's default). Any other value is dropped before next-auth reads it.
 */
export function isResolvedCallbackTarget(value: string, origin: string): boolean {
  const path = resolveCallbackTarget(value, origin);
  let portal: string;
  try {
    portal = new URL(origin).origin;
  } catch {
    return false;
  }
  return value === path || value === `${portal}${path}` || (path === "/" && value === portal);
}
