// Migrates one template database for the whole run; each test file gets its own copy of it
// (tests/support/database-per-file.ts), so tests use a real SQLite database and never share state.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { applyMigrations } from "../../lib/maintenance/migrate";

export default function setup({ provide }: { provide: (key: string, value: string) => void }) {
  const dir = mkdtempSync(path.join(tmpdir(), "opsbook-test-"));
  mkdirSync(dir, { recursive: true });
  const template = path.join(dir, "template.db");
  applyMigrations(`file:${template}`);
  provide("templateDb", template);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
  }
}
