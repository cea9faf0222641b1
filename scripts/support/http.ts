// Starting the production server on a given database and talking to it as a signed-in browser
// would, for measurement scripts. Loopback only; the caller stops the server it started.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** With `captureStderr`: the server's stderr lines since the last call (otherwise always empty). */
  takeStderr(): string[];
  stop(): Promise<void>;
}

/** `npm start` (migrate, seed, build when sources changed, next start) on the given database file. */
export async function startServer(
  file: string,
  port: number,
  extraEnv: Record<string, string> = {},
  options: { captureStderr?: boolean } = {},
): Promise<RunningServer> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(path.join("node_modules", ".bin", "tsx"), ["--conditions=react-server", "scripts/start.ts"], {
    env: { ...process.env, DATABASE_URL: `file:${file}`, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production", ...extraEnv },
    stdio: ["ignore", "pipe", options.captureStderr ? "pipe" : "inherit"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited early:\n${output}${stderr}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    process: child,
    takeStderr() {
      const end = stderr.lastIndexOf("\n") + 1;
      const lines = stderr.slice(0, end).split("\n").filter((l) => l !== "");
      stderr = stderr.slice(end);
      return lines;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      // The whole group: tsx, the start script and the next server it spawned.
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  };
}

/** Signs in through next-auth's credentials endpoint and returns the Cookie header to send. */
export async function signInCookie(url: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!.trim(), value.join("="));
    }
  };
  keep(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(response);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`Sign-in failed for ${email} (HTTP ${response.status}).`);
  return cookie();
}

export function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
