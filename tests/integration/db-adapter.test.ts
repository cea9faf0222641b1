import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { createClient, db } from "@/lib/db";
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
  it("waits for the lock instead of failing when the file is still in rollback-journal mode", async () => {
    // A database file never opened in WAL mode (a copied template, a restored backup).
    const file = path.join(tmpdir(), `locked-${randomUUID()}.db`);
    const setup = new Database(file);
    setup.pragma("journal_mode = DELETE");
    setup.exec("CREATE TABLE t (x INTEGER)");
    setup.close();
    // Another process takes an exclusive lock and keeps it for 400 ms.
    const holder = spawn(
      process.execPath,
      ["-e", `const D=require("better-sqlite3");const d=new D(${JSON.stringify(file)});d.exec("BEGIN EXCLUSIVE");process.stdout.write("locked\\n");Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0,400);d.exec("COMMIT");d.close();`],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((resolve) => holder.stdout.once("data", () => resolve()));
    const client = createClient(file);
    try {
      expect(await client.$queryRawUnsafe<{ one: bigint }[]>("SELECT 1 AS one")).toEqual([{ one: 1n }]);
      const mode = await client.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      expect(mode[0]?.journal_mode).toBe("wal");
    } finally {
      await client.$disconnect();
      await new Promise((resolve) => holder.once("exit", resolve));
    }
  });
});
