// The sentence a person sees when the portal cannot listen where it was told to, shared by the
// check in scripts/start.ts (before anything else happens) and the listener in scripts/server.mjs.
import { createServer } from "node:net";

/**
 * What stops a listener on `host`:`port`, as one sentence, or null for an error that is not about
 * the address (the caller then reports it as it is).
 * @param {unknown} error
 * @param {string} host
 * @param {number} port
 * @returns {string | null}
 */
export function listenProblem(error, host, port) {
  const code = /** @type {NodeJS.ErrnoException} */ (error)?.code;
  if (code === "EADDRINUSE") {
    return `Opsbook: port ${port} on ${host} is already in use (is the portal already running?). Stop the other process or set PORT.`;
  }
  if (code === "EACCES") {
    return `Opsbook: port ${port} on ${host} needs privileges this process lacks. Set PORT to 1024 or above, or serve through a reverse proxy.`;
  }
  if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return `Opsbook: ${host} is not an address of this machine, so the portal cannot listen on it. Set HOST (127.0.0.1, or 0.0.0.0 for every address).`;
  }
  return null;
}

/**
 * Tries to listen on the address and lets go at once. Resolves with the sentence explaining why
 * the portal could not listen there, or null when it can.
 * @param {string} host
 * @param {number} port
 * @returns {Promise<string | null>}
 */
export function checkListen(host, port) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error) => {
      const problem = listenProblem(error, host, port);
      if (problem) resolve(problem);
      else reject(error);
    });
    // exclusive: a port held by a cluster worker of another process is busy all the same.
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(null)));
  });
}
