// Runs a route handler the way Next.js's app-route module does for one request: inside a real
// request store (so next/headers' cookies() and headers() answer, and cookies the handler sets are
// visible to later reads) and with those cookies merged into the response afterwards. next-auth's
// route handler reads the request's cookies and headers only through next/headers.
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";

// Next.js's server installs this global before it loads its request storage; so does this harness,
// which must therefore be imported before anything that loads next/headers.
(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;

const load = createRequire(import.meta.url);
const { workAsyncStorage } = load("next/dist/server/app-render/work-async-storage.external.js") as {
  workAsyncStorage: { run<T>(store: unknown, fn: () => T): T };
};
const { workUnitAsyncStorage } = load("next/dist/server/app-render/work-unit-async-storage.external.js") as {
  workUnitAsyncStorage: { run<T>(store: unknown, fn: () => T): T };
};
const { createRequestStoreForAPI } = load("next/dist/server/async-storage/request-store.js") as {
  createRequestStoreForAPI: (req: { headers: Record<string, string> }, url: { pathname: string; search: string }, implicitTags: unknown, onUpdateCookies: undefined, previewProps: unknown) => { mutableCookies: unknown };
};
const { appendMutableCookies } = load("next/dist/server/web/spec-extension/adapters/request-cookies.js") as {
  appendMutableCookies: (headers: Headers, cookies: unknown) => boolean;
};

export async function inRouteRequest(request: Request, handle: () => Promise<Response>): Promise<Response> {
  const url = new URL(request.url);
  const requestStore = createRequestStoreForAPI(
    { headers: Object.fromEntries(request.headers) },
    { pathname: url.pathname, search: url.search },
    { tags: [], expirationsByCacheKind: new Map() },
    undefined,
    { previewModeId: "", previewModeEncryptionKey: "", previewModeSigningKey: "" },
  );
  const workStore = { route: url.pathname, page: url.pathname, forceStatic: false, dynamicShouldError: false, isStaticGeneration: false };
  const response = await workAsyncStorage.run(workStore, () => workUnitAsyncStorage.run(requestStore, handle));
  const headers = new Headers(response.headers);
  if (!appendMutableCookies(headers, requestStore.mutableCookies)) return response;
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
