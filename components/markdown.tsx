import type { ReactElement } from "react";
import ReactMarkdown, { defaultUrlTransform, type Options } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { markdownProblem } from "@/lib/markdown/limits";

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
  },
};

// Parsing Markdown is the dearest step of a run page, and a published version's body never
// changes, so the rendered tree of the most recent sources is kept (React elements are immutable
// and may be rendered again). The editor's preview shares it; the bound keeps typing from growing it.
const KEPT = 100;
const rendered = new Map<string, ReactElement>();

function render(source: string): ReactElement {
  let tree = rendered.get(source);
  if (tree) {
    rendered.delete(source);
  } else {
    // The synchronous react-markdown component uses no hooks, so calling it yields its tree.
    tree = ReactMarkdown({ ...OPTIONS, children: source }) as ReactElement;
    if (rendered.size >= KEPT) rendered.delete(rendered.keys().next().value!);
  }
  rendered.set(source, tree);
  return tree;
}

/**
 * Renders procedure Markdown safely: raw HTML in the source is never rendered (react-markdown
 * drops it without rehype-raw), the output tree is sanitised as a second line of defence, and
 * links may only use http(s), mailto or relative URLs.
 *
 * Only text within the Markdown limits (decision 028) reaches the parser. A body saved before the
 * limits existed, or written into the database some other way, may be over them; it is shown as
 * it is, in a preformatted block, under a notice, and never parsed.
 */
export function Markdown({ source }: { source: string }) {
  const tree = rendered.get(source);
  if (tree) return <div className="prose-ops">{render(source)}</div>;
  const problem = markdownProblem(source);
  if (problem) return <PlainText source={source} line={problem.line} reason={problem.message} />;
  return <div className="prose-ops">{render(source)}</div>;
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
