import type { ReactElement } from "react";
import ReactMarkdown, { defaultUrlTransform, type Options } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";

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
 */
export function Markdown({ source }: { source: string }) {
  return <div className="prose-ops">{render(source)}</div>;
}
