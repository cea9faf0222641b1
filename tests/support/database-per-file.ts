import { copyFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { inject } from "vitest";

// Runs before each test file, before lib/db is imported: point DATABASE_URL at a fresh copy.
const template = inject("templateDb");
const copy = path.join(path.dirname(template), `${randomUUID()}.db`);
copyFileSync(template, copy);
process.env.DATABASE_URL = `file:${copy}`;
