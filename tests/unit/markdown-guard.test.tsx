// The Markdown component never hands a body over the limits to the parser (decision 028): such a
// body, stored before the limits existed, is shown as preformatted text under a notice. The parser
// is wrapped here so that the test can see whether it was called at all.
import { describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { PATHOLOGICAL_BODIES } from "../support/pathological-markdown";

const parsed = vi.hoisted(() => ({ sources: [] as string[] }));
vi.mock("react-markdown", async (importOriginal) => {
  const real = await importOriginal<typeof import("react-markdown")>();
  const Wrapped = (options: Parameters<typeof real.default>[0]) => {
    parsed.sources.push(String(options.children ?? ""));
    return real.default(options);
  };
  return { ...real, default: Wrapped };
});

const { Markdown } = await import("@/components/markdown");

describe("Markdown over the limits", () => {
  it.each(Object.entries(PATHOLOGICAL_BODIES))("shows %s as plain text without parsing it", (_, body) => {
    parsed.sources.length = 0;
    const html = renderToStaticMarkup(<Markdown source={body} />);
    expect(parsed.sources).toEqual([]);
    expect(html).toContain('data-markdown="plain"');
    expect(html).toContain('role="note"');
    expect(html).toMatch(/shown unformatted/);
    expect(html).toMatch(/<pre[^>]*>/);
    // The text is all there, escaped: nothing of it became markup.
    expect(html).not.toMatch(/<(blockquote|ul|ol|li|em|strong)\b/);
  });

  it("escapes what a plain body holds", () => {
    const html = renderToStaticMarkup(<Markdown source={`<script>alert(1)</script>\n${"> ".repeat(30)}`} />);
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("names the line and the limit in the notice", () => {
    const html = renderToStaticMarkup(<Markdown source={"Intro\n\n" + "- ".repeat(40)} />);
    expect(html).toMatch(/Line (<!-- -->)?3(<!-- -->)?: (<!-- -->)?This line opens more than 20 block quotes and list levels/);
  });

  it("parses a body within the limits, once per source", () => {
    parsed.sources.length = 0;
    const source = `Within the limits ${Math.random()}\n\n> quoted\n\n- **item**`;
    const first = renderToStaticMarkup(<Markdown source={source} />);
    const second = renderToStaticMarkup(<Markdown source={source} />);
    expect(first).toContain("<blockquote>");
    expect(first).toContain("<strong>item</strong>");
    expect(second).toBe(first);
    expect(parsed.sources).toEqual([source]);
  });

  it("parses the deepest nesting the limits allow quickly enough to render at all", () => {
    // 20 levels on each of 50 lines is the most the marker budget allows on a line this deep.
    const html = renderToStaticMarkup(<Markdown source={("> - ".repeat(10) + "a\n").repeat(50)} />);
    expect(html).toContain("<blockquote>");
  });
});
