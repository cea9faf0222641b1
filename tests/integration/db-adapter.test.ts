import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { db } from "@/lib/db";
import { createAdapter } from "@/lib/sql";
import { databaseFile } from "@/lib/env";

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Rollback extends Error {}

describe("the serialising SQLite adapter", () => {
  it("does not swallow a write issued outside a transaction while that transaction is open and later rolled back", async () => {
    let transactionOpen = false;
    let outside: Promise<{ id: string }> | undefined;
    let outsideFinishedWhileOpen = false;

    const transaction = db.$transaction(async (tx) => {
      transactionOpen = true;
      await tx.server.create({ data: { name: "INSIDE-TX", site: "Test" } });
      outside = db.server.create({ data: { name: "OUTSIDE-TX", site: "Test" }, select: { id: true } });
      outside.then(() => (outsideFinishedWhileOpen = transactionOpen));
      await delay(150);
      transactionOpen = false;
      throw new Rollback("undo");
    });

    await expect(transaction).rejects.toBeInstanceOf(Rollback);
    const created = await outside!;
    expect(outsideFinishedWhileOpen).toBe(false);
    expect(await db.server.findUnique({ where: { name: "OUTSIDE-TX" } })).toMatchObject({ id: created.id });
    expect(await db.server.findUnique({ where: { name: "INSIDE-TX" } })).toBeNull();
  });

  it("makes a concurrent read wait for the transaction, so it never sees uncommitted rows", async () => {
    let read: Promise<unknown> | undefined;
    await expect(
      db.$transaction(async (tx) => {
        await tx.server.create({ data: { name: "UNCOMMITTED", site: "Test" } });
        read = db.server.findUnique({ where: { name: "UNCOMMITTED" } });
        await delay(50);
        throw new Rollback("undo");
      }),
    ).rejects.toBeInstanceOf(Rollback);
    expect(await read).toBeNull();
  });

  it("commits a transaction and a concurrent outside write both", async () => {
    let outside: Promise<unknown> | undefined;
    await db.$transaction(async (tx) => {
      await tx.server.create({ data: { name: "COMMITTED-TX", site: "Test" } });
      outside = db.server.create({ data: { name: "COMMITTED-OUT", site: "Test" } });
      await delay(30);
    });
    await outside;
    expect(await db.server.count({ where: { name: { in: ["COMMITTED-TX", "COMMITTED-OUT"] } } })).toBe(2);
  });

  it("runs concurrent read-modify-write transactions one after the other (no lost update)", async () => {
    const server = await db.server.create({ data: { name: "COUNTER", site: "Test", description: "0" } });
    const increment = () =>
      db.$transaction(async (tx) => {
        const current = await tx.server.findUniqueOrThrow({ where: { id: server.id } });
        await delay(20);
        await tx.server.update({ where: { id: server.id }, data: { description: String(Number(current.description) + 1) } });
      });
    await Promise.all(Array.from({ length: 5 }, increment));
    expect((await db.server.findUniqueOrThrow({ where: { id: server.id } })).description).toBe("5");
  });

  it("starts transactions with BEGIN IMMEDIATE: another connection cannot write while one is open", async () => {
    const other = new Database(databaseFile());
    other.pragma("busy_timeout = 0");
    try {
      let lockedOut: unknown;
      await db.$transaction(async (tx) => {
        // Only a read so far: with a plain BEGIN the write lock would not be taken yet.
        await tx.server.count();
        try {
          other.exec("BEGIN IMMEDIATE");
          other.exec("ROLLBACK");
        } catch (error) {
          lockedOut = error;
        }
      });
      expect(String(lockedOut)).toMatch(/SQLITE_BUSY|database is locked/i);
      // Once committed, the other connection can write again.
      other.exec("BEGIN IMMEDIATE");
      other.exec("ROLLBACK");
    } finally {
      other.close();
    }
  });
});

describe("connection settings", () => {
  it("enforces foreign keys", async () => {
    await expect(db.serverRole.create({ data: { serverId: "no-such-server", role: "MAILBOX" } })).rejects.toMatchObject({ code: "P2003" });
    await expect(db.$executeRawUnsafe(`INSERT INTO "ServerRole" ("serverId", "role") VALUES ('no-such-server', 'MAILBOX')`)).rejects.toThrow(
      /FOREIGN KEY constraint failed/,
    );
    expect(await db.serverRole.count({ where: { serverId: "no-such-server" } })).toBe(0);
  });

  it("cascades a server's roles when the server is deleted", async () => {
    const server = await db.server.create({ data: { name: "CASCADE", site: "Test", roles: { create: [{ role: "MAILBOX" }, { role: "CLIENT_ACCESS" }] } } });
    expect(await db.serverRole.count({ where: { serverId: server.id } })).toBe(2);
    await db.server.delete({ where: { id: server.id } });
    expect(await db.serverRole.count({ where: { serverId: server.id } })).toBe(0);
  });

  it("uses WAL, full synchronous commits, foreign keys and a busy timeout", async () => {
    const value = async (pragma: string) => {
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${pragma}`);
      return Object.values(rows[0]!)[0];
    };
    expect(String(await value("journal_mode")).toLowerCase()).toBe("wal");
    expect(Number(await value("foreign_keys"))).toBe(1);
    expect(Number(await value("synchronous"))).toBe(2); // FULL
    expect(Number(await value("busy_timeout"))).toBe(10_000);
  });
});

describe("opening a connection while another process holds the database", () => {
  const files: string[] = [];
  afterEach(() => {
    for (const file of files.splice(0)) for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  });

  /** A database file never opened in WAL mode (a copied template, a restored backup). */
  function rollbackJournalFile(): string {
    const file = path.join(tmpdir(), `locked-${randomUUID()}.db`);
    files.push(file);
    const setup = new Database(file);
    setup.pragma("journal_mode = DELETE");
    setup.exec("CREATE TABLE t (x INTEGER)");
    setup.close();
    return file;
  }

  it("waits for the lock instead of failing when the file is still in rollback-journal mode", async () => {
    const file = rollbackJournalFile();
    // Another process takes an exclusive lock and keeps it for 400 ms.
    const holder = spawn(
      process.execPath,
      ["-e", `const D=require("better-sqlite3");const d=new D(${JSON.stringify(file)});d.exec("BEGIN EXCLUSIVE");process.stdout.write("locked\\n");Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0,400);d.exec("COMMIT");d.close();`],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    // Listened for from the start: the holder may well be gone before the test ends.
    const exited = new Promise((resolve) => holder.once("exit", resolve));
    await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));
    try {
      // The adapter itself, so the connection is opened at once and not after the Prisma client has
      // started up, which can take longer than the lock is held.
      const adapter = await createAdapter(file).connect();
      try {
        const mode = await adapter.queryRaw({ sql: "PRAGMA journal_mode", args: [], argTypes: [] });
        expect(mode.rows).toEqual([["wal"]]);
      } finally {
        await adapter.dispose();
      }
    } finally {
      await exited;
    }
  });

  it("waits instead of failing when the other process holds the write lock, as when both switch the file to WAL at once", async () => {
    // The lock a connection holds while it switches a rollback-journal file to WAL (or while any
    // rollback-journal writer is at work): others may still read, nobody else may write. SQLite
    // refuses our switch at once here instead of calling the busy handler.
    const file = rollbackJournalFile();
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `const D=require("better-sqlite3");const d=new D(${JSON.stringify(file)});d.exec("BEGIN IMMEDIATE");d.exec("INSERT INTO t VALUES (1)");process.stdout.write("locked\\n");process.stdin.once("data",()=>{d.exec("COMMIT");d.close();process.exit(0);});`,
      ],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    const exited = new Promise((resolve) => holder.once("exit", resolve));
    let released = false;
    const release = () => {
      if (!released) holder.stdin.end("commit\n");
      released = true;
    };
    await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));
    try {
      const connecting = createAdapter(file)
        .connect()
        .then(
          (adapter) => ({ adapter }),
          (error: unknown) => ({ error: String(error) }),
        );
      // connect() makes its first attempt before any timer runs, so that attempt meets the lock;
      // the holder commits only after it.
      await new Promise((resolve) => setImmediate(resolve));
      release();
      const connected = await connecting;
      expect(connected).not.toHaveProperty("error");
      const adapter = (connected as { adapter: SqlDriverAdapter }).adapter;
      try {
        const mode = await adapter.queryRaw({ sql: "PRAGMA journal_mode", args: [], argTypes: [] });
        expect(mode.rows).toEqual([["wal"]]);
        // The holder's write is there: our connection waited for it rather than working around it.
        const count = await adapter.queryRaw({ sql: "SELECT count(*) FROM t", args: [], argTypes: [] });
        expect(Number(count.rows[0]?.[0])).toBe(1);
      } finally {
        await adapter.dispose();
      }
    } finally {
      release();
      await exited;
    }
  });
});
