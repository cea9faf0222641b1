// Every regular expression written in the application's code (lib/, components/, app/, and the
// proxy) is analysed for catastrophic backtracking by recheck, which looks for inputs that make a
// backtracking engine take polynomial or exponential time and says which. A pattern it finds
// vulnerable fails this test unless it is listed below with the bound that makes it harmless; no
// time is measured. The patterns are found in the source by the TypeScript parser (regex literals,
// and `new RegExp` / `RegExp` with a literal string), so a new pattern is checked without anyone
// remembering to add it.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { checkSync } from "recheck";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DIRS = ["lib", "components", "app"];
const FILES = ["proxy.ts", "instrumentation.ts"];
const SKIP = new Set(["lib/generated"]);

/**
 * Patterns recheck calls vulnerable that are kept, with why they cannot be driven to a long run.
 * Keyed by file and source. Keep this empty where possible: rewriting the pattern is better.
 */
const BOUNDED: Record<string, string> = {
  'lib/audit/triggers.ts /^\\s*provider\\s*=\\s*"([^"]+)"/m':
    "reads prisma/migrations/migration_lock.toml, a file of the project's own (a few lines), never user input",
  "lib/procedures/seed-checks.ts /^([^\\\\(]+?)\\s*(?:\\(([^)]*)\\))?\\\\(.+)$/":
    "checks the counter paths of the library shipped in prisma/seed (a few dozen characters each) when the seed starts, never user input",
  'lib/procedures/seed-checks.ts /"(\\\\(?:\\\\[^\\\\"]+)?\\\\?[^\\\\"]+\\\\[^\\\\"]+)"/g':
    "finds counter paths in the commands of the library shipped in prisma/seed (a few hundred characters each) when the seed starts, never user input",
};

/** Files allowed to build a pattern at run time (from constants), and why. */
const BUILT_AT_RUN_TIME: Record<string, string> = {
  "lib/audit/triggers.ts": "trigger patterns assembled from constant pieces, applied to the project's own migration files",
  "lib/procedures/seed-checks.ts": "the demo servers' names, escaped, as whole-word patterns over the commands of the library shipped in prisma/seed",
};

interface Found {
  file: string;
  line: number;
  source: string;
  flags: string;
}

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    const rel = path.relative(ROOT, dir);
    if (SKIP.has(rel)) return;
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|tsx|mjs|js)$/.test(name)) out.push(full);
    }
  };
  for (const d of DIRS) walk(path.join(ROOT, d));
  for (const f of FILES) out.push(path.join(ROOT, f));
  return out;
}

function patternsIn(file: string): Found[] {
  const text = readFileSync(file, "utf8");
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : file.endsWith(".ts") ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: Found[] = [];
  const rel = path.relative(ROOT, file);
  const at = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = (node as ts.RegularExpressionLiteral).text;
      const end = literal.lastIndexOf("/");
      found.push({ file: rel, line: at(node), source: literal.slice(1, end), flags: literal.slice(end + 1) });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === "RegExp") {
      const [pattern, flags] = node.arguments ?? [];
      if (pattern && (ts.isStringLiteral(pattern) || ts.isNoSubstitutionTemplateLiteral(pattern))) {
        found.push({ file: rel, line: at(node), source: pattern.text, flags: flags && ts.isStringLiteral(flags) ? flags.text : "" });
      } else if (pattern && ts.isTaggedTemplateExpression(pattern) && ts.isNoSubstitutionTemplateLiteral(pattern.template)) {
        // String.raw`...`: the raw text is the pattern.
        found.push({ file: rel, line: at(node), source: pattern.template.rawText ?? pattern.template.text, flags: flags && ts.isStringLiteral(flags) ? flags.text : "" });
      } else {
        // A pattern built at run time cannot be analysed here: it must not exist.
        found.push({ file: rel, line: at(node), source: "<built at run time>", flags: "" });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const patterns = sourceFiles().flatMap(patternsIn);

describe("regular expressions in the application", () => {
  it("are found (the collector works)", () => {
    expect(patterns.length).toBeGreaterThan(50);
    expect(patterns.some((p) => p.file === "lib/procedures/schemas.ts" && p.source === "^[a-z0-9]+(-[a-z0-9]+)*$")).toBe(true);
  });

  it("are built from literals, so that each can be analysed", () => {
    expect(patterns.filter((p) => p.source === "<built at run time>" && !(p.file in BUILT_AT_RUN_TIME)).map((p) => `${p.file}:${p.line}`)).toEqual([]);
  });

  it("have no catastrophic backtracking (recheck finds none, or the pattern is listed with its bound)", () => {
    const vulnerable: string[] = [];
    for (const p of patterns) {
      if (p.source === "<built at run time>") continue;
      const result = checkSync(p.source, p.flags, { timeout: 10_000 });
      const key = `${p.file} /${p.source}/${p.flags}`;
      if (result.status === "vulnerable" && !(key in BOUNDED)) {
        vulnerable.push(`${p.file}:${p.line} /${p.source}/${p.flags} is ${result.complexity.type}; attack ${result.attack.pattern}`);
      } else if (result.status === "unknown") {
        vulnerable.push(`${p.file}:${p.line} /${p.source}/${p.flags} could not be analysed (${result.error.kind})`);
      }
    }
    expect(vulnerable).toEqual([]);
  }, 300_000);
});
