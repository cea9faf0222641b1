// Prints what decision 028's limits rest on: how far the seeded library is from each Markdown and
// front matter limit, how long the parser takes on the costliest bodies the limits still allow, and
// the longest the event loop is held while the import reads and parses a large upload. Figures, not
// assertions: run with `npm run measure:markdown`.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { renderToStaticMarkup } from "react-dom/server";
import ReactMarkdown from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { strToU8, zipSync } from "fflate";
import { MARKDOWN_LIMITS as L, markdownProblem, type MarkdownLimits } from "@/lib/markdown/limits";
import { frontMatterProblem, FRONT_MATTER_LIMITS, parseProcedureFilesInTurns, readUploads, serializeProcedure } from "@/lib/procedures/files";
import { ProcedureContentSchema } from "@/lib/procedures/schemas";
import { seedProcedures } from "@/prisma/seed/library";
import type { SeedProcedure } from "@/prisma/seed/types";

// lib/procedures/seed.ts is server-only, and react-dom/server is refused under react-server.
const seedContentOf = (p: SeedProcedure) => ProcedureContentSchema.parse({ ...p, relatedSmfs: p.relatedSmfs ?? [] });

function parseMs(src: string): string {
  if (markdownProblem(src)) return "refused";
  const t0 = performance.now();
  renderToStaticMarkup(
    <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSanitize]} skipHtml>
      {src}
    </ReactMarkdown>,
  );
  return `${(performance.now() - t0).toFixed(0)} ms`;
}

/** The smallest value of one limit the seeded body still passes. */
function needed(body: string, key: keyof MarkdownLimits): number {
  const open: MarkdownLimits = { chars: 1e9, lines: 1e9, depth: 1e9, markers: 1e9, delimitersPerBlock: 1e9, delimiters: 1e9, tableColumns: 1e9, tableCells: 1e9 };
  let value = 0;
  while (markdownProblem(body, { ...open, [key]: value }) !== null) value++;
  return value;
}

async function main() {
  console.log("Seeded library (%d procedures): the most any body needs, against the limit", seedProcedures.length);
  for (const key of Object.keys(L) as (keyof MarkdownLimits)[]) {
    const most = key === "chars" ? Math.max(...seedProcedures.map((p) => p.body.length)) : Math.max(...seedProcedures.map((p) => needed(p.body, key)));
    console.log(`  ${key.padEnd(20)} ${String(most).padStart(6)} of ${L[key]}`);
  }
  const fronts = seedProcedures.map((p) => {
    const text = serializeProcedure(seedContentOf(p));
    return text.slice(4, text.indexOf("\n---\n"));
  });
  console.log(`  front matter chars   ${Math.max(...fronts.map((f) => f.length))} of ${FRONT_MATTER_LIMITS.chars}`);
  console.log(`  front matter : ? , { ${Math.max(...fronts.map((f) => [...f].filter((c) => ":?,{".includes(c)).length))} of ${FRONT_MATTER_LIMITS.separators}`);
  console.log(`  (every front matter passes: ${fronts.every((f) => frontMatterProblem(f) === null)})`);

  parseMs("warm up *a* > b"); // the first parse loads and compiles the parser
  console.log("\nParser time on bodies at the limits (renderToStaticMarkup of react-markdown + GFM + sanitize)");
  const cases: [string, string][] = [
    ["seeded bodies joined, 20,000 chars", seedProcedures.map((p) => p.body).join("\n\n").slice(0, L.chars)],
    ["lazy lines under 20 quotes", "> ".repeat(20) + "a\n" + "b\n".repeat(L.lines - 2)],
    ["1,000 markers, 20 per line", ("> - ".repeat(10) + "a\n").repeat(L.markers / 20)],
    ["1,000 list items", "- a\n".repeat(L.markers)],
    ["2,000 emphasis markers, 200 a block", ("*a".repeat(100) + "\n\n").repeat(L.delimiters / L.delimitersPerBlock)],
    ["table 32 columns, 2,000 cells", "|" + "a|".repeat(32) + "\n|" + "-|".repeat(32) + "\n" + "a\n".repeat(60)],
    ["links, 20,000 chars", "[a](b) [c](d) [e](f)\n".repeat(950)],
    ["code spans, 20,000 chars", ("`a".repeat(24) + "\n").repeat(400)],
    ["images, 20,000 chars", ("![a](b ".repeat(7) + "\n").repeat(400)],
  ];
  for (const [label, src] of cases) console.log(`  ${label.padEnd(40)} ${parseMs(src)}`);
  console.log("\nUnguarded, the bodies that brought the server down are refused in");
  for (const [label, src] of [["50,000 nested block quotes", ">".repeat(50_000)], ["48,000 emphasis markers", "*a".repeat(24_000)]] as const) {
    const t0 = performance.now();
    markdownProblem(src);
    console.log(`  ${label.padEnd(40)} ${(performance.now() - t0).toFixed(2)} ms`);
  }

  // Twenty 1 MiB files and one with 30,000 keys: the longest single hold of the loop while reading and parsing in turns.
  const big = `${serializeProcedure(seedContentOf(seedProcedures[0]!))}\n${"x".repeat(1024 * 1024 - 8_000)}`;
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < 20; i++) files[`f${i}.md`] = strToU8(big);
  files["keys.md"] = strToU8(`---\n${Array.from({ length: 30_000 }, (_, i) => `${i.toString(36)}: 1`).join("\n")}\n---\n`);
  const archive = zipSync(files);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = performance.now();
  const read = await readUploads([{ name: "big.zip", data: archive }]);
  const parsed = await parseProcedureFilesInTurns(read.files);
  delay.disable();
  console.log(`\nImport of 20 × 1 MiB files and one of 30,000 keys (${(archive.length / 1e6).toFixed(1)} MB zipped): ${(performance.now() - t0).toFixed(0)} ms in all, longest hold of the event loop ${(delay.max / 1e6).toFixed(0)} ms; ${parsed.problems.length} problems`);
}

void main();
