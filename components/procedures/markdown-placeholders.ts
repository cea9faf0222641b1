// A remark plugin that fills placeholders into a procedure body (decision 033): in prose as plain
// values, in inline code and code blocks as PowerShell (renderCommand, so a value is a literal of
// its context). A placeholder without a value becomes a <var> element, which the Markdown component
// shows as a chip. It works on the parsed tree, so a value is never read as Markdown, and it never
// looks at raw HTML (which the renderer drops anyway) or at link targets.
import { renderCommand, renderText, type PlaceholderContext, type Segment } from "@/lib/procedures/placeholders";

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
  data?: Record<string, unknown>;
}

interface HastNode {
  type: "text" | "element";
  value?: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

/** What a missing value reads as: ‹server›. */
export const missingLabel = (label: string) => `‹${label}›`;

const missingElement = (label: string): HastNode => ({ type: "element", tagName: "var", properties: {}, children: [{ type: "text", value: missingLabel(label) }] });

function hastOf(segments: readonly Segment[]): HastNode[] {
  return segments.map((s) => (s.kind === "missing" ? missingElement(s.label) : { type: "text", value: s.text }));
}

/** The commands of a code span or block, one after another: ";" between them inline, a line break in a block. */
function codeChildren(code: string, ctx: PlaceholderContext | null, separator: string): HastNode[] {
  const rendered = renderCommand(code, ctx);
  return rendered.flatMap((r, i) => [...(i > 0 ? [{ type: "text" as const, value: separator }] : []), ...hastOf(r.segments)]);
}

function transform(node: MdNode, ctx: PlaceholderContext | null): void {
  if (!node.children) return;
  const out: MdNode[] = [];
  for (const child of node.children) {
    if (child.type === "text" && child.value?.includes("{{")) {
      for (const s of renderText(child.value, ctx)) {
        out.push(s.kind === "missing" ? { type: "placeholder", data: { hName: "var", hProperties: {}, hChildren: [{ type: "text", value: missingLabel(s.label) }] } } : { type: "text", value: s.text });
      }
      continue;
    }
    if (child.type === "inlineCode" && child.value?.includes("{{")) {
      child.data = { ...child.data, hChildren: codeChildren(child.value, ctx, "; ") };
    } else if (child.type === "code" && child.value?.includes("{{")) {
      child.data = { ...child.data, hChildren: codeChildren(child.value, ctx, "\n") };
    } else if (child.type !== "html") {
      transform(child, ctx);
    }
    out.push(child);
  }
  node.children = out;
}

/** remark plugin: `[remarkPlaceholders, { context }]`; a null context shows every placeholder as missing. */
export function remarkPlaceholders(options: { context: PlaceholderContext | null }) {
  return (tree: MdNode) => {
    transform(tree, options.context);
  };
}
