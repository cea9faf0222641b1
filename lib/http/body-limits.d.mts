export type RouteKind = "auth" | "api" | "import" | "editor" | "form";
export interface BodyLimit {
  kind: RouteKind;
  bytes: number;
}
/** The procedure import's upload ceiling (equal to IMPORT_LIMITS.uploadBytes). */
export const IMPORT_UPLOAD_BYTES: number;
/** Body limit in bytes per kind of route. */
export const BODY_LIMITS: Readonly<Record<RouteKind, number>>;
/** The largest of BODY_LIMITS (Next.js's server-action limit matches it). */
export const LARGEST_BODY: number;
/** The kind of route a request target (path and query, or an absolute URL) goes to. */
export function routeKind(url: string): RouteKind;
/** The body limit of a request target, with its kind. */
export function bodyLimit(url: string): BodyLimit;
/** "128 kB", "4.5 MB". */
export function formatSize(bytes: number): string;
/** The 413 answer for a body over `limit`: JSON under /api, plain text elsewhere. */
export function tooLargeResponse(limit: BodyLimit): { status: 413; contentType: string; body: string };
