import ReactMarkdown, { defaultUrlTransform } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";

/**
 * Renders procedure Markdown safely: raw HTML in the source is never rendered (react-markdown
 * drops it without rehype-raw), the output tree is sanitised as a second line of defence, and
 * links may only use http(s), mailto or relative URLs.
 */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="prose-ops">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeSanitize]}
        skipHtml
        urlTransform={(url) => {
          const safe = defaultUrlTransform(url);
          return /^(https?:|mailto:|\/|#)/i.test(safe) || !/^[a-z][a-z0-9+.-]*:/i.test(safe) ? safe : "";
        }}
        components={{
          a: ({ node: _node, ...props }) => <a {...props} rel="noopener noreferrer nofollow" />,
        }}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
