import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { databaseFile, env } from "@/lib/env";

/**
 * The key that signs session tokens: AUTH_SECRET when set, otherwise a random key kept beside the
 * database file (created on first start, readable only by its owner), so a fresh install is safe
 * without configuration and sessions survive restarts.
 */
let cached: string | undefined;

export function authSecret(): string {
  cached ??= readOrCreateSecret();
  return cached;
}

function readOrCreateSecret(): string {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  const file = path.join(path.dirname(databaseFile()), "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first; use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return readFileSync(file, "utf8").trim();
}
