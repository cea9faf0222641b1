// The production HTTP listener: Next.js's request handler behind a plain Node server, so the
// client address is taken from the connection (and only as many proxy hops as configured) rather
// than from a header the client wrote. Started by scripts/start.ts with PORT, HOST and
// TRUSTED_PROXY_HOPS in the environment. Plain JavaScript, so no TypeScript loader stays resident.
// Once listening it tells start.ts over the IPC channel, which then prints where the portal is.
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state.js";
import { clientAddress } from "../lib/http/forwarded.mjs";
import { listenProblem } from "./support/listen-problem.mjs";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";
const trustedHops = Number(process.env.TRUSTED_PROXY_HOPS ?? 0);

/**
 * Next.js answers 500 to two kinds of malformed requests before any of the portal's code runs: a
 * router-state header it cannot parse, and a server-action body React cannot decode. Neither is a
 * server fault, so the first header is dropped (the page renders in full) and the second answers
 * 400. The portal's actions never throw (lib/actions/define.ts returns every failure as data), so
 * an action request ending in 500 can only be the framework refusing its envelope.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
function refuseMalformed(req, res) {
  const state = req.headers["next-router-state-tree"];
  if (state !== undefined) {
    try {
      parseAndValidateFlightRouterState(Array.isArray(state) ? state[0] : state);
    } catch {
      delete req.headers["next-router-state-tree"];
    }
  }
  if (req.headers["next-action"] !== undefined) {
    const writeHead = res.writeHead.bind(res);
    res.writeHead = (status, ...rest) => writeHead(status >= 500 && status !== 503 ? 400 : status, ...rest);
  }
}

const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
const server = createServer((req, res) => {
  req.headers["x-forwarded-for"] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedHops);
  delete req.headers["x-real-ip"];
  refuseMalformed(req, res);
  void handle(req, res);
});
// start.ts checked the address before building, but another process may have taken it since.
server.once("error", (error) => {
  console.error(listenProblem(error, hostname, port) ?? `Opsbook: the server could not listen on ${hostname}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  // The channel is let go once the message is out: it has no other use.
  if (process.send) process.send({ ready: true }, () => process.connected && process.disconnect());
  else console.log(`Opsbook: listening on http://${hostname}:${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
