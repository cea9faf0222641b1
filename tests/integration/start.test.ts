// `npm start` and `npm run build` as a person runs them: real processes on loopback, real files, no
// mocks. Exactly one real `next build` runs in this file (a minute or two); the starts after it,
// and the end-to-end run that follows in `npm test`, serve that build without building again.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, inject, it } from "vitest";
import { acquireLock, buildLockFile, readLock, type LockHolder } from "../../scripts/support/build-lock";
import { buildApp, isBuilt, sourceHash, stampFile, writeStamp } from "../../scripts/support/build-stamp";

const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const START = ["--conditions=react-server", "scripts/start.ts"];

const temporary: string[] = [];
const launched: ChildProcess[] = [];

afterAll(() => {
  // Whatever a failed test left running: the whole group of each process this file started.
  for (const child of launched) if (child.exitCode === null && child.signalCode === null) stopGroup(child, "SIGKILL");
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "opsbook-start-"));
  temporary.push(dir);
  return dir;
}

/** The environment of a person's shell: not the test runner's NODE_ENV, plus the settings given. */
function shellEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  // spawn leaves out a variable whose value is undefined.
  return { ...process.env, NODE_ENV: undefined, NEXT_TELEMETRY_DISABLED: "1", ...settings } as unknown as NodeJS.ProcessEnv;
}

interface Launched {
  child: ChildProcess;
  output(): string;
  /** Exit status once stdout and stderr are drained. */
  exited: Promise<number | null>;
}

/** Starts a process in its own group (tsx runs the script in a child of its own), output captured. */
function launch(command: string, args: string[], env: NodeJS.ProcessEnv): Launched {
  const child = spawn(command, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  launched.push(child);
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

async function waitForOutput(run: Launched, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = run.output().match(pattern);
    if (match) return match;
    if (run.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`Expected ${pattern} in the output of ${run.child.spawnargs.join(" ")}; got:\n${run.output()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function listeningServer(): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

function portOf(server: Server): number {
  return (server.address() as { port: number }).port;
}

async function freePort(): Promise<number> {
  const server = await listeningServer();
  const port = portOf(server);
  await new Promise((r) => server.close(r));
  return port;
}

function lastLine(text: string): string {
  return text.trim().split("\n").at(-1)!.trim();
}

const busySentence = (port: number) =>
  `Opsbook: port ${port} on 127.0.0.1 is already in use (is the portal already running?). Stop the other process or set PORT.`;

/** A process that takes a lock and holds it until told to stop (SIGTERM releases it; SIGKILL leaves it behind). */
function lockHolder(file: string, purpose: string): Launched {
  const code = `
    import { acquireLock } from ${JSON.stringify(path.join(root, "scripts/support/build-lock.ts"))};
    acquireLock(process.env.LOCK_FILE, { purpose: process.env.LOCK_PURPOSE }).then((release) => {
      process.on("SIGTERM", () => { release(); process.exit(0); });
      console.log("held by " + process.pid);
      setInterval(() => {}, 60_000);
    });`;
  return launch(tsx, ["-e", code], shellEnv({ LOCK_FILE: file, LOCK_PURPOSE: purpose }));
}

describe("a busy port", () => {
  it("npm start says so in one sentence and exits 1, before it touches the database", async () => {
    const other = await listeningServer();
    try {
      const port = portOf(other);
      // The database of the portal already running there.
      const dir = tempDir();
      const file = path.join(dir, "opsbook.db");
      copyFileSync(inject("templateDb"), file);
      const before = { mtime: statSync(file).mtimeMs, bytes: readFileSync(file) };

      const run = launch(tsx, START, shellEnv({ DATABASE_URL: `file:${file}`, PORT: String(port), HOST: "127.0.0.1" }));
      expect(await run.exited).toBe(1);
      expect(run.output().trim()).toBe(busySentence(port));
      expect(readdirSync(dir)).toEqual(["opsbook.db"]); // no log, no shared-memory file, no auth-secret
      expect(statSync(file).mtimeMs).toBe(before.mtime);
      expect(readFileSync(file).equals(before.bytes)).toBe(true);
    } finally {
      other.close();
    }
  });

  it("creates no database when there was none", async () => {
    const other = await listeningServer();
    try {
      const port = portOf(other);
      const dir = tempDir();
      const run = launch(tsx, START, shellEnv({ DATABASE_URL: `file:${path.join(dir, "data", "opsbook.db")}`, PORT: String(port), HOST: "127.0.0.1" }));
      expect(await run.exited).toBe(1);
      expect(run.output().trim()).toBe(busySentence(port));
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      other.close();
    }
  });
});

describe("a database another process holds open", () => {
  it("npm start says the database is in use instead of passing on Prisma's internals", async () => {
    const dir = tempDir();
    const file = path.join(dir, "opsbook.db");
    copyFileSync(inject("templateDb"), file);
    // As a running portal holds it: a connection kept open in WAL mode.
    const portal = new Database(file);
    try {
      portal.pragma("journal_mode = WAL");
      portal.prepare(`SELECT count(*) FROM "User"`).get();
      const port = await freePort();
      const run = launch(tsx, START, shellEnv({ DATABASE_URL: `file:${file}`, PORT: String(port), HOST: "127.0.0.1" }));
      expect(await run.exited).toBe(1);
      expect(lastLine(run.output())).toBe(
        `Opsbook: the database ${file} is open in another process (is the portal already running?), so its migrations could not be applied. Stop that process and try again.`,
      );
      expect(run.output()).not.toMatch(/SocketTimeout|WASM_ERROR|^\s+at /m);
    } finally {
      portal.close();
    }
  }, 60_000);
});

describe("the build lock", () => {
  it("a second contender waits while a live process holds it, and takes over when that process dies", async () => {
    const file = path.join(tempDir(), "build.lock");
    const holder = lockHolder(file, "npm run build");
    const holderPid = Number((await waitForOutput(holder, /held by (\d+)/, 30_000))[1]);

    let waitedFor: LockHolder | undefined;
    let acquired = false;
    const acquiring = acquireLock(file, { purpose: "npm start", pollMs: 100, onWait: (h) => (waitedFor = h) }).then((release) => {
      acquired = true;
      return release;
    });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(acquired).toBe(false);
    expect(waitedFor).toEqual({ pid: holderPid, purpose: "npm run build" });

    // Killed outright, the holder leaves its lock behind, naming a process that no longer exists.
    stopGroup(holder.child, "SIGKILL");
    await holder.exited;
    const release = await acquiring;
    expect(readLock(file)).toEqual({ pid: process.pid, purpose: "npm start" });
    release();
    expect(existsSync(file)).toBe(false);
  }, 60_000);

  it("a lock left by a process that is gone is taken at once", async () => {
    const file = path.join(tempDir(), "build.lock");
    const gone = spawnSync(process.execPath, ["-e", ""]).pid;
    writeFileSync(file, `${gone}\nnpm start\n`);
    let waited = false;
    const release = await acquireLock(file, { purpose: "npm run build", onWait: () => (waited = true) });
    expect(waited).toBe(false);
    expect(readLock(file)?.pid).toBe(process.pid);
    release();
  });

  it("a lock file that never got a pid is taken over once it is old", async () => {
    const file = path.join(tempDir(), "build.lock");
    writeFileSync(file, "");
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    const release = await acquireLock(file, { purpose: "npm start" });
    expect(readLock(file)?.pid).toBe(process.pid);
    release();
  });

  it("npm run build waits for a build in progress, saying so, and builds nothing meanwhile", async () => {
    const lockFile = buildLockFile(root);
    const holder = lockHolder(lockFile, "npm start");
    try {
      const holderPid = Number((await waitForOutput(holder, /held by (\d+)/, 30_000))[1]);
      const build = launch(tsx, ["scripts/build.ts"], shellEnv({}));
      await waitForOutput(
        build,
        new RegExp(`^Opsbook: another build of this app is running \\(process ${holderPid}, npm start\\); waiting for it to finish \\(lock ${lockFile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\)…$`, "m"),
        30_000,
      );
      await new Promise((r) => setTimeout(r, 1_000));
      expect(build.output()).not.toContain("building the production app");
      // Stopped while still waiting, before the holder lets go, so it never builds.
      stopGroup(build.child, "SIGTERM");
      await build.exited;
    } finally {
      stopGroup(holder.child, "SIGTERM");
      await holder.exited;
    }
    expect(existsSync(lockFile)).toBe(false);
  }, 60_000);
});

describe("the source stamp", () => {
  /** A checkout with a few sources and a finished build, but no `next` to build with. */
  function fakeCheckout(): string {
    const dir = tempDir();
    mkdirSync(path.join(dir, "app"));
    mkdirSync(path.join(dir, "lib"));
    mkdirSync(path.join(dir, ".next"));
    writeFileSync(path.join(dir, "app", "page.tsx"), "export default function Page() { return null; }\n");
    writeFileSync(path.join(dir, "lib", "thing.ts"), "export const thing = 1;\n");
    writeFileSync(path.join(dir, "package-lock.json"), "{}\n");
    writeFileSync(path.join(dir, ".next", "BUILD_ID"), "test-build\n");
    return dir;
  }

  it("a start after a build of the same sources builds nothing; a changed source builds again", async () => {
    const checkout = fakeCheckout();
    const hash = sourceHash(checkout);
    expect(isBuilt(checkout, hash)).toBe(false); // built, but from what is not recorded
    writeStamp(checkout, hash);
    expect(isBuilt(checkout)).toBe(true);

    // What npm start does: the stamp matches, so `next build` (absent here) is never run.
    const lines: string[] = [];
    expect(await buildApp(checkout, { purpose: "npm start", always: false, log: (l) => lines.push(l) })).toBe(false);
    expect(lines).toEqual([]);

    writeFileSync(path.join(checkout, "lib", "thing.ts"), "export const thing = 2;\n");
    expect(isBuilt(checkout)).toBe(false);
    await expect(buildApp(checkout, { purpose: "npm start", always: false, log: (l) => lines.push(l) })).rejects.toThrow(/^the build failed/);
    expect(lines).toEqual(["Opsbook: building the production app (first start or sources changed; this takes a minute or two)…"]);
    expect(readFileSync(stampFile(checkout), "utf8")).toBe(hash); // a failed build records nothing
    expect(existsSync(buildLockFile(checkout))).toBe(false);
  });

  it("a build without its stamp, or a stamp without a build, is not a build", () => {
    const checkout = fakeCheckout();
    writeStamp(checkout, sourceHash(checkout));
    rmSync(path.join(checkout, ".next", "BUILD_ID"));
    expect(isBuilt(checkout)).toBe(false);
  });
});

describe("npm run build, then npm start", () => {
  it("builds with no database, prints nothing alarming and records the stamp", async () => {
    const dir = tempDir();
    const file = path.join(dir, "data", "opsbook.db");
    // At low priority: the other test files go on running beside it.
    const build = launch("nice", ["-n", "10", tsx, "scripts/build.ts"], shellEnv({ DATABASE_URL: `file:${file}` }));
    const status = await build.exited;
    // On a CI machine Next.js adds one line of advice on caching its build between CI runs; that
    // is for the pipeline's owner and says nothing about this build, so it is set aside here.
    const output = build
      .output()
      .split("\n")
      .filter((line) => !/No build cache found\. Please configure build caching/.test(line))
      .join("\n");
    expect(status, output).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    for (const alarming of [/error/i, /warn|⚠/i, /couldn't be rendered statically/, /Session cookie could not be read/, /^\s+at /m]) {
      expect(output, `${alarming} in the build output`).not.toMatch(alarming);
    }
    expect(lastLine(output)).toBe("Opsbook: build complete; `npm start` serves it without building again.");
    expect(readFileSync(stampFile(root), "utf8")).toBe(sourceHash(root));
    expect(isBuilt(root)).toBe(true);
  }, 15 * 60_000);

  it("npm start serves that build and ends with the URL, inviting the first administrator on an empty database", async () => {
    const dir = tempDir();
    const file = path.join(dir, "opsbook.db");
    const port = await freePort();
    const env = shellEnv({ DATABASE_URL: `file:${file}`, PORT: String(port), HOST: "127.0.0.1", SEED_DEMO_SERVERS: "false" });
    const url = `http://127.0.0.1:${port}`;

    const first = launch(tsx, START, env);
    await waitForOutput(first, /^Opsbook: ready at .*$/m, 180_000);
    // Printed only once the server listens: it answers now.
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    expect(lastLine(first.output())).toBe(`Opsbook: ready at ${url} — open it to create the first administrator.`);
    expect(first.output()).not.toContain("building");
    stopGroup(first.child, "SIGTERM");
    await first.exited;

    const added = spawnSync(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", "scripts/cli.ts", "user", "add", "--email", "first.admin@start.test", "--name", "First Admin", "--role", "ADMIN"],
      { cwd: root, env, input: "Lantern-Quarry-88\n", encoding: "utf8", timeout: 60_000 },
    );
    expect(added.status, added.stderr).toBe(0);

    const second = launch(tsx, START, env);
    await waitForOutput(second, /^Opsbook: ready at .*$/m, 180_000);
    expect(lastLine(second.output())).toBe(`Opsbook: ready at ${url}.`);
    stopGroup(second.child, "SIGTERM");
    await second.exited;
  }, 6 * 60_000);

  it("the server itself, finding its port taken after the check, says so and exits 1", async () => {
    const other = await listeningServer();
    try {
      const port = portOf(other);
      const env = shellEnv({ DATABASE_URL: `file:${path.join(tempDir(), "opsbook.db")}`, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" });
      const run = launch(process.execPath, ["scripts/server.mjs"], env);
      expect(await run.exited).toBe(1);
      expect(lastLine(run.output())).toBe(busySentence(port));
      expect(run.output()).not.toMatch(/EADDRINUSE|^\s+at /m);
    } finally {
      other.close();
    }
  }, 120_000);
});
