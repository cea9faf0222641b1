// Request-body limits by kind of route (lib/http/body-limits.mjs) and how the portal's listener
// enforces them (scripts/support/listener.mjs), driven over loopback with a stand-in for Next.js's
// handler that records what reached it. The same limits against the real server are in
// tests/integration/start.test.ts.
import { createRequire } from "node:module";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMITS, IMPORT_UPLOAD_BYTES, LARGEST_BODY, bodyLimit, formatSize, routeKind, tooLargeResponse } from "@/lib/http/body-limits.mjs";
import { IMPORT_LIMITS } from "@/lib/procedures/files";
import { createRequestListener } from "../../scripts/support/listener.mjs";

const require = createRequire(import.meta.url);

describe("the limits table", () => {
  it("gives each kind of route its figure", () => {
    expect(BODY_LIMITS).toEqual({ auth: 8 * 1024, api: 16 * 1024, import: 4.5 * 1024 * 1024, editor: 1024 * 1024, form: 128 * 1024 });
    expect(LARGEST_BODY).toBe(BODY_LIMITS.import);
  });

  it("sizes the import from the importer's own upload limit, and Next.js's action limit matches it", () => {
    expect(IMPORT_UPLOAD_BYTES).toBe(IMPORT_LIMITS.uploadBytes);
    expect(BODY_LIMITS.import).toBeGreaterThan(IMPORT_LIMITS.uploadBytes);
    const config = require("../../next.config.js") as { experimental: { serverActions: { bodySizeLimit: string | number } } };
    // Parsed as Next.js parses it.
    const bytes = require("next/dist/compiled/bytes") as { parse: (value: string | number) => number };
    expect(bytes.parse(config.experimental.serverActions.bodySizeLimit)).toBe(LARGEST_BODY);
  });

  it.each([
    ["/api/auth/callback/credentials", "auth"],
    ["/api/auth/session?x=1", "auth"],
    ["/api/auth", "auth"],
    ["/API/Auth/signin", "auth"],
    ["/api/%61uth/signin", "auth"],
    ["/api/x/../auth/csrf", "auth"],
    ["http://portal.example/api/auth/csrf", "auth"],
    ["/api/schedules/preview", "api"],
    ["/api", "api"],
    ["/Api/health", "api"],
    ["/procedures/import", "import"],
    ["/procedures/import?step=2", "import"],
    ["/procedures/x/../import", "import"],
    ["/procedures/import/", "form"],
    ["/Procedures/Import", "form"],
    ["/procedures/importer", "form"],
    ["/procedures/new", "editor"],
    ["/procedures/check-queues/edit", "editor"],
    ["/procedures/check-queues/edit/more", "form"],
    ["/procedures/check-queues", "form"],
    ["/", "form"],
    ["/runs/abc", "form"],
    ["/%E0%A4%A", "form"],
    ["*", "form"],
  ] as const)("%s is a %s route", (url, kind) => {
    expect(routeKind(url)).toBe(kind);
  });

  it("refuses in one sentence: JSON under /api, plain text on pages", () => {
    expect(formatSize(128 * 1024)).toBe("128 kB");
    expect(formatSize(4.5 * 1024 * 1024)).toBe("4.5 MB");
    expect(formatSize(1024 * 1024)).toBe("1 MB");
    const api = tooLargeResponse(bodyLimit("/api/schedules/preview"));
    expect(api.status).toBe(413);
    expect(api.contentType).toBe("application/json");
    expect(JSON.parse(api.body)).toEqual({ error: "The request is too large: this address accepts at most 16 kB." });
    const page = tooLargeResponse(bodyLimit("/procedures/import"));
    expect(page.contentType).toMatch(/^text\/plain/);
    expect(page.body).toBe("The request is too large: this page accepts at most 4.5 MB.\n");
  });
});

// ---------------------------------------------------------------------------------------------
// The listener, with a stand-in handler

interface Seen {
  url: string;
  bytes: number;
  ended: boolean;
}

let server: Server;
let port: number;
const seen: Seen[] = [];

beforeAll(async () => {
  // Reads the whole body, then says how much arrived; records what it saw either way.
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const entry: Seen = { url: req.url ?? "", bytes: 0, ended: false };
    seen.push(entry);
    req.on("data", (chunk: Buffer) => (entry.bytes += chunk.length));
    req.on("error", () => {});
    req.on("end", () => {
      entry.ended = true;
      res.setHeader("Content-Type", "text/plain");
      res.end(`read ${entry.bytes}`);
    });
  };
  const listener = createRequestListener({ handle, trustedHops: 0, logError: () => {} });
  server = createServer(listener);
  server.on("checkContinue", listener.checkContinue);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

interface Answer {
  status: number;
  body: string;
  headers: IncomingMessage["headers"];
  /** Whether the server asked for the body (100 Continue). */
  continued: boolean;
}

/**
 * Sends a POST: with a Content-Length when `declared`, else chunked. The body goes out in pieces;
 * a server that answers early is read all the same (writing on may then fail, which is expected).
 */
function post(path: string, size: number, options: { declared: boolean; expect?: boolean; piece?: number }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { "Content-Type": "application/octet-stream" };
    if (options.declared) headers["Content-Length"] = size;
    if (options.expect) headers.Expect = "100-continue";
    const req = request({ host: "127.0.0.1", port, method: "POST", path, headers });
    let continued = false;
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body, headers: res.headers, continued }));
      res.on("error", reject);
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const piece = options.piece ?? 16 * 1024;
    let sent = 0;
    const sendMore = () => {
      if (answered || req.destroyed) return;
      if (sent >= size) return void req.end();
      const n = Math.min(piece, size - sent);
      sent += n;
      req.write(Buffer.alloc(n, 0x61), () => setImmediate(sendMore));
    };
    if (options.expect) req.on("continue", () => ((continued = true), sendMore()));
    else sendMore();
  });
}

const last = () => seen.at(-1);

describe("the listener holds each body to its route's limit", () => {
  it("passes a body within the limit whole to the handler", async () => {
    const before = seen.length;
    const answer = await post("/runs/1", BODY_LIMITS.form, { declared: true });
    expect(answer.status).toBe(200);
    expect(answer.body).toBe(`read ${BODY_LIMITS.form}`);
    expect(seen.length).toBe(before + 1);

    const chunked = await post("/runs/1", BODY_LIMITS.form, { declared: false });
    expect(chunked.body).toBe(`read ${BODY_LIMITS.form}`);
    expect(last()).toMatchObject({ bytes: BODY_LIMITS.form, ended: true });
  });

  it("refuses a declared length over the limit with 413 before the handler sees the request", async () => {
    const before = seen.length;
    const answer = await post("/runs/1", BODY_LIMITS.form + 1, { declared: true });
    expect(answer.status).toBe(413);
    expect(answer.headers["content-type"]).toMatch(/^text\/plain/);
    expect(answer.body).toBe("The request is too large: this page accepts at most 128 kB.\n");
    expect(seen.length).toBe(before);
  });

  it("drains a refused body already on its way, so a client that sends it all still reads the 413 instead of a reset", async () => {
    const before = seen.length;
    // A client sends its whole body before reading the answer; closing on unread data would reset it.
    const answer = await post("/runs/1", 5_500_000, { declared: true });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe("keep-alive");
    expect(seen.length).toBe(before);
  });

  it("answers JSON under /api, with the smaller limits of route handlers and next-auth", async () => {
    const api = await post("/api/schedules/preview", BODY_LIMITS.api + 1, { declared: true });
    expect(api.status).toBe(413);
    expect(api.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(api.body)).toEqual({ error: "The request is too large: this address accepts at most 16 kB." });
    expect((await post("/api/auth/callback/credentials", BODY_LIMITS.auth + 1, { declared: true })).status).toBe(413);
    expect((await post("/api/auth/callback/credentials", BODY_LIMITS.auth, { declared: true })).status).toBe(200);
  });

  it("cuts a chunked body off at the limit: the handler never gets its end, the client gets 413", async () => {
    const before = seen.length;
    const answer = await post("/runs/1", 4 * BODY_LIMITS.form, { declared: false, piece: 8 * 1024 });
    expect(answer.status).toBe(413);
    expect(answer.body).toBe("The request is too large: this page accepts at most 128 kB.\n");
    expect(seen.length).toBe(before + 1);
    const entry = last()!;
    expect(entry.bytes).toBeLessThanOrEqual(BODY_LIMITS.form);
    // The connection is closed after the answer; the handler's body never completes.
    await new Promise((r) => setTimeout(r, 200));
    expect(entry.ended).toBe(false);
  });

  it("gives the import page its larger limit and the editor its own", async () => {
    expect((await post("/procedures/import", BODY_LIMITS.form * 4, { declared: true, piece: 256 * 1024 })).status).toBe(200);
    expect((await post("/procedures/import", BODY_LIMITS.import + 1, { declared: true })).status).toBe(413);
    expect((await post("/procedures/runbook/edit", BODY_LIMITS.form * 4, { declared: true, piece: 256 * 1024 })).status).toBe(200);
    expect((await post("/procedures/runbook/edit", BODY_LIMITS.editor + 1, { declared: true })).status).toBe(413);
  });

  it("answers an oversized Expect: 100-continue request without asking for its body", async () => {
    const refused = await post("/runs/1", BODY_LIMITS.form + 1, { declared: true, expect: true });
    expect(refused.status).toBe(413);
    expect(refused.continued).toBe(false);
    const accepted = await post("/runs/1", 1000, { declared: true, expect: true });
    expect(accepted.continued).toBe(true);
    expect(accepted.body).toBe("read 1000");
  });
});
