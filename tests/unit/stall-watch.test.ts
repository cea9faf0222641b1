// The event-loop watch (scripts/support/stall-watch.mjs): a held loop is logged with the requests
// that were in progress, driven through the portal's real listener on loopback with a stand-in
// handler that holds the loop on purpose.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequestListener } from "../../scripts/support/listener.mjs";
import { requestsInProgress, stallThreshold, waitForQuiet, watchStalls } from "../../scripts/support/stall-watch.mjs";

/** Keeps the thread busy for `ms`, as a synchronous query or render would. */
function hold(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

let server: Server;
let port: number;

beforeAll(async () => {
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith("/slow")) {
      // Answered in the next turn, after holding the loop: the request is in progress meanwhile.
      setImmediate(() => {
        hold(150);
        res.end("done");
      });
    } else res.end("quick");
  };
  server = createServer(createRequestListener({ handle, trustedHops: 0, logError: () => {} }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("the event-loop watch", () => {
  it("logs a held loop with the request that held it, and forgets the request once answered", async () => {
    const lines: string[] = [];
    const stop = watchStalls({ thresholdMs: 80, log: (line) => lines.push(line) });
    try {
      await (await fetch(`http://127.0.0.1:${port}/quick`)).text();
      expect(lines).toEqual([]);
      const body = await (await fetch(`http://127.0.0.1:${port}/slow?secret=1`)).text();
      expect(body).toBe("done");
      await new Promise((r) => setTimeout(r, 50));
      expect(lines).toHaveLength(1);
      const match = /^Opsbook: the event loop was held for (\d+) ms \(requests: GET \/slow\)$/.exec(lines[0]!);
      expect(match, lines[0]).not.toBeNull();
      expect(Number(match![1])).toBeGreaterThanOrEqual(120);
      expect(requestsInProgress()).toEqual([]);
    } finally {
      stop();
    }
  });

  it("says nothing about short turns, and nothing once stopped", async () => {
    const lines: string[] = [];
    const stop = watchStalls({ thresholdMs: 200, log: (line) => lines.push(line) });
    hold(60);
    await new Promise((r) => setTimeout(r, 60));
    stop();
    hold(300);
    await new Promise((r) => setTimeout(r, 60));
    expect(lines).toEqual([]);
  });

  it("takes its threshold from STALL_LOG_MS: a default, a number of milliseconds, or off; anything else stops the start", () => {
    expect(stallThreshold(undefined)).toBe(250);
    expect(stallThreshold("")).toBe(250);
    expect(stallThreshold("100")).toBe(100);
    expect(stallThreshold("OFF")).toBeNull();
    for (const bad of ["9", "abc", "1.5", "-100", "600001", "1e9"]) expect(() => stallThreshold(bad), bad).toThrow(/STALL_LOG_MS/);
  });
});

describe("waiting for a quiet event loop", () => {
  it("resolves only after the loop has run free for the quiet time, counting from the last long turn", async () => {
    const started = performance.now();
    // Three long turns, 100 ms apart: the quiet second starts after the last.
    for (const at of [50, 150, 250]) setTimeout(() => hold(80), at);
    const result = await waitForQuiet({ quietMs: 300, stallMs: 50 });
    expect(result.settled).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250 + 80 + 300 - 20);
  });

  it("gives up after the longest wait when the loop never settles", async () => {
    const busy = setInterval(() => hold(70), 20);
    try {
      const result = await waitForQuiet({ quietMs: 300, stallMs: 50, maxMs: 500 });
      expect(result.settled).toBe(false);
      expect(result.waitedMs).toBeGreaterThanOrEqual(500);
    } finally {
      clearInterval(busy);
    }
  });
});
