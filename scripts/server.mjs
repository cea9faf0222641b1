// The production HTTP listener: Next.js's request handler behind a plain Node server, so the
// client address is taken from the connection (and only as many proxy hops as configured) rather
// than from a header the client wrote, request bodies are held to their route's limit before any
// of them is read, and an unreadable form post is answered 400 while a real fault stays a 5xx
// (scripts/support/listener.mjs). Started by scripts/start.ts with PORT, HOST and
// TRUSTED_PROXY_HOPS in the environment; a request that holds the event loop longer than
// STALL_LOG_MS is logged by name (scripts/support/stall-watch.mjs). Plain JavaScript, so no TypeScript loader stays resident.
// Once listening it tells start.ts over the IPC channel, which then prints where the portal is;
// the channel stays open, and the server stops when it closes (start.ts is gone, whatever killed it).
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state.js";
import { listenProblem } from "./support/listen-problem.mjs";
import { captureRequestErrors, createRequestListener } from "./support/listener.mjs";
import { HEARTBEAT_MS, stallThreshold, waitForQuiet, watchStalls } from "./support/stall-watch.mjs";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "127.0.0.1";
const trustedHops = Number(process.env.TRUSTED_PROXY_HOPS ?? 0);
const stallLogMs = stallThreshold(process.env.STALL_LOG_MS);


const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
// Next.js now loads every page's modules in the background; listening after that keeps the first
// requests (and the supervisor's "ready") from waiting behind it.
await waitForQuiet();
captureRequestErrors();
const listener = createRequestListener({ handle, trustedHops, parseRouterState: parseAndValidateFlightRouterState });
const server = createServer(listener);
server.on("checkContinue", listener.checkContinue);

// start.ts checked the address before building, but another process may have taken it since.
server.once("error", (error) => {
  console.error(listenProblem(error, hostname, port) ?? `Opsbook: the server could not listen on ${hostname}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  if (stallLogMs !== null) watchStalls({ thresholdMs: stallLogMs });
  if (process.send) {
    process.send({ ready: true });
    // The supervisor's watchdog (scripts/support/supervisor.ts): a heartbeat needs a free event loop.
    setInterval(() => process.connected && process.send?.({ alive: true }), HEARTBEAT_MS).unref();
  }
  else console.log(`Opsbook: listening on http://${hostname}:${port}`);
});

let stopping = false;
/** Stops taking connections, lets requests in progress finish (5 s at most), then exits 0. */
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, stop);
// The channel to start.ts closes when start.ts ends, even by SIGKILL: a server nobody supervises
// would hold the port with nothing to stop it or restart it, so it stops too.
if (process.send) process.on("disconnect", stop);
