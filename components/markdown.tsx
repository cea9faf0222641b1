import type { ReactElement } from "react";
import ReactMarkdown, { defaultUrlTransform, type Options } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { markdownProblem } from "@/lib/markdown/limits";
import type { PlaceholderContext } from "@/lib/procedures/placeholders";
import { remarkPlaceholders } from "@/components/procedures/markdown-placeholders";

const OPTIONS: Omit<Options, "children"> = {
  remarkPlugins: [remarkGfm],
  rehypePlugins: [rehypeSanitize],
  skipHtml: true,
  urlTransform: (url) => {
    const safe = defaultUrlTransform(url);
    return /^(https?:|mailto:|\/|#)/i.test(safe) || !/^[a-z][a-z0-9+.-]*:/i.test(safe) ? safe : "";
  },
  components: {
    a: ({ node: _node, ...props }) => <a {...props} rel="noopener noreferrer nofollow" />,
    // Only the placeholder plugin makes <var> (raw HTML is never rendered): a value not set.
    var: ({ node: _node, children }) => (
      <var title="Not set for this server: fill it in" className="rounded bg-amber-100 px-1 font-sans not-italic text-amber-950">
        {children}
      </var>
    ),
  },
};

/** The options for a body with placeholders: the same, with the placeholders filled in. */
function optionsFor(context: PlaceholderContext | null): Omit<Options, "children"> {
  return { ...OPTIONS, remarkPlugins: [remarkGfm, [remarkPlaceholders, { context }]] };
}

// Parsing Markdown is the dearest step of a run page, and a published version's body never
// changes, so the rendered tree of the most recent sources is kept (React elements are immutable
// and may be rendered again). The editor's preview shares it; the bound keeps typing from growing it.
const KEPT = 100;
const rendered = new Map<string, ReactElement>();

/** undefined: placeholders stay as written; null or a context: filled in (null shows them all as not set). */
type Placeholders = PlaceholderContext | null | undefined;

/** The cache key: the source alone when nothing in it is filled in. */
function keyOf(source: string, placeholders: Placeholders): string {
  return placeholders === undefined || !source.includes("{{") ? source : `${source}\u0000${JSON.stringify(placeholders)}`;
}

function render(source: string, placeholders: Placeholders): ReactElement {
  const key = keyOf(source, placeholders);
  let tree = rendered.get(key);
  if (tree) {
    rendered.delete(key);
  } else {
    const options = placeholders === undefined || !source.includes("{{") ? OPTIONS : optionsFor(placeholders);
    // The synchronous react-markdown component uses no hooks, so calling it yields its tree.
    tree = ReactMarkdown({ ...options, children: source }) as ReactElement;
    if (rendered.size >= KEPT) rendered.delete(rendered.keys().next().value!);
  }
  rendered.set(key, tree);
  return tree;
}

/**
 * Renders procedure Markdown safely: raw HTML in the source is never rendered (react-markdown
 * drops it without rehype-raw), the output tree is sanitised as a second line of defence, and
 * links may only use http(s), mailto or relative URLs. With `placeholders`, {{…}} in text and code
 * are filled in for that server (components/procedures/markdown-placeholders.ts).
 *
 * Only text within the Markdown limits (decision 028) reaches the parser. A body saved before the
 * limits existed, or written into the database some other way, may be over them; it is shown as
 * it is, in a preformatted block, under a notice, and never parsed.
 */
export function Markdown({ source, placeholders }: { source: string; placeholders?: PlaceholderContext | null }) {
  const tree = rendered.get(keyOf(source, placeholders));
  if (tree) return <div className="prose-ops">{render(source, placeholders)}</div>;
  const problem = markdownProblem(source);
  if (problem) return <PlainText source={source} line={problem.line} reason={problem.message} />;
  return <div className="prose-ops">{render(source, placeholders)}</div>;
}

function PlainText({ source, line, reason }: { source: string; line: number; reason: string }) {
  return (
    <div className="prose-ops" data-markdown="plain">
      <div role="note" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <p>This text is shown unformatted: it goes beyond the limits of formatted Markdown, and should be edited to come within them.</p>
        <p>
          Line {line.toLocaleString("en-GB")}: {reason}
        </p>
      </div>
      <pre className="whitespace-pre-wrap break-words text-sm">{source}</pre>
    </div>
  );
}
