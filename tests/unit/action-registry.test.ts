import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actionRegistry } from "@/lib/actions/define";
import { PERMISSION_NAMES } from "@/lib/auth/policy";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.parentPath.includes("generated"))
    .map((e) => path.join(e.parentPath, e.name));
}

const actionModules = sourceFiles("lib").filter((file) => /^["']use server["'];/m.test(readFileSync(file, "utf8")));

describe("the action registry", () => {
  it("holds every server action of the app, each under its own name, with a known permission", async () => {
    for (const file of actionModules) await import(file);
    await import("@/lib/users/setup");
    const declared = sourceFiles("lib")
      .flatMap((file) => [...readFileSync(file, "utf8").matchAll(/defineAction\(\{\s*name:\s*"([^"]+)"/g)].map((m) => m[1]!));
    expect(new Set(declared).size, "action names are unique").toBe(declared.length);
    for (const name of declared) expect(actionRegistry.has(name), name).toBe(true);
    expect(actionRegistry.size).toBe(declared.length + 1); // + first-admin setup
    for (const [name, entry] of actionRegistry) {
      expect(entry.permission === "public" || PERMISSION_NAMES.includes(entry.permission), name).toBe(true);
    }
    expect([...actionRegistry].filter(([, e]) => e.permission === "public").map(([n]) => n)).toEqual(["setup.create_first_admin"]);
  });

  it("exports from 'use server' modules only actions built by defineAction", async () => {
    for (const file of actionModules) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        expect(typeof value, `${path.relative(root, file)} ${name}`).toBe("function");
      }
    }
    expect(actionModules.map((f) => path.relative(root, f)).sort()).toEqual([
      "lib/changes/actions.ts",
      "lib/guide/actions.ts",
      "lib/incidents/actions.ts",
      "lib/procedures/actions.ts",
      "lib/procedures/import-actions.ts",
      "lib/runs/actions.ts",
      "lib/scheduling/actions.ts",
      "lib/servers/actions.ts",
      "lib/servers/demo-actions.ts",
    "lib/servers/variable-actions.ts",
      "lib/settings/actions.ts",
      "lib/tools/actions.ts",
      "lib/training/actions.ts",
      "lib/users/actions.ts",
      "lib/users/setup-actions.ts",
    ]);
  });
});
