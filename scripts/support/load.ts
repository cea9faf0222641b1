// A small closed-loop load driver over loopback: N connections, each sending its next request as
// soon as the previous answer arrived, for a fixed time. Every latency is kept, so percentiles are
// exact. Keep-alive sockets, like a browser's.
import http from "node:http";
import { performance } from "node:perf_hooks";

export interface LoadRequest {
  method?: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Bodies of the answers, when asked for (to check what a mutation said). */
  bodies: string[];
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function send(agent: http.Agent, base: URL, request: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: base.hostname, port: base.port, method: request.method ?? "GET", path: request.path, headers: { ...request.headers, ...(request.body ? { "Content-Length": String(request.body.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    if (request.body) req.write(request.body);
    req.end();
  });
}

/**
 * Drives `next()` requests over `connections` sockets for `seconds`. `next` returns null when it
 * has nothing more to send (the connection then stops). `ok` decides whether an answer counts.
 */
export async function drive(options: {
  url: string;
  connections: number;
  seconds: number;
  next: () => LoadRequest | null;
  ok?: (status: number, body: string) => boolean;
  keepBodies?: boolean;
}): Promise<LoadResult> {
  const base = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const bodies: string[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const ok = options.ok ?? ((status) => status >= 200 && status < 300);
  async function loop() {
    while (performance.now() < deadline) {
      const request = options.next();
      if (!request) return;
      const t = performance.now();
      try {
        const answer = await send(agent, base, request);
        latencies.push(performance.now() - t);
        if (!ok(answer.status, answer.body)) errors += 1;
        if (options.keepBodies) bodies.push(answer.body);
      } catch {
        errors += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: options.connections }, loop));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), bodies };
}

/** A server action call as React sends it: the form's fields, then the argument list. */
export function serverActionBody(fields: Record<string, string>): { body: Buffer; contentType: string } {
  const boundary = `----opsbook${Math.random().toString(16).slice(2)}`;
  const parts: string[] = [];
  const add = (name: string, value: string) => parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  for (const [key, value] of Object.entries(fields)) add(`_1_${key}`, value);
  add("0", JSON.stringify([null, "$K1"]));
  parts.push(`--${boundary}--\r\n`);
  return { body: Buffer.from(parts.join(""), "utf8"), contentType: `multipart/form-data; boundary=${boundary}` };
}
