// `npm start` and `npm run build` as a person runs them: real processes on loopback, real files, no
// mocks. Exactly one real `next build` runs in this file (a minute or two); the starts after it,
// and the end-to-end run that follows in `npm test`, serve that build without building again.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { BODY_LIMITS } from "../../lib/http/body-limits.mjs";
import { acquireLock, buildLockFile, readLock, type LockHolder } from "../../scripts/support/build-lock";
import { buildApp, isBuilt, sourceHash, stampFile, writeStamp } from "../../scripts/support/build-stamp";
import { pinClock, realNow, writeOffset } from "../../scripts/support/fake-clock";
import { signInCookie } from "../../scripts/support/http";
import { captureRequestErrors, createRequestListener, frameOrigin, isFrameworkRefusal } from "../../scripts/support/listener.mjs";
import { howItEnded, restartDelaySeconds, STABLE_AFTER_MS, superviseServer } from "../../scripts/support/supervisor";

const root = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const START = ["--conditions=react-server", "scripts/start.ts"];

const temporary: string[] = [];
const launched: ChildProcess[] = [];

afterAll(() => {
  // Whatever a failed test left running: the whole group of each process this file started, and
  // any of this checkout's processes left in the group of one that has already ended.
  for (const child of launched) {
    if (child.exitCode === null && child.signalCode === null) stopGroup(child, "SIGKILL");
    else for (const left of groupProcesses(child.pid!).filter((p) => p.command.includes(root))) killQuietly(left.pid);
  }
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

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

/**
 * The last line the process printed, leaving aside the server's notes of a held event loop: those
 * can come at any moment (a cold first request on a busy machine) and are tested on their own
 * (tests/unit/stall-watch.test.ts).
 */
function lastLine(text: string): string {
  return text
    .trim()
    .split("\n")
    .filter((line) => !/^Opsbook: the event loop was held for \d+ ms/.test(line))
    .at(-1)!
    .trim();
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

describe("a bad setting", () => {
  it("npm start names the variable and exits 1 at once, before it touches the database", async () => {
    const dir = tempDir();
    const port = await freePort();
    const settings: [string, string][] = [
      ["STALL_LOG_MS", "5"],
      ["STALL_LOG_MS", "sometimes"],
      ["TRUSTED_PROXY_HOPS", "9"],
    ];
    for (const [name, value] of settings) {
      const run = launch(tsx, START, shellEnv({ DATABASE_URL: `file:${path.join(dir, "data", "opsbook.db")}`, PORT: String(port), HOST: "127.0.0.1", [name]: value }));
      expect(await run.exited, `${name}=${value}`).toBe(1);
      expect(run.output(), `${name}=${value}`).toContain(`${name}:`);
      expect(readdirSync(dir)).toEqual([]);
    }
  });
});

describe("a database changed outside Opsbook", () => {
  it("npm start names the object that differs from the migrations and exits 1 at once, without seeding or serving", async () => {
    const dir = tempDir();
    const file = path.join(dir, "opsbook.db");
    copyFileSync(inject("templateDb"), file);
    // A trigger of the kind that made a viewer an administrator at sign-in.
    const raw = new Database(file);
    raw.exec(`CREATE TRIGGER "User_promote" AFTER UPDATE OF "lastSignInAt" ON "User" BEGIN UPDATE "User" SET "role" = 'ADMIN' WHERE "id" = NEW."id"; END;`);
    raw.close();
    const port = await freePort();
    const run = launch(tsx, START, shellEnv({ DATABASE_URL: `file:${file}`, PORT: String(port), HOST: "127.0.0.1" }));
    expect(await run.exited).toBe(1);
    expect(lastLine(run.output())).toBe(
      `Opsbook: the database ${file} fails the schema check: The trigger "User_promote" on table "User" is not one the migrations create; a trigger runs with every write to its table and can change or copy rows. It was changed outside Opsbook; restore a backup (npm run cli -- db restore FILE --force) or repair it. The portal was not started.`,
    );
    expect(run.output()).not.toMatch(/ready|library ready|Building/i);
    // Nothing was written: the seed never ran, and nothing listens on the port.
    const after = new Database(file, { readonly: true });
    expect(after.prepare(`SELECT count(*) AS n FROM "Procedure"`).get()).toEqual({ n: 0 });
    after.close();
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once("error", reject);
      probe.listen(port, "127.0.0.1", () => resolve());
    });
    await new Promise((resolve) => probe.close(resolve));
  }, 60_000);
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
    // As on a fresh clone: the database's folder does not exist yet, and migrating makes it.
    const file = path.join(dir, "data", "opsbook.db");
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

// ---------------------------------------------------------------------------------------------
// Supervision (decision 023): the server is started again when it dies after it came up, never
// when it could not come up; stopping npm start stops the server, however npm start is stopped.

/** A stand-in for a server process: it becomes ready and dies when the test says so. */
class FakeServer extends EventEmitter {
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  signals: NodeJS.Signals[] = [];
  kill(signal: NodeJS.Signals) {
    this.signals.push(signal);
    return true;
  }
  ready() {
    this.emit("message", { ready: true });
  }
  beat() {
    this.emit("message", { alive: true });
  }
  die(code: number | null, signal: NodeJS.Signals | null = null) {
    this.exitCode = code;
    this.signalCode = signal;
    this.emit("exit", code, signal);
  }
}

/** superviseServer with fake processes, a clock the test moves and timers it fires. */
function fakeSupervision() {
  const servers: FakeServer[] = [];
  const lines: string[] = [];
  const readies: number[] = [];
  const exits: number[] = [];
  const timers: { callback: () => void; ms: number; cleared: boolean }[] = [];
  const watchdogs: { callback: () => void; ms: number; cleared: boolean }[] = [];
  let clock = Date.parse("2026-12-09T07:00:00Z");
  const supervisor = superviseServer({
    hungAfterMs: 60_000,
    every: (callback, ms) => {
      const timer = { callback, ms, cleared: false };
      watchdogs.push(timer);
      return timer;
    },
    cancelEvery: (timer) => void ((timer as { cleared: boolean }).cleared = true),
    spawnServer: () => {
      const server = new FakeServer();
      servers.push(server);
      return server as unknown as ChildProcess;
    },
    onReady: (restart) => readies.push(restart),
    log: (line) => lines.push(line),
    exit: (code) => exits.push(code),
    now: () => clock,
    setTimer: (callback, ms) => {
      const timer = { callback, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (timer) => void ((timer as { cleared: boolean }).cleared = true),
  });
  return {
    supervisor,
    servers,
    lines,
    readies,
    exits,
    timers,
    watchdogs,
    latest: () => servers.at(-1)!,
    advance: (ms: number) => void (clock += ms),
    /** Fires the newest timer, as its delay passing would. */
    fire: () => {
      const timer = timers.at(-1)!;
      clock += timer.ms;
      if (!timer.cleared) timer.callback();
    },
  };
}

describe("the supervisor", () => {
  it("waits 1, 5, 15, 30 s and then a minute between restarts of a server that keeps dying", () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(restartDelaySeconds)).toEqual([1, 5, 15, 30, 60, 60, 60]);
    expect(howItEnded(null, "SIGKILL")).toBe("signal SIGKILL");
    expect(howItEnded(3, null)).toBe("exit code 3");
  });

  it("restarts a server that dies after it was ready, saying so, and reports the restart once ready", () => {
    const run = fakeSupervision();
    run.latest().ready();
    expect(run.readies).toEqual([0]);
    run.advance(60_000);
    run.latest().die(null, "SIGKILL");
    expect(run.lines).toEqual(["Opsbook: the server stopped (signal SIGKILL); restarting in 1 s."]);
    expect(run.timers.at(-1)!.ms).toBe(1_000);
    expect(run.servers).toHaveLength(1);
    run.fire();
    expect(run.lines.at(-1)).toBe("Opsbook: restarting the server (restart 1 since npm start).");
    expect(run.servers).toHaveLength(2);
    run.latest().ready();
    expect(run.readies).toEqual([0, 1]);
    expect(run.exits).toEqual([]);
  });

  it("backs off while it keeps dying and starts over after a server that ran ten minutes", () => {
    const run = fakeSupervision();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      run.latest().ready();
      run.advance(30_000);
      run.latest().die(7);
      delays.push(run.timers.at(-1)!.ms / 1000);
      run.fire();
    }
    expect(delays).toEqual([1, 5, 15, 30, 60, 60]);
    expect(run.lines).toContain("Opsbook: the server stopped (exit code 7); restarting in 60 s.");
    run.latest().ready();
    run.advance(STABLE_AFTER_MS);
    run.latest().die(null, "SIGSEGV");
    expect(run.lines.at(-1)).toBe("Opsbook: the server stopped (signal SIGSEGV); restarting in 1 s.");
  });

  it("kills a ready server that sends no heartbeat for a minute, which then restarts; a beating server is left alone", () => {
    const run = fakeSupervision();
    expect(run.watchdogs).toEqual([]); // not before it is ready
    run.latest().ready();
    expect(run.watchdogs).toHaveLength(1);
    const check = () => {
      run.advance(run.watchdogs.at(-1)!.ms);
      if (!run.watchdogs.at(-1)!.cleared) run.watchdogs.at(-1)!.callback();
    };
    for (let i = 0; i < 40; i++) {
      check();
      if (i % 2 === 0) run.latest().beat(); // every ten seconds
    }
    expect(run.latest().signals).toEqual([]);
    for (let i = 0; i < 10; i++) check(); // 55 s of silence (the last beat came 5 s before)
    expect(run.latest().signals).toEqual([]);
    check(); // 60 s
    expect(run.latest().signals).toEqual(["SIGKILL"]);
    expect(run.lines).toEqual(["Opsbook: the server has sent no heartbeat for 60 s (its event loop is held), so it is killed and restarted."]);
    expect(run.watchdogs.at(-1)!.cleared).toBe(true);
    run.latest().die(null, "SIGKILL");
    expect(run.lines.at(-1)).toBe("Opsbook: the server stopped (signal SIGKILL); restarting in 1 s.");
    run.fire();
    run.latest().ready();
    expect(run.readies).toEqual([0, 1]);
    expect(run.watchdogs).toHaveLength(2);

    // A server that is stopping is left to stop.
    const stopping = fakeSupervision();
    stopping.latest().ready();
    stopping.supervisor.stop("SIGTERM");
    stopping.advance(120_000);
    stopping.watchdogs.at(-1)!.callback();
    expect(stopping.latest().signals).toEqual(["SIGTERM"]);
  });

  it("does not restart a server that died before it was ready: npm start ends with its status", () => {
    const busy = fakeSupervision();
    busy.latest().die(1);
    expect(busy.exits).toEqual([1]);
    expect(busy.timers).toEqual([]);
    expect(busy.lines).toEqual(["Opsbook: the server stopped before it was ready (exit code 1), so it is not restarted."]);

    const killed = fakeSupervision();
    killed.latest().die(null, "SIGKILL");
    expect(killed.exits).toEqual([1]);
    const quiet = fakeSupervision();
    quiet.latest().die(0);
    expect(quiet.exits).toEqual([1]);

    // The same after a restart: a server that cannot come up again is not tried again and again.
    const again = fakeSupervision();
    again.latest().ready();
    again.latest().die(null, "SIGKILL");
    again.fire();
    again.latest().die(1);
    expect(again.exits).toEqual([1]);
    expect(again.servers).toHaveLength(2);
  });

  it("stops the server on SIGTERM and exits once it is gone, without restarting it", () => {
    const run = fakeSupervision();
    run.latest().ready();
    run.supervisor.stop("SIGTERM");
    expect(run.latest().signals).toEqual(["SIGTERM"]);
    expect(run.exits).toEqual([]);
    run.latest().die(0);
    expect(run.exits).toEqual([0]);
    expect(run.timers).toEqual([]);
    expect(run.servers).toHaveLength(1);
  });

  it("a second signal kills a server that takes too long to stop; a stop between restarts cancels the restart", () => {
    const slow = fakeSupervision();
    slow.latest().ready();
    slow.supervisor.stop("SIGINT");
    slow.supervisor.stop("SIGINT");
    expect(slow.latest().signals).toEqual(["SIGINT", "SIGKILL"]);

    const between = fakeSupervision();
    between.latest().ready();
    between.latest().die(null, "SIGKILL");
    between.supervisor.stop("SIGTERM");
    expect(between.exits).toEqual([0]);
    between.fire();
    expect(between.servers).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------
// Failed form posts: an unreadable envelope is the client's fault (400), anything else a fault (5xx)

/** Stacks as Next.js 16 logs them, shortened: a decode failure, and a fault in the portal's code. */
const DECODE_FAILURE = [
  "SyntaxError: Expected property name or '}' in JSON at position 1",
  "    at JSON.parse (<anonymous>)",
  "    at tI (/srv/opsbook/node_modules/next/dist/compiled/next-server/app-page-turbo.runtime.prod.js:15:70523)",
  "    at e.exports.emit (node:events:524:28)",
  "    at async m (/srv/opsbook/.next/server/chunks/ssr/node_modules_next_dist_0-amwqbrge23p._.js:1:11828)",
  "    at async Promise.all (index 1)",
].join("\n");
const PORTAL_FAULT = [
  "PrismaClientKnownRequestError: The table `main.UserSession` does not exist in the current database.",
  "    at async k (/srv/opsbook/.next/server/chunks/ssr/_0oao8a6eib0h2._.js:1:3881)",
  "    at async t0 (/srv/opsbook/node_modules/next/dist/compiled/next-server/app-page-turbo.runtime.prod.js:17:12665)",
].join("\n");
const withStack = (stack: string) => Object.assign(new Error("x"), { stack });

describe("the listener's answer to a failed request", () => {
  it("tells Next.js's own code from the portal's and every other library's", () => {
    expect(frameOrigin("    at JSON.parse (<anonymous>)")).toBe("node");
    expect(frameOrigin("    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)")).toBe("node");
    expect(frameOrigin("    at /srv/opsbook/node_modules/next/dist/compiled/next-server/app-page-turbo.runtime.prod.js:2:14597")).toBe("next");
    expect(frameOrigin("    at async $ (/srv/opsbook/.next/server/chunks/ssr/node_modules_next_dist_0-amwqbrge23p._.js:4:1526)")).toBe("next");
    expect(frameOrigin("    at async k (/srv/opsbook/.next/server/chunks/ssr/_0oao8a6eib0h2._.js:1:3881)")).toBe("other");
    expect(frameOrigin("    at Object.run (/srv/opsbook/node_modules/@prisma/client/runtime/client.js:1:1)")).toBe("other");
    expect(isFrameworkRefusal(withStack(DECODE_FAILURE))).toBe(true);
    expect(isFrameworkRefusal(withStack(PORTAL_FAULT))).toBe(false);
    expect(isFrameworkRefusal(withStack("Error: no frames at all"))).toBe(false);
    expect(isFrameworkRefusal("a string")).toBe(false);
  });

  it("answers 400 for a post whose only error is Next.js refusing it; a fault stays 5xx and is logged in one line", async () => {
    // The capture wraps console.error; here it wraps a silent one, put back afterwards.
    const original = console.error;
    console.error = () => {};
    captureRequestErrors();
    const logged: string[] = [];
    // A stand-in for Next.js: logs the error the request asks for, then answers 500, as Next.js does.
    const handle = (req: IncomingMessage, res: ServerResponse) => {
      const kind = new URL(req.url!, "http://x").searchParams.get("error");
      if (kind === "decode") console.error("⨯", withStack(DECODE_FAILURE));
      if (kind === "fault") console.error("⨯", withStack(PORTAL_FAULT));
      req.resume();
      req.on("end", () => {
        res.statusCode = kind === "none" ? 200 : 500;
        res.end("answer");
      });
    };
    const server = createHttpServer(createRequestListener({ handle, trustedHops: 0, logError: (line) => logged.push(line) }));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const post = (query: string, target = "/runs/1") => fetch(`${base}${target}?${query}`, { method: "POST", body: "x" }).then((r) => r.status);
      expect(await post("error=decode")).toBe(400);
      expect(await post("error=fault")).toBe(500);
      expect(await post("error=silent")).toBe(500);
      expect(await post("error=decode", "/api/schedules/preview")).toBe(500);
      expect((await fetch(`${base}/runs/1?error=decode`)).status).toBe(500);
      expect(await post("error=none")).toBe(200);
      expect(logged).toEqual([
        "Opsbook: server error 500 for POST /runs/1",
        "Opsbook: server error 500 for POST /runs/1",
        "Opsbook: server error 500 for POST /api/schedules/preview",
        "Opsbook: server error 500 for GET /runs/1",
      ]);
    } finally {
      console.error = original;
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The real thing: npm start on the build made above

interface GroupProcess {
  pid: number;
  ppid: number;
  command: string;
}

/** The processes of a process group (Linux /proc), with their parents and command lines. */
function groupProcesses(group: number): GroupProcess[] {
  const found: GroupProcess[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== group || fields[0] === "Z") continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim();
      found.push({ pid: Number(entry), ppid: Number(fields[1]), command });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

const serverProcesses = (run: Launched) => groupProcesses(run.child.pid!).filter((p) => p.command.includes("scripts/server.mjs"));
/** The node process running start.ts (tsx runs it in a child of its own). */
const startProcess = (run: Launched) => groupProcesses(run.child.pid!).find((p) => p.ppid === run.child.pid && p.command.includes("scripts/start.ts"));

async function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The id Next.js gave a server action in the build (it changes with every build). */
function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as { node: Record<string, { exportedName: string }> };
  const id = Object.entries(manifest.node).find(([, action]) => action.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`No server action ${exportedName} in the build`);
  return id;
}

/** A form as React sends it to a server action taking (previous state, form): fields "_1_…", then "0". */
async function actionForm(fields: Record<string, string>): Promise<{ type: string; bytes: Buffer }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(`_1_${name}`, value);
  form.append("0", '[null,"$K1"]');
  const encoded = new Response(form);
  return { type: encoded.headers.get("content-type")!, bytes: Buffer.from(await encoded.arrayBuffer()) };
}

/** Posts a body with a Content-Length, or chunked in 16 kB pieces; an early answer is read all the same. */
function postRaw(url: string, headers: Record<string, string>, body: Buffer, chunked: boolean): Promise<{ status: number; text: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: "POST", headers: chunked ? headers : { ...headers, "Content-Length": String(body.length) } });
    let answered = false;
    req.on("response", (res) => {
      answered = true;
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, text, type: String(res.headers["content-type"] ?? "") }));
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    let at = 0;
    const more = () => {
      if (answered || req.destroyed) return;
      if (at >= body.length) return void req.end();
      const piece = body.subarray(at, at + 16 * 1024);
      at += piece.length;
      req.write(piece, () => setImmediate(more));
    };
    more();
  });
}

function count(file: string, sql: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const ADMIN = { email: "first.admin@supervised.test", name: "First Admin", password: "Lantern-Quarry-88" };

describe("npm start, running", () => {
  let portal: Launched;
  let file: string;
  let url: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    file = path.join(tempDir(), "opsbook.db");
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = shellEnv({ DATABASE_URL: `file:${file}`, PORT: String(port), HOST: "127.0.0.1", SEED_DEMO_SERVERS: "false", WATCHDOG_SECONDS: "10" });
    portal = launch(tsx, START, env);
    await waitForOutput(portal, /^Opsbook: ready at .*$/m, 8 * 60_000);
  }, 10 * 60_000);

  afterAll(async () => {
    if (portal.child.exitCode === null) {
      stopGroup(portal.child, "SIGTERM");
      await portal.exited;
    }
  });

  it("answers the health check as liveness, with room for dependencies", async () => {
    const response = await fetch(`${url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok", dependencies: {} });
  });

  it("refuses an oversized form post with 413 before it is read, declared or chunked, and writes nothing; the form within its limit works", async () => {
    const setup = actionId("setupAction");
    const headers = (type: string) => ({ "Content-Type": type, "Next-Action": setup, Accept: "text/x-component", Origin: url });
    const fields = { email: ADMIN.email, name: ADMIN.name, password: ADMIN.password, confirm: ADMIN.password };
    // The first administrator's form, valid, with one field that takes it past a form's limit.
    const padded = await actionForm({ ...fields, notes: "x".repeat(BODY_LIMITS.form) });
    // Run generation writes its own events on a timer; every other event comes from a request.
    const requestEvents = `SELECT count(*) AS n FROM "AuditEvent" WHERE action <> 'run.generate'`;
    const audit = count(file, requestEvents);

    for (const chunked of [false, true]) {
      const answer = await postRaw(`${url}/setup`, headers(padded.type), padded.bytes, chunked);
      expect(answer.status, `chunked: ${chunked}`).toBe(413);
      expect(answer.type).toMatch(/^text\/plain/);
      expect(answer.text).toBe("The request is too large: this page accepts at most 128 kB.\n");
      expect(count(file, `SELECT count(*) AS n FROM "User"`)).toBe(0);
    }
    expect(count(file, requestEvents)).toBe(audit);

    const plain = await actionForm(fields);
    const created = await postRaw(`${url}/setup`, headers(plain.type), plain.bytes, true);
    expect(created.status).toBe(200);
    expect(created.text).toContain('"ok":true');
    expect(count(file, `SELECT count(*) AS n FROM "User"`)).toBe(1);
  });

  it("answers 400 to a form post it cannot read, with or without JavaScript", async () => {
    const setup = actionId("setupAction");
    const broken = new FormData();
    broken.append("0", "{");
    const action = await fetch(`${url}/setup`, { method: "POST", headers: { "Next-Action": setup, Accept: "text/x-component", Origin: url }, body: broken });
    expect(action.status).toBe(400);
    // A post without JavaScript whose multipart body ends mid-part.
    const truncated = await fetch(`${url}/setup`, {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data; boundary=XYZ", Origin: url },
      body: '--XYZ\r\nContent-Disposition: form-data; name="$ACTION_ID_x"\r\n\r\n[null',
    });
    expect(truncated.status).toBe(400);
    expect(portal.output()).not.toContain("Opsbook: server error");
  });

  it("lets a fault inside a server action through as a 500 and logs it in one line", async () => {
    const cookie = await signInCookie(url, ADMIN.email, ADMIN.password);
    const form = new FormData();
    form.append("0", '[null,"$K1"]');
    // The session table gone: reading the session inside the import action fails.
    const db = new Database(file);
    try {
      db.exec(`ALTER TABLE "UserSession" RENAME TO "UserSessionAway"`);
      const answer = await fetch(`${url}/procedures/import`, {
        method: "POST",
        headers: { "Next-Action": actionId("importProceduresAction"), Accept: "text/x-component", Origin: url, Cookie: cookie },
        body: form,
      });
      expect(answer.status).toBe(500);
    } finally {
      db.exec(`ALTER TABLE "UserSessionAway" RENAME TO "UserSession"`);
      db.close();
    }
    await waitForOutput(portal, /^Opsbook: server error 500 for POST \/procedures\/import$/m, 10_000);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });

  it("starts a server killed outright again, says so, and serves again", async () => {
    const [server] = await waitFor("the server process", () => serverProcesses(portal).length === 1 && serverProcesses(portal), 10_000);
    process.kill(server!.pid, "SIGKILL");
    await waitForOutput(portal, new RegExp(`^Opsbook: ready again at ${url.replace(/[.]/g, "\\.")} \\(restart 1\\)\\.$`, "m"), 120_000);
    const lines = portal.output().split("\n");
    expect(lines).toContain("Opsbook: the server stopped (signal SIGKILL); restarting in 1 s.");
    expect(lines).toContain("Opsbook: restarting the server (restart 1 since npm start).");
    const [again] = serverProcesses(portal);
    expect(again!.pid).not.toBe(server!.pid);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  }, 180_000);

  it("kills and starts again a server whose event loop is held (stopped with SIGSTOP), once it has been silent for WATCHDOG_SECONDS", async () => {
    const [server] = await waitFor("the server process", () => serverProcesses(portal).length === 1 && serverProcesses(portal), 10_000);
    const stoppedAt = Date.now();
    process.kill(server!.pid, "SIGSTOP");
    await waitForOutput(portal, /^Opsbook: the server has sent no heartbeat for \d+ s \(its event loop is held\), so it is killed and restarted\.$/m, 60_000);
    // Silent for WATCHDOG_SECONDS (10 s) since its last heartbeat, which came at most one heartbeat
    // interval (5 s) before the stop: killed no sooner than 5 s after it.
    expect(Date.now() - stoppedAt).toBeGreaterThanOrEqual(5_000 - 250);
    await waitForOutput(portal, new RegExp(`^Opsbook: ready again at ${url.replace(/[.]/g, "\\.")} \\(restart 2\\)\\.$`, "m"), 120_000);
    const [again] = serverProcesses(portal);
    expect(again!.pid).not.toBe(server!.pid);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  }, 180_000);

  it("SIGTERM to npm start's own process (not its group) stops the server too, without a restart", async () => {
    const before = portal.output().length;
    process.kill(portal.child.pid!, "SIGTERM");
    expect(await portal.exited).toBe(0);
    await waitFor("every process of the portal to end", () => groupProcesses(portal.child.pid!).length === 0, 15_000);
    expect(portal.output().slice(before)).not.toMatch(/stopped|restarting/);
  }, 60_000);

  it("SIGTERM to npm alone, which passes it to its shell only, stops the server too", async () => {
    const run = launch("npm", ["start"], env);
    await waitForOutput(run, /^Opsbook: ready at .*$/m, 180_000);
    expect(serverProcesses(run)).toHaveLength(1);
    process.kill(run.child.pid!, "SIGTERM");
    await waitFor("every process of the portal to end", () => groupProcesses(run.child.pid!).length === 0, 20_000);
    expect(run.output()).toContain("Opsbook: the process that ran npm start has gone; stopping the server.");
    expect(run.output()).not.toMatch(/restarting/);
  }, 240_000);

  it("a server whose supervisor is killed outright stops by itself", async () => {
    const run = launch(tsx, START, env);
    await waitForOutput(run, /^Opsbook: ready at .*$/m, 180_000);
    const supervisor = await waitFor("the start process", () => startProcess(run), 10_000);
    expect(serverProcesses(run)).toHaveLength(1);
    process.kill(supervisor.pid, "SIGKILL");
    await waitFor("the server to stop", () => serverProcesses(run).length === 0, 15_000);
    await run.exited;
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  }, 240_000);

  it("a server that fails before it is ready is not restarted: npm start exits 1 with its sentence", async () => {
    const run = launch(tsx, START, env);
    // The port is free when npm start checks it and taken by the time its server listens.
    await waitFor("the server process", () => serverProcesses(run).length === 1, 180_000);
    const port = Number(new URL(url).port);
    const other = await new Promise<Server>((resolve, reject) => {
      const s = createServer();
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => resolve(s));
    });
    try {
      expect(await run.exited).toBe(1);
    } finally {
      other.close();
    }
    const lines = run.output().trim().split("\n");
    expect(lines).toContain(busySentence(port));
    expect(lines.at(-1)).toBe("Opsbook: the server stopped before it was ready (exit code 1), so it is not restarted.");
    expect(run.output()).not.toMatch(/restarting|ready at/);
  }, 240_000);
});

// The watchdog and the restart back-off measure time on the monotonic clock: a step of the wall
// clock (NTP, a test moving time) is not hours of silence, and no server is killed for it.
describe("a wall-clock step", () => {
  it("does not make the watchdog kill a server that is still sending heartbeats", async () => {
    const dir = tempDir();
    const port = await freePort();
    const clock = pinClock(new Date("2026-12-09T07:00:00Z"), shellEnv({ DATABASE_URL: `file:${path.join(dir, "opsbook.db")}`, PORT: String(port), HOST: "127.0.0.1", SEED_DEMO_SERVERS: "false", WATCHDOG_SECONDS: "10" }));
    try {
      const run = launch(tsx, START, clock.env);
      await waitForOutput(run, /^Opsbook: ready at .*$/m, 8 * 60_000);
      // The wall clock steps an hour forward every 1.5 s for 30 s: whichever comes first after a
      // step, a heartbeat or the watchdog's check (both every 5 s), a check soon follows a step with
      // no heartbeat after it. Twenty steps end at 03:00 the next day.
      const start = Date.parse("2026-12-09T07:00:00Z");
      for (let step = 1; step <= 20; step++) {
        writeOffset(clock.file, (start + step * 3_600_000 - realNow()) / 1000);
        await new Promise((r) => setTimeout(r, 1_500));
      }
      await new Promise((r) => setTimeout(r, 2_000));
      expect(run.output()).not.toMatch(/no heartbeat|restarting/);
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { time: string }).time.slice(0, 13)).toBe("2026-12-10T03");
      stopGroup(run.child, "SIGTERM");
      await run.exited;
    } finally {
      clock.dispose();
    }
  }, 10 * 60_000);
});
